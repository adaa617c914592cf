"""Drawings and photos made from MNIST digits, as users give them to the app.

The recognition benchmark, the tests and the seeds leaderboard (seeds.py) all
measure on these: a thin mouse stroke drawn large anywhere on a canvas, and a
phone-photo-like picture of ink on paper. No Qt here.
"""

from __future__ import annotations

import cv2
import numpy as np

from mnist_desktop.learning.penstyle import pen_paths


def mnist_on_canvas(digit: np.ndarray, size=(400, 600), scale=10.0, at=(0.5, 0.5),
                    stroke=None, rng=None) -> np.ndarray:
    """An MNIST digit redrawn large on white paper, as a mouse drawing would be.

    With `stroke` (pixels), the ink is skeleton-like: the digit's outline thinned to
    a pen of that width, like a thin mouse stroke.
    """
    h, w = size
    big = cv2.resize(digit, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    mask = (big > 127).astype(np.uint8)
    if stroke is not None:
        mask = thin_to(mask, stroke)
    ys, xs = np.nonzero(mask)
    mask = mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    mh, mw = mask.shape
    canvas = np.full((h, w), 255, np.uint8)
    x0 = int(np.clip(at[0] * w - mw / 2, 0, w - mw))
    y0 = int(np.clip(at[1] * h - mh / 2, 0, h - mh))
    region = canvas[y0:y0 + mh, x0:x0 + mw]
    region[mask > 0] = 0
    return canvas


def thin_to(mask: np.ndarray, width: int) -> np.ndarray:
    """The path a pen would take along the digit (its centre line; filled loops
    drawn as loops), redrawn with a round pen of `width` pixels: a mouse drawing of it."""
    skel = pen_paths(mask[None])[0]
    if width > 1:
        skel = cv2.dilate(skel, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width)))
    return skel


def number_image(digits: list[np.ndarray], gap=6, scale=4, pad=20) -> np.ndarray:
    """MNIST digits side by side (their ink boxes `gap` px apart) on white paper."""
    crops = []
    for d in digits:
        big = cv2.resize(d, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        ys, xs = np.nonzero(big > 40)
        crops.append(big[:, xs.min():xs.max() + 1])
    h = crops[0].shape[0]
    width = sum(c.shape[1] for c in crops) + gap * (len(crops) - 1) + 2 * pad
    ink = np.zeros((h + 2 * pad, max(width, 1)), np.float32)
    x = pad
    for c in crops:
        region = ink[pad:pad + h, x:x + c.shape[1]]
        np.maximum(region, c.astype(np.float32), out=region)
        x += c.shape[1] + gap
    return (255 - ink).astype(np.uint8)


def photo_of(digits: list[np.ndarray], rng: np.random.Generator, size=(480, 640), gap=None) -> np.ndarray:
    """A phone-photo-like BGR JPEG round trip: paper under uneven light, soft focus,
    sensor noise, slight rotation, dark-gray ink."""
    h, w = size
    scale = rng.uniform(4, 9) if len(digits) == 1 else rng.uniform(3, 5)
    ink = number_image(digits, gap=int(rng.integers(6, 24)) if gap is None else gap, scale=1, pad=2)
    ink = 255 - cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    ih, iw = ink.shape
    if iw > w - 20:
        f = (w - 20) / iw
        ink = cv2.resize(ink, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        ih, iw = ink.shape
    layer = np.zeros((h, w), np.float32)
    x0, y0 = int(rng.integers(10, w - iw - 9)), int(rng.integers(10, max(11, h - ih - 9)))
    layer[y0:y0 + ih, x0:x0 + iw] = ink[: h - y0, : w - x0] / 255.0
    rot = cv2.getRotationMatrix2D((x0 + iw / 2, y0 + ih / 2), rng.uniform(-8, 8), 1.0)
    layer = cv2.warpAffine(layer, rot, (w, h))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xx / w + np.sin(angle) * yy / h)
    light = rng.uniform(0.55, 1.0) + rng.uniform(0.15, 0.45) * (ramp - ramp.min()) / (np.ptp(ramp) + 1e-6)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    light *= 1 - rng.uniform(0, 0.35) * (((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
    paper = rng.uniform(200, 245) * light
    darkness = rng.uniform(0.2, 0.55)
    gray = paper * (1 - (1 - darkness) * layer)
    gray = cv2.GaussianBlur(gray, (0, 0), rng.uniform(0.6, 1.8))
    gray += rng.normal(0, rng.uniform(2, 6), gray.shape)
    tint = np.array([rng.uniform(0.85, 0.95), rng.uniform(0.95, 1.0), 1.0], np.float32)
    bgr = np.clip(gray[..., None] * tint, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(40, 86))])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def thin_pen(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The benchmark's "canvas, thin pen": a 2-4 px mouse stroke, large, anywhere on a 400x560 canvas."""
    return mnist_on_canvas(digit, size=(400, 560), scale=rng.uniform(6, 13), at=tuple(rng.uniform(0.15, 0.85, 2)),
                           stroke=int(rng.integers(2, 5)))


def photo(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The benchmark's "photo of paper": one digit in a phone-photo-like BGR image."""
    return photo_of([digit], rng)
