"""What lies beyond the page: a photo's desk or a dark margin along its edge.

Thresholded, a dark band along the image's edge is "ink" far thicker than any stroke,
and the digits that touch it merge with it into one piece: a 3047 under a strip of
desk read 5555, a tilted page with dark corners read as two digits. Such a band is
taken out; strokes that touch it keep their own pixels.
"""

from __future__ import annotations

import cv2
import numpy as np

CONTACT = 0.25       # a band runs along at least this much of the image's longer side
THICK_PX = 6         # ... is at least this thick at the edge (working resolution)
THICKER = 1.6        # ... and this many times as thick as the strokes left beside it


def stroke_width(mask: np.ndarray) -> float:
    """Mean stroke width of a binary mask: a stroke of length l and width w has area
    w*l and perimeter ~2l, so w ~ 2*area/perimeter."""
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    perimeter = sum(cv2.arcLength(c, True) for c in contours)
    return 2.0 * float(mask.sum()) / perimeter if perimeter > 0 else 0.0


def _edge(a: np.ndarray) -> np.ndarray:
    return np.concatenate([a[0], a[-1], a[1:-1, 0], a[1:-1, -1]])


def without(mask: np.ndarray) -> np.ndarray | None:
    """`mask` (0/1 uint8) with its surroundings taken out, or None when it has none."""
    h, w = mask.shape
    if h < 8 or w < 8 or not _edge(mask).any():
        return None                               # nothing touches the edge: the usual case
    labels = cv2.connectedComponents(mask, connectivity=8)[1]
    on_edge = _edge(labels)
    edge_labels, contact = np.unique(on_edge, return_counts=True)
    found = np.zeros(mask.shape, bool)
    depth = None
    for label, count in zip(edge_labels, contact):
        if label == 0 or count < CONTACT * max(h, w):
            continue
        piece = (labels == label).astype(np.uint8)
        if depth is None:
            depth = cv2.distanceTransform(mask, cv2.DIST_L2, 3)
        thick = float(np.median(_edge(depth)[on_edge == label]))
        if thick < THICK_PX:
            continue
        r = max(2, int(0.4 * thick))
        core = cv2.morphologyEx(piece, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2))
        # Only what is still joined to the edge: a blob of ink inside the page is no desk.
        parts = cv2.connectedComponents(core, connectivity=8)[1]
        outer = np.isin(parts, np.setdiff1d(_edge(parts), [0])).astype(np.uint8)
        left = (mask > 0) & ~cv2.dilate(outer, np.ones((5, 5), np.uint8)).astype(bool)
        if outer.any() and left.any() and thick >= THICKER * stroke_width(left.astype(np.uint8)):
            found |= ~left & (piece > 0)
    return (mask & ~found).astype(np.uint8) if found.any() else None
