"""Recognition off the GUI thread: a QObject living in its own QThread.

The window stays responsive while torch imports (seconds) and while each image
is read. Requests carry increasing ids; the worker skips any request that a newer
one has replaced, so fast drawing never builds a queue.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class RecognitionWorker(QObject):
    ready = Signal(int, object, float)      # request id, NumberResult, milliseconds
    failed = Signal(int, str)               # request id, message for the user
    modelLoaded = Signal(str, dict)         # path, card (meta)
    modelFailed = Signal(str, str)          # path, message

    def __init__(self):
        super().__init__()
        self.latest = 0                     # set from the GUI thread; an int store is atomic
        self._recognizer = None

    @Slot(str)
    def load_model(self, path: str) -> None:
        """'' = the active model (or the shipped one)."""
        try:
            from mnist_desktop.checkpoint import CheckpointError
            from mnist_desktop.recognizer import Recognizer
        except Exception as exc:  # a broken torch install must not kill the window
            log.exception("cannot import the recognizer")
            self.modelFailed.emit(path, str(exc))
            return
        try:
            rec = Recognizer.load(path or None)
        except CheckpointError as exc:
            self.modelFailed.emit(path, str(exc))
            return
        self._recognizer = rec
        self.modelLoaded.emit(str(rec.checkpoint.path), dict(rec.meta))

    @Slot(int, object)
    def recognize(self, request: int, image) -> None:
        if request < self.latest:
            return  # superseded while waiting
        if self._recognizer is None:
            self.failed.emit(request, "")
            return
        from mnist_desktop.imageio import ImageError

        start = time.perf_counter()
        try:
            result = self._recognizer.read(image)
        except ImageError as exc:
            self.failed.emit(request, str(exc))
            return
        except Exception as exc:  # never a traceback dialog for one bad image
            log.exception("recognition failed")
            self.failed.emit(request, f"{type(exc).__name__}: {exc}")
            return
        self.ready.emit(request, result, (time.perf_counter() - start) * 1000)


class RecognitionService(QObject):
    """Owns the worker thread; the GUI talks to this object only."""

    ready = Signal(object, float)           # NumberResult, ms (latest request only)
    failed = Signal(str)
    modelLoaded = Signal(str, dict)
    modelFailed = Signal(str, str)
    _request = Signal(int, object)
    _load = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("recognition")
        self._worker = RecognitionWorker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.recognize)
        self._load.connect(self._worker.load_model)
        self._worker.ready.connect(self._on_ready)
        self._worker.failed.connect(self._on_failed)
        self._worker.modelLoaded.connect(self._on_loaded)
        self._worker.modelFailed.connect(self.modelFailed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._next = 0
        self._pending = None                # the newest image asked for before the model was ready
        self.model_path = ""
        self.meta: dict = {}
        self._thread.start()

    @property
    def has_model(self) -> bool:
        return bool(self.meta)

    def load_model(self, path: str = "") -> None:
        self._load.emit(path)

    def recognize(self, image) -> int:
        self._next += 1
        self._worker.latest = self._next
        if not self.has_model:
            self._pending = (self._next, image)
            return self._next
        self._request.emit(self._next, image)
        return self._next

    def _on_loaded(self, path: str, meta: dict) -> None:
        self.model_path, self.meta = path, meta
        self.modelLoaded.emit(path, meta)
        if self._pending is not None:
            request, image = self._pending
            self._pending = None
            if request == self._next:
                self._request.emit(request, image)

    def _on_ready(self, request: int, result, ms: float) -> None:
        if request == self._next:
            self.ready.emit(result, ms)

    def _on_failed(self, request: int, message: str) -> None:
        if request == self._next and message:
            self.failed.emit(message)

    def shutdown(self) -> None:
        self._thread.quit()
        self._thread.wait()
