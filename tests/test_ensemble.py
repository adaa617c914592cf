"""Models trained apart, combined into one: the mean of their logits, saved, calibrated,
read through ONNX, looked inside, and retrained from the commands on its card."""

import subprocess
import sys

import numpy as np
import pytest
import torch

from mnist_desktop import checkpoint, models
from mnist_desktop.learning import ensemble, explain, record
from mnist_desktop.reading.recognizer import Recognizer


SUBSET_TRAIN = 3000      # training digits in tests/data/mnist-subset


def member(path, seed: int, holdout=100, arch: str = "mnistnet2", outputs: int = 11, trained_on: int = SUBSET_TRAIN,
           normalization=None, init=None):
    torch.manual_seed(seed)
    model = models.build(arch, outputs)
    for m in model.modules():           # statistics that are not 0 and 1, so members differ there too
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.3, 0.3)
            m.running_var.uniform_(0.5, 1.5)
    meta = record.make_meta(arch, test_acc=0.99 + seed % 10 / 1000, config={"holdout": holdout, "seed": seed},
                            command=f"mnist-desktop train --preset shipped --seed {seed} --out /tmp/runs/m{seed}.pt",
                            train_s=100.0, train_samples=trained_on - (holdout if isinstance(holdout, int) else 0))
    if init is not None:
        meta["init"] = init
    if normalization is not None:
        meta["normalization"] = normalization
        models.use_normalization(model, normalization)
    return checkpoint.save(path, model.eval(), meta)


