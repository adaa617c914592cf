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


def test_a_stroke_that_starts_on_the_corner_of_the_last_digit_is_a_new_digit():
    # A 7, then a 1 begun right of the 7's corner, its ink touching it: one group, cut
    # at the corner, read "11" (QA, 2026-12-02; the mouse-drawn reading is in
    # test_gui_strokes.py).
    seven = seg((200, 150), (340, 150), (260, 420))
    for x in (348, 352):
        assert digit_groups(strokes(seven, seg((x, 165), (335, 420)))) == [0, 1]


def test_a_stroke_that_goes_on_from_an_earlier_one_or_crosses_it_stays_with_it():
    # What the rule above must leave alone: the stem of a 1 begun a little right of the
    # top of its flag, a 9's stem begun right of its loop (drawn from the top), a 4's
    # stem begun right of its bar's end and crossing it lower down, a 5's bar drawn from
    # the right.
    flag_one = strokes(seg((120, 120), (200, 60)), seg((210, 62), (205, 330)))
    nine = strokes(arc(200, 130, 60, 60, -90, 270), seg((272, 130), (266, 380)))
    four = strokes(seg((200, 40), (80, 220), (262, 220)), seg((272, 90), (268, 330)))
    body = np.concatenate([seg((170, 60), (160, 170)), arc(230, 250, 100, 95, -150, 150)])
    five = strokes(body, seg((341, 40), (170, 45)))
    # A pen that presses harder on the flag (tablet): the stem begins inside its ink.
    thick_flag = [PenStroke(seg((120, 120), (200, 60)), 30.0, 0.1, 0.5), PenStroke(seg((214, 75), (205, 330)), 12.0, 1.0, 1.4)]
    for digit in (flag_one, nine, four, five, thick_flag):
        assert digit_groups(digit) == [0, 0]

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


def test_a_stroke_that_touches_nothing_joins_a_digit_only_when_it_lies_over_it():
    # A 1 that starts left of the 7's bar end by a hair and touches nothing: its own digit.
    assert digit_groups(strokes(SEVEN, seg((262, 110), (262, 320)), pause=0.0)) == [0, 1]


def test_strokes_that_are_not_strokes_fall_back_to_the_image(shipped):
    img = canvas(strokes(SEVEN, LEANING_ONE))
    plain = shipped.read(img).text
    for bad in ([PenStroke(np.array([[np.nan, 3.0], [4.0, 5.0]]), 14.0)], [PenStroke(np.zeros((0, 2)), 14.0)],
                [PenStroke(np.array([[10.0, 10.0]]), 0.0)], [PenStroke("not points", 14.0)]):
        assert shipped.read(img, bad).text == plain
    # Points far outside the image are clipped to it, not allocated.
    far = [PenStroke(np.array([[-1e9, -1e9], [1e9, 1e9]]), 14.0)]
    assert shipped.read(img, far).status == "ok"


def test_ink_the_polylines_miss_still_belongs_to_a_stroke(shipped):
    # The stroke list holds every other sample of the drawn curve: the curve bulges past it.
    drawn = strokes(arc(320, 200, 150, 120, -90, 270, n=60))
    sparse = [PenStroke(drawn[0].points[::6], 14.0, 0.1, 0.5)]
    img = canvas(drawn)
    from mnist_desktop.reading import preprocess
    from mnist_desktop.reading.strokes import components
    ink = preprocess.find_ink(img)
    found = components(ink, sparse)
    assert found is not None and (found.labels > 0).sum() == ink.mask.sum()
    assert shipped.read(img, sparse).text == "0"


def test_a_large_canvas_is_read_with_its_strokes_at_the_working_scale(shipped):
    # 2.5x the usual canvas: the image is worked on at 1024 px, the strokes follow.
    big = [PenStroke(s.points * 2.5, s.width * 2.5, s.start, s.end) for s in strokes(SEVEN, LEANING_ONE)]
    img = canvas(big, size=(1050, 1600))
    assert shipped.read(img).text != "71"                  # the image alone joins them
    assert shipped.read(img, big).text == "71"


class _TenOutputs:
    """The shipped network without its "several digits" output, as a model trained
    without touching digits has."""

    def __init__(self, network):
        self.network, self.outputs, self.meta = network, 10, network.meta

    def forward(self, images):
        return self.network.forward(images)[:, :10]


