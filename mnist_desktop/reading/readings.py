"""Every way to read a number's groups of ink, and the surest: the recognizer scores
each candidate crop with the model, then keeps the best path through them. No Qt.
"""

from __future__ import annotations

import math

import numpy as np

from mnist_desktop.reading import segment

# Choosing among segmentations: every group of ink votes with the mean log-confidence
# of the digits its reading makes, so the count of digits earns nothing by itself.
# Cutting a group or merging groups must beat the plain reading by a margin.
SPLIT_COST = -math.log(0.8)
MERGE_COST = 0.3
SEVERAL_RAMP = (1.0, 1.6)  # width/height over which a group goes from likely one digit to likely several


# (pieces, cost, gate): a reading of a stretch of groups; with a gate, it counts only
# when the model doubts that the gate crop is one digit.
Option = tuple[list[segment.Piece], float, "segment.Piece | None"]
Spans = dict[tuple[int, int], list[Option]]


def readings(lay: segment.Layout, gate_all: bool = False) -> Spans:
    """Every way to read each stretch of groups: (start, end) -> [(pieces, cost, gate)].

    gate_all: the model says whether a crop is several digits, so a group is cut only
    when it doubts the group is one, however wide (a wide 0 is not "67"); without that
    output, only groups no wider than one digit wait for its doubt.
    """
    spans: Spans = {}
    for i, g in enumerate(lay.groups):
        # The wider the group, the likelier it is several digits touching.
        wide = float(np.clip((g.whole.box[2] / max(lay.height, 1.0) - SEVERAL_RAMP[0])
                             / (SEVERAL_RAMP[1] - SEVERAL_RAMP[0]), 0.0, 1.0))
        gate = g.whole if g.maybe or gate_all else None
        spans[(i, i + 1)] = [([g.whole], wide * SPLIT_COST, None)] + [(option, (1.0 - wide) * SPLIT_COST, gate)
                                                                     for option in g.splits]
    for i, j, piece, gap in lay.merges(segment.MERGE_WIDTH_SEVERAL if gate_all else segment.MERGE_WIDTH):
        # Pieces nearly touching are likely one digit broken apart; a clear gap is not.
        cost = MERGE_COST * gap / (segment.MERGE_GAP * max(lay.height, 1.0))
        spans.setdefault((i, j), []).append(([piece], cost, None))
    return spans


def crops(spans: Spans, which) -> list[segment.Piece]:
    """The crops of the options whose gate passes `which`, each once, in order."""
    out, seen = [], set()
    for options in spans.values():
        for option, _, gate in options:
            if which(gate):
                for p in option:
                    if id(p) not in seen:
                        seen.add(id(p))
                        out.append(p)
    return out


def best_path(spans: Spans, index: dict[int, int], logconf: np.ndarray) -> list[int]:
    """The candidate crops of the best reading, by dynamic programming over the groups.

    logconf: each crop's log-probability of being one digit and of its digit.
    """
    n = max((j for _, j in spans), default=0)
    best: list[tuple[float, list[int]]] = [(0.0, [])] + [(-math.inf, [])] * n
    for j in range(1, n + 1):
        for i in range(max(0, j - 3), j):
            for option, cost, _ in spans.get((i, j), []):
                ids = [index[id(p)] for p in option]
                score = best[i][0] + (j - i) * float(logconf[ids].mean()) - cost
                if score > best[j][0]:
                    best[j] = (score, best[i][1] + ids)
    return best[n][1]
