"""Drawing: the stroke goes where the pen went (issue 15, item 7)."""

import numpy as np
from PySide6.QtCore import QPointF, QRectF

from mnist_desktop.gui.canvas import Canvas, Stroke
from test_gui_recognize import drag


def ink_at(gray: np.ndarray, x: int, y: int, r: int = 1) -> bool:
    return bool((gray[y - r:y + r + 1, x - r:x + r + 1] < 128).any())


def test_a_fast_corner_keeps_its_tip(qtbot):
    canvas = Canvas()
    qtbot.addWidget(canvas)
    canvas.resize(600, 400)
    canvas.pen_width = 6
    # A "7" drawn fast: the mouse reported a point every 50-60 px.
    drag(qtbot, canvas, [(100, 100), (150, 100), (200, 100), (250, 100), (300, 100), (350, 100), (400, 100),
                         (360, 150), (320, 200), (280, 250), (240, 300), (200, 350)])
    gray = canvas.to_array()
    assert ink_at(gray, 400, 100)            # the corner itself is in the painted stroke
    assert ink_at(gray, 100, 100) and ink_at(gray, 200, 350)
    assert ink_at(gray, 250, 100)            # along the top bar
    assert ink_at(gray, 300, 225)            # along the slant (midway)


def test_every_sampled_point_is_on_the_stroke_and_no_loop_from_uneven_spacing():
    pts = [QPointF(*p) for p in [(10, 10), (12, 10), (200, 15), (203, 200), (205, 202), (20, 205)]]
    path = Stroke(4, pts).path()
    for p in pts:
        # the curve passes through each sample: some point of the path is on it
        near = min((path.pointAtPercent(t / 2000) - p).manhattanLength() for t in range(2001))
        assert near < 1.0, p
    # centripetal Catmull-Rom does not overshoot far past the samples' own box
    assert QRectF(10, 10, 195, 195).adjusted(-12, -12, 12, 12).contains(path.boundingRect())


def test_a_digit_much_smaller_than_the_pen_is_never_presented_as_sure(window, qtbot):
    tab = window.recognize
    assert tab.canvas.pen_width == 14
    # An 18 px high "4" drawn with the 14 px default pen: a blob.
    drag(qtbot, tab.canvas, [(300, 100), (296, 106), (292, 112), (298, 112), (306, 112)])
    drag(qtbot, tab.canvas, [(302, 103), (302, 110), (302, 118)])
    qtbot.waitUntil(lambda: tab.result is not None and bool(tab.result.digits), timeout=15000)
    assert tab.panel.state_name() == "unsure"
    assert "Read with confidence" not in tab.panel.state.text()
    assert "bigger" in tab.panel.state.text() and "thinner pen" in tab.panel.state.text()
    assert all(b.unsure for b in tab.canvas.boxes())
    # The same pen on a digit of a normal size: no hint.
    window.act_clear.trigger()
    drag(qtbot, tab.canvas, [(360, 60 + 20 * i) for i in range(13)])
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.text == "1", timeout=15000)
    assert tab.panel.state_name() == "ok" and "bigger" not in tab.panel.state.text()
