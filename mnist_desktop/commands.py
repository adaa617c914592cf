"""The CLI's commands (imported only when one runs)."""

from __future__ import annotations

import csv
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
    from mnist_desktop.learning import data

    try:
        return data.load_split(train, data_dir)
    except data.DataError as exc:
        raise UserError(str(exc)) from None


def _load_model(path):
    from mnist_desktop.checkpoint import CheckpointError
    from mnist_desktop.reading.recognizer import Recognizer

    try:
        return Recognizer.load(path)
    except CheckpointError as exc:
        raise UserError(str(exc)) from None


def _out_path(out: str | None, prefix: str) -> Path:
    """--out, or a fresh name in the models folder; the shipped model is refused
    before any training starts, not only when saving."""
    path = Path(out) if out else paths.new_model_path(prefix)
    if paths.is_shipped(path):
        raise UserError("the shipped model is never overwritten; choose another --out")
    return path


def train(args, argv) -> int:
    import torch

    from mnist_desktop import checkpoint
    from mnist_desktop.learning import training

    base = training.PRESETS[args.preset]
    overrides = {k: v for k, v in {
        "arch": args.arch, "epochs": args.epochs,
        "batch_size": args.batch_size, "lr": args.lr, "augment": args.augment,
        "augment_strength": args.augment_strength, "pen": args.pen, "touching": args.touching,
        "optimizer": args.optimizer, "seed": args.seed, "device": args.device,
    }.items() if v is not None}
    init = None
    if args.init:
        init = _load_model(args.init).checkpoint
        if args.arch not in (None, init.arch):
            raise UserError(f"--init is a {init.arch} model; it cannot start a {args.arch}")
        overrides["arch"] = init.arch
    config = dataclasses.replace(base, **overrides)
    try:
        config.validate()
    except ValueError as exc:
        raise UserError(str(exc)) from None
    out = _out_path(args.out, config.arch)

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

    result = training.fit(config, train_set, test_set, on_step=on_step, on_epoch=on_epoch,
                          init_state=init.model.state_dict() if init else None)
    if result.cancelled or result.test is None:
        raise UserError("training was cancelled; nothing saved")
    meta = checkpoint.make_meta(
        config.arch, test_acc=result.test.accuracy, test_loss=result.test.loss,
        per_class=result.test.per_class, config=config.to_dict(), command=cli.command_line(argv),
        **({"init": init.meta.get("command")} if init else {}),
        train_samples=len(train_set[0]), train_s=result.history[-1]["train_s"],
        history=result.history, device=str(training.pick_device(config.device)),
        threads=torch.get_num_threads())
    checkpoint.save(out, result.model, meta)
    _print({"done": True, "test_acc": result.test.accuracy, "out": str(out),
            "train_s": result.history[-1]["train_s"], "elapsed_s": result.elapsed_s}, as_json,
           f"saved {out} (test accuracy {result.test.accuracy:.2%})")
    return 0


def predict(args, argv) -> int:
    from mnist_desktop.reading.imageio import ImageError

    rec = _load_model(args.model)
    table = csv.writer(sys.stdout, lineterminator="\n") if getattr(args, "csv", False) else None
    for name in args.images:
        try:
            result = rec.read(name)
        except (ImageError, MemoryError) as exc:
            error = str(exc) if isinstance(exc, ImageError) else "out of memory"
            if table is not None:
                print(f"{name}: error: {error}", file=sys.stderr)
                continue
            _print({"file": name, "status": "error", "text": "", "digits": [], "error": error},
                   args.json, f"{name}: error: {error}")
            continue
        if table is not None:
            for row in result.rows():
                table.writerow([name, *row] if len(args.images) > 1 else row)
            if result.status == "no_digit":
                print(f"{name}: no digit found", file=sys.stderr)
        elif args.json:
            _print(result.to_json(name), True)
        elif result.status == "no_digit":
            print(f"{name}: no digit found")
        else:
            # One printed line per line of writing.
            for line in result.lines or [None]:
                ds = result.digits if line is None else [result.digits[i] for n in line.numbers for i in n.digits]
                text = result.text if line is None else " ".join(n.text for n in line.numbers)
                confs = " ".join(f"{d.digit}:{d.confidence:.2f}" for d in ds)
                print(f"{name}: {text}  ({confs}){'  unsure' if any(d.unsure for d in ds) else ''}")
    sys.stdout.flush()
    return 0


