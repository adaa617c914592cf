"""`mnist-desktop [gui|predict|train|evaluate|...]`: the contracts in DESIGN.md.

Heavy imports (torch, Qt) happen inside the commands, so `--help` and `--version`
answer at once.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shlex
import sys

from mnist_desktop import __version__

log = logging.getLogger("mnist_desktop")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit status 2 for bad arguments, as argparse does, with our name
        self.print_usage(sys.stderr)
        self.exit(2, f"mnist-desktop: error: {message}\n")


def _emit(obj: dict | str, as_json: bool) -> None:
    print(json.dumps(obj, ensure_ascii=False) if as_json else obj, flush=True)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="mnist-desktop", description="Read handwritten digits and numbers; train the model.")
    p.add_argument("--version", action="version", version=f"mnist-desktop {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    g = sub.add_parser("gui", help="open the window (the default)")
    g.add_argument("image", nargs="?", help="an image to open at start")

    pr = sub.add_parser("predict", help="read the digits in images")
    pr.add_argument("images", nargs="+", metavar="IMAGE")
    pr.add_argument("--model", metavar="FILE", help="checkpoint to use (default: the active model)")
    fmt = pr.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON object per line")
    fmt.add_argument("--csv", action="store_true",
                     help="one row per line of writing, one cell per number (a table comes back as a "
                          "table); with several images each row starts with the file name")

    ev = sub.add_parser("evaluate", help="MNIST test accuracy of a model")
    ev.add_argument("--model", metavar="FILE")
    ev.add_argument("--data", metavar="DIR", help="folder with the MNIST files (or $MNIST_DESKTOP_DATA)")
    ev.add_argument("--json", action="store_true")

    tr = sub.add_parser("train", help="train a model on MNIST")
    _add_train_args(tr)

    sm = sub.add_parser("samples", help="your corrected samples (for fine-tuning)")
    ssub = sm.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = ssub.add_parser("add", help="store the digits of images with the labels you give")
    add.add_argument("images", nargs="+", metavar="IMAGE")
    add.add_argument("--label", required=True, metavar="TEXT", help='what each image shows: "7", or "2026"')
    add.add_argument("--json", action="store_true")
    ls = ssub.add_parser("list", help="list stored samples")
    ls.add_argument("--json", action="store_true")
    ex = ssub.add_parser("export", help="write all samples to a zip (PNG files + labels.csv)")
    ex.add_argument("file", metavar="FILE.zip")
    im = ssub.add_parser("import", help="add the samples of an exported zip (duplicates skipped)")
    im.add_argument("file", metavar="FILE.zip")
    cl = ssub.add_parser("clear", help="delete all samples")
    cl.add_argument("--yes", action="store_true", help="really delete them")

    ft = sub.add_parser("finetune", help="fine-tune the active model on your samples")
    ft.add_argument("--epochs", type=int, default=1)
    ft.add_argument("--out", metavar="FILE", help="where to save (default: your models folder)")
    ft.add_argument("--data", metavar="DIR")
    ft.add_argument("--json", action="store_true")
    return p


def _add_train_args(tr: argparse.ArgumentParser) -> None:
    # Names checked when the command runs: importing models here would load torch
    # for every --help and --version.
    tr.add_argument("--arch", default=None, help="mnistnet, midnet, quicknet, cnn_001, cnn_004, mlp_000 or "
                                                 "mlp_003 (default: the preset's)")
    tr.add_argument("--epochs", type=int, default=None, help="default: the preset's")
    tr.add_argument("--batch-size", type=int, default=None)
    tr.add_argument("--lr", type=float, default=None)
    tr.add_argument("--optimizer", choices=["sgd", "adam"], default=None)
    tr.add_argument("--augment", action=argparse.BooleanOptionalAction, default=None)
    tr.add_argument("--augment-strength", choices=["full", "light"], default=None,
                    help="full: affine, elastic and stroke width; light: affine only (faster)")
    tr.add_argument("--pen", type=float, default=None, metavar="SHARE",
                    help="share of each batch redrawn with a constant-width pen, 0-1 (as drawings are)")
    tr.add_argument("--touching", type=float, default=None, metavar="SHARE",
                    help="share of each batch that is 2-3 digits touching, 0-0.5 (teaches the model "
                         "to say 'several digits', so numbers are cut apart right)")
    tr.add_argument("--init", metavar="FILE", help="start from this checkpoint's weights (its architecture)")
    tr.add_argument("--preset", choices=["fast", "best", "shipped"], default="best",
                    help="starting values that the other options override (default: best)")
    tr.add_argument("--seed", type=int, default=0)
    tr.add_argument("--device", default="auto", help="auto, cpu, cuda, mps")
    tr.add_argument("--data", metavar="DIR")
    tr.add_argument("--limit", type=int, default=None, help="train on the first N images only (quick trials)")
    tr.add_argument("--out", metavar="FILE", help="where to save (default: your models folder)")
    tr.add_argument("--json", action="store_true", help="JSON lines: progress, epochs, the result")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    command = args.command or "gui"
    if command == "predict" and sys.stdout is not None:
        # File names and JSON may hold any unicode; never die on a narrow console.
        sys.stdout.reconfigure(errors="replace")
    if command == "gui":
        return _gui(getattr(args, "image", None))
    from mnist_desktop import commands

    try:
        return getattr(commands, command)(args, argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except commands.UserError as exc:
        print(f"mnist-desktop: {exc}", file=sys.stderr)
        return 1


def _gui(image: str | None) -> int:
    from mnist_desktop.gui.app import run

    return run(image)


def gui_main() -> int:
    """Entry point of the windowed `mnist-desktop-gui` (no console on Windows)."""
    if sys.stdout is None:  # pythonw: there is nowhere to print to
        sys.stdout = sys.stderr = open(os.devnull, "w")
    return main(["gui", *sys.argv[1:]])


def command_line(argv: list[str]) -> str:
    return "mnist-desktop " + shlex.join(argv)
