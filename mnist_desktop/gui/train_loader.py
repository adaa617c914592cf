"""torch and the training code, imported in a thread the first time the Train (or Compare) tab is shown.

Reading never needs torch (it runs ONNX in OpenCV), so the window starts without
it; importing it takes seconds and hundreds of MB, paid only by those who train.
"""

from __future__ import annotations

import logging

from typing import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

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


class LazyTrainingTabs(QObject):
    """The Train and Compare tabs hold a placeholder each until torch is in: showing
    either starts the import in a thread; then `build()` returns the real pages, which
    take the placeholders' places (each in a scroll area, for short screens)."""

    def __init__(self, tabs: QTabWidget, build: Callable[[], list[QWidget]], wrap: Callable[[QWidget], QWidget],
                 parent=None):
        super().__init__(parent)
        self.tabs = tabs
        self._build, self._wrap = build, wrap
        self.placeholders: list[QLabel] = []
        self.pages: list[QWidget] = []     # once built: the Train tab and the Compare page
        self.built = False
        self.loader = TrainToolsLoader(self)
        self.loader.loaded.connect(self._loaded)
        tabs.currentChanged.connect(self._shown)

    def add_placeholder(self) -> QLabel:
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholders.append(label)
        return label

    def set_text(self, text: str) -> None:
        for label in self.placeholders:
            label.setText(text)

    def _shown(self, index: int) -> None:
        if not self.built and self.tabs.widget(index) in self.placeholders:
            self.loader.start()

    def _loaded(self, error: str) -> None:
        if error:
            self.set_text(self.tr("The training tools could not be loaded.") + "\n\n" + error)
        elif not self.built:
            self.built = True
            current = self.tabs.currentIndex()
            self.pages = self._build()
            for label, page in zip(self.placeholders, self.pages):
                index = self.tabs.indexOf(label)
                title = self.tabs.tabText(index)
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, self._wrap(page), title)
                label.deleteLater()
            self.tabs.setCurrentIndex(current)
            self.placeholders = []

    def busy(self) -> bool:
        """Whether closing now would stop work: a save of a trained model is not that
        (it finishes in a moment and closing waits for it)."""
        return any(page.busy() and not getattr(page, "saving", False) for page in self.pages)

    def shutdown(self) -> None:
        """For closing the window: stop what runs on the pages (training, a comparison,
        a dataset preview) and wait for their threads, and for the import."""
        for page in self.pages:
            page.cancel_and_wait()
        self.loader.shutdown()
