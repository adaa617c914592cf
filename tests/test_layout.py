"""Reading a page: lines of writing, numbers in them, ruled lines and table grids."""

import csv
import io
import json
import subprocess
import sys

import cv2
import numpy as np
import pytest

import pages
from helpers import number_image, write_digits
from mnist_desktop.reading import layout, preprocess


def _stack(*rows, gap=40):
    w = max(r.shape[1] for r in rows)
    out = [np.pad(r, ((0, gap), (0, w - r.shape[1])), constant_values=255) for r in rows]
    return np.vstack(out)


def test_a_two_line_note_reads_as_two_lines(shipped, subset_test):
    images, labels = subset_test
    # "721" above "041": today's reader read this as one number ("221").
    note = _stack(number_image([images[0], images[1], images[2]], gap=8),
                  number_image([images[3], images[4], images[5]], gap=8))
    result = shipped.read(note)
    want = ["".join(str(labels[i]) for i in (0, 1, 2)), "".join(str(labels[i]) for i in (3, 4, 5))]
    assert result.text == "\n".join(want)
    assert [[n.text for n in line.numbers] for line in result.lines] == [[want[0]], [want[1]]]
    top, bottom = result.lines
    assert top.box[1] + top.box[3] <= bottom.box[1]          # boxes in image pixels, top first
    assert [result.digits[i].digit for i in bottom.numbers[0].digits] == [int(c) for c in want[1]]


def test_numbers_in_a_line_are_split_by_wide_gaps(shipped, easy):
    images, labels = easy
    a = number_image([images[0], images[1]], gap=6)
    b = number_image([images[2], images[3], images[4]], gap=6)
    line = np.hstack([a, np.full((a.shape[0], 160), 255, np.uint8), b])
    result = shipped.read(line)
    assert [n.text for n in result.lines[0].numbers] == [f"{labels[0]}{labels[1]}", f"{labels[2]}{labels[3]}{labels[4]}"]
    assert result.text == f"{labels[0]}{labels[1]} {labels[2]}{labels[3]}{labels[4]}"


def test_a_number_written_with_its_digits_spaced_out_stays_one_number(shipped, easy):
    images, labels = easy
    # Evenly spaced digits, about a digit height apart (a photo of a form): the
    # absolute gap rule read this as "3 2 8 1", a number per digit.
    spaced = number_image([images[k] for k in range(4)], gap=80, scale=4)      # digits ~80 px tall
    assert shipped.read(spaced).text == "".join(str(labels[k]) for k in range(4))
    # Single digits far apart in a line are still numbers of their own.
    apart = number_image([images[k] for k in range(3)], gap=170, scale=4)
    assert shipped.read(apart).text == " ".join(str(labels[k]) for k in range(3))


def test_a_3x3_table_reads_back_row_by_row(shipped, easy):
    images, labels = easy
    page = pages.page(np.random.default_rng(0), images, labels, "table", lines=(3, 3), numbers=(3, 3), digits=(1, 3))
    result = shipped.read(page.image)
    assert [[n.text for n in line.numbers] for line in result.lines] == page.lines
    assert [[n.column for n in line.numbers] for line in result.lines] == [[0, 1, 2]] * 3


def _seven_on_a_rule(images, labels):
    seven = images[list(labels).index(7)]
    ink = pages.digit_ink(seven, 120)
    h, w = ink.shape
    sheet = np.full((500, 700), 250, np.float32)
    y0, x0 = 150, 300
    sheet[y0:y0 + h, x0:x0 + w] *= 1 - 0.9 * ink
    bar = y0 + int(np.argmax((ink > 0.5).sum(1)))       # the 7's bar: its widest row
    for y in range(60, 500, 75):
        cv2.line(sheet, (0, y), (699, y), 130, 2)
    cv2.line(sheet, (0, bar), (699, bar), 130, 2)        # one rule right through the bar
    # Another number on the sheet, so there is writing to measure the rules against.
    other = number_image([images[0], images[1]], gap=6, scale=4)
    region = sheet[330:330 + other.shape[0], 60:60 + other.shape[1]]
    np.minimum(region, other, out=region)
    return sheet.astype(np.uint8), (x0, bar, w)


