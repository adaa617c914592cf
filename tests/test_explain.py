"""Inside the network: saliency lies on the ink, layer pictures have the layers' shapes."""

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest

from helpers import mnist_on_canvas
from mnist_desktop import checkpoint, models
from mnist_desktop.learning import explain

# What each architecture's stages hand on, by hand from models.py: (name, shape).
SHAPES = {
    "quicknet": [("conv1", (16, 14, 14)), ("conv2", (32, 14, 14)), ("pool1", (32, 7, 7)), ("conv3", (64, 7, 7)),
                 ("pool2", (64, 3, 3)), ("logits", (10,))],
    "cnn_004": [("conv1", (10, 24, 24)), ("pool1", (10, 12, 12)), ("conv2", (20, 10, 10)), ("fc1", (500,)),
                ("logits", (10,))],
    "mlp_000": [("fc1", (128,)), ("fc2", (256,)), ("logits", (10,))],
}


def expected_size(shape):
    """(height, width) of a layer's picture: a grid of 1-pixel-per-activation maps with
    1-pixel gaps, or one bar per unit."""
    if len(shape) == 1:
        return explain.BAR_H, shape[0] * explain.bar_width(shape[0])
    c, h, w = shape
    rows, cols = explain.grid_size(c)
    return rows * (h + 1) - 1, cols * (w + 1) - 1


@pytest.fixture(scope="module")
def clean_digits(subset_test, shipped):
    """Inputs the app makes of clean drawings of test digits, with the shipped model."""
    images, labels = subset_test
    out = []
    for i in range(8):
        d = shipped.read(mnist_on_canvas(images[i], stroke=4)).digits
        out.append((d[0].input, int(labels[i])))
    return out


def test_saliency_lies_mostly_on_the_ink(shipped, clean_digits):
    model = checkpoint.load(shipped.checkpoint.path).model
    for image, label in clean_digits:
        ex = explain.explain(model, image)
        assert ex.digit == label
        assert ex.saliency.shape == (28, 28) and ex.saliency.max() == pytest.approx(1.0)
        ink = image > 0.2
        assert ex.saliency[ink].sum() / ex.saliency.sum() > 0.9
        # The strongest pixels are ink pixels, not paper.
        top = np.argsort(ex.saliency.ravel())[-20:]
        assert ink.ravel()[top].mean() > 0.9


@pytest.mark.parametrize("arch", sorted(SHAPES))
def test_layer_pictures_have_the_layers_shapes(arch, clean_digits):
    ex = explain.explain(models.build(arch), clean_digits[0][0])
    assert [(layer.name, tuple(layer.shape)) for layer in ex.layers] == SHAPES[arch]
    images = ex.images()
    for i, (name, shape) in enumerate(SHAPES[arch], 1):
        assert images[f"layer{i:02d}_{name}.png"].shape == expected_size(shape), name
    assert images["input.png"].shape == images["saliency.png"].shape == (28, 28)
    first = next(m for m in models.build(arch).modules() if hasattr(m, "weight") and m.weight.ndim in (2, 4))
    n = first.weight.shape[0]
    rows, cols = explain.grid_size(n)
    k = first.weight.shape[-1] if first.weight.ndim == 4 else 28
    scale = 4 if first.weight.ndim == 4 else 1
    assert images["filters.png"].shape == ((rows * (k + 1) - 1) * scale, (cols * (k + 1) - 1) * scale)


def test_explain_command_writes_the_pictures(tmp_path, subset_test):
    images, labels = subset_test
    src = tmp_path / "digit.png"
    cv2.imwrite(str(src), mnist_on_canvas(images[1], stroke=4))
    out = tmp_path / "inside"
    run = subprocess.run([sys.executable, "-m", "mnist_desktop", "explain", str(src), "--out", str(out), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["digit"] == labels[1] and len(summary["probabilities"]) == 10
    assert summary["saliency"] == "integrated gradients"
    # The same calibrated confidence the Recognize panel and predict show.
    from mnist_desktop.reading.recognizer import Recognizer
    assert abs(summary["confidence"] - Recognizer.shipped().read(str(src)).digits[0].confidence) < 1e-3
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(summary["files"])
    assert {"input.png", "saliency.png", "filters.png"} <= set(files)
    assert summary["files"][2:4] == ["layer01_conv1.png", "layer02_conv2.png"]
    for layer in summary["layers"]:
        assert cv2.imread(str(out / layer["file"]), cv2.IMREAD_GRAYSCALE).shape == expected_size(layer["shape"])
    assert cv2.imread(str(out / "input.png"), cv2.IMREAD_GRAYSCALE).shape == (28, 28)


def test_explain_command_clear_messages(tmp_path):
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((60, 60), 255, np.uint8))
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    for path, words in ((blank, "no digit found"), (bad, str(bad))):
        run = subprocess.run([sys.executable, "-m", "mnist_desktop", "explain", str(path), "--out",
                              str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
        assert run.returncode == 1 and words in run.stderr and "Traceback" not in run.stderr
