import cv2
import numpy as np
import pytest
import torch

from mnist_desktop import paths
from mnist_desktop.learning import penstyle, training
from mnist_desktop.reading import preprocess

from helpers import mnist_on_canvas


def holes(line: np.ndarray) -> int:
    """Paper regions the frame cannot reach: the loops a line drawing closes."""
    n, _ = cv2.connectedComponents((1 - line).astype(np.uint8), connectivity=4)
    return n - 2


def test_a_thick_bar_thins_to_a_one_pixel_line():
    bar = np.zeros((1, 30, 60), np.uint8)
    bar[0, 10:19, 5:55] = 1
    line = penstyle.centre_lines(bar)[0]
    columns = line[:, 15:45].sum(0)
    assert (columns == 1).all()
    assert 13 <= np.nonzero(line[:, 30])[0][0] <= 15


def test_a_ring_keeps_its_hole_and_each_digit_in_a_batch_is_its_own():
    ring = np.zeros((40, 40), np.uint8)
    cv2.circle(ring, (20, 20), 12, 1, thickness=5)
    blank = np.zeros_like(ring)
    lines = penstyle.centre_lines(np.stack([ring, blank, ring]))
    assert not lines[1].any()
    assert (lines[0] == lines[2]).all()
    assert holes(lines[0]) == 1    # the loop stayed closed
    assert lines[0].sum() < ring.sum() / 3


def test_a_filled_in_loop_is_drawn_as_a_loop_not_a_stub():
    nine = np.zeros((84, 84), np.uint8)
    cv2.circle(nine, (42, 28), 16, 1, -1)                  # the ink filled the loop
    cv2.line(nine, (56, 30), (52, 76), 1, 7)
    assert holes(penstyle.centre_lines(nine[None])[0]) == 0   # plain thinning: a "7"
    assert holes(penstyle.pen_paths(nine[None])[0]) == 1


def test_a_heavy_ring_keeps_one_loop_and_thin_digits_are_untouched():
    zero = np.zeros((100, 100), np.uint8)
    cv2.ellipse(zero, (50, 45), (24, 32), 0, 0, 360, 1, 9)
    cv2.circle(zero, (50, 77), 15, 1, -1)                     # a blot on its bottom
    one = np.zeros((100, 100), np.uint8)
    cv2.line(one, (40, 10), (44, 74), 1, 6)
    paths = penstyle.pen_paths(np.stack([zero, one]))
    assert holes(paths[0]) == 1
    assert (paths[1] == penstyle.centre_lines(one[None])[0]).all()


def test_a_marker_and_a_thin_pen_render_the_same_digit_alike(subset_test):
    images, _ = subset_test
    digit = images[0]
    thick = cv2.dilate(digit, np.ones((2, 2), np.uint8))
    a, b = penstyle.render(torch.from_numpy(np.stack([digit, thick]))).numpy()
    overlap = ((a > 127) & (b > 127)).sum() / ((a > 127) | (b > 127)).sum()
    assert overlap > 0.6
    ys, xs = np.nonzero(a)
    assert np.ptp(ys) < 20 and np.ptp(xs) < 20


def test_rendering_matches_what_the_app_makes_of_a_thin_pen_drawing(subset_test):
    digits = subset_test[0][3:10]
    rendered = penstyle.render(torch.from_numpy(digits.copy())).numpy() / 255.0
    gaps = [np.abs(preprocess.preprocess(mnist_on_canvas(d, scale=3, stroke=2)).image - r).mean()
            for d, r in zip(digits, rendered)]
    assert np.median(gaps) < 0.02


def test_pen_share_mixes_rendered_digits_into_training(subset_test):
    images, labels = subset_test
    x, y = torch.from_numpy(images[:256].copy()), torch.from_numpy(labels[:256].astype(np.int64))
    config = training.TrainConfig(arch="quicknet", epochs=1, batch_size=64, pen=0.5, augment=False)
    result = training.fit(config, (x, y), (x, y))
    assert not result.cancelled and result.history[-1]["test_acc"] > 0.1
    with pytest.raises(ValueError, match="pen"):
        training.TrainConfig(pen=1.5).validate()


def test_the_rendering_is_cached_and_a_damaged_cache_is_rebuilt(subset_test, monkeypatch):
    images = torch.from_numpy(subset_test[0][:40].copy())
    first = penstyle.render_cached(images)
    cached = list(paths.cache_dir().glob("pen-style-*.pt"))
    assert len(cached) == 1

    def fail(*a, **k):
        raise AssertionError("rendered again")

    with monkeypatch.context() as m:
        m.setattr(penstyle, "render", fail)
        assert torch.equal(penstyle.render_cached(images), first)
    cached[0].write_bytes(b"not a tensor")
    assert torch.equal(penstyle.render_cached(images), first)
