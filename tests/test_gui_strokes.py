"""Drawn with the mouse: the canvas reads with its strokes, so one digit stays one."""

import numpy as np
import pytest

from test_gui_recognize import drag, ellipse, line, read_text


def arc(cx, cy, rx, ry, a0, a1, n=36):
    t = np.radians(np.linspace(a0, a1, n))
    return [(int(cx + rx * np.cos(a)), int(cy + ry * np.sin(a))) for a in t]


def test_a_wide_zero_is_one_digit(window, qtbot):
    # The image alone reads it as "67".
    drag(qtbot, window.recognize.canvas, ellipse(330, 190, 230, 120))
    read_text(window, qtbot, "0")


def test_a_two_with_a_long_tail_is_one_digit(window, qtbot):
    # The image alone reads it as "22".
    drag(qtbot, window.recognize.canvas, arc(200, 130, 90, 75, 190, 380) + line((285, 160), (110, 330))
         + line((110, 330), (600, 330))[1:])
    read_text(window, qtbot, "2")


def test_a_five_whose_bar_floats_above_it_is_one_digit(window, qtbot):
    canvas = window.recognize.canvas
    drag(qtbot, canvas, line((170, 60), (160, 170)) + arc(260, 250, 130, 95, -150, 150)[1:])
    qtbot.wait(120)
    drag(qtbot, canvas, line((200, 40), (420, 35)))          # the bar, drawn last, touching nothing
    read_text(window, qtbot, "5")


def test_a_one_leaning_on_a_seven_after_a_pause_is_a_new_digit(window, qtbot):
    canvas = window.recognize.canvas
    drag(qtbot, canvas, line((100, 100), (250, 100)) + line((250, 100), (170, 320))[1:])
    qtbot.wait(120)
    # The image alone reads "17".
    drag(qtbot, canvas, line((275, 100), (215, 320)))
    read_text(window, qtbot, "71")


@pytest.mark.parametrize("x", [348, 352])
def test_a_one_begun_on_the_corner_of_a_seven_is_a_new_digit(window, qtbot, x):
    # QA's drawing, pen 14: the 1 begun just right of the 7's corner, touching it, read "11".
    canvas = window.recognize.canvas
    drag(qtbot, canvas, line((200, 150), (340, 150)) + line((340, 150), (260, 420))[1:])
    qtbot.wait(120)
    drag(qtbot, canvas, line((x, 165), (335, 420)))
    read_text(window, qtbot, "71")

def test_a_number_drawn_digit_by_digit(window, qtbot):
    canvas = window.recognize.canvas
    two = arc(100, 110, 50, 45, 190, 380) + line((148, 125), (50, 250))[1:] + line((50, 250), (160, 250))[1:]
    zero = ellipse(250, 160, 50, 90)
    six = line((560, 70), (495, 170)) + arc(535, 210, 45, 45, 200, 560)
    for k, stroke in enumerate((two, zero, [(x + 280, y) for x, y in two], six)):
        drag(qtbot, canvas, stroke)
        qtbot.wait(80)
    read_text(window, qtbot, "2026")


def test_the_stroke_being_drawn_is_read_with_the_others(window, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    canvas = window.recognize.canvas
    drag(qtbot, canvas, line((100, 100), (250, 100)) + line((250, 100), (170, 320))[1:])
    qtbot.wait(120)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(275, 100))
    for x, y in line((275, 100), (215, 320))[1:]:
        QTest.mouseMove(canvas, QPoint(x, y))
    # The pen rests before it is lifted: the live reading already has the 1 as a digit.
    assert len(canvas.pen_strokes()) == 2
    read_text(window, qtbot, "71")
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(215, 320))
    read_text(window, qtbot, "71")


def test_a_click_on_the_canvas_is_no_digit_and_says_why(window, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    # A single click read as a doubtful "0" with "draw bigger".
    canvas, panel = window.recognize.canvas, window.recognize.panel
    drag(qtbot, canvas, [(300, 200)])
    qtbot.waitUntil(lambda: window.recognize.result is not None, timeout=15000)
    assert window.recognize.result.digits == [] and panel.number.text() == "∅"
    assert "a dot alone is not read as a digit" in panel.state.text() and "blank" not in panel.state.text()
    canvas.clear()
    _press_and_move(canvas, [(300, 200)])                     # the pen down, not moved yet: no telling off
    qtbot.waitUntil(lambda: window.recognize.result is not None, timeout=15000)
    assert "a dot alone" not in panel.state.text()
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 200))
    qtbot.waitUntil(lambda: "a dot alone" in panel.state.text(), timeout=15000)
    drag(qtbot, canvas, line((420, 60), (420, 300)))          # then a digit beside it
    read_text(window, qtbot, "1")


