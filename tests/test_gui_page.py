"""An opened page in the window: a box per number, the lines listed, Copy as a table."""

import cv2
import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

import pages
from helpers import number_image


def test_an_opened_table_shows_numbers_lines_and_copies_as_a_table(window, qtbot, shipped, subset_test, tmp_path):
    images, labels = subset_test
    keep = [i for i in range(300) if (r := shipped.predict(images[i])) and r.digit == labels[i] and r.confidence > 0.98]
    page = pages.page(np.random.default_rng(0), images[keep], labels[keep], "table",
                      lines=(3, 3), numbers=(3, 3), digits=(1, 3))
    path = tmp_path / "table.png"
    cv2.imwrite(str(path), page.image)
    tab = window.recognize
    assert window.open_path(str(path))
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.text == page.text, timeout=20000)

    lines = tab.page_lines
    assert lines.isVisibleTo(window) and lines.tree.topLevelItemCount() == 3
    assert [lines.tree.topLevelItem(0).child(j).text(0) for j in range(3)] == page.lines[0]
    # One box per number on the page; digit boxes only for the selected number.
    view = tab.image_view
    assert len(view._groups) == 9 and view._shown() == set(tab.result.lines[0].numbers[0].digits)

    # Clicking a number (in the list) selects its digits.
    second = tab.result.lines[1].numbers[2]
    item = lines.tree.topLevelItem(1).child(2)
    lines.tree.scrollToItem(item)
    rect = lines.tree.visualItemRect(item)
    assert rect.isValid(), (rect, lines.tree.viewport().size())
    QTest.mouseClick(lines.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert tab.panel.selected() == second.digits[0] and view._shown() == set(second.digits)

    # Clicking a number's box on the page selects it too.
    third = tab.result.lines[2].numbers[0]
    target, scale = view.overlay_geometry()
    x, y, w, h = third.box
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(target.x() + (x + w / 2) * scale), int(target.y() + (y + h / 2) * scale)))
    assert tab.panel.selected() in third.digits and lines.tree.currentItem().text(0) == third.text

    lines.copy_button.click()
    assert QGuiApplication.clipboard().text() == "\n".join("\t".join(row) for row in page.lines)


def test_a_single_number_shows_no_page_list(window, qtbot, subset_test, tmp_path):
    images, labels = subset_test
    path = tmp_path / "number.png"
    cv2.imwrite(str(path), number_image([images[i] for i in (0, 1, 2)], gap=25))
    text = "".join(str(labels[i]) for i in (0, 1, 2))
    assert window.open_path(str(path))
    tab = window.recognize
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.text == text, timeout=15000)
    assert not tab.page_lines.isVisibleTo(window) and tab.image_view._groups == []
    assert len(tab.image_view.boxes()) == 3
