"""The five tutorials side by side: each seed's model trained as its tutorial trains
it, then ours, on the same data, through the one loop (training.fit).

Each finished model is also read through the app's whole reading pipeline
(preprocess, segment, recognizer) on drawings and photos made from MNIST's test
digits (drawings.py, fixed seed): on MNIST they all score about the same; on what
users really give the app they do not. No Qt here.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
import torch

from mnist_desktop import checkpoint, models
from mnist_desktop.learning import drawings, record, training
from mnist_desktop.reading import preprocess

QUICK_IMAGES = 10_000      # --quick: one epoch on this many training images
DRAWINGS = 300             # drawings and photos each, made from as many test digits
BENCH_SEED = 0
EXAMPLES = 4               # drawings shown per seed: it misreads them, ours reads them


@dataclass(frozen=True)
class Seed:
    key: str                   # "000" ... "004", "ours"
    name: str
    config: training.TrainConfig
    optimizer: str             # as the tutorial names it
    loss: str
    inputs: str                # the input transform (part of the model: models.py)


def _tutorial(arch: str, epochs: int, batch: int, lr: float, optimizer: str = "adam") -> training.TrainConfig:
    # The tutorials: no augmentation, no weight decay, a constant learning rate.
    return training.TrainConfig(arch=arch, epochs=epochs, batch_size=batch, lr=lr, augment=False,
                                optimizer=optimizer, schedule="constant", weight_decay=0.0)


SEEDS: dict[str, Seed] = {s.key: s for s in (
    Seed("000", "MLP 784-128-256-10", _tutorial("mlp_000", 11, 64, 0.01),
         "Adam", "cross-entropy", "none (pixels 0..1)"),
    Seed("001", "BN + dropout CNN", _tutorial("cnn_001", 3, 64, 1e-3),
         "Adam", "cross-entropy", "(0.5, 0.5)"),
    Seed("002", "CNN conv10-conv20-FC500", _tutorial("cnn_004", 20, 64, 1e-3),
         "Adam", "NLL on log-softmax", "MNIST (0.1307, 0.3081)"),
    Seed("003", "MLP 784-128-64-10", _tutorial("mlp_003", 15, 64, 0.003, optimizer="momentum"),
         "SGD, momentum 0.9", "NLL on log-softmax", "(0.5, 0.5)"),
    Seed("004", "CNN conv10-conv20-FC500, batch 512", _tutorial("cnn_004", 20, 512, 1e-3),
         "Adam (defaults)", "NLL on log-softmax", "MNIST (0.1307, 0.3081)"),
    Seed("ours", "ours (Best preset)", training.PRESETS["best"],
         "SGD Nesterov, one-cycle", "cross-entropy", "MNIST (0.1307, 0.3081), light augmentation"),
)}
ORDER = tuple(SEEDS)


def parse_only(text: str | None) -> list[str]:
    """"000,3,ours" -> ["000", "003", "ours"] in the leaderboard's order; all when empty."""
    if not text:
        return list(ORDER)
    keys = set()
    for word in (w.strip().lower() for w in text.split(",")):
        key = word.zfill(3) if word.isdigit() else word
        if key not in SEEDS:
            raise ValueError(f"unknown seed {word!r}; choose from {', '.join(ORDER)}")
        keys.add(key)
    return [k for k in ORDER if k in keys]


def recipe(key: str, quick: bool = False) -> training.TrainConfig:
    config = SEEDS[key].config
    return dataclasses.replace(config, epochs=1) if quick else config


