"""A page -> lines of writing -> numbers, each number's ink handed to the digit reader.

1. Rules: ruled lines, margins and table grids are found and taken out without
   cutting the digits that cross them (rules.py).
2. Lines: the ink pieces (pieces stacked nearly touching count as one glyph) as
   tall as a digit, projected along the page's tilt
   (the rules' slope, else the angle that makes their vertical extents pile up
   sharpest), are cut into lines where their centres jump by more than 0.6 of a
   digit; smaller marks (a 5's bar, a broken stroke) join the nearest line.
3. Numbers: within a line, a gap much wider than a digit-to-digit gap starts a
   new number. In a table (3+ vertical and 2+ horizontal rules) the cells are
   the numbers and the rows the lines instead; one column boxed in gives the rows.

Everything here works on the InkMap of preprocess.find_ink, at working resolution.
A page with one number and no rules comes back as that one number with the
InkMap untouched, so single digits and numbers read exactly as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

from mnist_desktop.reading import rules as rulework
from mnist_desktop.reading import segment
from mnist_desktop.reading.preprocess import Components, InkMap
from mnist_desktop.reading.rules import Rule

TILT = 8.0                # degrees of page tilt searched for
LINE_JUMP = 0.6           # centres further apart than this (in digit heights) start a new line
NUMBER_GAP = 0.7          # a gap wider than this (in digit heights) may start a new number
SPREAD = 2.5              # ... if it is also this many times the line's gap between digits
LONE_GAP = 1.2            # with no digit gap to compare: this far apart (in digit heights) are two numbers
TALL = 0.6                # pieces at least this tall (in digit heights) place the lines
SQUAT = (0.4, 0.3)        # a glyph this tall and wide (in digit heights) is a digit too (a small 6)
STACKED = 0.25            # pieces one above the other closer than this (in their height) are one glyph


@dataclass
class Number:
    ink: InkMap               # the page's ink with only this number's pieces
    column: int | None = None  # the table column, in a table


@dataclass
class Page:
    ink: InkMap               # the page's ink, rules removed
    lines: list[list[Number]]
    rules: list[Rule] = field(default_factory=list)
    table: bool = False
    angle: float = 0.0        # the writing's tilt, degrees (positive: rising to the left)

    @property
    def single(self) -> bool:
        """One number and nothing removed: read exactly as a single number always was."""
        return not self.rules and len(self.lines) == 1 and len(self.lines[0]) == 1


def analyse(ink: InkMap) -> Page:
    """Rules removed, then the ink's pieces as lines of numbers in reading order."""
    threshold = dict(ink.steps).get("threshold")
    raw = (threshold > 0).astype(np.uint8) if threshold is not None else ink.mask
    # Rules are looked for in fainter ink than digits: a light grid that the digits'
    # threshold dropped still gives the table its cells.
    cut = int(ink.flat[raw > 0].min()) if raw.any() and raw.shape == ink.flat.shape else 255
    rules, height = rulework.find_rules(ink.flat, max(rulework.FAINT * cut, 10), raw, _typical_height)
    if rules:
        ink = rulework.remove(ink, raw, rules, height)
    pieces = ink.components.pieces if ink.components is not None else []
    if not pieces:
        return Page(ink=ink, lines=[], rules=rules)
    hs, vs = [r for r in rules if r.axis == "h"], [r for r in rules if r.axis == "v"]
    # A grid of 2+ columns is a table, a number per cell. One column boxed in (a list
    # in boxes, or a frame around a page, ruled or not) gives the rows, and each
    # row's writing splits into numbers as a line's does.
    table = len(hs) >= 2 and len(vs) >= 3
    boxed = not table and len(hs) >= 2 and len(vs) == 2 and len(rulework.grid(rules)) == len(rules)
    angle = _rule_angle(hs) if hs else _writing_angle(pieces)
    groups: list[tuple[float, list[Number]]] = []       # (where the line is, its numbers)
    # A number needs ink as tall as a digit: a lone dash (a rule's end, a hyphen) is none.
    comps = ink.components
    glyphs = [(0, _union([p[1] for p in g]), 0, g) for g in _glyphs(pieces, comps)]
    digitlike = {id(p) for g in _tall(glyphs, SQUAT) for p in g[3]} | {id(p) for p in _tall(pieces)}

    def number(ps, column=None):
        return Number(_view(ink, ps), column=column) if any(id(p) in digitlike for p in ps) else None

    slope = math.tan(math.radians(angle))
    if table or boxed:
        pieces, cells = _cells(pieces, sorted(hs, key=lambda r: r.mean), sorted(vs, key=lambda r: r.mean))
        for members in cells.values():
            column = {id(p): c for c, ps in members.items() for p in ps}
            for line in _rows(members, slope, comps):
                y = float(np.mean([_centre(p)[1] for p in line]))
                if table:
                    by_column: dict[int, list[Piece]] = {}
                    for p in line:
                        by_column.setdefault(column[id(p)], []).append(p)
                    groups.append((y, [n for c in sorted(by_column) if (n := number(by_column[c], c)) is not None]))
                else:
                    numbers = _numbers(line)
                    col = 0 if len(numbers) == 1 else None
                    groups.append((y, [n for ps in numbers if (n := number(ps, col)) is not None]))
    for line in _lines(pieces, slope, comps):
        y = float(np.mean([_centre(p)[1] - slope * _centre(p)[0] for p in line]))
        groups.append((y, [n for ps in _numbers(line) if (n := number(ps)) is not None]))
    groups.sort(key=lambda g: g[0])
    return Page(ink=ink, lines=[g[1] for g in groups if g[1]], rules=rules, table=table or boxed, angle=angle)


