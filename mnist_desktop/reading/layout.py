"""A page -> lines of writing -> numbers, each number's ink handed to the digit reader.

1. Rules: ruled lines, margins and table grids are long thin runs of ink. A
   morphological opening with a short line finds their pieces (short, so that a
   page tilted by a few degrees still has runs that long); the pieces that join
   into something several digits long and thin are rules. Each rule's centre is
   followed column by column, and only a band as thick as the rule is removed;
   band pixels touching ink just outside the band are kept, so a 7 whose bar or
   stem crosses a rule keeps them.
2. Lines: the ink pieces as tall as a digit, projected along the page's tilt
   (the rules' slope, else the angle that makes their vertical extents pile up
   sharpest), are cut into lines where their centres jump by more than half a
   digit; smaller marks (a 5's bar, a broken stroke) join the nearest line.
3. Numbers: within a line, a gap much wider than a digit-to-digit gap starts a
   new number. In a table (3+ vertical and 2+ horizontal rules) the cells are
   the numbers and the rows the lines instead.

Everything here works on the InkMap of preprocess.find_ink, at working resolution.
A page with one number and no rules comes back as that one number with the
InkMap untouched, so single digits and numbers read exactly as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

from mnist_desktop.reading.preprocess import Components, InkMap, remove_specks

FAINT = 0.2              # rules are ink at least this fraction of the digits' threshold
RUN = 12                  # shortest run of a rule piece, in working pixels (a 2 px rule
                          # tilted 5 degrees still has 23 px runs)
SPAN = 0.1                # a rule candidate spans at least this fraction of the image
RULE_LONG = 3.0           # a rule is at least this many digit heights long ...
RULE_THIN = 0.25          # ... and at most this fraction of a digit height thick
RULE_PAD = 1.5            # pixels removed beyond a rule's measured thickness, each side
TILT = 8.0                # degrees of page tilt searched for
LINE_JUMP = 0.6           # centres further apart than this (in digit heights) start a new line
NUMBER_GAP = 0.7          # a gap wider than this (in digit heights) starts a new number
TALL = 0.6                # pieces at least this tall (in digit heights) place the lines
STACKED = 0.25           # pieces one above the other closer than this (in their height) are one glyph
DUST = 0.2                # after rule removal, pieces smaller than this (digit heights) go


@dataclass
class Rule:
    """A ruled line: along `axis` ("h" or "v"), its centre at each position from start."""

    axis: str
    start: int
    centre: np.ndarray        # float, one per position start .. start + len - 1
    thickness: float

    @property
    def end(self) -> int:
        return self.start + len(self.centre)

    def at(self, pos: float) -> float:
        """The rule's centre across from `pos` (held level beyond its ends)."""
        return float(self.centre[int(np.clip(round(pos) - self.start, 0, len(self.centre) - 1))])

    @property
    def mean(self) -> float:
        return float(self.centre.mean())


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
    rules, height = find_rules(ink.flat, max(FAINT * cut, 10), raw)
    if rules:
        ink = _remove(ink, raw, rules, height)
    pieces = ink.components.pieces if ink.components is not None else []
    if not pieces:
        return Page(ink=ink, lines=[], rules=rules)
    hs, vs = [r for r in rules if r.axis == "h"], [r for r in rules if r.axis == "v"]
    table = len(hs) >= 2 and len(vs) >= 3
    angle = _rule_angle(hs) if hs else _writing_angle(pieces)
    groups: list[tuple[float, list[Number]]] = []       # (where the line is, its numbers)
    if table:
        pieces, cells = _cells(pieces, sorted(hs, key=lambda r: r.mean), sorted(vs, key=lambda r: r.mean))
        for row in sorted(cells):
            members = cells[row]
            y = float(np.mean([_centre(p)[1] for ps in members.values() for p in ps]))
            groups.append((y, [Number(_view(ink, members[c]), column=c) for c in sorted(members)]))
    slope = math.tan(math.radians(angle))
    for line in _lines(pieces, slope):
        y = float(np.mean([_centre(p)[1] - slope * _centre(p)[0] for p in line]))
        groups.append((y, [Number(_view(ink, n)) for n in _numbers(line)]))
    groups.sort(key=lambda g: g[0])
    return Page(ink=ink, lines=[g[1] for g in groups], rules=rules, table=table, angle=angle)


