"""A checkpoint's ONNX twin, made with torch (reading it needs only OpenCV: reading/onnx_model).

torch 2.9+ defaults to the torch.export-based exporter, which needs onnxscript; the
TorchScript exporter (dynamo=False) needs only `onnx` and handles these plain
Sequential networks, folding each BatchNorm into its conv.
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import torch

from mnist_desktop import models, paths
from mnist_desktop.reading import onnx_model


def to_onnx(state: dict, meta: dict, source_sha256: str) -> bytes:
    """ONNX bytes for the network `state` (a state_dict of meta["arch"]), any batch size,
    with the card and the checkpoint's sha256 in its metadata_props."""
    import onnx

    model = models.build(meta["arch"], models.outputs_of(state))
    model.load_state_dict(state, strict=True)
    models.use_normalization(model, meta.get("normalization"))
    model.eval()
    buf = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():
        # The TorchScript exporter announces its deprecation on every call.
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (torch.zeros(1, 1, 28, 28),), buf, dynamo=False, opset_version=onnx_model.OPSET,
                          input_names=["image"], output_names=["logits"],
                          dynamic_axes={"image": {0: "n"}, "logits": {0: "n"}}, do_constant_folding=True)
    proto = onnx.load_from_string(buf.getvalue())
    onnx.helper.set_model_props(proto, {onnx_model.META_KEY: json.dumps(meta, ensure_ascii=False, default=str),
                                        onnx_model.SOURCE_KEY: source_sha256})
    onnx.checker.check_model(proto)
    return proto.SerializeToString()


def write_twin(checkpoint: Path, state: dict, meta: dict, dest: Path | None = None) -> Path:
    """Write the ONNX twin of the checkpoint saved at `checkpoint` (beside it, or at `dest`),
    as a checkpoint is written (paths.write_atomically)."""
    dest = Path(dest) if dest is not None else onnx_model.twin_of(Path(checkpoint))
    data = to_onnx(state, meta, onnx_model.file_sha256(checkpoint))
    return paths.write_atomically(dest, lambda fh: fh.write(data), onnx_model.SUFFIX)


def export_checkpoint(checkpoint, dest: Path) -> None:
    """onnx_model.Exporter: a twin for a checkpoint that has none (older or foreign files)."""
    from mnist_desktop import checkpoint as ckpt

    loaded = ckpt.load(checkpoint)
    write_twin(checkpoint, models.cpu_state(loaded.model), loaded.meta, dest)
