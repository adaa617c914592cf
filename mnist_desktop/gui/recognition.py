"""Recognition off the GUI thread: a QObject living in its own QThread.

The window stays responsive while the model loads (and, for a checkpoint without
an ONNX twin, is exported once with torch) and while each image is read. Requests
carry increasing ids; the worker skips any request that a newer one has replaced,
so fast drawing never builds a queue. Each request also carries the caller's token
(what was read: a canvas revision, an image's identity); the reading comes back
with it, so the caller can drop one that no longer matches what is on screen.

Across threads the signals carry only ids, numbers and strings. Images and
results wait in a locked mailbox: PySide6 signals carrying Python objects between
threads crashed under fast drawing ("deallocating None", a refcount error).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, Signal, Slot

from mnist_desktop.gui.error_text import error_text

log = logging.getLogger(__name__)


class _Mailbox:
    """The newest request's (image, strokes), and results by request id, behind one lock."""

    def __init__(self):
        self._lock = threading.Lock()
        self.request: tuple[int, object] | None = None
        self.results: dict[int, tuple[object, float]] = {}
        self.meta: dict = {}

    def put_request(self, request: int, image) -> None:
        with self._lock:
            self.request = (request, image)

    def take_request(self, request: int):
        with self._lock:
            if self.request is None or self.request[0] != request:
                return None                       # superseded by a newer one
            image, self.request = self.request[1], None
            return image

    def put_result(self, request: int, result, ms: float) -> None:
        with self._lock:
            self.results[request] = (result, ms)

    def take_result(self, request: int):
        with self._lock:
            found = self.results.pop(request, None)
            # Older results are stale; a newer one may already be waiting for its own
            # ready signal and must stay.
            for stale in [r for r in self.results if r < request]:
                del self.results[stale]
            return found


@dataclass
class Reading:
    """One finished read, on the GUI thread: what came out and what it was read from."""

    result: object                  # reading.recognizer.NumberResult
    ms: float
    token: object                   # the caller's identity of what was read
    thumbnails: dict = field(default_factory=dict)   # id(step picture) -> QImage


def _thumbnails(result) -> dict:
    """Step pictures shrunk for the strip here, off the GUI thread (QImage is thread-safe)."""
    from mnist_desktop.gui.qimage import array_to_qimage
    from mnist_desktop.gui.widgets.pixel_view import thumbnail
    from mnist_desktop.gui.widgets.steps_strip import THUMB_SIDE

    steps = list(result.steps) + [s for d in result.digits for s in d.steps]
    return {id(picture): thumbnail(array_to_qimage(picture), THUMB_SIDE) for _, picture in steps}


class RecognitionWorker(QObject):
    ready = Signal(int)                     # request id (result in the mailbox)
    failed = Signal(int, str)               # request id, message for the user
    modelLoaded = Signal(str)               # path (card in mailbox.meta)
    modelFailed = Signal(str, str)          # path, message
    modelPreparing = Signal(str)            # path: its ONNX twin is being made (seconds)
    modelFallback = Signal(str, str)        # the active model's path, why the shipped one reads

    def __init__(self, mailbox: _Mailbox):
        super().__init__()
        self.mailbox = mailbox
        self._recognizer = None

    @Slot(str)
    def load_model(self, path: str) -> None:
        """'' = the active model (or the shipped one in its stead, with modelFallback).

        Nothing raised here may escape the thread: every failure becomes modelFailed,
        and the old model (if any) stays.
        """
        try:
            from mnist_desktop.reading.onnx_model import ModelError
            from mnist_desktop.reading.recognizer import Recognizer

            rec = Recognizer.load(path or None, on_export=lambda: self.modelPreparing.emit(path))
        except ModelError as exc:
            self.modelFailed.emit(path, error_text(exc))
            return
        except Exception as exc:  # a broken install or a bug must not kill the thread
            log.exception("cannot load the model %r", path)
            self.modelFailed.emit(path, f"{type(exc).__name__}: {exc}")
            return
        self._recognizer = rec
        self.mailbox.meta = dict(rec.meta)
        if rec.fallback:
            bad, why = rec.fallback
            self.modelFallback.emit(bad, error_text(why))
        self.modelLoaded.emit(rec.path)

    @Slot(int)
    def recognize(self, request: int) -> None:
        taken = self.mailbox.take_request(request)
        if taken is None:
            return
        image, strokes = taken
        if self._recognizer is None:
            return
        from mnist_desktop.reading.imageio import ImageError

        start = time.perf_counter()
        try:
            result = self._recognizer.read(image, strokes)
        except ImageError as exc:
            # translate() is thread-safe; the message arrives as the plain str signals carry.
            self.failed.emit(request, error_text(exc))
            return
        except Exception as exc:  # never a traceback dialog for one bad image
            log.exception("recognition failed")
            self.failed.emit(request, f"{type(exc).__name__}: {exc}")
            return
        ms = (time.perf_counter() - start) * 1000
        self.mailbox.put_result(request, (result, _thumbnails(result)), ms)
        self.ready.emit(request)


