"""What only a drawing has: its strokes and their order, to tell digits apart.

An image says only where the ink is, so a wide 0 or a 5 whose bar floats above it
can look like two digits, and a 1 leaning on a 7 like one. The canvas also knows
how the ink was made. People write digits left to right, each finished before the
next: a stroke that starts right of all earlier ink, after the pen was lifted,
begins a new digit (even when it then leans on its neighbour, as a 1 on a 7, or
starts on the 7's corner); a stroke that crosses earlier ink belongs to it (the bar
of a 4, the crossbar of a 7); any other stroke (a 5's loose bar, a dot) joins the
digit it lies over (sharing half its width or more), or the stroke it goes on from,
the same way (a slanted 1 whose pen was lifted halfway down), else begins one. The
groups this gives replace connected components as the units that segment.py works
with; the recognizer still decides whether neighbouring groups are one digit (the
parts of an open 4) and, with a model that has the "several digits" output, cuts a
group only when the model says it holds several digits. Images keep the image-only
path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from mnist_desktop.reading import segment
from mnist_desktop.reading.preprocess import Components, InkMap

PAUSE_S = 0.05     # a pen lifted for less than this is a bounce of the same motion, not a new digit
OVER = 0.5         # a stroke that crosses nothing joins the digit it shares this much of its width with
TAP = 0.5          # a stroke whose points stay within this many pen widths is a tap: a dot


@dataclass(frozen=True)
class PenStroke:
    """One stroke as drawn: points (K, 2) as x, y in image pixels, the pen's width,
    and when it started and ended (seconds, any clock; 0 when unknown)."""

    points: np.ndarray
    width: float
    start: float = 0.0
    end: float = 0.0


def _ink(stroke: PenStroke, shape: tuple[int, int], scale: float = 1.0, grow: float = 0.0,
         origin=(0.0, 0.0)) -> np.ndarray:
    """The stroke drawn (0/1) on a blank image of `shape` whose top left is `origin`
    (image pixels), at `scale`, `grow` px wider than its pen."""
    out = np.zeros(shape, np.uint8)
    pts = np.rint((stroke.points - origin) * scale * 4).astype(np.int32).reshape(-1, 1, 2)
    thickness = max(1, int(round(stroke.width * scale + grow)))
    if len(pts) == 1:
        pts = np.concatenate([pts, pts])
    cv2.polylines(out, [pts], False, 1, thickness, cv2.LINE_8, shift=2)
    return out


def usable(strokes, shape: tuple[int, int]) -> list[PenStroke] | None:
    """The strokes with their points clipped to an image of `shape` (h, w); None when
    any stroke is not a stroke (no points, not finite, no pen width)."""
    h, w = shape
    out = []
    for s in strokes:
        try:
            pts = np.asarray(s.points, np.float64).reshape(-1, 2)
            width, start, end = float(s.width), float(s.start), float(s.end)
        except (TypeError, ValueError, AttributeError):
            return None
        if not len(pts) or not np.isfinite(pts).all() or not math.isfinite(width) or width <= 0:
            return None
        out.append(PenStroke(np.clip(pts, 0, [w - 1, h - 1]), min(width, float(max(h, w))), start, end))
    return out


def only_taps(strokes: list[PenStroke], shape: tuple[int, int]) -> bool:
    """Whether every stroke is a tap (the pen put down and lifted where it was) on an
    image of `shape`: a dot alone is no digit, whatever the model makes of its round
    blob (a doubtful 0). False for strokes that are not strokes (usable())."""
    good = usable(strokes, shape)
    return bool(good) and all(np.ptp(s.points, axis=0).max() <= TAP * s.width for s in good)


def digit_groups(strokes: list[PenStroke]) -> list[int]:
    """Which digit each stroke belongs to: group numbers 0, 1, ... in order of first stroke."""
    if not strokes:
        return []
    pad = max(s.width for s in strokes)
    lo = np.min([s.points.min(0) for s in strokes], 0) - pad
    hi = np.max([s.points.max(0) for s in strokes], 0) + pad
    shape = (int(hi[1] - lo[1]) + 2, int(hi[0] - lo[0]) + 2)     # only the strokes' box
    owner = np.full(shape, -1, np.int32)          # the group that inked each pixel first
    group_of: list[int] = []
    fresh = iter(range(len(strokes)))            # ids for new groups
    spans: dict[int, list[float]] = {}            # group -> [left, right, top, bottom] of its ink
    for k, s in enumerate(strokes):
        ink = _ink(s, shape, origin=lo) > 0
        xs, ys = s.points[:, 0], s.points[:, 1]
        box = [float(xs.min() - s.width / 2), float(xs.max() + s.width / 2),
               float(ys.min() - s.width / 2), float(ys.max() + s.width / 2)]
        left, right = box[0], box[1]
        crossed = sorted(set(np.unique(owner[ink]).tolist()) - {-1})
        paused = k == 0 or s.start - strokes[k - 1].end >= PAUSE_S or not s.start
        ink_right = max((span[1] for span in spans.values()), default=-np.inf)
        if paused and (float(xs[0]) - s.width / 2 > ink_right
                       or _begins_at_the_corner(s, ink, owner, lo, strokes[:k], ink_right)):
            g = next(fresh)
        elif crossed:
            g = crossed[0]
            for other in crossed[1:]:             # a stroke across two digits joins them
                group_of = [g if v == other else v for v in group_of]
                owner[owner == other] = g
                spans[g] = _joined(spans[g], spans[other])
                del spans[other]
        else:
            # It lies over a digit when it shares most of its width (or the digit's).
            # ... and is not a digit of its own above or below it (a 1 written under a
            # number's first digit was swallowed by it).
            over = {g: (min(r, right) - max(l, left)) / max(min(r - l, right - left), 1e-6)
                    for g, (l, r, top, bottom) in spans.items() if not _stacked(box, top, bottom, s.width)}
            if over and max(over.values()) >= OVER:
                g = max(over, key=over.get)
            else:
                g = group_of[-1] if k and _continues(s, strokes[k - 1]) else next(fresh)
        group_of.append(g)
        owner[ink & (owner < 0)] = g
        spans[g] = _joined(spans.get(g, box), box)
    renumber = {g: i for i, g in enumerate(dict.fromkeys(group_of))}
    return [renumber[g] for g in group_of]


def _joined(a: list[float], b: list[float]) -> list[float]:
    """The box [left, right, top, bottom] around two boxes."""
    return [min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])]


def _stacked(box: list[float], top: float, bottom: float, pen: float) -> bool:
    """Whether a stroke in `box` is digit-sized (half the digit's height or more) and lies
    wholly above or below the digit from `top` to `bottom`, a clear gap between them:
    another line's digit, not a loose part (a 5's bar is flat, and floats close)."""
    height = bottom - top
    gap = max(2 * pen, 0.15 * height)
    return box[3] - box[2] >= 0.5 * height and (box[2] - bottom > gap or top - box[3] > gap)


def _begins_at_the_corner(s: PenStroke, ink: np.ndarray, owner: np.ndarray, lo: np.ndarray,
                         before: list[PenStroke], ink_right: float) -> bool:
    """Whether `s` is a stem begun at the top right corner of the digit before it: it
    starts right of every earlier stroke's ink (which ends at `ink_right`), in the top
    quarter of their ink, away from where any of them starts or ends, heads down, and
    meets their ink nowhere but where it starts. A 1 begun at the corner of a 7 was joined to it
    (touching it, or lying over its width) and read "11", the 7 cut at its corner. A
    stroke that goes on from an earlier one's end (the stem of a 1 from the top of its
    flag), starts halfway down (a 9's stem from its loop), runs sideways (a 5's bar drawn
    from the right) or crosses earlier ink further on (a 4's stem) stays with it."""
    if not before:
        return False
    start, travel = s.points[0], s.points[-1] - s.points[0]
    earlier = np.concatenate([b.points for b in before])
    top, bottom = float(earlier[:, 1].min()), float(earlier[:, 1].max())
    if (float(start[0]) <= ink_right or travel[1] <= abs(travel[0])
            or float(start[1]) > top + 0.25 * (bottom - top)):
        return False
    if min(float(np.hypot(*(start - p))) for b in before for p in (b.points[0], b.points[-1])) <= 1.5 * s.width:
        return False
    near = np.zeros(ink.shape, np.uint8)
    cv2.circle(near, tuple(int(v) for v in np.rint(start - lo)), int(round(1.5 * s.width)), 1, -1)
    return not (owner[ink & (near == 0)] >= 0).any()


def _continues(stroke: PenStroke, before: PenStroke) -> bool:
    """Whether `stroke` goes on where `before` stopped, the same way (a line the pen
    was lifted from halfway): it starts near the other's end, within a quarter of
    their lengths together, heading within 30 degrees of its direction."""
    a, b = before.points[-1] - before.points[0], stroke.points[-1] - stroke.points[0]
    la, lb = float(np.hypot(*a)), float(np.hypot(*b))
    if min(la, lb) <= 0:
        return False
    jump = float(np.hypot(*(stroke.points[0] - before.points[-1])))
    return jump <= segment.STACKED_GAP * (la + lb) and float(a @ b) >= math.cos(math.radians(30)) * la * lb


def components(ink: InkMap, strokes: list[PenStroke]) -> Components | None:
    """The ink's pixels labelled by the digit group whose strokes drew them, as
    preprocess labels connected components; None when the strokes are unusable or
    cover no ink (the image's own components are used then)."""
    h, w = ink.mask.shape
    strokes = usable(strokes, (int(round(h / ink.scale)), int(round(w / ink.scale))))
    if not strokes:
        return None
    groups = digit_groups(strokes)
    labels = np.zeros((h, w), np.int32)
    # Pixels the pen drew, a little wider than the pen: antialiased edges belong too.
    for s, g in zip(strokes, groups):
        drawn = _ink(s, (h, w), ink.scale, grow=3) > 0
        labels[drawn & (labels == 0)] = g + 1
    labels *= ink.mask.astype(np.int32)
    if not labels.any():
        return None
    missing = (ink.mask > 0) & (labels == 0)
    if missing.any():
        # Ink the polylines missed (a curve bulging past its samples): the nearest stroke's.
        _, nearest = cv2.distanceTransformWithLabels((labels == 0).astype(np.uint8), cv2.DIST_L2, 3,
                                                     labelType=cv2.DIST_LABEL_PIXEL)
        labels[missing] = labels[labels > 0][nearest[missing] - 1]
    pieces = []
    for g in range(1, max(groups) + 2):
        ys, xs = np.nonzero(labels == g)
        if len(xs):
            box = (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))
            pieces.append((g, box, int(len(xs))))
    return Components(labels=labels, origin=(0, 0), pieces=pieces, by_strokes=True)
