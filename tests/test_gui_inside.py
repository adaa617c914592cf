"""The "Inside the network" window follows the Recognize tab's selected digit."""

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtTest import QTest

from helpers import number_image


def test_view_follows_the_selected_digit(window, qtbot, subset_test):
    images, labels = subset_test
    tab = window.recognize
    tab.open_array(number_image([images[0], images[1]], gap=30), "two.png")
    qtbot.waitUntil(lambda: tab.result is not None and len(tab.result.digits) == 2, timeout=30000)
    tab.inside_button.click()
    view = tab.inside
    assert view.isVisible()

    def showing(i):
        ex = view.explanation
        return (not view.busy() and ex is not None and view.shown == view.request
                and np.array_equal(ex.input, tab.result.digits[i].input))

    qtbot.waitUntil(lambda: showing(0), timeout=30000)
    first = view.explanation
    assert first.digit == tab.result.digits[0].digit
    assert len(view.layer_labels) == len(first.layers) + 1          # every layer, and the filters
    assert view.saliency_view.image().width() == 28
    tab.panel.chip_group.buttons()[1].click()
    qtbot.waitUntil(lambda: showing(1), timeout=30000)
    assert view.explanation is not first and view.explanation.digit == tab.result.digits[1].digit
    assert "Read as {0}".format(view.explanation.digit) in view.title.text()
    # Cleared: the window lets go of the digit that is gone instead of explaining it on.
    tab.set_mode(0)
    tab.clear_drawing()
    qtbot.waitUntil(lambda: view.explanation is None and view.shown == view.request, timeout=10000)
    assert "Read as" not in view.title.text()


def test_the_window_fits_a_small_screen_and_escape_closes_it(window, qtbot, monkeypatch):
    # It opened 760 px tall whatever the screen: its bottom ran off a 1024x600 one.
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1024, 570))
    tab = window.recognize
    tab.inside_button.click()
    view = tab.inside
    qtbot.waitUntil(view.isVisible)
    assert view.height() <= 570 - 40
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()
