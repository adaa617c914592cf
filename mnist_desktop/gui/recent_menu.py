"""File > Open Recent: the last images opened, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QMenu

MAX_RECENT = 8


class RecentMenu(QMenu):
    chosen = Signal(str)              # the path picked

    def __init__(self, settings: QSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.refill()

    def files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        return [value] if isinstance(value, str) else list(value or [])

    def add(self, path: str) -> None:
        items = [path] + [p for p in self.files() if p != path]
        self.settings.setValue("recentFiles", items[:MAX_RECENT])
        self.refill()

    def remove(self, path: str) -> None:
        """A file gone from disk leaves the list (picked again, it would only fail again)."""
        items = self.files()
        if path in items:
            self.settings.setValue("recentFiles", [p for p in items if p != path])
            self.refill()

    def forget(self) -> None:
        self.settings.setValue("recentFiles", [])
        self.refill()

    def refill(self) -> None:
        self.clear()
        self.setTitle(self.tr("Open &Recent"))
        items = self.files()
        for i, path in enumerate(items):
            a = self.addAction(f"&{i + 1} {Path(path).name}")
            a.setToolTip(path)
            a.triggered.connect(lambda _=False, p=path: self.chosen.emit(p))
        if items:
            self.addSeparator()
            self.addAction(self.tr("Clear Recent"), self.forget)
        self.setEnabled(bool(items))
