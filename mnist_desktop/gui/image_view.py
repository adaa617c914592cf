"""An opened image, scaled to fit, with the digit boxes on it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_desktop.gui.boxes import BoxOverlay


class ImageView(BoxOverlay, QWidget):
    boxClicked = Signal(int)
    boxMenuRequested = Signal(int, QPoint)   # a digit's box right-clicked (BoxOverlay)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._image = QImage()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 200)

    def sizeHint(self) -> QSize:
        return QSize(720, 360)

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.set_boxes([])

    def image(self) -> QImage:
        return self._image

    def overlay_geometry(self) -> tuple[QRectF, float]:
        if self._image.isNull():
            return QRectF(), 1.0
        iw, ih = self._image.width(), self._image.height()
        # Large scans shrink to fit; small images are not blown up past 4x.
        scale = min(self.width() / iw, self.height() / ih, 4.0)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), scale

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(60, 60, 64))
        target, _ = self.overlay_geometry()
        if not self._image.isNull():
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(target, self._image)
            self.paint_boxes(p)
        p.end()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        i = self.box_at(e.position())
        if i >= 0:
            self.select_box(i)
            self.boxClicked.emit(i)
