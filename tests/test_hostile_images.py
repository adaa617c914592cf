"""Hostile images: thin ink in big pictures, decompression bombs, odd files (issue 16).

Every file is made here and is small on disk; each goes through the CLI or the
Python API and must get a reading or a one-line reason, never a traceback.
"""

import json
import math

import cv2
import numpy as np
import pytest

from hostile import has_traceback, run_cli
from mnist_desktop.reading import preprocess


def _thin_line(length=900, angle=10, side=1000):
    img = np.full((side, side), 255, np.uint8)
    x2 = int(50 + length * math.cos(math.radians(angle)))
    y2 = int(50 + length * math.sin(math.radians(angle)))
    cv2.line(img, (50, 50), (x2, y2), 0, 1)
    return img


@pytest.mark.parametrize("angle", [0, 10, 80])
def test_a_hair_thin_line_in_a_big_image_is_read_not_a_crash(shipped, angle):
    # Before: ZeroDivisionError in normalize (the shrunk stroke vanished), or ~500,000
    # candidate crops and a 50 GB allocation for a 1 px horizontal line.
    img = _thin_line(angle=angle)
    assert preprocess.preprocess(img).image.shape == (28, 28)
    result = shipped.read(img)
    assert result.status == "ok" and 1 <= len(result.digits) <= 8


def test_predict_goes_on_after_thin_ink(tmp_path, subset_test):
    digits, labels = subset_test
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    for path, i in ((a, 0), (b, 1)):
        cv2.imwrite(str(path), 255 - cv2.resize(digits[i], (112, 112)))
    thin = tmp_path / "thin.png"
    cv2.imwrite(str(thin), _thin_line())
    circle = tmp_path / "circle.png"
    img = np.full((1000, 1000), 255, np.uint8)
    cv2.circle(img, (500, 500), 300, 0, 1)
    cv2.imwrite(str(circle), img)
    out = run_cli("predict", a, thin, circle, b, "--json")
    assert out.returncode == 0 and not has_traceback(out.stderr), out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["file"] for r in rows] == [str(a), str(thin), str(circle), str(b)]
    assert rows[3]["text"] == str(labels[1])
