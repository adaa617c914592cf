"""Under the result: tell the app what you really wrote, so it can learn your hand."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout


class CorrectionBox(QGroupBox):
    """Emits `submitted(text)` for typed digits and `confirmed()` for "it read me right"."""

    submitted = Signal(str)
    confirmed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setValidator(QRegularExpressionValidator(r"[0-9 ]{0,40}"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(lambda: self.submitted.emit(self.field.text()))
        self.save_button = QPushButton()
        self.save_button.clicked.connect(lambda: self.submitted.emit(self.field.text()))
        self.right_button = QPushButton()
        self.right_button.clicked.connect(self.confirmed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("correctionMessage")
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.right_button)
        layout.addWidget(self.message)
        self.retranslate()
        self.set_ready(False)

    def set_ready(self, ready: bool, reason: str = "") -> None:
        """Enabled when there is a reading to correct (and the sample store works)."""
        for w in (self.field, self.save_button, self.right_button):
            w.setEnabled(ready)
        if reason:
            self.show_message(reason, error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b03000;" if error else "color: #107040;")

    def saved_text(self, labels: list[int], ids: list[int | None], total: int) -> str:
        """What a save did, digit by digit: `ids` has None for a digit saved before (with
        the same label), which is not stored again and is not said to be saved."""
        # Apart, the digits of each list are single digits ("0 5"), not a number ("05").
        new = " ".join(str(d) for d, i in zip(labels, ids) if i is not None)
        before = " ".join(str(d) for d, i in zip(labels, ids) if i is None)
        if not new:
            return self.tr("Already saved.")
        if not before:
            return self.tr("Saved as {0}. Samples of your handwriting: {1}.").format("".join(map(str, labels)), total)
        return self.tr("Saved {0} ({1} saved before). Samples of your handwriting: {2}.").format(new, before, total)

    def clear(self) -> None:
        self.field.clear()
        self.message.clear()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Teach it your handwriting"))
        self.field.setPlaceholderText(self.tr("What did you write?"))
        self.field.setToolTip(self.tr("Type the digits you wrote, left to right; Enter saves them"))
        self.save_button.setText(self.tr("Save"))
        self.right_button.setText(self.tr("It read me right — save as is"))
        self.right_button.setToolTip(self.tr("Keep this drawing as an example of your handwriting"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
