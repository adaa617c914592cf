"""Handwriting styles that MNIST lacks, drawn from strokes, for training.

MNIST's writers mostly learnt one school style. People elsewhere write a 1 with a
long flag (and a base serif), cross their 7s, leave the top of a 4 open, give a 9 a
straight stem and a 2 a loop; they slant, press hard or draw hairlines, and leave the
bar of a 5 off the stem. A model that never saw these reads a flagged 1 as a 7 and a
wide 0 as two digits.

Two kinds of sample, half each:
- glyphs: every digit drawn from parametric strokes (lines, arcs, curves), in the
  styles above and the plain ones, jittered, slanted -25..+25 degrees, wide or narrow,
  with a pen from hairline to marker whose width can vary along the stroke;
- MNIST training digits slanted, stretched and thinned or thickened further than
  the batch augmentation goes, 30% of them (SCANNED) seen through a coarse scan:
  9-18 px tall, faded, blurred, noisy and JPEG-compressed, read in gray as the app
  reads a digit that small.
Never from fonts: font-rendered digits are kept for evaluation only.

Each sample goes through the app's own ink finding and normalisation, so it is
exactly what the model will see of such writing.
"""

from __future__ import annotations

import math
from typing import Callable

import cv2
import numpy as np
import torch

from mnist_desktop.learning import digitcache
from mnist_desktop.reading import preprocess

VERSION = 5              # bump when the rendering changes, so old caches are not reused
POOL = 30_000            # samples made once per training set (about a minute), then cached
HEIGHT = 100             # a glyph's height in pixels when drawn
SLANT_DEG = 25.0
WIDEST = 1.35            # the widest aspect (width/height) of a drawn glyph
SCANNED = 0.3            # share of the MNIST half seen through a coarse scan (scanned())

# Each digit's styles, by name; "plain" is MNIST's school style.
STYLES: dict[int, tuple[str, ...]] = {
    0: ("plain", "open"), 1: ("plain", "flag", "flag_serif"), 2: ("plain", "loop"),
    3: ("plain", "flat_top"), 4: ("plain", "open_top", "apart"), 5: ("plain", "bar_apart"),
    6: ("plain", "big_loop"), 7: ("plain", "crossbar", "crossbar_curved"), 8: ("plain",),
    9: ("plain", "straight_stem"),
}

Stroke = np.ndarray      # (K, 2) points, x right and y down, in a unit box


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 28) -> Stroke:
    """An elliptic arc from angle a0 to a1 (degrees, 0 = right, 90 = down)."""
    t = np.radians(np.linspace(a0, a1, n))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], 1)


def _curve(*points, n: int = 16) -> Stroke:
    """A quadratic Bezier through three control points, or a line through two."""
    p = np.array(points, float)
    t = np.linspace(0, 1, n)[:, None]
    if len(p) == 2:
        return p[0] + t * (p[1] - p[0])
    return (1 - t) ** 2 * p[0] + 2 * (1 - t) * t * p[1] + t ** 2 * p[2]


def _join(*parts: Stroke) -> Stroke:
    return np.concatenate(parts)


