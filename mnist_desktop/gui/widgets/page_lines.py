"""A page's lines of writing and the numbers in each; Copy puts the page on the
clipboard as tab-separated text (it pastes into a spreadsheet as a table)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

DIGITS = Qt.ItemDataRole.UserRole        # an item's digit indices into result.digits


class PageLines(QWidget):
    numberSelected = Signal(list)        # the digit indices of the number (or line) clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self._result = None
        self.title = QLabel()
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setMinimumHeight(140)       # a few lines stay readable beside the result
        self.tree.itemClicked.connect(self._clicked)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.copy_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(top)
        col.addWidget(self.tree)
        self.setVisible(False)
        self.retranslate()

    def show_result(self, result) -> None:
        """A NumberResult: listed when it holds more than one number, else hidden."""
        self._result = result
        self.tree.clear()
        page = result is not None and result.page
        for k, line in enumerate(result.lines if page else []):
            item = QTreeWidgetItem([self.tr("Line {0}: {1}").format(k + 1, "  ".join(n.text for n in line.numbers))])
            item.setData(0, DIGITS, [i for n in line.numbers for i in n.digits])
            for n in line.numbers:
                child = QTreeWidgetItem([n.text])
                child.setData(0, DIGITS, list(n.digits))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self.setVisible(page)
        self._update_title()

    def select_digit(self, index: int) -> None:
        """Highlight the number that holds digit `index`."""
        for k in range(self.tree.topLevelItemCount()):
            line = self.tree.topLevelItem(k)
            for j in range(line.childCount()):
                child = line.child(j)
                if index in (child.data(0, DIGITS) or []):
                    self.tree.setCurrentItem(child)
                    return

    def text(self) -> str:
        """The page as tab-separated text: a row per line, a cell per number."""
        if self._result is None:
            return ""
        return "\n".join("\t".join(row) for row in self._result.rows())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def _clicked(self, item: QTreeWidgetItem) -> None:
        digits = item.data(0, DIGITS) or []
        if digits:
            self.numberSelected.emit(list(digits))

    def _update_title(self) -> None:
        lines = self.tree.topLevelItemCount()
        self.title.setText(self.tr("Lines of writing: {0}").format(lines))
        self.copy_button.setEnabled(lines > 0)

    def retranslate(self) -> None:
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the page as tab-separated text (pastes into a spreadsheet)"))
        if self._result is not None:
            self.show_result(self._result)
        self._update_title()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
