"""Ruled lines, margins and table grids: found in the ink, then taken out of it.

A morphological opening with a short line finds their pieces (short, so that a
page tilted by a few degrees still has runs that long; on the gray image, so a
faint grid the digits' threshold dropped is still found); the pieces that join
into something several digits long (stretches of one line found apart, a
dashed rule or a faint one in falling light, joined), thin, straight, tilted no
more than a page is, and not running on into other ink at its ends are rules
(shorter ones too, when they close a small table's cells with others). Each
rule's thickness and centre line are then measured in the digits' ink, and only
a band one pixel wider than the rule is removed; columns where the band holds
more ink than a bare rule (a stroke crossing it, a 7's bar lying on it) keep
their ink. A rule fainter than the digits' threshold is not in their ink at
all: nothing of the ink on it goes, but pieces lying wholly on the rules (a
stretch a photo's light darkened) do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import cv2
import numpy as np

from mnist_desktop.reading.preprocess import Components, InkMap, remove_specks

FAINT = 0.14              # rules are ink at least this fraction of the digits' threshold (a 1 px
                          # grid in a blurred photo: 0.12-0.15)
RUN = 12                  # shortest run of a rule piece, in working pixels (a 2 px rule
                          # tilted 5 degrees still has 23 px runs)
SPAN = 0.1                # a rule spans at least this fraction of the image ...
GRID_SPAN = 0.05          # ... or, closing a grid's cells with others, this fraction
RULE_LONG = 2.0           # a rule is at least this many digit heights long ...
GRID_LONG = 1.0           # ... or, closing a grid's cells with others, this many
RULE_THIN = 0.25          # ... and at most this fraction of a digit height thick
MAX_THICK = 12.0          # nor ever thicker than this many working pixels (a photo's blurred 3 px rule is ~9)
ACROSS = 0.6              # a lone rule runs across at least this fraction of the image
RULE_PAD = 1.5            # pixels removed beyond a rule's measured thickness, each side
IN_INK = 0.3              # a rule in the digits' ink along less of its length than this is not in it
TILT = 0.1                # a rule's slope at most (6 degrees: a page photographed askew)
ALIGN = 2.5               # pixels off one straight line that stretches of one rule may lie
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

    def along(self, pos: np.ndarray) -> np.ndarray:
        """`at` for many positions at once."""
        return self.centre[np.clip(np.asarray(pos) - self.start, 0, len(self.centre) - 1)]

    @property
    def mean(self) -> float:
        return float(self.centre.mean())

    @property
    def slope(self) -> float:
        """Across per step along (the centre is a straight line)."""
        c = self.centre
        return float((c[-1] - c[0]) / (len(c) - 1)) if len(c) > 1 else 0.0


def find_rules(flat: np.ndarray, level: float, mask: np.ndarray,
               height_of: Callable[[np.ndarray], float]) -> tuple[list[Rule], float]:
    """Horizontal and vertical rules in `flat` (runs at least `level` bright; long, thin,
    following a smooth centre line) and the height of a digit written in `mask` among
    them, as `height_of` measures it (0 when there is no rule)."""
    found = []
    for axis, m in (("h", flat), ("v", cv2.transpose(flat))):
        # Opening the gray image: a run keeps its faintest level, so noise (never
        # bright for RUN pixels in a row) drops out and a faint rule does not.
        opened = cv2.morphologyEx(m, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (RUN, 1)))
        opened = (opened >= level).astype(np.uint8)
        # A tilted rule's runs form a staircase; a vertical 3 px reach joins its steps.
        joined = cv2.dilate(opened, np.ones((3, 1), np.uint8))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
        for i in np.flatnonzero(stats[1:, cv2.CC_STAT_WIDTH] >= GRID_SPAN * m.shape[1]) + 1:
            x, y, w, h = stats[i, :4]
            own = (labels[y:y + h, x:x + w] == i) & (opened[y:y + h, x:x + w] > 0)
            found += [Rule(axis=axis, start=start, centre=centre, thickness=thick)
                      for start, centre, thick in _follow(own, x, y)]
    if not found:
        return [], 0.0
    found = _joined([r for r in found if r.thickness <= MAX_THICK])      # a marker's stroke is no rule
    # One pen drew a page's rules: a candidate over twice as thick as most of their
    # length (a row of digits' bases run together) is writing.
    if found:
        order = sorted(found, key=lambda r: r.thickness)
        lengths = np.cumsum([len(r.centre) for r in order])
        typical = order[int(np.searchsorted(lengths, lengths[-1] / 2))].thickness
        found = [r for r in found if r.thickness <= 2 * typical + 1]
    # Shorter candidates count only when they close a grid's cells (a 5's bar is
    # no rule, and taking it out would make the digits look smaller).
    boxed = {id(r) for r in grid(found)}
    found = [r for r in found if id(r) in boxed
             or len(r.centre) >= SPAN * (mask.shape[1] if r.axis == "h" else mask.shape[0])]
    if not found:
        return [], 0.0
    # The digits' height, from the ink that is left without the candidates: a long
    # stroke of one big drawing is no rule, it is as long as the drawing is tall.
    bands = [_band(r, mask.shape) if r.axis == "h" else cv2.transpose(_band(r, mask.shape[::-1])) for r in found]
    across = {axis: mask & ~_union_of([b for r, b in zip(found, bands) if r.axis != axis], mask.shape)
              for axis in ("h", "v")}
    height = height_of(mask & ~_union_of(bands, mask.shape))
    rules, short = [], []
    for r, band in zip(found, bands):
        if (not height or len(r.centre) < GRID_LONG * height or r.thickness > MAX_THICK
                or r.thickness > max(3.0, RULE_THIN * height)):
            continue
        # Its ends are judged against all ink but rules across it (which a table's
        # rules end at); a stroke's next stretch, in line with it, is no rule.
        rest = across[r.axis] & ~band
        if _free_ends(r, rest if r.axis == "h" else rest.T):
            (rules if len(r.centre) >= RULE_LONG * height else short).append(r)
    ruling = _ruling(rules, mask.shape)
    ids = {id(r) for r in ruling}
    return ruling + [r for r in grid(rules + short) if id(r) not in ids], height


def _joined(found: list[Rule]) -> list[Rule]:
    """Pieces of one rule as one: a faint grid in a photo, where the light falls off,
    is found in stretches, and a table with half its walls has no cells. Stretches
    along one straight line (each one's centre within ALIGN pixels of where the other
    heads), about as thick, are one rule from the first's start to the last's end."""
    out: list[Rule] = []
    for r in sorted(found, key=lambda r: (r.axis, r.start)):
        for i, o in enumerate(out):
            if (o.axis == r.axis and max(o.thickness, r.thickness) <= 2 * min(o.thickness, r.thickness)
                    and abs(_heading(o, r.start + len(r.centre) / 2) - r.mean) <= ALIGN
                    and abs(_heading(r, o.start + len(o.centre) / 2) - o.mean) <= ALIGN):
                pos = np.concatenate([np.arange(o.start, o.end), np.arange(r.start, r.end)])
                fit = np.polyfit(pos, np.concatenate([o.centre, r.centre]), 1)
                start, end = min(o.start, r.start), max(o.end, r.end)
                out[i] = Rule(axis=r.axis, start=start, centre=np.polyval(fit, np.arange(start, end)),
                              thickness=max(o.thickness, r.thickness))
                break
        else:
            out.append(r)
    return out


def _heading(rule: Rule, pos: float) -> float:
    """Where the rule's straight centre line is across from `pos`, beyond its ends too."""
    return float(rule.centre[0] + rule.slope * (pos - rule.start))


