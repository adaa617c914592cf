"""How a run is described: the command line that repeats it and the card (metadata)
saved with its model. The CLI's train and finetune and the Train tab all write it here.
"""

from __future__ import annotations

import datetime as _dt
import shlex

import torch

from mnist_desktop import models
from mnist_desktop.checkpoint import FORMAT
from mnist_desktop.reading import preprocess


def command_line(argv: list[str]) -> str:
    """The shell line that runs `argv` again, quoted so a path with spaces survives."""
    return "mnist-desktop " + shlex.join(argv)


def train_argv(config) -> list[str]:
    """The `train` arguments that repeat a TrainConfig (for runs not started from the CLI)."""
    c = config
    return ["train", "--arch", c.arch, "--epochs", str(c.epochs), "--batch-size", str(c.batch_size),
            "--lr", str(c.lr), "--augment" if c.augment else "--no-augment",
            "--augment-strength", c.augment_strength, "--pen", str(c.pen), "--touching", str(c.touching),
            "--styles", str(c.styles), "--holdout", str(c.holdout)]


def finetune_argv(epochs: int) -> list[str]:
    return ["finetune", "--epochs", str(epochs)]


def make_meta(arch: str, **extra) -> dict:
    """What every model file says about itself: format, architecture, the input it
    expects (normalisation, preprocessing version), when and with which torch."""
    meta = {
        "format": FORMAT,
        "arch": arch,
        "normalization": models.normalization(models.build(arch)),   # the arch's own transform
        "preprocess_version": preprocess.VERSION,
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "torch": torch.__version__.split("+")[0],
    }
    meta.update(extra)
    return meta


def run_meta(config, *, accuracy: float, loss: float, per_class: list[float], history: list[dict],
             train_s: float, train_samples: int, command: str, **extra) -> dict:
    """The card of a model that training.fit() made (trained or fine-tuned): its MNIST
    test numbers, the config and command that repeat it, and `extra` (source, ...)."""
    return make_meta(config.arch, test_acc=accuracy, test_loss=loss, per_class=per_class,
                     config=config.to_dict(), command=command, train_samples=train_samples,
                     train_s=train_s, history=history, **extra)
