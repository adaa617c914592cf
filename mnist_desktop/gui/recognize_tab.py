"""The Recognize tab: canvas or opened image on the left, the result on the right."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QButtonGroup, QFrame, QHBoxLayout, QLabel, QScrollArea, QSlider, QSplitter,
                               QStackedWidget, QToolButton, QVBoxLayout, QWidget)

from mnist_desktop.gui import reading_hints
from mnist_desktop.gui.boxes import Box
from mnist_desktop.gui.canvas import Canvas
from mnist_desktop.gui.error_text import error_text
from mnist_desktop.gui.image_view import ImageView
from mnist_desktop.gui.qimage import array_to_qimage
from mnist_desktop.gui.recognition import RecognitionService
from mnist_desktop.gui.widgets.correction import CorrectionBox
from mnist_desktop.gui.widgets.page_lines import PageLines
from mnist_desktop.gui.widgets.result_panel import ResultPanel
from mnist_desktop.gui.widgets.steps_strip import StepsStrip
from mnist_desktop.reading.imageio import as_shown

RESULT_WIDTH = 290       # the result side's width at first (and its least)
LIVE_DELAY_MS = 180      # while drawing: read once the pen has paused this long


class RecognizeTab(QWidget):
    status = Signal(str)                  # short text for the status bar
    timing = Signal(str)                  # ... a reading's time: it never hides a message still showing
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
        self.reading = None               # recognition.Reading of what is on screen now, or None
        self._image, self._image_pages = None, 1   # the opened image (numpy), if any, and its pages
        self._image_serial = 0            # which opened image: part of a read's identity
        self._drawings = 0                # canvases cleared so far: a new drawing each time
        self._typed_for = ("canvas", 0)   # the picture what is typed under the result is for
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
        self.inside = None                # gui/inside_view.py, opened by this button
        self.inside_button = QToolButton()
        self.inside_button.clicked.connect(self.show_inside)
        bar = QHBoxLayout()
        bar.addWidget(self.draw_button)
        bar.addWidget(self.image_button)
        bar.addWidget(self.inside_button)
        bar.addStretch(1)
        bar.addWidget(self.pen_label)
        bar.addWidget(self.pen)
        self.clear_button = QToolButton()
        self.clear_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.clear_button.clicked.connect(self.clear_drawing)
        bar.addWidget(self.clear_button)

        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(bar)
        col.addWidget(self.stack, 1)
        self.steps_title = QLabel()
        col.addWidget(self.steps_title)
        col.addWidget(self.steps)

        # The result side scrolls when the screen is short, and its width never follows
        # its content: a result must not shrink the canvas under the pen.
        inner = QWidget()
        rcol = QVBoxLayout(inner)
        rcol.setContentsMargins(0, 0, 0, 0)
        rcol.addWidget(self.page_lines, 1)
        rcol.addWidget(self.panel, 1)
        rcol.addWidget(self.correction)
        right = QScrollArea()
        right.setObjectName("resultArea")
        right.setWidget(inner)
        right.setWidgetResizable(True)
        right.setFrameShape(QFrame.Shape.NoFrame)
        right.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right.setMinimumWidth(RESULT_WIDTH)
        self.result_area = right
        self._reveal = None               # the correction's message, in view until the user scrolls
        bar = right.verticalScrollBar()
        bar.rangeChanged.connect(lambda *_: self._reveal is not None and right.ensureWidgetVisible(self._reveal))
        bar.actionTriggered.connect(lambda *_: setattr(self, "_reveal", None))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.addWidget(self.splitter)

        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(LIVE_DELAY_MS)
        self._live.timeout.connect(self.recognize_now)
        self.canvas.changed.connect(self.recognize_now)
        self.canvas.drawing.connect(self._ink_growing)
        self.panel.digitSelected.connect(self._digit_selected)
        self.panel.digitCorrected.connect(lambda i, d: self.save_labels([d], [i]))
        self.correction.submitted.connect(self.save_typed)
        self.correction.confirmed.connect(self.save_as_read)
        self.image_view.boxClicked.connect(self.panel.select)
        for view in (self.canvas, self.image_view):
            view.boxMenuRequested.connect(self._box_menu)
        self.page_lines.numberSelected.connect(lambda digits: self.panel.select(digits[0]))
        service.ready.connect(self._show)
        service.failed.connect(self._failed)
        service.modelLoaded.connect(lambda *_: self.recognize_now())
        self.panel.show_message("loading", "")
        self.retranslate()

    # -- inputs ----------------------------------------------------------------
    def mode(self) -> str:
        return "image" if self.stack.currentWidget() is self.image_view else "canvas"

    def set_mode(self, index: int, read: bool = True) -> None:
        if index == 1 and self._image is None:
            return
        self.stack.setCurrentIndex(index)
        (self.image_button if index == 1 else self.draw_button).setChecked(True)
        if read:
            self.recognize_now()

    def clear_drawing(self) -> None:
        """Empty the canvas (undoable); over an image, only back to the drawing, not erase it unseen."""
        if self.mode() == "image":
            return self.set_mode(0)
        if self.canvas.is_empty():
            self.recognize_now()
        else:
            self.canvas.clear()           # emits changed -> recognize_now

    def open_array(self, image, name: str, pages: int = 1) -> None:
        """Show an image (numpy, as read by imageio: the first of its `pages`) and read it."""
        self._image, self._image_pages = image, pages
        self._image_serial += 1
        self.image_name = name
        self.image_view.set_image(array_to_qimage(as_shown(image)))
        self.image_button.setEnabled(True)
        self.image_button.setToolTip(name)
        self.set_mode(1)

    def current_source(self):
        if self.mode() == "image":
            return self._image
        return None if self.canvas.is_empty() else self.canvas.to_array()

    def source_key(self) -> tuple:
        """The identity of what is on screen now; every read carries the one it was asked for."""
        if self.mode() == "image":
            return ("image", self._image_serial)
        return ("canvas", self.canvas.revision)

    @property
    def result(self):
        """The NumberResult of what is on screen now (None while reading or when there is none)."""
        return self.reading.result if self.reading is not None else None

    def _set_pen(self, value: int) -> None:
        self.canvas.pen_width = float(value)
        self.pen_label.setText(self.tr("Pen: {0} px").format(value))

    def _ink_growing(self) -> None:
        # The reading on screen no longer matches the ink: take it down now, and read
        # again once the pen pauses (reads started mid-stroke would only be dropped).
        self._drop_reading("reading" if self.service.has_model else "loading")
        self._live.start()

    # -- recognition -------------------------------------------------------------
    def _drop_reading(self, state: str) -> None:
        """No reading on screen: boxes, steps and the correction box go; the panel says `state`."""
        if self.reading is None and self.panel.state_name() == state:
            return
        self.reading = self._reveal = None
        self.canvas.set_boxes([])
        self.image_view.set_boxes([])
        self.page_lines.show_result(None)
        self.steps.set_steps([])
        if state == "empty":
            self.panel.show_result(None)
        else:
            self.panel.show_message(state, "")
        self._update_correction()
        self.resultShown.emit(None)           # views that follow the reading (Inside the Network) let go

    def recognize_now(self) -> None:
        self._live.stop()
        source = self.current_source()
        self._forget_typing(source is None)
        if source is None:
            self.service.cancel()
            self._drop_reading("empty" if self.service.has_model else "loading")
            return
        self._drop_reading("reading" if self.service.has_model else "loading")
        strokes = self.canvas.pen_strokes() if self.mode() == "canvas" else None
        self.service.recognize(source, self.source_key(), strokes)     # the panel says "Reading…" meanwhile

    def _box_menu(self, index: int, where) -> None:
        """A digit's box right-clicked on the drawing or the image: it is selected, and
        asked about as its chip would be."""
        if self.panel.selected() != index:       # an image's box was selected by the press already
            self.panel.select(index)
        self.panel.correct_menu(index, where)

    def _forget_typing(self, empty: bool) -> None:
        """What was typed under the result is for the picture it was typed for: a cleared
        canvas or another image takes it away, or Enter would save it as the new digits."""
        if empty and self.mode() == "canvas":
            self._drawings += 1
        # Switching to the image and back counts too: another picture was looked at.
        picture = ("image", self._image_serial) if self.mode() == "image" else ("canvas", self._drawings)
        if picture != self._typed_for:
            self._typed_for = picture
            self.correction.clear()

    def _view(self):
        return self.image_view if self.mode() == "image" else self.canvas

    def _show(self, reading) -> None:
        if reading.token != self.source_key():
            return                        # read from something no longer on screen
        self.reading = reading
        result, ms = reading.result, reading.ms
        doubts = self.canvas.doubts([d.box for d in result.digits]) if self.mode() == "canvas" else {}
        boxes = [Box(QRectF(*d.box), d.digit, d.confidence, d.unsure or i in doubts, i in doubts)
                 for i, d in enumerate(result.digits)]
        self._view().set_boxes(boxes, 0 if boxes else -1)
        if result.page:
            self._view().set_groups([(QRectF(*n.box), n.digits) for line in result.lines for n in line.numbers])
        self.page_lines.show_result(result)
        kinds, pages = set(doubts.values()), self._image_pages   # hints as functions: worded again in another language
        hint, dot = (lambda: reading_hints.doubt_hint(kinds)), False
        if self.mode() == "canvas" and not result.digits and not self.canvas.is_empty() \
                and not self.canvas.drawing_now():      # (a press is a dot until the pen moves)
            hint, dot = reading_hints.dot_hint, True
        if self.mode() == "image" and pages > 1:
            hint = lambda: reading_hints.pages_hint(pages)      # noqa: E731
        self.panel.show_result(result, set(doubts), hint, why_nothing=dot)   # selects digit 0: the steps strip follows
        self._reveal = None
        self.result_area.verticalScrollBar().setValue(0)    # a new reading is seen from its number down
        if not result.digits:
            self._update_steps()
        self._update_correction()
        self.timing.emit(self.tr("Read in {0:.0f} ms").format(ms))
        self.resultShown.emit(result)

    def copy_number(self) -> None:
        """Ctrl+C: the number read (of what is on screen now) to the clipboard."""
        result = self._current_result()
        if result is None or not result.digits:
            self.status.emit(self.tr("Nothing read yet to copy."))
            return
        QGuiApplication.clipboard().setText(result.text)
        self.status.emit(self.tr("Copied {0}").format(result.text))

    # -- corrections ------------------------------------------------------------------
    def _update_correction(self) -> None:
        readable = self._current_result() is not None and bool(self.result.digits)
        if self.store is None:
            self.correction.set_ready(False, self.store_error)
            return
        self.correction.set_ready(readable)
        self.correction.message.clear()

    def save_typed(self, text: str) -> None:
        from mnist_desktop.samples import LabelCountError, pair_digits

        result = self._current_result()
        if result is None or not result.digits:
            return
        try:
            labels = pair_digits(text, len(result.digits))
        except LabelCountError as exc:
            # Two counts, so two plurals: each goes through Qt's %n on its own.
            typed = self.tr("You typed %n digit(s)", "", exc.typed)
            found = self.tr("but %n digit(s) were found in the picture.", "", exc.found)
            self._say(self.tr("{0}, {1} Type one digit per box, or redraw so the digits are apart.")
                      .format(typed, found), error=True)
        except ValueError:                # nothing typed (the field takes only digits)
            self._say(self.tr("Type the digits you wrote, left to right."), error=True)
        else:
            self.save_labels(labels, list(range(len(labels))))

    def _current_result(self):
        """The reading, only if it is of what is on screen now (else None): corrections need it."""
        if self.reading is None or self.reading.token != self.source_key():
            return None
        return self.reading.result

    def save_as_read(self) -> None:
        if self._current_result() is not None and self.result.digits:
            self.save_labels([d.digit for d in self.result.digits], list(range(len(self.result.digits))))

    def save_labels(self, labels: list[int], indices: list[int]) -> None:
        """Store the digits at `indices` of the current reading with their true labels."""
        from mnist_desktop.samples import StoreError, samples_from_reading

        if self.store is None or self._current_result() is None:
            return
        source = self._image if self.mode() == "image" else self.canvas.to_array()
        digits = [self.result.digits[i] for i in indices]
        if self.mode() == "canvas" and "cut" in self.canvas.doubts([d.box for d in digits]).values():
            self._say(reading_hints.cut_unsaved(), error=True)     # a sample without that part would mislead
            return
        try:
            ids = self.store.add(samples_from_reading(digits, labels, source, self.mode()))
        except StoreError as exc:
            self._say(error_text(exc), error=True)
            return
        saved = sum(i is not None for i in ids)
        if saved:
            self.correction.field.clear()
        self._say(self.correction.saved_text(labels, ids, len(self.store)))
        self.samplesSaved.emit(saved)

    def _say(self, text: str, error: bool = False) -> None:
        """What came of a correction: under its field, in view (a short screen hid it), and in the status bar."""
        self.correction.show_message(text, error)
        self.status.emit(text)
        self._reveal = self.correction.message     # now, and when the area grows to hold it
        self.result_area.ensureWidgetVisible(self._reveal)

    def _failed(self, message: str, token) -> None:
        if token != self.source_key():
            return
        self._drop_reading("error")
        self.panel.show_message("error", message)

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
        self.steps.set_steps(steps, self.reading.thumbnails)

    def show_inside(self) -> None:
        from mnist_desktop.gui.inside_view import InsideView

        if self.inside is None:
            self.inside = InsideView.attached_to(self)
        self.inside.show()
        self.inside.raise_()

    # -- i18n --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.inside_button.setText(self.tr("Inside the Network…"))
        self.draw_button.setText(self.tr("Drawing"))
        self.draw_button.setToolTip(self.tr("Draw with the mouse or a pen"))
        self.image_button.setText(self.tr("Image"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear the drawing (Delete; Ctrl+Z brings it back). Over an image: back to the drawing"))
        self.steps_title.setText(self.tr("Preprocessing steps (selected digit):"))
        self._set_pen(self.pen.value())
        self.steps.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
