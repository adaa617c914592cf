import cv2
import numpy as np
import pytest

from helpers import mnist_on_canvas, number_image
from mnist_desktop import paths
from mnist_desktop.reading.imageio import ImageError
from mnist_desktop.reading.recognizer import Recognizer


def test_shipped_model_card_is_honest(shipped):
    from mnist_desktop import models

    meta = shipped.meta
    assert meta["arch"] == models.SHIPPED_ARCH and meta["test_acc"] >= 0.997
    assert meta["command"].startswith("mnist-desktop ensemble")
    # Each member: the shipped preset (whose arch is the members'), its own seed.
    assert [m["seed"] for m in meta["members"]] == list(range(models.SHIPPED_MEMBERS))
    for m in meta["members"]:
        assert m["command"].startswith("mnist-desktop train --preset shipped ") and f"--seed {m['seed']} " in m["command"]
        assert "--arch" not in m["command"] or f"--arch {models.SHIPPED_ARCH.rsplit('x', 1)[0]} " in m["command"]


def test_reads_mnist_digits(shipped, subset_test):
    images, labels = subset_test
    got = [shipped.predict(img).digit for img in images[:200]]
    assert np.mean(np.array(got) == labels[:200]) >= 0.98


def test_reads_thin_mouse_drawings_anywhere_on_a_canvas(shipped, subset_test):
    images, labels = subset_test
    rng = np.random.default_rng(0)
    hits = 0
    for img, label in zip(images[:60], labels[:60]):
        at = tuple(rng.uniform(0.2, 0.8, 2))
        canvas = mnist_on_canvas(img, scale=rng.uniform(6, 12), at=at, stroke=3)
        hits += shipped.predict(canvas).digit == label
    assert hits >= 56


def test_numbers_rendered_from_mnist_read_back_exactly(shipped, subset_test):
    images, labels = subset_test
    rng = np.random.default_rng(2)
    exact = 0
    # Enough numbers that one ambiguous MNIST digit drawn twice (there are 6s
    # written like 4s) does not decide the outcome.
    trials = 120
    for _ in range(trials):
        idx = rng.choice(len(images), size=rng.integers(2, 6), replace=False)
        result = shipped.read(number_image([images[i] for i in idx], gap=int(rng.integers(4, 20))))
        exact += result.text == "".join(str(labels[i]) for i in idx)
    assert exact >= trials * 0.9


def test_number_boxes_are_in_image_pixels_left_to_right(shipped, subset_test):
    images, labels = subset_test
    img = number_image([images[0], images[1], images[2]], gap=30, scale=5)
    result = shipped.read(img)
    assert result.status == "ok" and len(result.digits) == 3
    xs = [d.box[0] for d in result.digits]
    assert xs == sorted(xs) and xs[0] >= 15 and result.digits[-1].box[0] + result.digits[-1].box[2] <= img.shape[1]
    for d in result.digits:
        assert len(d.probabilities) == 10 and abs(sum(d.probabilities) - 1) < 1e-4
        assert d.top3[0][0] == d.digit and d.input.shape == (28, 28)


def test_all_crops_go_through_one_forward_pass(shipped, subset_test, monkeypatch):
    images, _ = subset_test
    calls = []
    original = shipped.network.forward
    monkeypatch.setattr(shipped.network, "forward", lambda x: calls.append(len(x)) or original(x))
    shipped.read(number_image(list(images[:4]), gap=12))
    assert len(calls) == 1 and calls[0] >= 4


def test_blank_is_no_digit_never_a_guess(shipped):
    blank = np.full((300, 300), 255, np.uint8)
    assert shipped.predict(blank) is None
    result = shipped.read(blank)
    assert result.status == "no_digit" and result.text == "" and result.digits == []


def test_unsure_flag_for_scribbles(shipped):
    rng = np.random.default_rng(3)
    unsure = 0
    for _ in range(10):
        img = np.full((200, 200), 255, np.uint8)
        pts = rng.integers(20, 180, (12, 2))
        cv2.polylines(img, [pts.reshape(-1, 1, 2).astype(np.int32)], False, 0, 6)
        d = shipped.predict(img)
        unsure += d.unsure
    assert unsure >= 3     # random scribbles are not digits: often flagged


def test_bad_path_is_image_error(shipped, tmp_path):
    with pytest.raises(ImageError):
        shipped.read(tmp_path / "missing.png")


def test_load_uses_the_active_model_and_falls_back_to_shipped(tmp_path):
    from mnist_desktop import checkpoint, models
    from mnist_desktop.learning import record

    path = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"), record.make_meta("quicknet"))
    paths.set_active_model(path)
    assert Recognizer.load().meta["arch"] == "quicknet"
    path.unlink()                                    # the active file vanished
    assert Recognizer.load().meta["arch"] == models.SHIPPED_ARCH
    paths.set_active_model(None)
    assert Recognizer.load().meta["arch"] == models.SHIPPED_ARCH


def test_touching_digits_are_cut_apart(shipped, subset_test):
    images, labels = subset_test
    rng = np.random.default_rng(4)
    exact, trials = 0, 30
    for _ in range(trials):
        idx = rng.choice(len(images), size=int(rng.integers(2, 4)), replace=False)
        result = shipped.read(number_image([images[i] for i in idx], gap=-2, scale=4))
        exact += result.text == "".join(str(labels[i]) for i in idx)
    assert exact >= trials * 0.8


