"""What lies beyond the page: the desk a photographed sheet lies on (or the wall
around a blackboard), or a dark margin along the image's edge.

Thresholded, a dark band along the image's edge is "ink" far thicker than any stroke,
and the digits that touch it merge with it into one piece: a 3047 under a strip of
desk read 5555. Such a band is taken out; strokes that touch it keep their own pixels.
A whole sheet amid a desk is found before any threshold (page_only), and the desk
painted over with the sheet's paper: taken as a whole, the desk was the paper and the
sheet one huge digit, and every such photo read as one digit.
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


# A page amid a desk: a photo of a sheet lying on a darker table. Thresholded as a whole,
# the desk is the "paper" (most of the border) and the sheet a huge light "digit".
PAGE_SIDE = 256              # the page is looked for at this resolution (longest side)
PAGE_AREA = (0.08, 0.97)     # share of the image the page (or a note) covers
PAGE_PAPER = 0.85            # share of the page that is paper (not ink, not shadow)
PAGE_SQUARE = 0.85           # share of the rectangle around it the page fills (an ellipse: 0.79)
BOARD_SQUARE = 0.93          # ... a board's (a heavy marker's 8, rounded at its ends: 0.85-0.88)
PAGE_WRITTEN = 0.0001        # share of the page that is ink, at least (a few words at this size: 0.001)
PAGE_CLEAR = 0.1             # share of the page's edge that ink may touch, at most
PAGE_BITE = 0.1              # dark inside the page's outline, not written there, per desk outside it
PAGE_STROKES = 4.0           # the longest piece of chalk on a board, in stroke widths, at least
DESK_MARKS = 0.001           # share of the desk that may hold dark marks (writing: a shadowed page)
BOARD_SIDE = 700             # a dark board amid a light wall is looked for in photos this large (short side)
LEVEL = 1.0                  # a page tilted more than this many degrees is turned level
PAGE_CONTRAST = 40           # gray levels between the page's paper and the desk
PAGE_STEP = 0.6              # share of that contrast across the page's edge (a step, not a slope)
PAGE_ROUND = 0.8             # ... along this share of its outline at least


def _tilt(hull: np.ndarray) -> float:
    """The page's tilt in degrees from the rectangle around it: the slope of its side
    nearest to level (image y grows down: positive falls to the right)."""
    corners = cv2.boxPoints(cv2.minAreaRect(hull))
    dx, dy = corners[1] - corners[0]
    angle = float(np.degrees(np.arctan2(dy, dx)))
    return (angle + 45.0) % 90.0 - 45.0


def _steps_all_round(mid: np.ndarray, inner: np.ndarray, outer: np.ndarray, step: float) -> bool:
    """Whether the light falls by `step` from just inside the outline to just outside it
    nearly all the way round (each inner pixel against the nearest outer one): a page
    half in a soft shadow has sharp edges but one, where the shadow fades in."""
    _, nearest = cv2.distanceTransformWithLabels((outer == 0).astype(np.uint8), cv2.DIST_L2, 3,
                                                 labelType=cv2.DIST_LABEL_PIXEL)
    beyond = np.zeros(int(nearest.max()) + 1, np.float32)
    beyond[nearest[outer > 0]] = mid[outer > 0]
    falls = mid[inner > 0].astype(np.float32) - beyond[nearest[inner > 0]]
    return float(np.mean(falls >= step)) >= PAGE_ROUND


def _page_region(mid: np.ndarray, board: bool = False) -> tuple[np.ndarray, np.ndarray, float] | None:
    """(the page, its paper) as 0/1 masks of `mid` and its tilt, or None when `mid` is
    no page amid a desk (`board`: `mid` is a photo's negative, for a dark board)."""
    t, bright = cv2.threshold(mid, 0, 1, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=4)
    if n < 2:
        return None
    piece = (labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))).astype(np.uint8)
    contour = max(cv2.findContours(piece, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0], key=cv2.contourArea)
    hull = cv2.convexHull(contour)
    page = np.zeros_like(piece)
    cv2.fillPoly(page, [hull], 1)
    covered = float(page.mean())
    if not PAGE_AREA[0] <= covered <= PAGE_AREA[1] or (bright & page).sum() < PAGE_PAPER * page.sum():
        return None
    rect = cv2.minAreaRect(hull)[1]
    if min(rect) < 0.25 * min(mid.shape):
        return None                               # a long light stroke, not a sheet
    if page.sum() < (BOARD_SQUARE if board else PAGE_SQUARE) * rect[0] * rect[1]:
        return None                               # round (a blob of marker, a 0): no sheet
    around = _edge(page) == 0
    if _edge(bright)[around].mean() > 1 - PAGE_PAPER:
        return None                               # the frame is paper too: the hole of an O
    paper, desk = np.median(mid[piece > 0]), np.median(mid[page == 0])
    if paper - desk < PAGE_CONTRAST:
        return None
    # A sheet's edge is a step: a few pixels either side of it differ by most of the
    # paper's contrast with the desk. Light falling off across a photo (a vignette, a
    # lamp to one side) also splits it in two, but there the two sides meet gradually.
    ring = np.ones((7, 7), np.uint8)
    outer = cv2.dilate(page, ring) & (1 - cv2.dilate(page, np.ones((3, 3), np.uint8)))
    inner = piece & (1 - cv2.erode(page, ring))
    if not outer.any() or not inner.any() or not _steps_all_round(mid, inner, outer, PAGE_STEP * (paper - desk)):
        return None
    # Nothing is written on a desk: a page half in a hard shadow splits into a lit
    # "sheet" and a shadowed "desk", whose digits would be painted over.
    beyond = 1 - cv2.dilate(page, ring)
    marks = cv2.morphologyEx(mid, cv2.MORPH_BLACKHAT, np.ones((7, 7), np.uint8)) > max(PAGE_CONTRAST, (paper - desk) / 2)
    if (marks & (beyond > 0)).sum() > max(3, DESK_MARKS * beyond.sum()):
        return None
    # Writing on the sheet, clear of its edge: a blob of marker ink (a fat 1, a heavy 8)
    # passes for a dark "board" on light paper, but nothing is written on it, or the
    # paper between its strokes runs in to the edge.
    inside = np.zeros_like(piece)
    cv2.drawContours(inside, [contour], -1, 1, cv2.FILLED)
    # A sheet is convex: the desk meets it along straight edges. Something dark laid on
    # the page (a mug or a thumb in a corner, a note over its corner with desk between)
    # bites into it, and what is bitten off would be left as a huge piece of "ink".
    if (page & (1 - inside)).sum() > PAGE_BITE * (1 - page).sum():
        return None
    ink = inside & (1 - bright)                   # the holes writing makes in the sheet
    edge = cv2.erode(page, np.ones((5, 5), np.uint8)) & (1 - cv2.erode(page, np.ones((11, 11), np.uint8)))
    if ink.sum() < max(2, PAGE_WRITTEN * page.sum()) or (ink & edge).sum() > PAGE_CLEAR * edge.sum():
        return None
    # And a desk is no stroke: a marker's bar along a drawing's edge is as thick as its strokes.
    width = stroke_width(ink)
    if stroke_width(1 - page) < THICKER * width:
        return None
    # Chalk is strokes, long for their width; the loops of a heavy marker's 8 are blobs.
    sizes = cv2.connectedComponentsWithStats(ink, connectivity=8)[2][1:, 2:4]
    if board and sizes.max() < PAGE_STROKES * width:
        return None
    return page, cv2.erode(bright & page, np.ones((3, 3), np.uint8)), _tilt(hull)


