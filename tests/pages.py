"""Pages of handwritten numbers built from MNIST digits, for tests and benchmarks.

A page is 2-5 lines of 1-3 numbers of 1-4 digits on plain paper, ruled paper
(writing sits on the rules and sometimes crosses them, a margin line on the left)
or in a table (one number per cell, some cells empty, a row per line). `photo`
turns a page into a phone photo of it: tilted, under uneven light, out of focus,
noisy, JPEG.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

KINDS = ("plain", "ruled", "table")


@dataclass
class Page:
    image: np.ndarray                 # uint8 gray (or BGR once photographed)
    lines: list[list[str]]            # the truth: per line of writing, its numbers

    @property
    def text(self) -> str:
        return "\n".join(" ".join(line) for line in self.lines)


def digit_ink(d: np.ndarray, height: float) -> np.ndarray:
    """An MNIST digit as float ink (0..1), cropped to its ink, scaled so that MNIST's
    20 px box is `height` px: a flat 0 stays as flat as its writer made it."""
    ys, xs = np.nonzero(d > 40)
    crop = d[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32) / 255.0
    f = height / 20.0
    big = cv2.resize(crop, (max(1, round(crop.shape[1] * f)), max(1, round(crop.shape[0] * f))),
                     interpolation=cv2.INTER_CUBIC)
    return np.clip(big, 0.0, 1.0)


def _paste(layer: np.ndarray, ink: np.ndarray, x: int, y: int) -> None:
    h, w = ink.shape
    region = layer[y:y + h, x:x + w]
    np.maximum(region, np.clip(ink[:region.shape[0], :region.shape[1]], 0, 1), out=region)


Number = tuple[str, list[np.ndarray], list[int]]     # its text, each digit's ink, the gap after each


def _number(rng, pool, labels, ndigits: int, height: float) -> Number:
    idx = rng.choice(len(pool), size=ndigits, replace=False)
    inks = [digit_ink(pool[i], height * rng.uniform(0.9, 1.1)) for i in idx]
    gaps = [int(rng.uniform(0.02, 0.25) * height) for _ in idx]
    return "".join(str(labels[i]) for i in idx), inks, gaps


def writing(rng: np.random.Generator, pool: np.ndarray, labels: np.ndarray, lines=(2, 5), numbers=(1, 3),
            digits=(1, 4), height=None) -> tuple[float, list[list[Number]]]:
    """What a page says, apart from where it goes: the digit height and 2-5 lines of
    1-3 numbers of 1-4 digits. The benchmark lays the same writing out on plain paper,
    ruled paper and in a table, so that the sets differ only by the paper."""
    height = float(rng.uniform(34, 50) if height is None else height)
    nlines = int(rng.integers(lines[0], lines[1] + 1))
    return height, [[_number(rng, pool, labels, int(rng.integers(digits[0], digits[1] + 1)), height)
                     for _ in range(int(rng.integers(numbers[0], numbers[1] + 1)))] for _ in range(nlines)]


def _width(inks, gaps) -> int:
    return sum(i.shape[1] for i in inks) + sum(gaps[:-1])


def _write(layer, inks, gaps, x: int, bottom: int, rng, height: float) -> None:
    for ink, gap in zip(inks, gaps):
        # Handwriting wanders a little off its baseline.
        y = int(bottom - ink.shape[0] + rng.uniform(-0.06, 0.06) * height)
        _paste(layer, ink, x, max(0, y))
        x += ink.shape[1] + gap


def page(rng: np.random.Generator, pool: np.ndarray, labels: np.ndarray, kind: str = "plain",
         size=(1100, 850), lines=(2, 5), numbers=(1, 3), digits=(1, 4), height=None,
         text: tuple[float, list[list[Number]]] | None = None) -> Page:
    """One page of `kind` (see KINDS) carrying `text` (from `writing`; by default drawn
    from `rng` and digits from `pool`, MNIST test images). In a table each line of
    writing is a row, its numbers in as many of the row's cells, the rest left empty."""
    h, w = size
    height, rows = writing(rng, pool, labels, lines, numbers, digits, height) if text is None else text
    nlines = len(rows)
    paper = np.full((h, w), rng.uniform(235, 252), np.float32)
    layer = np.zeros((h, w), np.float32)
    rules = np.zeros((h, w), np.float32)
    truth: list[list[str]] = []
    if kind == "table":
        ncols = max(len(row) for row in rows)
        cells: list[list[Number | None]] = []
        for row in rows:
            slots = sorted(rng.choice(ncols, size=len(row), replace=False).tolist())
            cells.append([row[slots.index(c)] if c in slots else None for c in range(ncols)])
        # Each column as wide as its widest number and some room to spare.
        widths = [max(_width(row[c][1], row[c][2]) for row in cells if row[c] is not None)
                  + int(rng.uniform(0.4, 1.2) * height) for c in range(ncols)]
        edges = np.concatenate([[0], np.cumsum(widths)])
        cell_h = int(height * rng.uniform(1.5, 2.0))
        x0 = int(rng.uniform(0.05, 0.95) * max(1, w - edges[-1]))
        y0 = int(rng.uniform(0.05, 0.5) * (h - nlines * cell_h))
        for r, row in enumerate(cells):
            for c, number in enumerate(row):
                if number is None:
                    continue
                _, inks, gaps = number
                room = widths[c] - _width(inks, gaps) - 8
                x = x0 + int(edges[c]) + 4 + int(rng.uniform(0, 1) * room)
                bottom = y0 + r * cell_h + int(cell_h - rng.uniform(0.15, 0.25) * cell_h)
                _write(layer, inks, gaps, x, bottom, rng, height)
            truth.append([number[0] for number in row if number is not None])
        t = int(rng.integers(1, 4))
        level = rng.uniform(0.5, 1.0)
        for r in range(nlines + 1):
            cv2.line(rules, (x0, y0 + r * cell_h), (x0 + int(edges[-1]), y0 + r * cell_h), level, t)
        for c in range(ncols + 1):
            cv2.line(rules, (x0 + int(edges[c]), y0), (x0 + int(edges[c]), y0 + nlines * cell_h), level, t)
    else:
        pitch = int(height * rng.uniform(1.7, 2.4))
        top = int(rng.uniform(0.08, 0.2) * h)
        margin = int(rng.uniform(0.08, 0.15) * w)
        if kind == "ruled":
            level = rng.uniform(0.25, 0.7)     # from faint blue to dark gray
            t = int(rng.integers(1, 3))
            for y in range(top, h - 10, pitch):
                cv2.line(rules, (0, y), (w - 1, y), level, t)
            cv2.line(rules, (margin - 10, 0), (margin - 10, h - 1), level, t)
        step = int(rng.integers(1, 3)) if nlines <= 3 else 1
        for k, numbers_in_line in enumerate(rows):
            # Writing rests on its rule, now and then a little across it.
            bottom = top + (k * step + 1) * pitch + int(rng.uniform(-0.08, 0.12) * height)
            x = margin + int(rng.uniform(0, 0.1) * w)
            row = []
            for said, inks, gaps in numbers_in_line:
                if x + _width(inks, gaps) > w - 10:
                    break
                _write(layer, inks, gaps, x, bottom, rng, height)
                row.append(said)
                x += _width(inks, gaps) + int(rng.uniform(1.2, 3.0) * height)
            truth.append(row)
    darkness = rng.uniform(0.0, 0.3)
    gray = paper * (1 - 0.55 * rules)
    gray = gray * (1 - (1 - darkness) * layer)
    return Page(image=np.clip(gray, 0, 255).astype(np.uint8), lines=truth)


