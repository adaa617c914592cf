"""Training digits prepared once (pen-style, touching) and kept in the cache folder."""

from __future__ import annotations

import hashlib
import logging
from typing import Callable

import torch

from mnist_desktop import checkpoint, paths

log = logging.getLogger(__name__)


def cached(stem: str, source: torch.Tensor, shape: tuple[int, ...], build: Callable[[], torch.Tensor],
           should_stop: Callable[[], bool] | None = None) -> torch.Tensor:
    """build()'s uint8 tensor of `shape`, made from `source`, kept under `stem` and a
    hash of `source`. A damaged file is rebuilt, never fatal; a cancelled build
    (stopped, or short of `shape`) is returned but not kept."""
    key = hashlib.sha1(source.numpy().tobytes()).hexdigest()[:16]
    path = paths.cache_dir() / f"{stem}-{key}.pt"
    try:
        found = torch.load(path, weights_only=True)
        if isinstance(found, torch.Tensor) and tuple(found.shape) == tuple(shape) and found.dtype == torch.uint8:
            return found
    except FileNotFoundError:
        pass
    except Exception as exc:
        log.warning("ignoring damaged cache %s: %s", path, exc)
    out = build()
    if (should_stop and should_stop()) or tuple(out.shape) != tuple(shape):
        return out
    try:
        checkpoint.write_atomically(path, out)
    except OSError as exc:
        log.warning("could not write the cache %s: %s", path, exc)
    return out