def page_only(gray: np.ndarray, board: bool = False) -> tuple[np.ndarray, float, float] | None:
    """(`gray` with the desk around a photographed page painted over with the page's own
    paper, continued smoothly from its edge; the page's tilt in degrees; its paper's
    gray level), or None when there is no such page. The picture keeps its size."""
    h, w = gray.shape
    if min(h, w) < 64:
        return None
    mid = gray
    while max(mid.shape) > PAGE_SIDE:
        mid = cv2.pyrDown(mid)
    # A light sheet on a dark desk, or a blackboard (dark "paper") amid a light wall: in
    # a photo (`board`: it is large), not a drawing, where a heavy marker's 8 could be one.
    found = _page_region(mid) or (_page_region(cv2.bitwise_not(mid), board=True) if board else None)
    if found is None:
        return None
    page, paper, tilt = found
    # The paper's light, carried on beyond the page's edge over the desk.
    level_of_paper = float(np.median(mid[paper > 0]))
    fill = _continued(gray, cv2.resize(paper, (w, h), interpolation=cv2.INTER_NEAREST) > 0, level_of_paper)
    # The page's own edge (its shadow, the blur across it) goes with the desk.
    inside = cv2.resize(page, (w, h), interpolation=cv2.INTER_NEAREST)
    margin = max(3, round(0.01 * max(h, w)))
    inside = cv2.erode(inside, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * margin + 1,) * 2))
    return np.where(inside > 0, gray, fill), tilt, level_of_paper


def level(gray: np.ndarray, tilt: float, paper: float) -> tuple[np.ndarray, np.ndarray | None]:
    """(`gray` turned so that a page tilted by `tilt` degrees lies level, on a canvas
    large enough to keep all of it; the 2x3 map from its pixels back to `gray`'s), or
    (gray, None) for a page already about level. Rules are found only near level, and
    lines of writing within 8 degrees of it: a table photographed 10 degrees askew read
    as a jumble."""
    if abs(tilt) < LEVEL:
        return gray, None
    h, w = gray.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), tilt, 1.0)
    cos, sin = abs(turn[0, 0]), abs(turn[0, 1])
    big_w, big_h = int(np.ceil(w * cos + h * sin)), int(np.ceil(w * sin + h * cos))
    turn[:, 2] += [(big_w - w) / 2, (big_h - h) / 2]
    levelled = cv2.warpAffine(gray, turn, (big_w, big_h), flags=cv2.INTER_LINEAR, borderValue=0)
    seen = cv2.warpAffine(np.full((h, w), 255, np.uint8), turn, (big_w, big_h), flags=cv2.INTER_NEAREST, borderValue=0)
    # The corners it opens up take the paper's light carried on from beside them: one
    # level for all of them left a step where the photo's edge had been (where a page
    # ran out of the frame), read as a "1".
    seen = cv2.erode(seen, np.ones((5, 5), np.uint8)) > 0
    return np.where(seen, levelled, _continued(levelled, seen, paper)), cv2.invertAffineTransform(turn)


def _continued(gray: np.ndarray, known: np.ndarray, default: float) -> np.ndarray:
    """`gray`'s light where `known`, carried on smoothly beyond it (normalized
    convolution at a small size); `default` far from anything known."""
    h, w = gray.shape
    f = min(1.0, PAGE_SIDE / max(h, w))
    size = (max(1, round(w * f)), max(1, round(h * f)))
    small = cv2.resize(gray.astype(np.float32) * known, size, interpolation=cv2.INTER_AREA)
    weight = cv2.resize(known.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    sigma, far = max(size) / 8, 1e-3
    num, den = cv2.GaussianBlur(small, (0, 0), sigma), cv2.GaussianBlur(weight, (0, 0), sigma)
    fill = cv2.resize((num + far * default) / (den + far), (w, h), interpolation=cv2.INTER_LINEAR)
    return np.clip(fill, 0, 255).astype(np.uint8)
