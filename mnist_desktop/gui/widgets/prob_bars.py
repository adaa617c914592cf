"""Ten horizontal bars: the probability of each digit for the selected box."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_desktop.gui.widgets.formats import sure


class ProbabilityBars(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._probs: list[float] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(10 * 15)
        self.setMinimumWidth(120)

    def sizeHint(self) -> QSize:
        return QSize(180, 10 * 16)

    def set_probabilities(self, probs: list[float] | None) -> None:
        self._probs = list(probs or [])
        self.setToolTip("\n".join(f"{d}: {sure(p, 2)}" for d, p in enumerate(self._probs)))
        self.update()

    def probabilities(self) -> list[float]:
        return list(self._probs)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        row = self.height() / 10
        label_w = p.fontMetrics().horizontalAdvance("0") + 10
        value_w = p.fontMetrics().horizontalAdvance("100.0%") + 8
        bar_w = max(10.0, self.width() - label_w - value_w)
        top = max(range(len(self._probs)), key=self._probs.__getitem__) if self._probs else -1
        pal = self.palette()
        for d in range(10):
            y = d * row
            p.setPen(pal.windowText().color())
            p.drawText(QRectF(0, y, label_w - 6, row), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(d))
            track = QRectF(label_w, y + row * 0.2, bar_w, row * 0.6)
            p.fillRect(track, pal.alternateBase())
            if self._probs:
                v = self._probs[d]
                fill = QRectF(track.x(), track.y(), max(1.0, bar_w * v), track.height())
                p.fillRect(fill, QColor(30, 100, 230) if d == top else QColor(140, 160, 190))
                p.setPen(pal.windowText().color())
                p.drawText(QRectF(label_w + bar_w + 4, y, value_w, row),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, sure(v))
        p.end()
