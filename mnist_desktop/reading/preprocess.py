"""Image -> the 28x28 input an MNIST model expects, keeping every step's picture.

MNIST digits are white ink on black, their longest side fitted to 20 px with
anti-aliasing, placed in 28x28 by centre of mass, strokes about 11% of that side.
Drawings and photos are nothing like that; this module makes them so:

1. gray (imageio.to_gray), 2. ink polarity from the border, 3. uneven light
flattened by dividing out a background estimate, 4. threshold (Otsu with a floor),
5. a desk along the edge (surroundings.py) and specks removed (a whole page on a desk
is found before 2, the desk painted over and the page set level), then per digit:
6. crop, 7. stroke width normalised at a fixed scale (a digit under 27 px is kept in
gray instead), 8. longest side fitted to 20 px (area-averaged), 9. centred by mass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from mnist_desktop.reading import light, surroundings
from mnist_desktop.reading.imageio import ImageError, load_any
from mnist_desktop.reading.surroundings import stroke_width

VERSION = 1
WORK_SIDE = 1024          # longest side we work at; larger inputs are area-downscaled
STRIP_SIDE = 256          # ... unless that leaves the short side under this (a long strip of digits):
                          # then only down to WORK_SIDE**2 pixels, so the digits keep their height
CANON = 80                # stroke width is measured and fixed at this scale
FIT = 20                  # MNIST's box for the longest side
SMALL_ENLARGED = 3.0      # a digit enlarged more than this to CANON (under 27 px) is small
GRAY_INK = 0.1            # a small digit's gray (of its darkest) that is ink, not paper
SIZE = 28
CENTRE = 14.0             # MNIST's mean centre of mass (cv2.moments convention)
STROKE_RANGE = (0.085, 0.15)   # stroke width / longest side, ~MNIST's 15th-85th percentiles
STROKE_TARGET = 0.113     # MNIST's median, used when a stroke is out of range
MIN_CONTRAST = 0.12       # below this the image is blank paper, not faint ink
SPECK_FRACTION = 0.02     # components under 2% of the largest one's area are dust
AS_MNIST_PAPER = 0.02     # MNIST's paper: at least half the pixels this dark (all are 0)
AS_MNIST_OFF = 1.5        # ... and its centre of mass this close to CENTRE, pixels

Step = tuple[str, np.ndarray]   # (name, uint8 picture at its own size) for the GUI's strip


@dataclass
class Components:
    """Connected ink pieces, labelled inside the ink's bounding region only."""

    labels: np.ndarray        # int32, the region's labels (0 = paper or removed speck)
    origin: tuple[int, int]   # (x, y) of that region in the mask
    pieces: list[tuple[int, tuple[int, int, int, int], int]]   # (label, box in mask pixels, area)
    by_strokes: bool = False  # pieces are the digit groups a drawing's strokes make (reading/strokes.py)


@dataclass
class InkMap:
    """Image-level result: where the ink is, at working resolution."""

    flat: np.ndarray          # uint8, ink ~255 on background ~0, light flattened
    mask: np.ndarray          # uint8 0/1 after specks are removed
    scale: float              # working pixels per original pixel
    steps: list[Step] = field(default_factory=list)
    components: Components | None = None
    turn: np.ndarray | None = None   # 2x3: these pixels -> the image's (at `scale`), when a page was levelled

    @property
    def empty(self) -> bool:
        return not self.mask.any()

    def to_original(self, box: tuple[int, int, int, int], mask: np.ndarray | None = None) -> tuple[int, int, int, int]:
        """`box` (and its ink, `mask`) in the image's own pixels."""
        if self.turn is None:
            x, y, w, h = (v / self.scale for v in box)
            return int(round(x)), int(round(y)), max(1, int(round(w))), max(1, int(round(h)))
        # A levelled page: around the ink itself as the photo has it (the levelled box,
        # turned back, is loose), and inside the photo.
        x, y, w, h = box
        ys, xs = np.nonzero(mask) if mask is not None and mask.any() else (np.array([0, 0, h, h]), np.array([0, w, 0, w]))
        mapped = (np.stack([xs + x, ys + y], 1).astype(np.float32) @ self.turn[:, :2].T + self.turn[:, 2]) / self.scale
        ih, iw = self.steps[0][1].shape[:2] if self.steps else (np.inf, np.inf)
        (x0, y0) = np.clip(mapped.min(0), 0, (iw - 1, ih - 1))
        (x1, y1) = np.clip(mapped.max(0) + 1, (x0 + 1, y0 + 1), (iw, ih))
        return int(round(x0)), int(round(y0)), max(1, int(round(x1 - x0))), max(1, int(round(y1 - y0)))


