import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mnist_desktop import paths
from mnist_desktop.samples import from_input
from style import styled_set
from test_gui_recognize import drag, ellipse, line, read_text


def draw_ten(window, qtbot):
    canvas = window.recognize.canvas
    drag(qtbot, canvas, line((200, 70), (200, 300)))
    drag(qtbot, canvas, ellipse(380, 185, 70, 115))
    read_text(window, qtbot, "10")


def test_type_what_you_wrote_and_enter_saves(window, qtbot):
    draw_ten(window, qtbot)
    box = window.recognize.correction
    assert box.field.isEnabled()
    QTest.keyClicks(box.field, "1")
    QTest.keyClick(box.field, Qt.Key.Key_Return)
    assert "typed 1 digit" in box.message.text() and "2 digit" in box.message.text() and len(window.store) == 0
    box.field.clear()
    QTest.keyClicks(box.field, "70")                  # the user meant 7 and 0
    QTest.keyClick(box.field, Qt.Key.Key_Return)
    assert [(s.label, s.predicted, s.source) for s in window.store.all()] == [(7, 1, "canvas"), (0, 0, "canvas")]
    assert "Saved" in box.message.text() and box.field.text() == ""
    assert "(1)" in window.samples_tab.headers[7].text()
    saved = window.store.all()[0]
    assert saved.input.shape == (28, 28) and saved.crop_png.startswith(b"\x89PNG")


def test_what_was_typed_goes_with_the_drawing_it_was_typed_for(window, qtbot, tmp_path):
    # Typed under one drawing, it stayed through Clear: Enter under the next drawing
    # saved its digits with the old drawing's labels.
    draw_ten(window, qtbot)
    box = window.recognize.correction
    QTest.keyClicks(box.field, "71")
    drag(qtbot, window.recognize.canvas, line((515, 70), (515, 300)))    # a stroke more: same drawing
    read_text(window, qtbot, "101")
    assert box.field.text() == "71"
    QTest.keyClick(window.recognize.canvas, Qt.Key.Key_Delete)
    assert box.field.text() == ""
    draw_ten(window, qtbot)
    QTest.keyClick(box.field, Qt.Key.Key_Return)
    assert len(window.store) == 0
    QTest.keyClicks(box.field, "10")
    path = tmp_path / "seven.png"
    cv2.imwrite(str(path), np.full((60, 60), 255, np.uint8))
    assert window.open_path(str(path))
    assert box.field.text() == ""                                         # another picture


def test_correct_one_box_and_confirm_a_right_answer(window, qtbot):
    draw_ten(window, qtbot)
    window.recognize.panel.digitCorrected.emit(1, 6)   # right-click menu on the second digit: "It is a 6"
    assert [s.label for s in window.store.all()] == [6]
    window.recognize.correction.right_button.click()
    assert sorted(s.label for s in window.store.all()) == [0, 1, 6]
    window.recognize.correction.right_button.click()
    assert "Already saved" in window.recognize.correction.message.text() and len(window.store) == 3


def test_a_save_partly_made_before_says_which_digits_it_stored(window, qtbot):
    # "It read me right" on "10" after the 1 was saved said "Saved as 10": only the 0 was.
    draw_ten(window, qtbot)
    window.recognize.panel.digitCorrected.emit(0, 1)       # "It is a 1": the 1 alone
    assert "Saved as 1." in window.recognize.correction.message.text()
    window.recognize.correction.right_button.click()
    said = window.recognize.correction.message.text()
    assert "Saved 0 (1 saved before)" in said and "10" not in said and len(window.store) == 2


def test_right_click_a_digit_on_the_drawing_to_say_what_it_is(window, qtbot, monkeypatch):
    # Only the digit's chip had the menu; right-clicking the digit itself did nothing.
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    draw_ten(window, qtbot)
    canvas, panel = window.recognize.canvas, window.recognize.panel
    asked = []

    def menu(index, where):           # the chip's menu (modal), answered "It is a 6"
        asked.append(where)
        panel.digitCorrected.emit(index, 6)

    monkeypatch.setattr(panel, "correct_menu", menu)
    target, scale = canvas.overlay_geometry()
    box = canvas.boxes()[1].rect                                    # the 0
    centre = QPoint(int(target.x() + box.center().x() * scale), int(target.y() + box.center().y() * scale))
    right_click = QContextMenuEvent.Reason.Mouse
    QApplication.sendEvent(canvas, QContextMenuEvent(right_click, centre, canvas.mapToGlobal(centre)))
    assert asked == [canvas.mapToGlobal(centre)] and window.recognize.panel.selected() == 1
    assert [(s.label, s.predicted) for s in window.store.all()] == [(6, 0)]
    assert "Saved as 6" in window.statusBar().currentMessage()     # seen even when the box is scrolled away
    QApplication.sendEvent(canvas, QContextMenuEvent(right_click, QPoint(5, 5), canvas.mapToGlobal(QPoint(5, 5))))
    assert len(asked) == 1                                          # off the digits: no menu