def photo(p: Page, rng: np.random.Generator, tilt: float = 4.0) -> Page:
    """The page photographed: turned up to `tilt` degrees, light falling off across it,
    a vignette, soft focus, sensor noise, a warm tint and a JPEG round trip."""
    gray = p.image.astype(np.float32)
    h, w = gray.shape
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-tilt, tilt), 1.0)
    gray = cv2.warpAffine(gray, rot, (w, h), borderMode=cv2.BORDER_REPLICATE)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = np.cos(angle) * xx / w + np.sin(angle) * yy / h
    light = rng.uniform(0.6, 0.9) + rng.uniform(0.1, 0.35) * (ramp - ramp.min()) / (np.ptp(ramp) + 1e-6)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    light *= 1 - rng.uniform(0, 0.3) * (((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
    gray = cv2.GaussianBlur(gray * light, (0, 0), rng.uniform(0.5, 1.4))
    gray += rng.normal(0, rng.uniform(1.5, 4), gray.shape)
    tint = np.array([rng.uniform(0.85, 0.95), rng.uniform(0.95, 1.0), 1.0], np.float32)
    bgr = np.clip(gray[..., None] * tint, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(45, 86))])
    return Page(image=cv2.imdecode(buf, cv2.IMREAD_COLOR), lines=p.lines)


def on_desk(p: Page, rng: np.random.Generator, tilt: float = 12.0) -> Page:
    """The page lying on a desk, photographed from above: turned up to `tilt` degrees,
    with 5-20% of desk showing on each side, the desk darker than the paper (dark wood
    to a gray table) with a grain; then `photo` (light, blur, noise, JPEG)."""
    img = p.image.astype(np.float32)
    h, w = img.shape
    big_h, big_w = int(h * (1 + 2 * rng.uniform(0.05, 0.2))), int(w * (1 + 2 * rng.uniform(0.05, 0.2)))
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-tilt, tilt), 1.0)
    turn[:, 2] += [big_w / 2 - w / 2 + rng.uniform(-0.03, 0.03) * big_w, big_h / 2 - h / 2 + rng.uniform(-0.03, 0.03) * big_h]
    yy, xx = np.mgrid[0:big_h, 0:big_w].astype(np.float32)
    desk = (rng.uniform(35, 150) + rng.uniform(4, 14) * np.sin(xx / rng.uniform(15, 40) + yy / rng.uniform(150, 400))
            + rng.normal(0, 4, (big_h, big_w)))
    sheet = cv2.warpAffine(img, turn, (big_w, big_h))
    inside = cv2.warpAffine(np.ones_like(img), turn, (big_w, big_h))      # soft at the sheet's edge
    out = inside * sheet + (1 - inside) * desk
    return photo(Page(image=np.clip(out, 0, 255).astype(np.uint8), lines=p.lines), rng, tilt=0.5)
