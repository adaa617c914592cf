"""The CLI's commands (imported only when one runs)."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from mnist_desktop import cli, paths


class UserError(Exception):
    """A failure to report in one line, without a traceback."""


def _print(obj, as_json: bool, text: str | None = None) -> None:
    print(json.dumps(obj, ensure_ascii=False) if as_json else (text if text is not None else obj), flush=True)


def _load_mnist(data_dir, train: bool):
    from mnist_desktop import data

    try:
        return data.load_split(train, data_dir)
    except data.DataError as exc:
        raise UserError(str(exc)) from None


def _load_model(path):
    from mnist_desktop.checkpoint import CheckpointError
    from mnist_desktop.recognizer import Recognizer

    try:
        return Recognizer.load(path)
    except CheckpointError as exc:
        raise UserError(str(exc)) from None


def _is_shipped(path: Path) -> bool:
    try:
        return path.resolve() == Path(str(paths.shipped_model())).resolve()
    except OSError:
        return False


def train(args, argv) -> int:
    import torch

    from mnist_desktop import checkpoint, training

    base = training.PRESETS[args.preset]
    overrides = {k: v for k, v in {
        "arch": args.arch, "epochs": args.epochs,
        "batch_size": args.batch_size, "lr": args.lr, "augment": args.augment,
        "optimizer": args.optimizer, "seed": args.seed, "device": args.device,
    }.items() if v is not None}
    config = dataclasses.replace(base, **overrides)
    try:
        config.validate()
    except ValueError as exc:
        raise UserError(str(exc)) from None
    out = Path(args.out) if args.out else paths.models_dir() / f"{config.arch}-{_stamp()}.pt"
    if _is_shipped(out):
        raise UserError("the shipped model is never overwritten; choose another --out")

    train_set = _load_mnist(args.data, True)
    if args.limit:
        train_set = (train_set[0][:args.limit], train_set[1][:args.limit])
    test_set = _load_mnist(args.data, False)
    as_json = args.json

    def on_step(info):
        if as_json:
            _print(info, True)
        else:
            print(f"\repoch {info['epoch']} step {info['step']}/{info['total_steps']} "
                  f"loss {info['loss']:.4f} {info['samples_per_s']:.0f} samples/s",
                  end="", file=sys.stderr, flush=True)

    def on_epoch(info):
        if as_json:
            _print(info, True)
        else:
            print(f"\repoch {info['epoch']}: test accuracy {info['test_acc']:.4%} "
                  f"({info['train_s']:.1f} s training)" + " " * 20, flush=True)

    result = training.fit(config, train_set, test_set, on_step=on_step, on_epoch=on_epoch)
    if result.cancelled or result.test is None:
        raise UserError("training was cancelled; nothing saved")
    meta = checkpoint.make_meta(
        config.arch, test_acc=result.test.accuracy, test_loss=result.test.loss,
        per_class=result.test.per_class, config=config.to_dict(), command=cli.command_line(argv),
        train_samples=len(train_set[0]), train_s=result.history[-1]["train_s"],
        history=result.history, device=str(training.pick_device(config.device)),
        threads=torch.get_num_threads())
    checkpoint.save(out, result.model, meta)
    _print({"done": True, "test_acc": result.test.accuracy, "out": str(out),
            "train_s": result.history[-1]["train_s"], "elapsed_s": result.elapsed_s}, as_json,
           f"saved {out} (test accuracy {result.test.accuracy:.2%})")
    return 0


def _stamp() -> str:
    import datetime as dt

    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def predict(args, argv) -> int:
    from mnist_desktop.imageio import ImageError

    rec = _load_model(args.model)
    for name in args.images:
        try:
            result = rec.read(name)
        except ImageError as exc:
            _print({"file": name, "status": "error", "text": "", "digits": [], "error": str(exc)},
                   args.json, f"{name}: error: {exc}")
            continue
        except MemoryError:
            _print({"file": name, "status": "error", "text": "", "digits": [], "error": "out of memory"},
                   args.json, f"{name}: error: out of memory")
            continue
        obj = result.to_json(name)
        if args.json:
            _print(obj, True)
        elif result.status == "no_digit":
            print(f"{name}: no digit found")
        else:
            confs = " ".join(f"{d.digit}:{d.confidence:.2f}" for d in result.digits)
            print(f"{name}: {result.text}  ({confs}){'  unsure' if result.unsure else ''}")
    return 0


def evaluate(args, argv) -> int:
    from mnist_desktop import training

    rec = _load_model(args.model)
    images, labels = _load_mnist(args.data, False)
    ev = training.evaluate(rec.checkpoint.model, images, labels)
    out = {"model": rec.checkpoint.path, "samples": len(labels), **ev.summary()}
    if args.json:
        _print(out, True)
        return 0
    print(f"model: {rec.checkpoint.path}")
    print(f"MNIST test accuracy: {ev.accuracy:.2%} on {len(labels)} images, loss {ev.loss:.4f}")
    print("per class: " + "  ".join(f"{d}:{a:.2%}" for d, a in enumerate(ev.per_class)))
    print("confusion (rows true, columns predicted):")
    print("      " + " ".join(f"{d:>5}" for d in range(10)))
    for d, row in enumerate(ev.confusion):
        print(f"  {d}:  " + " ".join(f"{v:>5}" for v in row))
    return 0
