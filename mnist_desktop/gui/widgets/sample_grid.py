"""A grid of small digit images with captions; clicking one selects it.

Used for the dataset preview and the gallery of misclassified test digits.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_desktop.gui.qimage import array_to_qimage

CELL = 48
CAPTION = 16


class SampleGrid(QWidget):
    itemClicked = Signal(int)

    def __init__(self, columns: int = 10, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._images: list[QImage] = []
        self._captions: list[str] = []
        self._colors: list[QColor | None] = []
        self._selected = -1
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_items(self, images: np.ndarray, captions: list[str], colors: list[QColor | None] | None = None) -> None:
        """images: (N, 28, 28) uint8, ink white (MNIST)."""
        self._images = [array_to_qimage(img) for img in images]
        self._captions = list(captions)
        self._colors = list(colors) if colors is not None else [None] * len(self._images)
        self._selected = -1
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def clear_selection(self) -> None:
        if self._selected != -1:
            self._selected = -1
            self.update()

    def count(self) -> int:
        return len(self._images)

    def caption(self, i: int) -> str:
        return self._captions[i]

    def sizeHint(self) -> QSize:
        rows = max(1, -(-len(self._images) // self.columns))
        return QSize(self.columns * (CELL + 4), rows * (CELL + CAPTION + 4))

    def _cell(self, i: int) -> QRectF:
        r, c = divmod(i, self.columns)
        return QRectF(c * (CELL + 4), r * (CELL + CAPTION + 4), CELL, CELL + CAPTION)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        for i, img in enumerate(self._images):
            cell = self._cell(i)
            target = QRectF(cell.x(), cell.y(), CELL, CELL)
            p.drawImage(target, img)
            if i == self._selected:
                p.setPen(QColor(30, 100, 230))
                p.drawRect(target.adjusted(-1, -1, 1, 1))
            p.setPen(self._colors[i] or self.palette().windowText().color())
            p.drawText(QRectF(cell.x(), cell.y() + CELL, CELL, CAPTION), Qt.AlignmentFlag.AlignCenter, self._captions[i])
        p.end()

    def mousePressEvent(self, e) -> None:
        for i in range(len(self._images)):
            if self._cell(i).contains(e.position()):
                self._selected = i
                self.update()
                self.itemClicked.emit(i)
                return
