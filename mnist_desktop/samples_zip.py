"""Samples in and out of a zip: PNG files plus labels.csv, readable without the app.

An export is written to a fresh temporary file beside the destination, then renamed.

An import is read and checked whole before anything is stored. Member sizes and
counts are limited before a byte is inflated (a zip bomb is refused, not unpacked),
every sample must be a 28x28 PNG, every crop a PNG of sensible size, every field
well-formed; otherwise StoreError says why and nothing is added.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import struct
import zipfile
import zlib
from pathlib import Path

import cv2
import numpy as np

from mnist_desktop import paths
from mnist_desktop.samples import SOURCES, Sample, StoreError, encode_png, from_input

MAX_SAMPLES = 100_000                 # rows in labels.csv
MAX_MEMBERS = 2 * MAX_SAMPLES + 1     # a sample and its crop each, plus labels.csv
MAX_CSV_BYTES = 32 * 2**20
MAX_SAMPLE_BYTES = 64 * 2**10         # a 28x28 PNG is under 1 KB
MAX_CROP_BYTES = 2**20                # the app writes gray 8-bit crops, a few KB each
MAX_CROP_SIDE = 4096
MAX_TOTAL_BYTES = 256 * 2**20         # everything read from one zip, inflated (and stored)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class _Refused(Exception):
    """The export breaks a rule; str() is the reason, for the user."""


# What zipfile, zlib and csv raise for a damaged or unusual zip, in words.
_DAMAGE = {
    NotImplementedError: "it uses a compression method this app cannot read",   # a RuntimeError too
    RuntimeError: "a member is encrypted",
    zlib.error: "its compressed data is damaged",
    EOFError: "it is cut short",
    csv.Error: "labels.csv is malformed",
    UnicodeDecodeError: "labels.csv is not UTF-8 text",
}


def export_zip(samples: list[Sample], dest: str | os.PathLike, store_path: Path) -> int:
    """Write `samples` to `dest` through a fresh temporary file beside it (never a
    fixed name a link could be planted on); the live store itself is refused."""
    dest = Path(dest)
    if dest.is_dir():
        raise StoreError(f"{dest.name} is a folder; choose a file name ending in .zip", "export_folder", name=dest.name)
    beside = dest.parent.resolve() == store_path.parent.resolve()
    if _same_file(dest, store_path) or (beside and dest.name.startswith(store_path.name)):
        raise StoreError(f"{dest.name} is the sample store itself; choose another file", "export_store", name=dest.name)
    try:
        fd, tmp = paths.exclusive_temp(dest.parent, prefix=f".{dest.name}.", suffix=".part")
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise StoreError(f"cannot write in {dest.parent} ({why})", "export_folder_locked",
                         folder=str(dest.parent), detail=why) from None
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            table = io.StringIO()
            w = csv.writer(table)
            w.writerow(["file", "label", "source", "predicted", "confidence", "created", "crop"])
            for s in samples:
                name = f"samples/{s.id:06d}_{s.label}.png"
                zf.writestr(name, encode_png(s.input))
                crop = ""
                if s.crop_png:
                    crop = f"crops/{s.id:06d}.png"
                    zf.writestr(crop, s.crop_png)
                w.writerow([name, s.label, s.source, "" if s.predicted is None else s.predicted,
                            "" if s.confidence is None else f"{s.confidence:.4f}", s.created, crop])
            zf.writestr("labels.csv", table.getvalue())
        os.replace(tmp, dest)
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise StoreError(f"{dest.name} could not be written ({why})", "export_failed", name=dest.name,
                         detail=why) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return len(samples)


def read_export(src: str | os.PathLike) -> list[Sample]:
    """The samples of an exported zip, all checked; StoreError names the first problem."""
    name = Path(src).name
    if Path(src).exists() and not Path(src).is_file():
        raise StoreError(f"{name} is not a regular file; nothing was imported", "import_not_regular", name=name)
    try:
        with zipfile.ZipFile(src) as zf:
            return _Reader(zf).samples()
    except _Refused as exc:
        raise StoreError(f"{name} was not imported: {exc}; nothing was added", "import_refused", name=name,
                         why=str(exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise StoreError(f"{name} is not a samples export of this app ({exc}); nothing was added", "import_not_export",
                         name=name, detail=str(exc)) from None
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise StoreError(f"{name} cannot be read ({why}); nothing was added", "import_unreadable",
                         name=name, detail=why) from None
    except tuple(_DAMAGE) as exc:
        why = next(text for kind, text in _DAMAGE.items() if isinstance(exc, kind))
        raise StoreError(f"{name} was not imported: {why}; nothing was added", "import_refused", name=name,
                         why=why) from None


class _Reader:
    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.total = 0
        if len(zf.infolist()) > MAX_MEMBERS:
            raise _Refused(f"it holds {len(zf.infolist())} files (at most {MAX_MEMBERS} are read)")

    def read(self, member: str, limit: int) -> bytes:
        """A member's bytes, never more than `limit` inflated (whatever its header says)."""
        try:
            info = self.zf.getinfo(member)
        except KeyError:
            raise _Refused(f"{member} is listed in labels.csv but missing") from None
        if info.file_size > limit:
            raise _Refused(f"{member} is too large ({info.file_size} bytes; the limit is {limit})")
        with self.zf.open(info) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise _Refused(f"{member} is larger than its header says")
        self.total += len(data)
        if self.total > MAX_TOTAL_BYTES:
            raise _Refused(f"it unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB")
        return data

    def samples(self) -> list[Sample]:
        try:
            text = self.read("labels.csv", MAX_CSV_BYTES).decode("utf-8-sig")
        except _Refused:
            if "labels.csv" not in self.zf.namelist():
                raise _Refused("it has no labels.csv, so it is not a samples export of this app") from None
            raise
        rows = csv.DictReader(io.StringIO(text))
        out = []
        for n, row in enumerate(rows, start=2):       # line 1 is the header
            if n - 1 > MAX_SAMPLES:
                raise _Refused(f"it holds more than {MAX_SAMPLES} samples")
            out.append(self.sample(row, f"labels.csv line {n}"))
        return out

    def sample(self, row: dict, where: str) -> Sample:
        file, label = row.get("file"), (row.get("label") or "").strip()
        if not file:
            raise _Refused(f"{where} names no file")
        if len(label) != 1 or label not in "0123456789":
            raise _Refused(f"{where}: the label {label!r} is not a digit 0-9")
        data = self.read(file, MAX_SAMPLE_BYTES)
        if _png_size(data) != (28, 28):
            raise _Refused(f"{file} is not a 28x28 PNG")
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
        if img is None or img.shape != (28, 28):
            raise _Refused(f"{file} is not a 28x28 PNG")
        crop = None
        if row.get("crop"):
            crop = self.read(row["crop"], MAX_CROP_BYTES)
            size = _png_size(crop)
            # Decoded to be sure it is one (the window shows it), but only once its
            # header promises a modest picture.
            if (size is None or not (1 <= min(size) and max(size) <= MAX_CROP_SIDE)
                    or cv2.imdecode(np.frombuffer(crop, np.uint8), cv2.IMREAD_GRAYSCALE) is None):
                raise _Refused(f"{row['crop']} is not a PNG of at most {MAX_CROP_SIDE} pixels a side")
        # Where it was first made (drawn, from a file, added with the CLI) stays; a source
        # this app never writes is "import".
        source = (row.get("source") or "").strip()
        return from_input(img, int(label), crop_png=crop, source=source if source in SOURCES else "import",
                          predicted=_digit_or_none(row.get("predicted"), where),
                          confidence=_confidence(row.get("confidence"), where),
                          created=_timestamp(row.get("created")))


def _png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR, or None when it is not a PNG."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _digit_or_none(text, where: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if len(text) != 1 or text not in "0123456789":
        raise _Refused(f"{where}: the model's answer {text!r} is not a digit 0-9")
    return int(text)


def _confidence(text, where: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise _Refused(f"{where}: the confidence {text[:20]!r} is not a number from 0 to 1")
    return value


def _timestamp(text) -> str:
    """The export's date when it is one; else now (a date is kept, never trusted as text)."""
    try:
        return dt.datetime.fromisoformat((text or "").strip()[:40]).isoformat(timespec="seconds")
    except ValueError:
        return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
