import cv2
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest

from helpers import number_image
from mnist_desktop import checkpoint, models, paths
from mnist_desktop.learning import record


def drag(qtbot, widget, points):
    """A real mouse stroke: press, moves, release (QTest events)."""
    pts = [QPoint(*p) for p in points]
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[0])
    for p in pts[1:]:
        QTest.mouseMove(widget, p)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[-1])


def settle_layouts(qtbot):
    """Let the layouts a change set off run to their end. A timed wait alone can end, on
    a loaded machine, before a cascade of layout requests (each posting the next) has."""
    qtbot.wait(50)
    for _ in range(8):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents()


def line(a, b, n=12):
    return [(int(a[0] + (b[0] - a[0]) * t / n), int(a[1] + (b[1] - a[1]) * t / n)) for t in range(n + 1)]


def ellipse(cx, cy, rx, ry, n=36):
    return [(int(cx + rx * np.sin(2 * np.pi * t / n)), int(cy - ry * np.cos(2 * np.pi * t / n))) for t in range(n + 1)]


def read_text(window, qtbot, expected, timeout=15000):
    tab = window.recognize
    qtbot.waitUntil(lambda: tab.result is not None and tab.result.text == expected, timeout=timeout)


def test_draw_a_digit_and_see_it(window, qtbot):
    canvas = window.recognize.canvas
    drag(qtbot, canvas, line((360, 60), (360, 300)))
    read_text(window, qtbot, "1")
    assert window.recognize.panel.number.text() == "1"
    assert len(canvas.boxes()) == 1
    assert window.recognize.panel.seen.image().width() == 28


def test_draw_a_two_digit_number(window, qtbot):
    canvas = window.recognize.canvas
    drag(qtbot, canvas, line((200, 70), (200, 300)))
    drag(qtbot, canvas, ellipse(380, 185, 70, 115))
    read_text(window, qtbot, "10")
    assert [b.digit for b in canvas.boxes()] == [1, 0]
    assert len(window.recognize.panel.chip_group.buttons()) == 2
    # Selecting the second digit shows its probabilities and input.
    window.recognize.panel.chip_group.buttons()[1].click()
    assert window.recognize.panel.bars.probabilities()[0] > 0.5


def test_undo_redo_clear(window, qtbot):
    canvas = window.recognize.canvas
    drag(qtbot, canvas, line((200, 70), (200, 300)))
    drag(qtbot, canvas, ellipse(380, 185, 70, 115))
    read_text(window, qtbot, "10")
    window.act_undo.trigger()
    assert len(canvas.strokes) == 1
    read_text(window, qtbot, "1")
    window.act_redo.trigger()
    read_text(window, qtbot, "10")
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.is_empty()
    qtbot.waitUntil(lambda: window.recognize.panel.state_name() == "empty")
    window.act_undo.trigger()                      # clearing is undoable too
    assert len(canvas.strokes) == 2


def test_blank_image_says_no_digit(window, qtbot, tmp_path):
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), np.full((200, 300), 255, np.uint8))
    assert window.open_path(str(path))
    qtbot.waitUntil(lambda: window.recognize.panel.state_name() == "no_digit")
    assert window.recognize.panel.number.text() == "∅"


@pytest.fixture
def number_png(tmp_path, subset_test):
    images, labels = subset_test
    path = tmp_path / "数字.png"
    ok, buf = cv2.imencode(".png", number_image([images[i] for i in (0, 1, 2)], gap=25))
    path.write_bytes(buf.tobytes())
    return path, "".join(str(labels[i]) for i in (0, 1, 2))


def test_open_image(window, qtbot, number_png):
    path, text = number_png
    assert window.open_path(str(path))
    read_text(window, qtbot, text)
    assert window.recognize.mode() == "image" and len(window.recognize.image_view.boxes()) == 3
    assert str(path.resolve()) in window.menu_recent.files()
    # Gone from disk and picked from Open Recent: it says so, and leaves the list.
    path.unlink()
    window.menu_recent.actions()[0].trigger()
    assert "no such file" in window.errors[-1][1] and str(path.resolve()) not in window.menu_recent.files()


@pytest.mark.parametrize("ink", [0, 255])
def test_ink_on_a_transparent_background_is_shown_on_its_paper(window, qtbot, tmp_path, subset_test, ink):
    # Drawn as it was, black ink on transparency sat on the view's dark gray: unseen.
    images, labels = subset_test
    drawn = number_image([images[i] for i in (0, 1)], gap=20) < 128          # True = ink
    bgra = np.zeros(drawn.shape + (4,), np.uint8)
    bgra[drawn] = (ink, ink, ink, 255)
    path = tmp_path / "clear.png"
    cv2.imwrite(str(path), bgra)
    assert window.open_path(str(path))
    read_text(window, qtbot, f"{labels[0]}{labels[1]}")
    shown = window.recognize.image_view.image()
    ys, xs = np.nonzero(~drawn)
    paper = shown.pixelColor(int(xs[0]), int(ys[0]))
    assert paper.alpha() == 255 and abs(paper.lightness() - (255 - ink)) < 8   # the paper it is read on
    ys, xs = np.nonzero(drawn)
    assert abs(shown.pixelColor(int(xs[0]), int(ys[0])).lightness() - ink) < 8


