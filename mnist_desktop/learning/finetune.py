"""Fine-tune the active model on the user's samples without forgetting MNIST. No Qt.

The user's samples (a few per digit) are held out in part, to measure; the rest
join every batch of a slice of MNIST, augmented, so the network learns the
writer's style while MNIST keeps it general. Same loop as training (training.fit).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from mnist_desktop import models
from mnist_desktop.errors import UserError
from mnist_desktop.learning import training
from mnist_desktop.samples import Sample

MIN_SAMPLES = 10          # below this there is nothing to learn a style from
MNIST_SLICE = 12_000      # MNIST images per epoch of fine-tuning
PERSONAL_PER_BATCH = 32   # user samples in every batch (oversampled, augmented)
FORGOT = 0.01             # an MNIST digit read right this much less often after tuning is said


class NotEnoughSamples(UserError, ValueError):
    """Too few saved samples to learn a style from; str() says how many are needed."""


@dataclass
class FinetuneResult:
    fit: training.FitResult
    mnist_before: float
    mnist_after: float
    personal_before: float | None      # None when nothing could be held out
    personal_after: float | None
    trained_on: int
    held_out: int
    calibration: dict | None = None     # the base model's, kept: a short fine-tune barely moves it
    mnist_worse: list[dict] = dataclasses.field(default_factory=list)   # forgotten(): what got worse

    def summary(self) -> dict:
        out = {"mnist_test_acc_before": self.mnist_before, "mnist_test_acc_after": self.mnist_after,
               "personal_acc_before": self.personal_before, "personal_acc_after": self.personal_after,
               "personal_train": self.trained_on, "personal_held_out": self.held_out,
               "mnist_worse": self.mnist_worse}
        return out if self.calibration is None else {**out, "calibration": self.calibration}


def forgotten(before: training.Evaluation, after: training.Evaluation) -> list[dict]:
    """MNIST digits the tuned model reads right FORGOT less often than before, each with
    what it now takes them for most: a writer's flagged 1s can teach it that plain 7s
    are 1s, which the overall accuracy (a few tenths down) hides."""
    out = []
    for d, (b, a) in enumerate(zip(before.per_class, after.per_class)):
        if round(b - a, 9) >= FORGOT:       # (0.29 - 0.28 is 0.00999... in floats)
            row = [n if k != d else -1 for k, n in enumerate(after.confusion[d])]
            out.append({"digit": d, "before": b, "after": a, "read_as": int(np.argmax(row))})
    return out


def check(samples: list[Sample]) -> None:
    if len(samples) < MIN_SAMPLES:
        raise NotEnoughSamples(
            f"fine-tuning needs at least {MIN_SAMPLES} saved samples (you have {len(samples)}); "
            "correct a few more readings first, ideally one or more of each digit you write")


def split(samples: list[Sample], fraction: float = 0.25, seed: int = 0) -> tuple[list[Sample], list[Sample]]:
    """Hold back about `fraction` of each digit's samples (digits with one sample all train)."""
    rng = np.random.default_rng(seed)
    train, held = [], []
    for label in range(10):
        group = [s for s in samples if s.label == label]
        rng.shuffle(group)
        k = int(math.floor(len(group) * fraction)) if len(group) >= 2 else 0
        held += group[:k]
        train += group[k:]
    return train, held


def as_tensors(samples: list[Sample]) -> tuple[torch.Tensor, torch.Tensor]:
    if not samples:
        return torch.zeros(0, 28, 28, dtype=torch.uint8), torch.zeros(0, dtype=torch.long)
    return (torch.from_numpy(np.stack([s.input for s in samples])),
            torch.tensor([s.label for s in samples], dtype=torch.long))


def accuracy(model, images: torch.Tensor, labels: torch.Tensor) -> float | None:
    if len(labels) == 0:
        return None
    return training.evaluate(model, images, labels).accuracy


def tune(
    checkpoint,
    samples: list[Sample],
    mnist_train: tuple[torch.Tensor, torch.Tensor],
    mnist_test: tuple[torch.Tensor, torch.Tensor],
    *,
    epochs: int = 1,
    lr: float = 0.02,
    seed: int = 0,
    device: str = "auto",
    on_step: Callable[[dict], None] | None = None,
    on_epoch: Callable[[dict], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FinetuneResult:
    """Start from `checkpoint` (a checkpoint.Checkpoint), return the tuned model and the numbers.

    A stop asked for during training returns with `fit.cancelled`; one asked for while
    the starting model is measured raises errors.Cancelled (there is nothing to return yet).
    """
    check(samples)
    train_s, held = split(samples, seed=seed)
    held_x, held_y = as_tensors(held)
    base = checkpoint.model.eval()
    measured = training.evaluate(base, *mnist_test, should_stop=should_stop)
    mnist_before = measured.accuracy
    personal_before = accuracy(base, held_x, held_y)

    gen = torch.Generator().manual_seed(seed)
    idx = torch.randperm(len(mnist_train[0]), generator=gen)[:MNIST_SLICE]
    config = dataclasses.replace(
        training.TrainConfig(), arch=checkpoint.meta["arch"], epochs=epochs, batch_size=96, lr=lr,
        augment=True, seed=seed, device=device, report_every=10)
    x, y = as_tensors(train_s)
    fit = training.fit(config, (mnist_train[0][idx], mnist_train[1][idx]), mnist_test,
                       on_step=on_step, on_epoch=on_epoch, should_stop=should_stop,
                       init_state=models.cpu_state(base), extra_train=(x, y, PERSONAL_PER_BATCH))
    after = fit.model.cpu().eval()
    return FinetuneResult(
        fit=fit,
        mnist_before=mnist_before,
        mnist_after=fit.test.accuracy if fit.test is not None else float("nan"),
        personal_before=personal_before,
        personal_after=accuracy(after, held_x, held_y),
        trained_on=len(train_s),
        held_out=len(held),
        calibration=({**checkpoint.meta["calibration"], "inherited": True}
                     if isinstance(checkpoint.meta.get("calibration"), dict) else None),
        mnist_worse=forgotten(measured, fit.test) if fit.test is not None else [],
    )
