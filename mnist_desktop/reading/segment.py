"""Ink -> digits, left to right: merge the pieces of one digit, split touching ones.

Connected components are the first guess. A digit drawn in two strokes (a 5's
bar, a 4) or a broken scan stroke gives pieces that overlap in x: they are merged.
Specks are already gone (preprocess.remove_specks); marks much smaller than the
digits around them join the digit beside them or are dropped, except a point: a
small round dot on the line's foot between two digits (12.50) is noted, not read. Then two kinds of
alternatives go to the recognizer, which keeps the reading it is surest of
(recognizer.read): a group much wider than the digits are tall may be touching
digits (candidate cuts), and neighbours with almost no gap may be one digit
broken apart (candidate merges). A group of ordinary width may still be two
digits (a 1 leaning on a 7): its cuts are offered as "maybe" splits, which the
recognizer only takes when the model says the whole is not one digit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from mnist_desktop.reading.preprocess import Components, InkMap

MERGE_OVERLAP = 0.5      # x-overlap, as a fraction of the narrower piece, that makes one digit
SMALL = 0.45             # a group whose longest side is under this fraction of the digit height
NEAR = 0.3               # ... joins a neighbour closer than this (a broken stroke), else is noise
ONE_DIGIT_WIDTH = 1.0    # width/height above which a group may hold touching digits
MAYBE_WIDE = 0.5         # ... and above which it may, if the model doubts it is one digit
DIPS = 3                 # cut candidates tried in such a group
DIGIT_ASPECT = 0.75      # a typical digit's width/height, to guess how many are touching
MOST_TOUCHING = 8        # at most this many digits cut from one group: a long hair-thin line
                         # (height 1) would otherwise make ~w^2/2 candidate crops
STACKED_OVERLAP = 0.25  # pieces sharing less of their height than this are one above the other
STACKED_GAP = 0.25      # ... and one digit if their ink comes this close (in the taller one's height)
BAR = 0.3               # ... and both are straight: ink this wide for its length, or thinner
MERGE_GAP = 0.2          # neighbours closer than this fraction of the height may be one digit
MERGE_WIDTH = 1.1        # ... if together they are no wider than this fraction of the height
MERGE_WIDTH_SEVERAL = 1.5  # ... or this, for a model that says when a crop is several digits
POINT = 0.3             # a decimal point: no taller or wider than this fraction of the digits,
POINT_ROUND = 1.6       # ... at most this much longer than wide, filling half its box,
POINT_GAP = 0.6         # ... clear of the digits either side by at most this (in their height),
POINT_FOOT = 0.7        # ... its centre below this fraction of their height (the foot),
POINT_BELOW = 0.08      # ... reaching no further below their foot than this (a comma does),
POINT_CLEAR = 0.15      # ... with no other ink within this many of its sizes (a stroke's end)


@dataclass
class Piece:
    """One digit candidate: its box in working pixels and its own ink (cropped)."""

    box: tuple[int, int, int, int]
    mask: np.ndarray            # uint8 0/1, shape (h, w) of box


@dataclass
class Group:
    whole: Piece
    splits: list[list[Piece]] = field(default_factory=list)   # alternative readings, 2+ pieces each
    maybe: bool = False        # no wider than one digit: split only if the whole is doubtful


def _box_union(a, b):
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
    return x0, y0, x1 - x0, y1 - y0


@dataclass
class Layout:
    groups: list[Group]            # left to right
    height: float                  # a typical digit's height, in working pixels
    points: list[float] = field(default_factory=list)   # decimal points' x centres, working pixels

    def merges(self, width: float = MERGE_WIDTH) -> list[tuple[int, int, Piece, int]]:
        """(first, end, piece, widest gap): runs of 2-3 neighbouring groups that may be one
        digit, together no wider than `width` digit heights (an open 4 beside its stem
        can be wide: a model that tells one digit from several can be offered more)."""
        # Such a model is offered pieces as wide as the digit they make is tall: an open
        # 4 whose bar hangs above its stem is taller, so wider, than its parts.
        def tall(box):
            return max(self.height, box[3]) if width > MERGE_WIDTH else self.height

        out = []
        for i in range(len(self.groups)):
            box, masks, widest = self.groups[i].whole.box, [self.groups[i].whole], 0
            for j in range(i + 1, min(i + 3, len(self.groups))):
                nxt = self.groups[j].whole
                gap = max(0, nxt.box[0] - (masks[-1].box[0] + masks[-1].box[2]))
                box = _box_union(box, nxt.box)
                if gap > MERGE_GAP * self.height or box[2] > width * tall(box):
                    break
                masks.append(nxt)
                widest = max(widest, gap)
                out.append((i, j + 1, _paste(box, masks), widest))
        return out


def _paste(box, pieces: list[Piece]) -> Piece:
    x, y, w, h = box
    mask = np.zeros((h, w), np.uint8)
    for p in pieces:
        px, py, pw, ph = p.box
        mask[py - y:py - y + ph, px - x:px - x + pw] |= p.mask
    return Piece(box=box, mask=mask)


def layout(ink: InkMap) -> Layout:
    points: list[float] = []
    groups = segment(ink, points)
    heights = [g.whole.box[3] for g in groups]
    return Layout(groups=groups, height=_digit_height_of(heights) if heights else 0.0, points=points)


def x_clusters(pieces: list[tuple], joined, reach: float = 0.0) -> list[int]:
    """Union-find over pieces (label, box (x, y, w, h), area) sorted by box x:
    `joined(a, b)` is asked for each pair whose columns overlap (b starting before a
    ends, or within `reach` of its end); returns each piece's cluster id."""
    boxes = [p[1] for p in pieces]
    parent = list(range(len(boxes)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            if boxes[j][0] >= a[0] + a[2] + reach:
                break  # sorted by x: no later box overlaps a
            if joined(pieces[i], pieces[j]):
                parent[find(j)] = find(i)
    return [find(i) for i in range(len(boxes))]


def bars_meet(comps: Components, a: tuple, b: tuple, near: float, shared: float) -> bool:
    """Whether two pieces (label, box, ...) stand one on the other (their boxes share
    at most `shared` pixels of height), one of them a straight stroke, their ink within
    `near` pixels: a line the pen was lifted from, a seven-segment digit's corners. Two
    digits one above the other (a 2 on a 3 of the next line) do not."""
    if not -shared <= vertical_gap(a[1], b[1]) <= near:
        return False
    x0, y0, w, h = _box_union(a[1], b[1])
    ox, oy = comps.origin
    crop = comps.labels[y0 - oy:y0 - oy + h, x0 - ox:x0 - ox + w]
    ours, theirs = crop == a[0], crop == b[0]
    if not (_straight(ours) or _straight(theirs)):
        return False
    return float(cv2.distanceTransform((~ours).astype(np.uint8), cv2.DIST_L2, 3)[theirs].min()) <= near


def vertical_gap(a, b) -> int:
    """Rows between two boxes, one above the other (negative: rows they share)."""
    return max(b[1] - (a[1] + a[3]), a[1] - (b[1] + b[3]))


def _straight(ink: np.ndarray) -> bool:
    """Ink that fits a rectangle (any angle) at most BAR times as wide as it is long."""
    points = cv2.findNonZero(ink.astype(np.uint8))
    if points is None:
        return False
    side = sorted(cv2.minAreaRect(points)[1])
    return side[0] <= BAR * max(side[1], 1.0)


def segment(ink: InkMap, points: list[float] | None = None) -> list[Group]:
    """Digit groups of `ink`, ordered left to right; decimal points found between
    them go to `points` (their x centres), when given."""
    if ink.components is None or not ink.components.pieces:
        return []
    labels, (ox, oy) = ink.components.labels, ink.components.origin
    comps = sorted(ink.components.pieces, key=lambda c: c[1][0])

    def joined(pa, pb):
        # The strokes already said which ink is one digit: a 1 leaning over a 7 stays apart.
        if ink.components.by_strokes or _dotlike(pa, pb) or _dotlike(pb, pa):
            return False                  # (a point touching a digit's box is no part of it)
        a, b = pa[1], pb[1]
        overlap = min(a[0] + a[2], b[0] + b[2]) - b[0]
        if overlap >= MERGE_OVERLAP * min(a[2], b[2]):
            return True
        # Digits stand side by side, never one on another: a straight stroke on or under
        # a piece, their ink nearly meeting, is one digit with it (a slanted 1 in two).
        return bars_meet(ink.components, pa, pb, STACKED_GAP * max(a[3], b[3]), STACKED_OVERLAP * min(a[3], b[3]))

    roots = x_clusters(comps, joined)

    groups: dict[int, dict] = {}
    for k, (label, box, area) in enumerate(comps):
        g = groups.setdefault(roots[k], {"labels": [], "box": box, "area": 0})
        g["labels"].append(label)
        g["box"] = _box_union(g["box"], box)
        g["area"] += area

    merged = list(groups.values())
    height = _digit_height(merged)
    def alone(g, reach):
        """No ink but `g`'s within `reach` pixels of it."""
        x, y, w, h = g["box"]
        r = int(np.ceil(reach))
        near = labels[max(0, y - oy - r):y - oy + h + r, max(0, x - ox - r):x - ox + w + r]
        return not np.isin(near, [0, *g["labels"]], invert=True).any()

    kept = _absorb_small(merged, height, points, alone)

    result = []
    for g in sorted(kept, key=lambda g: g["box"][0] + g["box"][2] / 2):
        x, y, w, h = g["box"]
        mask = np.isin(labels[y - oy:y - oy + h, x - ox:x - ox + w], g["labels"]).astype(np.uint8)
        whole = Piece(box=(x, y, w, h), mask=mask)
        maybe = w <= ONE_DIGIT_WIDTH * max(height, h)
        result.append(Group(whole=whole, splits=_split_candidates(whole, height, maybe), maybe=maybe))
    return result


def _absorb_small(groups: list[dict], height: float, points: list[float] | None, alone) -> list[dict]:
    """Fold fragments (a broken-off bit of a 1, a 5's loose bar) into the digit beside
    them; fragments far from any digit are dust and go. A decimal point goes to `points`
    (folded into the 0 beside it, it made a 9: 120.00 read 12900)."""
    big = [g for g in groups if max(g["box"][2], g["box"][3]) >= SMALL * height]
    for g in groups:
        if g in big:
            continue
        if points is not None and _is_point(g, big, height, alone):
            points.append(g["box"][0] + g["box"][2] / 2)
            continue
        x, _, w, _ = g["box"]
        best, best_gap = None, NEAR * height
        for b in big:
            bx, _, bw, _ = b["box"]
            gap = max(bx - (x + w), x - (bx + bw), 0)
            if gap <= best_gap:
                best, best_gap = b, gap
        if best is not None:
            best["labels"] += g["labels"]
            best["box"] = _box_union(best["box"], g["box"])
            best["area"] += g["area"]
    return big


def _round_mark(box, area: int, height: float) -> bool:
    """Small for digits `height` tall, round and filled: what a pen's point leaves."""
    w, h = box[2], box[3]
    return max(w, h) <= POINT * height and max(w, h) <= POINT_ROUND * min(w, h) and area >= 0.5 * w * h


def _dotlike(dot: tuple, digit: tuple) -> bool:
    """Piece `dot` (label, box, area) could be a decimal point at the foot of `digit`:
    a round mark, low, and more beside the digit than under it."""
    (x, y, w, h), (dx, dy, dw, dh) = dot[1], digit[1]
    return (_round_mark(dot[1], dot[2], dh) and y + h / 2 >= dy + POINT_FOOT * dh
            and min(x + w, dx + dw) - max(x, dx) < 0.5 * w)


def _is_point(g: dict, big: list[dict], height: float, alone) -> bool:
    """A round mark resting on the digits' foot between two of them, clear of both:
    not a comma (it hangs below), not a stroke's broken-off end (it nearly touches)."""
    x, y, w, h = g["box"]
    if not _round_mark(g["box"], g["area"], height) or not alone(g, max(2, POINT_CLEAR * max(w, h))):
        return False
    left = [b["box"] for b in big if b["box"][0] + b["box"][2] <= x + w / 2]     # (a pen's point may
    right = [b["box"] for b in big if b["box"][0] >= x + w / 2]                  # touch a box)
    if not left or not right:
        return False
    a, b = max(left, key=lambda r: r[0] + r[2]), min(right, key=lambda r: r[0])
    if x - (a[0] + a[2]) > POINT_GAP * height or b[0] - (x + w) > POINT_GAP * height:
        return False
    top, foot = (a[1] + b[1]) / 2, (a[1] + a[3] + b[1] + b[3]) / 2
    return y >= top + POINT_FOOT * (foot - top) - h / 2 and y + h <= foot + POINT_BELOW * height


def _digit_height(groups: list[dict]) -> float:
    return _digit_height_of([g["box"][3] for g in groups])


def _digit_height_of(heights: list[int]) -> float:
    """The height of a typical digit: the median of the tall groups."""
    h = np.array(heights, float)
    return float(np.median(h[h >= 0.5 * h.max()]))


def _split_candidates(piece: Piece, height: float, maybe: bool) -> list[list[Piece]]:
    """Ways to cut a piece: one no wider than a digit (`maybe`) in two at the
    deepest dips of its ink profile; a wide one into 2..k digits, two guesses per
    k: the thinnest columns near the expected positions (digits joined by a
    stroke), and the expected positions themselves (round digits such as 0s
    touching side by side, whose junction is a thick column).
    """
    x, y, w, h = piece.box
    ref = max(height, h)
    if w <= MAYBE_WIDE * ref:
        return []
    profile = piece.mask.sum(0).astype(float)
    options, seen = [], set()
    if maybe:
        # Two digits this narrow together have one wide and one slim digit (a 1), so
        # the join is off-centre: try the marked dips of the ink profile.
        smooth = np.convolve(profile, np.ones(3) / 3, "same")
        dips = [c for c in range(max(1, int(0.15 * w)), min(w - 1, int(0.85 * w)))
                if smooth[c] <= smooth[c - 1] and smooth[c] < smooth[c + 1]]
        for c in sorted(dips, key=lambda c: smooth[c])[:DIPS]:
            parts = _cut(piece, [c])
            if len(parts) == 2:
                options.append(parts)
        return options
    most = min(MOST_TOUCHING, max(2, int(round(w / (DIGIT_ASPECT * ref)))))
    for k in range(2, most + 1):
        even = [int(round(j * w / k)) for j in range(1, k)]
        thin = []
        for centre in even:
            half = 0.3 * w / k
            lo, hi = int(max(1, centre - half)), int(min(w - 1, centre + half))
            # The thinnest column; ties go to the one nearest the expected position.
            window = profile[lo:hi] + 1e-3 * np.abs(np.arange(lo, hi) - centre)
            thin.append(lo + int(np.argmin(window)) if hi > lo else centre)
        for cuts in (thin, even):
            key = tuple(cuts)
            if key in seen or any(b <= a for a, b in zip([0, *cuts], [*cuts, w])):
                continue
            seen.add(key)
            parts = _cut(piece, cuts)
            if len(parts) == k:
                options.append(parts)
    return options


def _cut(piece: Piece, cuts: list[int]) -> list[Piece]:
    x, y, _, _ = piece.box
    parts = []
    edges = [0, *cuts, piece.mask.shape[1]]
    for a, b in zip(edges[:-1], edges[1:]):
        sub = piece.mask[:, a:b]
        bx, by, bw, bh = cv2.boundingRect(sub)
        if bw == 0:
            return []
        parts.append(Piece(box=(x + a + bx, y + by, bw, bh), mask=sub[by:by + bh, bx:bx + bw].copy()))
    return parts
