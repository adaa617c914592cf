"""Inside the network: for the digit selected in the Recognize tab, the model's 28x28
input, which pixels pushed the answer up, each layer's activations and the first
layer's filters. A window of its own; learning/explain.py does the work, in a
worker.Job thread; a result for anything but the newest selection is dropped."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QMargins, QSize, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mnist_desktop.gui.qimage import array_to_qimage
from mnist_desktop.gui.widgets.formats import sure
from mnist_desktop.gui.widgets.pixel_view import PixelView
from mnist_desktop.gui.worker import Job

LAYER_SIDE = 220          # the longer side a layer's picture is drawn at, pixels
WIDTH = 2                 # pictures per row of the layer grid


def _pixmap(image: np.ndarray, side: int = LAYER_SIDE) -> QPixmap:
    """A uint8 picture enlarged with hard pixel edges (activations are pixels, not photos)."""
    pix = QPixmap.fromImage(array_to_qimage(image))
    scale = max(1, side // max(image.shape))
    return pix.scaled(image.shape[1] * scale, image.shape[0] * scale, Qt.AspectRatioMode.KeepAspectRatio,
                      Qt.TransformationMode.FastTransformation)


def _work(image28: np.ndarray, model_path: str, cache: dict):
    def work(job: Job):
        from mnist_desktop import checkpoint
        from mnist_desktop.learning import explain
        from mnist_desktop.reading.recognizer import Calibration

        # One job at a time touches the cache, so the model is loaded once per file.
        if cache.get("path") != model_path:
            loaded = checkpoint.load(model_path)
            cache.update(path=model_path, model=loaded.model, temperature=Calibration.of(loaded.meta).temperature)
        # The same calibrated confidence as the Recognize panel shows.
        return explain.explain(cache["model"], image28, cache["temperature"])

    return work


class InsideView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.job: Job | None = None
        self.request = 0          # the newest selection's id
        self.shown = 0            # the id of what is on screen
        self._running = 0         # the id the job now running was started for
        self._pending = None      # (id, image, model path) waiting for the job to finish
        self._cache: dict = {}
        self.explanation = None
        self.tab = None

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.input_view = PixelView(168)
        self.saliency_view = PixelView(168)
        self.input_caption, self.saliency_caption = QLabel(), QLabel()
        top = QGridLayout()
        top.addWidget(self.input_caption, 0, 0)
        top.addWidget(self.saliency_caption, 0, 1)
        top.addWidget(self.input_view, 1, 0)
        top.addWidget(self.saliency_view, 1, 1)
        self.layers_box = QWidget()
        self.layers_grid = QGridLayout(self.layers_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.layers_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        # Roomy, but never taller than the screen (760 px ran off a 1280x720 one).
        room = self.screen().availableGeometry().size().shrunkBy(QMargins(20, 30, 20, 30))
        self.resize(QSize(560, 760).boundedTo(room))
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        self.retranslate()

    @classmethod
    def attached_to(cls, tab) -> "InsideView":
        """A view that follows `tab` (the Recognize tab): its selected digit, its model."""
        view = cls(tab)
        view.tab = tab
        tab.panel.digitSelected.connect(view.follow)
        tab.resultShown.connect(view.follow)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(view.wait)
        return view

    def follow(self, *_) -> None:
        """The tab's selection changed (or a new reading came): explain the selected digit."""
        if not self.isVisible():
            return
        tab = self.tab
        digits = tab.result.digits if tab.result is not None else []
        i = tab.panel.selected()
        self.set_digit(digits[i].input if 0 <= i < len(digits) else None, tab.service.model_path or "")

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:   # closes it, as it would a dialog
            self.close()
        else:
            super().keyPressEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.tab is not None:
            self.follow()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Inside the network"))
        self.input_caption.setText(self.tr("What the model sees (28x28)"))
        self.saliency_caption.setText(self.tr("Pixels that pushed the answer up"))
        tip = self.tr("Integrated gradients: the digit is faded in from blank paper in 32 steps, and each pixel "
                      "is credited with how much its ink raised the chosen digit's score on the way. Brighter = "
                      "more credit. Pixels without ink get no credit: this shows which ink mattered, not which "
                      "ink is missing.")
        self.saliency_view.setToolTip(tip)
        self.saliency_caption.setToolTip(tip)
        self._show()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- requests ----------------------------------------------------------------------------
    def set_digit(self, image28: np.ndarray | None, model_path: str) -> None:
        """Explain this 28x28 input (None: nothing selected). Runs off the GUI thread."""
        self.request += 1
        if image28 is None or not model_path:
            self._pending = None
            self.shown, self.explanation = self.request, None
            self._show()
            return
        self._pending = (self.request, np.array(image28, np.float32), model_path)
        if self.job is None:
            self._start_pending()
        else:
            self.title.setText(self.tr("Working…"))

    def busy(self) -> bool:
        return self.job is not None

    def _start_pending(self) -> None:
        request, image, path = self._pending
        self._pending = None
        self._running = request
        job = Job(_work(image, path, self._cache))
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.thread.finished.connect(self._idle)
        self.job = job
        job.start()

    def _succeeded(self) -> None:
        if self.job is not None and self._running == self.request:     # else stale: a newer one is coming
            self.explanation, self.shown = self.job.result, self._running
            self._show()

    def _failed(self, message: str) -> None:
        if self._running == self.request:
            self.explanation, self.shown = None, self._running
            self.title.setText(self.tr("Cannot look inside this model: {0}").format(message))

    def _idle(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.thread.deleteLater()
            job.deleteLater()
        if self._pending is not None:
            self._start_pending()

    def wait(self) -> None:
        """For closing: let the job (a few milliseconds of work) finish."""
        self._pending = None
        if self.job is not None:
            self.job.wait()

    # -- drawing -----------------------------------------------------------------------------
    def _show(self) -> None:
        while self.layers_grid.count():
            item = self.layers_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.layer_labels: list[QLabel] = []
        ex = self.explanation
        if ex is None:
            self.title.setText(self.tr("Select a digit in the Recognize tab to look inside the network."))
            self.input_view.set_array(None)
            self.saliency_view.set_array(None)
            return
        self.title.setText(self.tr("Read as {0} ({1}). Each layer's output for this digit: feature maps "
                                   "as grey grids (brighter = stronger), dense layers as bars.").format(
            ex.digit, sure(max(ex.probabilities), 0)))
        if ex.networks > 1:
            self.title.setText(self.title.text() + " " + self.tr(
                "The model is {0} networks trained apart that read together; these are the first one's "
                "layers, the answer is all of theirs.").format(ex.networks))
        images = ex.images()
        self.input_view.set_array(images["input.png"])
        self.saliency_view.set_array(images["saliency.png"])
        cells = [(f"{layer.name}  {' x '.join(map(str, layer.shape))}", images[f"layer{i:02d}_{layer.name}.png"])
                 for i, layer in enumerate(ex.layers, 1)]
        if "filters.png" in images:
            cells.append((self.tr("first layer's filters (white +, black −)"), images["filters.png"]))
        for k, (caption, image) in enumerate(cells):
            cell = QWidget()
            col = QVBoxLayout(cell)
            col.setContentsMargins(2, 2, 2, 2)
            picture = QLabel()
            pix = _pixmap(image)
            picture.setPixmap(pix)
            picture.setFixedSize(pix.size())      # never squeezed: the area scrolls instead
            col.addWidget(QLabel(caption))
            col.addWidget(picture)
            col.addStretch(1)
            top_left = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
            self.layers_grid.addWidget(cell, k // WIDTH, k % WIDTH, top_left)
            self.layer_labels.append(picture)
