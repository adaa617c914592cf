"""My Samples: the user's saved digits grouped by label; delete (undoable),
relabel, export and import."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from mnist_desktop.gui.error_text import error_text
from mnist_desktop.gui.widgets.sample_grid import SampleGrid
from mnist_desktop.samples import StoreError

log = logging.getLogger(__name__)


def open_store():
    """The user's sample store, or (None, why not): a broken store never stops the app."""
    from mnist_desktop.samples import SampleStore

    try:
        return SampleStore(), ""
    except StoreError as exc:
        log.warning("sample store unavailable: %s", exc)
        return None, error_text(exc)


class _Delete(QUndoCommand):
    def __init__(self, tab: "SamplesTab", ids: list[int]):
        super().__init__(tab.tr("Delete sample"))
        self.tab, self.ids, self.gone = tab, ids, []

    def redo(self):
        self.gone = self.tab.store.delete(self.ids)
        self.tab.refresh()

    def undo(self):
        self.tab.store.restore(self.gone)
        self.tab.refresh()


class _Relabel(QUndoCommand):
    def __init__(self, tab: "SamplesTab", sample_id: int, label: int):
        super().__init__(tab.tr("Relabel sample"))
        self.tab, self.sample_id, self.label, self.old = tab, sample_id, label, None

    def redo(self):
        self.old = self.tab.store.relabel(self.sample_id, self.label)
        self.tab.refresh()

    def undo(self):
        self.tab.store.relabel(self.sample_id, self.old)
        self.tab.refresh()


class SamplesTab(QWidget):
    changed = Signal()

    def __init__(self, store, error: str = "", parent=None):
        super().__init__(parent)
        self.store = store
        self.error = error
        self.undo_stack = QUndoStack(self)
        self.selected: int | None = None       # sample id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.delete_button = QPushButton()
        self.relabel_button = QPushButton()
        self.undo_button = QPushButton()
        self.export_button = QPushButton()
        self.import_button = QPushButton()
        self.clear_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.relabel_button.clicked.connect(self.relabel_selected)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.export_button.clicked.connect(self.export_dialog)
        self.import_button.clicked.connect(self.import_dialog)
        self.clear_button.clicked.connect(self.clear_all)
        # Edit > Undo (Ctrl+Z) follows the tab in front (menus.follow_tab), Edit > Clear
        # Drawing is off here: the keys are this tab's alone.
        for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            QShortcut(QKeySequence(key), self, self.delete_selected)
        buttons = QHBoxLayout()
        for b in (self.delete_button, self.relabel_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.import_button, self.export_button, self.clear_button):
            buttons.addWidget(b)
        self.rows = QVBoxLayout()
        self.headers: list[QLabel] = []
        self.grids: list[SampleGrid] = []
        for d in range(10):
            header = QLabel()
            grid = SampleGrid(columns=16)
            grid.itemClicked.connect(lambda i, d=d: self._select(d, i))
            self.headers.append(header)
            self.grids.append(grid)
            self.rows.addWidget(header)
            self.rows.addWidget(grid)
        self.rows.addStretch(1)
        inner = QWidget()
        inner.setLayout(self.rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self._ids: list[list[int]] = [[] for _ in range(10)]
        self.retranslate()
        self.refresh()

    # -- contents ---------------------------------------------------------------------
    def refresh(self) -> None:
        usable = self.store is not None
        for b in (self.export_button, self.import_button, self.clear_button):
            b.setEnabled(usable)
        items = self.store.all() if usable else []
        self._ids = [[] for _ in range(10)]
        for d in range(10):
            group = [s for s in items if s.label == d]
            self._ids[d] = [s.id for s in group]
            images = np.stack([s.input for s in group]) if group else np.zeros((0, 28, 28), np.uint8)
            captions = ["" if s.predicted in (None, s.label) else self.tr("read {0}").format(s.predicted)
                        for s in group]
            self.grids[d].set_items(images, captions)
            self.headers[d].setText(self.tr("<b>{0}</b> ({1})").format(d, len(group)))
        if self.selected not in {i for ids in self._ids for i in ids}:
            self.selected = None
        self._update_summary(len(items))
        self.changed.emit()

    def _update_summary(self, total: int) -> None:
        for b in (self.delete_button, self.relabel_button):
            b.setEnabled(self.selected is not None)
        if self.store is None:
            self.summary.setText(self.tr("Personal samples are off: {0}").format(self.error))
            return
        self.summary.setText(self.tr(
            "Samples of your handwriting: {0}. Save more from the Recognize tab (type what you wrote "
            "under the result), then fine-tune in the Train tab.").format(total))

    def _select(self, digit: int, index: int) -> None:
        for d, grid in enumerate(self.grids):
            if d != digit:
                grid.clear_selection()
        self.selected = self._ids[digit][index]
        self._update_summary(sum(map(len, self._ids)))

    # -- actions -----------------------------------------------------------------------
    def _guard(self, action) -> None:
        try:
            action()
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("My Samples"), error_text(exc))

    def delete_selected(self) -> None:
        if self.selected is not None:
            self._guard(lambda: self.undo_stack.push(_Delete(self, [self.selected])))

    def relabel_selected(self) -> None:
        if self.selected is None:
            return
        # Offered as it is now: Enter on a 1 must not make it a 0.
        now = next(d for d, ids in enumerate(self._ids) if self.selected in ids)
        label, ok = QInputDialog.getInt(self, self.tr("Relabel"), self.tr("Which digit is it?"), now, 0, 9)
        if ok:
            self.relabel(self.selected, label)

    def relabel(self, sample_id: int, label: int) -> None:
        self._guard(lambda: self.undo_stack.push(_Relabel(self, sample_id, label)))

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Samples"), str(Path.home() / "my-digits.zip"),
                                              self.tr("Zip files (*.zip)"))
        if path:
            self.export_to(path if path.endswith(".zip") else path + ".zip")

    def export_to(self, path: str) -> None:
        try:
            n = self.store.export_zip(path)
        except (StoreError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export Samples"), error_text(exc))
            return
        self.summary.setText(self.tr("Exported {0} samples to {1}.").format(n, path))

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Samples"), str(Path.home()),
                                              self.tr("Zip files (*.zip)"))
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        try:
            added, skipped = self.store.import_zip(path)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Import Samples"), error_text(exc))
            return
        self.refresh()
        self.summary.setText(self.tr("Imported {0} samples ({1} already here).").format(added, skipped))

    def clear_all(self) -> None:
        b = QMessageBox.StandardButton      # No by default: Enter alone must not delete them all
        answer = QMessageBox.question(self, self.tr("Delete All Samples"),
                                      self.tr("Delete every saved sample? Export them first to keep a copy."),
                                      b.Yes | b.No, b.No)
        if answer == QMessageBox.StandardButton.Yes:
            self._guard(lambda: self.undo_stack.push(_Delete(self, [i for ids in self._ids for i in ids])))

    # -- i18n ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip("Del")
        self.relabel_button.setText(self.tr("Relabel…"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.export_button.setText(self.tr("Export…"))
        self.import_button.setText(self.tr("Import…"))
        self.clear_button.setText(self.tr("Delete All…"))
        if self.store is not None or self.error:
            self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