def test_ruled_lines_go_but_a_7_crossing_a_rule_keeps_its_bar(shipped, subset_test):
    images, labels = subset_test
    sheet, (x0, bar, w) = _seven_on_a_rule(images, labels)
    ink = preprocess.find_ink(sheet)
    page = layout.analyse(ink)
    assert sum(r.axis == "h" for r in page.rules) >= 6
    mask = page.ink.mask
    # Away from the writing, the rules are gone ...
    assert not mask[:, :40].any() and not mask[:, 660:].any()
    # ... while the 7's bar, which the rule runs through, is still ink across most of the digit.
    rows = mask[bar - 2:bar + 3, x0:x0 + w].any(0)
    assert rows.mean() > 0.5
    result = shipped.read(sheet)
    assert "7" in [n.text for line in result.lines for n in line.numbers]


def test_a_page_tilted_3_degrees_keeps_its_lines_apart(shipped, easy):
    images, labels = easy
    page = pages.page(np.random.default_rng(3), images, labels, "plain", lines=(4, 4), numbers=(2, 3), digits=(2, 3))
    h, w = page.image.shape
    turned = cv2.warpAffine(page.image, cv2.getRotationMatrix2D((w / 2, h / 2), 3.0, 1.0), (w, h),
                            borderValue=int(page.image[0, 0]))
    result = shipped.read(turned)
    assert len(result.lines) == 4
    assert [len(line.numbers) for line in result.lines] == [len(line) for line in page.lines]
    assert abs(abs(layout.analyse(preprocess.find_ink(turned)).angle) - 3.0) <= 1.0


def test_single_numbers_and_digits_read_exactly_as_before(shipped, subset_test):
    images, _ = subset_test
    rng = np.random.default_rng(7)
    for k in range(12):
        idx = rng.choice(len(images), size=int(rng.integers(1, 5)), replace=False)
        img = number_image([images[i] for i in idx], gap=int(rng.integers(4, 20)))
        result = shipped.read(img)
        before = shipped._read_number(preprocess.find_ink(img))          # the reader without pages
        assert [(d.digit, d.box) for d in result.digits] == [(d.digit, d.box) for d in before]
        assert "lines" not in result.to_json("x") and "\n" not in result.text and " " not in result.text


def _run(*args):
    return subprocess.run([sys.executable, "-m", "mnist_desktop", *args], capture_output=True, text=True, timeout=120)


def test_predict_json_lines_and_csv_contract(tmp_path, shipped, easy):
    images, labels = easy
    page = pages.page(np.random.default_rng(0), images, labels, "table", lines=(3, 3), numbers=(3, 3), digits=(1, 3))
    table = tmp_path / "table.png"
    cv2.imwrite(str(table), page.image)
    one = tmp_path / "one.png"
    cv2.imwrite(str(one), number_image([images[0], images[1]], gap=8))

    out = _run("predict", str(table), str(one), "--json")
    assert out.returncode == 0, out.stderr
    obj, single = [json.loads(line) for line in out.stdout.splitlines()]
    assert obj["text"] == page.text and obj["status"] == "ok"
    assert [[n["text"] for n in line["numbers"]] for line in obj["lines"]] == page.lines
    for line in obj["lines"]:
        assert len(line["box"]) == 4
        for n in line["numbers"]:
            assert "".join(str(obj["digits"][i]["digit"]) for i in n["digits"]) == n["text"] and len(n["box"]) == 4
    assert "lines" not in single and single["text"] == f"{labels[0]}{labels[1]}"

    out = _run("predict", str(table), "--csv")
    assert out.returncode == 0, out.stderr
    assert list(csv.reader(io.StringIO(out.stdout))) == page.lines

    out = _run("predict", str(table))
    assert [line.split(":")[1].split("  ")[0].strip() for line in out.stdout.splitlines()] == \
        [" ".join(line) for line in page.lines]
    assert _run("predict", str(table), "--csv", "--json").returncode == 2


