"""Checkpoints: {"state_dict", "meta"}, written atomically, read with weights_only.

weights_only=True makes torch refuse any pickle that would build arbitrary
objects, so a malicious file raises instead of running code.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import pickle
import re
import stat
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from mnist_desktop import models, paths
from mnist_desktop.errors import ModelError
from mnist_desktop.paths import ONNX_SUFFIX

FORMAT = "mnist_desktop/1"
log = logging.getLogger(__name__)


class CheckpointError(ModelError):
    """Not a checkpoint this app can use; str() says why, in one sentence."""


MAX_PICKLE_BYTES = 8 * 2**20     # data.pkl: the meta and the tensors' descriptions
MAX_RECORDS = 1000


@functools.lru_cache(maxsize=1)
def max_weight_bytes() -> int:
    """The most bytes of weights any architecture has (with the extra output), twice
    over so that float64 weights still load: the most a checkpoint's tensors may hold."""
    most = 0
    for arch in models.ARCHS:
        state = models.build(arch, models.DIGITS + 1).state_dict()
        most = max(most, sum(v.numel() * v.element_size() for v in state.values()))
    return 2 * most


def _check_archive(fh, name: str) -> None:
    """Refuse before torch.load what would cost memory out of all proportion: a file
    that is not torch's zip format (the legacy format declares storage sizes freely),
    or records whose inflated sizes exceed what the largest architecture needs (a
    2 MB file of deflated zeros can claim gigabytes)."""
    try:
        with zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise CheckpointError(f"{name} is not a model file (not a PyTorch archive)", "not_archive", name=name) from None
    finally:
        fh.seek(0)
    if len(infos) > MAX_RECORDS:
        raise CheckpointError(f"{name} is not a model file of this app ({len(infos)} records)")
    weights = 0
    for info in infos:
        if info.filename.endswith("data.pkl"):
            if info.file_size > MAX_PICKLE_BYTES:
                raise CheckpointError(f"{name} is not a model file of this app (its description is "
                                      f"{info.file_size / 2**20:.0f} MB)")
        else:
            weights += info.file_size
    if weights > max_weight_bytes() + 2**20:      # + small records: version, byteorder...
        raise CheckpointError(f"{name} holds {weights / 2**20:.0f} MB of data; no model of this app "
                              f"needs more than {max_weight_bytes() / 2**20:.0f} MB")


@dataclass
class Checkpoint:
    model: nn.Module
    meta: dict
    path: str

    @property
    def arch(self) -> str:
        return self.meta["arch"]


def save(path: str | os.PathLike, model: nn.Module, meta: dict) -> Path:
    """Write to a temporary file in the same folder, then rename over `path`; then the
    same for its ONNX twin beside it (path.onnx), which reading uses instead of torch.

    Raises PermissionError for the shipped model: it is never overwritten.
    """
    path = Path(path)
    if paths.is_shipped(path):
        raise PermissionError("the shipped model is never overwritten")
    if path.suffix.lower() == ONNX_SUFFIX:
        raise ValueError(f"{path.name}: a checkpoint cannot end in {ONNX_SUFFIX}, that is its ONNX twin's name")
    state = models.cpu_state(model)
    # Counted from the model itself: an eleven-output model has a few more weights.
    meta = {**meta, "outputs": models.outputs_of(state), "parameters": models.parameter_count(model)}
    write_atomically(path, {"state_dict": state, "meta": meta})
    from mnist_desktop import onnx_export

    try:
        onnx_export.write_twin(path, state, meta)
    except Exception:
        # The checkpoint is safe; reading exports a twin into the cache when it finds none.
        log.exception("could not write the ONNX twin of %s", path)
    return path


def write_atomically(path: str | os.PathLike, obj) -> Path:
    """torch.save to a temporary file beside `path`, then rename: never a half-written file.
    The temporary file is made 0666 less the umask by the kernel (paths.exclusive_temp),
    without os.umask(), which would change it for every thread of the process."""
    return paths.write_atomically(path, lambda fh: torch.save(obj, fh))


def _misfit(model: nn.Module, state: dict, exc: Exception) -> str:
    """Which weights are missing, extra or the wrong shape (torch's message starts with
    a bare "Error(s) in loading state_dict for Sequential:")."""
    def some(keys):
        keys = [str(k) for k in keys]
        return ", ".join(keys[:3]) + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")

    want = model.state_dict()
    missing = [k for k in want if k not in state]
    extra = [k for k in state if k not in want]
    shape = [k for k in want if k in state and getattr(state[k], "shape", None) != want[k].shape]
    parts = ([f"missing {some(missing)}"] if missing else []) + ([f"unexpected {some(extra)}"] if extra else []) \
        + ([f"wrong shape for {some(shape)}"] if shape else [])
    if parts:
        return "; ".join(parts)
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return (lines[-1] if lines else type(exc).__name__)[:200]