def run(*args):
    return subprocess.run([sys.executable, "-m", "mnist_desktop", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def three(tmp_path):
    return [member(tmp_path / f"m{seed}.pt", seed) for seed in range(3)]


def test_the_ensemble_reads_the_mean_of_its_members_logits(three, subset_test):
    loaded = [checkpoint.load(p) for p in three]
    model, cards = ensemble.combine(loaded)
    x = torch.from_numpy(subset_test[0][:50].astype(np.float32) / 255).unsqueeze(1)
    with torch.no_grad():
        want = sum(c.model(x) for c in loaded) / 3
        got = model(x)
        assert not torch.allclose(loaded[0].model(x), loaded[1].model(x), atol=1e-3)   # they do differ
    assert torch.allclose(got, want, atol=1e-5)
    assert [c["seed"] for c in cards] == [0, 1, 2] and all(len(c["sha256"]) == 64 for c in cards)


def test_a_member_trained_on_from_another_run_says_which_on_the_card(tmp_path, three):
    # Without the first run's command the card could not make that member again.
    start = "mnist-desktop train --preset shipped --seed 0 --out /tmp/runs/s0.pt"
    later = member(tmp_path / "later.pt", 10, init=start)
    _, cards = ensemble.combine([checkpoint.load(p) for p in (later, three[1], three[2])])
    assert cards[0]["init"] == start and "init" not in cards[1]


def test_models_that_do_not_go_together_are_refused_with_a_reason(tmp_path, three):
    other = member(tmp_path / "q.pt", 5, arch="quicknet")
    ten = member(tmp_path / "ten.pt", 6, outputs=10)
    cases = [(three[:1], "at least two"), (three[:2], "no architecture for 2 mnistnet2"),
             ([*three[:2], other], "one architecture"), ([*three[:2], ten], "same outputs"),
             ([three[0], three[1], three[1]], "more than once")]
    for paths, says in cases:
        with pytest.raises(ValueError, match=says):
            ensemble.combine([checkpoint.load(p) for p in paths])


def test_ensemble_command_saves_a_calibrated_model_that_reads_like_torch(three, tmp_path, subset_dir, subset_test):
    dest = tmp_path / "together.pt"
    out = run("ensemble", *three, "--data", subset_dir, "--out", dest, "--json")
    assert out.returncode == 0, out.stderr
    meta = torch.load(dest, weights_only=True)["meta"]
    assert meta["arch"] == "mnistnet2x3" and meta["config"]["seed"] == [0, 1, 2]
    assert [m["test_acc"] for m in meta["members"]] == [0.99, 0.991, 0.992]
    # Calibrated on the 100 digits every member kept aside, as they are, pen-drawn and restyled.
    assert 280 <= meta["calibration"]["right"] + meta["calibration"]["errors"] <= 300
    rec = Recognizer.load(dest)
    assert rec.calibration.temperature == meta["calibration"]["temperature"]
    x = subset_test[0][:200].astype(np.float32) / 255
    probs, _ = rec.score(x)
    with torch.no_grad():
        ref = torch.softmax(checkpoint.load(dest).model(torch.from_numpy(x).unsqueeze(1))[:, :10].double(), 1).numpy()
    assert np.abs(probs - ref).max() <= 1e-4

    # Members that kept no digits aside, or kept them out of another training set (--limit),
    # leave nothing the ensemble never saw to calibrate on: it is saved uncalibrated, and says why.
    for k, (holdout, trained_on, says) in enumerate([(0, SUBSET_TRAIN, "keep the same digits aside"),
                                                    (100, 1000, "--limit"), ("abc", SUBSET_TRAIN, "aside")]):
        other = member(tmp_path / f"m{9 + k}.pt", 9 + k, holdout=holdout, trained_on=trained_on)
        out = run("ensemble", three[0], three[1], other, "--data", subset_dir, "--out", tmp_path / "x.pt")
        assert out.returncode == 0 and "not calibrated" in out.stderr and says in out.stderr, out.stderr
        assert "calibration" not in torch.load(tmp_path / "x.pt", weights_only=True)["meta"]
    bad = run("ensemble", three[0], three[1], "--data", subset_dir, "--out", tmp_path / "y.pt")
    assert bad.returncode == 1 and "no architecture for 2" in bad.stderr and "Traceback" not in bad.stderr


def test_the_ensemble_keeps_the_input_transform_its_members_were_trained_with(tmp_path, subset_dir):
    norm = {"mean": 0.5, "std": 0.5, "ink": "white on black, 0..1"}
    paths = [member(tmp_path / f"n{seed}.pt", seed, normalization=norm) for seed in range(3)]
    dest = tmp_path / "n.pt"
    assert run("ensemble", *paths, "--data", subset_dir, "--out", dest).returncode == 0
    saved = checkpoint.load(dest)
    assert saved.meta["normalization"]["mean"] == 0.5
    assert all(net[0].mean == 0.5 and net[0].std == 0.5 for net in saved.model.members)


def test_inside_an_ensemble_is_its_first_member_with_the_scores_of_all(three, subset_test):
    model, _ = ensemble.combine([checkpoint.load(p) for p in three])
    digit = subset_test[0][0].astype(np.float32) / 255
    whole, first = explain.explain(model, digit), explain.explain(model.members[0], digit)
    assert [layer.name for layer in whole.layers] == [layer.name for layer in first.layers]
    assert np.allclose(whole.layers[0].activation, first.layers[0].activation)
    with torch.no_grad():
        logits = model(torch.from_numpy(digit).view(1, 1, 28, 28))[0]
    assert np.allclose(whole.layers[-1].activation, logits.numpy(), atol=1e-5)
    assert np.allclose(whole.probabilities, torch.softmax(logits[:10], 0).numpy(), atol=1e-5)


def test_widening_an_ensemble_gives_every_member_the_several_digits_output():
    state = models.widen(models.build("mnistnet2x3").state_dict(), 11)
    model = models.build("mnistnet2x3", 11)
    model.load_state_dict(state)
    assert all(net[-1].out_features == 11 for net in model.members)


def test_the_card_tells_how_to_make_every_member_and_then_the_ensemble():
    from mnist_desktop.gui.help_texts import retrain_commands

    meta = {"command": "mnist-desktop ensemble m0.pt m1.pt --data /d/mnist --out /tmp/x.pt",
            "members": [{"file": "m0.pt", "command": "mnist-desktop train --seed 0 --out /tmp/runs/a.pt --json"},
                        {"file": "m 1.pt", "command": "mnist-desktop train --seed 1 --data /d"}]}
    assert retrain_commands(meta) == ["mnist-desktop train --seed 0 --out m0.pt",
                                      "mnist-desktop train --seed 1 --out 'm 1.pt'",
                                      "mnist-desktop ensemble m0.pt 'm 1.pt'"]
    # Members from other folders under one name: each gets its own, and the ensemble reads those.
    meta = {"command": "mnist-desktop ensemble /a/model.pt /b/model.pt",
            "members": [{"file": "model.pt", "command": "mnist-desktop train --seed 0 --out /a/model.pt"},
                        {"file": "model.pt", "command": "mnist-desktop train --seed 1 --out /b/model.pt"}]}
    assert retrain_commands(meta) == ["mnist-desktop train --seed 0 --out member0.pt",
                                      "mnist-desktop train --seed 1 --out member1.pt",
                                      "mnist-desktop ensemble member0.pt member1.pt"]
    assert retrain_commands({"command": "mnist-desktop train --seed 3"}) == ["mnist-desktop train --seed 3"]
    assert retrain_commands({"members": "garbage", "command": ""}) == []
