"""The CLI's commands (imported only when one runs).

Failures the user can fix raise errors.UserError (or a subclass: DataError,
CheckpointError, StoreError, ...); cli.main prints them in one line.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import sys
from pathlib import Path

from mnist_desktop import paths
from mnist_desktop.errors import UserError


def printable(text) -> str:
    """`text` for a terminal: control characters (a file name may hold escape sequences
    that recolour or retitle the terminal) are shown as \\x1b and the like, not sent."""
    return "".join(c if c.isprintable() or c == " " else
                   (f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}") for c in str(text))


def _print(obj, as_json: bool, text: str | None = None) -> None:
    print(json.dumps(obj, ensure_ascii=False) if as_json else printable(text if text is not None else obj), flush=True)


def _load_mnist(data_dir, train: bool):
    """MNIST's training or test split; imported here so that commands without MNIST skip torch."""
    from mnist_desktop.learning import data

    return data.load_split(train, data_dir)


def _load_model(path):
    """The recognizer for --model (or the active model); no torch unless the checkpoint
    has no ONNX twin yet. A broken active model gives way to the shipped one, said on stderr."""
    from mnist_desktop.reading.recognizer import Recognizer

    def exporting():
        print("mnist-desktop: preparing the model for reading (once; it is kept in the cache folder)",
              file=sys.stderr, flush=True)

    rec = Recognizer.load(path, on_export=exporting)
    if rec.fallback:
        bad, why = rec.fallback
        print(f"mnist-desktop: the active model {bad} cannot be used ({why}); reading with the shipped "
              f"model instead. Run `mnist-desktop model reset` to make that permanent.", file=sys.stderr, flush=True)
    return rec


def _torch_model(path):
    """The torch checkpoint of --model (or the active model, or the shipped one in its
    stead), to train, fine-tune or evaluate."""
    return _load_model(path).checkpoint


def _out_path(out: str | None, prefix: str) -> Path:
    """--out, or a fresh name in the models folder; the shipped model is refused
    before any training starts, not only when saving."""
    path = Path(out) if out else paths.new_model_path(prefix)
    if paths.is_shipped(path):
        raise UserError("the shipped model is never overwritten; choose another --out")
    _check_writable(path)
    return path


