"""File > Open Image… and File > Save Drawing…: the dialogs, the last folder used, and
what the user is told. Strings keep the MainWindow translation context."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from mnist_desktop.reading.imageio import IMAGE_SUFFIXES


def last_folder(window) -> str:
    return window.settings.value("lastFolder", str(Path.home()))


def open_image(window) -> None:
    patterns = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
    path, _ = QFileDialog.getOpenFileName(
        window, QCoreApplication.translate("MainWindow", "Open Image"), last_folder(window),
        QCoreApplication.translate("MainWindow", "Images ({0});;All files (*)").format(patterns))
    if path:
        window.open_path(path)


def save_drawing(window) -> None:
    """The canvas as a PNG at the screen's resolution; nothing to do for an empty one."""
    canvas = window.recognize.canvas
    status = window.statusBar()
    if canvas.is_empty():
        status.showMessage(QCoreApplication.translate("MainWindow", "Nothing to save: the canvas is empty."), 4000)
        return
    path, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("MainWindow", "Save Drawing"), str(Path(last_folder(window)) / "drawing.png"),
        QCoreApplication.translate("MainWindow", "PNG image (*.png)"))
    if not path:
        return
    if not path.lower().endswith(".png"):
        path += ".png"
    if not canvas.render_image(max(1.0, window.devicePixelRatioF())).save(path, "PNG"):
        window.show_error(QCoreApplication.translate("MainWindow", "Cannot save"),
                          QCoreApplication.translate("MainWindow", "The drawing could not be written to {0}.")
                          .format(path))
        return
    window.settings.setValue("lastFolder", str(Path(path).parent))
    status.showMessage(QCoreApplication.translate("MainWindow", "Saved {0}").format(path), 4000)