@dataclass
class Bench:
    """Drawings and photos of test digits, fixed seed: what each model is read on."""

    canvas: list[np.ndarray]
    photos: list[np.ndarray]
    labels: np.ndarray

    @classmethod
    def make(cls, images: torch.Tensor, labels: torch.Tensor, n: int = DRAWINGS, seed: int = BENCH_SEED,
             should_stop: Callable[[], bool] | None = None) -> "Bench":
        rng = np.random.default_rng(seed)
        pick = rng.choice(len(images), min(n, len(images)), replace=False)
        digits = images.numpy()[pick]
        # One generator per kind: drawing fewer photos never changes the drawings.
        canvas_rng, photo_rng = np.random.default_rng([seed, 1]), np.random.default_rng([seed, 2])
        canvas, photos = [], []
        for d in digits:
            if should_stop and should_stop():
                raise training.Cancelled()
            canvas.append(drawings.thin_pen(d, canvas_rng))
            photos.append(drawings.photo(d, photo_rng))
        return cls(canvas, photos, labels.numpy()[pick])

    def wrong(self, model: torch.nn.Module, meta: dict, should_stop=None) -> dict[str, list[list]]:
        """[index, what the app read] for each drawing and photo it gets wrong, reading with `model`."""
        from mnist_desktop.reading.recognizer import Recognizer

        # Through a saved file, as the app would load it.
        with tempfile.TemporaryDirectory() as tmp:
            path = checkpoint.save(Path(tmp) / "seed.pt", model, meta)
            rec = Recognizer.load(path)
        out = {}
        for kind, items in (("canvas", self.canvas), ("photo", self.photos)):
            out[kind] = []
            for i, (img, label) in enumerate(zip(items, self.labels)):
                if should_stop and should_stop():
                    raise training.Cancelled()
                text = rec.read(img).text
                if text != str(label):
                    out[kind].append([i, text])
        return out

    def thumbnail(self, kind: str, index: int, height: int = 96) -> bytes:
        """A PNG of one drawing or photo, cropped around the ink the app finds (for the Compare page)."""
        img = (self.canvas if kind == "canvas" else self.photos)[index]
        box = preprocess.preprocess(img).box
        if box is not None:
            x, y, w, h = box
            pad = max(w, h) // 4 + 4
            img = img[max(y - pad, 0):y + h + pad, max(x - pad, 0):x + w + pad]
        scale = height / img.shape[0]
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return cv2.imencode(".png", img)[1].tobytes()


def describe(key: str, config: training.TrainConfig) -> dict:
    s = SEEDS[key]
    return {"seed": key, "name": s.name, "arch": config.arch, "parameters": models.parameter_count(config.arch),
            "optimizer": s.optimizer, "lr": config.lr, "batch_size": config.batch_size, "epochs": config.epochs,
            "loss": s.loss, "inputs": s.inputs}


def train_one(key: str, train: tuple, test: tuple, bench: Bench, quick: bool = False, *,
              on_step=None, on_epoch=None, should_stop=None) -> dict | None:
    """One leaderboard row, None if cancelled. Besides the CLI's fields: "misread" ([index, what
    the app read] per bench drawing and photo it gets wrong), "loss", "inputs", "train_images"."""
    config = recipe(key, quick)
    if quick:
        train = (train[0][:QUICK_IMAGES], train[1][:QUICK_IMAGES])
    result = training.fit(config, train, test, on_step=on_step, on_epoch=on_epoch, should_stop=should_stop)
    if result.cancelled or result.test is None:
        return None
    meta = record.make_meta(config.arch, test_acc=result.test.accuracy, config=config.to_dict(),
                                normalization={"mean": result.model[0].mean, "std": result.model[0].std,
                                               "ink": "white on black, 0..1"}, source=f"seeds {key}")
    try:
        wrong = bench.wrong(result.model, meta, should_stop)
    except training.Cancelled:
        return None
    n = max(len(bench.labels), 1)
    return {**describe(key, config), "test_acc": result.test.accuracy,
            "train_s": round(result.history[-1]["train_s"], 2),
            "canvas_acc": 1 - len(wrong["canvas"]) / n, "photo_acc": 1 - len(wrong["photo"]) / n,
            "curve": [[round(h["train_s"], 2), h["test_acc"]] for h in result.history],
            "train_images": len(train[0]), "misread": wrong}


def examples(rows: dict[str, dict], bench: Bench, k: int = EXAMPLES) -> dict[str, list[dict]]:
    """Per seed, up to k drawings/photos it misreads that ours reads (any it misreads when
    ours has not run): {"kind", "index", "label", "read", "png"}, half of them drawings."""
    ours = rows.get("ours", {}).get("misread")
    out = {}
    for key, row in rows.items():
        if key == "ours":
            continue
        picks: list[dict] = []
        for kind in ("canvas", "photo"):
            missed_by_ours = set() if ours is None else {i for i, _ in ours[kind]}
            keep = [(i, text) for i, text in row["misread"][kind] if i not in missed_by_ours]
            room = (k + 1) // 2 if kind == "canvas" else k - len(picks)
            picks += [{"kind": kind, "index": i, "label": int(bench.labels[i]), "read": text,
                       "png": bench.thumbnail(kind, i)} for i, text in keep[:room]]
        out[key] = picks
    return out
