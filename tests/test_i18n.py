"""Chinese reaches what used to stay English: architecture names, image errors, Qt's dialogs."""

import re
from pathlib import Path

import numpy as np
import pytest

from mnist_desktop.reading import imageio
from mnist_desktop.reading.imageio import ImageError

CJK = re.compile(r"[\u4e00-\u9fff]")


def _qtbase_zh_missing() -> bool:
    from PySide6.QtCore import QLibraryInfo

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return not (Path(folder) / "qtbase_zh_CN.qm").is_file()


def _flush_closed_windows():
    """Delete the windows earlier tests closed (pytest-qt only deleteLater()s them):
    a language switch would otherwise reach their tabs, whose sample store is shut."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def zh(qapp):
    from mnist_desktop.gui import i18n

    _flush_closed_windows()
    assert i18n.install("zh_CN") == "zh_CN"
    yield
    i18n.install("en")


def test_train_tab_architecture_names_follow_the_language(window, train_tab, qtbot):
    combo = window.train_tab.form.arch
    mnistnet = combo.findData("mnistnet")
    assert combo.itemText(mnistnet).startswith("mnistnet (ours, default) — ")
    count = combo.itemText(mnistnet).split(" — ")[-1]            # its parameter count
    chosen = combo.currentData()
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "我们的" in combo.itemText(mnistnet))
    assert all(CJK.search(combo.itemText(i)) for i in range(combo.count()))   # every architecture
    assert combo.itemText(mnistnet).endswith(" — " + count) and combo.currentData() == chosen
    window.set_language("en")
    qtbot.waitUntil(lambda: "ours, default" in combo.itemText(mnistnet))


def test_an_unreadable_file_is_explained_in_chinese(window, qtbot, tmp_path):
    empty = tmp_path / "blank.png"
    empty.write_bytes(b"")
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "文件" in window.menu_file.title())
    assert not window.open_path(str(empty))
    title, text = window.errors[-1]
    assert "blank.png 是空文件" in text and "empty" not in text
    window.set_language("en")
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File")
    window.open_path(str(empty))
    assert "blank.png is empty (0 bytes)" in window.errors[-1][1]


def test_an_error_from_the_reading_thread_is_in_chinese(window, qtbot, monkeypatch):
    monkeypatch.setattr(imageio, "MAX_PIXELS", 100)     # any picture is now "too large"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "文件" in window.menu_file.title())
    got = []
    window.service.failed.connect(lambda message, token: got.append(message))
    window.recognize.open_array(np.full((40, 30), 255, np.uint8), "page.png")
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    assert got[-1] == "图像太大（30x40 像素）"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File")


def _raise(make):
    try:
        make()
    except ImageError as exc:
        return exc
    raise AssertionError("no ImageError")


def _triggers(tmp_path):
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "junk.png").write_bytes(b"this is not a picture")
    (tmp_path / "folder.png").mkdir(exist_ok=True)
    return {
        "missing": lambda: imageio.read_image(tmp_path / "nope.png"),
        "empty_file": lambda: imageio.read_image(tmp_path / "empty.png"),
        "folder": lambda: imageio.read_image(tmp_path / "folder.png"),
        "not_image": lambda: imageio.read_image(tmp_path / "junk.png"),
        "not_array": lambda: imageio.to_gray([[0, 1]]),
        "bad_shape": lambda: imageio.to_gray(np.zeros((4, 4, 2), np.uint8)),
        "no_pixels": lambda: imageio.to_gray(np.zeros((0, 4), np.uint8)),
        "not_finite": lambda: imageio.to_gray(np.full((4, 4), np.nan, np.float32)),
        "bad_dtype": lambda: imageio.to_gray(np.zeros((4, 4), np.int64)),
    }


def test_image_errors_carry_a_reason_and_keep_their_english_text(tmp_path):
    for reason, make in _triggers(tmp_path).items():
        exc = _raise(make)
        assert exc.reason == reason
        assert not CJK.search(str(exc)) and str(exc)          # the CLI's sentence is unchanged
    assert str(_raise(_triggers(tmp_path)["empty_file"])) == "empty.png is empty (0 bytes)"


def test_every_image_error_has_a_chinese_sentence(zh, tmp_path):
    from mnist_desktop.gui.error_text import TEXTS, error_text

    for reason, make in _triggers(tmp_path).items():
        text = error_text(_raise(make))
        assert CJK.search(text), (reason, text)
    for reason, template in TEXTS.items():                    # those not triggered above too
        assert CJK.search(error_text(ImageError("x", reason, name="a.png", detail="d", mb=300,
                                                      limit_mb=200, limit_mp=120, type="list", shape="(1,)", width=1,
                                                      height=2, dtype="int64"))), reason


def test_every_mnist_data_error_has_a_chinese_sentence(zh, tmp_path, monkeypatch):
    # "Could not download MNIST: http://...: <urlopen error [Errno 111] Connection refused>"
    # stayed English (twice, one per mirror) in a Chinese window.
    from torchvision.datasets import MNIST

    from mnist_desktop.errors import DataError
    from mnist_desktop.gui.error_text import DATA_TEXTS, error_text
    from mnist_desktop.learning import data

    monkeypatch.setattr(MNIST, "mirrors", ["http://127.0.0.1:9/"])
    with pytest.raises(DataError) as caught:
        data.download(tmp_path / "dl")
    text = error_text(caught.value)
    assert CJK.search(text) and "Connection refused" in text, text
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "nowhere"):
        with pytest.raises(DataError) as caught:
            data.resolve(folder)
        assert CJK.search(error_text(caught.value)), str(caught.value)
    for reason in DATA_TEXTS:                                  # those not triggered above too
        text = error_text(DataError("x", reason, why="w", mirrors=2, folder="f", missing="m", name="n",
                                    detail="d", root="r", shape="(1,)"))
        assert CJK.search(text), reason

def test_an_unknown_image_error_keeps_its_english_text(zh):
    from mnist_desktop.gui.error_text import error_text

    assert error_text(ImageError("a new kind of trouble", "brand_new")) == "a new kind of trouble"
    assert error_text(ImageError("no params given", "missing")) == "no params given"
    assert error_text(ValueError("plain")) == "plain"


@pytest.mark.skipif(_qtbase_zh_missing(), reason="this Qt has no qtbase_zh_CN.qm in its translations folder")
def test_qt_file_dialog_speaks_chinese(zh):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QFileDialog, QLabel

    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    # Qt 6.11 gave these labels mnemonics its Chinese catalogue does not list yet.
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    # What no catalogue translates stays itself (an override answering "" would blank it).
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "Folder"
    assert QCoreApplication.translate("Nowhere", "&Not translated") == "&Not translated"
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)    # Qt's own dialog, as on a bare X desktop
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and all(CJK.search(t) for t in labels), labels
    dialog.deleteLater()


def test_a_qt_without_its_catalogues_still_shows_our_chinese(qapp, monkeypatch, tmp_path):
    from PySide6.QtCore import QCoreApplication

    from mnist_desktop.gui import i18n

    monkeypatch.setattr(i18n, "qt_translations_dir", lambda: str(tmp_path))    # an empty folder
    _flush_closed_windows()
    try:
        assert i18n.install("zh_CN") == "zh_CN"
        assert QCoreApplication.translate("TrainSettings", "Settings") == "设置"
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    finally:
        i18n.install("en")


def test_a_refused_model_file_is_explained_in_chinese(window, qtbot, tmp_path):
    # The heading was Chinese, the reason English ("fake.pt is not a model file").
    fake = tmp_path / "fake.pt"
    fake.write_text("not a model")
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "文件" in window.menu_file.title())
    window.use_model(str(fake))
    qtbot.waitUntil(lambda: bool(window.errors), timeout=10000)
    text = window.errors[-1][1]
    assert "fake.pt" in text and "not a model" not in text and CJK.search(text.split("\n\n")[-1])
    window.set_language("en")
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File")


def test_a_bad_samples_import_is_explained_in_chinese(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "bad.zip"
    bad.write_text("not a zip")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "文件" in window.menu_file.title())
    window.samples_tab.import_from(str(bad))
    assert shown and "bad.zip" in shown[-1] and "nothing was added" not in shown[-1] and CJK.search(shown[-1])
    window.set_language("en")
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File")


def test_model_and_sample_errors_carry_reasons_each_with_a_chinese_sentence(zh, tmp_path):
    from mnist_desktop import checkpoint, samples_zip
    from mnist_desktop.errors import ModelError
    from mnist_desktop.gui.error_text import MODEL_TEXTS, STORE_TEXTS, error_text
    from mnist_desktop.reading import onnx_model
    from mnist_desktop.samples import StoreError

    (tmp_path / "text.pt").write_text("not a model")
    (tmp_path / "text.onnx").write_text("not a model")
    (tmp_path / "text.zip").write_text("not a zip")
    made = {"not_archive": lambda: checkpoint.load(tmp_path / "text.pt"),
            "missing": lambda: onnx_model.load(tmp_path / "gone.pt"),
            "not_onnx": lambda: onnx_model.open_file(tmp_path / "text.onnx"),
            "import_not_export": lambda: samples_zip.read_export(tmp_path / "text.zip")}
    for reason, make in made.items():
        with pytest.raises((ModelError, StoreError)) as info:
            make()
        assert info.value.reason == reason and not CJK.search(str(info.value))    # the CLI's English stays
        assert CJK.search(error_text(info.value)), reason
    params = dict(name="a.pt", detail="d", what="os.system", arch="'x'", key="w", mb=64, twin="a.onnx",
                  folder="/f", why="w", cause="c")
    for kind, table in ((ModelError, MODEL_TEXTS), (StoreError, STORE_TEXTS)):
        for reason in table:
            assert CJK.search(error_text(kind("x", reason, **params))), reason


def test_the_model_cards_date_is_written_in_the_chosen_language(qapp):
    # Chinese chosen, the card still said "Monday, 30 November 2026".
    from mnist_desktop.gui import i18n
    from mnist_desktop.gui.help_texts import trained_date

    meta = {"date": "2026-11-30T12:58:22+00:00"}
    _flush_closed_windows()
    i18n.install("zh_CN")
    try:
        assert "2026年11月30日" in trained_date(meta)
    finally:
        i18n.install("en")
    assert "November" in trained_date(meta) and "年" not in trained_date(meta)


def test_a_damaged_twin_is_explained_in_chinese_with_its_own_reason(zh, tmp_path):
    from mnist_desktop.errors import ModelError
    from mnist_desktop.gui.error_text import error_text
    from mnist_desktop.reading import onnx_model

    (tmp_path / "mine.pt").write_bytes(b"PK\x03\x04 a model")
    (tmp_path / "mine.onnx").write_text("not a model")
    with pytest.raises(ModelError) as info:
        onnx_model.load(tmp_path / "mine.pt")
    exc = info.value
    assert str(exc) == "mine.onnx is not an ONNX model (damaged or another kind of file) (it is the ONNX twin of mine.pt)"
    text = error_text(exc)
    assert exc.reason == "bad_twin" and "mine.onnx" in text and "mine.pt" in text and "ONNX model" not in text


def test_following_the_system_keeps_its_dates(qapp, monkeypatch):
    # "System Default" on a German system showed English dates once the language was English.
    from PySide6.QtCore import QLocale

    from mnist_desktop.gui import i18n

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    try:
        i18n.install("")
        assert QLocale().name() == "de_DE"
        i18n.install("zh_CN")
        assert QLocale().name() == "zh_CN"
    finally:
        monkeypatch.undo()
        i18n.install("en")