def evaluate(args, argv) -> int:
    from mnist_desktop.learning import training

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


def _store():
    from mnist_desktop.samples import SampleStore, StoreError

    try:
        return SampleStore()
    except StoreError as exc:
        raise UserError(str(exc)) from None


def samples(args, argv) -> int:
    from mnist_desktop.samples import StoreError

    try:
        return {"add": _samples_add, "list": _samples_list, "export": _samples_export,
                "import": _samples_import, "clear": _samples_clear}[args.action](args)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def _samples_add(args) -> int:
    from mnist_desktop.reading.imageio import ImageError
    from mnist_desktop.samples import pair_digits, samples_from_reading

    rec = _load_model(None)
    store = _store()
    failed = False
    for name in args.images:
        try:
            result = rec.read(name)
            labels = pair_digits(args.label, len(result.digits))
        except (ImageError, ValueError) as exc:
            _print({"file": name, "status": "error", "stored": [], "error": str(exc)}, args.json, f"{name}: {exc}")
            failed = True
            continue
        batch = samples_from_reading(result.digits, labels, name, "cli")
        ids = store.add(batch)
        stored = [{"id": i, "label": s.label, "predicted": s.predicted} for i, s in zip(ids, batch)]
        _print({"file": name, "status": "ok", "stored": stored, "error": None}, args.json,
               f"{name}: stored {' '.join(str(s.label) for s in batch)}"
               + (f" ({ids.count(None)} already there)" if None in ids else ""))
    return 1 if failed else 0


def _samples_list(args) -> int:
    store = _store()
    items = store.all()
    if args.json:
        for s in items:
            _print(s.to_json(), True)
        return 0
    counts = store.counts()
    print(f"{len(items)} samples in {store.path}")
    print("per digit: " + "  ".join(f"{d}:{n}" for d, n in enumerate(counts)))
    for s in items:
        guess = "" if s.predicted is None else f" (model said {s.predicted})"
        print(f"  #{s.id}: {s.label}{guess}, {s.source}, {s.created}")
    return 0


def _samples_export(args) -> int:
    n = _store().export_zip(args.file)
    print(f"exported {n} samples to {args.file}")
    return 0


def _samples_import(args) -> int:
    added, skipped = _store().import_zip(args.file)
    print(f"imported {added} samples from {args.file} ({skipped} duplicates skipped)")
    return 0


def _samples_clear(args) -> int:
    if not args.yes:
        raise UserError("this deletes every saved sample; run again with --yes to confirm")
    print(f"deleted {_store().clear()} samples")
    return 0


def finetune(args, argv) -> int:
    from mnist_desktop import checkpoint
    from mnist_desktop.learning import finetune as ft

    if args.epochs < 1:
        raise UserError("--epochs must be at least 1")
    out = _out_path(args.out, "finetuned")
    base = _load_model(None).checkpoint
    items = _store().all()
    try:
        ft.check(items)
    except ft.NotEnoughSamples as exc:
        raise UserError(str(exc)) from None
    mnist_train, mnist_test = _load_mnist(args.data, True), _load_mnist(args.data, False)
    emit = (lambda info: _print(info, True)) if args.json else None
    result = ft.finetune(base, items, mnist_train, mnist_test, epochs=args.epochs, on_step=emit, on_epoch=emit)
    summary = result.summary()
    meta = checkpoint.make_meta(
        base.meta["arch"], test_acc=result.mnist_after, command=cli.command_line(argv),
        finetuned_from=str(base.path), config=result.fit.config.to_dict(), source="finetune", **summary)
    checkpoint.save(out, result.fit.model, meta)
    final = {"done": True, "out": str(out), "train_s": result.fit.history[-1]["train_s"], **summary}
    if args.json:
        _print(final, True)
    else:
        def pct(v):
            return "n/a (too few samples to hold any back)" if v is None else f"{v:.2%}"
        print(f"MNIST test accuracy: {pct(result.mnist_before)} -> {pct(result.mnist_after)}")
        print(f"your held-out samples: {pct(result.personal_before)} -> {pct(result.personal_after)}")
        print(f"saved {out}")
    return 0