def test_a_multi_page_tiff_says_only_its_first_page_is_read(window, qtbot, tmp_path, subset_test):
    images, labels = subset_test
    path = tmp_path / "scan.tif"
    assert cv2.imwritemulti(str(path), [number_image([images[i]], gap=10) for i in (0, 1)])
    assert window.open_path(str(path))
    read_text(window, qtbot, str(labels[0]))
    note = "Only the first of this file's 2 pages is read."
    assert note in window.recognize.panel.state.text()              # it was silent
    cv2.imwrite(str(tmp_path / "one.png"), number_image([images[1]], gap=10))
    assert window.open_path(str(tmp_path / "one.png"))
    read_text(window, qtbot, str(labels[1]))
    assert note not in window.recognize.panel.state.text()
    blank = tmp_path / "blank.tif"                       # a blank first page says both
    assert cv2.imwritemulti(str(blank), [np.full((60, 60), 255, np.uint8), number_image([images[0]], gap=10)])
    assert window.open_path(str(blank))
    qtbot.waitUntil(lambda: window.recognize.result is not None and not window.recognize.result.digits)
    assert "looks blank" in window.recognize.panel.state.text() and note in window.recognize.panel.state.text()


def test_drop_an_image_file(window, qtbot, number_png):
    path, text = number_png
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    read_text(window, qtbot, text)


def test_paste_an_image(window, qtbot, number_png):
    path, text = number_png
    QGuiApplication.clipboard().setImage(QImage(str(path)))
    window.act_paste.trigger()
    read_text(window, qtbot, text)


def test_delete_over_an_image_goes_back_to_the_drawing_without_erasing_it(window, qtbot, number_png):
    # Delete (or Clear) while an image was shown erased the drawing behind it, out of sight.
    path, text = number_png
    tab = window.recognize
    drag(qtbot, tab.canvas, line((360, 60), (360, 300)))
    read_text(window, qtbot, "1")
    assert window.open_path(str(path))
    read_text(window, qtbot, text)
    window.act_clear.trigger()
    read_text(window, qtbot, "1")
    assert tab.mode() == "canvas" and not tab.canvas.is_empty()
    window.act_clear.trigger()                                  # now it is in sight: cleared
    qtbot.waitUntil(lambda: tab.panel.state_name() == "empty")
    assert tab.canvas.is_empty()

def test_bad_file_gives_a_message_and_the_app_carries_on(window, qtbot, tmp_path):
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG not really")
    assert not window.open_path(str(bad))
    assert window.errors and "broken.png" in window.errors[0][1]
    drag(qtbot, window.recognize.canvas, line((360, 60), (360, 300)))
    read_text(window, qtbot, "1")


def test_foreign_checkpoint_is_refused_and_the_model_stays(window, qtbot, tmp_path):
    before = window.service.model_path
    fake = tmp_path / "fake.pt"
    fake.write_bytes(b"not a model")
    window.use_model(str(fake), show_card=True)
    qtbot.waitUntil(lambda: bool(window.errors), timeout=10000)
    assert "fake.pt" in window.errors[0][1]
    assert window.service.model_path == before and paths.active_model() is None


def test_open_a_valid_checkpoint_makes_it_active(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QPushButton

    # The card is modal: what the window shows behind it must already be the new model's.
    # The label named the old model there, and a drawing's old chips stayed beside the
    # new ones ("7 7 7 1" for 71: deleteLater waits for the window's own event loop).
    behind = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: behind.append(
        (window.model_label.text(), sum(b.isVisibleTo(window) for b in window.recognize.panel.findChildren(QPushButton)
                                        if b.text().isdigit()))))
    drag(qtbot, window.recognize.canvas, line((200, 70), (200, 300)))
    drag(qtbot, window.recognize.canvas, ellipse(380, 185, 70, 115))
    read_text(window, qtbot, "10")
    mine = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"),
                           record.make_meta("quicknet", test_acc=0.42))
    window.use_model(str(mine), show_card=True)
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == "quicknet", timeout=10000)
    qtbot.waitUntil(lambda: bool(behind), timeout=10000)
    assert "42.00%" in behind[0][0] and behind[0][1] <= 2
    panel = window.recognize.panel
    qtbot.waitUntil(lambda: window.recognize.result is not None, timeout=10000)
    result = window.recognize.result
    panel.show_result(result)
    panel.show_result(result)                 # no event loop in between, as under a modal box
    QCoreApplication.processEvents()          # (which runs the new chips' show, not the old ones' delete)
    assert sum(b.isVisibleTo(panel) for b in panel.findChildren(QPushButton) if b.text().isdigit()) == len(result.digits)
    assert paths.active_model() == mine.resolve()
    assert "42.00%" in window.model_label.text()
    window.use_shipped_model()
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == models.SHIPPED_ARCH, timeout=10000)
    assert paths.active_model() is None