Piece = tuple[int, tuple[int, int, int, int], int]    # (label, box, area), as in Components


def _centre(p: Piece) -> tuple[float, float]:
    x, y, w, h = p[1]
    return x + w / 2, y + h / 2


def _view(ink: InkMap, pieces: list[Piece]) -> InkMap:
    comps = ink.components
    return replace(ink, components=Components(labels=comps.labels, origin=comps.origin,
                                              pieces=sorted(pieces, key=lambda p: p[1][0]),
                                              by_strokes=comps.by_strokes))


def _typical_height(mask: np.ndarray) -> float:
    """A digit's height: the median height of the taller glyphs (pieces stacked
    nearly touching are one: a digit a rule was cut out of), leaving out specks and
    one big drawing filling the image."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    pieces = [(i, tuple(int(v) for v in stats[i, :4]), int(stats[i, 4])) for i in range(1, n)]
    if not pieces:
        return 0.0
    comps = Components(labels=labels, origin=(0, 0), pieces=pieces)
    boxes = np.array([_union([p[1] for p in g]) for g in _glyphs(pieces, comps)])
    h, w = mask.shape
    ok = (boxes[:, 3] >= 6) & (boxes[:, 3] <= 0.5 * h) & (boxes[:, 2] <= 0.5 * w)
    if not ok.any():
        return 0.0
    tall = boxes[ok, 3]
    return float(np.median(tall[tall >= 0.4 * tall.max()]))


def _rule_angle(hs: list[Rule]) -> float:
    """The page's tilt from its horizontal rules' mean slope (image y grows down)."""
    slopes = [r.slope for r in hs if len(r.centre) > 1]
    return float(np.degrees(np.arctan(np.median(slopes)))) if slopes else 0.0


def _writing_angle(pieces: list[Piece]) -> float:
    """The tilt that makes the tall pieces' vertical extents pile up sharpest."""
    tall = _tall(pieces)
    if len(tall) < 3:
        return 0.0
    boxes = np.array([p[1] for p in tall], float)
    cx, top, h = boxes[:, 0] + boxes[:, 2] / 2, boxes[:, 1], boxes[:, 3]
    best, best_score = 0.0, -1.0
    for angle in np.arange(-TILT, TILT + 0.01, 0.5):
        y = top - math.tan(math.radians(angle)) * cx
        lo = np.floor(y - y.min()).astype(int)
        hi = lo + np.ceil(h).astype(int)
        profile = np.zeros(int(hi.max()) + 2)
        np.add.at(profile, lo, 1.0)
        np.add.at(profile, hi, -1.0)
        score = float((np.cumsum(profile) ** 2).sum())
        if score > best_score + 1e-9 or (abs(score - best_score) <= 1e-9 and abs(angle) < abs(best)):
            best, best_score = float(angle), score
    return best


def _tall(pieces: list[Piece], squat: tuple[float, float] | None = None) -> list[Piece]:
    """The pieces as tall as a digit; with `squat` (height, width), also those at
    least that tall and wide (a digit written small)."""
    heights = np.array([p[1][3] for p in pieces], float)
    ref = float(np.percentile(heights[heights >= 0.4 * heights.max()], 75))
    return [p for p in pieces if p[1][3] >= TALL * ref
            or squat is not None and p[1][3] >= squat[0] * ref and p[1][2] >= squat[1] * ref]