Piece = tuple[int, tuple[int, int, int, int], int]    # (label, box, area), as in Components


def _centre(p: Piece) -> tuple[float, float]:
    x, y, w, h = p[1]
    return x + w / 2, y + h / 2


def _view(ink: InkMap, pieces: list[Piece]) -> InkMap:
    comps = ink.components
    return replace(ink, components=Components(labels=comps.labels, origin=comps.origin,
                                              pieces=sorted(pieces, key=lambda p: p[1][0])))


def _typical_height(mask: np.ndarray) -> float:
    """A digit's height: the median height of the taller glyphs (pieces stacked
    nearly touching are one: a digit a rule was cut out of), leaving out specks and
    one big drawing filling the image."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    pieces = [(i, tuple(int(v) for v in stats[i, :4]), int(stats[i, 4])) for i in range(1, n)]
    if not pieces:
        return 0.0
    boxes = np.array([_union([p[1] for p in g]) for g in _glyphs(pieces)])
    h, w = mask.shape
    ok = (boxes[:, 3] >= 6) & (boxes[:, 3] <= 0.5 * h) & (boxes[:, 2] <= 0.5 * w)
    if not ok.any():
        return 0.0
    tall = boxes[ok, 3]
    return float(np.median(tall[tall >= 0.4 * tall.max()]))


def find_rules(flat: np.ndarray, level: float, mask: np.ndarray) -> tuple[list[Rule], float]:
    """Horizontal and vertical rules in `flat` (runs at least `level` bright; long, thin,
    following a smooth centre line) and the height of a digit written in `mask` among
    them (0 when there is no rule)."""
    found = []
    for axis, m in (("h", flat), ("v", cv2.transpose(flat))):
        # Opening the gray image: a run keeps its faintest level, so noise (never
        # bright for RUN pixels in a row) drops out and a faint rule does not.
        opened = cv2.morphologyEx(m, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (RUN, 1)))
        opened = (opened >= level).astype(np.uint8)
        # A tilted rule's runs form a staircase; a vertical 3 px reach joins its steps.
        joined = cv2.dilate(opened, np.ones((3, 1), np.uint8))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
        for i in np.flatnonzero(stats[1:, cv2.CC_STAT_WIDTH] >= SPAN * m.shape[1]) + 1:
            x, y, w, h = stats[i, :4]
            own = (labels[y:y + h, x:x + w] == i) & (opened[y:y + h, x:x + w] > 0)
            found += [Rule(axis=axis, start=start, centre=centre, thickness=thick)
                      for start, centre, thick in _follow(own, x, y)]
    if not found:
        return [], 0.0
    # The digits' height, from the ink that is left without the candidates: a long
    # stroke of one big drawing is no rule, it is as long as the drawing is tall.
    rest = mask.copy()
    for rule in found:
        if rule.axis == "h":
            rest &= 1 - _band(rule, rest.shape)
        else:
            rest &= 1 - cv2.transpose(_band(rule, rest.shape[::-1]))
    height = _typical_height(rest)
    rules = [r for r in found
             if height and len(r.centre) >= RULE_LONG * height and r.thickness <= max(3.0, RULE_THIN * height)
             and _free_ends(r, rest if r.axis == "h" else rest.T)]
    return rules, height


def _free_ends(rule: Rule, rest: np.ndarray) -> bool:
    """Whether no other ink carries on where the rule ends: a rule stops at the paper's
    edge, at another rule or in the blank; a long stroke of a digit (a 1's stem, a
    7's bar) runs on into the rest of the digit."""
    rows, cols = rest.shape
    for pos in (rule.start - 4, rule.end + 3):
        if 0 <= pos < cols:
            c = rule.at(pos)
            lo, hi = int(max(0, c - rule.thickness - 3)), int(min(rows, c + rule.thickness + 4))
            if rest[lo:hi, max(0, pos - 3):pos + 4].any():
                return False
    return True


def _follow(own: np.ndarray, x: int, y: int) -> list[tuple[int, np.ndarray, float]]:
    """(start, centre per column, thickness) of each rule among a component's pixels
    (writing can join neighbouring rules into one component); none when they are
    too patchy to be rules (a row of digits' bars, a scribble).

    Most columns cross every rule once: their runs of ink, top to bottom, are the
    rules; a straight line through each rule's run centres is its centre line.
    """
    h, w = own.shape
    padded = np.zeros((h + 2, w), np.int8)
    padded[1:-1] = own
    step = np.diff(padded, axis=0).T                  # per column, +1 where a run starts
    start_col, start_row = np.nonzero(step == 1)
    _, end_row = np.nonzero(step == -1)
    runs = np.bincount(start_col, minlength=w)
    if not runs.any():
        return []
    k = int(np.median(runs[runs > 0]))
    cols = np.flatnonzero(runs == k)
    if len(cols) < 0.6 * w or k > 8:
        return []
    first = np.concatenate([[0], np.cumsum(runs)[:-1]])
    out = []
    for j in range(k):
        idx = first[cols] + j
        thick = (end_row[idx] - start_row[idx]).astype(float)
        t = float(np.median(thick))
        good = thick <= 1.5 * t + 1          # a digit's stroke on the rule makes it thicker
        if good.sum() < 2:
            continue
        cx, cy = cols[good], (start_row[idx] + end_row[idx] - 1)[good] / 2.0
        fit = np.polyfit(cx, cy, 1)
        ok = np.abs(np.polyval(fit, cx) - cy) <= 1.5
        if ok.sum() >= 2:
            fit = np.polyfit(cx[ok], cy[ok], 1)
        out.append((x, np.polyval(fit, np.arange(w)) + y, t))
    return out


def _band(rule: Rule, shape: tuple[int, int], half: float | None = None) -> np.ndarray:
    """The pixels within `half` of `rule`'s centre (default: its thickness and a
    margin), in the rule's own frame (rows across the rule)."""
    rows, cols = shape
    band = np.zeros(shape, np.uint8)
    half = rule.thickness / 2 + RULE_PAD if half is None else half
    # A few pixels past each end: a rule's end is often fuzzy.
    start, end = max(0, rule.start - 3), min(cols, rule.end + 3)
    pos = np.arange(start, end)
    centre = np.array([rule.at(p) for p in pos])
    lo = np.clip(np.ceil(centre - half), 0, rows).astype(int)
    hi = np.clip(np.floor(centre + half) + 1, 0, rows).astype(int)
    if hi.max() <= lo.min():
        return band
    r = np.arange(int(lo.min()), int(hi.max()))[:, None]
    band[r[0, 0]:r[-1, 0] + 1, start:end] = (r >= lo) & (r < hi)
    return band


def _remove(ink: InkMap, raw: np.ndarray, rules: list[Rule], height: float) -> InkMap:
    """The ink with the rules taken out and the digits that cross them kept whole."""
    bands = {"h": [], "v": []}
    for r in rules:
        bands[r.axis].append((r, _band(r, raw.shape if r.axis == "h" else raw.shape[::-1])))
    union = {axis: _union_of([b for _, b in bands[axis]], raw.shape if axis == "h" else raw.shape[::-1])
             for axis in bands}
    gone = np.zeros_like(raw)
    for axis, other in (("h", "v"), ("v", "h")):
        frame = raw if axis == "h" else cv2.transpose(raw)
        across = cv2.transpose(union[other])    # the other rules, in this one's frame
        frame_gone = np.zeros_like(frame)
        for rule, band in bands[axis]:
            rule = _in_ink(rule, frame & band & ~across)
            if rule is None:
                continue                    # a rule too faint to be in the digits' ink
            # A band one pixel wider than the rule each side: along a bare rule it
            # holds the rule's thickness of ink, where a stroke crosses it (or a bar
            # thicker than the rule lies on it) more. Those columns stay.
            ink_in = frame & _band(rule, frame.shape, rule.thickness / 2 + 1.0)
            counts = (ink_in & ~across).sum(0)
            bare = counts <= rule.thickness + 1
            frame_gone |= ink_in * bare[None, :].astype(np.uint8)
        gone |= frame_gone if axis == "h" else cv2.transpose(frame_gone)
    keep = raw & ~gone & 1
    # What a rule leaves behind (its fuzzy edge, a stub where it met ink) is dust
    # next to a digit: pieces shorter than a fifth of a digit go.
    n, labels, stats, _ = cv2.connectedComponentsWithStats(keep, connectivity=8)
    small = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) < DUST * height
    small[0] = False
    keep[small[labels]] = 0
    mask, components = remove_specks(keep)
    # Near the kept ink the flat image keeps its soft edges (normalize limits itself
    # to the piece's pixels grown by one); elsewhere the rules are gone from it too.
    flat = np.where(cv2.dilate(mask, np.ones((3, 3), np.uint8)) > 0, ink.flat, 0).astype(np.uint8)
    steps = [*ink.steps, ("rules removed", mask * 255)]
    return InkMap(flat=flat, mask=mask, scale=ink.scale, steps=steps, components=components)


