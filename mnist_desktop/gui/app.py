"""Start the GUI: application object, logging, translations, error hooks, window."""

from __future__ import annotations

import logging
import sys
import traceback
from importlib import resources

from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
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


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
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
