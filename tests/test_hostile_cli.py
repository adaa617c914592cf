"""Hostile command lines (issue 16): refused before any work, and work never lost."""

import errno
import json
import os
import time

import pytest

from hostile import has_traceback, run_cli, run_here
from mnist_desktop import checkpoint, cli, paths

FAST = ["train", "--preset", "fast", "--limit", "64", "--json"]


@pytest.fixture
def train(subset_dir, capsys):
    def go(*extra):
        rc = cli.main([*FAST, "--data", str(subset_dir), *map(str, extra)])
        out, err = capsys.readouterr()
        return rc, out, err
    return go


def test_a_bad_out_is_refused_before_training(train, tmp_path):
    # Before: the whole run trained, then saving failed with a traceback: the model was lost.
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    for out, why in ((tmp_path, "is a folder"), (a_file / "m.pt", "cannot be written"),
                     ("/proc/mnist-desktop-test/m.pt", "cannot be written")):
        rc, stdout, err = train("--out", out)
        assert rc == 1 and why in err and str(out) in err, err
        assert '"step"' not in stdout                    # nothing trained
    assert list(tmp_path.iterdir()) == [a_file]           # no probe file left behind


def test_when_saving_fails_after_training_the_model_goes_to_the_models_folder(train, tmp_path, monkeypatch):
    dest = tmp_path / "m.pt"
    real = checkpoint.write_atomically

    def disk_full(path, obj):
        if os.path.abspath(path) == str(dest):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, obj)

    monkeypatch.setattr(checkpoint, "write_atomically", disk_full)
    rc, stdout, err = train("--out", dest)
    saved = list(paths.models_dir().glob("*.pt"))
    assert rc == 0 and len(saved) == 1, err
    assert f"could not save to {dest} (No space left on device); saved to {saved[0]} instead" in err
    assert checkpoint.load(saved[0]).meta["arch"] == "quicknet"


def test_stale_half_written_models_are_removed_at_start(capsys):
    # Before: kill -9 during a save left .tmp-*.pt files in the models folder for ever.
    folder = paths.models_dir()
    folder.mkdir(parents=True)
    old, fresh, model = folder / ".tmp-abc123.pt", folder / ".tmp-def456.pt", folder / "mine.pt"
    for path in (old, fresh, model):
        path.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    os.utime(model, (two_hours_ago, two_hours_ago))
    assert cli.main(["samples", "list"]) == 0
    assert not old.exists() and fresh.exists() and model.exists()


def test_a_fifo_as_model_image_or_zip_is_refused_not_waited_on(tmp_path, capfd):
    # Before: open() on a named pipe blocked for ever (nobody writes to it).
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = run_here(capfd, "predict", fifo, "--json")
    assert out.returncode == 0 and "not a regular file" in json.loads(out.stdout)["error"]
    out = run_cli("predict", fifo, "--model", fifo, timeout=60)
    assert out.returncode == 1 and "pipe is not a regular file" in out.stderr and not has_traceback(out.stderr)
    out = run_here(capfd, "samples", "import", fifo)
    assert out.returncode == 1 and "not a regular file" in out.stderr and not has_traceback(out.stderr)


@pytest.mark.parametrize("limit", ["0", "-5"])
def test_a_limit_below_one_is_refused(subset_dir, tmp_path, capsys, limit):
    # Before: --limit 0 and --limit -5 trained on every image (0 is falsy; [:-5] drops five).
    rc = cli.main(["train", "--preset", "fast", "--data", str(subset_dir), "--limit", limit,
                   "--out", str(tmp_path / "m.pt"), "--json"])
    out, err = capsys.readouterr()
    assert rc == 1 and f"--limit must be at least 1 (got {limit})" in err and '"step"' not in out


def test_an_onnx_twin_given_as_the_model_says_to_give_its_checkpoint(capfd, tmp_path):
    # It was read as a checkpoint: "preparing the model…", then "not a PyTorch archive".
    blank = tmp_path / "blank.png"
    blank.write_bytes(b"")
    out = run_here(capfd, "predict", blank, "--model", paths.shipped_model().with_suffix(".onnx"))
    assert out.returncode == 1 and not has_traceback(out.stderr)
    assert "mnist_desktop.onnx is the ONNX twin of a model; give the model's .pt file instead" in out.stderr
    assert "preparing" not in out.stderr and "archive" not in out.stderr


def test_csv_gives_every_file_its_row_even_one_it_could_not_read(capfd, tmp_path):
    # Failed and blank files had no row: the rows no longer matched the files.
    import csv
    import io

    import cv2
    import numpy as np

    empty, blank, digits = tmp_path / "empty.png", tmp_path / "blank.png", tmp_path / "digits.png"
    empty.write_bytes(b"")
    cv2.imwrite(str(blank), np.full((50, 50), 255, np.uint8))
    drawn = np.full((120, 200), 255, np.uint8)
    cv2.putText(drawn, "47", (30, 95), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 12)
    cv2.imwrite(str(digits), drawn)
    out = run_here(capfd, "predict", empty, digits, blank, "--csv")
    assert out.returncode == 0
    assert list(csv.reader(io.StringIO(out.stdout))) == [[str(empty)], [str(digits), "47"], [str(blank)]]
    assert "empty.png is empty (0 bytes)" in out.stderr and "blank.png: no digit found" in out.stderr


def test_a_multi_page_tiff_says_only_its_first_page_is_read(capfd, tmp_path):
    import cv2
    import numpy as np

    pages = []
    for text in ("1", "2", "3"):
        page = np.full((120, 120), 255, np.uint8)
        cv2.putText(page, text, (30, 95), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 12)
        pages.append(page)
    tiff = tmp_path / "scan.tif"
    assert cv2.imwritemulti(str(tiff), pages)
    out = run_here(capfd, "predict", tiff)
    assert out.returncode == 0 and "scan.tif: 1  (1:" in out.stdout
    assert "scan.tif: 3 pages (or frames); only the first is read" in out.stderr   # it was silent


def test_model_reset_with_a_folder_where_the_record_goes_says_so(capfd):
    # IsADirectoryError's traceback, before.
    (paths.data_home() / "active_model.json").mkdir(parents=True)
    out = run_here(capfd, "model", "reset")
    assert out.returncode == 1 and not has_traceback(out.stderr)
    assert "active_model.json cannot be removed" in out.stderr and "move it away" in out.stderr
