"""Where the app keeps its files: one per-user data folder, and the packaged ones."""

from __future__ import annotations

import json
import os
import secrets
from importlib import resources
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

APP_NAME = "mnist-desktop"
SHIPPED_MODEL = "mnist_desktop.pt"


def data_home() -> Path:
    """The user's data folder (XDG_DATA_HOME/mnist-desktop on Linux)."""
    return user_data_path(APP_NAME, appauthor=False)


def mnist_root() -> Path:
    """Folder that holds MNIST in torchvision's layout (MNIST/raw/...)."""
    return data_home() / "data"


def cache_dir() -> Path:
    """Files the app can rebuild (pen-style MNIST); safe to delete."""
    return user_cache_path(APP_NAME, appauthor=False)


def models_dir() -> Path:
    return data_home() / "models"


def samples_db() -> Path:
    return data_home() / "samples.sqlite"


def shipped_model():
    """The packaged model as an importlib Traversable (may live in a zip)."""
    return resources.files("mnist_desktop.trained") / SHIPPED_MODEL


def is_shipped(path) -> bool:
    """Whether `path` is the packaged model, which the app never overwrites."""
    try:
        return Path(path).resolve() == Path(str(shipped_model())).resolve()
    except OSError:
        return False


def new_model_path(prefix: str) -> Path:
    """A fresh file name in the user's models folder, e.g. mnistnet-20261123-221500.pt."""
    import datetime as dt

    return models_dir() / f"{prefix}-{dt.datetime.now():%Y%m%d-%H%M%S}.pt"


TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".pt"    # a model being written (checkpoint.write_atomically)
ONNX_SUFFIX = ".onnx"                          # a checkpoint's twin that reading runs (reading/onnx_model)
TEMP_SUFFIXES = (TEMP_SUFFIX, ONNX_SUFFIX)    # ... and that twin being written (onnx_export)
STALE_AFTER_S = 3600


def remove_stale_temps(folder: Path | None = None) -> int:
    """Delete half-written model files (a save killed before its rename) older than an
    hour from the models folder; a younger one may belong to a save in progress.
    Returns how many went; never raises."""
    import time

    folder = models_dir() if folder is None else Path(folder)
    removed = 0
    try:
        candidates = [p for suffix in TEMP_SUFFIXES for p in folder.glob(f"{TEMP_PREFIX}*{suffix}")]
    except OSError:
        return 0
    for path in candidates:
        try:
            if path.is_file() and not path.is_symlink() and time.time() - path.stat().st_mtime > STALE_AFTER_S:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def write_atomically(path: str | os.PathLike, write, suffix: str = TEMP_SUFFIX) -> Path:
    """`write(file)` into a new temporary file beside `path`, synced, then renamed over
    it: never a half-written model or twin. The O_EXCL temporary name is one that
    remove_stale_temps clears if the process is killed before the rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = exclusive_temp(path.parent, TEMP_PREFIX, suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def exclusive_temp(folder: Path, prefix: str, suffix: str) -> tuple[int, Path]:
    """A new file in `folder` with a random name, opened for writing: (fd, path).

    O_EXCL refuses any name that exists, a planted symlink included. The mode is
    0666 less the umask, applied by the kernel, as for any file the app writes
    (mkstemp's 0600 would need os.umask() to widen, which is process-wide).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        path = Path(folder) / f"{prefix}{secrets.token_hex(6)}{suffix}"
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def active_record() -> Path:
    """Where the choice of the active model is written (JSON: {"path": ...})."""
    return data_home() / "active_model.json"


def active_model() -> Path | None:
    """The model the user chose, or None for the shipped one (also when it vanished)."""
    path = active_model_choice()
    return path if path is not None and path.is_file() else None


def set_active_model(path: Path | None) -> None:
    """Remember `path` as the active model; None reverts to the shipped one."""
    target = active_record()
    if path is None:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps({"path": str(Path(path).resolve())}), "utf-8")
    os.replace(tmp, target)


def active_model_choice() -> Path | None:
    """The model the user chose, whether or not it is still there (None: the shipped one).

    Reading uses this to say so when the chosen file vanished or broke, instead of
    silently reading with another model.
    """
    try:
        return _choice_in(active_record().read_bytes())
    except OSError:
        return None


def _choice_in(record: bytes) -> Path | None:
    """The model a record of the active model names, or None when it names none."""
    try:
        path = json.loads(record.decode("utf-8"))["path"]
    except (ValueError, KeyError, TypeError):
        return None
    return Path(path) if isinstance(path, str) and path else None


def damaged_active_record() -> tuple[Path, str, str] | None:
    """(the file recording the active model, why, detail) when it is there but names no
    model: "bad_record" (cut short, overwritten), "record_folder", or "unreadable" (detail: the
    system's words). The shipped model then reads, and the user should hear why."""
    target = active_record()
    if not target.exists():
        return None
    if target.is_dir():
        return target, "record_folder", ""
    try:
        record = target.read_bytes()
    except OSError as exc:
        return target, "unreadable", exc.strerror or str(exc)
    return (target, "bad_record", "") if _choice_in(record) is None else None