def _check_writable(path: Path) -> None:
    """Refuse an --out that cannot be written before any training, not after it:
    a folder, a path under a file, a folder we may not write in."""
    if path.is_dir():
        raise UserError(f"--out {path} is a folder; give a file name such as {path / 'model.pt'}")
    if path.exists() and not path.is_file():
        raise UserError(f"--out {path} is not a regular file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, probe = paths.exclusive_temp(path.parent, paths.TEMP_PREFIX, paths.TEMP_SUFFIX)
        os.close(fd)
        probe.unlink()
    except OSError as exc:
        raise UserError(f"--out {path} cannot be written ({exc.strerror or exc})") from None


def _save(out: Path, model, meta: dict, prefix: str) -> Path:
    """Save to `out`; if that fails now (disk full, folder gone), save the work to the
    models folder instead and say where, rather than lose it."""
    from mnist_desktop import checkpoint

    try:
        return checkpoint.save(out, model, meta)
    except OSError as exc:
        fallback = paths.new_model_path(prefix)
        saved = checkpoint.save(fallback, model, meta)
        print(printable(f"mnist-desktop: could not save to {out} ({exc.strerror or exc}); saved to {saved} instead"),
              file=sys.stderr, flush=True)
        return saved


def _calibrate(meta: dict, model, holdout) -> None:
    """The card's calibration, fitted on `holdout`; a model is never lost to it."""
    from mnist_desktop.learning import calibration

    try:
        meta["calibration"] = calibration.calibrate(model, holdout)
    except Exception as exc:
        print(f"could not calibrate ({type(exc).__name__}: {exc}); saving the model without it", file=sys.stderr)


def train(args, argv) -> int:
    import torch

    from mnist_desktop import checkpoint
    from mnist_desktop.learning import record, training

    if args.limit is not None and args.limit < 1:
        raise UserError(f"--limit must be at least 1 (got {args.limit}); leave it out to train on every image")
    base = training.PRESETS[args.preset]
    overrides = {k: v for k, v in {
        "arch": args.arch, "epochs": args.epochs,
        "batch_size": args.batch_size, "lr": args.lr, "augment": args.augment,
        "augment_strength": args.augment_strength, "pen": args.pen, "touching": args.touching,
        "styles": args.styles, "holdout": args.holdout,
        "optimizer": args.optimizer, "seed": args.seed, "device": args.device,
    }.items() if v is not None}
    init = None
    if args.init:
        init = _torch_model(args.init)
        if args.arch not in (None, init.arch):
            raise UserError(f"--init is a {init.arch} model; it cannot start a {args.arch}")
        overrides["arch"] = init.arch
    config = dataclasses.replace(base, **overrides)
    config.validate()
    out = _out_path(args.out, config.arch)

    train_set = _load_mnist(args.data, True)
    if args.limit is not None:
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
    meta = record.run_meta(
        config, accuracy=result.test.accuracy, loss=result.test.loss, per_class=result.test.per_class,
        history=result.history, train_s=result.history[-1]["train_s"], train_samples=len(train_set[0]) - config.holdout,
        command=record.command_line(argv), **({"init": init.meta.get("command")} if init else {}),
        device=str(training.pick_device(config.device)), threads=torch.get_num_threads())
    if result.holdout is not None:
        print("calibrating the confidence on the digits kept aside…", file=sys.stderr, flush=True)
        _calibrate(meta, result.model, result.holdout)
    out = _save(out, result.model, meta, config.arch)
    _print({"done": True, "test_acc": result.test.accuracy, "out": str(out),
            "train_s": result.history[-1]["train_s"], "elapsed_s": result.elapsed_s}, as_json,
           f"saved {out} (test accuracy {result.test.accuracy:.2%})")
    return 0


def ensemble(args, argv) -> int:
    """Models trained apart (same architecture) as one: measured on MNIST test and, when
    they kept the same digits aside, calibrated on those."""
    from mnist_desktop import models
    from mnist_desktop.learning import ensemble as ens, record, training

    members = [_torch_model(path) for path in args.models]
    try:
        model, cards = ens.combine(members)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    arch = models.ensemble_name(members[0].meta["arch"], len(members))
    out = _out_path(args.out, arch)
    test = training.evaluate(model, *_load_mnist(args.data, False))
    meta = record.make_meta(arch, test_acc=test.accuracy, test_loss=test.loss, per_class=test.per_class,
                            config=ens.shared_config(members), members=cards, command=record.command_line(argv),
                            train_s=sum(c["train_s"] or 0 for c in cards), normalization=models.normalization(model))
    train_set = _load_mnist(args.data, True)
    holdout, why_not = ens.held_out(members, len(train_set[0]))
    if holdout:
        print(f"calibrating the confidence on the {holdout} digits every member kept aside…", file=sys.stderr, flush=True)
        _calibrate(meta, model, training.split_holdout(train_set, holdout)[1])
    else:
        print(f"not calibrated: {why_not}", file=sys.stderr)
    out = _save(out, model, meta, arch)
    _print({"done": True, "test_acc": test.accuracy, "out": str(out), "members": [c["test_acc"] for c in cards]},
           args.json, f"saved {out} (test accuracy {test.accuracy:.2%}; members: "
                      + ", ".join(f"{c['test_acc']:.2%}" for c in cards if c["test_acc"] is not None) + ")")
    return 0


def predict(args, argv) -> int:
    from mnist_desktop.reading.imageio import ImageError, page_count

    rec = _load_model(args.model)
    table = csv.writer(sys.stdout, lineterminator="\n") if getattr(args, "csv", False) else None
    for name in args.images:
        try:
            result = rec.read(name)
        except (ImageError, MemoryError) as exc:
            error = str(exc) if isinstance(exc, ImageError) else "out of memory"
            if table is not None:
                print(printable(f"{name}: error: {error}"), file=sys.stderr)
                if len(args.images) > 1:
                    table.writerow([name])          # every file keeps its row, empty
                continue
            _print({"file": name, "status": "error", "text": "", "digits": [], "error": error},
                   args.json, f"{name}: error: {error}")
            continue
        if (pages := page_count(name)) > 1:
            print(printable(f"{name}: {pages} pages (or frames); only the first is read"), file=sys.stderr)
        if table is not None:
            for row in result.rows() or ([[]] if len(args.images) > 1 else []):
                table.writerow([name, *row] if len(args.images) > 1 else row)
            if result.status == "no_digit":
                print(printable(f"{name}: no digit found"), file=sys.stderr)
        elif args.json:
            _print(result.to_json(name), True)
        elif result.status == "no_digit":
            print(printable(f"{name}: no digit found"))
        else:
            # One printed line per line of writing.
            for line in result.lines or [None]:
                ds = result.digits if line is None else [result.digits[i] for n in line.numbers for i in n.digits]
                text = result.text if line is None else " ".join(n.text for n in line.numbers)
                confs = " ".join(f"{d.digit}:{d.confidence:.2f}" for d in ds)
                print(printable(f"{name}: {text}  ({confs}){'  unsure' if any(d.unsure for d in ds) else ''}"))
    sys.stdout.flush()
    return 0


def evaluate(args, argv) -> int:
    from mnist_desktop.learning import training

    rec = _torch_model(args.model)
    images, labels = _load_mnist(args.data, False)
    ev = training.evaluate(rec.model, images, labels)
    out = {"model": rec.path, "samples": len(labels), **ev.summary()}
    if args.json:
        _print(out, True)
        return 0
    print(f"model: {rec.path}")
    print(f"MNIST test accuracy: {ev.accuracy:.2%} on {len(labels)} images, loss {ev.loss:.4f}")
    print("per class: " + "  ".join(f"{d}:{a:.2%}" for d, a in enumerate(ev.per_class)))
    print("confusion (rows true, columns predicted):")
    print("      " + " ".join(f"{d:>5}" for d in range(10)))
    for d, row in enumerate(ev.confusion):
        print(f"  {d}:  " + " ".join(f"{v:>5}" for v in row))
    return 0


def _store():
    from mnist_desktop.samples import SampleStore

    return SampleStore()


def samples(args, argv) -> int:
    return {"add": _samples_add, "list": _samples_list, "export": _samples_export,
            "import": _samples_import, "clear": _samples_clear}[args.action](args)


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
               _stored_text(name, [(s.label, i is not None) for s, i in zip(batch, ids)]))
    return 1 if failed else 0


