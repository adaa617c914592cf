"""The user's corrected samples: a SQLite store, zip export/import. No Qt here.

Each sample keeps the 28x28 input the model saw (what fine-tuning trains on), the
original crop as PNG (for the eye), where it came from and what the model said.
Every write is one transaction in WAL mode, so killing the app mid-save leaves
the store as it was before or after, never half-written. A file that is not our
database, is locked, or comes from a newer version raises StoreError and is left
untouched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from mnist_desktop import paths
from mnist_desktop.errors import UserError

SCHEMA_VERSION = 1
# Where a sample came from: drawn, read from an image (the window), a file (older
# stores), added with the CLI, or imported from a zip that did not say.
SOURCES = ("canvas", "image", "file", "cli", "import")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS samples (
    id INTEGER PRIMARY KEY,
    label INTEGER NOT NULL CHECK (label BETWEEN 0 AND 9),
    input BLOB NOT NULL,              -- 28x28 uint8, ink = 255: what the model saw
    crop_png BLOB,                    -- the original crop, PNG
    source TEXT NOT NULL,             -- canvas, file, import, cli
    predicted INTEGER,                -- the model's answer at the time
    confidence REAL,
    created TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE       -- sha1 of input + label: duplicates are skipped
)
"""


class StoreError(UserError, RuntimeError):
    """The sample store cannot be used; str() says why, for the user."""


@dataclass
class Sample:
    id: int | None
    label: int
    input: np.ndarray                 # (28, 28) uint8
    crop_png: bytes | None = None
    source: str = "canvas"
    predicted: int | None = None
    confidence: float | None = None
    created: str = ""

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.input.tobytes() + bytes([self.label])).hexdigest()

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "source": self.source, "predicted": self.predicted,
                "confidence": self.confidence, "created": self.created}


def from_input(image: np.ndarray, label: int, **kw) -> Sample:
    """A Sample from a model input (float 0..1 or uint8, 28x28)."""
    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        arr = np.clip(arr * 255.0 + 0.5, 0, 255).astype(np.uint8)
    if arr.shape != (28, 28):
        raise ValueError(f"a sample is a 28x28 image, got {arr.shape}")
    if not 0 <= int(label) <= 9:
        raise ValueError(f"a label is a digit 0-9, got {label!r}")
    return Sample(id=None, label=int(label), input=arr, **kw)


