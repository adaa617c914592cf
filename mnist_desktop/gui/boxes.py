"""Digit boxes drawn over the canvas or an opened image, with their confidence."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from mnist_desktop.gui.widgets.formats import sure

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
    # Doubted for what the drawing shows, not by the model (still being drawn, cut off by
    # the canvas's edge, hardly bigger than the pen): the model's confidence is not the
    # reading's, so it is not shown.
    doubted: bool = False


class BoxOverlay:
    """Mixin for a QWidget that shows source pixels inside a target rectangle at a scale.

    The widget says where with `overlay_geometry()`; boxes and their tags are painted
    by `paint_boxes`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._boxes: list[Box] = []
        self._selected = -1
        self._groups: list[tuple[QRectF, list[int]]] = []     # a page's numbers: (box, digit indices)

    def overlay_geometry(self) -> tuple[QRectF, float]:
        """(where source pixel (0, 0) lands and the drawn area, scale)."""
        raise NotImplementedError

    def contextMenuEvent(self, e) -> None:
        """Right-click a digit's box: boxMenuRequested(index, global position), for the
        "It is really…" menu the digit's chip has. The widget declares the signal: a
        mixin that is no QObject cannot."""
        i = self.box_at(QPointF(e.pos()))
        if i >= 0:
            self.boxMenuRequested.emit(i, e.globalPos())
        else:
            super().contextMenuEvent(e)

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
        if not self._groups:
            return None
        return next((set(m) for _, m in self._groups if self._selected in m), set())

    def boxes(self) -> list[Box]:
        return list(self._boxes)

    def select_box(self, index: int) -> None:
        self._selected = index
        self.update()

    def box_at(self, pos: QPointF) -> int:
        target, scale = self.overlay_geometry()
        shown = self._shown()
        for i, b in enumerate(self._boxes):
            if (shown is None or i in shown) and self._map(b.rect, target, scale).adjusted(-4, -4, 4, 4).contains(pos):
                return i
        for rect, members in self._groups:      # a number: its first digit
            if members and self._map(rect, target, scale).adjusted(-4, -4, 4, 4).contains(pos):
                return members[0]
        return -1

    @staticmethod
    def _map(r: QRectF, target: QRectF, scale: float) -> QRectF:
        return QRectF(target.x() + r.x() * scale, target.y() + r.y() * scale, r.width() * scale, r.height() * scale)

    def _tag_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() * 0.9))
        font.setBold(True)
        return font

    def box_tags(self) -> list[QRectF]:
        """Where each box's label goes (widget pixels): never on another label."""
        return [rect for rect, _ in self._place_tags()]

    def _place_tags(self) -> list[tuple[QRectF, str]]:
        target, scale = self.overlay_geometry()
        bounds = QRectF(0, 0, self.width(), self.height())
        metrics = QFontMetricsF(self._tag_font())
        h = metrics.height() + 4
        placed: list[QRectF] = []
        out: list[tuple[QRectF, str]] = [(QRectF(), "")] * len(self._boxes)
        # Left to right, each label takes the first free spot: above its box, below it,
        # then the same shortened to the digit alone, then rows further out.
        shown = self._shown()
        # On a page no label may cover another number: it would seem to be its reading.
        others = [self._map(rect, target, scale).adjusted(-6, -6, 6, 6)
                  for rect, members in self._groups if self._selected not in members]
        order = sorted((i for i in range(len(self._boxes)) if shown is None or i in shown),
                       key=lambda i: self._boxes[i].rect.x())
        for i in order:
            b = self._boxes[i]
            r = self._map(b.rect, target, scale).adjusted(-3, -3, 3, 3)
            spot = None
            for text in (f"{b.digit}  ?" if b.doubted else f"{b.digit}  {sure(b.confidence, 0)}", str(b.digit)):
                w = metrics.horizontalAdvance(text) + 10
                for row in range(1 if others else 4):     # on a page, a label far off is anyone's
                    above, below = r.top() - h - row * (h + 2), r.bottom() + 2 + row * (h + 2)
                    spots = [(r.left(), above), (r.left(), below), (r.right() - w, above), (r.right() - w, below)]
                    # A box with no room above or below it (as tall as the canvas): inside its top.
                    if not others and row == 0 and r.top() - h < bounds.top() and r.bottom() + 2 + h > bounds.bottom():
                        spots.append((r.left() + 3, r.top() + 3))
                    for x, y in spots:
                        x = min(max(x, bounds.left()), bounds.right() - w)
                        tag = QRectF(x, y, w, h)
                        if bounds.contains(tag) and not any(tag.intersects(t) for t in placed + others):
                            spot = (tag, text)
                            break
                    if spot:
                        break
                if spot:
                    break
            if spot is None:     # nowhere free (a crowd of boxes): the digit alone, above
                if others and i != self._selected:
                    continue     # a crowded page: the selected digit's label is enough
                text = str(b.digit)
                w = metrics.horizontalAdvance(text) + 10
                # On a page, on its own box: above it the label would cover another number.
                top = r.top() if others else r.top() - h
                # A label wider than its digit (a 1) reaches past it: towards its own
                # number's other digits rather than into the number next to it.
                spots = [QRectF(min(max(x, 0), bounds.right() - w), max(top, 0), w, h)
                         for x in (r.left(), r.right() - w, r.center().x() - w / 2)]
                spot = (min(spots, key=lambda t: _covered(t, others)), text)
            placed.append(spot[0])
            out[i] = spot
        return out

    def paint_boxes(self, p: QPainter) -> None:
        if not self._boxes:
            return
        target, scale = self.overlay_geometry()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, members in self._groups:
            picked = self._selected in members
            p.setPen(QPen(SELECTED if picked else NUMBER, 2.0 if picked else 1.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self._map(rect, target, scale).adjusted(-6, -6, 6, 6))
        p.setFont(self._tag_font())
        shown = self._shown()
        colors = []
        for i, b in enumerate(self._boxes):
            # Doubt wins over selection: the panel says "orange boxes are doubtful", and a
            # lone doubtful digit (always the selected one) was drawn blue. A selected box
            # is drawn thicker instead.
            color = UNSURE if b.unsure else SELECTED if i == self._selected else SURE
            colors.append(color)
            if shown is not None and i not in shown:
                continue
            r = self._map(b.rect, target, scale).adjusted(-3, -3, 3, 3)
            p.setPen(QPen(color, 2.5 if i == self._selected else 1.5,
                          Qt.PenStyle.DashLine if b.unsure else Qt.PenStyle.SolidLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r, 4, 4)
        for (tag, text), color in zip(self._place_tags(), colors):
            if text:                      # digit boxes of other numbers on a page carry no tag
                p.fillRect(tag, color)
                p.setPen(Qt.GlobalColor.white)
                p.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)



def _covered(tag: QRectF, others: list[QRectF]) -> float:
    """How much of the other numbers' boxes `tag` covers, in square pixels."""
    return sum((part := tag.intersected(o)).width() * part.height() for o in others)
