import numpy as np
import pytest
import torch

from mnist_desktop import checkpoint, models
from mnist_desktop.learning import data, record, touching, training


@pytest.fixture(scope="module")
def subset(subset_dir, tmp_path_factory):
    root = data.import_folder(subset_dir, tmp_path_factory.mktemp("mnist"))
    return data.load(root, True), data.load(root, False)


def _columns(crop: np.ndarray) -> int:
    cols = np.nonzero(crop.max(0) > 60)[0]
    return int(cols.max() - cols.min() + 1)


def test_touching_crops_are_several_digits_normalised_like_one(subset_test):
    images, _ = subset_test
    crops = touching.several(images, 40, np.random.default_rng(0))
    assert crops.shape == (40, 28, 28) and crops.dtype == np.uint8
    # Fitted into the 20 px box by their longest side, which for 2-3 digits side by
    # side is their width: most fill the box across and stay lower than it.
    widths = np.array([_columns(c) for c in crops])
    heights = np.array([_columns(c.T) for c in crops])
    assert np.median(widths) >= 19 and np.mean(widths > heights) > 0.8


def test_composed_digits_overlap_by_the_gap():
    one = np.zeros((28, 28), np.uint8)
    one[4:24, 12:16] = 255
    apart = touching.compose([one, one], gaps=[3], drops=[0, 0])
    touch = touching.compose([one, one], gaps=[-1], drops=[0, 0])
    assert apart.shape[1] - touch.shape[1] == 4 * touching.SCALE
    assert (255 - touch).max(0).min() < 128 < (255 - apart).max(0).max()


def test_training_with_touching_digits_adds_a_several_class(subset):
    train, test = subset
    config = training.TrainConfig(arch="quicknet", epochs=3, batch_size=64, lr=0.05, augment=False,
                                  touching=0.2)
    result = training.fit(config, train, test)
    assert models.outputs_of(result.model) == 11
    assert result.test.accuracy > 0.8                    # digits are still scored as digits
    assert len(result.test.probabilities[0]) == 10
    with torch.no_grad():
        held = touching.several(test[0].numpy()[:200], 200, np.random.default_rng(1))
        several = result.model(torch.from_numpy(held).float().div(255).unsqueeze(1)).argmax(1)
        single = result.model(training.to_float(test[0][:200])).argmax(1)
    # Unseen touching pairs are called several; single digits almost never are.
    assert (several == touching.SEVERAL).float().mean() > 0.8
    assert (single == touching.SEVERAL).float().mean() < 0.05


def test_an_eleven_output_checkpoint_round_trips(tmp_path):
    model = models.build("quicknet", 11).eval()
    path = checkpoint.save(tmp_path / "m.pt", model, record.make_meta("quicknet"))
    loaded = checkpoint.load(path)
    assert loaded.meta["outputs"] == 11 and loaded.meta["parameters"] == models.parameter_count(model)
    x = torch.rand(2, 1, 28, 28)
    assert torch.allclose(model(x), loaded.model(x))


def test_a_checkpoint_claiming_other_outputs_is_a_clear_error(tmp_path):
    path = tmp_path / "m.pt"
    torch.save({"state_dict": models.build("quicknet").state_dict(),
                "meta": {"arch": "quicknet", "outputs": 12}}, path)
    with pytest.raises(checkpoint.CheckpointError, match="10 or 11 outputs"):
        checkpoint.load(path)


def test_touching_crops_are_composed_once_then_read_from_the_cache(subset_test, monkeypatch):
    from mnist_desktop import paths

    images = torch.from_numpy(subset_test[0][:60].copy())
    first = touching.several_cached(images, 30)
    assert len(list(paths.cache_dir().glob("touching-*.pt"))) == 1
    monkeypatch.setattr(touching, "several", lambda *a, **k: pytest.fail("composed again"))
    assert torch.equal(touching.several_cached(images, 30), first)