def test_without_a_several_output_a_wide_stroke_group_is_still_cut(shipped):
    from mnist_desktop.reading.recognizer import Recognizer

    ten = Recognizer(_TenOutputs(shipped.network), shipped.source)
    zeros = np.concatenate([arc(200, 200, 80, 120, 180, 540), arc(380, 200, 80, 120, 180, 540)])
    drawn = strokes(zeros)
    with_strokes = ten.read(canvas(drawn), drawn)
    # Two loops side by side in one stroke: cut in two, as the image alone is.
    assert len(with_strokes.digits) == 2 and with_strokes.text == ten.read(canvas(drawn)).text


@pytest.mark.parametrize("name, paths, text", [
    # A wide 0 and a 2 with a long tail (read as "67" and "22" before any group waited
    # for the model's doubt; the image alone reads them right now, too).
    ("wide 0", [arc(320, 200, 230, 120, -90, 270)], "0"),
    ("2 with a long tail", [np.concatenate([arc(200, 130, 90, 75, 190, 380), seg((285, 160), (110, 330), (600, 330))])],
     "2"),
    # The image alone reads "17": the 1 leans on the 7.
    ("1 leaning on a 7", [SEVEN, LEANING_ONE], "71"),
])
def test_a_drawing_read_with_its_strokes(shipped, name, paths, text):
    drawn = strokes(*paths)
    assert shipped.read(canvas(drawn), drawn).text == text
    if name == "1 leaning on a 7":
        assert shipped.read(canvas(drawn)).text != text     # only the strokes tell them apart


def test_strokes_that_miss_the_ink_fall_back_to_the_image(shipped):
    img = canvas(strokes(seg((200, 60), (200, 300))))
    far = strokes(seg((600, 400), (610, 410)))
    assert shipped.read(img, far).text == shipped.read(img).text == "1"


@pytest.mark.parametrize("width", [8.0, 14.0])
def test_a_slanted_1_drawn_in_two_strokes_on_the_canvas_reads_1(shipped, width):
    # The pen lifted halfway down: the second stroke starts below the first, not right
    # of it, and shares little of its width. Read as two lines ("1\n1") before, then
    # with a wide pen as "11".
    pen = strokes(seg((170, 40), (141, 130)), seg((137, 145), (108, 235)), width=width)
    assert digit_groups(pen) == [0, 0]
    assert shipped.read(canvas(pen, (300, 300)), pen).text == "1"


def test_a_digit_written_below_left_of_another_is_not_part_of_it():
    # A 2, then a 3 on the next line a little to the left, ink 30 px apart: the 3 does
    # not go on from where the 2 stopped, so it is a digit of its own (it was swallowed
    # into the 2 while strokes that merely came near one another joined).
    two = seg((100, 60), (180, 60), (180, 140), (100, 260), (190, 260))
    three = seg((40, 290), (110, 290), (70, 370), (110, 380), (60, 470))
    assert digit_groups(strokes(two, three)) == [0, 1]


def test_a_digit_written_under_another_is_a_digit_of_its_own(shipped):
    # "2026", then a 1 written 50 px under its first 2: the 1 lay over the 2's width and
    # joined it, and the two were read as one tall 7 on a second line: "026" over "7"
    # (QA). A 5's bar floating just above its body still joins it (test above).
    number = [seg((60, 60), (150, 60), (150, 140), (60, 230), (160, 230)),
              arc(250, 145, 45, 85, 0, 360), seg((320, 60), (410, 60), (410, 140), (320, 230), (420, 230)),
              np.concatenate([seg((560, 60), (480, 150)), arc(520, 190, 40, 40, 180, 540)])]
    drawn = strokes(*number, seg((110, 290), (105, 470)))
    assert digit_groups(drawn) == [0, 1, 2, 3, 4]
    assert shipped.read(canvas(drawn, (520, 640)), drawn).text == "2026\n1"

def test_a_tap_alone_is_no_digit_but_a_point_between_digits_still_is(shipped):
    # A single click on the canvas read as a doubtful "0" (its round blob).
    # (A press and release in place: its one point twice, so that polylines draws it.)
    tap = strokes(np.array([[300.0, 200.0]] * 2), np.array([[420.0, 260.0], [423.0, 261.0]]))
    assert shipped.read(canvas(tap), tap).status == "no_digit"
    assert shipped.read(canvas(tap)).digits            # the image alone still has its blobs
    one_point_five = strokes(seg((150, 80), (150, 300)), np.array([[215.0, 292.0]] * 2),
                             np.concatenate([seg((360, 80), (270, 80), (265, 170)), arc(310, 235, 55, 65, -130, 150)]))
    read = shipped.read(canvas(one_point_five), one_point_five)
    assert read.text == "1.5"
