"""A change of the active model made outside the window reaches the window.

`mnist-desktop model reset` and a second window rewrite (or remove) the record of the
active model; a window already open went on reading with the model it had, its label
naming it, until its next start, while the command had said the shipped one was active.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from mnist_desktop import paths


def _record() -> bytes | str | None:
    """What the record holds now: its bytes, None when there is none, or why it cannot be read."""
    try:
        return paths.active_record().read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:              # a folder in its place, no permission
        return type(exc).__name__


class ActiveModelWatch(QObject):
    """Emits `changed()` when the record of the active model was rewritten by someone
    else to name another model than the one reading. Only a change of the record counts:
    the model reading may differ from it on purpose (a damaged one the user kept, with
    the shipped one reading in its stead), and that is asked about once, at its load."""

    changed = Signal()

    def __init__(self, reading: Callable[[], str], parent: QObject | None = None):
        """`reading()`: the file of the model reading now, or '' while a load is on its way."""
        super().__init__(parent)
        self._reading = reading
        self._seen = _record()
        # The folder also holds the samples' database, whose journal comes and goes with
        # every save: a burst of changes gets one look, a moment after the last.
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self._look)
        self._watcher = QFileSystemWatcher(self)
        folder = paths.active_record().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return                       # no folder for the record: nothing can change it
        # The record is replaced whole (written beside, then renamed) or removed: both
        # change the folder.
        self._watcher.addPath(str(folder))
        self._watcher.directoryChanged.connect(self._timer.start)

    def _look(self) -> None:
        now = _record()
        if now == self._seen:
            return                       # the samples' journal, or the record rewritten the same
        if not self._reading():
            self._timer.start()          # a load on its way (perhaps the window's own): look again after it
            return
        self._seen = now
        if paths.damaged_active_record() is not None:
            return                       # the next start says what is wrong with it
        wanted = paths.active_model() or Path(str(paths.shipped_model()))
        if Path(self._reading()).resolve() != wanted.resolve():
            self.changed.emit()
