"""Calibrated confidence: the temperature, the unsure line, and what the window shows."""

import numpy as np
import pytest

from mnist_desktop.learning import calibration
from mnist_desktop.reading.recognizer import UNSURE_BELOW, Calibration


def overconfident(n=4000, k=3.0, seed=0):
    """Logits whose labels follow softmax(z), shown k times too sure."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 2.0, (n, 10))
    p = calibration.softmax(z)
    labels = np.array([rng.choice(10, p=row) for row in p])
    return z * k, labels


def test_the_temperature_undoes_overconfidence():
    logits, labels = overconfident(k=3.0)
    t = calibration.fit_temperature(logits, labels)
    assert 2.6 < t < 3.4
    before = calibration.softmax(logits)
    after = calibration.softmax(logits, t)
    ece = calibration.expected_calibration_error
    assert ece(after.max(1), after.argmax(1) == labels) < 0.5 * ece(before.max(1), before.argmax(1) == labels)


def test_a_calibrated_model_keeps_its_temperature():
    logits, labels = overconfident(k=1.0, seed=1)
    assert 0.85 < calibration.fit_temperature(logits, labels) < 1.15


def test_the_unsure_line_flags_few_right_answers_and_most_errors():
    rng = np.random.default_rng(2)
    right = rng.uniform(0.6, 1.0, 1000) ** 0.2          # mostly very sure
    wrong = rng.uniform(0.3, 0.9, 100)
    conf = np.concatenate([right, wrong])
    correct = np.r_[np.ones(1000, bool), np.zeros(100, bool)]
    line = calibration.unsure_line(conf, correct, 0.02)
    counts = calibration.flagged(conf, correct, line)
    assert counts["right_flagged"] <= 20 and counts["errors_flagged"] >= 60


def test_the_window_shows_calibrated_probabilities_and_the_models_line():
    cal = Calibration.of({"calibration": {"temperature": 2.0, "unsure_below": 0.9}})
    p = np.array([0.9, 0.1] + [0.0] * 8, np.float32)
    shown = cal.shown(p)
    assert shown.sum() == pytest.approx(1.0) and shown[0] == pytest.approx(0.75, abs=1e-3)  # 3:1 = sqrt(9:1)
    assert cal.unsure_below == 0.9


@pytest.mark.parametrize("card", [{}, {"calibration": None}, {"calibration": {"temperature": "hot"}},
                                  {"calibration": {"temperature": float("nan"), "unsure_below": True}},
                                  {"calibration": {"temperature": 0.0, "unsure_below": 1.0}}])
def test_a_card_without_a_usable_calibration_reads_as_before(card):
    cal = Calibration.of(card)
    assert (cal.temperature, cal.unsure_below) == (1.0, UNSURE_BELOW)
    p = np.array([0.6, 0.4] + [0.0] * 8, np.float32)
    assert cal.shown(p) is p


def test_each_value_of_a_calibration_is_checked_on_its_own():
    assert Calibration.of({"calibration": {"temperature": 1.5, "unsure_below": 1.5}}) == Calibration(1.5, UNSURE_BELOW)
    assert Calibration.of({"calibration": {"temperature": -2, "unsure_below": 0.9}}) == Calibration(1.0, 0.9)


def test_the_shipped_model_flags_ambiguous_digits_and_not_clean_ones(shipped, subset_test):
    images, labels = subset_test
    clean = [shipped.predict(images[i]) for i in range(200)]
    right = [d for d, y in zip(clean, labels[:200]) if d.digit == y]
    # Two different digits laid over each other: no one can say which it is.
    pairs = [(i, j) for i, j in zip(range(0, 400, 2), range(1, 400, 2)) if labels[i] != labels[j]][:60]
    blends = [shipped.predict(np.maximum(images[i], images[j])) for i, j in pairs]
    assert np.mean([d.unsure for d in blends]) > 0.5                # most are flagged
    assert np.mean([d.unsure for d in right]) < 0.05
    assert shipped.calibration.temperature != 1.0          # the card's calibration is in use