def _press_and_move(canvas, points):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(canvas, QPoint(x, y))


def test_undo_with_the_pen_down_takes_back_that_stroke_and_loses_nothing(window, qtbot):
    # Ctrl+Z mid-stroke undid the last finished digit, and the stroke's push on release
    # then dropped it from the redo history: the 0 was gone for good.
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    canvas = window.recognize.canvas
    window.recognize.correction.field.setFocus()           # the pen's press need not move the focus
    drag(qtbot, canvas, line((150, 70), (150, 300)))
    drag(qtbot, canvas, ellipse(300, 185, 70, 115))
    read_text(window, qtbot, "10")
    _press_and_move(canvas, line((450, 70), (450, 200)))
    window.act_undo.trigger()                              # Edit > Undo, wherever the focus is
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(450, 300))
    assert len(canvas.strokes) == 2                      # the 1 and the 0 kept, the third stroke gone
    read_text(window, qtbot, "10")
    window.act_undo.trigger()                            # and undo after it works as before
    assert len(canvas.strokes) == 1
    window.act_redo.trigger()
    read_text(window, qtbot, "10")


def test_a_digit_under_the_pen_or_cut_by_the_canvas_edge_is_doubtful_and_says_why(window, qtbot):
    # Half a 2 with the pen still down read "7, read with confidence"; a 2 whose lower
    # half went past the canvas's bottom edge read a sure 7 with nothing said.
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    canvas, panel = window.recognize.canvas, window.recognize.panel
    h = canvas.height()
    drag(qtbot, canvas, line((100, 40), (100, h - 60)))                  # a 1, all inside
    qtbot.wait(120)
    two = arc(360, 110, 80, 70, 190, 380) + line((435, 130), (280, h + 120))[1:] + line((280, h + 120), (460, h + 120))[1:]
    _press_and_move(canvas, two[:30])
    qtbot.waitUntil(lambda: window.recognize.result is not None and len(window.recognize.result.digits) == 2,
                    timeout=15000)
    assert "Still drawing" in panel.state.text() and canvas.boxes()[1].unsure and not canvas.boxes()[0].unsure
    # Its label does not claim the model's confidence (it said "7  100%" on a dashed box).
    tags = [text for _, text in canvas._place_tags()]
    assert "%" in tags[0] and "%" not in tags[1] and tags[1].endswith("?")
    assert "%" in panel.chip_group.button(0).toolTip() and "%" not in panel.chip_group.button(1).toolTip()
    for x, y in two[30:]:
        QTest.mouseMove(canvas, QPoint(x, y))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*two[-1]))
    qtbot.waitUntil(lambda: "past the canvas's edge" in panel.state.text(), timeout=15000)
    assert canvas.boxes()[1].unsure and not canvas.boxes()[0].unsure and "Still drawing" not in panel.state.text()
    assert "%" not in canvas._place_tags()[1][1]
    # The reason is worded again in another language (it stayed in English).
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "不确定" in panel.state.text(), timeout=5000)
    assert "past the canvas's edge" not in panel.state.text() and "画布" in panel.state.text()
    window.set_language("en")
    qtbot.waitUntil(lambda: "past the canvas's edge" in panel.state.text(), timeout=5000)
    # "It read me right" saved the cut-off digit as a sample of the user's handwriting.
    saved = len(window.store)
    window.recognize.correction.right_button.click()
    assert len(window.store) == saved and "Not saved" in window.recognize.correction.message.text()


def test_only_the_digit_whose_own_stroke_left_the_canvas_is_doubtful(window):
    # A 7 whose bar starts at the 1's box and whose stem leaves through the bottom edge
    # marked the 1 as cut off too; so did a point half a pen width past the edge.
    from PySide6.QtCore import QPointF

    canvas = window.recognize.canvas
    h = canvas.height()
    canvas.add_stroke([QPointF(*p) for p in line((100, 60), (100, h - 80))], 14)
    canvas.add_stroke([QPointF(*p) for p in line((108, 60), (300, 60)) + line((300, 60), (230, h + 100))[1:]], 14)
    one, seven = (93, 53, 15, h - 126), (115, 53, 192, h - 53)
    assert canvas.doubts([one, seven]) == {1: "cut"}
    canvas.clear()
    canvas.add_stroke([QPointF(*p) for p in line((300, 60), (300, h + 3))], 14)     # 3 px past: nothing lost
    assert canvas.doubts([(293, 53, 15, h - 53)]) == {}
