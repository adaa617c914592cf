"""How sure the model is, made honest: temperature scaling and the "unsure" line.

A network trained with cross-entropy says 0.99 about digits it reads wrong: about half
of the old model's mistakes on other people's writing came with "Read with
confidence". Two numbers fix what the window shows, both fitted on digits the model
never trained on (the run's hold-out, training.split_holdout), as they are, redrawn
with a pen, and in the handwriting styles MNIST lacks:
- a temperature T that divides the digit logits, chosen to minimise the negative log
  likelihood (Guo et al. 2017, "On Calibration of Modern Neural Networks");
- the confidence below which a reading is shown as unsure, chosen so that only
  RIGHT_FLAGGED of the right answers fall under it.
Both travel in the checkpoint's card ("calibration"); reading/recognizer.py applies them.
"""

from __future__ import annotations

import numpy as np
import torch

from mnist_desktop import models
from mnist_desktop.learning import penstyle, styles
from mnist_desktop.learning.batches import to_float

RIGHT_FLAGGED = 0.02     # share of right answers (on the hold-out) allowed under the unsure line
SEED = 7                 # the styles drawn for calibration ...
STREAM = 1               # ... from their own random streams, apart from any training pool's
BINS = 15


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def nll(logits: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    p = softmax(logits, temperature)[np.arange(len(labels)), labels]
    return float(-np.log(np.maximum(p, 1e-12)).mean())


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature in 0.25..10 with the least negative log likelihood (a grid,
    then a finer grid around the best: the function is smooth and one-dimensional)."""
    grid = np.exp(np.linspace(np.log(0.25), np.log(10.0), 121))
    best = min(grid, key=lambda t: nll(logits, labels, t))
    fine = best * np.exp(np.linspace(-0.04, 0.04, 41))
    return float(min(fine, key=lambda t: nll(logits, labels, t)))


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = BINS) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by their size."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(total)


def unsure_line(confidence: np.ndarray, correct: np.ndarray, right_flagged: float = RIGHT_FLAGGED) -> float:
    """The confidence under which readings are flagged: at most `right_flagged` of the right ones."""
    right = np.sort(confidence[correct])
    if len(right) == 0:
        return 0.75
    # Below 1: a line of 1.0 would flag every reading of a saturated float32 softmax.
    return float(min(right[int(np.floor(right_flagged * len(right)))], 0.999))


def flagged(confidence: np.ndarray, correct: np.ndarray, line: float) -> dict:
    """How many errors and right answers fall under the unsure line."""
    unsure = confidence < line
    wrong = ~correct
    return {"errors": int(wrong.sum()), "errors_flagged": int((unsure & wrong).sum()),
            "right": int(correct.sum()), "right_flagged": int((unsure & correct).sum())}


def calibration_set(images: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The hold-out digits as they are, redrawn with a pen, and in other styles (uint8)."""
    pen = penstyle.render(images)
    styled = torch.from_numpy(styles.make(images.numpy(), labels.numpy(), len(images), SEED, STREAM))
    styled, styled_labels = styles.labelled(styled, labels, len(images), SEED, STREAM)
    return torch.cat([images, pen, styled]), torch.cat([labels, labels, styled_labels])


@torch.inference_mode()
def digit_logits(model: torch.nn.Module, images: torch.Tensor, batch_size: int = 500) -> np.ndarray:
    model.eval()
    dev = next(model.parameters()).device
    out = [model(to_float(images[i:i + batch_size].to(dev)))[:, :models.DIGITS].double().cpu()
           for i in range(0, len(images), batch_size)]
    return torch.cat(out).numpy()


def calibrate(model: torch.nn.Module, holdout: tuple[torch.Tensor, torch.Tensor]) -> dict:
    """The card's "calibration": temperature, unsure line, and what they do on the hold-out."""
    images, labels = calibration_set(*holdout)
    logits, y = digit_logits(model, images), labels.numpy()
    raw = softmax(logits)
    temperature = fit_temperature(logits, y)
    p = softmax(logits, temperature)
    confidence, correct = p.max(1), p.argmax(1) == y
    line = unsure_line(confidence, correct)
    return {
        "temperature": round(temperature, 4), "unsure_below": round(line, 4),
        "fitted_on": f"{len(holdout[0])} MNIST training digits kept aside (as they are, pen-drawn and "
                     f"in other handwriting styles: {len(y)} samples)",
        "ece_before": round(expected_calibration_error(raw.max(1), raw.argmax(1) == y), 5),
        "ece_after": round(expected_calibration_error(confidence, correct), 5),
        **flagged(confidence, correct, line),
    }
