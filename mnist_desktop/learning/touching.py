"""Touching digits as the model sees them: the extra "not one digit" class.

A model trained on single digits reads two digits that touch ("16" drawn in one
stroke) as one digit, confidently, so recognizer.read() had no reason to prefer
cutting them. Training digits pushed together, then normalised exactly as the app
normalises one group of ink, teach it an eleventh output that says "several
digits"; read() then scores a reading by how sure the model is that each crop is
one digit *and* which digit it is.
"""

from __future__ import annotations

from typing import Callable

import cv2
import numpy as np
import torch

from mnist_desktop.learning import digitcache
from mnist_desktop.reading import preprocess

SEVERAL = 10             # the class index: the crop holds more than one digit
VERSION = 1              # bump when the composition changes, so old caches are not reused
SCALE = 3                # composed at the size of a small drawing, not at MNIST's 28 px
POOL = 20_000            # crops composed once per training set (about a minute), then cached


def _ink_columns(digit: np.ndarray) -> np.ndarray:
    cols = np.nonzero(digit.max(0) > 40)[0]
    return digit[:, cols.min():cols.max() + 1] if len(cols) else digit


def compose(digits: list[np.ndarray], gaps: list[int], drops: list[int]) -> np.ndarray:
    """uint8 28x28 digits (ink = 255) side by side on white paper, `gaps` px apart
    (negative: overlapping) and each lowered by `drops` px, at SCALE."""
    crops = [_ink_columns(d) for d in digits]
    width = sum(c.shape[1] for c in crops) + sum(gaps) + 8
    height = 28 + max(drops) - min(drops) + 8
    ink = np.zeros((height, max(width, 8)), np.uint8)
    x, top = 4, 4 - min(drops)
    for c, g, dy in zip(crops, [*gaps, 0], drops):
        region = ink[top + dy:top + dy + 28, x:x + c.shape[1]]
        np.maximum(region, c, out=region)
        x += c.shape[1] + g
    big = cv2.resize(ink, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_CUBIC)
    return 255 - big


def several(images: np.ndarray, count: int, rng: np.random.Generator,
            should_stop: Callable[[], bool] | None = None) -> np.ndarray:
    """`count` 28x28 uint8 crops (ink = 255) of 2-3 of `images` touching, normalised
    as the app normalises one group of ink."""
    out = np.zeros((count, 28, 28), np.uint8)
    made = 0
    while made < count:
        if should_stop and should_stop():
            break
        k = 2 if rng.random() < 0.8 else 3
        idx = rng.choice(len(images), k, replace=False)
        digits = [_ink_columns(images[i]) for i in idx]
        # From just apart (the segmenter may offer them merged) to overlapping by a
        # stroke, never so far that a narrow 1 disappears inside its neighbour.
        gaps = [int(rng.integers(-min(2, min(a.shape[1], b.shape[1]) // 3), 2))
                for a, b in zip(digits, digits[1:])]
        drops = [int(d) for d in rng.integers(-3, 4, k)]
        ink = preprocess.find_ink(compose(digits, gaps, drops))
        if ink.empty:
            continue
        out[made] = np.clip(preprocess.normalize(ink).image * 255.0 + 0.5, 0, 255).astype(np.uint8)
        made += 1
    return out[:made]


def several_cached(images: torch.Tensor, count: int, seed: int = 0,
                   should_stop: Callable[[], bool] | None = None) -> torch.Tensor:
    """several(), kept in the cache folder (about a minute for 20k crops, once)."""
    return digitcache.cached(
        f"touching-v{VERSION}.{preprocess.VERSION}-{count}-{seed}", images, (count, 28, 28),
        lambda: torch.from_numpy(several(images.numpy(), count, np.random.default_rng(seed), should_stop)),
        should_stop)