def test_a_1_leaning_on_its_neighbour_is_cut_off(shipped, subset_test):
    # Together no wider than one digit, so only the model's "several digits" output
    # can tell that "71" is not a 7 (before it: 46 of 60 right).
    images, labels = subset_test
    ones, others = np.nonzero(labels == 1)[0], np.nonzero(labels != 1)[0]
    rng = np.random.default_rng(7)
    exact = 0
    for t in range(60):
        pair = [int(rng.choice(ones)), int(rng.choice(others))][::1 if t % 2 else -1]
        result = shipped.read(number_image([images[i] for i in pair], gap=-3, scale=4))
        exact += result.text == "".join(str(labels[i]) for i in pair)
    assert exact >= 54


def test_single_drawings_are_not_cut_into_several_digits(shipped, subset_test):
    images, labels = subset_test
    rng = np.random.default_rng(1)
    whole = 0
    for img in images[:100]:
        canvas = mnist_on_canvas(img, scale=rng.uniform(6, 12), at=tuple(rng.uniform(0.2, 0.8, 2)),
                                 stroke=int(rng.integers(2, 5)))
        whole += len(shipped.read(canvas).digits) == 1
    assert whole >= 97


def test_a_digit_broken_in_two_is_read_as_one(shipped, subset_test):
    images, labels = subset_test
    hits = 0
    wanted = [i for i in range(200) if labels[i] in (0, 2, 3, 5, 8)][:20]
    for i in wanted:
        big = cv2.resize(images[i], None, fx=6, fy=6, interpolation=cv2.INTER_CUBIC)
        ys, xs = np.nonzero(big > 60)
        mid = (ys.min() + ys.max()) // 2
        big[mid - 2:mid + 2, :] = 0                    # a scanner dropout across the middle
        result = shipped.read(255 - big)
        hits += result.text == str(labels[i])
    assert hits >= len(wanted) * 0.9


def test_the_sample_images_read_right(shipped):
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "resources" / "samples"
    assert shipped.read(samples / "photo-6123.jpg").text == "6123"
    assert shipped.read(samples / "printed-2026.png").text == "2026"


def test_the_shipped_model_knows_touching_digits_from_one_digit(shipped, subset_test):
    from mnist_desktop.reading import preprocess
    from mnist_desktop.learning import touching

    images, _ = subset_test
    pairs = touching.several(images[:400], 100, np.random.default_rng(3)).astype(np.float32) / 255
    singles = np.stack([preprocess.preprocess(255 - img).image for img in images[400:600]])
    _, one_pair = shipped.score(pairs)
    _, one_single = shipped.score(singles)
    assert np.mean(np.exp(one_pair) < 0.5) > 0.9
    assert np.mean(np.exp(one_single) > 0.5) > 0.98


@pytest.mark.parametrize("shape", ["wide 0", "2 with a long tail"])
def test_a_wide_digit_in_an_image_is_one_digit(shipped, shape):
    # An image has no strokes: a group this wide is cut only when the model's "several
    # digits" output doubts it is one digit. Read as "67" and "22" before.
    img = np.full((420, 640), 255, np.uint8)
    if shape == "wide 0":
        cv2.ellipse(img, (320, 200), (230, 120), 0, 0, 360, 0, 14, cv2.LINE_AA)
        want = "0"
    else:
        cv2.ellipse(img, (200, 130), (90, 75), 0, 190, 380, 0, 14, cv2.LINE_AA)
        cv2.polylines(img, [np.array([[285, 160], [110, 330], [600, 330]], np.int32)], False, 0, 14, cv2.LINE_AA)
        want = "2"
    assert shipped.read(img).text == want


def test_a_digit_the_model_half_doubts_is_not_cut_on_the_strength_of_one_sure_piece(shipped, monkeypatch):
    """A 0 with a faint side in a photo: the model gives it even odds of being two digits,
    and its halves read as an unsure 9 and a sure 1. The cut must pay for the doubt the
    whole reading pays for: one digit, not "91"."""
    import math

    img = np.full((200, 260), 255, np.uint8)
    cv2.ellipse(img, (130, 100), (60, 70), 0, 0, 360, 0, 12)
    real = shipped._crops

    def crops(ink, pieces):
        norms, _, _ = real(ink, pieces)
        widest, left = max(p.box[2] for p in pieces), min(p.box[0] for p in pieces)
        probs, one = np.full((len(pieces), 10), 0.002, np.float32), np.zeros(len(pieces), np.float32)
        for k, p in enumerate(pieces):
            if p.box[2] == widest:
                probs[k, 0], one[k] = 0.93, math.log(0.499)      # the whole: a 0, as likely two digits
            elif p.box[0] == left:
                probs[k, 9], one[k] = 0.56, math.log(0.98)       # its left half: maybe a 9
            else:
                probs[k, 1] = 0.98                               # its right half: surely a 1
        return norms, probs, one

    monkeypatch.setattr(shipped, "_crops", crops)
    assert shipped.read(img).text == "0"
