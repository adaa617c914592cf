"""Stroke order on the canvas: which strokes make one digit (reading/strokes.py)."""

import cv2
import numpy as np
import pytest

from mnist_desktop.reading.strokes import PAUSE_S, PenStroke, digit_groups


def arc(cx, cy, rx, ry, a0, a1, n=36):
    t = np.radians(np.linspace(a0, a1, n))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], 1)


def seg(*points, n=12):
    out = [np.array(points[0], float)]
    for a, b in zip(points[:-1], points[1:]):
        a, b = np.array(a, float), np.array(b, float)
        out += [a + (b - a) * t / n for t in range(1, n + 1)]
    return np.array(out)


def strokes(*paths, pause=0.5, width=14.0):
    """Strokes drawn one after another, `pause` seconds apart."""
    return [PenStroke(p, width, start=k * (0.4 + pause) + 0.1, end=k * (0.4 + pause) + 0.5)
            for k, p in enumerate(paths)]


def canvas(pen_strokes, size=(420, 640)):
    img = np.full(size, 255, np.uint8)
    for s in pen_strokes:
        cv2.polylines(img, [np.rint(s.points).astype(np.int32).reshape(-1, 1, 2)], False, 0, int(s.width),
                      cv2.LINE_AA)
    return img


SEVEN = seg((100, 100), (250, 100), (170, 320))
LEANING_ONE = seg((275, 100), (215, 320))      # starts right of the 7, leans on its stem


def test_a_stroke_that_starts_right_of_all_ink_after_a_pause_is_a_new_digit():
    assert digit_groups(strokes(SEVEN, LEANING_ONE)) == [0, 1]
    assert digit_groups(strokes(seg((100, 60), (100, 300)), seg((200, 60), (200, 300)), seg((300, 60), (300, 300)))) \
        == [0, 1, 2]


def test_without_a_pause_the_pen_only_bounced():
    assert digit_groups(strokes(SEVEN, LEANING_ONE, pause=PAUSE_S / 10)) == [0, 0]


def test_strokes_that_cross_earlier_ink_belong_to_it():
    four = strokes(seg((250, 40), (80, 220), (330, 220)), seg((260, 90), (255, 330)))
    crossed_seven = strokes(seg((100, 60), (330, 60), (200, 330)), seg((160, 190), (300, 190)))
    assert digit_groups(four) == [0, 0]
    assert digit_groups(crossed_seven) == [0, 0]


def test_a_loose_bar_drawn_last_joins_the_digit_below_it():
    body = np.concatenate([seg((170, 60), (160, 170)), arc(260, 250, 130, 95, -150, 150)])
    assert digit_groups(strokes(body, seg((200, 40), (420, 35)))) == [0, 0]


def test_a_stroke_across_two_digits_joins_them():
    assert digit_groups(strokes(seg((100, 60), (100, 300)), seg((300, 60), (300, 300)),
                                seg((60, 200), (340, 200)))) == [0, 0, 0]


def test_a_digit_added_left_of_the_others_is_its_own():
    assert digit_groups(strokes(seg((300, 60), (300, 300)), seg((100, 60), (100, 300)))) == [0, 1]


@pytest.mark.parametrize("name, paths, text", [
    # The image alone reads these as "67" and "22": a wide 0 and a 2 with a long tail.
    ("wide 0", [arc(320, 200, 230, 120, -90, 270)], "0"),
    ("2 with a long tail", [np.concatenate([arc(200, 130, 90, 75, 190, 380), seg((285, 160), (110, 330), (600, 330))])],
     "2"),
    # The image alone reads "17": the 1 leans on the 7.
    ("1 leaning on a 7", [SEVEN, LEANING_ONE], "71"),
])
def test_a_drawing_read_with_its_strokes(shipped, name, paths, text):
    drawn = strokes(*paths)
    assert shipped.read(canvas(drawn), drawn).text == text


def test_strokes_that_miss_the_ink_fall_back_to_the_image(shipped):
    img = canvas(strokes(seg((200, 60), (200, 300))))
    far = strokes(seg((600, 400), (610, 410)))
    assert shipped.read(img, far).text == shipped.read(img).text == "1"
