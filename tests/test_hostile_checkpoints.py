"""Hostile checkpoints (issue 16): refused before they cost memory, with a plain reason."""

import io
import os
import re
import struct
import zipfile
import zlib

import cv2
import numpy as np
import pytest
import torch

from hostile import has_traceback, peak_mb, run_here
from mnist_desktop import checkpoint, models
from mnist_desktop.learning import record


def good_checkpoint_bytes(**meta) -> bytes:
    """A quicknet checkpoint as torch.save writes it, with `meta` fields overridden."""
    buf = io.BytesIO()
    model = models.build("quicknet")
    torch.save({"state_dict": model.state_dict(), "meta": {**record.make_meta("quicknet"), **meta}}, buf)
    return buf.getvalue()


def zeros_deflated(size: int) -> bytes:
    """Raw deflate of `size` zero bytes in milliseconds: one fully flushed 16 MB block,
    repeated (it refers to nothing before it), then an empty final block."""
    chunk = 16 * 2**20
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = z.compress(b"\0" * chunk) + z.flush(zlib.Z_FULL_FLUSH)
    assert size % chunk == 0
    return block * (size // chunk) + b"\x03\x00"


def bomb_checkpoint(path, claimed=2_600_000_000 // 2**24 * 2**24):
    """A real checkpoint whose first tensor record is swapped for deflated zeros that
    inflate to `claimed` bytes (about 2.6 GB from a 2 MB file)."""
    src = zipfile.ZipFile(io.BytesIO(good_checkpoint_bytes()))
    target = next(i.filename for i in src.infolist() if "/data/" in i.filename and not i.filename.endswith(".pkl"))
    out, central = bytearray(), bytearray()
    for info in src.infolist():
        name = info.filename.encode()
        if info.filename == target:
            data, method, usize, crc = zeros_deflated(claimed), 8, claimed, 0
        else:
            data = src.read(info)
            method, usize, crc = 0, len(data), zlib.crc32(data)
        offset = len(out)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(data), usize, len(name), 0)
        out += name + data
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(data), usize,
                               len(name), 0, 0, 0, 0, 0, offset) + name
    n = len(src.infolist())
    path.write_bytes(bytes(out + central + struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, n, n, len(central), len(out), 0)))
    return path


def test_a_compressed_record_bomb_is_refused_before_torch_reads_it(tmp_path):
    # Before: torch.load inflated the 2.6 GB record, then refused the file.
    path = bomb_checkpoint(tmp_path / "bomb.pt")
    assert path.stat().st_size < 4 * 2**20
    code = ("from mnist_desktop import checkpoint\n"
            f"try: checkpoint.load({str(path)!r})\n"
            "except checkpoint.CheckpointError as exc: print('refused:', exc)")
    peak, out = peak_mb(code)
    # The bound is the largest architecture's weights (a few MB), far below the claim.
    assert re.search(r"bomb.pt holds 2464 MB of data; no model of this app needs more than \d{1,2} MB", out), out
    assert peak < 1200, f"peak {peak:.0f} MB"       # importing torch alone takes ~650 MB


def test_a_legacy_format_file_is_refused(tmp_path):
    path = tmp_path / "old.pt"
    torch.save({"state_dict": models.build("quicknet").state_dict(), "meta": record.make_meta("quicknet")},
               path, _use_new_zipfile_serialization=False)
    with pytest.raises(checkpoint.CheckpointError, match="not a PyTorch archive"):
        checkpoint.load(path)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_non_finite_weights_are_refused(tmp_path, capfd, value):
    # Before: accepted; every read came back "ok" with no digits and evaluate --json printed NaN.
    model = models.build("quicknet")
    with torch.no_grad():
        next(model.parameters())[0].view(-1)[0] = value
    path = checkpoint.save(tmp_path / "nan.pt", model, record.make_meta("quicknet"))
    with pytest.raises(checkpoint.CheckpointError, match="nan.pt is damaged: some weights are not numbers"):
        checkpoint.load(path)
    image = tmp_path / "seven.png"
    cv2.imwrite(str(image), np.full((50, 50), 255, np.uint8))
    out = run_here(capfd, "predict", image, "--model", path, "--json")
    assert out.returncode == 1 and out.stdout == "" and "not numbers" in out.stderr and not has_traceback(out.stderr)


@pytest.mark.parametrize("field, value", [
    ("arch", ["quicknet"]), ("arch", {"a": 1}), ("arch", None), ("outputs", 10.5), ("outputs", True),
    ("test_acc", "99%"), ("test_acc", float("nan")), ("test_acc", 7), ("parameters", "many"),
    ("date", 5), ("command", ["rm"]), ("per_class", ["a"]), ("config", [1]), ("history", "x"),
])
def test_odd_meta_types_are_a_clear_refusal(tmp_path, field, value):
    # Before: `arch` a list was a TypeError traceback; test_acc text or NaN reached the card.
    path = tmp_path / "odd.pt"
    path.write_bytes(good_checkpoint_bytes(**{field: value}))
    with pytest.raises(checkpoint.CheckpointError, match=f"odd.pt has a damaged description: its.*{field}|architecture"):
        checkpoint.load(path)


def test_odd_meta_through_the_cli_is_one_line(tmp_path, capfd):
    path = tmp_path / "odd.pt"
    path.write_bytes(good_checkpoint_bytes(arch=["quicknet"]))
    out = run_here(capfd, "predict", tmp_path / "none.png", "--model", path)
    # One line says why (a line saying the model is being prepared for reading may come first).
    assert out.returncode == 1 and not has_traceback(out.stderr), out.stderr
    assert "architecture is list" in out.stderr.strip().splitlines()[-1]


class _Evil:
    def __reduce__(self):
        return (os.system, ("true",))


def test_refusals_speak_to_the_user_not_to_a_developer(tmp_path):
    # Before: torch's advice to re-run with weights_only=False was quoted, random bytes
    # "contained objects other than weights", a wrong key ended at a bare
    # "Error(s) in loading state_dict for Sequential:".
    evil = tmp_path / "evil.pt"
    torch.save({"state_dict": {}, "meta": {"arch": "quicknet"}, "x": _Evil()}, evil)
    noise = tmp_path / "noise.pt"
    noise.write_bytes(os.urandom(4096))
    state = models.build("quicknet").state_dict()
    first = next(iter(state))
    state["bogus"] = state.pop(first)
    keys = tmp_path / "keys.pt"
    torch.save({"state_dict": state, "meta": record.make_meta("quicknet")}, keys)
    messages = {}
    for path in (evil, noise, keys):
        with pytest.raises(checkpoint.CheckpointError) as info:
            checkpoint.load(path)
        messages[path.name] = str(info.value)
    assert all("weights_only" not in m and "objects other than weights" not in m for m in messages.values())
    assert "asks to run posix.system; nothing in it was run" in messages["evil.pt"]
    assert "not a model file" in messages["noise.pt"]
    assert f"missing {first}; unexpected bogus" in messages["keys.pt"]


def test_saving_never_touches_the_process_umask(tmp_path, monkeypatch):
    # Before: write_atomically called os.umask(0) to read the umask, so another thread
    # creating a file at that moment made it world-writable.
    umask = os.umask(0o022)
    os.umask(umask)

    def forbidden(mask):
        raise AssertionError("os.umask called while saving")

    monkeypatch.setattr(os, "umask", forbidden)
    path = checkpoint.save(tmp_path / "m.pt", models.build("quicknet"), record.make_meta("quicknet"))
    twin = path.with_suffix(".onnx")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask and twin.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.onnx", "m.pt"]      # no temporary left
