"""The window fits common laptop screens and holds still (issue 15, items 4-6)."""

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtWidgets import QLabel, QScrollBar, QWidget

from mnist_desktop.gui.boxes import Box
from test_gui_recognize import drag, ellipse, line, read_text, settle_layouts

SIZES = [(1366, 700), (1280, 680), (1024, 640)]


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and w.width() > 0 and w.height() > 0]


def global_rect(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def overlaps(root: QWidget) -> list[tuple[str, str]]:
    """Pairs of visible widgets under `root`, neither inside the other, that cover each other."""
    found = []
    widgets = [w for w in visible_widgets(root) if not isinstance(w, QScrollBar)]
    for a, b in itertools.combinations(widgets, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        common = global_rect(a).intersected(global_rect(b))
        if common.width() > 0 and common.height() > 0:
            found.append((f"{type(a).__name__}:{a.objectName()}", f"{type(b).__name__}:{b.objectName()}"))
    return found


def cut_labels(root: QWidget) -> list[str]:
    """Visible labels too small for their text (a squeezed layout)."""
    cut = []
    for w in visible_widgets(root):
        if isinstance(w, QLabel) and w.text():
            need = w.heightForWidth(w.width()) if w.wordWrap() else w.sizeHint().height()
            if w.height() < need - 1 or (not w.wordWrap() and w.width() < w.minimumSizeHint().width() - 1):
                cut.append(f"{w.objectName() or w.text()[:20]}: {w.size().toTuple()} < {need}")
    return cut


def _resized(window, qtbot, size) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    settle_layouts(qtbot)


def _draw_ten(window, qtbot) -> None:
    drag(qtbot, window.recognize.canvas, line((200, 70), (200, 300)))
    drag(qtbot, window.recognize.canvas, ellipse(380, 185, 70, 115))
    read_text(window, qtbot, "10")
    settle_layouts(qtbot)


@pytest.mark.parametrize("size", SIZES)
def test_window_fits_and_holds_still_at(window, qtbot, size):
    tab = window.recognize
    _resized(window, qtbot, size)
    canvas_before = tab.canvas.size()
    _draw_ten(window, qtbot)
    assert window.size().toTuple() == size           # did not grow by itself
    assert tab.canvas.size() == canvas_before        # the result did not take room from the canvas
    inner = tab.result_area.widget()
    assert overlaps(inner) == []
    assert cut_labels(inner) == []
    # Everything of the panel can be seen: it fits, or the area scrolls to it.
    fits = inner.height() <= tab.result_area.viewport().height()
    assert fits or tab.result_area.verticalScrollBar().isVisible()
    # The window's least size fits these screens (with room for the window frame).
    assert window.minimumSizeHint().height() <= size[1] - 40
    assert window.minimumSizeHint().width() <= size[0]


def test_result_panel_fits_a_1366x700_screen_without_scrolling(window, qtbot):
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1366, 700))
    tab = window.recognize
    drag(qtbot, tab.canvas, line((360, 60), (360, 300)))
    read_text(window, qtbot, "1")
    settle_layouts(qtbot)
    assert not tab.result_area.verticalScrollBar().isVisible()
    assert tab.correction.right_button.visibleRegion().boundingRect().size() == tab.correction.right_button.size()


def test_canvas_keeps_its_size_when_a_reading_comes_and_goes(window, qtbot):
    tab = window.recognize
    before = tab.canvas.size()
    drag(qtbot, tab.canvas, line((360, 60), (360, 300)))
    read_text(window, qtbot, "1")
    settle_layouts(qtbot)
    assert tab.canvas.size() == before
    window.act_clear.trigger()
    qtbot.waitUntil(lambda: tab.panel.state_name() == "empty")
    settle_layouts(qtbot)
    assert tab.canvas.size() == before


