"""Digit boxes drawn over the canvas or an opened image, with their confidence."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

SURE = QColor(0, 140, 70)
UNSURE = QColor(215, 120, 0)
SELECTED = QColor(30, 100, 230)


@dataclass
class Box:
    rect: QRectF          # in source pixels (canvas logical pixels, or image pixels)
    digit: int
    confidence: float
    unsure: bool


class BoxOverlay:
    """Mixin for a QWidget that shows source pixels inside `target` at `scale`."""

    _boxes: list[Box]
    _selected: int

    def set_boxes(self, boxes: list[Box], selected: int = -1) -> None:
        self._boxes = list(boxes)
        self._selected = selected
        self.update()

    def boxes(self) -> list[Box]:
        return list(getattr(self, "_boxes", []))

    def select_box(self, index: int) -> None:
        self._selected = index
        self.update()

    def box_at(self, pos: QPointF, target: QRectF, scale: float) -> int:
        for i, b in enumerate(getattr(self, "_boxes", [])):
            if self._map(b.rect, target, scale).adjusted(-4, -4, 4, 4).contains(pos):
                return i
        return -1

    @staticmethod
    def _map(r: QRectF, target: QRectF, scale: float) -> QRectF:
        return QRectF(target.x() + r.x() * scale, target.y() + r.y() * scale, r.width() * scale, r.height() * scale)

    def paint_boxes(self, p: QPainter, target: QRectF, scale: float) -> None:
        boxes = getattr(self, "_boxes", [])
        if not boxes:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(p.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() * 0.9))
        font.setBold(True)
        p.setFont(font)
        for i, b in enumerate(boxes):
            color = SELECTED if i == getattr(self, "_selected", -1) else (UNSURE if b.unsure else SURE)
            r = self._map(b.rect, target, scale).adjusted(-3, -3, 3, 3)
            p.setPen(QPen(color, 2.5 if color is SELECTED else 1.5,
                          Qt.PenStyle.DashLine if b.unsure else Qt.PenStyle.SolidLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r, 4, 4)
            label = f"{b.digit}  {b.confidence:.0%}"
            metrics = p.fontMetrics()
            tag = QRectF(r.left(), r.top() - metrics.height() - 4, metrics.horizontalAdvance(label) + 10,
                         metrics.height() + 4)
            if tag.top() < target.top() - 1:
                tag.moveTop(r.bottom() + 2)
            p.fillRect(tag, color)
            p.setPen(Qt.GlobalColor.white)
            p.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)
