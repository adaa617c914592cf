"""Start the GUI: application object, logging, translations, error hooks, window."""

from __future__ import annotations

import gc
import logging
import sys
import traceback
from importlib import resources

from PySide6.QtCore import QObject, QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from mnist_desktop.gui import i18n

APP_ID = "io.github.mnist_desktop.MnistDesktop"   # .desktop, AppStream and Wayland share it
log = logging.getLogger("mnist_desktop.gui")
qtlog = logging.getLogger("mnist_desktop.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Harmless platform chatter that would otherwise look like a problem.
_QT_NOISE = ("This plugin does not support propagateSizeHints", "QFont::setPointSizeF: Point size <= 0")


def _qt_message(mode, context, message) -> None:
    if any(message.startswith(n) for n in _QT_NOISE):
        return
    qtlog.log(_QT_LEVELS.get(mode, logging.WARNING), message)


def app_icon() -> QIcon:
    icon = QIcon()
    icons = resources.files("mnist_desktop.resources") / "icons"
    for size in (16, 32, 48, 64, 128, 256):
        f = icons / f"{APP_ID}-{size}.png"
        if f.is_file():
            pix = QPixmap()
            pix.loadFromData(f.read_bytes())
            icon.addPixmap(pix)
    return icon


class MainThreadCollector(QObject):
    """Python's cycle collector runs in whichever thread allocates past its threshold:
    a training or reading thread could then destroy the wrapper of a dead widget, which
    Qt allows only on the GUI thread (seen as a deadlock of the GUI thread and a job
    thread in ~QMenu). Automatic collection is off; this collects on the GUI thread,
    every half second, what the thresholds would have (qutebrowser does the same)."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(500)

    def collect(self) -> None:
        t0, t1, t2 = gc.get_threshold()
        n0, n1, n2 = gc.get_count()
        if n0 > t0:
            gc.collect(2 if n2 > t2 else 1 if n1 > t1 else 0)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    if app.findChild(MainThreadCollector) is None:
        MainThreadCollector(app)
    app.setOrganizationName("mnist-desktop")
    app.setApplicationName("mnist-desktop")
    app.setApplicationDisplayName("MNIST Desktop")
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def _dialog_hook(window):
    def hook(exc_type, exc, tb):
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        # One sentence and the reason; the traceback goes to the log, not the user.
        QMessageBox.critical(window, window.tr("Unexpected error"),
                             window.tr("Something went wrong; your drawing is still there.") + f"\n\n{exc_type.__name__}: {exc}")
    return hook


def run(image: str | None = None) -> int:
    """Open the window; logging is configured by the caller (cli.main)."""
    # Before the window: log only (no dialog can be shown yet).
    sys.excepthook = lambda t, e, tb: log.error("".join(traceback.format_exception(t, e, tb)))
    qInstallMessageHandler(_qt_message)
    app = make_app()
    i18n.install(QSettings().value("language", "", str))

    from mnist_desktop.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    sys.excepthook = _dialog_hook(window)
    if image:
        QTimer.singleShot(0, lambda: window.open_path(image))
    return app.exec()
