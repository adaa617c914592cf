"""The Train tab: data, settings and presets, start/cancel, live curves, results."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit,
                               QProgressBar, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from mnist_desktop import paths
from mnist_desktop.gui import train_jobs
from mnist_desktop.gui.dataset_preview import DatasetPreview
from mnist_desktop.gui.widgets.curves import TrainingCurves
from mnist_desktop.gui.widgets.formats import duration
from mnist_desktop.gui.widgets.status_line import StatusLine
from mnist_desktop.gui.widgets.train_results import TrainResults
from mnist_desktop.gui.widgets.train_settings import TrainSettings
from mnist_desktop.gui.worker import Job
from mnist_desktop.learning import data

log = logging.getLogger(__name__)


class TrainTab(QWidget):
    modelActivated = Signal(str)          # path of a model the user chose to use

    def __init__(self, parent=None):
        super().__init__(parent)
        # torch comes in with these: the window builds this tab once the reading thread has it.
        from mnist_desktop import models
        from mnist_desktop.learning import training

        self._models, self._training = models, training
        self.job: Job | None = None
        self.outcome = None
        self.kept = False                 # the outcome's model saved
        self.used = self.active_path = ""   # where "Use This Model" saved it (none yet); where fine-tuning starts
        self.active_meta: dict = {}
        self.store = None                 # samples.SampleStore, set by the window
        self.last_error = ""
        self._handlers = (None, None, None)
        self._succeeded = False           # whether the last job ended well (a full progress bar)
        self._in_run = False              # whether the job is a run (not a download or folder copy)
        self.saving = False               # whether the job saves the result (it is never cancelled)
        self._build()
        self._set_busy(False)
        self.form.set_preset("fast")
        self.refresh_data_status()
        self.retranslate()

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.data_box = QGroupBox()
        self.data_status = QLabel()
        self.data_status.setWordWrap(True)
        self.download_button, self.folder_button = QPushButton(), QPushButton()
        self.download_button.clicked.connect(self.download)
        self.folder_button.clicked.connect(self.choose_folder)
        d = QVBoxLayout(self.data_box)
        d.addWidget(self.data_status)
        d.addLayout(_row(self.download_button, self.folder_button))

        self.form = TrainSettings(self._models, self._training)

        self.start_button, self.cancel_button, self.finetune_button = QPushButton(), QPushButton(), QPushButton()
        self.start_button.setDefault(True)
        self.finetune_button.clicked.connect(self.start_finetune)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.start)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel)
        self.progress = QProgressBar()
        self.progress_text = StatusLine()
        self.use_button, self.save_button = QPushButton(), QPushButton()
        self.use_button.clicked.connect(self.use_model)
        self.save_button.clicked.connect(self.save_model_as)

        left = QWidget()
        col = QVBoxLayout(left)
        col.addWidget(self.data_box)
        col.addWidget(self.form)
        col.addLayout(_row(self.start_button, self.cancel_button))
        col.addWidget(self.finetune_button)
        col.addWidget(self.progress)
        col.addWidget(self.progress_text)
        col.addLayout(_row(self.use_button, self.save_button))
        col.addStretch(1)

        self.curves = TrainingCurves()
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        live = QWidget()
        lv = QVBoxLayout(live)
        lv.addWidget(self.curves, 3)
        lv.addWidget(self.log, 1)
        self.results = TrainResults()
        self.mnist_preview = DatasetPreview()
        self.views = QTabWidget()
        self.views.addTab(live, "")
        self.views.addTab(self.results, "")
        self.views.addTab(self.mnist_preview, "")
        self.views.currentChanged.connect(lambda i: i == 2 and self.mnist_preview.show_once())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.views)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        QHBoxLayout(self).addWidget(self.splitter)

    # -- data ---------------------------------------------------------------------------
    def refresh_data_status(self) -> bool:
        ok = data.available()
        where = str(paths.mnist_root())
        self.data_status.setText(self.tr("MNIST found in {0}.").format(where) if ok else
                                 self.tr("MNIST is not in {0} yet: download it, or use a folder with the four MNIST files.").format(where))
        self.data_status.setProperty("ok", ok)
        return ok

    def download(self) -> None:
        self._run(train_jobs.download_job(), self.tr("Downloading MNIST…"), self._data_ready)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with the MNIST files"))
        if folder:
            self.import_folder(folder)

    def import_folder(self, folder: str) -> None:
        self._run(train_jobs.import_folder_job(folder), self.tr("Copying MNIST from {0}…").format(folder),
                  self._data_ready)

    def _data_ready(self, root) -> None:
        self.refresh_data_status()
        self._log(self.tr("MNIST ready in {0}.").format(root))
        self.mnist_preview.clear()
        if self.views.currentIndex() == 2:
            self.mnist_preview.reshuffle()

    # -- training ----------------------------------------------------------------------
    def busy(self) -> bool:
        return self.job is not None and self.job.is_running()

    def unsaved(self) -> bool:
        """A finished run's model that is neither saved nor in use: quitting or a new run loses it."""
        return self.outcome is not None and not self.kept

    def ask_discard(self) -> bool:
        """Yes/no before a new run throws away the last one's unsaved model (tests replace this)."""
        b = QMessageBox.StandardButton
        return QMessageBox.question(self, self.tr("Unsaved model"), self.tr(
            "The model of the last run is not saved. Start a new run and discard it? "
            "(No keeps it: Use This Model or Save As… on the Results page.)"), b.Yes | b.No, b.No) == b.Yes

    def start(self) -> None:
        if self.busy() or (self.unsaved() and not self.ask_discard()):
            return
        if not self.refresh_data_status():
            self._error(self.tr("MNIST is needed to train. Download it or choose a folder first."))
            return
        config = self.form.config()
        self._new_run()
        self._log(self.tr("Training {0}: %n epoch(s), batch {1}, learning rate {2}, augmentation {3}.", "",
                          config.epochs).format(config.arch, config.batch_size, config.lr,
                                                self.form.augment.currentText()))
        for note in train_jobs.recipe_notes(config):
            self._log(note)
        self._run(train_jobs.train_job(config),
                  self.tr("Training…"), self._trained, on_progress=self._step, on_epoch=self._epoch)

    def start_finetune(self) -> None:
        """Fine-tune the active model on My Samples (same thread, curves and cancel)."""
        from mnist_desktop.learning import finetune as ft

        if self.busy() or (self.unsaved() and not self.ask_discard()):
            return
        if self.store is None:
            self._error(self.tr("Personal samples are off, so there is nothing to fine-tune on."))
            return
        items = self.store.all()
        if len(items) < ft.MIN_SAMPLES:
            self._error(self.tr("Fine-tuning needs at least {0} saved samples; you have {1}. Correct a few "
                                "readings in the Recognize tab first, ideally several of each digit you write.")
                        .format(ft.MIN_SAMPLES, len(items)))
            return
        if not self.refresh_data_status():
            self._error(self.tr("Fine-tuning also needs MNIST, so the model does not forget it. "
                                "Download it or choose a folder first."))
            return
        self._new_run()
        self._log(self.tr("Fine-tuning the active model on {0} of your samples.").format(len(items)))
        self._run(train_jobs.finetune_job(self.active_path, items), self.tr("Fine-tuning…"), self._trained,
                  on_progress=self._step, on_epoch=self._epoch)

    def cancel(self) -> None:
        if self.busy() and not self.saving:      # a save (Esc included) runs to its end
            self.job.cancel()
            self.progress_text.setText(self.tr("Cancelling…"))

    def cancel_and_wait(self) -> None:
        """For closing the window: stop the jobs and wait for their threads."""
        if self.job is not None:
            if not self.saving:
                self.job.cancel()
            self.job.wait()
        self.mnist_preview.stop_and_wait()

    def _new_run(self) -> None:
        self.curves.clear()
        self.outcome = None
        self.use_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.results.mark_previous("running")
        self._in_run = True

    def _step(self, info: dict) -> None:
        total = info["total_steps"]
        self.progress.setMaximum(total)
        self.progress.setValue(info["step"])
        elapsed = info["elapsed_s"]
        eta = elapsed * (total / max(info["step"], 1) - 1)
        self.progress_text.setText(self.tr("Epoch {0} · step {1}/{2} · {3:.0f} samples/s · ETA {4}").format(
            info["epoch"], info["step"], total, info["samples_per_s"], duration(eta)))
        self.curves.add_step(info["step"], info["loss"], info["smoothed_loss"])

    def _epoch(self, info: dict) -> None:
        if "test_acc" in info:
            self.curves.add_epoch(info["epoch"], info["test_acc"])
            self._log(self.tr("Epoch {0}: test accuracy {1:.2%} after {2:.1f} s of training.").format(
                info["epoch"], info["test_acc"], info["train_s"]))

    def _trained(self, outcome) -> None:
        self.outcome, self.kept, self.used = outcome, False, ""
        self.results.show_outcome(outcome, self.active_meta.get("test_acc"))
        self.views.setCurrentIndex(1)         # Use / Save become clickable once the job is over
        self._log(self.tr("Done: test accuracy {0:.2%}.").format(outcome.accuracy))
        if outcome.finetune is not None:
            self._log(self.results.finetune_text())

    # -- keeping the result ----------------------------------------------------------------
    def save_to(self, path: Path, on_saved) -> None:
        """Save the result off the GUI thread, then `on_saved(path)`."""
        self._run(train_jobs.save_job(self.outcome, path), self.tr("Saving…"), on_saved)
        self.saving = True
        self.cancel_button.setEnabled(False)     # over in a moment, and a half-cancelled save helps nobody

    def use_model(self) -> None:
        if self.outcome is not None and not self.busy():
            if self.used and Path(self.used).is_file():     # saved before, then another model chosen
                self._log(self.tr("Made {0} the active model again.").format(self.used))
                return self.modelActivated.emit(self.used)
            chosen = self.active_path
            self.save_to(paths.new_model_path(self.outcome.name), lambda path: self._activate(path, chosen))

    def _activate(self, path, chosen: str) -> None:
        self.kept, self.used = True, str(path)  # a second "Use" makes this copy active, no second one
        self.progress_text.say(lambda: self.tr("Saved."))
        if self.active_path != chosen:          # the user picked another model while it saved: theirs stays
            self._log(self.tr("Saved {0}; another model was chosen meanwhile, so that one stays active.").format(path))
            return
        self._log(self.tr("Saved {0} and made it the active model.").format(path))
        self.modelActivated.emit(str(path))     # the window makes it active once it has loaded

    def set_active(self, path: str, meta: dict) -> None:
        """The window's model now; the Results page says when it is the run's own."""
        self.active_path, self.active_meta = path, dict(meta)
        self.results.set_in_use(self._in_use())
        if not self.busy():                     # "Use This Model" again once another model reads
            self._set_busy(False)               # (a save keeps its Cancel off)

    def _in_use(self) -> bool:
        return bool(self.used) and Path(self.active_path) == Path(self.used)

    def save_model_as(self) -> None:
        if self.outcome is None or self.busy():
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Model"), str(paths.models_dir() / "model.pt"),
                                              self.tr("PyTorch checkpoints (*.pt)"))
        if path:
            self.save_to(Path(path if path.endswith(".pt") else path + ".pt"), self._saved)

    def _saved(self, path) -> None:
        self.kept = True
        self._log(self.tr("Saved {0}.").format(path))
        self.progress_text.say(lambda: self.tr("Saved."))

    # -- plumbing ----------------------------------------------------------------------------
    def _run(self, work, message: str, on_success, on_progress=None, on_epoch=None) -> None:
        if self.busy():
            return
        job = Job(work)
        self._handlers = (on_success, on_progress or self._file_progress, on_epoch)
        job.connect_to(succeeded=self._job_succeeded, failed=self._failed, cancelled=self._cancelled,
                       progress=self._job_progress, epoch=self._job_epoch, idle=self._idle)
        self.job = job
        self._succeeded = False
        self.progress_text.setText(message)
        self.progress.setRange(0, 0)
        self._set_busy(True)
        job.start()

    def _job_succeeded(self) -> None:
        if self.job is not None:
            self._succeeded = True
            self._handlers[0](self.job.result)

    def _job_progress(self, text: str) -> None:
        self._handlers[1](json.loads(text))

    def _job_epoch(self, text: str) -> None:
        if self._handlers[2] is not None:
            self._handlers[2](json.loads(text))

    def _file_progress(self, info: dict) -> None:
        self.progress.setRange(0, info["files"])
        self.progress.setValue(info["file"])
        if info.get("name"):
            self.progress_text.setText(self.tr("Downloading {0} ({1} of {2})…").format(info["name"], info["file"] + 1, info["files"]))

    def _failed(self, message: str) -> None:
        self._error(message)
        if self._in_run:
            self.results.mark_previous("failed")

    def _cancelled(self) -> None:
        self._log(self.tr("Training cancelled; nothing was saved or activated."))
        self.progress_text.say(lambda: self.tr("Cancelled."))
        if self._in_run:
            self.results.mark_previous("cancelled")

    def _idle(self) -> None:
        job = self.job
        self.job = None
        if job is not None:
            job.thread.deleteLater()
            job.deleteLater()
        self.progress.setRange(0, 1)
        if self._succeeded:
            self.progress.setValue(1)
        else:
            self.progress.reset()         # empty, not a "0%" that looks like a run about to start
        if self.outcome is None and not self.progress_text.settled():   # a failure or "Cancelled." stays
            self.progress_text.setText("")
        self._in_run = self.saving = False
        self._set_busy(False)
        self.refresh_data_status()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.start_button, self.download_button, self.folder_button, self.form, self.finetune_button):
            w.setEnabled(not busy)
        for w in (self.use_button, self.save_button):      # never a second save of a result being saved
            w.setEnabled(not busy and self.outcome is not None and not (w is self.use_button and self._in_use()))
        self.cancel_button.setEnabled(busy)

    def _log(self, text: str) -> None:
        self.log.appendPlainText(f"{dt.datetime.now():%H:%M:%S}  {text}")

    def _error(self, text: str) -> None:
        self._log(text)
        self.progress_text.alert(text)
        self.last_error = text

    # -- i18n ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.data_box.setTitle(self.tr("Data"))
        self.download_button.setText(self.tr("Download"))
        self.folder_button.setText(self.tr("Use Folder…"))
        self.form.retranslate()
        self.start_button.setText(self.tr("Start Training"))
        self.start_button.setToolTip("Ctrl+Enter")
        self.cancel_button.setText(self.tr("Cancel"))
        self.finetune_button.setText(self.tr("Fine-tune on My Samples"))
        self.finetune_button.setToolTip(self.tr("Start from the active model and teach it your handwriting, "
                                                "mixing your samples with MNIST so it forgets nothing"))
        self.cancel_button.setToolTip("Esc")
        self.use_button.setText(self.tr("Use This Model"))
        self.save_button.setText(self.tr("Save As…"))
        for i, title in enumerate((self.tr("Progress"), self.tr("Results"), self.tr("Dataset"))):
            self.views.setTabText(i, title)
        self.curves.set_titles(self.tr("Training loss"), self.tr("Test accuracy (%)"), self.tr("step"), self.tr("epoch"),
                               self.tr("loss of a batch"), self.tr("smoothed"),
                               self.tr("The loss and accuracy curves appear here once training starts."))
        self.refresh_data_status()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _row(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    return row