def _ruling(rules: list[Rule], shape: tuple[int, int]) -> list[Rule]:
    """The rules that make up ruled paper or a grid. One straight stroke is no ruling
    (a 1 drawn with a ruler-straight hand, a 0's flat top): horizontal rules count
    when there are three or one runs across most of the image; vertical ones when
    they cross two of those, or run down most of the image (a margin)."""
    hs = [r for r in rules if r.axis == "h"]
    if len(hs) < 3 and not any(len(r.centre) >= ACROSS * shape[1] for r in hs):
        return []
    vs = [v for v in rules if v.axis == "v"
          and (len(v.centre) >= ACROSS * shape[0] or sum(_crosses(v, h) for h in hs) >= 2)]
    return hs + vs


def grid(rules: list[Rule]) -> list[Rule]:
    """The rules that close cells together: a small table (one column of prices, a
    single digit per cell) has rules shorter than a ruling's, but each horizontal
    one runs from a vertical one to another and each vertical one from a horizontal
    one to another. None unless two of each are left."""
    hs = [r for r in rules if r.axis == "h"]
    vs = [r for r in rules if r.axis == "v"]
    while len(hs) >= 2 and len(vs) >= 2:
        keep_h = [h for h in hs if _spans(h, vs)]
        keep_v = [v for v in vs if _spans(v, hs)]
        if (len(keep_h), len(keep_v)) == (len(hs), len(vs)):
            return hs + vs
        # A rule that does not close cells (a margin running past the grid, a
        # stroke beside it) goes, and the rest are tried again.
        hs, vs = keep_h, keep_v
    return []


def _spans(rule: Rule, across: list[Rule], slack: int = 6) -> bool:
    """Whether `rule` starts on one of `across` and ends on another."""
    def on(end: int, other: Rule) -> bool:
        return abs(end - other.at(rule.mean)) <= slack + other.thickness and _crosses(other, rule, slack)
    starts = [a for a in across if on(rule.start, a)]
    return any(b is not a for b in across if on(rule.end - 1, b) for a in starts)


