"""Table grids as scans and photos show them: dashed, out of focus."""

import cv2
import numpy as np

from helpers import write_digits


def _table(easy, line) -> tuple[np.ndarray, list[list[str]]]:
    """A 2x3 table whose grid `line(sheet, a, b)` draws, a number in each cell."""
    images, labels = easy
    sheet = np.full((400, 760), 248, np.uint8)
    xs, ys = (40, 260, 480, 700), (60, 150, 240)
    for y in ys:
        line(sheet, (xs[0], y), (xs[-1], y))
    for x in xs:
        line(sheet, (x, ys[0]), (x, ys[-1]))
    want = [[write_digits(sheet, images, labels, [0, 1], 80, 135), write_digits(sheet, images, labels, [2, 3, 4], 300, 135),
             write_digits(sheet, images, labels, [5], 560, 135)],
            [write_digits(sheet, images, labels, [6, 7], 80, 225), write_digits(sheet, images, labels, [8], 330, 225),
             write_digits(sheet, images, labels, [9, 10], 520, 225)]]
    return sheet, want


def _rows(shipped, image) -> list[list[str]]:
    return [[n.text for n in line.numbers] for line in shipped.read(image).lines]


def test_a_table_drawn_with_dashed_lines_reads_row_by_row(shipped, easy):
    # Each dash was a piece too short to close a cell: no grid, and the whole table
    # read as one number ("6315127").
    def dashed(sheet, a, b):
        (x0, y0), (x1, y1) = a, b
        n = max(abs(x1 - x0), abs(y1 - y0))
        for s in [*range(0, n - 48, 60), n - 48]:
            cv2.line(sheet, (x0 + (x1 - x0) * s // n, y0 + (y1 - y0) * s // n),
                     (x0 + (x1 - x0) * (s + 48) // n, y0 + (y1 - y0) * (s + 48) // n), 80, 2)

    sheet, want = _table(easy, dashed)
    assert _rows(shipped, sheet) == want


def test_a_blurred_photo_of_a_table_with_thick_walls_reads_row_by_row(shipped, easy):
    # A 3 px wall out of focus measures 9 px at the faint level rules are looked for
    # at, and was taken for a marker's stroke: no walls, and no table.
    sheet, want = _table(easy, lambda sheet, a, b: cv2.line(sheet, a, b, 40, 3))
    assert _rows(shipped, cv2.GaussianBlur(sheet, (0, 0), 1.4)) == want
