"""A label that never widens its panel: a text too long for it ends in "…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """text() is the whole text; what is drawn is each line cut to the label's width,
    the whole of it then in the tooltip (a 40-digit number pushed the result panel's
    probabilities out of sight)."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        metrics, width = self.fontMetrics(), max(1, self.contentsRect().width())
        shown = "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
                          for line in self._full.split("\n"))
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")