def glyph(digit: int, style: str, rng: np.random.Generator) -> list[Stroke]:
    """The strokes of one digit in one style, with its shape parameters drawn at random."""
    u = lambda lo, hi: float(rng.uniform(lo, hi))  # noqa: E731
    if digit == 0:
        start = u(-120, -60)
        sweep = 360 + (u(-40, -15) if style == "open" else u(0, 25))
        return [_arc(0.5, 0.5, 0.45, 0.5, start, start + sweep, 40)]
    if digit == 1:
        top = (u(0.5, 0.65), 0.0)
        stem = _curve(top, (u(0.45, 0.6), 1.0))
        if style == "plain":
            return [stem]
        # Down and to the left, never flat: a flag at the height of a bar would be a 7's.
        length, angle = u(0.15, 0.4), math.radians(u(30, 65))
        flag = _curve((top[0] - length * math.cos(angle), length * math.sin(angle)), top)
        strokes = [_join(flag, stem)]
        if style == "flag_serif":
            strokes.append(_curve((stem[-1, 0] - u(0.2, 0.35), 1.0), (stem[-1, 0] + u(0.2, 0.35), 1.0)))
        return strokes
    if digit == 2:
        top = _arc(0.5, 0.28, 0.4, 0.28, u(170, 200), u(380, 410))
        if style == "loop":
            low = (u(0.15, 0.3), u(0.82, 0.9))
            loop = _arc(low[0], low[1] + 0.02, 0.12, 0.1, -90, 270, 20)
            return [_join(top, _curve(top[-1], low), loop, _curve(low, (u(0.85, 1.0), u(0.92, 1.0))))]
        corner = (u(0.0, 0.15), 1.0)
        return [_join(top, _curve(top[-1], (0.35, 0.7), corner), _curve(corner, (u(0.8, 1.0), u(0.95, 1.0))))]
    if digit == 3:
        low = _arc(0.45, 0.73, 0.45, 0.27, -90, u(140, 160))
        if style == "flat_top":
            mid = (u(0.35, 0.5), 0.45)
            return [_join(_curve((0.05, 0.0), (0.9, 0.0)), _curve((0.9, 0.0), mid), _curve(mid, low[0]), low)]
        return [_join(_arc(0.45, 0.25, 0.4, 0.25, u(190, 215), 450), low)]
    if digit == 4:
        bar_y, stem_x = u(0.55, 0.7), u(0.6, 0.75)
        stem = _curve((stem_x, 0.0 if style == "plain" else u(0.05, 0.35)), (stem_x + u(-0.05, 0.05), 1.0))
        if style == "plain":
            return [_curve((stem_x, 0.0), (0.0, bar_y), (1.0, bar_y)), stem]
        left = _curve((u(0.05, 0.25), 0.0), (0.0, bar_y))
        end = stem_x - u(0.04, 0.1) if style == "apart" else 1.0
        return [_join(left, _curve((0.0, bar_y), (end, bar_y))), stem]
    if digit == 5:
        stem_top = (u(0.1, 0.25), 0.02)
        body = _join(_curve(stem_top, (u(0.05, 0.2), 0.45)), _arc(0.45, 0.7, 0.45, 0.3, -150, 150))
        if style == "bar_apart":
            bar = _curve((stem_top[0] + u(0.06, 0.15), -u(0.02, 0.08)), (u(0.8, 1.0), -u(0.02, 0.08)))
        else:
            bar = _curve(stem_top, (u(0.8, 1.0), u(-0.03, 0.03)))
        return [body, bar]
    if digit == 6:
        r = (0.45, 0.33) if style == "big_loop" else (0.4, 0.25)
        cy = 1.0 - r[1]
        loop = _arc(0.5, cy, r[0], r[1], 180, 180 + u(330, 370))
        return [_join(_curve((u(0.65, 0.85), 0.0), (0.05, 0.2), loop[0]), loop)]
    if digit == 7:
        corner = (u(0.9, 1.0), 0.0)
        stem = (_curve(corner, (u(0.3, 0.5), 0.5), (u(0.25, 0.45), 1.0)) if style == "crossbar_curved"
                else _curve(corner, (u(0.25, 0.5), 1.0)))
        strokes = [_join(_curve((0.0, u(0.0, 0.1)), corner), stem)]
        if style != "plain":
            y = u(0.45, 0.55)
            strokes.append(_curve((u(0.25, 0.4), y), (u(0.8, 0.95), y - u(0, 0.05))))
        return strokes
    if digit == 8:
        top = _arc(0.5, 0.25, u(0.3, 0.4), 0.25, 90, 450)
        return [_join(top, _arc(0.5, 0.73, u(0.4, 0.5), 0.27, -90, 270))]
    # 9
    loop = _arc(0.45, 0.27, 0.42, 0.27, u(-10, 10), u(350, 370))
    x = loop[-1, 0]
    stem = (_curve((x, 0.3), (x + u(-0.05, 0.02), 1.0)) if style == "straight_stem"
            else _curve((x, 0.3), (x, 0.8), (u(0.3, 0.5), 1.0)))
    return [loop, stem]


def _place(strokes: list[Stroke], rng: np.random.Generator, aspect: float, slant_deg: float) -> list[Stroke]:
    """Jittered, a little wobbly, stretched to `aspect` (width/height), slanted, in pixels."""
    out = []
    shear = math.tan(math.radians(slant_deg))
    wobble = rng.normal(0, 0.015, (2, 3))          # a smooth bend shared by all strokes
    for s in strokes:
        p = s + rng.normal(0, 0.006, s.shape)
        p = p + wobble[:, 0] * np.sin(3 * p[:, 1:2] + wobble[:, 1]) + wobble[:, 2]
        x = p[:, 0] * aspect * HEIGHT + shear * (1.0 - p[:, 1]) * HEIGHT
        out.append(np.stack([x, p[:, 1] * HEIGHT], 1))
    return out


