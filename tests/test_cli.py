import json
import logging
import subprocess
import sys

import cv2
import numpy as np
import pytest

from helpers import number_image


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "mnist_desktop", *args], capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture
def images(tmp_path, subset_test):
    digits, labels = subset_test
    num = tmp_path / "number.png"
    cv2.imwrite(str(num), number_image([digits[i] for i in (0, 1, 2)], gap=25))
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((50, 50), 255, np.uint8))
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a jpeg")
    text = "".join(str(labels[i]) for i in (0, 1, 2))
    return num, blank, bad, text


def test_predict_json_contract(images, tmp_path):
    num, blank, bad, text = images
    out = run("predict", str(num), str(blank), str(bad), str(tmp_path / "gone.png"), "--json")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["status"] for r in lines] == ["ok", "no_digit", "error", "error"]
    first = lines[0]
    assert first["file"] == str(num) and first["text"] == text and first["error"] is None
    d = first["digits"][0]
    assert set(d) >= {"digit", "confidence", "box", "probabilities"} and len(d["probabilities"]) == 10
    assert len(d["box"]) == 4 and 0 <= d["confidence"] <= 1
    assert lines[2]["error"] and lines[2]["digits"] == [] and lines[2]["text"] == ""


def test_predict_plain_text(images):
    num, blank, _, text = images
    out = run("predict", str(num), str(blank))
    assert out.returncode == 0
    assert f": {text}" in out.stdout.splitlines()[0] and "no digit" in out.stdout.splitlines()[1]


def test_bad_arguments_exit_2():
    assert run("predict").returncode == 2
    assert run("train", "--epochs", "many").returncode == 2
    assert run("frobnicate").returncode == 2


def test_bad_model_is_one_line_not_a_traceback(images, tmp_path):
    num, *_ = images
    fake = tmp_path / "fake.pt"
    fake.write_bytes(b"nope")
    out = run("predict", str(num), "--model", str(fake))
    assert out.returncode == 1 and "Traceback" not in out.stderr and "fake.pt" in out.stderr


def test_evaluate_json(subset_dir):
    out = run("evaluate", "--data", str(subset_dir), "--json")
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["accuracy"] > 0.98 and len(res["per_class"]) == 10 and len(res["confusion"]) == 10
    assert sum(map(sum, res["confusion"])) == res["samples"] == 1000


def test_evaluate_without_data_is_a_clear_message():
    out = run("evaluate")
    assert out.returncode == 1 and "MNIST" in out.stderr and "Traceback" not in out.stderr


def test_train_json_lines_and_saved_model(subset_dir, tmp_path):
    dest = tmp_path / "m.pt"
    out = run("train", "--preset", "fast", "--epochs", "1", "--data", str(subset_dir), "--out", str(dest), "--json")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    steps = [x for x in lines if "loss" in x]
    epochs = [x for x in lines if "test_acc" in x and "epoch" in x and "loss" not in x]
    assert steps and {"step", "epoch", "loss", "samples_per_s", "elapsed_s"} <= steps[0].keys()
    assert len(epochs) == 1 and epochs[0]["test_acc"] > 0.5
    assert dest.is_file() and lines[-1]["out"] == str(dest)
    pred = run("predict", str(tmp_path / "none.png"), "--model", str(dest), "--json")
    assert json.loads(pred.stdout)["status"] == "error"


def test_train_can_start_from_a_model_and_with_pen_style_digits(subset_dir, tmp_path):
    import torch

    from mnist_desktop import models, paths

    dest = tmp_path / "tuned.pt"
    out = run("train", "--init", str(paths.shipped_model()), "--epochs", "1", "--lr", "0.005", "--pen", "0.5",
              "--limit", "500", "--data", str(subset_dir), "--out", str(dest), "--json")
    assert out.returncode == 0, out.stderr
    done = json.loads(out.stdout.splitlines()[-1])
    # Starting from the shipped weights, 500 images at a gentle rate keep it a good reader.
    assert done["test_acc"] > 0.97
    meta = torch.load(dest, weights_only=True)["meta"]
    assert meta["arch"] == models.SHIPPED_ARCH and meta["config"]["pen"] == 0.5 and "init" in meta
    wrong = run("train", "--init", str(paths.shipped_model()), "--arch", "quicknet", "--data", str(subset_dir))
    assert wrong.returncode == 1 and "mnistnet" in wrong.stderr
    bad = run("train", "--pen", "2", "--data", str(subset_dir), "--out", str(tmp_path / "x.pt"))
    assert bad.returncode == 1 and "pen" in bad.stderr


def test_train_refuses_to_overwrite_the_shipped_model(subset_dir):
    from mnist_desktop import paths

    out = run("train", "--data", str(subset_dir), "--out", str(paths.shipped_model()))
    assert out.returncode == 1 and "never overwritten" in out.stderr


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("mnist-desktop ")