@dataclass
class Normalized:
    """One digit as the model sees it."""

    image: np.ndarray         # float32 28x28 in [0, 1], ink = 1
    steps: list[Step]


def _u8(img: np.ndarray) -> np.ndarray:
    return np.clip(img * 255.0 + 0.5, 0, 255).astype(np.uint8)


def find_ink(image, photo: bool = True) -> InkMap:
    """Steps 1-5 on a path or array (`photo`: it may be a page on a desk). Raises
    ImageError for unusable input."""
    gray = load_any(image)
    steps: list[Step] = [("gray", gray)]
    h, w = gray.shape
    scale = min(1.0, max(WORK_SIDE / max(h, w), min(STRIP_SIDE / min(h, w), WORK_SIDE / (h * w) ** 0.5)))
    if scale < 1.0:
        gray = cv2.resize(gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)

    turn = None
    # (Not on a drawing read with its strokes: they are in the drawing's own pixels.)
    if photo and (paged := surroundings.page_only(gray, board=min(h, w) >= surroundings.BOARD_SIDE)) is not None:
        gray, turn = surroundings.level(*paged)
        steps.append(("page", gray))
    small = light.shrink(gray)
    paper = light.paper_level(small)
    dark = light.ink_is_dark(small, paper)
    ink = cv2.bitwise_not(gray) if dark else gray
    steps.append(("ink", ink))

    bg = light.background(cv2.bitwise_not(small) if dark else small, cv2.bitwise_not(paper) if dark else paper, ink.shape)
    # Dividing by the paper's brightness makes faint ink in shadow count like dark
    # ink in light; a clean image (constant background) stays in fast uint8 maths.
    if isinstance(bg, int):
        # addWeighted saturates to 0..255 (and, unlike cv2.subtract with a number,
        # never mistakes a tiny image for a scalar).
        gain = 255.0 / max(255 - bg, 13)
        flat = cv2.addWeighted(ink, gain, ink, 0.0, -bg * gain)
    else:
        inkf = ink.astype(np.float32)
        flat = _u8(np.clip((inkf - bg) / np.maximum(255.0 - bg, 13.0), 0.0, 1.0))
    steps.append(("flattened", flat))

    peak = cv2.minMaxLoc(flat)[1]
    if peak < MIN_CONTRAST * 255:
        mask = np.zeros(flat.shape, np.uint8)
    else:
        otsu, _ = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        t = max(otsu, MIN_CONTRAST * 0.75 * 255, 0.25 * peak)
        mask = cv2.threshold(flat, t, 1, cv2.THRESH_BINARY)[1]
    steps.append(("threshold", mask * 255))
    if (inside := surroundings.without(mask)) is not None:     # a desk along the edge
        mask = inside
        steps.append(("surroundings", mask * 255))
    mask, components = remove_specks(mask)
    steps.append(("cleaned", mask * 255))
    return InkMap(flat=flat, mask=mask, scale=scale, steps=steps, components=components, turn=turn)


def remove_specks(mask: np.ndarray) -> tuple[np.ndarray, Components]:
    """Drop components under SPECK_FRACTION of the largest; label the rest once.

    Labelling only the ink's bounding region keeps this cheap on a big canvas
    where the digit covers a small part.
    """
    x0, y0, w, h = cv2.boundingRect(mask)
    if w == 0 or h == 0:  # OpenCV crashes on an empty array; nothing to label anyway
        return mask, Components(labels=np.zeros((0, 0), np.int32), origin=(0, 0), pieces=[])
    region = mask[y0:y0 + h, x0:x0 + w]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = np.zeros(n, bool)
    if n > 1:
        keep[1:] = areas >= max(3, SPECK_FRACTION * areas.max()) if n > 2 else True
    if not keep.all() and n > 1:
        labels = np.where(keep[labels], labels, 0).astype(np.int32)
        mask = np.zeros_like(mask)
        mask[y0:y0 + h, x0:x0 + w] = labels > 0
    pieces = [(i, (x0 + int(stats[i, 0]), y0 + int(stats[i, 1]), int(stats[i, 2]), int(stats[i, 3])),
               int(stats[i, cv2.CC_STAT_AREA])) for i in range(1, n) if keep[i]]
    return mask, Components(labels=labels, origin=(x0, y0), pieces=pieces)


