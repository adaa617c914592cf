import json
import sqlite3
import subprocess
import sys
import zipfile

import cv2
import numpy as np
import pytest

from mnist_desktop import paths
from mnist_desktop.samples import SampleStore, StoreError, encode_png, from_input, pair_digits


def digit_image(value: int) -> np.ndarray:
    img = np.zeros((28, 28), np.uint8)
    cv2.putText(img, str(value), (7, 22), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 255, 2)
    return img


def make(label, source="canvas", predicted=None):
    return from_input(digit_image(label), label, crop_png=encode_png(digit_image(label)), source=source, predicted=predicted,
                      confidence=0.5)


def test_save_list_export_import_round_trip(tmp_path):
    store = SampleStore(tmp_path / "a.sqlite")
    ids = store.add([make(3, predicted=8), make(7), make(7, source="file")])
    assert ids[:2] == [1, 2] and ids[2] is None                 # the same 28x28 and label: stored once
    assert store.counts() == [0, 0, 0, 1, 0, 0, 0, 1, 0, 0]
    first = store.all()[0]
    assert first.label == 3 and first.predicted == 8 and first.input.shape == (28, 28)
    assert store.add([make(3)]) == [None]                       # the same sample twice is stored once

    zip_path = tmp_path / "mine.zip"
    n = store.export_zip(zip_path)
    with zipfile.ZipFile(zip_path) as zf:
        rows = zf.read("labels.csv").decode().splitlines()
        assert rows[0].startswith("file,label") and len(rows) == n + 1
        png = zf.read(rows[1].split(",")[0])                      # readable without the app
        assert cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE).shape == (28, 28)

    other = SampleStore(tmp_path / "b.sqlite")
    assert other.import_zip(zip_path) == (n, 0)
    assert other.import_zip(zip_path) == (0, n)                  # duplicates skipped
    assert sorted(s.label for s in other.all()) == sorted(s.label for s in store.all())
    assert all(np.array_equal(a.input, b.input) for a, b in zip(store.all(), other.all()))
    # Where each was made survives the trip (every one came back as "import").
    assert [s.source for s in other.all()] == [s.source for s in store.all()] == ["canvas", "canvas"]


def test_delete_undo_relabel_clear(tmp_path):
    store = SampleStore(tmp_path / "s.sqlite")
    ids = store.add([make(1), make(2), make(3)])
    gone = store.delete([ids[1]])
    assert [s.label for s in store.all()] == [1, 3]
    store.restore(gone)
    assert [s.label for s in store.all()] == [1, 2, 3]
    assert store.relabel(ids[0], 7) == 1 and store.all()[0].label == 7
    with pytest.raises(ValueError):
        store.relabel(ids[0], 12)
    assert store.clear() == 3 and len(store) == 0


def test_a_corrupt_file_is_reported_and_kept(tmp_path):
    path = tmp_path / "samples.sqlite"
    junk = b"this is not a database" * 100
    path.write_bytes(junk)
    with pytest.raises(StoreError, match="damaged"):
        SampleStore(path)
    assert path.read_bytes() == junk


def test_a_foreign_database_and_a_newer_schema_are_left_alone(tmp_path):
    foreign = tmp_path / "other.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not this app's"):
        SampleStore(foreign)
    newer = tmp_path / "newer.sqlite"
    SampleStore(newer).close()
    con = sqlite3.connect(newer)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = newer.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        SampleStore(newer)
    assert newer.read_bytes() == before


