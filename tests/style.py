"""A writer style that MNIST does not have, for fine-tuning tests and benchmarks.

Someone who writes digits like a seven-segment display (as on a clock or a
calculator) with a pen: boxy, straight strokes, small gaps at the corners, a strong
slant, and jitter from sample to sample. People read these at once; a network
that only ever saw MNIST often does not.
"""

import cv2
import numpy as np

# Segments as (from, to) corner names; corners: tl tr ml mr bl br.
_SEGMENTS = {
    "a": ("tl", "tr"), "b": ("tr", "mr"), "c": ("mr", "br"), "d": ("bl", "br"),
    "e": ("ml", "bl"), "f": ("tl", "ml"), "g": ("ml", "mr"),
}
_DIGITS = {0: "abcdef", 1: "bc", 2: "abged", 3: "abgcd", 4: "fgbc", 5: "afgcd", 6: "afgedc",
           7: "abc", 8: "abcdefg", 9: "abfgcd"}


def styled_digit(digit: int, rng: np.random.Generator) -> np.ndarray:
    w, h = rng.uniform(70, 85), rng.uniform(90, 105)     # boxy, nearly square
    x0, y0 = 40 + rng.uniform(-5, 5), 25 + rng.uniform(-5, 5)
    corners = {
        "tl": (x0, y0), "tr": (x0 + w, y0), "ml": (x0, y0 + h / 2), "mr": (x0 + w, y0 + h / 2),
        "bl": (x0, y0 + h), "br": (x0 + w, y0 + h),
    }
    corners = {k: (x + rng.uniform(-4, 4), y + rng.uniform(-4, 4)) for k, (x, y) in corners.items()}
    slant = rng.uniform(0.3, 0.45)
    thickness = int(rng.integers(4, 8))
    img = np.full((160, 190), 255, np.uint8)
    for seg in _DIGITS[digit]:
        a, b = (np.array(corners[c]) for c in _SEGMENTS[seg])
        gap = rng.uniform(0.04, 0.12)              # pen lifted just before the corner
        a, b = a + (b - a) * gap, b - (b - a) * gap
        pts = [(p[0] + slant * (y0 + h - p[1]), p[1]) for p in (a, b)]
        cv2.line(img, tuple(int(v) for v in pts[0]), tuple(int(v) for v in pts[1]), 0, thickness, cv2.LINE_AA)
    return img


def styled_set(per_digit: int, seed: int) -> tuple[list[np.ndarray], list[int]]:
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for d in range(10):
        for _ in range(per_digit):
            images.append(styled_digit(d, rng))
            labels.append(d)
    return images, labels
