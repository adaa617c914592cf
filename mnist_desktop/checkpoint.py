"""Checkpoints: {"state_dict", "meta"}, written atomically, read with weights_only.

weights_only=True makes torch refuse any pickle that would build arbitrary
objects, so a malicious file raises instead of running code.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from mnist_desktop import models, paths
from mnist_desktop.reading.onnx_model import SUFFIX as ONNX_SUFFIX
from mnist_desktop.reading.onnx_model import ModelError

FORMAT = "mnist_desktop/1"
log = logging.getLogger(__name__)


class CheckpointError(ModelError):
    """Not a checkpoint this app can use; str() says why, in one sentence."""


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
    """torch.save to a temporary file beside `path`, then rename: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pt", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a model file is as readable as any other.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            torch.save(obj, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load(path, map_location: str | torch.device = "cpu") -> Checkpoint:
    """Load and validate; raises CheckpointError with a reason for anything unusable.

    `path` may be a filesystem path or an importlib Traversable (the shipped model).
    """
    name = getattr(path, "name", str(path))
    try:
        opener = open if isinstance(path, (str, os.PathLike)) else type(path).open
        with opener(path, "rb") as fh, warnings.catch_warnings():
            # A foreign file may warn about its pickle protocol before being refused.
            warnings.simplefilter("ignore", UserWarning)
            data = torch.load(fh, map_location=map_location, weights_only=True)
    except FileNotFoundError:
        raise CheckpointError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise CheckpointError(f"{name} is a folder, not a model file") from None
    except pickle.UnpicklingError as exc:
        # weights_only refused something: either not ours, or a pickle that runs code.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "unsafe content"
        raise CheckpointError(f"{name} was refused: it contains objects other than weights ({first[:200]})") from None
    except (RuntimeError, EOFError, OSError, ValueError, zipfile.BadZipFile, AttributeError, TypeError) as exc:
        raise CheckpointError(f"{name} is not a readable model file ({type(exc).__name__})") from None
    if not isinstance(data, dict) or "state_dict" not in data or "meta" not in data:
        raise CheckpointError(f"{name} is a PyTorch file but not an mnist_desktop model (no state_dict/meta)")
    meta, state = data["meta"], data["state_dict"]
    if not isinstance(meta, dict) or not isinstance(state, dict):
        raise CheckpointError(f"{name} has a malformed state_dict or meta")
    arch = meta.get("arch")
    if arch not in models.ARCHS:
        raise CheckpointError(f"{name} uses an unknown architecture {arch!r}")
    try:
        model = models.build(arch, meta.get("outputs", models.DIGITS))
    except (ValueError, TypeError) as exc:
        raise CheckpointError(f"{name}: {exc}") from None
    try:
        model.load_state_dict(state, strict=True)
    except (RuntimeError, TypeError, KeyError) as exc:
        detail = str(exc).strip().splitlines()[0][:200]
        raise CheckpointError(f"{name}: the weights do not fit {arch} ({detail})") from None
    model.eval()
    return Checkpoint(model=model, meta=meta, path=str(path))
