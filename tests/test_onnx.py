"""Reading runs each model's ONNX twin in OpenCV: same answers as torch, no torch loaded."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from mnist_desktop import checkpoint, models, paths
from mnist_desktop.learning import record
from mnist_desktop.reading import onnx_model
from mnist_desktop.reading.onnx_model import ModelError
from mnist_desktop.reading.recognizer import Recognizer

ROOT = Path(__file__).resolve().parents[1]


def torch_scores(model, images: np.ndarray):
    """What the torch model says: (N, 10) probabilities and the log-probability of one digit."""
    with torch.no_grad():
        logits = model.eval()(torch.from_numpy(images).float().unsqueeze(1)).double()
    one = torch.logsumexp(logits[:, :10], 1) - torch.logsumexp(logits, 1)
    return torch.softmax(logits[:, :10], 1).numpy(), one.numpy()


def test_shipped_twin_agrees_with_the_checkpoint_on_1000_mnist_digits(shipped, subset_test):
    images, labels = subset_test
    x = images[:1000].astype(np.float32) / 255
    assert len(x) == 1000
    probs, one = shipped.score(x)
    ref, ref_one = torch_scores(shipped.checkpoint.model, x)
    assert np.abs(probs - ref).max() <= 1e-4
    assert (probs.argmax(1) == ref.argmax(1)).all()
    assert np.abs(one - ref_one).max() <= 1e-3 and shipped.network.outputs == 11
    assert (probs.argmax(1) == labels[:1000]).mean() > 0.98


def test_the_shipped_card_records_both_files():
    card = json.loads((ROOT / "trained" / "mnist_desktop.json").read_text())
    for entry in (card, card["onnx"]):
        data = (ROOT / "trained" / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size_bytes"]
    assert card["onnx"]["checkpoint_sha256"] == card["sha256"]


@pytest.mark.parametrize("arch", sorted(models.ARCHS))
@pytest.mark.parametrize("outputs", models.OUTPUTS)
def test_every_architecture_reads_the_same_through_onnx(arch, outputs, tmp_path):
    torch.manual_seed(0)
    model = models.build(arch, outputs)
    for m in model.modules():               # BatchNorm with statistics that are not 0 and 1
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
    path = checkpoint.save(tmp_path / "m.pt", model.eval(), record.make_meta(arch))
    rec = Recognizer.open(path, on_export=lambda: pytest.fail("the saved twin was not used"))
    x = np.random.default_rng(1).random((7, 28, 28), dtype=np.float32)
    probs, one = rec.score(x)
    ref, ref_one = torch_scores(model, x)
    assert rec.network.outputs == outputs
    assert np.abs(probs - ref).max() <= 1e-4 and np.abs(one - ref_one).max() <= 1e-3


def test_a_saved_model_has_its_twin(tmp_path):
    path = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"), record.make_meta("quicknet", test_acc=0.5))
    twin = tmp_path / "mine.onnx"
    props = onnx_model.metadata(twin.read_bytes())
    assert props[onnx_model.SOURCE_KEY] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert json.loads(props[onnx_model.META_KEY])["test_acc"] == 0.5
    assert Recognizer.open(path, on_export=lambda: pytest.fail("exported again")).meta["arch"] == "quicknet"
    with pytest.raises(PermissionError):
        checkpoint.save(str(paths.shipped_model()), models.build("quicknet"), record.make_meta("quicknet"))
    with pytest.raises(ValueError):
        checkpoint.save(tmp_path / "x.onnx", models.build("quicknet"), record.make_meta("quicknet"))


def test_a_checkpoint_without_twin_gets_one_in_the_cache_and_reuses_it(tmp_path):
    path = checkpoint.save(tmp_path / "old.pt", models.build("quicknet"), record.make_meta("quicknet"))
    (tmp_path / "old.onnx").unlink()         # as saved by an older version of the app
    exports = []
    first = Recognizer.open(path, on_export=lambda: exports.append(1))
    cached = onnx_model.cache_file(hashlib.sha256(path.read_bytes()).hexdigest())
    assert exports == [1] and cached.is_file() and str(paths.cache_dir()) in str(cached)
    again = Recognizer.open(path, on_export=lambda: exports.append(2))
    assert exports == [1]                   # read from the cache, not exported twice
    x = np.random.default_rng(2).random((3, 28, 28), dtype=np.float32)
    assert np.allclose(first.classify(x), again.classify(x))
    # Another checkpoint saved over the same name: its twin is not the old one's.
    checkpoint.save(path, models.build("mlp_003"), record.make_meta("mlp_003"))
    (tmp_path / "old.onnx").write_bytes(cached.read_bytes())     # a stale twin beside it
    assert Recognizer.open(path, on_export=lambda: exports.append(3)).meta["arch"] == "mlp_003"
    assert exports == [1, 3]


def _foreign_onnx(sha: str, out_features: int = 5, channels: int = 1) -> bytes:
    """A valid ONNX model with our card whose shapes are not a digit reader's."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    conv = numpy_helper.from_array(np.ones((4, channels, 3, 3), np.float32), "w")
    gemm = numpy_helper.from_array(np.ones((out_features, 4 * 26 * 26), np.float32), "g")
    graph = helper.make_graph(
        [helper.make_node("Conv", ["image", "w"], ["c"]), helper.make_node("Flatten", ["c"], ["f"]),
         helper.make_node("Gemm", ["f", "g"], ["logits"], transB=1)], "foreign",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["n", channels, 28, 28])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["n", out_features])], [conv, gemm])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    helper.set_model_props(model, {onnx_model.META_KEY: json.dumps({"arch": "quicknet"}),
                                   onnx_model.SOURCE_KEY: sha})
    return model.SerializeToString()


