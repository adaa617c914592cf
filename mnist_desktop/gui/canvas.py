"""The drawing canvas: smooth strokes, undo per stroke, digit boxes on top.

Strokes are kept as points (logical pixels) and painted as vector paths, so they
stay crisp on HiDPI screens; recognition gets a 1x rendering (`to_array`).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen,
                           QTabletEvent, QUndoCommand, QUndoStack)
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_desktop.gui.boxes import BoxOverlay
from mnist_desktop.gui.qimage import gray_of_rgb32
from mnist_desktop.reading.strokes import PenStroke

DEFAULT_PEN = 14.0
SMALL_FOR_PEN = 3.5      # a digit's ink box under this many pen widths is too small to trust
INK = QColor(20, 20, 20)
PAPER = QColor(255, 255, 255)


@dataclass
class Stroke:
    width: float
    points: list[QPointF] = field(default_factory=list)
    pressures: list[float] = field(default_factory=list)   # empty for mouse strokes
    start: float = 0.0          # time.monotonic() when the pen went down and came up (0: unknown)
    end: float = 0.0

    def path(self) -> QPainterPath:
        """A smooth path through every sampled point (centripetal Catmull-Rom).

        The curve passes through the points the pen passed, so a fast corner keeps
        its tip; the centripetal form never loops or overshoots when fast input
        leaves the samples unevenly spaced.
        """
        pts = self.points
        path = QPainterPath(pts[0])
        if len(pts) == 1:
            path.lineTo(pts[0] + QPointF(0.01, 0))        # a dot still paints a round cap
            return path
        ext = [pts[0], *pts, pts[-1]]
        for i in range(1, len(ext) - 2):
            c1, c2 = _bezier_controls(ext[i - 1], ext[i], ext[i + 1], ext[i + 2])
            path.cubicTo(c1, c2, ext[i + 1])
        return path


def _pressed(width: float, pressure: float) -> float:
    """The width a pen of `width` paints at `pressure` (0..1)."""
    return width * (0.35 + 0.9 * pressure)


def _bezier_controls(p0: QPointF, p1: QPointF, p2: QPointF, p3: QPointF) -> tuple[QPointF, QPointF]:
    """Control points of the cubic Bezier equal to the centripetal Catmull-Rom segment
    p1 -> p2 (Yuksel et al., "Parameterization and applications of Catmull-Rom curves")."""
    def dist(a: QPointF, b: QPointF) -> float:
        return max(((a.x() - b.x()) ** 2 + (a.y() - b.y()) ** 2) ** 0.25, 1e-6)   # |ab| ** 0.5

    d1, d2, d3 = dist(p0, p1), dist(p1, p2), dist(p2, p3)
    if p0 == p1:
        c1 = p1 + (p2 - p1) / 3
    else:
        c1 = (p2 * d1 * d1 - p0 * d2 * d2 + p1 * (2 * d1 * d1 + 3 * d1 * d2 + d2 * d2)) / (3 * d1 * (d1 + d2))
    if p2 == p3:
        c2 = p2 + (p1 - p2) / 3
    else:
        c2 = (p1 * d3 * d3 - p3 * d2 * d2 + p2 * (2 * d3 * d3 + 3 * d3 * d2 + d2 * d2)) / (3 * d3 * (d3 + d2))
    return c1, c2


class _AddStroke(QUndoCommand):
    def __init__(self, canvas: "Canvas", stroke: Stroke):
        super().__init__(canvas.tr("Draw stroke"))
        self.canvas, self.stroke = canvas, stroke

    def redo(self):
        self.canvas._strokes.append(self.stroke)
        self.canvas._changed()

    def undo(self):
        self.canvas._strokes.remove(self.stroke)
        self.canvas._changed()


class _Clear(QUndoCommand):
    def __init__(self, canvas: "Canvas"):
        super().__init__(canvas.tr("Clear"))
        self.canvas, self.saved = canvas, list(canvas._strokes)

    def redo(self):
        self.canvas._strokes.clear()
        self.canvas._changed()

    def undo(self):
        self.canvas._strokes[:] = self.saved
        self.canvas._changed()


class Canvas(BoxOverlay, QWidget):
    changed = Signal()        # a stroke was added, undone, redone or cleared
    drawing = Signal()        # the stroke in progress grew (for live recognition)
    boxMenuRequested = Signal(int, QPoint)   # a digit's box right-clicked (BoxOverlay)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.pen_width = DEFAULT_PEN
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._tablet = False
        self._revision = 0        # grows with every change of the ink: a read's identity
        self._unread_view = False  # a resize showed more or less of the drawing than was read
        self._view_size = QSize()  # the size of the last resize (invalid: none yet)
        self._reread = QTimer(self, singleShot=True, interval=150, timeout=self._read_view)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Drawing canvas"))

    def sizeHint(self) -> QSize:
        return QSize(720, 360)   # room for a 4-5 digit number

    # -- state -------------------------------------------------------------
    @property
    def strokes(self) -> list[Stroke]:
        return list(self._strokes)

    @property
    def revision(self) -> int:
        """Changes whenever the ink changes (stroke added, growing, undone, cleared)."""
        return self._revision

    def pen_width_in(self, rect: QRectF) -> float:
        """The widest pen among the strokes that pass through `rect` (else the current pen)."""
        widths = [s.width for s in self._strokes if any(rect.contains(p) for p in s.points)]
        return max(widths, default=self.pen_width)

    def pen_strokes(self) -> list[PenStroke]:
        """The strokes as reading takes them (to_array's pixels, in drawing order), the
        one being drawn included, each at the widest its pressure painted it."""
        now = time.monotonic()
        strokes = self._strokes + ([self._current] if self._current else [])
        return [PenStroke(np.array([(p.x(), p.y()) for p in s.points], np.float64),
                          _pressed(s.width, max(s.pressures)) if s.pressures else s.width,
                          s.start, s.end or now)
                for s in strokes if s.points]

    def doubts(self, boxes: list[tuple]) -> dict[int, str]:
        """Why a reading of each digit box (x, y, w, h) cannot be trusted, whatever the
        model's confidence: "drawing" (the pen is still on it: half a 2 reads a sure 7),
        "cut" (strokes went past the canvas's edge there and were lost), "hidden" (other
        strokes are wholly out of sight, so the number lacks them), "small" (not
        much taller than the pen is wide: an 18 px 4 with a 14 px pen reads as 1)."""
        area = QRectF(self.rect())
        strokes = self._strokes + ([self._current] if self._current else [])

        def cut(s: Stroke, near: QRectF) -> bool:
            # Its own stroke (most of its ink on the canvas is in this box, not a
            # neighbour's that touches it) left the canvas by more than half the pen.
            shown = [p for p in s.points if area.contains(p)]
            edge = area.adjusted(-s.width / 2, -s.width / 2, s.width / 2, s.width / 2)
            return (2 * sum(near.contains(p) for p in shown) > len(shown)
                    and any(not edge.contains(p) for p in s.points))

        # A stroke wholly out of sight (a drawing kept from a larger window) is no digit's,
        # but the number read lacks it: every digit is in doubt.
        hidden = any(not any(area.contains(p) for p in s.points) for s in self._strokes)
        out = {}
        for i, box in enumerate(boxes):
            rect = QRectF(*box)
            near = rect.adjusted(-2, -2, 2, 2)
            through = [s for s in strokes if any(near.contains(p) for p in s.points)]
            if self._current is not None and self._current in through:
                out[i] = "drawing"
            elif any(cut(s, near) for s in through):
                out[i] = "cut"
            elif hidden:
                out[i] = "hidden"         # (the digit itself is whole: it may be saved as a sample)
            elif max(rect.width(), rect.height()) < SMALL_FOR_PEN * self.pen_width_in(rect):
                out[i] = "small"
        return out

    def to_json(self) -> str:
        """The finished strokes, kept across a restart ("" when empty): times as offsets,
        so that their order and pauses still tell the digits apart."""
        if not self._strokes:
            return ""
        t0 = min(s.start for s in self._strokes)
        return json.dumps([{"w": s.width, "p": [[round(p.x(), 1), round(p.y(), 1)] for p in s.points],
                            "q": s.pressures, "t": [s.start - t0, s.end - t0]} for s in self._strokes])

    def restore_json(self, text: str) -> bool:
        """The strokes to_json() kept, drawn again (each an undo step, as it was);
        False, the canvas untouched, when `text` is not such a list (a damaged setting)."""
        try:
            now = time.monotonic() - 60.0            # drawn a while ago, in the order kept
            strokes = [Stroke(float(d["w"]), [QPointF(float(x), float(y)) for x, y in d["p"]],
                              [float(q) for q in d["q"]], now + float(d["t"][0]), now + float(d["t"][1]))
                       for d in json.loads(text)]
        except (ValueError, TypeError, KeyError, IndexError):
            return False
        def sound(s: Stroke) -> bool:       # what painting and reading take for granted
            numbers = [s.width, s.start, s.end, *s.pressures, *(c for p in s.points for c in (p.x(), p.y()))]
            return (bool(s.points) and s.width > 0 and s.start <= s.end and len(s.pressures) in (0, len(s.points))
                    and all(math.isfinite(v) for v in numbers))

        if not all(sound(s) for s in strokes):
            return False
        for stroke in strokes:                 # each an undo step, as when it was drawn
            self.undo_stack.push(_AddStroke(self, stroke))
        return True

    def drawing_now(self) -> bool:
        """Whether a stroke is in progress (the pen is down)."""
        return self._current is not None

    def cancel_stroke(self) -> bool:
        """Take back the stroke in progress, if any (Undo with the pen down)."""
        if self._current is None:
            return False
        self._current, self._tablet = None, False
        self._changed()
        return True

    def is_empty(self) -> bool:
        return not self._strokes and self._current is None

    def clear(self) -> None:
        if self._strokes:
            self.undo_stack.push(_Clear(self))

    def add_stroke(self, points: list[QPointF], width: float | None = None) -> None:
        """Add a finished stroke (also used by tests and scripted input)."""
        if points:
            self.undo_stack.push(_AddStroke(self, Stroke(width or self.pen_width, list(points))))

    def _changed(self) -> None:
        self._revision += 1
        self.set_boxes([])
        self.update()
        self.changed.emit()

    def overlay_geometry(self) -> tuple[QRectF, float]:
        return QRectF(0, 0, self.width(), self.height()), 1.0

    # -- rendering -----------------------------------------------------------
    def render_image(self, scale: float = 1.0, transparent: bool = False) -> QImage:
        size = self.size() * scale
        img = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent if transparent else PAPER)
        p = QPainter(img)
        p.scale(scale, scale)
        self._paint_strokes(p)
        p.end()
        return img

    def to_array(self) -> np.ndarray:
        """What recognition reads: the drawing at 1x, gray."""
        return gray_of_rgb32(self.render_image())

    def _paint_strokes(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        strokes = self._strokes + ([self._current] if self._current else [])
        for s in strokes:
            if not s.points:
                continue
            if s.pressures:
                # Pressure varies along the stroke: one segment per sample.
                for i in range(1, len(s.points)):
                    w = _pressed(s.width, s.pressures[i])
                    p.setPen(QPen(INK, w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
                    p.drawLine(s.points[i - 1], s.points[i])
                if len(s.points) == 1:
                    p.setPen(QPen(INK, s.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                    p.drawPoint(s.points[0])
                continue
            p.setPen(QPen(INK, s.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(s.path())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), PAPER)
        if self.is_empty():
            p.setPen(QColor(150, 150, 150))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       self.tr("Draw a digit or a number here"))
        self._paint_strokes(p)
        self.paint_boxes(p)
        p.end()

    # -- input -------------------------------------------------------------------
    def mousePressEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton and not self._tablet:
            self._current = Stroke(self.pen_width, [e.position()], start=time.monotonic())
            self._revision += 1
            self.set_boxes([])
            self.update()
            self.drawing.emit()
        else:
            super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if self._current is not None and not self._tablet:
            self._extend(e.position())

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton and self._current is not None and not self._tablet:
            self._extend(e.position())
            self._finish()

    def tabletEvent(self, e: QTabletEvent) -> None:
        t = e.type()
        if t == QTabletEvent.Type.TabletPress:
            self._tablet = True
            self._current = Stroke(self.pen_width, [e.position()], [e.pressure()], start=time.monotonic())
            self._revision += 1
            self.set_boxes([])
            self.drawing.emit()
        elif t == QTabletEvent.Type.TabletMove and self._current is not None:
            self._current.pressures.append(e.pressure())
            self._extend(e.position())
        elif t == QTabletEvent.Type.TabletRelease and self._current is not None:
            self._tablet = False
            self._finish()
        e.accept()

    def _extend(self, pos: QPointF) -> None:
        s = self._current
        if s.points and (s.points[-1] - pos).manhattanLength() < 0.5:
            return
        s.points.append(pos)
        self._revision += 1
        if s.pressures and len(s.pressures) < len(s.points):
            s.pressures.append(s.pressures[-1])
        # Only the new segment needs repainting; the path joins it to the last one.
        # Only the tail needs repainting: the last curve segment changes shape as points come.
        margin = s.width * 1.5
        xs = [p.x() for p in s.points[-4:]]
        ys = [p.y() for p in s.points[-4:]]
        tail = QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))
        self.update(tail.adjusted(-margin, -margin, margin, margin).toAlignedRect())
        self.drawing.emit()

    def _finish(self) -> None:
        stroke, self._current = self._current, None
        stroke.end = time.monotonic()
        self.undo_stack.push(_AddStroke(self, stroke))

    def resizeEvent(self, event) -> None:
        # A drawing kept from a larger window (or ink past the edge) shows more or less of
        # itself at the new size: the reading of the old view no longer belongs to what is
        # shown ("12" stayed after the window grew to show the "34" below it), so read again,
        # once the resizing stops (a splitter drag), or when a hidden canvas is shown again.
        super().resizeEvent(event)
        # (A hidden canvas's resize comes late and without its old size: keep our own.)
        old, new, self._view_size = self._view_size, event.size(), event.size()
        if not old.isValid() or self._current is not None:
            return
        was, now = QRectF(0, 0, old.width(), old.height()), QRectF(0, 0, new.width(), new.height())
        for s in self._strokes:
            ink = s.path().boundingRect().adjusted(-s.width / 2, -s.width / 2, s.width / 2, s.width / 2)
            if ink.intersected(was) != ink.intersected(now):
                self._unread_view = True
                break
        if self._unread_view and self.isVisible():
            self._reread.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._unread_view:
            self._reread.start()

    def _read_view(self) -> None:
        if self._unread_view and self._current is None:
            self._unread_view = False
            self._changed()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.setAccessibleName(self.tr("Drawing canvas"))
            self.update()
        super().changeEvent(event)
