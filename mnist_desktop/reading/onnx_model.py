"""The network as ONNX, run by OpenCV's dnn module: reading without PyTorch.

Every checkpoint (.pt) the app saves has an ONNX twin beside it (same name, .onnx)
that records the checkpoint's sha256 and its card. Reading opens the twin; a
checkpoint without one (older files, someone else's) is exported once, with torch,
into the cache folder under its sha256 (`export` below), and read from there.

Importing torch costs seconds and hundreds of MB; cv2 is loaded anyway for the
image work, and runs a 210k-parameter network as fast as torch does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import cv2
import numpy as np

from mnist_desktop import paths
from mnist_desktop.errors import ModelError

log = logging.getLogger(__name__)

SUFFIX = paths.ONNX_SUFFIX
OPSET = 17
META_KEY = "mnist_desktop.meta"            # the checkpoint's meta dict, as JSON
SOURCE_KEY = "mnist_desktop.checkpoint_sha256"
MAX_BYTES = 64 << 20                       # our largest model is under 2 MB
OUTPUTS = (10, 11)                         # ten digits, and optionally "several digits"


@dataclass
class Network:
    """An ONNX model that takes (N, 1, 28, 28) float images and gives (N, outputs) logits."""

    net: cv2.dnn.Net
    meta: dict
    outputs: int
    file: str                              # the .onnx it was read from

    def forward(self, images: np.ndarray) -> np.ndarray:
        """(N, 28, 28) float in [0, 1] -> (N, outputs) logits, all N in one pass."""
        self.net.setInput(np.ascontiguousarray(images, np.float32)[:, None])
        return self.net.forward()


def twin_of(checkpoint) -> Path:
    """Where a checkpoint's ONNX twin lives: beside it, same stem. `checkpoint` may be
    an importlib Traversable (the shipped model)."""
    return checkpoint.parent / (Path(checkpoint.name).stem + SUFFIX)


def cache_file(sha256: str) -> Path:
    return paths.cache_dir() / "onnx" / f"{sha256}{SUFFIX}"


def file_sha256(path) -> str:
    """sha256 of a file (a path or a Traversable), read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# -- ONNX metadata without the onnx package ------------------------------------------------
# The reader needs two strings from the file; the onnx package (protobuf and a C++
# extension) would add import time and bundle weight for that alone. An ONNX file is one
# protobuf ModelProto: metadata_props is its field 14, entries of key (1) and value (2).

def _varint(data: memoryview, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if i >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, i
        shift += 7


def _fields(data: memoryview):
    """(field number, wire type, value) of one protobuf message."""
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(data, i)
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, i = data[i:i + size], i + size
        elif wire == 2:
            size, i = _varint(data, i)
            value, i = data[i:i + size], i + size
        else:
            raise ValueError(f"unknown wire type {wire}")
        if i > len(data) or field == 0:
            raise ValueError("truncated message")
        yield field, wire, value


def _sub(message: memoryview, *path: int) -> list[memoryview]:
    """The length-delimited fields at `path` (field numbers, one per nesting level)."""
    found = [message]
    for number in path:
        found = [v for m in found for f, w, v in _fields(m) if f == number and w == 2]
    return found


def inspect(data: bytes) -> tuple[dict[str, str], list[int | str]]:
    """(metadata_props, dimensions of the first graph input: ints, or names for free ones)
    of an ONNX file; ValueError if it is not a protobuf with a graph."""
    model = memoryview(data)
    if not _sub(model, 7):                  # ModelProto.graph
        raise ValueError("no graph")
    props = {}
    for entry in _sub(model, 14):           # ModelProto.metadata_props: key 1, value 2
        kv = {f: bytes(v).decode("utf-8", "replace") for f, w, v in _fields(entry) if w == 2}
        props[kv.get(1, "")] = kv.get(2, "")
    dims: list[int | str] = []
    inputs = _sub(model, 7, 11)             # GraphProto.input
    # ValueInfoProto.type -> TypeProto.tensor_type -> .shape -> TensorShapeProto.dim
    for dim in (_sub(inputs[0], 2, 1, 2, 1) if inputs else []):
        fields = {f: v for f, w, v in _fields(dim)}       # dim_value 1, or dim_param 2
        dims.append(fields[1] if 1 in fields else bytes(fields.get(2, b"?")).decode("utf-8", "replace"))
    return props, dims


def weights_finite(data: bytes) -> bool:
    """Whether every float weight stored in the graph (its initializers) is a number.

    A probe of blank images does not show a NaN weight: ReLU and max-pooling can
    swallow it, and the reading is then "no digit" for every image."""
    for tensor in _sub(memoryview(data), 7, 5):           # GraphProto.initializer
        fields = [(f, w, v) for f, w, v in _fields(tensor)]
        if not any(f == 2 and w == 0 and v == 1 for f, w, v in fields):      # data_type FLOAT
            continue
        for f, w, v in fields:
            # raw_data (9), or float_data (4) packed; both are little-endian float32
            if f in (4, 9) and w == 2 and len(v) % 4 == 0 and not np.isfinite(np.frombuffer(v, "<f4")).all():
                return False
    return True


def metadata(data: bytes) -> dict[str, str]:
    """The metadata_props of an ONNX file; ValueError if it is not one."""
    return inspect(data)[0]


# -- opening ------------------------------------------------------------------------------

def _read(path, name: str) -> bytes:
    try:
        if not path.is_file():
            raise ModelError(f"{name} is not a regular file", "not_regular", name=name)
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise ModelError(f"{name} cannot be read ({why})", "unreadable", name=name, detail=why) from None
    if len(data) > MAX_BYTES:
        raise ModelError(f"{name} is over {MAX_BYTES >> 20} MB, far larger than a digit model", "too_large",
                         name=name, mb=MAX_BYTES >> 20)
    return data


def _card(data: bytes, name: str) -> tuple[dict, str]:
    """(meta, checkpoint sha256) recorded in an ONNX file, or ModelError."""
    try:
        props, dims = inspect(data)
    except (ValueError, IndexError):
        raise ModelError(f"{name} is not an ONNX model (damaged or another kind of file)", "not_onnx",
                         name=name) from None
    # OpenCV runs a net on whatever it is given, so the declared input is checked here.
    if len(dims) != 4 or dims[1:] != [1, 28, 28]:
        shape = " x ".join(str(d) for d in dims) or "none"
        raise ModelError(f"{name} takes input of shape {shape}, not batches of 28x28 gray images")
    try:
        meta = json.loads(props[META_KEY])
    except (KeyError, ValueError):
        raise ModelError(f"{name} is an ONNX model but not one of this app's (no mnist_desktop card)", "onnx_not_ours",
                         name=name) from None
    if not isinstance(meta, dict):
        raise ModelError(f"{name} has a malformed card")
    return meta, props.get(SOURCE_KEY, "")


def open_bytes(data: bytes, name: str, meta: dict) -> Network:
    """Build the network and check it reads a batch of 28x28 images into 10 or 11 outputs."""
    level = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)   # its error goes in our message
    try:
        net = cv2.dnn.readNetFromONNX(np.frombuffer(data, np.uint8))
    except cv2.error:
        raise ModelError(f"{name} is damaged: OpenCV cannot build a network from it", "onnx_damaged",
                         name=name) from None
    finally:
        cv2.utils.logging.setLogLevel(level)
    try:
        finite = weights_finite(data)
    except ValueError:
        finite = True                       # unparsable: OpenCV built it; the probe below decides
    if not finite:
        raise ModelError(f"{name} is damaged: some weights are not numbers (NaN or infinite)")
    probe = np.zeros((2, 28, 28), np.float32)
    network = Network(net=net, meta=meta, outputs=0, file=name)
    try:
        out = network.forward(probe)
    except cv2.error:
        raise ModelError(f"{name} does not take 28x28 gray images in batches") from None
    if out.ndim != 2 or out.shape[0] != 2 or out.shape[1] not in OUTPUTS:
        raise ModelError(f"{name} gives outputs of shape {tuple(out.shape[1:])} per image; "
                         f"a digit model gives 10 or 11")
    if not np.isfinite(out).all():
        raise ModelError(f"{name} computes non-finite numbers (damaged weights)")
    network.outputs = int(out.shape[1])
    return network