def _disk(radius: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))


def normalize(ink: InkMap, box: tuple[int, int, int, int] | None = None,
              sel: np.ndarray | None = None, small_in_gray: bool = True) -> Normalized:
    """Steps 6-9 for one digit: the ink `sel` (0/1, cropped to `box`); default all ink.
    small_in_gray=False cuts a small digit too (training pools made before it was kept)."""
    if box is None:
        box = cv2.boundingRect(ink.mask)
        sel = ink.mask[box[1]:box[1] + box[3], box[0]:box[0] + box[2]]
    x0, y0, bw, bh = box
    if bw == 0 or bh == 0 or sel is None or not sel.any():
        raise ImageError("no ink in the selected area", "no_ink")
    # The flat image keeps the anti-aliased edges the threshold cut; limit it to the
    # piece (grown by a pixel) so neighbouring digits do not leak in.
    near = cv2.dilate(sel, np.ones((3, 3), np.uint8))
    crop = ink.flat[y0:y0 + bh, x0:x0 + bw] * near
    crop = crop.astype(np.float32) / max(float(crop.max()), 1.0)
    steps: list[Step] = [("crop", _u8(crop))]

    h, w = sel.shape
    s = CANON / max(h, w)
    cw, ch = max(1, round(w * s)), max(1, round(h * s))
    # A digit a few pixels tall (a coarse scan, a far-off photo) is a blur of gray: a
    # linear enlargement leaves the dips between its strokes too shallow for the cut,
    # and its loops fill in (a 9 reads 4); a cubic one keeps them.
    canon = cv2.resize(crop, (cw, ch), interpolation=cv2.INTER_AREA if s < 1 else
                       cv2.INTER_CUBIC if s > SMALL_ENLARGED else cv2.INTER_LINEAR)
    if s > SMALL_ENLARGED and small_in_gray:
        # Kept in gray, as MNIST's digits are: a cut of a blur this coarse breaks faint
        # strokes (a 0 opens) or fills loops, and its stroke width is a guess at this size.
        canon = np.clip(canon, 0.0, 1.0)
        steps.append(("enlarged", _u8(canon)))
        fitted = _fit(canon * (canon > GRAY_INK * float(canon.max())))
        fitted /= max(float(fitted.max()), 1e-6)       # its darkest ink as MNIST's full white
    else:
        # A stroke thinner than a canonical pixel keeps only part of its value; lower
        # the cut so thin mouse strokes stay connected instead of breaking into dots.
        cut = 0.5 * min(1.0, max(stroke_width(sel) * s, 0.2))
        binary = (canon > cut).astype(np.uint8)
        if not binary.any():
            # A hair-thin stroke across a big crop averages out below any fixed cut when
            # shrunk; keep its strongest trace instead of nothing (then nothing to fit).
            binary = (canon >= 0.5 * float(canon.max())).astype(np.uint8)
        canon = _fix_stroke(binary)
        steps.append(("stroke", canon * 255))
        fitted = _fit(canon.astype(np.float32))
    steps.append(("20x20", _u8(fitted)))
    out = centre_by_mass(fitted)
    steps.append(("28x28", _u8(out)))
    return Normalized(image=out, steps=steps)


def _fit(canon: np.ndarray) -> np.ndarray:
    """The ink of `canon` (float, 0 = paper) cropped and shrunk so its longer side is FIT."""
    bx, by, bw, bh = cv2.boundingRect((canon > 0).astype(np.uint8))
    if bw == 0 or bh == 0:
        raise ImageError("no ink in the selected area", "no_ink")
    f = FIT / max(bw, bh)
    return cv2.resize(canon[by:by + bh, bx:bx + bw], (max(1, round(bw * f)), max(1, round(bh * f))),
                      interpolation=cv2.INTER_AREA)