@pytest.mark.parametrize("damage, says", [
    (lambda data, sha: b"\x00garbage" * 100, "not an ONNX model"),
    (lambda data, sha: data[: len(data) // 2], "mine.onnx"),
    (lambda data, sha: data.replace(onnx_model.META_KEY.encode(), b"mnist_desktop.xxxx"), "no mnist_desktop card"),
    (lambda data, sha: _foreign_onnx(sha), "outputs of shape (5,)"),
    (lambda data, sha: _foreign_onnx(sha, 10, channels=3), "28x28 gray"),
])
def test_a_damaged_or_unexpected_twin_is_refused_with_a_reason(tmp_path, damage, says):
    path = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"), record.make_meta("quicknet"))
    twin = tmp_path / "mine.onnx"
    twin.write_bytes(damage(twin.read_bytes(), hashlib.sha256(path.read_bytes()).hexdigest()))
    with pytest.raises(ModelError) as err:
        Recognizer.open(path, on_export=lambda: pytest.fail("a damaged twin is refused, not replaced"))
    message = str(err.value)
    assert says in message and "mine.onnx" in message and "\n" not in message


def _run(code: str, tmp_path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=180, env=env)


def test_predict_and_samples_add_never_import_torch(tmp_path, subset_test):
    import cv2

    from helpers import number_image

    digits, labels = subset_test
    num = tmp_path / "number.png"
    cv2.imwrite(str(num), number_image([digits[i] for i in (0, 1, 2)], gap=25))
    text = "".join(str(labels[i]) for i in (0, 1, 2))
    code = ("import sys; from mnist_desktop.cli import main; "
            "assert main(['predict', sys.argv[1], '--json']) == 0; "
            "assert main(['samples', 'add', sys.argv[1], '--label', sys.argv[2]]) == 0; "
            "sys.exit('torch was imported' if 'torch' in sys.modules else 0)")
    out = _run(code, tmp_path, str(num), text)
    assert out.returncode == 0, out.stdout + out.stderr
    assert json.loads(out.stdout.splitlines()[0])["text"] == text


def test_the_window_starts_and_reads_without_torch_until_the_train_tab_is_shown(tmp_path):
    code = """
import sys, time
from PySide6.QtCore import QSettings
from mnist_desktop.gui.app import make_app
from mnist_desktop.gui.main_window import MainWindow
app = make_app()
w = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
w.show()
def wait(ok):
    end = time.time() + 120
    while not ok() and time.time() < end:
        app.processEvents(); time.sleep(0.01)
wait(lambda: w.service.has_model)
print("model", w.service.has_model, "torch" in sys.modules)
w.tabs.setCurrentIndex(1)
wait(lambda: w.train_tab is not None)
print("train", w.train_tab is not None, "torch" in sys.modules)
w.close()
"""
    out = _run(code, tmp_path, str(tmp_path / "settings.ini"))
    assert out.returncode == 0, out.stderr
    assert "model True False" in out.stdout and "train True True" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("state", ["deleted", "damaged"])
def test_predict_with_a_broken_active_model_reads_with_the_shipped_one(state, tmp_path, subset_test):
    import cv2

    from helpers import number_image

    digits, labels = subset_test
    num = tmp_path / "number.png"
    cv2.imwrite(str(num), number_image([digits[i] for i in (0, 1)], gap=25))
    bad = tmp_path / "mine.pt"
    if state == "damaged":
        bad.write_bytes(b"PK\x03\x04 half a model")
        (tmp_path / "mine.onnx").write_bytes(b"\x00 half a twin")
    paths.data_home().mkdir(parents=True, exist_ok=True)
    (paths.data_home() / "active_model.json").write_text(json.dumps({"path": str(bad)}))
    cmd = [sys.executable, "-m", "mnist_desktop"]
    out = subprocess.run([*cmd, "predict", str(num), "--json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["text"] == f"{labels[0]}{labels[1]}"
    assert str(bad) in out.stderr and "mnist-desktop model reset" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    reset = subprocess.run([*cmd, "model", "reset"], capture_output=True, text=True, timeout=60)
    assert reset.returncode == 0 and paths.active_model_choice() is None
    again = subprocess.run([*cmd, "predict", str(num)], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stderr == ""


def test_opencv_says_nothing_of_its_own_about_a_broken_graph(capfd):
    from onnx import TensorProto, helper

    graph = helper.make_graph([helper.make_node("NoSuchOp", ["image"], ["logits"])], "broken",
                              [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["n", 1, 28, 28])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["n", 10])])
    with pytest.raises(ModelError, match="x.onnx is damaged"):
        onnx_model.open_bytes(helper.make_model(graph).SerializeToString(), "x.onnx", {})
    assert capfd.readouterr().err == ""


@given(st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_bytes_are_a_model_or_a_one_line_refusal(data):
    try:
        onnx_model._card(data, "x.onnx")
    except ModelError as exc:
        assert "\n" not in str(exc) and "x.onnx" in str(exc)
