"""MNIST through torchvision: find it, download it, or take it from a folder.

Images stay uint8 tensors (N, 28, 28) in memory; training normalises and augments
whole batches (see augment.py), so there is no per-sample DataLoader here.
"""

from __future__ import annotations

import functools
import gzip
import logging
import os
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import Callable

import torch

from mnist_desktop import paths
from mnist_desktop.errors import DataError

log = logging.getLogger(__name__)

FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
ENV_VAR = "MNIST_DESKTOP_DATA"


def _find_file(folder: Path, name: str) -> Path | None:
    for sub in ("", "MNIST/raw", "raw"):
        for suffix in ("", ".gz"):
            candidate = folder / sub / (name + suffix)
            if candidate.is_file():
                return candidate
    return None


def locate(folder: str | os.PathLike) -> dict[str, Path] | None:
    """The four MNIST files in `folder` (flat or torchvision layout, .gz or not)."""
    folder = Path(folder)
    found = {name: _find_file(folder, name) for name in FILES}
    return found if all(found.values()) else None  # type: ignore[return-value]


def _raw_ready(root: Path) -> bool:
    return all((root / "MNIST" / "raw" / name).is_file() for name in FILES)


def import_folder(folder: str | os.PathLike, root: Path | None = None) -> Path:
    """Copy (and un-gzip) MNIST from `folder` into `root` in torchvision's layout."""
    found = locate(folder)
    if found is None:
        missing = ", ".join(n for n in FILES if _find_file(Path(folder), n) is None)
        raise DataError(f"{folder} does not hold the MNIST files (missing: {missing})", "not_mnist",
                        folder=str(folder), missing=missing)
    root = Path(root or paths.mnist_root())
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, src in found.items():
        dest = raw / name
        # A unique temporary name first, so an interrupted copy never looks complete and
        # two imports at once (two training runs started together) never share one file.
        fd, tmp_name = tempfile.mkstemp(prefix=name + ".", suffix=".part", dir=raw)
        tmp = Path(tmp_name)
        opener = gzip.open if src.suffix == ".gz" else open
        try:
            with os.fdopen(fd, "wb") as fout, opener(src, "rb") as fin:   # (fd closed whatever fails)
                shutil.copyfileobj(fin, fout, 1 << 20)
            os.chmod(tmp, 0o644)           # as a plain copy would be, not mkstemp's owner-only
        except (OSError, EOFError, zlib.error) as exc:
            tmp.unlink(missing_ok=True)
            raise DataError(f"{src} is unreadable: {exc}", "file_unreadable", name=str(src), detail=str(exc)) from exc
        os.replace(tmp, dest)
    (root / "MNIST" / "source.txt").write_text(str(Path(folder).resolve()), "utf-8")
    load.cache_clear()
    return root


def download(root: Path | None = None, progress: Callable[[int, int, str], None] | None = None) -> Path:
    """Fetch MNIST with torchvision's own mirrors and checksums, file by file."""
    from urllib.error import URLError

    MNIST = _mnist_class()
    from torchvision.datasets.utils import download_and_extract_archive

    root = Path(root or paths.mnist_root())
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for i, (filename, md5) in enumerate(MNIST.resources):
        if progress:
            progress(i, len(MNIST.resources), filename)
        if (raw / filename.removesuffix(".gz")).is_file():
            continue
        errors = []
        for mirror in MNIST.mirrors:
            try:
                download_and_extract_archive(mirror + filename, str(raw), filename=filename, md5=md5)
                break
            except (RuntimeError, URLError, OSError) as exc:
                errors.append((mirror, exc))
        else:
            # One sentence that says what to do; each mirror's own error goes to the log.
            for mirror, exc in errors:
                log.warning("downloading %s from %s failed: %s", filename, mirror, exc)
            why = _why(errors[-1][1]) if errors else "no mirror is known"
            raise DataError(f"Could not download MNIST ({why}; mirrors tried: {len(errors)}). Check the internet "
                            "connection, or use a folder that holds the four MNIST files.",
                            "download_failed", why=why, mirrors=len(errors))
    if progress:
        progress(len(MNIST.resources), len(MNIST.resources), "")
    load.cache_clear()
    return root


def resolve(folder: str | os.PathLike | None = None) -> Path:
    """A torchvision root holding MNIST, importing `folder` (or $MNIST_DESKTOP_DATA) if needed."""
    folder = folder or os.environ.get(ENV_VAR)
    if folder:
        folder = Path(folder).expanduser()
        if _raw_ready(folder):
            return folder
        if not folder.is_dir():
            raise DataError(f"MNIST folder {folder} does not exist", "no_folder", folder=str(folder))
        if _raw_ready(paths.mnist_root()) and _imported_from(paths.mnist_root()) == str(folder.resolve()):
            return paths.mnist_root()
        return import_folder(folder)
    if _raw_ready(paths.mnist_root()):
        return paths.mnist_root()
    raise DataError(
        "MNIST is not in the data folder "
        f"({paths.mnist_root()}). Download it, or point to a folder with the four "
        "MNIST files (--data DIR or MNIST_DESKTOP_DATA).", "not_here", root=str(paths.mnist_root())
    )


def _why(exc: Exception) -> str:
    """The short reason of a failed download: "Connection refused", not urllib's wrapping."""
    reason = getattr(exc, "reason", None) or exc
    return (reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)) or type(exc).__name__


def _mnist_class():
    """torchvision's MNIST; the recognition-only bundle leaves torchvision out."""
    try:
        from torchvision.datasets import MNIST
    except ImportError:
        raise DataError("Loading MNIST needs torchvision, which this build of the app does not "
                        "include (pip install torchvision, or install mnist-desktop with pip).",
                        "no_torchvision") from None
    return MNIST


def _imported_from(root: Path) -> str | None:
    """The folder `root`'s copy was imported from, so a repeated --data costs nothing."""
    try:
        return (root / "MNIST" / "source.txt").read_text("utf-8")
    except OSError:
        return None


def available(folder: str | os.PathLike | None = None) -> bool:
    try:
        resolve(folder)
    except DataError:
        return False
    return True


@functools.lru_cache(maxsize=4)
def load(root: Path, train: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """(images uint8 N×28×28, labels int64 N) of one split."""
    MNIST = _mnist_class()
    try:
        ds = MNIST(str(root), train=train, download=False)
    except (RuntimeError, ValueError, OSError, AssertionError) as exc:
        raise DataError(f"MNIST in {root} is unreadable: {exc}", "unreadable", root=str(root), detail=str(exc)) from exc
    images, labels = ds.data, ds.targets.long()
    if images.ndim != 3 or images.shape[1:] != (28, 28) or len(images) != len(labels):
        raise DataError(f"MNIST in {root} has an unexpected shape {tuple(images.shape)}", "bad_shape",
                        root=str(root), shape=str(tuple(images.shape)))
    return images, labels


def load_split(train: bool, folder: str | os.PathLike | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    return load(resolve(folder), train)
