"""The main window: tabs, menus, shortcuts, status bar, settings, open/drop/paste."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from mnist_desktop import __version__, paths
from mnist_desktop.gui import i18n
from mnist_desktop.gui.qimage import qimage_to_array
from mnist_desktop.gui.recognition import RecognitionService
from mnist_desktop.gui.recognize_tab import RecognizeTab
from mnist_desktop.gui.samples_tab import SamplesTab
from mnist_desktop.reading.imageio import IMAGE_SUFFIXES, ImageError, read_image

log = logging.getLogger(__name__)
SETTINGS_VERSION = 1
MAX_RECENT = 8


def _open_store():
    """The user's sample store, or (None, why not): a broken store never stops the app."""
    from mnist_desktop.samples import SampleStore, StoreError

    try:
        return SampleStore(), ""
    except StoreError as exc:
        log.warning("sample store unavailable: %s", exc)
        return None, str(exc)


def model_summary(meta: dict) -> str:
    acc = meta.get("test_acc")
    acc_text = f"{acc:.2%}" if isinstance(acc, (int, float)) else "?"
    return f"{meta.get('arch', '?')}, MNIST {acc_text}"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        if self.settings.value("settingsVersion", 0, int) != SETTINGS_VERSION:
            self.settings.clear()
            self.settings.setValue("settingsVersion", SETTINGS_VERSION)
        self.setAcceptDrops(True)
        self.service = RecognitionService(self)
        self.recognize = RecognizeTab(self.service)
        self.store, store_error = _open_store()
        self.recognize.store, self.recognize.store_error = self.store, store_error
        self.samples_tab = SamplesTab(self.store, store_error)
        self.recognize.samplesSaved.connect(lambda n: self.samples_tab.refresh())
        self.train_tab = None             # built once torch is in (see _build_train_tab)
        self.train_placeholder = QLabel()
        self.train_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.recognize, "")
        self.tabs.addTab(self.train_placeholder, "")
        self.tabs.addTab(self.samples_tab, "")
        self.setCentralWidget(self.tabs)
        self.model_label = QLabel()
        self.statusBar().addPermanentWidget(self.model_label)
        self.recognize.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.service.modelLoaded.connect(self._model_loaded)
        self.service.modelFailed.connect(self._model_failed)
        self._build_actions()
        self._restore()
        self.retranslate()
        if store_error:
            self.statusBar().showMessage(store_error, 15000)
        self.service.load_model("")

    # -- actions & menus ---------------------------------------------------------
    def _action(self, slot, shortcut=None, checkable=False) -> QAction:
        a = QAction(self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        canvas = self.recognize.canvas
        S = QKeySequence.StandardKey
        self.act_open = self._action(self.open_dialog, S.Open)
        self.act_paste = self._action(self.paste, S.Paste)
        self.act_save = self._action(self.save_drawing, S.Save)
        self.act_quit = self._action(self.close, S.Quit)
        stack = canvas.undo_stack
        self.act_undo = self._action(stack.undo, S.Undo)
        self.act_redo = self._action(stack.redo, [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)
        self.act_clear = self._action(self.clear_drawing, [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)])
        self.act_model_open = self._action(self.open_model_dialog)
        self.act_model_shipped = self._action(self.use_shipped_model)
        self.act_model_info = self._action(self.show_model_card)
        self.act_about = self._action(self.about)
        self.act_recognize_tab = self._action(lambda: self.tabs.setCurrentIndex(0), "Ctrl+1")
        self.act_train_tab = self._action(lambda: self.tabs.setCurrentIndex(1), "Ctrl+2")
        self.act_samples_tab = self._action(lambda: self.tabs.setCurrentIndex(2), "Ctrl+3")

        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_file.insertAction(self.menu_recent.menuAction(), self.act_open)
        for a in (self.act_paste, self.act_save):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = mb.addMenu("")
        for a in (self.act_undo, self.act_redo, self.act_clear):
            self.menu_edit.addAction(a)
        self.menu_model = mb.addMenu("")
        for a in (self.act_model_open, self.act_model_shipped, self.act_model_info):
            self.menu_model.addAction(a)
        self.menu_view = mb.addMenu("")
        self.menu_view.addAction(self.act_recognize_tab)
        self.menu_view.addAction(self.act_train_tab)
        self.menu_view.addAction(self.act_samples_tab)
        self.menu_language = self.menu_view.addMenu("")
        group = QActionGroup(self)
        self.language_actions = {}
        for code, name in [("", None), *i18n.LANGUAGES.items()]:
            a = QAction(name or "", self, checkable=True)
            a.setData(code)
            a.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(a)
            self.menu_language.addAction(a)
            self.language_actions[code] = a
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)
        self._fill_recent()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("MNIST Desktop — handwritten digit reader"))
        self.tabs.setTabText(0, self.tr("&Recognize"))
        self.tabs.setTabText(1, self.tr("&Train"))
        self.tabs.setTabText(2, self.tr("My &Samples"))
        if getattr(self, "compare_page", None) is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.compare_page), self.tr("C&ompare"))
        if self.train_tab is None:
            self.train_placeholder.setText(self.tr("Loading the training tools…"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Open &Recent"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_model.setTitle(self.tr("&Model"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.act_open.setText(self.tr("&Open Image…"))
        self.act_paste.setText(self.tr("&Paste Image"))
        self.act_save.setText(self.tr("&Save Drawing as PNG…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_clear.setText(self.tr("&Clear Drawing"))
        self.act_model_open.setText(self.tr("&Open Model…"))
        self.act_model_shipped.setText(self.tr("Use the &Shipped Model"))
        self.act_model_info.setText(self.tr("Model &Card…"))
        self.act_about.setText(self.tr("&About MNIST Desktop"))
        self.act_recognize_tab.setText(self.tr("&Recognize Tab"))
        self.act_train_tab.setText(self.tr("&Train Tab"))
        self.act_samples_tab.setText(self.tr("My &Samples Tab"))
        self.language_actions[""].setText(self.tr("System Default"))
        self.act_undo.setText(self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo"))
        self._update_model_label()
        self._fill_recent()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- language -----------------------------------------------------------------
    def set_language(self, code: str) -> None:
        i18n.install(code)
        self.settings.setValue("language", code)
        self.language_actions[code].setChecked(True)

    # -- messages -----------------------------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        """One sentence and the reason; the app carries on (tests replace this)."""
        QMessageBox.warning(self, title, text)

    # -- images: open, drop, paste, recent -----------------------------------------
    def open_dialog(self) -> None:
        patterns = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Image"), self.settings.value("lastFolder", str(Path.home())),
            self.tr("Images ({0});;All files (*)").format(patterns))
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        try:
            image = read_image(path)
        except ImageError as exc:
            self.show_error(self.tr("Cannot open image"),
                            self.tr("The file could not be opened as an image.") + "\n\n" + str(exc))
            return False
        except MemoryError:
            self.show_error(self.tr("Cannot open image"), self.tr("The image is too large to open."))
            return False
        self.settings.setValue("lastFolder", str(Path(path).parent))
        self._add_recent(str(Path(path).resolve()))
        self.tabs.setCurrentWidget(self.recognize)
        self.recognize.open_array(image, Path(path).name)
        self.statusBar().showMessage(self.tr("Opened {0}").format(Path(path).name), 4000)
        return True

    def open_qimage(self, image: QImage, name: str) -> None:
        if image.isNull():
            self.show_error(self.tr("Cannot paste"), self.tr("The clipboard image is empty."))
            return
        self.tabs.setCurrentWidget(self.recognize)
        self.recognize.open_array(qimage_to_array(image), name)

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            self.open_qimage(QImage(mime.imageData()), self.tr("pasted image"))
        elif mime is not None and mime.hasUrls() and mime.urls()[0].isLocalFile():
            self.open_path(mime.urls()[0].toLocalFile())
        else:
            self.show_error(self.tr("Cannot paste"), self.tr("The clipboard holds no image."))

    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasImage() or any(u.isLocalFile() for u in mime.urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if files:
            self.open_path(files[0])
        elif mime.hasImage():
            self.open_qimage(QImage(mime.imageData()), self.tr("dropped image"))
        event.acceptProposedAction()

    def _recent(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _add_recent(self, path: str) -> None:
        items = [path] + [p for p in self._recent() if p != path]
        self.settings.setValue("recentFiles", items[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        if not hasattr(self, "menu_recent"):
            return
        self.menu_recent.clear()
        items = self._recent()
        for i, path in enumerate(items):
            a = self.menu_recent.addAction(f"&{i + 1} {Path(path).name}")
            a.setToolTip(path)
            a.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if items:
            self.menu_recent.addSeparator()
            self.menu_recent.addAction(self.tr("Clear Recent"), self._clear_recent)
        self.menu_recent.setEnabled(bool(items))

    def _clear_recent(self) -> None:
        self.settings.setValue("recentFiles", [])
        self._fill_recent()

    # -- drawing ---------------------------------------------------------------------
    def clear_drawing(self) -> None:
        self.recognize.set_mode(0)
        self.recognize.canvas.clear()

    def save_drawing(self) -> None:
        canvas = self.recognize.canvas
        if canvas.is_empty():
            self.statusBar().showMessage(self.tr("Nothing to save: the canvas is empty."), 4000)
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save Drawing"), str(Path(self.settings.value("lastFolder", str(Path.home()))) / "drawing.png"),
            self.tr("PNG image (*.png)"))
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        if not canvas.render_image(max(1.0, self.devicePixelRatioF())).save(path, "PNG"):
            self.show_error(self.tr("Cannot save"), self.tr("The drawing could not be written to {0}.").format(path))
            return
        self.settings.setValue("lastFolder", str(Path(path).parent))
        self.statusBar().showMessage(self.tr("Saved {0}").format(path), 4000)

    # -- models ---------------------------------------------------------------------------
    def open_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Model"), str(paths.models_dir()),
                                              self.tr("PyTorch checkpoints (*.pt *.pth);;All files (*)"))
        if path:
            self._asked_model = path
            self.service.load_model(path)

    def use_shipped_model(self) -> None:
        paths.set_active_model(None)
        self._asked_model = ""
        self.service.load_model(str(paths.shipped_model()))

    def _build_train_tab(self) -> None:
        import torch

        from mnist_desktop.gui.train_tab import TrainTab

        tab = TrainTab()
        tab.settings.add_devices(torch.cuda.is_available(), torch.backends.mps.is_available())
        tab.modelActivated.connect(self._activate_trained)
        tab.active_meta = dict(self.service.meta)
        tab.active_path = self.service.model_path
        tab.store = self.store
        current = self.tabs.currentIndex()
        self.tabs.removeTab(1)
        self.tabs.insertTab(1, tab, self.tr("&Train"))
        self.tabs.setCurrentIndex(current)
        self.train_placeholder.deleteLater()
        self.train_tab = tab
        from mnist_desktop.gui.compare_page import ComparePage

        self.compare_page = ComparePage()
        self.tabs.addTab(self.compare_page, self.tr("C&ompare"))

    def _activate_trained(self, path: str) -> None:
        self.service.load_model(path)
        self.statusBar().showMessage(self.tr("Now using the model you trained."), 6000)

    @Slot(str, dict)
    def _model_loaded(self, path: str, meta: dict) -> None:
        if self.train_tab is None:
            self._build_train_tab()
        self.train_tab.active_meta = dict(meta)
        self.train_tab.active_path = path
        asked = getattr(self, "_asked_model", None)
        if asked:
            paths.set_active_model(Path(path))
            self._asked_model = None
            self.show_model_card()
        self._update_model_label()

    @Slot(str, str)
    def _model_failed(self, path: str, message: str) -> None:
        self._asked_model = None
        self.show_error(self.tr("Cannot use this model"),
                        self.tr("The file is not a model this app can use; the current model stays active.")
                        + "\n\n" + message)
        if not self.service.has_model and path:
            self.service.load_model(str(paths.shipped_model()))

    def _update_model_label(self) -> None:
        meta = self.service.meta
        if not meta:
            self.model_label.setText(self.tr("Loading model…"))
            return
        self.model_label.setText(self.tr("Model: {0}").format(model_summary(meta)))
        self.model_label.setToolTip(self.service.model_path)

    def model_card_text(self) -> str:
        meta = self.service.meta
        if not meta:
            return self.tr("No model is loaded yet.")
        acc = meta.get("test_acc")
        lines = [
            self.tr("File: {0}").format(self.service.model_path),
            self.tr("Architecture: {0} ({1:,} parameters)").format(meta.get("arch", "?"), meta.get("parameters", 0)),
            self.tr("MNIST test accuracy: {0}").format(f"{acc:.2%}" if isinstance(acc, (int, float)) else "?"),
            self.tr("Trained: {0}").format(meta.get("date", "?")),
            self.tr("Command: {0}").format(meta.get("command", "?")),
        ]
        return "\n".join(lines)

    def show_model_card(self) -> None:
        QMessageBox.information(self, self.tr("Model Card"), self.model_card_text())

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About MNIST Desktop"),
                          self.tr("MNIST Desktop {0}\nReads handwritten digits and numbers from drawings, scans and photos.\n\nActive model:\n{1}").format(__version__, self.model_card_text()))

    # -- window state -------------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.settings
        if s.contains("geometry"):
            self.restoreGeometry(s.value("geometry"))
        else:
            self.resize(1180, 720)
        if s.contains("windowState"):
            self.restoreState(s.value("windowState"))
        if s.contains("splitter"):
            self.recognize.splitter.restoreState(s.value("splitter"))
        self.recognize.pen.setValue(s.value("penWidth", int(self.recognize.canvas.pen_width), int))
        lang = s.value("language", "", str)
        self.language_actions.get(lang, self.language_actions[""]).setChecked(True)

    def save_state(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        s.setValue("windowState", self.saveState())
        s.setValue("splitter", self.recognize.splitter.saveState())
        s.setValue("penWidth", self.recognize.pen.value())
        s.sync()

    def ask_stop_training(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Training is running"),
            self.tr("A model is being trained. Stop the training and quit? The model in training will be lost."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event) -> None:
        compare = getattr(self, "compare_page", None)
        if (self.train_tab is not None and self.train_tab.busy()) or (compare is not None and compare.busy()):
            if not self.ask_stop_training():
                event.ignore()
                return
            self.train_tab.cancel_and_wait()
            if compare is not None:
                compare.cancel_and_wait()
        self.save_state()
        self.service.shutdown()
        if self.store is not None:
            self.store.close()
        event.accept()