def draw(strokes: list[Stroke], rng: np.random.Generator, width: float | None = None,
         vary: bool | None = None) -> np.ndarray:
    """The strokes (pixels) in dark ink on white paper, with a pen from hairline to
    marker (`width` px, random when None) whose width may vary along each stroke."""
    pts = np.concatenate(strokes)
    margin = 20
    shift = margin - pts.min(0)
    size = np.ceil(pts.max(0) - pts.min(0) + 2 * margin).astype(int)
    paper = np.full((size[1], size[0]), 255, np.uint8)
    width = float(np.exp(rng.uniform(np.log(1.0), np.log(HEIGHT * 0.2)))) if width is None else width
    vary = rng.random() < 0.4 if vary is None else vary
    for s in strokes:
        p = np.rint((s + shift) * 4).astype(np.int32)            # 2 bits of sub-pixel precision
        ends = rng.uniform(0.5, 1.5, 2) if vary else np.ones(2)
        for k in range(len(p) - 1):
            w = width * (ends[0] + (ends[1] - ends[0]) * k / max(len(p) - 2, 1))
            cv2.line(paper, tuple(p[k]), tuple(p[k + 1]), 0, max(1, int(round(w))), cv2.LINE_AA, shift=2)
    return paper


def glyph_strokes(digit: int, rng: np.random.Generator, style: str | None = None, *,
                  aspect: float | None = None, slant: float | None = None,
                  widest_one: float = 0.6) -> tuple[list[Stroke], str]:
    """One digit's strokes in pixels, in `style` (one of its styles at random when
    None), `aspect` (width/height) and `slant` (degrees), random when None (a 1's
    aspect no more than `widest_one`)."""
    style = style or str(rng.choice(STYLES[digit]))
    if aspect is None:
        aspect = float(np.exp(rng.uniform(np.log(0.45), np.log(WIDEST))))
        aspect = min(aspect, widest_one) if digit == 1 else aspect
    strokes = glyph(digit, style, rng)
    slant = rng.uniform(-SLANT_DEG, SLANT_DEG) if slant is None else slant
    return _place(strokes, rng, aspect, slant), style


def styled_glyph(digit: int, rng: np.random.Generator, style: str | None = None) -> tuple[np.ndarray, str]:
    """One digit drawn on paper in `style` (a random one of its styles when None), for
    training: a 1 as wide as any digit. Pools with none wider than 0.6 taught the model
    to read a wide writer's flagged 1 as a 7; the benchmark's rows keep that cap, so
    that they draw what they drew before."""
    strokes, style = glyph_strokes(digit, rng, style, widest_one=WIDEST)
    return draw(strokes, rng), style


def restyled_mnist(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An MNIST digit (28x28, ink 255) slanted, stretched and thinned or thickened, on paper."""
    big = cv2.resize(digit, None, fx=4, fy=4, interpolation=cv2.INTER_CUBIC)
    big = cv2.copyMakeBorder(big, 40, 40, 80, 80, cv2.BORDER_CONSTANT, value=0)
    h, w = big.shape
    shear = math.tan(math.radians(rng.uniform(-SLANT_DEG, SLANT_DEG)))
    sx = float(np.exp(rng.uniform(np.log(0.6), np.log(1.5))))
    m = np.array([[sx, -shear, (1 - sx) * w / 2 + shear * h / 2], [0, 1, 0]], np.float32)
    big = cv2.warpAffine(big, m, (w, h), flags=cv2.INTER_LINEAR)
    change = int(rng.integers(-5, 6))
    if change > 0:
        big = cv2.dilate(big, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * change + 1,) * 2))
    elif change < 0:
        thinner = cv2.erode(big, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (1 - 2 * change,) * 2))
        # Thinned only as far as the strokes hold together: a digit broken into dust
        # would no longer be its label.
        if _pieces(thinner) == _pieces(big):
            big = thinner
    return 255 - big


def scanned(paper: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Paper with a digit about 80 px tall (restyled_mnist's) as a coarse scan or a
    far-off photo shows it: 9-18 px tall, faded, blurred, noisy, JPEG-compressed."""
    scale = rng.uniform(9, 18) / 80
    small = cv2.resize(paper, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA).astype(np.float32)
    small = small * rng.uniform(0.6, 0.95) + rng.uniform(5, 50)
    small = cv2.GaussianBlur(small, (0, 0), rng.uniform(0.3, 1.0)) + rng.normal(0, rng.uniform(1, 6), small.shape)
    _, jpeg = cv2.imencode(".jpg", np.clip(small, 0, 255).astype(np.uint8),
                           [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(25, 91))])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def _pieces(ink: np.ndarray) -> int:
    return cv2.connectedComponents((ink > 128).astype(np.uint8))[0]


def _normalised(paper: np.ndarray, small_in_gray: bool = False) -> np.ndarray | None:
    ink = preprocess.find_ink(paper)
    if ink.empty:
        return None
    # Cut, not gray (but for a scan, read as the app reads one): the loops of an MNIST
    # digit as it is (28x28, small to the reader) were counted so for the shipped model's
    # pools; in gray a thin 1 is dropped here.
    crop = preprocess.normalize(ink, small_in_gray=small_in_gray).image
    crop = np.clip(crop * 255.0 + 0.5, 0, 255).astype(np.uint8)
    # A drawing that fell apart into dots or a blob is no longer its label: drawn again.
    return crop if _pieces(crop) <= 3 and 40 <= (crop > 128).sum() <= 300 else None