def test_a_locked_store_is_a_clear_error(tmp_path):
    path = tmp_path / "s.sqlite"
    store = SampleStore(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            store.add([make(4)])
    finally:
        other.execute("ROLLBACK")
    assert store.add([make(4)]) != [None]


def test_an_interrupted_save_leaves_nothing_half_written(tmp_path):
    path = tmp_path / "s.sqlite"
    store = SampleStore(path)
    store.add([make(1)])
    bad = make(2)
    bad.label = 42                                    # violates the CHECK: the whole batch rolls back
    with pytest.raises(StoreError):
        store.add([make(5), bad])
    assert [s.label for s in store.all()] == [1]
    # A process killed mid-transaction: nothing of it survives.
    code = (f"import sqlite3, os; c = sqlite3.connect({str(path)!r}, isolation_level=None); "
            "c.execute('BEGIN IMMEDIATE'); c.execute(\"DELETE FROM samples\"); os._exit(9)")
    subprocess.run([sys.executable, "-c", code])
    assert [s.label for s in SampleStore(path).all()] == [1]


def test_importing_something_else_is_a_clear_error(tmp_path):
    store = SampleStore(tmp_path / "s.sqlite")
    bad = tmp_path / "photos.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("cat.jpg", b"meow")
    with pytest.raises(StoreError, match="not a samples export"):
        store.import_zip(bad)
    (tmp_path / "plain.zip").write_bytes(b"no zip")
    with pytest.raises(StoreError):
        store.import_zip(tmp_path / "plain.zip")


def test_typed_numbers_pair_with_boxes_left_to_right():
    assert pair_digits("2026", 4) == [2, 0, 2, 6]
    assert pair_digits(" 7 ", 1) == [7]
    with pytest.raises(ValueError, match="typed 3 digits but 4 were found"):
        pair_digits("202", 4)
    with pytest.raises(ValueError, match="only the digits"):
        pair_digits("2o26", 4)
    with pytest.raises(ValueError, match="only the digits"):
        pair_digits("٢٠", 2)                        # Arabic-Indic digits are not 0-9 here
    with pytest.raises(ValueError):
        pair_digits("", 1)


def run(*args):
    return subprocess.run([sys.executable, "-m", "mnist_desktop", *args], capture_output=True, text=True, timeout=300)


def test_samples_cli(tmp_path, subset_test):
    from helpers import number_image

    images, labels = subset_test
    num = tmp_path / "n.png"
    cv2.imwrite(str(num), number_image([images[0], images[1]], gap=25))
    truth = f"{labels[0]}{labels[1]}"
    out = run("samples", "add", str(num), "--label", truth, "--json")
    assert out.returncode == 0, out.stderr
    line = json.loads(out.stdout)
    assert [s["label"] for s in line["stored"]] == [int(c) for c in truth]
    bad = run("samples", "add", str(num), "--label", "123", "--json")
    assert bad.returncode == 1 and "typed 3 digits but 2" in json.loads(bad.stdout)["error"]
    listed = [json.loads(x) for x in run("samples", "list", "--json").stdout.splitlines()]
    assert [x["label"] for x in listed] == [int(c) for c in truth]
    # The same image again with one new digit: the message tells the new from the old
    # ("stored 7 1 (1 already there)" said both were stored).
    again = tmp_path / "again.png"
    cv2.imwrite(str(again), number_image([images[0], images[2]], gap=25))
    said = run("samples", "add", str(again), "--label", f"{labels[0]}{labels[2]}").stdout
    assert f"stored {labels[2]} ({labels[0]} already there)" in said
    assert "nothing new (" in run("samples", "add", str(again), "--label", f"{labels[0]}{labels[2]}").stdout
    zip_path = tmp_path / "out.zip"
    assert run("samples", "export", str(zip_path)).returncode == 0 and zip_path.is_file()
    # An export never replaces a zip that is there (it may be the only backup) unless told to.
    backup = zip_path.read_bytes()
    kept = run("samples", "export", str(zip_path))
    assert kept.returncode == 1 and "--force" in kept.stderr and zip_path.read_bytes() == backup
    assert run("samples", "export", str(zip_path), "--force").returncode == 0
    refused = run("samples", "clear")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert "deleted 3" in run("samples", "clear", "--yes").stdout
    assert "imported 3" in run("samples", "import", str(zip_path)).stdout
    assert paths.samples_db().is_file()


def test_cli_with_a_corrupt_store_says_so(tmp_path):
    paths.samples_db().parent.mkdir(parents=True, exist_ok=True)
    paths.samples_db().write_bytes(b"garbage" * 50)
    out = run("samples", "list")
    assert out.returncode == 1 and "damaged" in out.stderr and "Traceback" not in out.stderr


def test_a_crop_from_a_large_photo_is_kept_small_enough_to_import_back(tmp_path):
    # A digit 3000 px tall: its crop (a PNG of several MB) made the user's own export
    # refuse to import ("too large; nothing was added").
    from types import SimpleNamespace

    from mnist_desktop.samples import CROP_SIDE, samples_from_reading

    image = np.full((3200, 2400), 255, np.uint8)
    rng = np.random.default_rng(0)
    image[100:3100, 200:2200] = rng.integers(0, 255, (3000, 2000), dtype=np.uint8)
    digit = SimpleNamespace(box=(200, 100, 2000, 3000), input=np.zeros((28, 28), np.uint8), digit=7,
                            confidence=0.9)
    [sample] = samples_from_reading([digit], [7], image, "test")
    crop = cv2.imdecode(np.frombuffer(sample.crop_png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert max(crop.shape) == CROP_SIDE and len(sample.crop_png) < 1_000_000