def test_labels_of_small_close_digits_do_not_overlap(window, qtbot):
    canvas = window.recognize.canvas
    # "2 1 0 1 2 1 6": seven small digits a few pixels apart, as a read of small writing gives.
    boxes = [Box(QRectF(100 + 16 * i, 150, 12, 20), d, 1.0, False) for i, d in enumerate([2, 1, 0, 1, 2, 1, 6])]
    canvas.set_boxes(boxes, 0)
    tags = canvas.box_tags()
    assert len(tags) == len(boxes)
    for a, b in itertools.combinations(tags, 2):
        assert not a.intersects(b), (a, b)
    for tag in tags:                                  # all on the canvas
        assert QRectF(canvas.rect()).contains(tag)
    # Boxes at the top edge get their labels inside the canvas too.
    canvas.set_boxes([Box(QRectF(5 + 14 * i, 0, 10, 14), 7, 0.5, True) for i in range(4)])
    tags = canvas.box_tags()
    for a, b in itertools.combinations(tags, 2):
        assert not a.intersects(b), (a, b)
    for tag in tags:
        assert QRectF(canvas.rect()).contains(tag)


def test_a_long_number_never_pushes_the_result_panel_out_of_sight(window, qtbot, easy):
    # A 30-digit reading widened the panel past its area (which does not scroll sideways):
    # the big number was cut at the edge and the probabilities' percentages unseen.
    from helpers import number_image

    images, labels = easy
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 640))
    tab = window.recognize
    tab.open_array(number_image([images[i] for i in range(30)], gap=10), "long.png")
    truth = "".join(str(labels[i]) for i in range(30))
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.text.replace(" ", "") == truth, timeout=20000)
    settle_layouts(qtbot)
    assert tab.result_area.widget().width() <= tab.result_area.viewport().width()
    bars = tab.panel.bars
    assert bars.mapTo(tab.result_area.viewport(), QPoint(bars.width(), 0)).x() <= tab.result_area.viewport().width()
    number = tab.panel.number
    assert number.text() == tab.result.text and number.toolTip() == tab.result.text    # all of it, on hover
    assert cut_labels(tab.result_area.widget()) == []


def test_a_box_as_tall_as_the_canvas_keeps_its_confidence_in_its_label(window, qtbot):
    # No room above or below it: the label was cut to the digit alone ("4", not "4  100%").
    canvas = window.recognize.canvas
    canvas.set_boxes([Box(QRectF(200, 2, 120, canvas.height() - 4), 4, 1.0, False)], 0)
    [tag] = canvas.box_tags()
    assert QRectF(canvas.rect()).contains(tag)
    assert [text for _, text in canvas._place_tags()] == ["4  100%"]
    # Boxes with room above them never get their labels on their ink (crowded, narrow ones did).
    boxes = [Box(QRectF(40 + 44 * i, 100, 22, 180), 1, 1.0, False) for i in range(8)]
    canvas.set_boxes(boxes, 0)
    assert not any(tag.intersects(b.rect) for tag in canvas.box_tags() for b in boxes)


def test_on_a_short_screen_a_new_reading_and_a_correction_s_answer_are_in_view(window, qtbot):
    # At 1024x600 the answer to a typed correction was below the fold (Enter seemed to do
    # nothing), and once scrolled down, every later reading showed its number cut off.
    tab = window.recognize
    _resized(window, qtbot, (1024, 560))
    _draw_ten(window, qtbot)
    bar = tab.result_area.verticalScrollBar()
    assert bar.maximum() > 0                                  # the panel does scroll here
    bar.setValue(0)
    said = []
    tab.status.connect(said.append)
    tab.correction.field.setText("7")
    tab.save_typed("7")                                       # one digit typed for two
    settle_layouts(qtbot)
    message = tab.correction.message
    qtbot.waitUntil(lambda: tab.result_area.viewport().rect().contains(   # the whole of it
        QRect(message.mapTo(tab.result_area.viewport(), QPoint(0, 0)), message.size())))
    assert "2 digits were found" in said[-1]
    from PySide6.QtWidgets import QAbstractSlider

    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)    # the user scrolls back up ...
    _resized(window, qtbot, (1024, 540))                               # ... and the message stays put
    assert bar.value() == 0
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)
    assert bar.value() > 0
    drag(qtbot, tab.canvas, line((560, 70), (560, 300)))              # "10" becomes "101"
    read_text(window, qtbot, "101")
    assert bar.value() == 0                                   # the new number is seen from its top


