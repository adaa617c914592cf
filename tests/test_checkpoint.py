import os
import pickle

import pytest
import torch

from mnist_desktop import checkpoint, models
from mnist_desktop.learning import record


def test_round_trip_keeps_weights_and_meta(tmp_path):
    model = models.build("quicknet").eval()
    meta = record.make_meta("quicknet", test_acc=0.5, command="mnist-desktop train")
    path = checkpoint.save(tmp_path / "m.pt", model, meta)
    loaded = checkpoint.load(path)
    x = torch.rand(3, 1, 28, 28)
    assert torch.allclose(model(x), loaded.model(x))
    assert loaded.meta["test_acc"] == 0.5 and loaded.meta["arch"] == "quicknet"
    assert loaded.meta["preprocess_version"] >= 1
    # No temp file left behind; the ONNX twin that reading uses sits beside the checkpoint.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.onnx", "m.pt"]


def test_save_replaces_atomically_and_cleans_up_on_failure(tmp_path, monkeypatch):
    model = models.build("mlp_003")
    path = checkpoint.save(tmp_path / "m.pt", model, record.make_meta("mlp_003"))
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", boom)
    with pytest.raises(OSError):
        checkpoint.save(path, models.build("mlp_003"), record.make_meta("mlp_003"))
    assert path.read_bytes() == before                # the old file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.onnx", "m.pt"]


class _Evil:
    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        return (os.system, (f"touch {self.target}",))


def test_a_pickle_that_runs_code_is_refused_without_running(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pt"
    torch.save({"state_dict": {}, "meta": {"arch": "mnistnet"}, "x": _Evil(marker)}, path)
    with pytest.raises(checkpoint.CheckpointError, match="refused"):
        checkpoint.load(path)
    assert not marker.exists()
    # The same through a bare pickle file.
    path.write_bytes(pickle.dumps(_Evil(marker)))
    with pytest.raises(checkpoint.CheckpointError):
        checkpoint.load(path)
    assert not marker.exists()


@pytest.mark.parametrize("content", [b"", b"garbage" * 100, b"PK\x03\x04broken zip"])
def test_corrupt_files_are_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.pt"
    path.write_bytes(content)
    with pytest.raises(checkpoint.CheckpointError, match="bad.pt"):
        checkpoint.load(path)


def test_truncated_checkpoint_is_a_clear_error(tmp_path):
    path = checkpoint.save(tmp_path / "m.pt", models.build("quicknet"), record.make_meta("quicknet"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(checkpoint.CheckpointError):
        checkpoint.load(path)


def test_foreign_torch_files_are_rejected(tmp_path):
    path = tmp_path / "foreign.pt"
    torch.save(models.build("quicknet").state_dict(), path)       # a bare state_dict
    with pytest.raises(checkpoint.CheckpointError, match="not an mnist_desktop model"):
        checkpoint.load(path)
    torch.save({"state_dict": {}, "meta": {"arch": "resnet152"}}, path)
    with pytest.raises(checkpoint.CheckpointError, match="unknown architecture"):
        checkpoint.load(path)
    torch.save({"state_dict": models.build("quicknet").state_dict(), "meta": {"arch": "mnistnet"}}, path)
    with pytest.raises(checkpoint.CheckpointError, match="do not fit"):
        checkpoint.load(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(checkpoint.CheckpointError, match="no such file"):
        checkpoint.load(tmp_path / "nope.pt")
    with pytest.raises(checkpoint.CheckpointError):
        checkpoint.load(tmp_path)


def test_every_architecture_builds_and_classifies():
    x = torch.rand(2, 1, 28, 28)
    for name in models.ARCHS:
        model = models.build(name).eval()
        assert model(x).shape == (2, 10)
    assert models.parameter_count("mnistnet") * 4 < 1_000_000     # < 1 MB of float32 weights


def test_the_shipped_model_is_never_overwritten():
    from mnist_desktop import paths

    shipped = paths.shipped_model()
    before = shipped.read_bytes()
    with pytest.raises(PermissionError, match="never overwritten"):
        checkpoint.save(str(shipped), models.build("quicknet"), record.make_meta("quicknet"))
    assert shipped.read_bytes() == before


def test_a_checkpoint_keeps_the_input_transform_it_was_trained_with(tmp_path):
    # mlp_003 now normalises with (0.5, 0.5), as its tutorial does; a checkpoint saved when
    # it used MNIST's mean and std must still read with those (they are not weights).
    from mnist_desktop import checkpoint, models
    from mnist_desktop.learning import record

    meta = record.make_meta("mlp_003")
    assert (meta["normalization"]["mean"], meta["normalization"]["std"]) == (0.5, 0.5)
    old = dict(meta, normalization={"mean": models.MNIST_MEAN, "std": models.MNIST_STD})
    path = checkpoint.save(tmp_path / "old.pt", models.build("mlp_003"), old)
    loaded = checkpoint.load(path).model
    assert (loaded[0].mean, loaded[0].std) == (models.MNIST_MEAN, models.MNIST_STD)
    new = checkpoint.load(checkpoint.save(tmp_path / "new.pt", models.build("mlp_003"), meta)).model
    assert (new[0].mean, new[0].std) == (0.5, 0.5)