def test_my_samples_delete_undo_relabel_export_import(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window.store.add([from_input(np.eye(28, dtype=np.uint8) * 255, 3),
                      from_input(np.fliplr(np.eye(28, dtype=np.uint8)) * 255, 5)])
    tab = window.samples_tab
    tab.refresh()
    assert tab.grids[3].count() == 1 and tab.grids[5].count() == 1
    tab.grids[3].itemClicked.emit(0)
    tab.delete_selected()
    assert tab.grids[3].count() == 0 and len(window.store) == 1
    tab.undo_stack.undo()
    assert tab.grids[3].count() == 1 and len(window.store) == 2
    sample_id = window.store.all()[0].id
    tab.relabel(sample_id, 8)
    assert tab.grids[8].count() == 1 and tab.grids[3].count() == 0
    tab.grids[8].itemClicked.emit(0)
    offered = []
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a: (offered.append(a[3]), (8, False))[1])
    tab.relabel_selected()                       # offered as it is now: Enter must not make it a 0
    assert offered == [8]
    tab.undo_stack.undo()
    assert tab.grids[3].count() == 1
    zip_path = tmp_path / "mine.zip"
    tab.export_to(str(zip_path))
    assert zip_path.is_file() and "Exported 2" in tab.summary.text()
    window.store.clear()
    tab.import_from(str(zip_path))
    assert len(window.store) == 2 and "Imported 2" in tab.summary.text()


def test_delete_all_asks_with_no_as_the_default_answer(window, monkeypatch):
    # Yes was the default: Enter alone deleted every sample.
    from PySide6.QtWidgets import QMessageBox

    window.store.add([from_input(np.eye(28, dtype=np.uint8) * 255, 3)])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a) or a[-1])   # Enter: the default
    window.samples_tab.clear_all()
    assert asked and asked[0][-1] == QMessageBox.StandardButton.No and len(window.store) == 1


def test_on_my_samples_delete_and_ctrl_z_work_and_leave_the_drawing_alone(window, qtbot):
    # The tab's Delete and the window's Clear Drawing (Delete) clashed, and so did the
    # two Ctrl+Z: Qt ran neither, and the keys did nothing on My Samples.
    draw_ten(window, qtbot)
    window.store.add([from_input(np.eye(28, dtype=np.uint8) * 255, 3)])
    tab, canvas = window.samples_tab, window.recognize.canvas
    tab.refresh()
    QTest.keyClick(canvas, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget().widget() is tab
    tab.grids[3].itemClicked.emit(0)
    QTest.keyClick(tab.grids[3], Qt.Key.Key_Delete)
    assert tab.grids[3].count() == 0 and len(window.store) == 0
    QTest.keyClick(tab.grids[3], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.grids[3].count() == 1 and len(window.store) == 1
    QTest.keyClick(tab.grids[3], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tab.grids[3].count() == 0                     # redone
    assert len(canvas.pen_strokes()) == 2                # the drawing out of sight is untouched
    # Back on Recognize the keys are the drawing's again.
    QTest.keyClick(tab.grids[3], Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(canvas.pen_strokes()) == 1
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.pen_strokes() == [] and tab.grids[3].count() == 0


def test_a_corrupt_store_keeps_the_app_working_and_the_file(qtbot, settings):
    from mnist_desktop.gui.main_window import MainWindow

    db = paths.samples_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"not sqlite" * 100)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.ask_stop_training = lambda: True
    assert win.store is None and "damaged" in win.statusBar().currentMessage()
    assert "damaged" in win.samples_tab.summary.text()
    qtbot.waitUntil(lambda: win.service.has_model, timeout=60000)
    drag(qtbot, win.recognize.canvas, line((360, 60), (360, 300)))
    read_text(win, qtbot, "1")
    assert not win.recognize.correction.field.isEnabled()
    assert "damaged" in win.recognize.correction.message.text()
    win.close()
    assert db.read_bytes() == b"not sqlite" * 100


@pytest.fixture
def styled_store(window, shipped):
    images, labels = styled_set(4, seed=11)
    window.store.add([from_input(shipped.predict(img).input, label) for img, label in zip(images, labels)])
    return window.store


def test_fine_tune_from_the_train_tab(window, train_tab, qtbot, subset_dir, monkeypatch, styled_store):
    monkeypatch.setenv("MNIST_DESKTOP_DATA", str(subset_dir))
    tab = train_tab
    tab.start_finetune()
    assert tab.busy()
    qtbot.waitUntil(lambda: not tab.busy() and tab.job is None, timeout=120000)
    f = tab.outcome.finetune
    assert f["personal_held_out"] == 10 and f["personal_acc_after"] >= f["personal_acc_before"]
    assert "Fine-tuned" in tab.results.summary.text()
    tab.use_button.click()
    qtbot.waitUntil(lambda: window.service.meta.get("source") == "finetune", timeout=20000)
    # Told apart from the model it was tuned from, by its file and the window's label.
    assert paths.active_model() is not None and paths.active_model().name.startswith("finetuned-")
    assert "fine-tuned on your samples" in window.model_label.text()


def test_fine_tune_needs_samples(window, train_tab):
    window.train_tab.start_finetune()
    assert "at least 10" in window.train_tab.last_error and not window.train_tab.busy()


def test_fine_tune_can_be_cancelled(window, train_tab, qtbot, subset_dir, monkeypatch, styled_store):
    monkeypatch.setenv("MNIST_DESKTOP_DATA", str(subset_dir))
    tab = train_tab
    tab.start_finetune()
    qtbot.waitUntil(lambda: bool(tab.curves.steps), timeout=60000)
    tab.cancel()
    qtbot.waitUntil(lambda: not tab.busy(), timeout=5000)
    assert tab.outcome is None and paths.active_model() is None
