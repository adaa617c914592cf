"""The Train tab's Dataset view: random MNIST training digits with their labels.

Loading MNIST takes seconds, so it happens in a job of its own: the pane says
"Loading…" meanwhile and the training form stays usable. Each request draws with a
new seed; an answer for any seed but the latest is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from mnist_desktop.gui import train_jobs
from mnist_desktop.gui.widgets.sample_grid import SampleGrid
from mnist_desktop.gui.worker import Job
from mnist_desktop.learning import data


class DatasetPreview(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.job: Job | None = None
        self._seed = 0
        self._state = "empty"          # empty, loading, shown, no_data, failed
        self._error = ""
        self._again = False            # asked again while a draw was loading
        self.grid = SampleGrid(columns=12)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.reshuffle_button = QPushButton()
        self.reshuffle_button.clicked.connect(self.reshuffle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.grid)
        layout.addWidget(self.reshuffle_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    def loading(self) -> bool:
        return self.job is not None

    def show_once(self) -> None:
        """Load a first draw unless one is shown or on its way (the view was opened)."""
        if self.grid.count() == 0 and not self.loading():
            self.reshuffle()

    def reshuffle(self) -> None:
        if self.loading():
            self._again = True
            return
        if not data.available():
            self._set_state("no_data")
            return
        self._seed += 1
        job = Job(train_jobs.preview_job(seed=self._seed))
        # Bound methods (not lambdas): Qt queues them to the GUI thread.
        job.succeeded.connect(self._loaded)
        job.failed.connect(self._failed)
        job.thread.finished.connect(self._finished)
        self.job = job
        self._set_state("loading")
        job.start()

    def clear(self) -> None:
        """MNIST changed (downloaded, another folder): forget the draw, and any on its way."""
        self._seed += 1
        self.grid.set_items([], [])
        self._set_state("empty")

    def stop_and_wait(self) -> None:
        """For closing the window: a preview cannot be cut short, but it is waited for."""
        self._again = False
        if self.job is not None:
            self.job.cancel()
            self.job.wait()

    def _loaded(self) -> None:
        if self.job is None or self.job.result is None:
            return
        images, labels, seed = self.job.result
        if seed != self._seed:       # MNIST changed while this draw was loading
            return
        self.grid.set_items(images, [str(int(v)) for v in labels])
        self._set_state("shown")

    def _failed(self, message: str) -> None:
        self._error = message
        self._set_state("failed")

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.thread.deleteLater()
            job.deleteLater()
        if self._state == "loading":     # the draw was dropped as stale
            self._set_state("empty")
        if self._again:
            self._again = False
            self.reshuffle()

    def _set_state(self, state: str) -> None:
        self._state = state
        self.reshuffle_button.setEnabled(state != "loading")
        self.retranslate()

    def retranslate(self) -> None:
        self.reshuffle_button.setText(self.tr("Reshuffle"))
        self.status.setText({
            "loading": self.tr("Loading MNIST digits…"),
            "no_data": self.tr("MNIST is not here yet: download it or choose a folder to see its digits."),
            "failed": self._error,
        }.get(self._state, ""))
        self.status.setVisible(bool(self.status.text()))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