def test_recognition_imports_neither_qt_nor_torchvision(images):
    num, *_ = images
    code = ("import sys; from mnist_desktop.reading.recognizer import Recognizer; "
            f"r = Recognizer.load(); r.read({str(num)!r}); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'torchvision')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_module_outside_gui_imports_qt():
    """Every module outside gui/ is imported in a fresh interpreter (pytest-qt has Qt
    loaded here already), and Qt must not be loaded after any of them."""
    import pkgutil

    import mnist_desktop

    names = sorted(m.name for m in pkgutil.walk_packages(mnist_desktop.__path__, "mnist_desktop.")
                   if not m.name.startswith("mnist_desktop.gui") and m.name != "mnist_desktop.__main__")
    assert {"mnist_desktop.cli", "mnist_desktop.commands", "mnist_desktop.learning.record",
            "mnist_desktop.reading.recognizer", "mnist_desktop.learning.training"} <= set(names)
    code = ("import importlib, sys\n"
            "for name in sys.argv[1:]:\n"
            "    importlib.import_module(name)\n"
            "    qt = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
            "    if qt:\n"
            "        sys.exit(f'{name} imported {qt[:3]}')\n")
    out = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr


def test_command_line_is_recorded_quoted():
    from mnist_desktop.learning import record

    assert record.command_line(["train", "--out", "a b.pt"]) == "mnist-desktop train --out 'a b.pt'"


def test_help_and_version_do_not_load_torch():
    code = ("import sys; from mnist_desktop.cli import build_parser; build_parser(); "
            "sys.exit(1 if 'torch' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
    out = run("train", "--arch", "resnet999", "--data", "nowhere")
    assert out.returncode == 1 and "unknown architecture" in out.stderr


def test_the_window_starts_without_waiting_for_torch():
    # torch takes seconds to import; the window must show first (the recognition
    # thread loads it afterwards).
    code = ("import sys; import mnist_desktop.gui.app, mnist_desktop.gui.main_window; "
            "sys.exit(1 if 'torch' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_logging_is_configured_once_at_the_level_of_the_command():
    # The window logs its jobs at INFO; commands print their own output and log problems only.
    code = ("import logging, sys, mnist_desktop.cli as cli; "
            "cli._gui = lambda image: print(logging.getLogger().getEffectiveLevel()) or 0; "
            "cli.main(sys.argv[1:])")
    levels = [subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                             timeout=60).stdout.strip() for args in (["gui"], ["-v", "gui"])]
    assert levels == [str(logging.INFO), str(logging.DEBUG)]


def test_nothing_imports_upward():
    """Only cli imports commands and the GUI; gui/ and commands never import cli; and
    checkpoint (which reading loads models through) needs nothing from reading."""
    import ast
    from pathlib import Path

    import mnist_desktop

    root = Path(mnist_desktop.__file__).parent

    def imports(path):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        return found

    for path in root.rglob("*.py"):
        name = path.relative_to(root).as_posix()
        if name in ("cli.py", "__main__.py"):
            continue
        got = imports(path)
        assert "mnist_desktop.cli" not in got, f"{name} imports cli"
        if name not in ("commands.py", "commands_lab.py"):     # the lab's commands build on commands
            assert "mnist_desktop.commands" not in got, f"{name} imports commands"
    assert not any(m.startswith("mnist_desktop.reading") for m in imports(root / "checkpoint.py"))


def test_train_with_styles_and_a_hold_out_calibrates_its_confidence(subset_dir, tmp_path):
    import torch

    from mnist_desktop.reading.recognizer import Recognizer

    dest = tmp_path / "cal.pt"
    out = run("train", "--preset", "fast", "--styles", "0.3", "--holdout", "300", "--limit", "1500",
              "--data", str(subset_dir), "--out", str(dest), "--json")
    assert out.returncode == 0, out.stderr
    meta = torch.load(dest, weights_only=True)["meta"]
    cal = meta["calibration"]
    assert meta["config"]["styles"] == 0.3 and meta["train_samples"] == 1200
    assert cal["temperature"] > 0 and 0 < cal["unsure_below"] < 1 and cal["ece_after"] <= cal["ece_before"] + 0.01
    # 300 kept aside, as they are, pen-drawn and restyled (less the few drawings that never came out).
    assert 880 <= cal["right"] + cal["errors"] <= 900 and cal["right_flagged"] <= 0.03 * cal["right"]
    rec = Recognizer.load(dest)
    assert (rec.calibration.temperature, rec.calibration.unsure_below) == (cal["temperature"], cal["unsure_below"])
    bad = run("train", "--preset", "fast", "--holdout", "5000", "--limit", "100", "--data", str(subset_dir),
              "--out", str(tmp_path / "x.pt"))
    assert bad.returncode == 1 and "aside" in bad.stderr and "Traceback" not in bad.stderr


def test_output_piped_into_a_reader_that_went_away_ends_quietly(images):
    # `mnist-desktop samples list | head -2` printed a BrokenPipeError traceback.
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)                                   # the reader is gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "mnist_desktop", "predict", str(images[0])],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300)
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert done.returncode == 141


def test_a_broken_pipe_that_is_not_stdout_is_an_error_said(monkeypatch, capsys):
    from mnist_desktop import cli, commands

    def broken(args, argv):
        raise BrokenPipeError(32, "Broken pipe (the download's connection)")

    monkeypatch.setattr(commands, "evaluate", broken)
    assert cli.main(["evaluate"]) == 1
    assert "the download's connection" in capsys.readouterr().err