def test_a_box_label_never_rounds_up_to_a_sure_100_percent(window):
    # 99.7% sure was labelled "7  100%" beside a panel that said 99.7%.
    canvas = window.recognize.canvas
    canvas.set_boxes([Box(QRectF(200, 100, 80, 150), 7, 0.997, False), Box(QRectF(400, 100, 80, 150), 1, 1.0, False)], 0)
    assert [text for _, text in canvas._place_tags()] == ["7  99%", "1  100%"]


def test_a_doubtful_box_is_orange_even_when_it_is_the_selected_one(window):
    # A lone doubtful digit is selected, and was drawn in the selection's blue while the
    # panel said "orange boxes are doubtful".
    import numpy as np

    from mnist_desktop.gui.boxes import SELECTED, UNSURE
    from mnist_desktop.gui.qimage import qimage_to_array

    canvas = window.recognize.canvas

    def pixels(color) -> int:
        bgr = qimage_to_array(canvas.grab().toImage())[:, :, :3].astype(int)
        return int((np.abs(bgr - [color.blue(), color.green(), color.red()]).sum(2) < 60).sum())

    canvas.set_boxes([Box(QRectF(200, 100, 80, 150), 7, 0.6, True)], 0)
    assert pixels(UNSURE) > 200 and pixels(SELECTED) == 0
    canvas.set_boxes([Box(QRectF(200, 100, 80, 150), 7, 0.99, False)], 0)      # a sure one: blue
    assert pixels(SELECTED) > 200 and pixels(UNSURE) == 0


def test_the_panel_and_the_box_never_round_a_reading_up_to_100_percent(window, qtbot):
    # 99.96% sure: the box said "99%" while the panel's tooltip, top 3 and bars said
    # "100.0%", two numbers for one reading and a certainty the model never has.
    import dataclasses

    tab = window.recognize
    drag(qtbot, tab.canvas, line((300, 70), (300, 300)))
    read_text(window, qtbot, "1")
    d = tab.result.digits[0]
    probs = [0.0] * 10
    probs[1], probs[7] = 0.9996, 0.0004
    sure_one = dataclasses.replace(tab.result, digits=[dataclasses.replace(d, confidence=0.9996, probabilities=probs)])
    tab.panel.show_result(sure_one)
    assert "1: 99.9% sure" in tab.panel.chip_group.button(0).toolTip()
    assert "1 (99.9%)" in tab.panel.top3.text()
    assert "1: 99.96%" in tab.panel.bars.toolTip()
    canvas = tab.canvas
    canvas.set_boxes([Box(QRectF(200, 100, 80, 150), 1, 0.9996, False)], 0)
    assert [text for _, text in canvas._place_tags()] == ["1  99%"]


def test_a_drawing_partly_out_of_sight_is_read_again_when_the_window_shows_it(window, qtbot):
    # A drawing kept from a larger screen came back on a smaller one: "12" was read
    # and stayed "12" after the window grew to show the "34" drawn below it (QA).
    from PySide6.QtCore import QPointF

    tab = window.recognize
    _resized(window, qtbot, (1024, 640))
    h = tab.canvas.height()
    tab.canvas.add_stroke([QPointF(200, 40 + 10 * i) for i in range(16)])                 # a 1 in sight
    tab.canvas.add_stroke([QPointF(400, h + 60 + 10 * i) for i in range(16)])             # one below the edge
    read_text(window, qtbot, "1")
    # Not "Read with confidence": the number read lacks the digit out of sight.
    assert tab.panel.state_name() == "unsure" and "past the canvas's edge" in tab.panel.state.text()
    window.tabs.setCurrentIndex(2)               # grown while another tab is shown (review)
    _resized(window, qtbot, (1366, 700 + h + 260 - tab.canvas.height()))
    window.tabs.setCurrentIndex(0)
    assert tab.canvas.height() > h + 230
    qtbot.waitUntil(lambda: tab.result is not None and len(tab.result.digits) == 2, timeout=15000)
    revision = tab.canvas.revision
    _resized(window, qtbot, (1300, window.height()))     # nothing more comes into view: no re-read
    qtbot.wait(400)
    assert tab.canvas.revision == revision