def open_file(path, name: str | None = None) -> tuple[Network, str]:
    """An ONNX file of this app: (network, sha256 of the checkpoint it was made from)."""
    name = name or path.name
    data = _read(path, name)
    meta, source = _card(data, name)
    return open_bytes(data, name, meta), source


Exporter = Callable[[object, Path], None]   # (checkpoint, destination .onnx) -> None


def load(checkpoint, export: Exporter | None = None, on_export: Callable[[], None] | None = None) -> Network:
    """The network of `checkpoint` (a path or a Traversable), read from its ONNX twin.

    Without a matching twin, the one in the cache; without that, `export` makes it
    there (after `on_export()`, so a window can say why it waits). Raises ModelError.
    """
    name = getattr(checkpoint, "name", str(checkpoint))
    if isinstance(checkpoint, (str, os.PathLike)):
        checkpoint = Path(checkpoint)
    if name.endswith(SUFFIX):          # read as a checkpoint, it was "not a PyTorch archive"
        raise ModelError(f"{name} is the ONNX twin of a model; give the model's .pt file instead", "twin_given",
                         name=name)
    try:
        if not checkpoint.is_file():
            if not checkpoint.exists():
                raise ModelError(f"{name}: no such file", "missing", name=name)
            raise ModelError(f"{name} is not a regular file", "not_regular", name=name)
        sha = file_sha256(checkpoint)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise ModelError(f"{name} cannot be read ({why})", "unreadable", name=name, detail=why) from None
    twin = twin_of(checkpoint)
    if twin.is_file():
        data = _read(twin, twin.name)
        try:
            meta, source = _card(data, twin.name)
        except ModelError as exc:
            raise ModelError(f"{exc} (it is the ONNX twin of {name})", "bad_twin", name=name,
                             cause=exc.detached()) from None
        if source == sha:
            return open_bytes(data, twin.name, meta)
        # The checkpoint was replaced after its twin was written: not this model's.
        log.info("%s was made from another checkpoint than %s; using the cache", twin, name)
    cached = cache_file(sha)
    if cached.is_file():
        try:
            network, source = open_file(cached)
            if source == sha:
                return network
        except ModelError as exc:
            log.warning("rebuilding the cached %s: %s", cached, exc)
        cached.unlink(missing_ok=True)
    if export is None:
        raise ModelError(f"{name} has no ONNX twin ({twin.name}) to read with", "no_twin", name=name, twin=twin.name)
    if on_export is not None:
        on_export()
    export(checkpoint, cached)
    network, source = open_file(cached)
    return network