def encode_png(image: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("could not encode PNG")
    return buf.tobytes()


class SampleStore:
    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else paths.samples_db()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise StoreError(_why(self.path, exc)) from None
        except StoreError:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        try:
            self._db.close()
        except Exception:
            pass

    def _migrate(self) -> None:
        """Check the file is ours (only reading it), then switch on WAL and create or
        upgrade the tables: a foreign or damaged file is never written to."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = 0
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path.name} is an SQLite database, but not this app's sample store; "
                             "it was left untouched")
        if "meta" in tables:
            row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            try:
                version = int(row[0]) if row else 0
            except (TypeError, ValueError):
                raise StoreError(f"{self.path.name} is damaged (its schema version is {str(row[0])[:20]!r}); "
                                 "it was left untouched and personal samples are off") from None
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path.name} was written by a newer version of the app "
                                 f"(schema {version}); it was left untouched")
            if version == SCHEMA_VERSION:
                self._check_rows()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        if version == SCHEMA_VERSION:
            return
        with self._tx():
            # Statement by statement: executescript() would commit our transaction early.
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _check_rows(self) -> None:
        """Refuse a store whose rows would break its readers later (a 1-byte `input`
        cannot be a 28x28 image; a label 12 has no place in the counts): once, at open."""
        bad = self._db.execute(
            "SELECT id FROM samples WHERE typeof(input) != 'blob' OR length(input) != 784"
            " OR typeof(label) != 'integer' OR label NOT BETWEEN 0 AND 9"
            " OR (predicted IS NOT NULL AND (typeof(predicted) != 'integer' OR predicted NOT BETWEEN 0 AND 9))"
            " OR (confidence IS NOT NULL AND typeof(confidence) NOT IN ('real', 'integer'))"
            " OR (crop_png IS NOT NULL AND typeof(crop_png) != 'blob')"
            " OR typeof(source) != 'text' OR typeof(created) != 'text' LIMIT 1").fetchone()
        if bad:
            raise StoreError(f"{self.path.name} is damaged (sample #{bad[0]} is not a stored digit); "
                             "it was left untouched and personal samples are off")

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _tx(self):
        store = self

        class _Tx:
            def __enter__(self):
                store._db.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type, exc, tb):
                store._db.execute("ROLLBACK" if exc_type else "COMMIT")

        return _Tx()

    def _run(self, fn):
        try:
            return fn()
        except sqlite3.DatabaseError as exc:
            raise StoreError(_why(self.path, exc)) from None

    # -- writing ---------------------------------------------------------------------
    def add(self, samples: list[Sample]) -> list[int]:
        """Store samples in one transaction; returns their ids (None for duplicates)."""
        def go():
            ids = []
            with self._tx():
                for s in samples:
                    cur = self._db.execute(
                        "INSERT INTO samples (label, input, crop_png, source, predicted, confidence,"
                        " created, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(digest) DO NOTHING",
                        (s.label, s.input.tobytes(), s.crop_png, s.source, s.predicted, s.confidence,
                         s.created or _now(), s.digest))
                    ids.append(cur.lastrowid if cur.rowcount else None)
            return ids
        return self._run(go)

    def delete(self, ids: list[int]) -> list[Sample]:
        """Remove samples; returns them so the caller can undo with restore()."""
        def go():
            with self._tx():
                gone = self._select(f"WHERE id IN ({','.join('?' * len(ids))})", ids) if ids else []
                self._db.executemany("DELETE FROM samples WHERE id = ?", [(i,) for i in ids])
            return gone
        return self._run(go)

    def restore(self, samples: list[Sample]) -> None:
        """Put deleted samples back with their ids."""
        def go():
            with self._tx():
                for s in samples:
                    self._db.execute(
                        "INSERT INTO samples (id, label, input, crop_png, source, predicted, confidence,"
                        " created, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        (s.id, s.label, s.input.tobytes(), s.crop_png, s.source, s.predicted, s.confidence,
                         s.created, s.digest))
        self._run(go)

    def relabel(self, sample_id: int, label: int) -> int:
        """Change a label; returns the old one."""
        if not 0 <= int(label) <= 9:
            raise ValueError("a label is a digit 0-9")

        def go():
            with self._tx():
                row = self._db.execute("SELECT label, input FROM samples WHERE id = ?", (sample_id,)).fetchone()
                if row is None:
                    raise StoreError(f"sample {sample_id} does not exist")
                digest = hashlib.sha1(row[1] + bytes([int(label)])).hexdigest()
                self._db.execute("UPDATE OR REPLACE samples SET label = ?, digest = ? WHERE id = ?",
                                 (int(label), digest, sample_id))
            return int(row[0])
        return self._run(go)

    def clear(self) -> int:
        def go():
            with self._tx():
                return self._db.execute("DELETE FROM samples").rowcount
        return self._run(go)

    # -- reading ---------------------------------------------------------------------
    def _select(self, where: str = "", args=()) -> list[Sample]:
        rows = self._db.execute(
            "SELECT id, label, input, crop_png, source, predicted, confidence, created FROM samples "
            f"{where} ORDER BY id", args).fetchall()
        try:
            return [Sample(id=r[0], label=r[1], input=np.frombuffer(r[2], np.uint8).reshape(28, 28).copy(),
                           crop_png=r[3], source=r[4], predicted=r[5], confidence=r[6], created=r[7]) for r in rows]
        except (TypeError, ValueError):       # changed by another program since it was opened
            raise StoreError(f"{self.path.name} is damaged (a sample is not a 28x28 image); "
                             "personal samples are off") from None

    def all(self) -> list[Sample]:
        return self._run(self._select)

    def counts(self) -> list[int]:
        def go():
            out = [0] * 10
            for label, n in self._db.execute("SELECT label, COUNT(*) FROM samples GROUP BY label"):
                out[label] = n
            return out
        return self._run(go)

    def __len__(self) -> int:
        return sum(self.counts())

    # -- exchange ---------------------------------------------------------------------
    def export_zip(self, dest: str | os.PathLike) -> int:
        """PNG files and labels.csv, readable without the app. Written atomically
        through a new temporary file (samples_zip); the store itself is refused."""
        from mnist_desktop.samples_zip import export_zip

        return export_zip(self.all(), dest, self.path)

    def import_zip(self, src: str | os.PathLike) -> tuple[int, int]:
        """Add the samples of an exported zip; returns (added, skipped as duplicates).

        The whole zip is checked first (samples_zip): a bad one adds nothing.
        """
        from mnist_desktop.samples_zip import read_export

        ids = self.add(read_export(src))
        added = sum(i is not None for i in ids)
        return added, len(ids) - added


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _why(path: Path, exc: Exception) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"{path.name} is locked by another program; personal samples are off until it is free"
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return f"{path.name} is damaged or not a database; it was left untouched and personal samples are off"
    return f"{path.name} cannot be used ({exc}); personal samples are off"


class LabelCountError(ValueError):
    """Typed labels and digits found differ in number (`typed`, `found` say how)."""

    def __init__(self, message: str, typed: int, found: int):
        super().__init__(message)
        self.typed, self.found = typed, found


def pair_digits(text: str, count: int) -> list[int]:
    """Labels typed for `count` digit boxes, left to right.

    Raises ValueError with an explanation when the text is not digits or the counts
    differ: a mismatch is explained, never guessed.
    """
    typed = "".join(text.split())
    if not typed:
        raise ValueError("type the digits you wrote")
    if not typed.isdigit() or not typed.isascii():
        raise ValueError(f"{text!r} is not a number: type only the digits 0-9")
    if len(typed) != count:
        raise LabelCountError(f"you typed {len(typed)} digit{'s' if len(typed) != 1 else ''} but "
                              f"{count} {'were' if count != 1 else 'was'} found in the image; "
                              "correct the drawing or type one digit per box", len(typed), count)
    return [int(c) for c in typed]


CROP_SIDE = 512          # the longest side a stored crop keeps (pixels)


def samples_from_reading(digits, labels: list[int], image, source: str) -> list[Sample]:
    """Samples for recognised digits (recognizer.DigitResult) given their true labels.

    `image` is what was read (path or array); each sample keeps the crop of its box.
    """
    from mnist_desktop.reading.imageio import load_any

    gray = load_any(image)
    out = []
    for d, label in zip(digits, labels):
        x, y, w, h = d.box
        crop = gray[max(0, y):y + h, max(0, x):x + w]
        if max(crop.shape[:2], default=0) > CROP_SIDE:
            # A digit from a large photo: kept small enough that an export imports back
            # (samples_zip refuses crops over 4096 px or 1 MB); the model input is 28x28 anyway.
            f = CROP_SIDE / max(crop.shape[:2])
            crop = cv2.resize(crop, (max(1, round(crop.shape[1] * f)), max(1, round(crop.shape[0] * f))),
                              interpolation=cv2.INTER_AREA)
        out.append(from_input(d.input, label, crop_png=encode_png(crop) if crop.size else None, source=source,
                              predicted=d.digit, confidence=d.confidence))
    return out
