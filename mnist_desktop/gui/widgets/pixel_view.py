"""A small gray image shown enlarged with hard pixel edges (the model's 28x28)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_desktop.gui.qimage import array_to_qimage


def thumbnail(image: QImage, side: int) -> QImage:
    """Shrink a big picture once (smoothly), so painting it stays cheap. Thread-safe."""
    if not image.isNull() and max(image.width(), image.height()) > side:
        return image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return image


class PixelView(QWidget):
    def __init__(self, side: int = 168, parent=None, grid: bool = True):
        super().__init__(parent)
        self._image = QImage()
        self._grid = grid
        self._side = side
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(side, side)

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def set_array(self, array: np.ndarray | None) -> None:
        self.set_image(QImage() if array is None else thumbnail(array_to_qimage(array), 2 * self._side))

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def image(self) -> QImage:
        return self._image

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0))
        if not self._image.isNull():
            iw, ih = self._image.width(), self._image.height()
            s = min(self.width() / iw, self.height() / ih)
            target = QRectF((self.width() - iw * s) / 2, (self.height() - ih * s) / 2, iw * s, ih * s)
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)   # pixelated on purpose
            p.drawImage(target, self._image)
            if self._grid and s >= 4:
                p.setPen(QColor(255, 255, 255, 28))
                for i in range(1, iw):
                    x = target.x() + i * s
                    p.drawLine(int(x), int(target.top()), int(x), int(target.bottom()))
                for j in range(1, ih):
                    y = target.y() + j * s
                    p.drawLine(int(target.left()), int(y), int(target.right()), int(y))
        p.end()