def _check_regular(path, name: str) -> None:
    """A pipe or device would be read for ever (a FIFO blocks until someone writes)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return                      # open() below says why (no such file, no permission)
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise CheckpointError(f"{name} is not a regular file (a pipe, device or socket); it was not read",
                              "not_regular", name=name)


# What each meta field may be, as the window and the CLI use them; a field may also be
# absent or None, and fields not named here are kept as they are.
_TEXT = ("format", "date", "torch", "command", "source", "finetuned_from", "init", "device")
_COUNTS = ("outputs", "parameters", "preprocess_version", "train_samples", "threads",
           "personal_train", "personal_held_out")
_SHARES = ("test_acc", "mnist_test_acc_before", "mnist_test_acc_after", "personal_acc_before",
           "personal_acc_after")
_NUMBERS = ("test_loss", "train_s")
_TABLES = ("normalization", "config")
_LISTS = ("per_class", "history")


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _meta_problem(meta: dict) -> str | None:
    """Why `meta` cannot be trusted, or None. Each field is checked for the type its
    readers assume (a list for `arch` was a TypeError deep in the loader)."""
    if not isinstance(meta.get("arch"), str):
        return f"its architecture is {type(meta.get('arch')).__name__}, not a name"
    checks = [(_TEXT, lambda v: isinstance(v, str), "text"),
              (_COUNTS, lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number"),
              (_SHARES, lambda v: _is_number(v) and 0 <= v <= 1, "a number from 0 to 1"),
              (_NUMBERS, _is_number, "a finite number"),
              (_TABLES, lambda v: isinstance(v, dict), "a table"),
              (_LISTS, lambda v: isinstance(v, list), "a list")]
    for keys, ok, what in checks:
        for key in keys:
            if meta.get(key) is not None and not ok(meta[key]):
                return f"its {key!r} is not {what}"
    if not all(_is_number(v) for v in meta.get("per_class") or []):
        return "its 'per_class' holds something other than numbers"
    return None


def load(path, map_location: str | torch.device = "cpu") -> Checkpoint:
    """Load and validate; raises CheckpointError with a reason for anything unusable.

    `path` may be a filesystem path or an importlib Traversable (the shipped model).
    """
    name = getattr(path, "name", str(path))
    if isinstance(path, (str, os.PathLike)):
        _check_regular(path, name)
    try:
        opener = open if isinstance(path, (str, os.PathLike)) else type(path).open
        with opener(path, "rb") as fh, warnings.catch_warnings():
            _check_archive(fh, name)
            # A foreign file may warn about its pickle protocol before being refused.
            warnings.simplefilter("ignore", UserWarning)
            data = torch.load(fh, map_location=map_location, weights_only=True)
    except CheckpointError:
        raise
    except FileNotFoundError:
        raise CheckpointError(f"{name}: no such file", "missing", name=name) from None
    except IsADirectoryError:
        raise CheckpointError(f"{name} is a folder, not a model file", "folder", name=name) from None
    except pickle.UnpicklingError as exc:
        # weights_only refused something: a pickle that would build objects or run code
        # (named, never with torch's advice to load it unsafely), or a broken description.
        wanted = re.search(r"GLOBAL ([\w.]+)", str(exc))
        if wanted:
            raise CheckpointError(f"{name} was refused: besides weights it asks to run {wanted.group(1)}; "
                                  "nothing in it was run", "runs_code", name=name, what=wanted.group(1)) from None
        raise CheckpointError(f"{name} is damaged: its description cannot be read", "damaged", name=name) from None
    except (RuntimeError, EOFError, OSError, ValueError, zipfile.BadZipFile, AttributeError, TypeError) as exc:
        raise CheckpointError(f"{name} is not a readable model file ({type(exc).__name__})", "unreadable",
                              name=name, detail=type(exc).__name__) from None
    if not isinstance(data, dict) or "state_dict" not in data or "meta" not in data:
        raise CheckpointError(f"{name} is a PyTorch file but not an mnist_desktop model (no state_dict/meta)",
                              "not_ours", name=name)
    meta, state = data["meta"], data["state_dict"]
    if not isinstance(meta, dict) or not isinstance(state, dict):
        raise CheckpointError(f"{name} has a malformed state_dict or meta")
    problem = _meta_problem(meta)
    if problem:
        raise CheckpointError(f"{name} has a damaged description: {problem}")
    arch = meta["arch"]
    if arch not in models.ARCHS:
        raise CheckpointError(f"{name} uses an unknown architecture {arch!r}", "unknown_arch", name=name,
                              arch=repr(arch))
    try:
        model = models.build(arch, meta.get("outputs", models.DIGITS))
    except (ValueError, TypeError) as exc:
        raise CheckpointError(f"{name}: {exc}") from None
    try:
        model.load_state_dict(state, strict=True)
    except (RuntimeError, TypeError, KeyError) as exc:
        raise CheckpointError(f"{name}: the weights do not fit {arch} ({_misfit(model, state, exc)})") from None
    models.use_normalization(model, meta.get("normalization"))
    for key, value in model.state_dict().items():
        # NaN or infinite weights make every answer NaN: "no digit" everywhere, NaN in JSON.
        if value.is_floating_point() and not bool(torch.isfinite(value).all()):
            raise CheckpointError(f"{name} is damaged: some weights are not numbers (NaN or infinite, in {key})",
                                  "not_finite", name=name, key=key)
    model.eval()
    return Checkpoint(model=model, meta=meta, path=str(path))
