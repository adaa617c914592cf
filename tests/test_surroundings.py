"""What lies around the writing in a photo: the desk under a page, the wall around a board."""

import cv2
import numpy as np
import pytest

import pages
from helpers import number_image
from mnist_desktop.reading import layout, preprocess, surroundings


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_page_photographed_on_a_desk_reads_as_the_page_alone(shipped, easy, seed):
    # Thresholded whole, the desk was the paper and the sheet one huge light "digit":
    # every such photo read as one digit ("0", "4"), tilted or not.
    images, labels = easy
    page = pages.page(np.random.default_rng(seed), images, labels, "plain", lines=(3, 4), numbers=(1, 2))
    assert shipped.read(page.image).text == page.text
    photo = pages.on_desk(page, np.random.default_rng([seed, 2]))
    result = shipped.read(photo.image)
    assert result.text == page.text
    assert "page" in dict(result.steps)                    # the strip shows the desk left out
    for line in result.lines:                              # boxes in the photo's own pixels
        for number in line.numbers:
            x, y, w, h = number.box
            assert 0 <= x and x + w <= photo.image.shape[1] and 0 <= y and y + h <= photo.image.shape[0]


def test_writing_on_a_page_turned_12_degrees_on_a_desk_keeps_its_lines(shipped, easy):
    # Lines were looked for within 8 degrees of level; the sheet's edges give its tilt.
    images, labels = easy
    page = pages.page(np.random.default_rng(5), images, labels, "plain", lines=(4, 4), numbers=(2, 2), digits=(2, 3))
    h, w = page.image.shape
    desk = np.full((h + 400, w + 400), 60, np.uint8)
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 12.0, 0.9)
    turn[:, 2] += 200
    inside = cv2.warpAffine(np.full((h, w), 255, np.uint8), turn, desk.shape[::-1])
    photo = np.where(inside > 127, cv2.warpAffine(page.image, turn, desk.shape[::-1]), desk)
    ink = preprocess.find_ink(photo)
    assert ink.tilt == pytest.approx(-12.0, abs=1.5)
    assert abs(layout.analyse(ink).angle + 12.0) <= 1.5
    assert shipped.read(photo).text == page.text


def test_a_blackboard_photographed_with_the_wall_around_it_reads_its_chalk(shipped, easy):
    # The light wall was the paper, the board one huge dark digit: it read "0".
    images, labels = easy
    chalk = number_image([images[i] for i in range(4)], gap=14)          # dark on white
    board = np.full((chalk.shape[0] + 80, chalk.shape[1] + 80), 45, np.uint8)
    board[40:-40, 40:-40] = np.where(chalk < 128, 225, 45)
    wall = cv2.copyMakeBorder(board, 90, 90, 120, 120, cv2.BORDER_CONSTANT, value=215)
    result = shipped.read(wall)
    assert result.text == "".join(str(labels[i]) for i in range(4))
    assert "page" in dict(result.steps)


def test_a_sticky_note_on_a_desk_reads_its_number(shipped, easy):
    images, labels = easy
    note = number_image([images[i] for i in range(3)], gap=12)
    note = cv2.copyMakeBorder(note, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)
    note = (note.astype(np.float32) * 0.85).astype(np.uint8)           # yellow paper, in gray
    desk = np.full((note.shape[0] * 2 + 100, note.shape[1] * 2), 70, np.uint8)
    desk += np.random.default_rng(0).integers(0, 12, desk.shape).astype(np.uint8)
    y, x = 130, note.shape[1] // 2
    desk[y:y + note.shape[0], x:x + note.shape[1]] = note
    assert shipped.read(desk).text == "".join(str(labels[i]) for i in range(3))


def test_the_hole_of_a_fat_chalk_0_is_no_page(shipped):
    # Light-on-dark, the 0's inside is a dark, even "sheet" amid light: but the image's
    # frame is as dark as that inside, so it is no page on a desk and the 0 stays.
    board = np.zeros((600, 600), np.uint8)
    cv2.ellipse(board, (300, 300), (200, 260), 0, 0, 360, 255, 90)
    assert surroundings.page_only(board) is None
    assert shipped.read(board).text == "0"


def test_a_drawing_on_white_with_a_bar_along_its_edge_is_no_page():
    canvas = np.full((300, 400), 255, np.uint8)
    cv2.line(canvas, (100, 40), (100, 280), 0, 24)
    cv2.line(canvas, (0, 288), (399, 288), 0, 24)             # as thick as the stroke: ink
    assert surroundings.page_only(canvas) is None
