"""The paper's light and the ink's side: which way ink departs from the paper (dark
on light or light on dark), and the paper's level under uneven light. No Qt, no torch.
"""

from __future__ import annotations

import cv2
import numpy as np

EVEN = 16                 # gray levels: a frame within this range is even paper


def _border(img: np.ndarray) -> np.ndarray:
    h, w = img.shape
    t = max(1, min(h, w) // 20)
    return np.concatenate([img[:t].ravel(), img[-t:].ravel(), img[:, :t].ravel(), img[:, -t:].ravel()])


def _quantiles(img: np.ndarray, *qs: float) -> list[float]:
    """Quantiles of a small non-negative int array from its histogram (10x np.percentile)."""
    cdf = np.cumsum(np.bincount(img.ravel()))
    return [float(np.searchsorted(cdf, q * cdf[-1])) for q in qs]


def shrink(img: np.ndarray, side: int = 96) -> np.ndarray:
    """Halve with a Gaussian until the longest side is <= `side` (ten times cheaper
    than an area resize by an odd factor, and thin strokes still leave a trace)."""
    while max(img.shape) > side and min(img.shape) >= 2:
        img = cv2.pyrDown(img)
    return img


def paper_level(small: np.ndarray) -> np.ndarray:
    """The local paper level of a shrunken image: a median over a third of its size
    ignores strokes narrower than half the window, unlike a blur."""
    k = max(3, (min(small.shape) // 3) | 1)
    return cv2.medianBlur(small, min(k, 255))


def ink_is_dark(small: np.ndarray, paper: np.ndarray) -> bool:
    """Ink is what departs most from the local paper, darker or lighter.

    Comparing with the *local* paper copes with photos whose light falls off towards
    a corner, where a global rule ("the border is bright") picks the wrong side.
    But a big digit in a heavy marker fills any local window with ink, which then
    passes for paper and the paper inside its loops for light ink; so where the
    frame is even and most of the image looks like it, that is the paper.
    """
    border = _border(small)
    level = _quantiles(small, 0.5)[0]
    b_lo, b_hi = _quantiles(border, 0.2, 0.8)   # ink may touch the frame here and there
    if b_hi - b_lo < EVEN and b_lo - EVEN <= level <= b_hi + EVEN:
        dark = _darker_side(small, level)
        if dark is not None:
            return dark
    dark = _darker_side(small.astype(np.int16) - paper + 255, 255)   # 0..510, paper at 255
    if dark is None:                                   # no clear ink either way
        return _quantiles(border, 0.5)[0] > 127
    return dark


def _darker_side(img: np.ndarray, paper: float) -> bool | None:
    """Whether the ink departs further below the paper level than above it; None
    when neither side clearly does."""
    lo, hi = _quantiles(img, 0.005, 0.995)
    darker, lighter = paper - lo, hi - paper
    if abs(darker - lighter) < 8:
        return None
    return darker > lighter


def background(small_ink: np.ndarray, paper_ink: np.ndarray, shape: tuple[int, int]) -> np.ndarray | int:
    """The ink image's background level: a constant for clean images, else a smooth map.

    Light in a photo falls off smoothly (gradients, vignetting), so the map is a
    quadratic surface fitted to the paper; pixels well above the fit are ink and
    are left out of the next round. A median filter instead lags behind towards
    the corners and takes thick strokes for paper.
    """
    lo, hi = cv2.minMaxLoc(paper_ink)[:2]
    if hi - lo < 20:                  # clean paper or canvas: the fast, common case
        return int(_quantiles(_border(paper_ink), 0.5)[0])
    h, w = small_ink.shape
    values = small_ink.reshape(-1).astype(np.float32)
    if h < 3 or w < 3:
        return int(np.median(values))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    yy, xx = yy / h - 0.5, xx / w - 0.5
    basis = np.stack([np.ones_like(xx), xx, yy, xx * xx, xx * yy, yy * yy], -1).reshape(-1, 6).astype(np.float32)
    # Start from the dimmer half (paper, even where ink covers much of the image);
    # each round then takes in every pixel that is not clearly above the fit.
    keep = values <= np.median(values)
    coef = None
    for _ in range(4):
        if np.count_nonzero(keep) < 2 * basis.shape[1]:
            break                     # too little paper to fit a surface to (a tiny image)
        # OpenCV's normal-equations solve: numpy's lstsq would wake BLAS threads
        # that then fight torch's for the same cores.
        coef = cv2.solve(basis[keep], values[keep, None], flags=cv2.DECOMP_NORMAL | cv2.DECOMP_CHOLESKY)[1][:, 0]
        residual = values - basis @ coef
        spread = 1.4826 * np.median(np.abs(residual[keep])) + 2.0
        keep = residual <= 2.5 * spread
    if coef is None:
        return int(np.median(values))
    surface = (basis @ coef).reshape(h, w)
    if surface.max() - surface.min() < 20:
        return int(np.median(values[keep]))
    surface = np.clip(surface, 0, 255).astype(np.float32)
    return cv2.resize(surface, (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR)
