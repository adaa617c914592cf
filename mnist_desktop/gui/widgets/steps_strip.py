"""The strip of preprocessing steps, each a small picture with its name."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mnist_desktop.gui.widgets.pixel_view import PixelView

THUMB_SIDE = 144

# Step names come from preprocess.py; these are their captions, translated when shown.
_CAPTIONS = {
    "gray": QT_TRANSLATE_NOOP("StepsStrip", "gray"),
    "page": QT_TRANSLATE_NOOP("StepsStrip", "page found, desk left out"),
    "ink": QT_TRANSLATE_NOOP("StepsStrip", "ink polarity"),
    "flattened": QT_TRANSLATE_NOOP("StepsStrip", "light flattened"),
    "threshold": QT_TRANSLATE_NOOP("StepsStrip", "threshold"),
    "surroundings": QT_TRANSLATE_NOOP("StepsStrip", "desk beside the page removed"),
    "cleaned": QT_TRANSLATE_NOOP("StepsStrip", "specks removed"),
    "rules removed": QT_TRANSLATE_NOOP("StepsStrip", "rules removed"),
    "crop": QT_TRANSLATE_NOOP("StepsStrip", "crop"),
    "stroke": QT_TRANSLATE_NOOP("StepsStrip", "stroke width"),
    "enlarged": QT_TRANSLATE_NOOP("StepsStrip", "small digit: enlarged in gray"),
    "20x20": QT_TRANSLATE_NOOP("StepsStrip", "fit 20x20"),
    "28x28": QT_TRANSLATE_NOOP("StepsStrip", "centred 28x28"),
    "as is": QT_TRANSLATE_NOOP("StepsStrip", "MNIST's format: read as is"),
}


def caption(name: str) -> str:
    return QCoreApplication.translate("StepsStrip", _CAPTIONS[name]) if name in _CAPTIONS else name


class StepsStrip(QScrollArea):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._inner = QWidget()
        self._row = QHBoxLayout(self._inner)
        self._row.setContentsMargins(2, 2, 2, 2)
        self._row.addStretch(1)
        self.setWidget(self._inner)
        self.setFixedHeight(120)
        self._steps: list = []
        self._thumbnails: dict = {}
        self._cells: list[tuple[QWidget, PixelView, QLabel]] = []

    def set_steps(self, steps: list, thumbnails: dict | None = None) -> None:
        """Show (name, picture) pairs; cells are reused, so live drawing stays cheap.

        `thumbnails` maps id(picture) to a QImage already shrunk off the GUI thread.
        """
        self._steps = list(steps)
        self._thumbnails = thumbnails or {}
        while len(self._cells) < len(self._steps):
            cell = QWidget()
            col = QVBoxLayout(cell)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            view = PixelView(THUMB_SIDE // 2, grid=False)
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            col.addWidget(view, 0, Qt.AlignmentFlag.AlignHCenter)
            col.addWidget(label)
            self._row.insertWidget(len(self._cells), cell)
            self._cells.append((cell, view, label))
        for i, (cell, view, label) in enumerate(self._cells):
            if i < len(self._steps):
                name, picture = self._steps[i]
                ready = self._thumbnails.get(id(picture))
                if ready is not None:
                    view.set_image(ready)
                else:
                    view.set_array(picture)
                label.setText(caption(name))
                label.setObjectName(f"step:{name}")
            cell.setVisible(i < len(self._steps))

    def step_names(self) -> list[str]:
        return [n for n, _ in self._steps]

    def retranslate(self) -> None:
        self.set_steps(self._steps, self._thumbnails)
