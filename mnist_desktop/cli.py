"""`mnist-desktop [gui|predict|train|evaluate|...]`: the contracts in DESIGN.md.

Heavy imports (torch, Qt) happen inside the commands, so `--help` and `--version`
answer at once.
"""

from __future__ import annotations

import argparse
import logging
import os
import select
import sys

from mnist_desktop import __version__

log = logging.getLogger("mnist_desktop")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit status 2 for bad arguments, as argparse does, with our name
        self.print_usage(sys.stderr)
        self.exit(2, f"mnist-desktop: error: {message}\n")


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
    ex.add_argument("--force", action="store_true", help="replace FILE.zip if it is there (it may be a backup)")
    im = ssub.add_parser("import", help="add the samples of an exported zip (duplicates skipped)")
    im.add_argument("file", metavar="FILE.zip")
    cl = ssub.add_parser("clear", help="delete all samples")
    cl.add_argument("--yes", action="store_true", help="really delete them")

    md = sub.add_parser("model", help="the active model")
    msub = md.add_subparsers(dest="action", required=True, parser_class=_Parser)
    msub.add_parser("reset", help="go back to the shipped model")

    ft = sub.add_parser("finetune", help="fine-tune the active model on your samples")
    ft.add_argument("--epochs", type=int, default=1)
    ft.add_argument("--out", metavar="FILE", help="where to save (default: your models folder)")
    ft.add_argument("--data", metavar="DIR")
    ft.add_argument("--json", action="store_true")
    en = sub.add_parser("ensemble", help="models of one architecture, trained apart, as one (the mean of their logits)")
    en.add_argument("models", nargs="+", metavar="FILE", help="the members' checkpoints (2 for mnistnet2w, 3 for mnistnet2)")
    en.add_argument("--data", metavar="DIR", help="folder with the MNIST files (or $MNIST_DESKTOP_DATA)")
    en.add_argument("--out", metavar="FILE", help="where to save (default: your models folder)")
    en.add_argument("--json", action="store_true")
    _add_lab_args(sub)
    return p


def _add_lab_args(sub) -> None:
    sd = sub.add_parser("seeds", help="the five tutorials' models trained as they train them, then ours")
    sd.add_argument("--quick", action="store_true", help="one epoch on 10,000 images each (for tests and CI)")
    sd.add_argument("--only", metavar="LIST", help="seeds to run, e.g. 000,003,ours (default: all)")
    sd.add_argument("--data", metavar="DIR", help="folder with the MNIST files (or $MNIST_DESKTOP_DATA)")
    sd.add_argument("--json", action="store_true", help="one JSON line per model")
    sd.add_argument("--drawings", type=int, default=300, metavar="N",
                    help="drawings and photos each that every model is read on (default: 300)")
    sd.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    xp = sub.add_parser("explain", help="inside the network: input, saliency, layers, filters as PNGs")
    xp.add_argument("image", metavar="IMAGE")
    xp.add_argument("--out", required=True, metavar="DIR", help="folder to write the PNGs to")
    xp.add_argument("--model", metavar="FILE", help="checkpoint to use (default: the active model)")
    xp.add_argument("--json", action="store_true", help="a JSON summary: files, digit, probabilities")


def _add_train_args(tr: argparse.ArgumentParser) -> None:
    # Names checked when the command runs: importing models here would load torch
    # for every --help and --version.
    tr.add_argument("--arch", default=None, help="mnistnet2w, mnistnet2, mnistnet, midnet, quicknet, cnn_001, cnn_004, mlp_000 or "
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
    tr.add_argument("--styles", type=float, default=None, metavar="SHARE",
                    help="share of each batch in handwriting styles MNIST lacks (flagged 1s, crossed 7s, "
                         "open 4s, slants, hairline to marker pens), 0-0.5")
    tr.add_argument("--holdout", type=int, default=None, metavar="N",
                    help="keep N training digits aside to calibrate the confidence (default: the preset's)")
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
    command = args.command or "gui"
    # Configured once, here: the window logs what its jobs did (INFO); a command
    # prints its own output and logs only problems, unless asked for more.
    level = logging.DEBUG if args.verbose else logging.INFO if command == "gui" else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    from mnist_desktop import paths

    paths.remove_stale_temps()      # left by a save that was killed (issue 16)
    if command == "predict" and sys.stdout is not None:
        # File names and JSON may hold any unicode; never die on a narrow console.
        sys.stdout.reconfigure(errors="replace")
    if command == "gui":
        return _gui(getattr(args, "image", None))
    from mnist_desktop import commands, commands_lab       # the learner's lab (seeds, explain) has its own
    from mnist_desktop.errors import UserError

    try:
        return getattr(commands_lab if hasattr(commands_lab, command) else commands, command)(args, argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError as exc:
        if not _stdout_gone():
            print(f"mnist-desktop: {exc}", file=sys.stderr)      # another pipe broke (a download, a worker)
            return 1
        # Our reader went away (`samples list | head`): stop quietly, as other tools do;
        # stdout goes to nowhere so that the interpreter's final flush cannot fail again.
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
        os.close(nowhere)
        return 141
    except UserError as exc:
        print(f"mnist-desktop: {commands.printable(exc)}", file=sys.stderr)
        return 1


def _stdout_gone() -> bool:
    """Whether nobody reads our stdout any more (a pipe whose reader closed reports an error)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):    # no real stdout: the pipe was another
        return False
    if not hasattr(select, "poll"):                   # Windows: as every tool there assumes
        return True
    poll = select.poll()
    poll.register(fd, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poll.poll(0))


def _gui(image: str | None) -> int:
    from mnist_desktop.gui.app import run

    return run(image)


def gui_main() -> int:
    """Entry point of the windowed `mnist-desktop-gui` (no console on Windows)."""
    if sys.stdout is None:  # pythonw: there is nowhere to print to
        sys.stdout = sys.stderr = open(os.devnull, "w")
    return main(["gui", *sys.argv[1:]])
