"""The main window's actions, shortcuts and menus; their texts are set in
MainWindow.retranslate (one translation context for all of them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup

from mnist_desktop.gui import i18n
from mnist_desktop.gui.recent_menu import RecentMenu

RECOGNIZE, TRAIN, SAMPLES, COMPARE = range(4)     # the tabs, in order


def _action(win, slot, shortcut=None) -> QAction:
    a = QAction(win)
    if shortcut is not None:
        a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
    a.triggered.connect(slot)
    return a


def build(win) -> None:
    """Every action of `win` as an attribute (act_*), and the menu bar."""
    S = QKeySequence.StandardKey
    win.act_open = _action(win, win.open_dialog, S.Open)
    win.act_paste = _action(win, win.paste, S.Paste)
    win.act_save = _action(win, win.save_drawing, S.Save)
    win.act_quit = _action(win, win.close, S.Quit)
    # Edit > Undo undoes on the tab in front: a stroke on Recognize, a deleted or
    # relabelled sample on My Samples (two window-wide Ctrl+Z had Qt run neither).
    win.undo_group = QUndoGroup(win)
    win.undo_group.addStack(win.recognize.canvas.undo_stack)
    win.undo_group.addStack(win.samples_tab.undo_stack)
    canvas = win.recognize.canvas

    def undo() -> None:
        # With the pen down it takes back the stroke being drawn: the stack's own undo took
        # the last finished one, which the new stroke's push then dropped from the redo history.
        if win.undo_group.activeStack() is not canvas.undo_stack or not canvas.cancel_stroke():
            win.undo_group.undo()

    win.act_undo = _action(win, undo, S.Undo)
    win.act_redo = _action(win, win.undo_group.redo, [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    win.undo_group.canUndoChanged.connect(win.act_undo.setEnabled)
    win.undo_group.canRedoChanged.connect(win.act_redo.setEnabled)
    win.act_clear = _action(win, win.recognize.clear_drawing,
                            [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)])
    win.act_model_open = _action(win, win.open_model_dialog)
    win.act_model_shipped = _action(win, win.use_shipped_model)
    win.act_model_info = _action(win, win.show_model_card)
    win.act_copy = _action(win, win.recognize.copy_number, S.Copy)
    win.act_about = _action(win, win.about)
    win.act_shortcuts = _action(win, win.show_shortcuts, S.HelpContents)
    win.tab_actions = [_action(win, lambda _=False, i=i: win.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
                       for i in (RECOGNIZE, TRAIN, SAMPLES, COMPARE)]

    mb = win.menuBar()
    win.menu_file = mb.addMenu("")
    win.menu_recent = RecentMenu(win.settings, win.menu_file)
    win.menu_recent.chosen.connect(win.open_path)
    win.menu_file.addMenu(win.menu_recent)
    win.menu_file.insertAction(win.menu_recent.menuAction(), win.act_open)
    for a in (win.act_paste, win.act_save):
        win.menu_file.addAction(a)
    win.menu_file.addSeparator()
    win.menu_file.addAction(win.act_quit)
    win.menu_edit = mb.addMenu("")
    for a in (win.act_undo, win.act_redo, win.act_copy, win.act_clear):
        win.menu_edit.addAction(a)
    win.menu_model = mb.addMenu("")
    for a in (win.act_model_open, win.act_model_shipped, win.act_model_info):
        win.menu_model.addAction(a)
    win.menu_view = mb.addMenu("")
    for a in win.tab_actions:
        win.menu_view.addAction(a)
    win.menu_language = win.menu_view.addMenu("")
    group = QActionGroup(win)
    win.language_actions = {}
    for code, name in [("", None), *i18n.LANGUAGES.items()]:
        a = QAction(name or "", win, checkable=True)
        a.setData(code)
        a.triggered.connect(lambda _=False, c=code: win.set_language(c))
        group.addAction(a)
        win.menu_language.addAction(a)
        win.language_actions[code] = a
    win.menu_help = mb.addMenu("")
    win.menu_help.addAction(win.act_shortcuts)
    win.menu_help.addAction(win.act_about)
    win.tabs.currentChanged.connect(lambda index: follow_tab(win, index))
    follow_tab(win, win.tabs.currentIndex())


def follow_tab(win, index: int) -> None:
    """Undo and Delete act on the tab in front: on My Samples, Delete deletes the
    selected sample (its own shortcut), not the drawing out of sight."""
    stacks = {RECOGNIZE: win.recognize.canvas.undo_stack, SAMPLES: win.samples_tab.undo_stack}
    win.undo_group.setActiveStack(stacks.get(index))
    win.act_clear.setEnabled(index == RECOGNIZE)