def plan(labels: np.ndarray, count: int, seed: int, stream: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """What each pool sample is: (MNIST index, or -1 for a glyph) and its label. Cheap,
    so the labels never need the cache. `stream` keeps other uses (calibration) apart
    from the training pools of every seed."""
    rng = np.random.default_rng([seed, 20] if stream == 0 else [seed, 20, stream])
    source = np.where(rng.random(count) < 0.5, rng.integers(0, len(labels), count), -1)
    return source, np.where(source >= 0, labels[np.maximum(source, 0)], rng.integers(0, 10, count))


def make(images: np.ndarray, labels: np.ndarray, count: int, seed: int, stream: int = 0,
         should_stop: Callable[[], bool] | None = None) -> np.ndarray:
    """`count` styled samples as 28x28 uint8 model inputs (ink 255), following plan().
    A sample whose five drawings all fell apart (or lost a loop) stays blank."""
    source, wanted = plan(labels, count, seed, stream)
    out = np.zeros((count, 28, 28), np.uint8)
    for k in range(count):
        if k % 512 == 0 and should_stop and should_stop():
            return out[:k]
        rng = np.random.default_rng([seed, 21, k] if stream == 0 else [seed, 21, k, stream])
        mnist = source[k] >= 0
        # A thick pen can close a loop (a narrow 0 in marker is a fat 1): such a drawing is
        # no longer its label and would teach the model to read MNIST's heavy 1s as 0s.
        loops = _holes(_normalised(255 - images[source[k]])) if mnist else None
        scan = mnist and rng.random() < SCANNED
        for _ in range(5):   # a hairline drawing can fall below the ink threshold: draw it again
            paper = restyled_mnist(images[source[k]], rng) if mnist else styled_glyph(int(wanted[k]), rng)[0]
            crop = _normalised(scanned(paper, rng), True) if scan else _normalised(paper)
            if crop is not None and (_holes(crop) == loops if mnist else looks_like(crop, int(wanted[k]))):
                out[k] = crop
                break
    return out


# Loops every drawing of these digits has (a 4, a 2 or a 9 may or may not close one).
HOLES = {0: 1, 1: 0, 3: 0, 5: 0, 6: 1, 7: 0, 8: 2}
# Digits whose loop many people leave open (a 6 whose stroke stops short of its start).
OPEN_LOOPS = (0, 6)
# A loop filled in by a thick pen leaves a blob: its ink covers most of its convex hull.
# Open 0s and 6s drawn from strokes cover at most 0.72 of theirs (400 of each measured).
BLOB = 0.75


def looks_like(crop: np.ndarray, digit: int) -> bool:
    """Whether a drawn glyph still has its digit's loops: closed ones, or for a 0 or a 6
    left open, none, as long as the pen did not fill the loop in (a narrow 0 in marker
    is a fat 1; kept, it would teach the model to read MNIST's heavy 1s as 0s)."""
    holes = _holes(crop)
    if digit in OPEN_LOOPS and holes == 0:
        return _solidity(crop) < BLOB
    return digit not in HOLES or holes == HOLES[digit]


def _solidity(crop: np.ndarray) -> float:
    ink = (crop > 128).astype(np.uint8)
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull = cv2.convexHull(np.concatenate(contours))
    return float(ink.sum()) / max(cv2.contourArea(hull), 1.0)


def _holes(crop: np.ndarray | None) -> int | None:
    """Closed loops in a 28x28 model input (None for no input)."""
    if crop is None:
        return None
    _, hierarchy = cv2.findContours((crop > 128).astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    return 0 if hierarchy is None else int((hierarchy[0][:, 3] >= 0).sum())


def pool_cached(images: torch.Tensor, labels: torch.Tensor, count: int = POOL, seed: int = 0,
                should_stop: Callable[[], bool] | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """make()'s samples and their labels, the samples kept in the cache folder."""
    count = min(count, max(len(images), 1) * 4)
    x = digitcache.cached(
        f"styles-v{VERSION}.{preprocess.VERSION}-{count}-{seed}", images, (count, 28, 28),
        lambda: torch.from_numpy(make(images.numpy(), labels.numpy(), count, seed, should_stop=should_stop)),
        should_stop)
    return labelled(x, labels, count, seed)


def labelled(x: torch.Tensor, labels: torch.Tensor, count: int, seed: int,
             stream: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """make(count, seed, stream)'s samples (fewer when it was stopped) with the labels
    plan() gave them, less the few that never came out."""
    y = torch.from_numpy(plan(labels.numpy(), count, seed, stream)[1]).long()[:len(x)]
    drawn = (x > 128).flatten(1).sum(1) >= 40
    return x[drawn], y[drawn]