def test_a_straight_1_beside_a_0_is_no_rule(shipped):
    # A "10" drawn with a ruler-straight 1: one long thin stroke is no ruled line.
    for pen in (3, 14):
        canvas = np.full((400, 720), 255, np.uint8)
        cv2.line(canvas, (200, 70), (200, 300), 0, pen)
        t = np.arange(37) * 2 * np.pi / 36
        cv2.polylines(canvas, [np.stack([380 + 70 * np.sin(t), 185 - 115 * np.cos(t)], 1).astype(np.int32)], False, 0, pen)
        assert layout.analyse(preprocess.find_ink(canvas)).rules == []
        assert shipped.read(canvas).text == "10"


def test_a_one_column_table_of_short_numbers_reads_row_by_row(shipped, easy):
    # A column of boxed numbers a digit or three wide: its rules are shorter than a
    # ruling's, and the boxed column was read as lines whose rows ran together
    # ("191 / 298 / 4" came out "33").
    images, labels = easy
    page = pages.page(np.random.default_rng(11), images, labels, "table", lines=(3, 3), numbers=(1, 1),
                      digits=(1, 3), height=42)
    result = shipped.read(page.image)
    assert [[n.text for n in line.numbers] for line in result.lines] == page.lines
    assert [[n.column for n in line.numbers] for line in result.lines] == [[0]] * 3


def test_a_table_row_holding_two_lines_of_writing_reads_as_two_rows(shipped, easy):
    # A rule the grid lost (here: never drawn) leaves two rows of writing between two
    # rules; they stay two lines, not one number per cell made of both.
    images, labels = easy
    sheet = np.full((520, 700), 248, np.uint8)
    rows = [(0, 1), (2, 3), (4, 5)]
    for r, (a, b) in enumerate(rows):
        for c, k in enumerate((a, b)):
            ink = number_image([images[k]], gap=0, scale=2)
            y, x = 40 + r * 90, 80 + c * 260
            region = sheet[y:y + ink.shape[0], x:x + ink.shape[1]]
            np.minimum(region, ink, out=region)
    for y in (20, 290):                      # no rule between the first two rows
        cv2.line(sheet, (40, y), (560, y), 90, 2)
    for x in (40, 300, 560):
        cv2.line(sheet, (x, 20), (x, 290), 90, 2)
    result = shipped.read(sheet)
    assert [[n.text for n in line.numbers] for line in result.lines] == [[str(labels[a]), str(labels[b])]
                                                                         for a, b in rows]


def test_a_digit_written_small_between_numbers_is_still_read(shipped, easy):
    # A lone digit about half as tall as the writing around it (MNIST's squat 6s
    # and 5s) was taken for a stray mark and dropped: "339 6 3263" read "339 3263".
    images, labels = easy
    small = next(k for k in range(5, len(labels)) if labels[k] == 6)
    sheet = np.zeros((200, 900), np.float32)
    x = 40
    for k, height in ((0, 60), (1, 60), (None, 0), (small, 33), (None, 0), (3, 60), (4, 60)):
        if k is None:
            x += 120
            continue
        ink = pages.digit_ink(images[k], height)
        y = 150 - ink.shape[0]
        sheet[y:y + ink.shape[0], x:x + ink.shape[1]] = np.maximum(sheet[y:y + ink.shape[0], x:x + ink.shape[1]], ink)
        x += ink.shape[1] + 8
    image = (250 * (1 - 0.9 * sheet)).astype(np.uint8)
    assert shipped.read(image).text == f"{labels[0]}{labels[1]} 6 {labels[3]}{labels[4]}"