def _stored_text(name: str, labels: list[tuple[int, bool]]) -> str:
    """'a.png: stored 4 (7 1 already there)': what was added, apart from what was not."""
    new = " ".join(str(label) for label, added in labels if added)
    old = " ".join(str(label) for label, added in labels if not added)
    return f"{name}: " + (f"stored {new}" if new else "nothing new") + (f" ({old} already there)" if old else "")


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
    if os.path.lexists(args.file) and not args.force:
        raise UserError(f"{args.file} is there already (a backup, perhaps): give another name, "
                        "or --force to replace it")
    n = _store().export_zip(args.file)
    print(printable(f"exported {n} samples to {args.file}"))
    return 0


def _samples_import(args) -> int:
    added, skipped = _store().import_zip(args.file)
    print(printable(f"imported {added} samples from {args.file} ({skipped} duplicates skipped)"))
    return 0


def _samples_clear(args) -> int:
    if not args.yes:
        raise UserError("this deletes every saved sample; run again with --yes to confirm")
    print(f"deleted {_store().clear()} samples")
    return 0


def finetune(args, argv) -> int:
    from mnist_desktop import checkpoint
    from mnist_desktop.learning import finetune as ft
    from mnist_desktop.learning import record

    if args.epochs < 1:
        raise UserError("--epochs must be at least 1")
    base = _torch_model(None)
    out = _out_path(args.out, f"finetuned-{base.arch}")     # named as the window names them
    items = _store().all()
    ft.check(items)
    mnist_train, mnist_test = _load_mnist(args.data, True), _load_mnist(args.data, False)
    emit = (lambda info: _print(info, True)) if args.json else None
    result = ft.tune(base, items, mnist_train, mnist_test, epochs=args.epochs, on_step=emit, on_epoch=emit)
    summary = result.summary()
    fit = result.fit
    meta = record.run_meta(
        fit.config, accuracy=fit.test.accuracy, loss=fit.test.loss, per_class=fit.test.per_class,
        history=fit.history, train_s=fit.history[-1]["train_s"], train_samples=result.trained_on,
        command=record.command_line(argv), finetuned_from=str(base.path), source="finetune", **summary)
    out = _save(out, fit.model, meta, "finetuned")
    final = {"done": True, "out": str(out), "train_s": result.fit.history[-1]["train_s"], **summary}
    if args.json:
        _print(final, True)
    else:
        def pct(v):
            return "n/a (too few samples to hold any back)" if v is None else f"{v:.2%}"
        print(f"MNIST test accuracy: {pct(result.mnist_before)} -> {pct(result.mnist_after)}")
        print(f"your held-out samples: {pct(result.personal_before)} -> {pct(result.personal_after)}")
        for w in result.mnist_worse:
            print(f"warning: MNIST's {w['digit']}s are read right {w['before']:.1%} -> {w['after']:.1%} "
                  f"(mostly as {w['read_as']}): save a few of your plain {w['digit']}s too, then fine-tune again",
                  file=sys.stderr)
        print(f"saved {out}")
    return 0


def model(args, argv) -> int:
    """`model reset`: forget the chosen model, so the shipped one reads again."""
    chosen = paths.active_model_choice()
    try:
        paths.set_active_model(None)
    except OSError as exc:            # a folder (or a locked file) where the record goes
        raise UserError(f"cannot forget the active model: {exc.filename} cannot be removed "
                        f"({exc.strerror or exc}); move it away") from None
    print(f"the shipped model is active again (was: {chosen})" if chosen else "the shipped model is active")
    return 0
