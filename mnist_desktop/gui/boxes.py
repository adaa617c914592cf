"""Digit boxes drawn over the canvas or an opened image, with their confidence."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

SURE = QColor(0, 140, 70)
UNSURE = QColor(215, 120, 0)
SELECTED = QColor(30, 100, 230)
NUMBER = QColor(90, 90, 160)      # a number's box on a page


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
        self._groups = []
        self.update()

    def set_groups(self, groups: list[tuple[QRectF, list[int]]]) -> None:
        """A page's number boxes (rect, its digits' indices); with them, digit boxes
        show only for the number that holds the selected digit."""
        self._groups = list(groups)
        self.update()

    def _shown(self) -> set[int] | None:
        """The digit boxes to draw (None: all)."""
        groups = getattr(self, "_groups", [])
        if not groups:
            return None
        return next((set(m) for _, m in groups if getattr(self, "_selected", -1) in m), set())

    def boxes(self) -> list[Box]:
        return list(getattr(self, "_boxes", []))

    def select_box(self, index: int) -> None:
        self._selected = index
        self.update()

    def box_at(self, pos: QPointF, target: QRectF, scale: float) -> int:
        shown = self._shown()
        for i, b in enumerate(getattr(self, "_boxes", [])):
            if (shown is None or i in shown) and self._map(b.rect, target, scale).adjusted(-4, -4, 4, 4).contains(pos):
                return i
        for rect, members in getattr(self, "_groups", []):      # a number: its first digit
            if members and self._map(rect, target, scale).adjusted(-4, -4, 4, 4).contains(pos):
                return members[0]
        return -1

    @staticmethod
    def _map(r: QRectF, target: QRectF, scale: float) -> QRectF:
        return QRectF(target.x() + r.x() * scale, target.y() + r.y() * scale, r.width() * scale, r.height() * scale)

    def paint_boxes(self, p: QPainter, target: QRectF, scale: float) -> None:
        boxes = getattr(self, "_boxes", [])
        if not boxes:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        shown = self._shown()
        for rect, members in getattr(self, "_groups", []):
            picked = getattr(self, "_selected", -1) in members
            p.setPen(QPen(SELECTED if picked else NUMBER, 2.0 if picked else 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self._map(rect, target, scale).adjusted(-6, -6, 6, 6))
        font = QFont(p.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() * 0.9))
        font.setBold(True)
        p.setFont(font)
        for i, b in enumerate(boxes):
            if shown is not None and i not in shown:
                continue
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