def _glyphs(pieces: list[Piece], comps: Components | None = None) -> list[list[Piece]]:
    """Pieces stacked almost touching (a digit broken across, a 5's loose bar, the
    strokes of a digit drawn with the pen lifted at each corner) as one. With the
    pieces' labels (`comps`), a straight stroke and a piece stacked, their ink that
    close, join even when their boxes hardly overlap (slanted strokes)."""
    order = sorted(pieces, key=lambda p: p[1][0])
    if comps is not None and comps.by_strokes:
        # On the canvas the strokes already said which ink is one digit (a 5's bar joined
        # its body there): a 1 written under a number's 2 is not glued to it as one tall 7.
        return [[p] for p in order]
    # A digit's strokes are no taller than the pieces around them: a long stroke (a
    # margin drawn by hand) joins no marks by their ink, nor costs a distance map each.
    cap = 2.0 * float(np.percentile([p[1][3] for p in order], 90)) if comps is not None and order else 0.0

    def joined(pa, pb):
        a, b = pa[1], pb[1]
        overlap = min(a[0] + a[2], b[0] + b[2]) - b[0]
        gap = segment.vertical_gap(a, b)
        near = STACKED * max(a[3], b[3])
        if gap > near:
            return False
        if overlap >= 0.5 * min(a[2], b[2]):
            return True
        # Not side by side as the digits of a number are: one above the other, or a
        # short stroke at the end of a long one (a corner drawn with the pen lifted).
        return max(a[3], b[3]) <= cap and segment.bars_meet(comps, pa, pb, near, 0.5 * max(a[3], b[3]))

    roots = segment.x_clusters(order, joined, STACKED * cap)
    glyphs: dict[int, list[Piece]] = {}
    for i, p in enumerate(order):
        glyphs.setdefault(roots[i], []).append(p)
    return list(glyphs.values())


def _lines(pieces: list[Piece], slope: float, comps: Components | None = None) -> list[list[Piece]]:
    """Pieces grouped into lines of writing: tall glyphs by their centre along the
    tilt, the rest with the line nearest to them."""
    if not pieces:
        return []
    glyphs = [(0, _union([p[1] for p in g]), 0, g) for g in _glyphs(pieces, comps)]
    tall = _tall(glyphs)
    height = float(np.median([g[1][3] for g in tall]))

    def level(g):
        cx, cy = _centre(g)
        return cy - slope * cx

    lines: list[list] = []
    last = -math.inf
    for g in sorted(tall, key=level):
        if level(g) - last > LINE_JUMP * height:
            lines.append([])
        lines[-1].append(g)
        last = level(g)
    ids = {id(g) for g in tall}
    spans = [(min(level(g) - g[1][3] / 2 for g in line), max(level(g) + g[1][3] / 2 for g in line))
             for line in lines]
    for g in glyphs:
        if id(g) not in ids:
            y = level(g)
            k = min(range(len(lines)), key=lambda i: max(spans[i][0] - y, y - spans[i][1], 0.0))
            lines[k].append(g)
    return [[p for g in line for p in g[3]] for line in lines]


def _union(boxes) -> tuple[int, int, int, int]:
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0


def _numbers(line: list[Piece]) -> list[list[Piece]]:
    """A line's pieces split into numbers where the gap is much wider than the gaps
    between the digits of one number: wider than NUMBER_GAP digits and than SPREAD
    times the line's digit gap (the median of its gaps under NUMBER_GAP). A line with
    no such gap (single digits, or one number written spaced out, as in a photo of a
    form) splits only where the gap is over LONE_GAP digits."""
    tall = _tall(line)
    height = float(np.median([p[1][3] for p in tall]))
    ordered = sorted(line, key=lambda p: p[1][0])
    gaps = _gaps(ordered)
    # The digit gap from digit-sized pieces only: a fragment beside a digit is no gap.
    # Digits that overlap in x (slanted writing) are as close as digits get: gap 0.
    inner = [max(g, 0.0) for g in _gaps(sorted(tall, key=lambda p: p[1][0]))[1:]]
    close = [g for g in inner if g <= NUMBER_GAP * height]
    least = max(NUMBER_GAP * height, SPREAD * float(np.median(close))) if close else LONE_GAP * height
    out: list[list[Piece]] = []
    for p, gap in zip(ordered, gaps):
        if gap > least or not out:
            out.append([])
        out[-1].append(p)
    return out


def _gaps(ordered: list[Piece]) -> list[float]:
    """Each piece's distance from the ink left of it (-inf for the first)."""
    gaps, right = [], -math.inf
    for p in ordered:
        gaps.append(p[1][0] - right)
        right = max(right, p[1][0] + p[1][2])
    return gaps


def _rows(members: dict[int, list[Piece]], slope: float, comps: Components | None = None) -> list[list[Piece]]:
    """A row of cells as rows of writing: one, unless a cell holds writing on two
    lines (a rule the grid lost, digits written across it); numbers side by side at
    different heights in their own cells stay one row."""
    row = [p for ps in members.values() for p in ps]
    lines = _lines(row, slope, comps)
    which = {id(p): k for k, line in enumerate(lines) for p in line}
    stacked = any(len({which[id(p)] for p in ps}) > 1 for ps in members.values())
    return lines if stacked else [row]


def _cells(pieces: list[Piece], hs: list[Rule], vs: list[Rule]):
    """Pieces inside the table -> {row: {column: pieces}}; the others are returned apart."""
    outside, cells = [], {}
    for p in pieces:
        cx, cy = _centre(p)
        row = sum(r.at(cx) < cy for r in hs)
        col = sum(r.at(cy) < cx for r in vs)
        if 0 < row < len(hs) and 0 < col < len(vs):
            cells.setdefault(row - 1, {}).setdefault(col - 1, []).append(p)
        else:
            outside.append(p)
    return outside, cells
