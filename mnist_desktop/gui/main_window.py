"""The main window: tabs, menus, shortcuts, status bar, settings, open/drop/paste."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMargins, QSettings, QSize, Slot
from PySide6.QtGui import QAction, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QTabWidget

from mnist_desktop import __version__, paths
from mnist_desktop.gui import file_actions, i18n, menus
from mnist_desktop.gui.error_text import error_text
from mnist_desktop.gui.help_texts import ShortcutsDialog, about_text, model_card_text, model_summary
from mnist_desktop.gui.model_watch import ActiveModelWatch
from mnist_desktop.gui.qimage import qimage_to_array
from mnist_desktop.gui.recognition import RecognitionService
from mnist_desktop.gui.recognize_tab import RecognizeTab
from mnist_desktop.gui.samples_tab import SamplesTab, open_store
from mnist_desktop.gui.train_loader import LazyTrainingTabs
from mnist_desktop.reading.imageio import ImageError, page_count, read_image

log = logging.getLogger(__name__)
SETTINGS_VERSION = 1


def _scrolled(page):
    """A tab page that scrolls when the window is shorter than the page needs, so the
    window's minimum size fits a 1024x640 screen whatever the tab."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        if self.settings.value("settingsVersion", 0, int) != SETTINGS_VERSION:
            self.settings.clear()
            self.settings.setValue("settingsVersion", SETTINGS_VERSION)
        self.setAcceptDrops(True)
        self._asked: tuple[str, bool] | None = None   # model file asked for ('' = shipped), show its card
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.service = RecognitionService(self)
        self.recognize = RecognizeTab(self.service)
        self.store, store_error = open_store()
        self.recognize.store, self.recognize.store_error = self.store, store_error
        self.samples_tab = SamplesTab(self.store, store_error)
        self.recognize.samplesSaved.connect(lambda n: self.samples_tab.refresh())
        self.train_tab = None             # built once torch is in, when first shown (_build_training)
        self.compare_page = None          # the Compare tab, built with the Train tab
        self.tabs = QTabWidget()
        self.training = LazyTrainingTabs(self.tabs, self._build_training, _scrolled, self)
        self.tabs.addTab(self.recognize, "")
        self.tabs.addTab(self.training.add_placeholder(), "")
        self.tabs.addTab(_scrolled(self.samples_tab), "")
        self.tabs.addTab(self.training.add_placeholder(), "")
        self.setCentralWidget(self.tabs)
        self.model_label = QLabel()
        self.statusBar().addPermanentWidget(self.model_label)
        self.recognize.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.recognize.timing.connect(self._show_timing)
        self._timing = ""                 # the reading time last shown in the status bar
        self.service.modelLoaded.connect(self._model_loaded)
        self.service.modelFailed.connect(self._model_failed)
        self.service.modelPreparing.connect(self._model_preparing)
        self.service.modelFallback.connect(self._model_fallback)
        self._model_note = ""             # what the status label says while no model reads
        self.model_watch = ActiveModelWatch(lambda: "" if self._asked else self.service.model_path, self)
        self.model_watch.changed.connect(self._changed_outside)
        menus.build(self)
        self._restore()
        self.retranslate()
        if store_error:
            self.statusBar().showMessage(store_error, 15000)
        self.service.load_model("")

    def retranslate(self) -> None:
        # Qt adds the application's name ("… — MNIST Desktop") itself.
        self.setWindowTitle(self.tr("Handwritten digit reader"))
        self.tabs.setTabText(0, self.tr("&Recognize"))
        self.tabs.setTabText(1, self.tr("&Train"))
        self.tabs.setTabText(2, self.tr("My &Samples"))
        self.tabs.setTabText(3, self.tr("C&ompare"))
        if self.train_tab is None:
            self.training.set_text(self.tr("Loading the training tools…"))
        self.menu_file.setTitle(self.tr("&File"))
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
        self.act_model_shipped.setText(self.tr("&Revert to the Shipped Model"))
        self.act_model_info.setText(self.tr("Model &Card…"))
        self.act_about.setText(self.tr("&About MNIST Desktop"))
        self.act_shortcuts.setText(self.tr("&Keyboard Shortcuts"))
        self.act_copy.setText(self.tr("&Copy the Number Read"))
        for a, text in zip(self.tab_actions, (self.tr("&Recognize Tab"), self.tr("&Train Tab"),
                                              self.tr("My &Samples Tab"), self.tr("C&ompare Tab"))):
            a.setText(text)
        self.language_actions[""].setText(self.tr("System Default"))
        self.act_undo.setText(self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo"))
        self._update_model_label()
        self.menu_recent.refill()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- language -----------------------------------------------------------------
    def set_language(self, code: str) -> None:
        i18n.install(code)
        self.settings.setValue("language", code)
        self.language_actions[code].setChecked(True)

    def show_error(self, title: str, text: str) -> None:
        """One sentence and the reason; the app carries on (tests replace this)."""
        QMessageBox.warning(self, title, text)

    # -- images: open, drop, paste, recent -----------------------------------------
    def open_dialog(self) -> None:
        file_actions.open_image(self)

    def open_path(self, path: str) -> bool:
        try:
            image = read_image(path)
        except ImageError as exc:
            if exc.reason == "missing":
                self.menu_recent.remove(str(Path(path).resolve()))
            self.show_error(self.tr("Cannot open image"),
                            self.tr("The file could not be opened as an image.") + "\n\n" + error_text(exc))
            return False
        except MemoryError:
            self.show_error(self.tr("Cannot open image"), self.tr("The image is too large to open."))
            return False
        self.settings.setValue("lastFolder", str(Path(path).parent))
        self.menu_recent.add(str(Path(path).resolve()))
        self.tabs.setCurrentWidget(self.recognize)
        self.recognize.open_array(image, Path(path).name, page_count(path))
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

    def save_drawing(self) -> None:
        file_actions.save_drawing(self)

    # -- models ---------------------------------------------------------------------------
    def open_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Model"), str(paths.models_dir()),
                                              self.tr("PyTorch checkpoints (*.pt *.pth);;All files (*)"))
        if path:
            self.use_model(path, show_card=True)

    def use_shipped_model(self) -> None:
        self.use_model("")

    def use_model(self, path: str, show_card: bool = False) -> None:
        """Load `path` ('' = the shipped model); once it has loaded it is the active model.
        The one place that changes which model is active."""
        self._asked = (path, show_card)
        self.service.load_model(path or str(paths.shipped_model()))

    def _show_timing(self, text: str) -> None:
        """A reading's time, unless another message still shows: a model change reads the
        drawing again at once, and its time replaced the notice of the change."""
        if self.statusBar().currentMessage() in ("", self._timing):
            self._timing = text
            self.statusBar().showMessage(text, 4000)

    def _changed_outside(self) -> None:
        """Another model was made active on the command line (or in another window)."""
        self.service.load_model("")
        self.statusBar().showMessage(self.tr("The active model was changed outside this window; "
                                             "loading that one."), 8000)

    def _build_training(self) -> list:
        """The Train and Compare pages, once torch is in (LazyTrainingTabs puts them in place)."""
        import torch

        from mnist_desktop.gui.compare_page import ComparePage
        from mnist_desktop.gui.train_tab import TrainTab

        tab = TrainTab()
        tab.form.add_devices(torch.cuda.is_available(), torch.backends.mps.is_available())
        tab.modelActivated.connect(self._activate_trained)
        tab.set_active(self.service.model_path, self.service.meta)
        tab.store = self.store
        self.train_tab, self.compare_page = tab, ComparePage()
        return [self.train_tab, self.compare_page]

    def _activate_trained(self, path: str) -> None:
        self.use_model(path)
        self.statusBar().showMessage(self.tr("Now using the model you trained."), 6000)

    @Slot(str, dict)
    def _model_loaded(self, path: str, meta: dict) -> None:
        self._model_note = ""
        self._update_model_label()         # first: a card's modal box below must not hide a stale label
        if self.train_tab is not None:
            self.train_tab.set_active(path, meta)
        if self._asked is not None and Path(path) == Path(self._asked[0] or str(paths.shipped_model())):
            # the load asked for (not the start-up one still on its way) makes a model active
            asked, show_card = self._asked
            self._asked = None
            # (It reads now either way; a record that cannot be written is said in a box.)
            if self._remember_active(Path(path) if asked else None) and show_card:
                self.show_model_card()

    @Slot(str, str)
    def _model_failed(self, path: str, message: str) -> None:
        # Not "preparing" behind the error box: the file was refused, the model did not change.
        if self._model_note and self.statusBar().currentMessage() == self._model_note:
            self.statusBar().clearMessage()
        self._asked, self._model_note = None, ""
        self._update_model_label()
        if self.service.has_model or path:
            why = (self.tr("The file is not a model this app can use; the current model stays active.")
                   if self.service.has_model else self.tr("The file is not a model this app can use."))
            self.show_error(self.tr("Cannot use this model"), why + "\n\n" + message)
            if not self.service.has_model:   # asked for before the start-up model was in
                self.service.load_model("")
        else:
            self._model_note = self.tr("No model")
            why = self.tr("Neither your model nor the shipped one could be loaded, so nothing can be read. Reinstalling the app restores the shipped model.")
            self.show_error(self.tr("No model"), why + "\n\n" + message)
        self._update_model_label()

    @Slot(str)
    def _model_preparing(self, path: str) -> None:
        self._model_note = self.tr("Preparing the model for reading (once)…")
        self._update_model_label()
        self.statusBar().showMessage(self._model_note, 10000)

    @Slot(str, str)
    def _model_fallback(self, bad: str, why: str) -> None:
        """The active model is damaged or gone: the shipped one reads; offer to make that permanent."""
        lost = (self.tr("The record of which model is active, {0}, cannot be read, so the shipped model reads "
                        "instead.") if Path(bad) == paths.active_record()
                else self.tr("Your active model {0} cannot be used, so the shipped model reads instead."))
        text = (lost.format(bad) + "\n\n" + why + "\n\n"
                + self.tr("Revert to the shipped model for good? (Model > Revert to the Shipped Model does the same later; on the command line: mnist-desktop model reset)"))
        if self.ask_revert(text) and self._remember_active(None):
            self.statusBar().showMessage(self.tr("The shipped model is active again."), 6000)

    def _remember_active(self, path: Path | None) -> bool:
        """Record which model reads from now on (None: the shipped one); False, said in a
        box, when the record cannot be written (a folder in its place, a read-only disk)."""
        try:
            paths.set_active_model(path)
            return True
        except OSError as exc:
            where = exc.filename or str(paths.active_record())
            self.show_error(self.tr("Cannot remember the model"),
                            self.tr("{0} cannot be written or removed ({1}), so the next start may read with "
                                    "another model. Move it away and choose again.").format(where, exc.strerror or exc))
            return False

    def ask_revert(self, text: str) -> bool:
        """Yes/no on the damaged active model (tests replace this)."""
        b = QMessageBox.StandardButton
        return QMessageBox.question(self, self.tr("Your model cannot be used"), text, b.Yes | b.No, b.Yes) == b.Yes

    def _update_model_label(self) -> None:
        meta = self.service.meta
        if not meta or self._model_note:
            self.model_label.setText(self._model_note or self.tr("Loading model…"))
            return
        self.model_label.setText(self.tr("Model: {0}").format(model_summary(meta)))
        self.model_label.setToolTip(self.service.model_path)

    def show_model_card(self) -> None:
        QMessageBox.information(self, self.tr("Model Card"), model_card_text(self.service.meta, self.service.model_path))

    def about_text(self) -> str:
        return about_text(__version__, self.service.meta)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About MNIST Desktop"), self.about_text())

    def show_shortcuts(self) -> None:
        """Help > Keyboard Shortcuts (not modal: it can stay open beside the window)."""
        self.shortcuts_dialog = ShortcutsDialog([a for a in self.findChildren(QAction) if a.shortcuts()], self)
        self.shortcuts_dialog.show()

    # -- window state -------------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.settings
        if s.contains("geometry"):
            self.restoreGeometry(s.value("geometry"))
        else:   # a first start: roomy, but never bigger than the screen
            self.resize(self.screen().availableGeometry().size().shrunkBy(QMargins(20, 30, 20, 30)).boundedTo(QSize(1180, 720)))
        if s.contains("windowState"):
            self.restoreState(s.value("windowState"))
        if s.contains("splitter"):
            self.recognize.splitter.restoreState(s.value("splitter"))
        self.recognize.pen.setValue(s.value("penWidth", int(self.recognize.canvas.pen_width), int))
        self.recognize.canvas.restore_json(s.value("drawing", "", str))     # nothing drawn is lost by quitting
        lang = s.value("language", "", str)
        self.language_actions.get(lang, self.language_actions[""]).setChecked(True)

    def save_state(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        s.setValue("windowState", self.saveState())
        s.setValue("splitter", self.recognize.splitter.saveState())
        s.setValue("penWidth", self.recognize.pen.value())
        s.setValue("drawing", self.recognize.canvas.to_json())
        s.sync()

    def ask_stop_training(self) -> bool:
        b = QMessageBox.StandardButton
        return QMessageBox.question(
            self, self.tr("Training is running"),
            self.tr("A model is being trained. Stop the training and quit? The model in training will be lost."),
            b.Yes | b.No, b.No) == b.Yes

    def ask_quit_unsaved(self) -> bool:
        b = QMessageBox.StandardButton
        return QMessageBox.question(
            self, self.tr("Unsaved model"),
            self.tr("The model you trained is not saved. Quit and lose it? (No keeps the window open: "
                    "Use This Model or Save As… on the Train tab's Results page.)"), b.Yes | b.No, b.No) == b.Yes

    def closeEvent(self, event) -> None:
        if self.training.busy() and not self.ask_stop_training():
            event.ignore()
            return
        # A finished run's model lives only in memory until it is saved.
        if (not self.training.busy() and self.train_tab is not None and self.train_tab.unsaved()
                and not self.ask_quit_unsaved()):
            event.ignore()
            return
        self.training.shutdown()        # cancels and waits for training, a comparison, a preview
        self.save_state()
        self.service.shutdown()
        if self.store is not None:
            self.store.close()
            # A closed window still gets LanguageChange events; its tabs must not touch the closed store.
            self.store = self.samples_tab.store = self.recognize.store = None
        event.accept()