class RecognitionService(QObject):
    """Owns the worker thread; the GUI talks to this object only."""

    ready = Signal(object)                  # Reading (latest request only; GUI thread)
    failed = Signal(str, object)            # message, token of the request that failed
    modelLoaded = Signal(str, dict)
    modelFailed = Signal(str, str)
    modelPreparing = Signal(str)
    modelFallback = Signal(str, str)
    _request = Signal(int)
    _load = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._mailbox = _Mailbox()
        self._thread = QThread()
        self._thread.setObjectName("recognition")
        self._worker = RecognitionWorker(self._mailbox)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.recognize)
        self._load.connect(self._worker.load_model)
        self._worker.ready.connect(self._on_ready)
        self._worker.failed.connect(self._on_failed)
        self._worker.modelLoaded.connect(self._on_loaded)
        self._worker.modelFailed.connect(self.modelFailed)
        self._worker.modelPreparing.connect(self.modelPreparing)
        self._worker.modelFallback.connect(self.modelFallback)
        self._thread.finished.connect(self._worker.deleteLater)
        self._next = 0
        self._token = None                  # the caller's token for request self._next
        self._pending = False
        self.model_path = ""
        self.meta: dict = {}
        self._thread.start()

    @property
    def has_model(self) -> bool:
        return bool(self.meta)

    def load_model(self, path: str = "") -> None:
        self._load.emit(path)

    @property
    def pending(self) -> bool:
        """A read was asked for and its reading has not come back (nor been cancelled)."""
        return self._pending

    def recognize(self, image, token=None, strokes=None) -> int:
        """Read `image` (a drawing's `strokes` with it); `ready` brings back a Reading carrying `token`."""
        self._next += 1
        self._token, self._pending = token, True
        self._mailbox.put_request(self._next, (image, strokes))
        if self.has_model:
            self._request.emit(self._next)
        return self._next

    def cancel(self) -> None:
        """Nothing asked for so far is wanted any more: its reading will be dropped."""
        self._next += 1
        self._token, self._pending = None, False
        self._mailbox.put_request(self._next, None)

    def _on_loaded(self, path: str) -> None:
        self.model_path, self.meta = path, dict(self._mailbox.meta)
        self.modelLoaded.emit(path, self.meta)
        # The newest image asked for before the model was ready is still in the mailbox.
        self._request.emit(self._next)

    def _on_ready(self, request: int) -> None:
        found = self._mailbox.take_result(request)
        if request == self._next and found is not None:
            (result, thumbnails), ms = found
            self._pending = False
            self.ready.emit(Reading(result, ms, self._token, thumbnails))

    def _on_failed(self, request: int, message: str) -> None:
        if request == self._next and message:
            self._pending = False
            self.failed.emit(message, self._token)

    def shutdown(self) -> None:
        self._thread.quit()
        self._thread.wait()
