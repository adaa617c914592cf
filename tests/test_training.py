import threading

import pytest
import torch

from mnist_desktop import models
from mnist_desktop.learning import augment, data, training


@pytest.fixture(scope="module")
def subset(subset_dir, tmp_path_factory):
    root = data.import_folder(subset_dir, tmp_path_factory.mktemp("mnist"))
    return data.load(root, True), data.load(root, False)


def test_fit_learns_and_reports_progress(subset):
    train, test = subset
    steps, epochs = [], []
    config = training.TrainConfig(arch="quicknet", epochs=2, batch_size=64, lr=0.05, augment=False,
                                  report_every=5)
    result = training.fit(config, train, test, on_step=steps.append, on_epoch=epochs.append)
    assert not result.cancelled
    assert [e["epoch"] for e in epochs] == [1, 2]
    assert result.test.accuracy > 0.85
    assert steps and {"step", "epoch", "loss", "samples_per_s", "elapsed_s"} <= steps[0].keys()
    assert steps[-1]["loss"] < steps[0]["loss"]
    assert sum(sum(r) for r in result.test.confusion) == 1000


def test_the_smoothed_loss_follows_the_batches_not_the_first_one(subset):
    # Smoothed over the reports (one in 20 steps), it kept two thirds of the first batch's
    # loss after 90 steps: the chart's smoothed curve sat far above every batch.
    train, test = subset
    steps = []
    config = training.TrainConfig(arch="quicknet", epochs=1, batch_size=32, lr=0.05, augment=False)
    training.fit(config, train, None, on_step=steps.append)
    first, last = steps[0], steps[-1]
    recent = sum(s["loss"] for s in steps[-3:]) / 3
    assert last["step"] >= 90 and first["loss"] > 2 * recent
    assert abs(last["smoothed_loss"] - recent) < 0.2 * first["loss"]


def test_cancel_stops_within_a_step(subset):
    train, test = subset
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 3

    result = training.fit(training.TrainConfig(arch="quicknet", epochs=5, batch_size=32), train, test,
                          should_stop=stop)
    assert result.cancelled and result.steps == 3 and not result.history


def test_cancel_from_another_thread_is_honoured_quickly(subset):
    train, test = subset
    flag = threading.Event()
    training_runs = threading.Event()
    out = {}

    def run():
        out["r"] = training.fit(training.TrainConfig(arch="mnistnet", epochs=50, batch_size=64), train, test,
                                on_step=lambda info: training_runs.set(), should_stop=flag.is_set)

    t = threading.Thread(target=run)
    t.start()
    assert training_runs.wait(120)       # cancel mid-run, whatever the machine's speed
    flag.set()
    t.join(10)
    assert not t.is_alive() and out["r"].cancelled


def test_fine_tuning_starts_from_given_weights_and_mixes_extra_samples(subset):
    train, test = subset
    first = training.fit(training.TrainConfig(arch="quicknet", epochs=1, batch_size=64, augment=False),
                         train, test)
    extra = (train[0][:20], train[1][:20], 8)
    second = training.fit(training.TrainConfig(arch="quicknet", epochs=1, batch_size=64, lr=0.01, augment=False),
                          train, test, init_state=models.cpu_state(first.model), extra_train=extra)
    assert second.test.accuracy >= first.test.accuracy - 0.05


def test_bad_config_is_a_value_error(subset):
    train, test = subset
    with pytest.raises(ValueError, match="unknown architecture"):
        training.fit(training.TrainConfig(arch="nope"), train, test)
    with pytest.raises(ValueError):
        training.fit(training.TrainConfig(epochs=0), train, test)


def test_augment_keeps_shape_range_and_label_sense(subset):
    train, _ = subset
    x = training.to_float(train[0][:256])
    gen = torch.Generator().manual_seed(0)
    y = augment.augment(x, generator=gen)
    assert y.shape == x.shape and y.min() >= 0 and y.max() <= 1
    # Changed, but not destroyed: most ink stays near where it was.
    assert not torch.equal(x, y)
    inter = torch.minimum(x, y).sum() / torch.maximum(x, y).sum()
    assert inter > 0.3
