"""A reading is shown only for what is on screen now (issue 15, items 1-3).

Real mouse and key events on the real window. Each test reproduces a way the old
window showed (and let the user save) a reading of something no longer there.
"""

import time

import cv2
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from helpers import number_image
from test_gui_recognize import drag, ellipse, line, read_text


@pytest.fixture
def slow_reads(window, monkeypatch):
    """Make every read take `delay[0]` seconds (a busy machine), set by the test."""
    rec = window.service._worker._recognizer
    delay = [0.0]
    real = rec.read

    def slow(image, strokes=None):
        time.sleep(delay[0])
        return real(image, strokes)

    monkeypatch.setattr(rec, "read", slow)
    return delay


def settle(window, qtbot, timeout=15000):
    """Wait until the worker has answered everything asked of it, then a little more
    (a late answer must have had every chance to arrive)."""
    qtbot.waitUntil(lambda: not window.service.pending, timeout=timeout)
    qtbot.wait(800)


def assert_no_reading(window):
    tab = window.recognize
    assert tab.result is None
    assert tab.canvas.boxes() == [] and tab.image_view.boxes() == []
    assert tab.panel.state_name() == "empty"
    assert tab.panel.number.text() == "—"
    assert tab.panel.bars.probabilities() == []
    assert not tab.correction.right_button.isEnabled()
    assert not tab.correction.field.isEnabled()


def test_delete_once_after_a_reading_leaves_no_reading(window, qtbot, slow_reads):
    tab = window.recognize
    drag(qtbot, tab.canvas, line((360, 60), (360, 300)))
    read_text(window, qtbot, "1")
    assert tab.correction.right_button.isEnabled()
    slow_reads[0] = 0.3
    QTest.keyClick(tab.canvas, Qt.Key.Key_Delete)
    assert tab.canvas.is_empty()
    settle(window, qtbot)
    assert_no_reading(window)
    tab.correction.right_button.click()            # disabled: stores nothing
    assert len(tab.store) == 0


@pytest.fixture
def photo(tmp_path, subset_test):
    images, _ = subset_test
    path = tmp_path / "photo.png"
    cv2.imwrite(str(path), number_image([images[i] for i in (0, 1, 2, 3)], gap=25))
    return path


def test_image_drawing_image_delete_leaves_no_reading(window, qtbot, photo, slow_reads):
    tab = window.recognize
    assert window.open_path(str(photo))
    qtbot.waitUntil(lambda: tab.result is not None and len(tab.result.digits) == 4, timeout=15000)
    slow_reads[0] = 0.3
    qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.image_button, Qt.MouseButton.LeftButton)
    QTest.keyClick(window, Qt.Key.Key_Delete)
    assert tab.mode() == "canvas" and tab.canvas.is_empty()
    settle(window, qtbot)
    assert_no_reading(window)
    tab.correction.right_button.click()
    assert len(tab.store) == 0


def test_a_slow_read_says_reading_and_never_shows_old_digits_beside_new_ink(window, qtbot, slow_reads):
    tab = window.recognize
    drag(qtbot, tab.canvas, line((200, 70), (200, 300)))
    read_text(window, qtbot, "1")
    slow_reads[0] = 1.0
    drag(qtbot, tab.canvas, ellipse(380, 185, 70, 115))
    seen = []
    # Until the new reading arrives the panel says so, and nothing of the "1" is left.
    while tab.result is None and len(seen) < 200:
        seen.append((tab.panel.state_name(), tab.panel.state.text(), tab.panel.number.text(),
                     len(tab.canvas.boxes()), tab.correction.right_button.isEnabled()))
        qtbot.wait(20)
    assert seen and set(seen) == {("reading", "Reading…", "…", 0, False)}
    read_text(window, qtbot, "10")
    assert tab.panel.number.text() == "10" and len(tab.canvas.boxes()) == 2


def test_ink_added_during_a_read_takes_the_reading_down_at_once(window, qtbot, slow_reads):
    tab = window.recognize
    drag(qtbot, tab.canvas, line((200, 70), (200, 300)))
    read_text(window, qtbot, "1")
    slow_reads[0] = 0.5
    # The press of a new stroke is new ink: the "1" goes before the stroke ends.
    QTest.mousePress(tab.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(380, 70))
    assert tab.result is None and tab.panel.state_name() == "reading" and tab.canvas.boxes() == []
    QTest.mouseRelease(tab.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(380, 70))
    settle(window, qtbot)


def test_a_result_for_another_revision_is_dropped(window, qtbot):
    tab = window.recognize
    drag(qtbot, tab.canvas, line((360, 60), (360, 300)))
    read_text(window, qtbot, "1")
    reading = tab.reading
    drag(qtbot, tab.canvas, line((200, 60), (200, 300)))
    tab._show(reading)                    # an answer about the one-stroke canvas, arriving late
    assert tab.result is not reading.result
