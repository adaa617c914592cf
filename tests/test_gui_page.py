"""An opened page in the window: a box per number, the lines listed, Copy as a table."""

import cv2
import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

import pages
from helpers import number_image
from test_gui_recognize import settle_layouts


def _open_table(window, qtbot, easy, tmp_path, seed, **kw):
    """A table page of digits the model reads surely, opened and read in the window."""
    images, labels = easy
    page = pages.page(np.random.default_rng(seed), images, labels, "table", **kw)
    path = tmp_path / "table.png"
    cv2.imwrite(str(path), page.image)
    tab = window.recognize
    assert window.open_path(str(path))
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.text == page.text, timeout=20000)
    return page, tab


def test_an_opened_table_shows_numbers_lines_and_copies_as_a_table(window, qtbot, easy, tmp_path):
    page, tab = _open_table(window, qtbot, easy, tmp_path, 0, lines=(3, 3), numbers=(3, 3), digits=(1, 3))

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


def test_on_a_page_labels_never_cover_another_number_and_the_chip_follows(window, qtbot, easy, tmp_path):
    # A 4x3 table of numbers up to four digits: the selected number's confidence
    # labels were stacked over the numbers above and below it, where they read as
    # those numbers' readings; and picking digit 21 of 31 left its chip out of view.
    page, tab = _open_table(window, qtbot, easy, tmp_path, 4,
                            lines=(4, 4), numbers=(3, 3), digits=(3, 4), height=34)
    view = tab.image_view
    target, scale = view.overlay_geometry()
    for number in [n for line in tab.result.lines for n in line.numbers]:
        tab.panel.select(number.digits[-1])
        settle_layouts(qtbot)
        others = [view._map(rect, target, scale) for rect, members in view._groups if number.digits[-1] not in members]
        placed = [(i, tag) for i, (tag, text) in enumerate(view._place_tags()) if text]
        assert number.digits[-1] in [i for i, _ in placed]           # the selected digit keeps its label
        for _, tag in placed:
            assert not any(tag.intersects(o) for o in others), (number.text, tag)
        chip = tab.panel.chip_group.buttons()[number.digits[-1]]
        area = tab.panel.chips_area
        shown = area.viewport().rect()
        assert shown.contains(chip.mapTo(area.viewport(), chip.rect().center())), number.text


def test_a_chip_picked_before_its_row_is_laid_out_comes_into_view(window, qtbot, easy, tmp_path):
    # Picked as a page was read, before the new row of chips was laid out (CI, loaded):
    # the row could not scroll yet, and once laid out it stayed at its start.
    page, tab = _open_table(window, qtbot, easy, tmp_path, 4,
                            lines=(4, 4), numbers=(3, 3), digits=(3, 4), height=34)
    panel, area = tab.panel, tab.panel.chips_area
    far = tab.result.lines[3].numbers[0].digits[-1]

    def chip_in_view():
        chip = panel.chip_group.buttons()[far]
        return area.viewport().rect().contains(chip.mapTo(area.viewport(), chip.rect().center()))

    panel.show_result(None)
    settle_layouts(qtbot)
    panel.show_result(tab.result)          # a longer row than the last: it cannot scroll yet
    panel.select(far)
    qtbot.waitUntil(chip_in_view)
    panel.show_result(tab.result)          # as long as the last: its new chips have no place yet
    panel.select(far)
    qtbot.waitUntil(chip_in_view)


def test_the_first_window_fits_the_screen(window):
    # No saved geometry (a first start): the window was 1180x720 on any screen, its
    # right panel cut off on a 1024x600 laptop.
    room, least = window.screen().availableGeometry(), window.minimumSizeHint()
    assert window.width() <= max(room.width(), least.width()) and window.height() <= max(room.height(), least.height())