def test_switching_language_changes_the_strings(window, train_tab, qtbot):
    assert window.menu_file.title() == "&File"
    window.set_language("zh_CN")                 # Qt delivers LanguageChange as an event
    qtbot.waitUntil(lambda: "文件" in window.menu_file.title())
    assert "识别" in window.tabs.tabText(0) and "训练" in window.tabs.tabText(1)
    assert "开始训练" == window.train_tab.start_button.text()
    assert window.train_tab.form.title() == "设置"   # the settings form is its own widget
    assert window.settings.value("language") == "zh_CN"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File")


def test_settings_survive_a_restart(qtbot, settings, window):
    from mnist_desktop.gui.main_window import MainWindow

    window.recognize.pen.setValue(22)
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.recognize.pen.value() == 22 and again.recognize.canvas.pen_width == 22
    again.close()


def test_a_drawing_is_there_again_after_a_restart_and_a_damaged_one_is_ignored(qtbot, settings, window):
    # Quitting lost the drawing on the canvas without a word.
    from mnist_desktop.gui.main_window import MainWindow

    drag(qtbot, window.recognize.canvas, line((200, 70), (200, 300)))
    qtbot.wait(120)
    drag(qtbot, window.recognize.canvas, ellipse(380, 185, 70, 115))
    read_text(window, qtbot, "10")
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert len(again.recognize.canvas.strokes) == 2
    qtbot.waitUntil(lambda: again.recognize.result is not None and again.recognize.result.text == "10", timeout=30000)
    again.act_undo.trigger()                                  # a stray stroke can be taken back, as before
    assert len(again.recognize.canvas.strokes) == 1
    again.act_redo.trigger()
    assert len(again.recognize.canvas.strokes) == 2
    again.close()
    for damaged in ('[{"w": 14, "p": [[1, "x"]]}]', "[[", '[{"w": -1, "p": [[1, 2]], "q": [], "t": [0, 1]}]',
                    '[{"w": 14, "p": [[1, 2], [3, 4], [5, 6]], "q": [0.5], "t": [0, 1]}]',     # pressures cut short
                    '[{"w": 14, "p": [[1, 2]], "q": [], "t": [1, "NaN"]}]'):
        settings.setValue("drawing", damaged)
        third = MainWindow(settings)
        qtbot.addWidget(third)
        assert third.recognize.canvas.is_empty()
        third.recognize.canvas.grab()                         # it paints
        third.recognize.canvas.clear()
        third.close()


def test_save_drawing_writes_a_png(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    drag(qtbot, window.recognize.canvas, line((360, 60), (360, 300)))
    target = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PNG"))
    window.save_drawing()
    img = cv2.imread(str(target) + ".png", cv2.IMREAD_GRAYSCALE)
    assert img is not None and img.min() < 50 and img.max() > 200


def test_qt_survives_many_signals(tmp_path):
    """A live window emits thousands of signals; PySide6 6.12.0 miscounted a reference
    on each emit and killed the process after a few thousand (pyproject excludes it)."""
    import subprocess
    import sys

    code = ("from PySide6.QtCore import QCoreApplication, QObject, Signal\n"
            "app = QCoreApplication([])\n"
            "class A(QObject):\n    s = Signal(int)\n"
            "a = A(); a.s.connect(lambda i: None)\n"
            "for i in range(30000): a.s.emit(i)\n")
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0


def test_a_newer_result_survives_an_older_one_being_collected():
    # Two quick strokes: the worker can finish request 2 before the window has
    # collected request 1. Collecting 1 must not throw away 2, or the screen would
    # keep showing the first stroke's reading.
    from mnist_desktop.gui.recognition import _Mailbox

    box = _Mailbox()
    box.put_result(1, "first stroke", 3.0)
    box.put_result(2, "both strokes", 4.0)
    assert box.take_result(1) == ("first stroke", 3.0)
    assert box.take_result(2) == ("both strokes", 4.0)
    box.put_result(3, "old", 1.0)
    box.put_result(4, "new", 1.0)
    assert box.take_result(4) == ("new", 1.0)
    assert box.take_result(3) is None      # older than what was shown: dropped