def _in_ink(rule: Rule, ink: np.ndarray) -> Rule | None:
    """The rule as it is in the digits' ink (`ink`: that ink near the rule, in its
    frame): its thickness there, and a straight centre line fitted to the columns
    that hold only the rule (a digit touching it would pull the line towards it)."""
    cols = np.arange(rule.start, rule.end)
    sub = ink[:, rule.start:rule.end]
    counts = sub.sum(0)
    if not counts.any():
        return None
    thick = float(np.median(counts[counts > 0]))
    good = (counts > 0) & (np.abs(counts - thick) <= 1)
    if good.sum() < 2:
        return None
    rows = (sub * np.arange(sub.shape[0])[:, None]).sum(0) / np.maximum(counts, 1)
    x, y = cols[good], rows[good]
    fit = np.polyfit(x, y, 1)
    ok = np.abs(np.polyval(fit, x) - y) <= 1.0
    if ok.sum() >= 2:
        fit = np.polyfit(x[ok], y[ok], 1)
    return Rule(axis=rule.axis, start=rule.start, centre=np.polyval(fit, cols), thickness=thick)


def _union_of(bands: list[np.ndarray], shape) -> np.ndarray:
    out = np.zeros(shape, np.uint8)
    for b in bands:
        out |= b
    return out


