"""The strip of preprocessing steps, each a small picture with its name."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mnist_desktop.gui.widgets.pixel_view import PixelView

# Step names come from preprocess.py; these are their captions, translated when shown.
_CAPTIONS = {
    "gray": QT_TRANSLATE_NOOP("StepsStrip", "gray"),
    "ink": QT_TRANSLATE_NOOP("StepsStrip", "ink polarity"),
    "flattened": QT_TRANSLATE_NOOP("StepsStrip", "light flattened"),
    "threshold": QT_TRANSLATE_NOOP("StepsStrip", "threshold"),
    "cleaned": QT_TRANSLATE_NOOP("StepsStrip", "specks removed"),
    "crop": QT_TRANSLATE_NOOP("StepsStrip", "crop"),
    "stroke": QT_TRANSLATE_NOOP("StepsStrip", "stroke width"),
    "20x20": QT_TRANSLATE_NOOP("StepsStrip", "fit 20x20"),
    "28x28": QT_TRANSLATE_NOOP("StepsStrip", "centred 28x28"),
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

    def set_steps(self, steps: list) -> None:
        self._steps = list(steps)
        while self._row.count() > 1:
            item = self._row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, (name, picture) in enumerate(self._steps):
            cell = QWidget()
            col = QVBoxLayout(cell)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            view = PixelView(72, grid=False)
            view.set_array(picture)
            label = QLabel(caption(name))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setObjectName(f"step:{name}")
            col.addWidget(view, 0, Qt.AlignmentFlag.AlignHCenter)
            col.addWidget(label)
            self._row.insertWidget(i, cell)

    def step_names(self) -> list[str]:
        return [n for n, _ in self._steps]

    def retranslate(self) -> None:
        self.set_steps(self._steps)
