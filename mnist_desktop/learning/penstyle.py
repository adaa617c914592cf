"""MNIST redrawn the way people draw in the app: the centre line, at one pen width.

MNIST's writers used real pens: strokes vary in width, loops fill in, a stroke
sometimes doubles back on itself. A mouse or a stylus draws a thin line of constant
width along the path the hand took, and preprocessing then thickens it evenly. A
model that has only seen MNIST reads a filled "8" that a pen draws as two open
loops as something else. Training on both renderings of each digit closes that gap.

The centre line is Zhang-Suen thinning (it keeps loops and joins), with thousands of
digits stacked in one image so that each sub-iteration is one OpenCV filter and one
lookup; each result then goes through the app's own stroke and size normalisation,
so it is exactly what the model will see of such a drawing. A loop that the
writer's ink filled in thins to a stub (a filled 9 becomes a 7), so such blobs are
opened up first: a pen draws them as the loops they were.
"""

from __future__ import annotations

from typing import Callable

import cv2
import numpy as np
import torch
import torch.nn.functional as F

from mnist_desktop.learning import digitcache
from mnist_desktop.reading import preprocess

VERSION = 2      # bump when the rendering changes, so old caches are not reused
SCALE = 3        # thin at 84x84: fine enough for a smooth centre line, cheap enough for 60k digits
PEN_PX = 2       # the redrawn stroke before the app's own stroke normalisation
_PEN = np.ones((PEN_PX, PEN_PX), np.uint8)
FILLED = 2.0     # ink farther than this many half stroke widths from the paper is a filled loop


def _removal_tables() -> np.ndarray:
    """Zhang-Suen's two sub-iteration rules as lookup tables over the 8-neighbour code."""
    tables = np.zeros((2, 256), np.uint8)
    for code in range(256):
        # P2..P9 clockwise from north, as the paper numbers them; bit k is P(k+2).
        p2, p3, p4, p5, p6, p7, p8, p9 = ((code >> k) & 1 for k in range(8))
        ring = (p2, p3, p4, p5, p6, p7, p8, p9, p2)
        count = sum(ring[:8])
        transitions = sum(a == 0 and b == 1 for a, b in zip(ring[:-1], ring[1:]))
        if 2 <= count <= 6 and transitions == 1:
            tables[0, code] = not (p2 and p4 and p6) and not (p4 and p6 and p8)
            tables[1, code] = not (p2 and p4 and p8) and not (p2 and p6 and p8)
    return tables


_TABLES = _removal_tables()
# Weights that turn a 3x3 neighbourhood into that code (the centre counts 0).
_CODE = np.array([[128, 1, 2], [64, 0, 4], [32, 16, 8]], np.float32)


def centre_lines(masks: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of binary masks (N, H, W) -> uint8 0/1, same shape.

    The masks are stacked into one tall image with a blank row between neighbours,
    so each sub-iteration is one filter2D and one LUT over the whole batch.
    """
    n, h, w = masks.shape
    img = np.zeros((n, h + 1, w), np.uint8)
    img[:, :h] = masks > 0
    img = img.reshape(n * (h + 1), w)
    while True:
        changed = False
        for table in _TABLES:
            code = cv2.filter2D(img, -1, _CODE, borderType=cv2.BORDER_CONSTANT)
            remove = cv2.LUT(code, table) & img
            if remove.any():
                img -= remove
                changed = True
        if not changed:
            return img.reshape(n, h + 1, w)[:, :h].copy()


def pen_paths(masks: np.ndarray) -> np.ndarray:
    """The line a pen would draw each binary mask (N, H, W) along -> uint8 0/1.

    Its centre line, except that filled-in loops are opened up first.
    """
    lines = centre_lines(masks)
    ink = (masks > 0).astype(np.uint8)
    redo = [k for k in range(len(ink)) if _open_filled_loops(ink[k], lines[k])]
    if redo:
        lines[redo] = centre_lines(ink[redo])
    return lines


def _open_filled_loops(ink: np.ndarray, line: np.ndarray) -> bool:
    """Punch a hole (in place) in each blob of `ink` far thicker than its strokes.

    Only roundish blobs count (a long thick stretch is a heavy stroke), and only
    those away from the digit's own holes: the thick side of a heavy 0 lies next
    to its hole, and opening it would draw an 8. True if anything was opened.
    """
    dist = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    along = dist[line > 0]
    if along.size == 0:
        return False
    half = max(float(np.median(along)), 1.0)
    n, blobs = cv2.connectedComponents((dist > FILLED * half).astype(np.uint8))
    if n < 2:
        return False
    to_hole = _distance_to_holes(ink)
    opened = False
    for j in range(1, n):
        part = blobs == j
        (_, _), (a, b), _ = cv2.minAreaRect(np.argwhere(part)[:, ::-1].astype(np.float32))
        roundish = max(a, b) <= 2 * min(a, b) + 2
        alone = to_hole is None or to_hole[part].max() > 1.5 * dist[part].max()
        if roundish and alone:
            ink[part] = 0
            opened = True
    return opened


def _distance_to_holes(ink: np.ndarray) -> np.ndarray | None:
    """Distance of every pixel to the nearest hole in the ink (paper not reachable
    from the frame); None when there is none."""
    _, paper = cv2.connectedComponents(1 - ink, connectivity=4)
    outside = np.unique(np.concatenate([paper[0], paper[-1], paper[:, 0], paper[:, -1]]))
    holes = (ink == 0) & ~np.isin(paper, outside)
    if not holes.any():
        return None
    return cv2.distanceTransform((~holes).astype(np.uint8), cv2.DIST_L2, 3)


def _normalised(pen: np.ndarray) -> np.ndarray:
    """One pen drawing (uint8 0/1) -> the app's 28x28 model input, as uint8."""
    ink = preprocess.InkMap(flat=pen * 255, mask=pen, scale=1.0)
    return np.rint(preprocess.normalize(ink).image * 255).astype(np.uint8)


def render(images: torch.Tensor, chunk: int = 2048,
           should_stop: Callable[[], bool] | None = None) -> torch.Tensor:
    """uint8 MNIST digits (N, 28, 28) -> the same digits drawn with a pen, (N, 28, 28) uint8.

    A digit with no ink (never in MNIST) comes back as it was. should_stop is polled
    between chunks; once it is true the remaining digits are returned unrendered.
    """
    out = images.clone()
    for start in range(0, len(images), chunk):
        if should_stop and should_stop():
            break
        x = images[start:start + chunk].float().unsqueeze(1) / 255.0
        big = F.interpolate(x, scale_factor=SCALE, mode="bicubic", align_corners=False)
        lines = pen_paths((big[:, 0] > 0.5).numpy())
        for k, line in enumerate(lines):
            if line.any():
                pen = cv2.dilate(line, _PEN)
                out[start + k] = torch.from_numpy(_normalised(pen))
    return out


def render_cached(images: torch.Tensor, should_stop: Callable[[], bool] | None = None) -> torch.Tensor:
    """render(), kept in the cache folder: MNIST's 60k digits take a minute once, then none."""
    return digitcache.cached(f"pen-style-v{VERSION}.{preprocess.VERSION}", images, tuple(images.shape),
                             lambda: render(images, should_stop=should_stop), should_stop)
