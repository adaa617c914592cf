"""The learner's lab commands: `seeds` (the tutorials side by side) and `explain`
(inside the network). Imported by commands.py; torch loads only when one runs."""

from __future__ import annotations

import sys
import time

from mnist_desktop.commands import UserError, _load_mnist, _load_model, _print

BAR = 24


def _bar(done: float, text: str) -> None:
    filled = int(round(BAR * max(0.0, min(done, 1.0))))
    print(f"\r[{'#' * filled}{'.' * (BAR - filled)}] {text}\033[K", end="", file=sys.stderr, flush=True)


def _table_line(row: dict) -> str:
    return (f"{row['seed']:>4}  {row['name']:<36} {row['parameters']:>10,}  MNIST {row['test_acc']:.2%}  "
            f"drawings {row['canvas_acc']:.1%}  photos {row['photo_acc']:.1%}  {row['train_s']:.0f} s")


def seeds(args, argv) -> int:
    from mnist_desktop.learning import seeds as lab

    try:
        keys = lab.parse_only(args.only)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.drawings < 1:
        raise UserError("--drawings must be at least 1")
    train_set, test_set = _load_mnist(args.data, True), _load_mnist(args.data, False)
    show_bar = sys.stderr is not None and not args.no_progress
    start = time.perf_counter()
    done = 0
    try:
        if show_bar:
            _bar(0, f"making {args.drawings} drawings and {args.drawings} photos")
        bench = lab.Bench.make(*test_set, n=args.drawings)
        if not args.json:
            print(f"{'seed':>4}  {'model':<36} {'parameters':>10}")
        for n, key in enumerate(keys):
            config = lab.recipe(key, args.quick)

            def on_step(info, key=key, n=n, config=config):
                if show_bar:
                    frac = info["step"] / max(info["total_steps"], 1)
                    _bar((n + frac) / len(keys), f"seed {key}  epoch {info['epoch']}/{config.epochs}  "
                         f"loss {info['smoothed_loss']:.3f}  {done}/{len(keys)} done  "
                         f"{time.perf_counter() - start:.0f} s")

            row = lab.train_one(key, train_set, test_set, bench, args.quick, on_step=on_step)
            row.pop("misread")
            done += 1
            if show_bar:
                print("\r\033[K", end="", file=sys.stderr, flush=True)
            _print(row, args.json, _table_line(row))
    except KeyboardInterrupt:
        # Ctrl+C: the rows printed so far stay; say how far it got, no traceback.
        print(f"\r\033[Kinterrupted: {done} of {len(keys)} models finished", file=sys.stderr, flush=True)
        return 130
    return 0


def explain(args, argv) -> int:
    from mnist_desktop.learning import explain as inside
    from mnist_desktop.reading.imageio import ImageError

    rec = _load_model(args.model)
    try:
        result = rec.read(args.image)
    except ImageError as exc:
        raise UserError(f"{args.image}: {exc}") from None
    if not result.digits:
        raise UserError(f"{args.image}: no digit found")
    first = result.digits[0]
    # The torch network, layer by layer (the recognizer reads with its ONNX twin); the
    # same file the recognizer read with, the shipped one included when it stood in.
    ex = inside.explain(rec.checkpoint.model, first.input, rec.calibration.temperature)
    try:
        files = ex.write(args.out)
    except OSError as exc:
        raise UserError(f"cannot write to {args.out}: {exc.strerror or exc}") from None
    summary = {"file": args.image, "out": str(args.out), "digit": ex.digit,
               "confidence": round(max(ex.probabilities), 6),
               "probabilities": [round(p, 6) for p in ex.probabilities], "saliency": inside.METHOD,
               "files": files,
               "layers": [{"name": layer.name, "shape": layer.shape, "file": f"layer{i:02d}_{layer.name}.png"}
                          for i, layer in enumerate(ex.layers, 1)]}
    _print(summary, args.json, f"{args.image}: read {ex.digit} ({max(ex.probabilities):.0%}); wrote "
                               f"{len(files)} images to {args.out}")
    return 0
