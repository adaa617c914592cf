"""What was read, how sure, and what the model saw, for the selected digit."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QButtonGroup, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QMenu,
                               QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from mnist_desktop.gui.widgets.elided_label import ElidedLabel
from mnist_desktop.gui.widgets.formats import sure
from mnist_desktop.gui.widgets.pixel_view import PixelView
from mnist_desktop.gui.widgets.prob_bars import ProbabilityBars


class ResultPanel(QWidget):
    digitSelected = Signal(int)
    digitCorrected = Signal(int, int)      # box index, the digit it really is

    def __init__(self, parent=None):
        super().__init__(parent)
        self._result = None
        self._selected = -1
        self._state = "empty"
        self._message = ""
        self._why_nothing = False         # the message says why nothing was read (show_result)
        self._doubtful: set[int] = set()

        self.number = ElidedLabel("—")
        self.number.setObjectName("number")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.state = QLabel()
        self.state.setObjectName("state")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setWordWrap(True)
        # Room for two lines always, so a longer message never moves what is below.
        self.state.setMinimumHeight(2 * self.state.fontMetrics().lineSpacing() + 2)

        # One chip per digit; a long number scrolls sideways instead of widening the panel.
        self.chips = QHBoxLayout()
        self.chips.setSpacing(4)
        self.chips.setContentsMargins(0, 0, 0, 0)
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        self.chip_group.idClicked.connect(self.select)
        chips_row = QWidget()
        chips_outer = QHBoxLayout(chips_row)
        chips_outer.setContentsMargins(0, 0, 0, 0)
        chips_outer.addStretch(1)
        chips_outer.addLayout(self.chips)
        chips_outer.addStretch(1)
        self.chips_area = QScrollArea()
        self.chips_area.setWidget(chips_row)
        self.chips_area.setWidgetResizable(True)
        self.chips_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chips_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chips_area.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.chips_area.setFixedHeight(QPushButton().sizeHint().height() + 16)
        # A chip picked before its new row is laid out was scrolled to with stale sizes:
        # follow it again once the row can scroll (a longer row, a resized panel).
        self.chips_area.horizontalScrollBar().rangeChanged.connect(self._show_selected_chip)

        self.bars = ProbabilityBars()
        self.top3 = QLabel()
        self.top3.setObjectName("top3")
        self.top3.setWordWrap(True)
        self.seen = PixelView(112)
        self.seen.setToolTip(self.tr("The 28x28 picture the network was given"))

        # The 28x28 beside its bars: the panel fits a 1024x640 screen without scrolling.
        self.detail = QGroupBox()
        self.seen_caption = QLabel()
        self.seen_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seen_caption.setWordWrap(True)
        grid = QGridLayout(self.detail)
        grid.addWidget(self.seen, 0, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.seen_caption, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.bars, 0, 1, 2, 1)
        grid.addWidget(self.top3, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.number)
        layout.addWidget(self.state)
        layout.addWidget(self.chips_area)
        layout.addWidget(line)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.retranslate()

    # -- public API ------------------------------------------------------------
    def show_result(self, result, doubtful: set[int] | None = None, hint=None, why_nothing: bool = False) -> None:
        """A NumberResult (or None for "nothing yet"); `doubtful` digits are shown as unsure
        whatever the model's confidence, with `hint()` (a function: it is asked again in
        another language) saying why; `why_nothing`: the hint says why nothing was read
        (a dot), instead of "the image looks blank"."""
        self._result, self._why_nothing = result, why_nothing
        self._doubtful = set(doubtful or ())
        self._message = hint or ""
        if result is None:
            self._state = "empty"
        elif result.status != "ok":
            self._state = "no_digit"
        else:
            self._state = "unsure" if result.unsure or self._doubtful else "ok"
        self._rebuild_chips()
        self.select(0 if result is not None and result.digits else -1)
        self._update_texts()

    def show_message(self, state: str, message: str) -> None:
        """Loading / reading / error states that are not a result."""
        self._result, self._state, self._message, self._doubtful = None, state, message, set()
        self._why_nothing = False
        self._rebuild_chips()
        self.select(-1)
        self._update_texts()

    def select(self, index: int) -> None:
        self._selected = index
        digits = self._result.digits if self._result is not None else []
        d = digits[index] if 0 <= index < len(digits) else None
        self.bars.set_probabilities(d.probabilities if d else None)
        self.seen.set_array(d.input if d else None)
        for i, button in enumerate(self.chip_group.buttons()):
            button.setChecked(i == index)
        self._update_texts()
        self._show_selected_chip()
        # ... and once new chips have their places (a row as long as the last one).
        QTimer.singleShot(0, self, self._show_selected_chip)
        if d is not None:
            self.digitSelected.emit(index)

    def selected(self) -> int:
        return self._selected

    def state_name(self) -> str:
        return self._state

    # -- internals ---------------------------------------------------------------
    def _show_selected_chip(self) -> None:
        """Digit 21 of 31, picked on the page: its chip in view."""
        button = self.chip_group.button(self._selected)
        if button is not None:
            self.chips_area.ensureWidgetVisible(button)

    def _rebuild_chips(self) -> None:
        for b in self.chip_group.buttons():
            self.chip_group.removeButton(b)
            b.hide()           # now: deleteLater waits for the event loop, not a modal box's
            b.deleteLater()
        if self._result is None:
            return
        for i, d in enumerate(self._result.digits):
            b = QPushButton(f"{d.digit}")
            b.setCheckable(True)
            b.setFixedWidth(max(34, b.fontMetrics().horizontalAdvance("00") + 20))
            how_sure = (self.tr("Digit {0}: doubtful, for the reason above").format(d.digit) if i in self._doubtful
                        else self.tr("Digit {0}: {1} sure").format(d.digit, sure(d.confidence)))
            b.setToolTip(how_sure + "\n" + self.tr("Right-click to say which digit it really is"))
            if d.unsure or i in self._doubtful:
                b.setStyleSheet("QPushButton { color: #c06000; }")
            b.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            b.customContextMenuRequested.connect(lambda pos, i=i, b=b: self.correct_menu(i, b.mapToGlobal(pos)))
            self.chip_group.addButton(b, i)
            self.chips.addWidget(b)

    def correct_menu(self, index: int, where) -> None:
        """Right-click a digit (its chip or its box): say which digit it really is (saved
        as a sample). `where`: the menu's place on the screen."""
        menu = QMenu(self)
        menu.setTitle(self.tr("It is really…"))
        for d in range(10):
            menu.addAction(self.tr("It is a {0}").format(d), lambda d=d: self.digitCorrected.emit(index, d))
        menu.exec(where)
        menu.deleteLater()

    def _update_texts(self) -> None:
        r = self._result
        if self._state == "ok" or self._state == "unsure":
            self.number.setText(r.text)
        elif self._state == "no_digit":
            self.number.setText("∅")
        elif self._state == "reading":
            self.number.setText("…")
        else:
            self.number.setText("—")
        states = {
            "empty": self.tr("Draw a digit or a number, or open an image (Ctrl+O)."),
            "no_digit": self.tr("No digit found: the image looks blank."),
            "ok": self.tr("Read with confidence."),
            "unsure": self.tr("Unsure: the best guess is shown; orange boxes are doubtful."),
            "loading": self.tr("Loading the model…"),
            "reading": self.tr("Reading…"),
            "error": self.tr("Could not read this image."),
        }
        text = "" if self._state == "no_digit" and self._why_nothing else states.get(self._state, "")
        message = self._message() if callable(self._message) else self._message
        if message:
            text = f"{text}\n{message}" if text else message
        self.state.setText(text)
        d = None
        if r is not None and 0 <= self._selected < len(r.digits):
            d = r.digits[self._selected]
        if d is None:
            self.top3.setText("")
            self.detail.setTitle(self.tr("Selected digit"))
        else:
            self.detail.setTitle(self.tr("Digit {0} of {1}").format(self._selected + 1, len(r.digits)))
            self.top3.setText(self.tr("Top 3: ") + ",  ".join(f"{k} ({sure(p)})" for k, p in d.top3))

    def retranslate(self) -> None:
        self.seen_caption.setText(self.tr("what the model sees"))
        self.seen.setToolTip(self.tr("The 28x28 picture the network was given"))
        self._rebuild_chips()
        if self._result is not None and 0 <= self._selected < len(self.chip_group.buttons()):
            self.chip_group.buttons()[self._selected].setChecked(True)
        self._update_texts()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