def _rule_angle(hs: list[Rule]) -> float:
    """The page's tilt from its horizontal rules' mean slope (image y grows down)."""
    slopes = [np.polyfit(np.arange(len(r.centre)), r.centre, 1)[0] for r in hs if len(r.centre) > 1]
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


def _tall(pieces: list[Piece]) -> list[Piece]:
    heights = np.array([p[1][3] for p in pieces], float)
    ref = float(np.percentile(heights[heights >= 0.4 * heights.max()], 75))
    return [p for p in pieces if p[1][3] >= TALL * ref]


def _glyphs(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces stacked almost touching (a digit broken across, a 5's loose bar) as one."""
    order = sorted(pieces, key=lambda p: p[1][0])
    parent = list(range(len(order)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (_, (xa, ya, wa, ha), _) in enumerate(order):
        for j in range(i + 1, len(order)):
            xb, yb, wb, hb = order[j][1]
            if xb >= xa + wa:
                break
            overlap = min(xa + wa, xb + wb) - xb
            gap = max(yb - (ya + ha), ya - (yb + hb))
            if overlap >= 0.5 * min(wa, wb) and gap <= STACKED * max(ha, hb):
                parent[find(j)] = find(i)
    glyphs: dict[int, list[Piece]] = {}
    for i, p in enumerate(order):
        glyphs.setdefault(find(i), []).append(p)
    return list(glyphs.values())


def _lines(pieces: list[Piece], slope: float) -> list[list[Piece]]:
    """Pieces grouped into lines of writing: tall glyphs by their centre along the
    tilt, the rest with the line nearest to them."""
    if not pieces:
        return []
    glyphs = [(0, _union([p[1] for p in g]), 0, g) for g in _glyphs(pieces)]
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
    """A line's pieces split into numbers where the gap is wider than NUMBER_GAP digits."""
    tall = _tall(line)
    height = float(np.median([p[1][3] for p in tall]))
    out: list[list[Piece]] = []
    right = -math.inf
    for p in sorted(line, key=lambda p: p[1][0]):
        x, _, w, _ = p[1]
        if x - right > NUMBER_GAP * height:
            out.append([])
        out[-1].append(p)
        right = max(right, x + w)
    return out


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
