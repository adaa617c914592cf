"""Clear button, Ctrl+C, Help pages, window title and plurals (issue 15 items 9, 10, 12, 16)."""


import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from mnist_desktop.gui.help_texts import reproduce_command, retrain_commands
from test_gui_recognize import drag, ellipse, line, read_text


def test_clear_button_beside_the_pen_control(window, qtbot):
    tab = window.recognize
    button = tab.clear_button
    assert button.isVisible() and button.text() == "Clear"
    # On the same row as the pen slider, right beside it.
    assert button.parentWidget() is tab.pen.parentWidget()
    assert abs(button.geometry().center().y() - tab.pen.geometry().center().y()) < 8
    assert 0 <= button.geometry().left() - tab.pen.geometry().right() < 40
    drag(qtbot, tab.canvas, line((360, 60), (360, 300)))
    read_text(window, qtbot, "1")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert tab.canvas.is_empty() and tab.result is None


def test_ctrl_c_copies_the_number_read(window, qtbot):
    tab = window.recognize
    QGuiApplication.clipboard().setText("before")
    QTest.keyClick(tab.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "before"        # nothing read yet: nothing copied
    drag(qtbot, tab.canvas, line((200, 70), (200, 300)))
    drag(qtbot, tab.canvas, ellipse(380, 185, 70, 115))
    read_text(window, qtbot, "10")
    QTest.keyClick(tab.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "10"


def test_help_lists_the_keyboard_shortcuts(window, qtbot):
    assert window.act_shortcuts in window.menu_help.actions()
    window.act_shortcuts.trigger()
    dialog = window.shortcuts_dialog
    assert dialog.isVisible()
    rows = dict(dialog.rows())
    assert rows["Copy the Number Read"] == "Ctrl+C"
    assert rows["Clear Drawing"].startswith("Del")
    assert rows["Open Image…"] == "Ctrl+O" and rows["Undo"] == "Ctrl+Z"
    # ... and the keys of one tab or window, which are on no menu (they were missing).
    assert rows["Delete the selected sample (My Samples)"].startswith("Del")
    assert rows["Cancel the training (Train)"] == "Esc" and rows["Close Inside the Network"] == "Esc,  Ctrl+W"
    assert rows["Compare Tab"] == "Ctrl+4"
    dialog.close()


def test_window_title_does_not_repeat_the_app_name(window):
    assert QCoreApplication.instance().applicationDisplayName() == "MNIST Desktop"   # Qt adds it
    assert "MNIST Desktop" not in window.windowTitle()
    assert window.windowTitle()


def test_about_shows_accuracy_local_date_and_how_to_train_again_without_paths(window):
    meta = dict(window.service.meta)
    assert meta.get("command")
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("de_DE"))
        text = window.about_text()
    finally:
        QLocale.setDefault(before)
    assert "99.71%" in text                               # the shipped model's accuracy
    assert "2. Dezember 2026" in text                     # 2026-12-02, as a German writes it
    assert "2026-12-02" not in text
    # Its two members, each saved under the name the ensemble command then reads.
    for seed in range(2):
        assert f"mnist-desktop train --preset shipped --seed {seed} --out member{seed}.pt" in text
    assert "mnist-desktop ensemble member0.pt member1.pt" in text
    assert "/" not in text and "--data" not in text and "--json" not in text


def test_reproduce_command_drops_paths_only():
    cmd = "mnist-desktop train --preset shipped --seed 1 --data ../shared/data/mnist --out /tmp/runs/x.pt --json"
    assert reproduce_command(cmd) == "mnist-desktop train --preset shipped --seed 1"
    assert reproduce_command("mnist-desktop train --epochs 3 --data=/home/me/mnist") == "mnist-desktop train --epochs 3"
    assert reproduce_command("") == ""


def test_retrain_commands_make_a_member_trained_on_from_another_run_first():
    # A member fine-tuned from another run (train --init) is made again in two steps:
    # that run under a name of its own, then the member from it.
    meta = {"command": "mnist-desktop ensemble /r/a.pt /r/b.pt --out /r/m.pt",
            "members": [{"file": "a.pt", "command": "mnist-desktop train --seed 10 --epochs 8 --init /r/s0.pt "
                                                    "--out /r/a.pt --json",
                         "init": "mnist-desktop train --seed 0 --out /r/s0.pt"},
                        {"file": "b.pt", "command": "mnist-desktop train --seed 1 --out /r/b.pt"}]}
    assert retrain_commands(meta) == [
        "mnist-desktop train --seed 0 --out a-start.pt",
        "mnist-desktop train --seed 10 --epochs 8 --init a-start.pt --out a.pt",
        "mnist-desktop train --seed 1 --out b.pt",
        "mnist-desktop ensemble a.pt b.pt"]
    # A first run's name that is another member's file: the members get names of their own.
    meta["members"][0]["file"], meta["members"][1]["file"] = "b.pt", "b-start.pt"
    meta["members"].reverse()
    assert retrain_commands(meta) == [
        "mnist-desktop train --seed 1 --out member0.pt",
        "mnist-desktop train --seed 0 --out member1-start.pt",
        "mnist-desktop train --seed 10 --epochs 8 --init member1-start.pt --out member1.pt",
        "mnist-desktop ensemble member0.pt member1.pt"]


def test_typed_count_mismatch_uses_qt_plurals(window, qtbot, tmp_path):
    tab = window.recognize
    drag(qtbot, tab.canvas, line((200, 70), (200, 300)))
    drag(qtbot, tab.canvas, ellipse(380, 185, 70, 115))
    read_text(window, qtbot, "10")
    field = tab.correction.field
    QTest.keyClicks(field, "1")
    QTest.keyClick(field, Qt.Key.Key_Return)
    # The shipped English catalogue holds the plural forms (resources/translations/mnist_desktop_en.ts).
    window.set_language("en")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert tab.correction.message.text().startswith(
        "You typed 1 digit, but 2 digits were found in the picture. Type one digit per box")
    QTest.keyClicks(field, "23")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert tab.correction.message.text().startswith("You typed 3 digits, but 2 digits were found")
    assert len(tab.store) == 0
