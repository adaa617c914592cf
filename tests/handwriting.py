"""Writing that is not MNIST's, for tests and the recognition benchmark.

- Styles (learning/styles.py) drawn on a canvas-sized page with the benchmark's own
  seeds: a flagged 1, a crossed 7, an open 4, a looped 2 ..., and whole numbers in them.
  The same generator makes training samples (other seeds), so these rows say how well
  the styles were learnt, not how well other people's writing is read.
- Font-rendered digits (OpenCV's Hershey fonts, two of them script-like): never trained
  on, so those rows are the honest check.
- The seven-segment pen of tests/style.py, also never trained on.
"""

from __future__ import annotations

import cv2
import numpy as np

from mnist_desktop.learning import styles

# name -> (digits it applies to, keyword arguments of styles.glyph_strokes / styles.draw)
GLYPH_ROWS = {
    "1 with a flag": ((1,), {"style": "flag"}),
    "1 with a flag and a base": ((1,), {"style": "flag_serif"}),
    "7 with a crossbar": ((7,), {"style": "crossbar"}),
    "open-top 4": ((4,), {"style": "open_top"}),
    "4, parts apart": ((4,), {"style": "apart"}),
    "9 with a straight stem": ((9,), {"style": "straight_stem"}),
    "2 with a loop": ((2,), {"style": "loop"}),
    "5, bar apart": ((5,), {"style": "bar_apart"}),
    "6 with a big loop": ((6,), {"style": "big_loop"}),
    "wide digits": (tuple(range(10)), {"aspect": 1.3}),
    "narrow digits": (tuple(range(10)), {"aspect": 0.45}),
    "slanted +25 deg": (tuple(range(10)), {"slant": 25.0}),
    "slanted -25 deg": (tuple(range(10)), {"slant": -25.0}),
    "hairline pen": (tuple(range(10)), {"width": 1.0, "vary": False}),
    "marker pen": (tuple(range(10)), {"width": 18.0, "vary": False}),
    "width varies along the stroke": (tuple(range(10)), {"vary": True}),
}

FONTS = {
    "font: Hershey script": cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
    "font: Hershey script, complex": cv2.FONT_HERSHEY_SCRIPT_COMPLEX,
    "font: Hershey simplex, italic": cv2.FONT_HERSHEY_SIMPLEX | cv2.FONT_ITALIC,
    "font: Hershey plain": cv2.FONT_HERSHEY_PLAIN,
}


def _on_canvas(paper: np.ndarray, rng: np.random.Generator, size=(400, 560)) -> np.ndarray:
    """Paper pasted somewhere on a white canvas of the app's size (scaled to fit)."""
    h, w = paper.shape
    scale = min(1.0, 0.9 * size[0] / h, 0.9 * size[1] / w)
    if scale < 1.0:
        paper = cv2.resize(paper, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        h, w = paper.shape
    canvas = np.full(size, 255, np.uint8)
    y, x = int(rng.integers(0, size[0] - h + 1)), int(rng.integers(0, size[1] - w + 1))
    canvas[y:y + h, x:x + w] = paper
    return canvas


def _split(kwargs: dict) -> tuple[dict, dict]:
    shape = {k: kwargs[k] for k in ("style", "aspect", "slant") if k in kwargs}
    pen = {k: kwargs[k] for k in ("width", "vary") if k in kwargs}
    return shape, pen


def glyph_digit(row: str, rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """One digit of the row's style on a canvas, and its label."""
    digits, kwargs = GLYPH_ROWS[row]
    digit = int(rng.choice(digits))
    shape, pen = _split(kwargs)
    strokes, _ = styles.glyph_strokes(digit, rng, **shape)
    return _on_canvas(styles.draw(strokes, rng, **pen), rng), digit


def glyph_number(row: str, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """A 2-5 digit number with at least one digit in the row's style (one writer: one
    slant, one pen), written left to right with the gaps of handwriting."""
    digits, kwargs = GLYPH_ROWS[row]
    shape, pen = _split(kwargs)
    count = int(rng.integers(2, 6))
    labels = [int(rng.integers(0, 10)) for _ in range(count)]
    labels[int(rng.integers(0, count))] = int(rng.choice(digits))
    slant = shape.get("slant", rng.uniform(-15, 15))
    width = pen.get("width", float(np.exp(rng.uniform(np.log(2.0), np.log(12.0)))))
    x, parts = 0.0, []
    for d in labels:
        own = {**shape, "slant": slant}
        if "style" in own and d not in digits:
            del own["style"]
        strokes, _ = styles.glyph_strokes(d, rng, **own)
        left = min(s[:, 0].min() for s in strokes)
        right = max(s[:, 0].max() for s in strokes)
        parts += [s + [x - left, 0] for s in strokes]
        x += right - left + width + rng.uniform(12, 35)
    paper = styles.draw(parts, rng, width=width, vary=pen.get("vary", False))
    return _on_canvas(paper, rng, size=(400, 900)), "".join(map(str, labels))


def font_digits(text: str, font: int, rng: np.random.Generator) -> np.ndarray:
    """`text` in a Hershey font, at a random size and weight, on a canvas."""
    scale, thickness = rng.uniform(3.0, 6.0), int(rng.integers(2, 9))
    (w, h), base = cv2.getTextSize(text, font, scale, thickness)
    paper = np.full((h + base + 40, w + 40), 255, np.uint8)
    cv2.putText(paper, text, (20, h + 20), font, scale, 0, thickness, cv2.LINE_AA)
    return _on_canvas(paper, rng, size=(400, 900 if len(text) > 1 else 560))