def test_a_0_resting_on_a_faint_rule_keeps_its_bottom(shipped, easy):
    # Rules fainter than the digits' threshold are not in the digits' ink; where a
    # 0's bottom lay on one, that stretch of the 0 was taken for the rule and cut.
    images, labels = easy
    sheet = np.full((520, 760), 248, np.uint8)
    for y in range(80, 520, 90):
        cv2.line(sheet, (0, y), (759, y), 200, 2)            # light gray, as a pale blue rule
    cv2.ellipse(sheet, (380, 260 - 34), (22, 34), 0, 0, 360, 30, 3)     # a thin 0 on the rule at y=260
    other = number_image([images[0], images[1]], gap=6, scale=2)
    region = sheet[170 - other.shape[0]:170, 60:60 + other.shape[1]]
    np.minimum(region, other, out=region)
    page = layout.analyse(preprocess.find_ink(sheet))
    assert any(r.axis == "h" for r in page.rules)
    s = preprocess.find_ink(sheet).scale
    bottom = page.ink.mask[int(250 * s):int(264 * s), int(366 * s):int(394 * s)]
    assert bottom.any(0).all()                  # the 0's bottom is whole ...
    texts = [n.text for line in shipped.read(sheet).lines for n in line.numbers]
    assert texts == [f"{labels[0]}{labels[1]}", "0"]


def test_a_stretch_of_a_faint_rule_the_light_darkened_is_no_ink(shipped, easy):
    # Faint rules stay in the digits' ink's background, but uneven light in a photo
    # can lift a stretch of one over the threshold; that stretch is no writing and
    # must not join the number beside it.
    images, labels = easy
    sheet = np.full((520, 760), 248, np.uint8)
    for y in range(80, 520, 90):
        cv2.line(sheet, (0, y), (759, y), 200, 2)
    cv2.line(sheet, (150, 260), (300, 260), 60, 2)          # the darkened stretch
    number = number_image([images[0], images[1], images[2]], gap=6, scale=2)
    region = sheet[262 - number.shape[0]:262, 310:310 + number.shape[1]]
    np.minimum(region, number, out=region)
    other = number_image([images[3], images[4]], gap=6, scale=2)
    region = sheet[170 - other.shape[0]:170, 60:60 + other.shape[1]]
    np.minimum(region, other, out=region)
    page = layout.analyse(preprocess.find_ink(sheet))
    s = preprocess.find_ink(sheet).scale
    assert not page.ink.mask[int(250 * s):int(270 * s), int(150 * s):int(290 * s)].any()
    texts = [n.text for line in shipped.read(sheet).lines for n in line.numbers]
    assert texts == [f"{labels[3]}{labels[4]}", f"{labels[0]}{labels[1]}{labels[2]}"]


def test_a_frame_around_the_writing_is_no_one_cell_table(shipped, easy):
    # Two horizontal and two vertical rules closing on each other are a frame too: the
    # boxed-column rule made it one cell, and each line one number ("72104").
    images, labels = easy
    for ruled in (False, True):
        sheet = np.full((500, 800), 248, np.uint8)
        cv2.rectangle(sheet, (20, 20), (780, 480), 80, 2)
        if ruled:
            for y in (180, 265, 350, 435):
                cv2.line(sheet, (20, y), (780, y), 170, 1)
        want = [[write_digits(sheet, images, labels, [0, 1], 80, 180), write_digits(sheet, images, labels, [2, 3, 4], 450, 180)],
                [write_digits(sheet, images, labels, [5], 80, 350), write_digits(sheet, images, labels, [6, 7], 450, 350)]]
        assert [[n.text for n in line.numbers] for line in shipped.read(sheet).lines] == want


def test_numbers_side_by_side_at_different_heights_stay_one_table_row(shipped, easy):
    # Cells over two digits tall, one number written 35 px (0.8 digit) higher than its
    # neighbour: the row was split into two rows of one number each.
    images, labels = easy
    sheet = np.full((400, 700), 248, np.uint8)
    for y in (50, 150, 250):
        cv2.line(sheet, (50, y), (600, y), 80, 2)
    for x in (50, 320, 600):
        cv2.line(sheet, (x, 50), (x, 250), 80, 2)
    want = [[write_digits(sheet, images, labels, [0, 1], 80, 108), write_digits(sheet, images, labels, [2, 3], 350, 143)],
            [write_digits(sheet, images, labels, [5], 80, 243), write_digits(sheet, images, labels, [6, 7], 350, 208)]]
    assert [[n.text for n in line.numbers] for line in shipped.read(sheet).lines] == want