def _fix_stroke(canon: np.ndarray) -> np.ndarray:
    """Grow thin strokes and shrink heavy ones towards MNIST's width (relative to size)."""
    side = max(canon.shape)
    ratio = stroke_width(canon) / side
    lo, hi = STROKE_RANGE
    if lo <= ratio <= hi or ratio == 0:
        return canon
    delta = (STROKE_TARGET - ratio) * side          # width change wanted, in pixels
    radius = int(round(abs(delta) / 2))
    if radius == 0:
        return canon
    if delta > 0:
        # Pad first: a stroke on the crop's edge must grow outwards too.
        return cv2.dilate(cv2.copyMakeBorder(canon, radius, radius, radius, radius, cv2.BORDER_CONSTANT, value=0),
                          _disk(radius))
    thinned = cv2.erode(canon, _disk(radius))
    # Never erode a digit away: a heavy stroke with a thin tail keeps its tail.
    return thinned if thinned.sum() > 0.25 * canon.sum() else canon


def centre_by_mass(fitted: np.ndarray) -> np.ndarray:
    """Place `fitted` (<= 20x20) in 28x28 so its centre of mass lands on MNIST's."""
    out = np.zeros((SIZE, SIZE), np.float32)
    h, w = fitted.shape
    total = float(fitted.sum())
    if total <= 0:
        return out
    # numpy, not cv2.moments: OpenCV reads an N×2 array as a contour, not an image.
    cx = float(fitted.sum(0) @ np.arange(w)) / total
    cy = float(fitted.sum(1) @ np.arange(h)) / total
    # Integer shifts as MNIST's authors did (no resampling blur), clamped so the
    # whole box stays inside the frame.
    x = int(np.clip(round(CENTRE - cx), 0, SIZE - w))
    y = int(np.clip(round(CENTRE - cy), 0, SIZE - h))
    out[y:y + h, x:x + w] = np.clip(fitted, 0.0, 1.0)   # area resampling can overshoot by 1e-7
    return out


@dataclass
class Preprocessed:
    """A whole image read as one digit; `image` is None when there is no ink."""

    image: np.ndarray | None
    box: tuple[int, int, int, int] | None
    steps: list[Step]


def as_mnist(gray: np.ndarray) -> Preprocessed | None:
    """An image already in MNIST's format -> itself as the model input (a "gray" and an
    "as is" step); None for any other. Made again (a tutorial's MNIST PNG), it lost what
    the cut took away: MNIST's test set opened as images read 98.8%, the model 99.6%. The
    format: light ink on black (or its negative), longest side 20 px, centred by mass; all
    70,000 MNIST digits pass (centres within 0.71 px), a 28x28 drawing filling its frame not."""
    if gray.shape != (SIZE, SIZE):
        return None
    img = gray.astype(np.float32) / 255.0
    if np.median(img) >= 1.0 - AS_MNIST_PAPER:
        img = 1.0 - img
    m = cv2.moments(img)
    if np.median(img) > AS_MNIST_PAPER or m["m00"] <= 0:
        return None
    box = cv2.boundingRect((img > 0.1).astype(np.uint8))
    off = np.hypot(m["m10"] / m["m00"] - CENTRE, m["m01"] / m["m00"] - CENTRE)
    if abs(max(box[2], box[3]) - FIT) > 1 or off > AS_MNIST_OFF:
        return None
    return Preprocessed(image=img, box=box, steps=[("gray", gray), ("as is", _u8(img))])


def preprocess(image) -> Preprocessed:
    """Path or array -> the 28x28 model input (all ink taken as one digit) and its steps;
    an image already in MNIST's format is its own input.

    What Recognizer.predict (public API) reads; read() cuts the ink into digits instead."""
    gray = load_any(image)
    if (mnist := as_mnist(gray)) is not None:
        return mnist
    ink = find_ink(gray)
    if ink.empty:
        return Preprocessed(image=None, box=None, steps=ink.steps)
    norm = normalize(ink)
    box = ink.to_original(cv2.boundingRect(ink.mask))
    return Preprocessed(image=norm.image, box=box, steps=ink.steps + norm.steps)
