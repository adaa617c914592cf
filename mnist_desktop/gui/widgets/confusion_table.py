"""A 10x10 confusion matrix as a table, cells shaded by count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


class ConfusionTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(10, 10, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        labels = [str(d) for d in range(10)]
        self.setHorizontalHeaderLabels(labels)
        self.setVerticalHeaderLabels(labels)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(24)

    def set_matrix(self, matrix: list[list[int]]) -> None:
        off = max((v for r, row in enumerate(matrix) for c, v in enumerate(row) if r != c), default=0) or 1
        for r, row in enumerate(matrix):
            total = sum(row) or 1
            for c, v in enumerate(row):
                item = QTableWidgetItem(str(v) if v else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if r == c:
                    item.setBackground(QBrush(QColor(40, 150, 90, int(60 + 120 * v / total))))
                elif v:
                    item.setBackground(QBrush(QColor(220, 70, 40, int(40 + 180 * v / off))))
                self.setItem(r, c, item)

    def value(self, row: int, col: int) -> int:
        item = self.item(row, col)
        return int(item.text()) if item is not None and item.text() else 0
