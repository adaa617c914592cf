"""torch and the training code, imported in a thread the first time the Train tab is shown.

Reading never needs torch (it runs ONNX in OpenCV), so the window starts without
it; importing it takes seconds and hundreds of MB, paid only by those who train.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class _Importer(QObject):
    done = Signal(str)                      # '' when ready, else why not

    @Slot()
    def run(self) -> None:
        try:
            import torch  # noqa: F401

            from mnist_desktop import checkpoint, models  # noqa: F401
            from mnist_desktop.learning import training  # noqa: F401
        except Exception as exc:  # a broken torch install must not kill the window
            log.exception("cannot import the training tools")
            self.done.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done.emit("")


class TrainToolsLoader(QObject):
    loaded = Signal(str)                    # '' when torch is in, else the reason (GUI thread)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._importer: _Importer | None = None

    def start(self) -> None:
        """Begin the import once; `loaded` follows."""
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("train-tools")
        self._importer = _Importer()
        self._importer.moveToThread(self._thread)
        self._thread.started.connect(self._importer.run)
        self._importer.done.connect(self._finished)
        self._thread.finished.connect(self._importer.deleteLater)
        self._thread.start()

    def _finished(self, error: str) -> None:
        self.shutdown()
        self.loaded.emit(error)

    def shutdown(self) -> None:
        if self._thread is not None and self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
