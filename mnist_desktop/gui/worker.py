"""Background jobs for the Train tab: a QObject moved to a QThread, signals only.

Cancel is a threading.Event the training loop polls every step (a queued slot
would only run after fit() returned). The thread is always quit and waited.
Signals carry strings only (progress as JSON); the result waits in `job.result`:
PySide6 signals carrying Python objects across threads are not safe (see
recognition.py).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from mnist_desktop.errors import Cancelled, UserError
from mnist_desktop.gui.error_text import error_text

log = logging.getLogger(__name__)


class Job(QObject):
    """Runs `work(job)` in its own thread; `work` reports through the job's signals."""

    progress = Signal(str)           # JSON: training steps, download files
    epochDone = Signal(str)          # JSON: an epoch's numbers
    succeeded = Signal()             # the work's return value is in .result
    failed = Signal(str)             # one sentence for the user
    cancelled = Signal()
    done = Signal()                  # after any of the three above

    def __init__(self, work: Callable[["Job"], object]):
        super().__init__()
        self._work = work
        self.result = None
        self._cancel = threading.Event()
        self.thread = QThread()
        self.thread.setObjectName("job")
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)
        # Direct: quit() is thread-safe, and a queued call would never run while the
        # GUI thread sits in wait() (closing the window during training).
        self.done.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)

    # Called from the GUI thread: a flag, not a slot, so it takes effect mid-loop.
    def cancel(self) -> None:
        self._cancel.set()

    def should_stop(self) -> bool:
        return self._cancel.is_set()

    def report_step(self, info: dict) -> None:
        self.progress.emit(json.dumps(info))

    def report_epoch(self, info: dict) -> None:
        self.epochDone.emit(json.dumps(info))

    def connect_to(self, *, succeeded, failed, cancelled, progress, epoch, idle) -> None:
        """Wire every signal at once. Pass bound methods of a widget (not lambdas): Qt then
        queues each call to the GUI thread, wherever the job emits from."""
        self.succeeded.connect(succeeded)
        self.failed.connect(failed)
        self.cancelled.connect(cancelled)
        self.progress.connect(progress)
        self.epochDone.connect(epoch)
        self.thread.finished.connect(idle)

    def start(self) -> None:
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def wait(self, ms: int = -1) -> bool:
        return self.thread.wait() if ms < 0 else self.thread.wait(ms)

    @Slot()
    def _run(self) -> None:
        start = time.perf_counter()
        try:
            result = self._work(self)
        except Cancelled:
            self.cancelled.emit()
        except UserError as exc:
            self.failed.emit(error_text(exc))      # in the window's language where it has a reason
        except Exception as exc:  # the worker must always report, never die silently
            log.exception("background job failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.result = result
                self.succeeded.emit()
        finally:
            log.info("job finished in %.1f s", time.perf_counter() - start)
            self.done.emit()