def _crosses(a: Rule, b: Rule, slack: int = 6) -> bool:
    """Whether two rules of different axes meet (within `slack` of their ends)."""
    return (a.start - slack <= b.at(a.mean) <= a.end + slack
            and b.start - slack <= a.at(b.mean) <= b.end + slack)


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
    if len(cols) < 2 or k > 8:
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
        # A rule runs the component's length: along most of it some run of ink lies on
        # the line (alone, or beside a digit's stroke that touches the rule and runs
        # along it, the sides of a 0 at a cell's wall); a row of digits' bars or a
        # scribble has no such line.
        on = np.polyval(fit, start_col)
        held = np.unique(start_col[(start_row - 1 <= on) & (on <= end_row)])
        # A rule is tilted as the page is, a few degrees; a slanted stroke (a 7's
        # stem) is straight too, but steeper.
        if len(held) >= 0.6 * w and abs(fit[0]) <= TILT:
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
    centre = rule.along(pos)
    lo = np.clip(np.ceil(centre - half), 0, rows).astype(int)
    hi = np.clip(np.floor(centre + half) + 1, 0, rows).astype(int)
    if hi.max() <= lo.min():
        return band
    r = np.arange(int(lo.min()), int(hi.max()))[:, None]
    band[r[0, 0]:r[-1, 0] + 1, start:end] = (r >= lo) & (r < hi)
    return band


def remove(ink: InkMap, raw: np.ndarray, rules: list[Rule], height: float) -> InkMap:
    """The ink with the rules taken out and the digits that cross them kept whole."""
    bands = {"h": [], "v": []}
    for r in rules:
        bands[r.axis].append((r, _band(r, raw.shape if r.axis == "h" else raw.shape[::-1])))
    union = {axis: _union_of([b for _, b in bands[axis]], raw.shape if axis == "h" else raw.shape[::-1])
             for axis in bands}
    gone = np.zeros_like(raw)
    faint = {axis: np.zeros_like(union[axis]) for axis in union}
    for axis, other in (("h", "v"), ("v", "h")):
        frame = raw if axis == "h" else cv2.transpose(raw)
        across = cv2.transpose(union[other])    # the other rules, in this one's frame
        frame_gone = np.zeros_like(frame)
        for rule, band in bands[axis]:
            rule = _in_ink(rule, frame & band & ~across)
            if rule is None:                # a rule too faint to be in the digits' ink
                faint[axis] |= band
                continue
            # A band one pixel wider than the rule each side: along a bare rule it
            # holds the rule's thickness of ink, where a stroke crosses it (or a bar
            # thicker than the rule lies on it) more. Those columns stay.
            band = _band(rule, frame.shape, rule.thickness / 2 + 1.0)
            ink_in = frame & band
            counts = (ink_in & ~across).sum(0)
            # A stroke that touches the band (a loop's bottom resting on the rule)
            # keeps it too, or the loop would open.
            edge = cv2.dilate(band, np.ones((3, 1), np.uint8)) & ~band
            touched = (frame & edge & ~across).any(0)
            bare = (counts <= rule.thickness + 1) & ~touched
            frame_gone |= ink_in * bare[None, :].astype(np.uint8)
        gone |= frame_gone if axis == "h" else cv2.transpose(frame_gone)
    keep = raw & ~gone & 1
    mask, components = remove_specks(keep)
    # What a rule leaves behind (its fuzzy edge, a stub where it met ink) is dust
    # next to a digit: pieces shorter than a fifth of a digit go; so does any piece
    # lying wholly on the faint rules (a stretch of one that a photo's light lifted
    # over the digits' threshold, where no stroke touches it). On a rule in the ink,
    # such a piece is writing (a 7's loose bar): that rule is already gone.
    dust = [p for p in components.pieces if max(p[1][2], p[1][3]) < DUST * height]
    if components.pieces:
        x0, y0 = components.origin
        lh, lw = components.labels.shape
        on_rules = (faint["h"] | cv2.transpose(faint["v"]))[y0:y0 + lh, x0:x0 + lw] > 0
        off = set(np.unique(components.labels[~on_rules]).tolist())
        dust += [p for p in components.pieces if p[0] not in off and p not in dust]
    if dust:
        labels = components.labels
        gone = np.isin(labels, [p[0] for p in dust])
        labels = np.where(gone, 0, labels).astype(np.int32)
        x0, y0 = components.origin
        mask = mask.copy()
        mask[y0:y0 + labels.shape[0], x0:x0 + labels.shape[1]] = labels > 0
        components = Components(labels=labels, origin=components.origin,
                                pieces=[p for p in components.pieces if p not in dust])
    # Near the kept ink the flat image keeps its soft edges (normalize limits itself
    # to the piece's pixels grown by one); elsewhere the rules are gone from it too.
    flat = np.where(cv2.dilate(mask, np.ones((3, 3), np.uint8)) > 0, ink.flat, 0).astype(np.uint8)
    steps = [*ink.steps, ("rules removed", mask * 255)]
    return replace(ink, flat=flat, mask=mask, steps=steps, components=components)


def _in_ink(rule: Rule, ink: np.ndarray) -> Rule | None:
    """The rule as it is in the digits' ink (`ink`: that ink near the rule, in its
    frame): its thickness there, and a straight centre line fitted to the columns
    that hold only the rule (a digit touching it would pull the line towards it)."""
    cols = np.arange(rule.start, rule.end)
    sub = ink[:, rule.start:rule.end]
    counts = sub.sum(0)
    # A rule fainter than the digits' threshold is in their ink only where strokes
    # lie on it, and that ink is theirs (a 0 resting on the rule keeps its bottom).
    if (counts > 0).mean() < IN_INK:
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
