"""The Recognize tab: canvas or opened image on the left, the result on the right."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QSlider, QSplitter, QStackedWidget,
                               QToolButton, QVBoxLayout, QWidget)

from mnist_desktop.gui.boxes import Box
from mnist_desktop.gui.canvas import Canvas
from mnist_desktop.gui.image_view import ImageView
from mnist_desktop.gui.qimage import array_to_qimage
from mnist_desktop.gui.recognition import RecognitionService
from mnist_desktop.gui.widgets.correction import CorrectionBox
from mnist_desktop.gui.widgets.page_lines import PageLines
from mnist_desktop.gui.widgets.result_panel import ResultPanel
from mnist_desktop.gui.widgets.steps_strip import StepsStrip

LIVE_DELAY_MS = 180      # while drawing: recognise at most this often


class RecognizeTab(QWidget):
    status = Signal(str)                  # short text for the status bar
    resultShown = Signal(object)          # the NumberResult now on screen
    samplesSaved = Signal(int)            # how many samples a correction stored

    def __init__(self, service: RecognitionService, parent=None):
        super().__init__(parent)
        self.service = service
        self.canvas = Canvas()
        self.image_view = ImageView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.image_view)
        self.panel = ResultPanel()
        self.page_lines = PageLines()         # a page's lines and numbers (hidden for one number)
        self.correction = CorrectionBox()
        self.store = None                 # samples.SampleStore, set by the window
        self.store_error = ""
        self.steps = StepsStrip()
        self.result = None
        self._image = None                # the opened image (numpy), if any
        self.image_name = ""

        # Mode switch and pen controls above the view.
        self.draw_button = QToolButton()
        self.image_button = QToolButton()
        for b in (self.draw_button, self.image_button):
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.image_button.setEnabled(False)
        self.draw_button.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.draw_button, 0)
        modes.addButton(self.image_button, 1)
        modes.idClicked.connect(self.set_mode)
        self.pen_label = QLabel()
        self.pen = QSlider(Qt.Orientation.Horizontal)
        self.pen.setRange(2, 40)
        self.pen.setValue(int(self.canvas.pen_width))
        self.pen.setFixedWidth(140)
        self.pen.valueChanged.connect(self._set_pen)
        bar = QHBoxLayout()
        bar.addWidget(self.draw_button)
        bar.addWidget(self.image_button)
        bar.addStretch(1)
        bar.addWidget(self.pen_label)
        bar.addWidget(self.pen)

        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(bar)
        col.addWidget(self.stack, 1)
        self.steps_title = QLabel()
        col.addWidget(self.steps_title)
        col.addWidget(self.steps)

        right = QWidget()
        rcol = QVBoxLayout(right)
        rcol.setContentsMargins(0, 0, 0, 0)
        rcol.addWidget(self.page_lines, 1)
        rcol.addWidget(self.panel, 1)
        rcol.addWidget(self.correction)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.addWidget(self.splitter)

        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(LIVE_DELAY_MS)
        self._live.timeout.connect(self.recognize_now)
        self.canvas.changed.connect(self.recognize_now)
        self.canvas.drawing.connect(self._schedule_live)
        self.panel.digitSelected.connect(self._digit_selected)
        self.panel.digitCorrected.connect(lambda i, d: self.save_labels([d], [i]))
        self.correction.submitted.connect(self.save_typed)
        self.correction.confirmed.connect(self.save_as_read)
        self.image_view.boxClicked.connect(self.panel.select)
        self.page_lines.numberSelected.connect(lambda digits: self.panel.select(digits[0]))
        service.ready.connect(self._show)
        service.failed.connect(self._failed)
        service.modelLoaded.connect(lambda *_: self.recognize_now())
        self.panel.show_message("loading", "")
        self.retranslate()

    # -- inputs ----------------------------------------------------------------
    def mode(self) -> str:
        return "image" if self.stack.currentWidget() is self.image_view else "canvas"

    def set_mode(self, index: int) -> None:
        if index == 1 and self._image is None:
            return
        self.stack.setCurrentIndex(index)
        (self.image_button if index == 1 else self.draw_button).setChecked(True)
        self.recognize_now()

    def open_array(self, image, name: str) -> None:
        """Show an image (numpy, as read by imageio) and read it."""
        self._image = image
        self.image_name = name
        self.image_view.set_image(array_to_qimage(image))
        self.image_button.setEnabled(True)
        self.image_button.setToolTip(name)
        self.set_mode(1)

    def current_source(self):
        if self.mode() == "image":
            return self._image
        return None if self.canvas.is_empty() else self.canvas.to_array()

    def _set_pen(self, value: int) -> None:
        self.canvas.pen_width = float(value)
        self.pen_label.setText(self.tr("Pen: {0} px").format(value))

    def _schedule_live(self) -> None:
        if not self._live.isActive():
            self._live.start()

    # -- recognition -------------------------------------------------------------
    def recognize_now(self) -> None:
        self._live.stop()
        source = self.current_source()
        if source is None:
            self.result = None
            self._view().set_boxes([])
            self.page_lines.show_result(None)
            self.steps.set_steps([])
            if self.service.has_model:
                self.panel.show_result(None)
            else:
                self.panel.show_message("loading", "")
            self._update_correction()
            return
        if not self.service.has_model:
            self.panel.show_message("loading", "")
        if self.mode() == "image":
            self.page_lines.set_busy(True)      # a page can take a moment (read in the background)
        self.service.recognize(source)

    def _view(self):
        return self.image_view if self.mode() == "image" else self.canvas

    def _show(self, result, ms: float) -> None:
        self.result = result
        boxes = [Box(QRectF(*d.box), d.digit, d.confidence, d.unsure) for d in result.digits]
        self._view().set_boxes(boxes, 0 if boxes else -1)
        if result.page:
            self._view().set_groups([(QRectF(*n.box), n.digits) for line in result.lines for n in line.numbers])
        self.page_lines.show_result(result)
        self.panel.show_result(result)        # selects digit 0, which updates the steps strip
        if not result.digits:
            self._update_steps()
        self._update_correction()
        self.status.emit(self.tr("Read in {0:.0f} ms").format(ms))
        self.resultShown.emit(result)

    # -- corrections ------------------------------------------------------------------
    def _update_correction(self) -> None:
        readable = self.result is not None and bool(self.result.digits)
        if self.store is None:
            self.correction.set_ready(False, self.store_error)
            return
        self.correction.set_ready(readable)
        self.correction.message.clear()

    def save_typed(self, text: str) -> None:
        if self.result is None or not self.result.digits:
            return
        typed = "".join(text.split())
        n = len(self.result.digits)
        if not typed:
            self.correction.show_message(self.tr("Type the digits you wrote, left to right."), error=True)
        elif len(typed) != n:
            self.correction.show_message(
                self.tr("You typed {0} digits but {1} were found in the picture. Type one digit per box, "
                        "or redraw so the digits are apart.").format(len(typed), n), error=True)
        else:
            self.save_labels([int(c) for c in typed], list(range(n)))

    def save_as_read(self) -> None:
        if self.result is not None and self.result.digits:
            self.save_labels([d.digit for d in self.result.digits], list(range(len(self.result.digits))))

    def save_labels(self, labels: list[int], indices: list[int]) -> None:
        """Store the digits at `indices` of the current reading with their true labels."""
        from mnist_desktop.samples import StoreError, samples_from_reading

        if self.store is None or self.result is None:
            return
        source = self._image if self.mode() == "image" else self.canvas.to_array()
        digits = [self.result.digits[i] for i in indices]
        try:
            ids = self.store.add(samples_from_reading(digits, labels, source, self.mode()))
        except StoreError as exc:
            self.correction.show_message(str(exc), error=True)
            return
        saved = sum(i is not None for i in ids)
        total = len(self.store)
        if saved:
            self.correction.show_message(self.tr("Saved as {0}. Samples of your handwriting: {1}.").format(
                "".join(map(str, labels)), total))
            self.correction.field.clear()
        else:
            self.correction.show_message(self.tr("Already saved."))
        self.samplesSaved.emit(saved)

    def _failed(self, message: str) -> None:
        self.result = None
        self.page_lines.show_result(None)
        self._view().set_boxes([])
        self.steps.set_steps([])
        self.panel.show_message("error", message)
        self._update_correction()

    def _digit_selected(self, index: int) -> None:
        self._view().select_box(index)
        self.page_lines.select_digit(index)
        self._update_steps()

    def _update_steps(self) -> None:
        if self.result is None:
            self.steps.set_steps([])
            return
        steps = list(self.result.steps)
        i = self.panel.selected()
        if 0 <= i < len(self.result.digits):
            steps += self.result.digits[i].steps
        self.steps.set_steps(steps, self.service.thumbnails)

    # -- i18n --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.draw_button.setText(self.tr("Drawing"))
        self.draw_button.setToolTip(self.tr("Draw with the mouse or a pen"))
        self.image_button.setText(self.tr("Image"))
        self.steps_title.setText(self.tr("Preprocessing steps (selected digit):"))
        self._set_pen(self.pen.value())
        self.steps.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
