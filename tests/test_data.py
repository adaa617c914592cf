import gzip
import shutil

import pytest

from mnist_desktop.learning import data
from mnist_desktop import paths


def test_flat_gz_folder_is_imported_into_torchvision_layout(subset_dir):
    images, labels = data.load_split(False, subset_dir)
    assert tuple(images.shape) == (1000, 28, 28) and len(labels) == 1000
    raw = paths.mnist_root() / "MNIST" / "raw"
    assert sorted(p.name for p in raw.iterdir() if not p.name.startswith(".")) == sorted(data.FILES)
    # Afterwards the app finds it on its own, with no folder given.
    assert data.available()


def test_uncompressed_torchvision_layout_is_used_in_place(subset_dir, tmp_path):
    raw = tmp_path / "copy" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in data.FILES:
        with gzip.open(subset_dir / f"{name}.gz") as src, open(raw / name, "wb") as dst:
            shutil.copyfileobj(src, dst)
    assert data.resolve(tmp_path / "copy") == tmp_path / "copy"
    images, _ = data.load_split(True, tmp_path / "copy")
    assert len(images) == 3000


def test_env_var_names_the_folder(subset_dir, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(subset_dir))
    assert len(data.load_split(True)[0]) == 3000


def test_missing_data_says_what_to_do(tmp_path):
    with pytest.raises(data.DataError, match="Download it"):
        data.resolve()
    (tmp_path / "empty").mkdir()
    with pytest.raises(data.DataError, match="missing: train-images"):
        data.resolve(tmp_path / "empty")
    with pytest.raises(data.DataError, match="does not exist"):
        data.resolve(tmp_path / "nowhere")


def test_corrupt_files_are_a_data_error(subset_dir, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(subset_dir, bad)
    (bad / "t10k-images-idx3-ubyte.gz").write_bytes(b"not gzip at all")
    with pytest.raises(data.DataError, match="unreadable"):
        data.load_split(False, bad)
    good_gzip = tmp_path / "bad2"
    shutil.copytree(subset_dir, good_gzip)
    with gzip.open(good_gzip / "t10k-images-idx3-ubyte.gz", "wb") as fh:
        fh.write(b"\x00\x00\x08\x03garbage")
    with pytest.raises(data.DataError):
        data.load_split(False, good_gzip)


def test_a_damaged_gzip_is_a_data_error_and_leaves_no_partial_file(subset_dir, tmp_path):
    # A .gz whose compressed bytes are damaged raised zlib.error straight through
    # (a traceback in the CLI, "error" in the window) and left its temporary file behind.
    bad = tmp_path / "bad"
    shutil.copytree(subset_dir, bad)
    data_gz = bad / "train-images-idx3-ubyte.gz"
    raw = bytearray(data_gz.read_bytes())
    raw[1000:1064] = bytes(64)                     # inside the deflate stream: zlib.error
    data_gz.write_bytes(bytes(raw))
    root = tmp_path / "root"
    with pytest.raises(data.DataError, match="unreadable"):
        data.import_folder(bad, root)
    assert not [p.name for p in (root / "MNIST" / "raw").iterdir() if p.name.endswith(".part")]

def test_download_reports_a_clear_error_when_offline(monkeypatch, tmp_path):
    from torchvision.datasets import MNIST

    monkeypatch.setattr(MNIST, "mirrors", ["http://127.0.0.1:9/"])
    seen = []
    with pytest.raises(data.DataError, match="Could not download") as caught:
        data.download(tmp_path / "dl", progress=lambda i, n, name: seen.append((i, n)))
    assert seen and seen[0] == (0, 4)
    # One sentence with the reason and what to do, not urllib's "<urlopen error [Errno 111] ...>"
    # once per mirror.
    text = str(caught.value)
    assert "Connection refused" in text and "use a folder" in text
    assert "urlopen" not in text and "\n" not in text and caught.value.reason == "download_failed"


def test_two_imports_at_once_both_succeed(subset_dir, tmp_path, monkeypatch):
    # Two training runs started together both copy MNIST into the same folder: the
    # second copy runs while the first is half-way through its first file. With one shared
    # temporary name the second renamed the first's file away and the first run died.
    root = tmp_path / "root"
    copy = shutil.copyfileobj
    nested = []

    def copy_then_let_another_import_run(fin, fout, length=0):
        copy(fin, fout, length)
        if not nested:
            nested.append(True)
            data.import_folder(subset_dir, root)

    monkeypatch.setattr(data.shutil, "copyfileobj", copy_then_let_another_import_run)
    data.import_folder(subset_dir, root)
    raw = root / "MNIST" / "raw"
    assert sorted(p.name for p in raw.iterdir()) == sorted(data.FILES)
    images, labels = data.load_split(False, root)
    assert len(images) == len(labels) == 1000