def test_a_7s_loose_bar_lying_on_a_dark_rule_stays(shipped, easy):
    # Pieces lying wholly on a rule are dust only on a rule too faint to be in the
    # digits' ink; on a dark one, a 7's bar that does not touch its stem is writing.
    images, labels = easy
    sheet = np.full((400, 700), 248, np.uint8)
    for y in range(60, 400, 90):
        cv2.line(sheet, (0, y), (699, y), 120, 2)
    first = write_digits(sheet, images, labels, [0, 1], 100, 240)
    cv2.line(sheet, (400, 240), (440, 240), 20, 4)
    cv2.line(sheet, (438, 246), (420, 325), 20, 4)
    assert [n.text for line in shipped.read(sheet).lines for n in line.numbers] == [first, "7"]


def _segments(digit: str, slant: float = 0.35, lift: float = 0.12) -> np.ndarray:
    """A digit drawn in straight strokes, seven-segment fashion and slanted, the pen
    lifted before each corner: every stroke is its own piece of ink."""
    corners = {"a": ((0, 0), (1, 0)), "b": ((1, 0), (1, 1)), "c": ((1, 1), (1, 2)), "d": ((0, 2), (1, 2)),
               "e": ((0, 1), (0, 2)), "f": ((0, 0), (0, 1)), "g": ((0, 1), (1, 1))}
    strokes = {"1": "bc", "2": "abged", "3": "abgcd", "7": "abc"}[digit]
    img = np.full((200, 200), 255, np.uint8)
    for s in strokes:
        (x0, y0), (x1, y1) = (np.array(p, float) for p in corners[s])
        a = np.array([x0, y0]) + (np.array([x1, y1]) - [x0, y0]) * lift
        b = np.array([x1, y1]) - (np.array([x1, y1]) - [x0, y0]) * lift
        pts = [(50 + 70 * x + slant * 50 * (2 - y), 40 + 50 * y) for x, y in (a, b)]
        cv2.line(img, *[tuple(int(round(v)) for v in p) for p in pts], 0, 6, cv2.LINE_AA)
    return img


@pytest.mark.parametrize("digit", ["1", "2", "3", "7"])
def test_a_digit_drawn_in_separate_slanted_strokes_is_one_line_and_one_number(digit):
    # Its strokes stand on one another with their boxes hardly overlapping: each
    # read as a line of its own ("1\n1" for a 1, "7\n5" for a 2).
    page = layout.analyse(preprocess.find_ink(_segments(digit)))
    assert page.single


def test_a_digit_on_the_next_line_just_below_left_is_not_joined_to_the_one_above():
    # A 2, then a 3 below it and a little to the left, ink 35 px apart (a quarter of a
    # digit): two digits on two lines. Joined as one glyph while any pieces stacked
    # with their ink that close were joined (only a straight stroke joins so now).
    img = np.full((560, 700), 255, np.uint8)
    cv2.polylines(img, [np.array([[420, 120], [500, 120], [500, 180], [420, 260], [510, 260]], np.int32)],
                  False, 0, 14, cv2.LINE_AA)
    cv2.polylines(img, [np.array([[360, 295], [430, 295], [390, 360], [430, 380], [370, 450]], np.int32)],
                  False, 0, 14, cv2.LINE_AA)
    page = layout.analyse(preprocess.find_ink(img))
    assert len(page.lines) == 2


def test_a_column_of_prices_keeps_its_points(shipped, easy):
    images, labels = easy
    dot = np.zeros((28, 28), np.uint8)
    cv2.circle(dot, (14, 22), 2, 255, -1)
    rows, want = [], []
    for k, (whole, cents) in enumerate([(2, 2), (1, 2), (3, 2)]):
        picks = list(range(5 * k, 5 * k + whole + cents))
        rows.append(number_image([images[i] for i in picks[:whole]] + [dot] + [images[i] for i in picks[whole:]], gap=12))
        text = "".join(str(labels[i]) for i in picks)
        want.append(f"{text[:whole]}.{text[whole:]}")
    result = shipped.read(_stack(*rows, gap=60))
    assert [n.text for line in result.lines for n in line.numbers] == want
    assert result.rows() == [[w] for w in want]            # what --csv and Copy give a spreadsheet
