"""Image builders shared by tests and benchmarks (they live in the package, so the
seeds leaderboard measures on the same drawings), and a coarse scan, which only
tests and benchmarks make: nothing trains on it."""

import cv2
import numpy as np

from mnist_desktop.learning.drawings import mnist_on_canvas, number_image, photo, photo_of, thin_pen, thin_to  # noqa: F401


def low_res(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An MNIST digit in a coarse, blurry scan: 10-16 px tall on gray paper, blurred, JPEG."""
    paper = 255 - cv2.resize(digit, None, fx=4, fy=4, interpolation=cv2.INTER_CUBIC)
    paper = cv2.copyMakeBorder(paper, 60, 60, 60, 60, cv2.BORDER_CONSTANT, value=255)
    scale = rng.uniform(10, 16) / 80.0                       # MNIST's ink is ~20 of 28 px
    small = cv2.resize(paper, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA).astype(np.float32)
    small = cv2.GaussianBlur(small * rng.uniform(0.75, 0.95) + rng.uniform(10, 40), (0, 0), rng.uniform(0.4, 0.9))
    small += rng.normal(0, 4, small.shape)
    ok, jpeg = cv2.imencode(".jpg", np.clip(small, 0, 255).astype(np.uint8),
                            [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(30, 70))])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)


def write_digits(sheet: np.ndarray, images, labels, ks, x: int, bottom: int, height: float = 44, gap: int = 8) -> str:
    """Digits ks written side by side on `sheet`, resting on `bottom`; their text."""
    import pages

    for k in ks:
        ink = pages.digit_ink(images[k], height)
        region = sheet[bottom - ink.shape[0]:bottom, x:x + ink.shape[1]]
        np.minimum(region, (250 * (1 - 0.9 * ink)).astype(np.uint8), out=region)
        x += ink.shape[1] + gap
    return "".join(str(labels[k]) for k in ks)
