"""The window's model: loading off the GUI thread, a broken active model, damaged twins."""

import json
import threading

import pytest

from mnist_desktop import checkpoint, models, paths
from mnist_desktop.learning import record


def _activate(path) -> None:
    paths.data_home().mkdir(parents=True, exist_ok=True)
    (paths.data_home() / "active_model.json").write_text(json.dumps({"path": str(path)}))


@pytest.fixture(params=["deleted", "damaged"])
def broken_active(request, tmp_path):
    """An active model that was deleted, or whose checkpoint and twin are damaged."""
    bad = tmp_path / "mine.pt"
    if request.param == "damaged":
        bad.write_bytes(b"PK\x03\x04 half a model")
    _activate(bad)
    return bad


def test_a_broken_active_model_gives_way_to_the_shipped_one(broken_active, window, qtbot):
    qtbot.waitUntil(lambda: bool(window.reverts), timeout=30000)
    assert window.service.meta["arch"] == models.SHIPPED_ARCH and "MNIST" in window.model_label.text()
    assert str(broken_active) in window.reverts[0] and "mnist-desktop model reset" in window.reverts[0]
    assert paths.active_model_choice() == broken_active       # answered No: the choice is kept
    window.act_model_shipped.trigger()                        # Model > Revert to the Shipped Model
    qtbot.waitUntil(lambda: paths.active_model_choice() is None, timeout=10000)   # once it has loaded


def _answer_yes_to_revert(qtbot, settings) -> list[str]:
    """A new window whose fallback question is answered Yes; what it asked."""
    from mnist_desktop.gui.app import make_app
    from mnist_desktop.gui.main_window import MainWindow

    make_app()
    win = MainWindow(settings)
    qtbot.addWidget(win)
    asked = []
    win.ask_revert = lambda text: asked.append(text) or True
    qtbot.waitUntil(lambda: win.service.has_model and bool(asked), timeout=30000)
    win.close()
    return asked


def test_the_fallback_question_can_revert_at_once(broken_active, qtbot, settings):
    _answer_yes_to_revert(qtbot, settings)
    assert paths.active_model_choice() is None


def test_a_damaged_record_of_the_active_model_is_said_not_silently_passed_over(qtbot, settings, capfd):
    # A cut-short active_model.json read as "no choice": the shipped model read, and
    # nobody heard the user's own model was no longer the one reading.
    from mnist_desktop import cli

    paths.data_home().mkdir(parents=True, exist_ok=True)
    record_file = paths.data_home() / "active_model.json"
    record_file.write_text('{"path": "/home/me/mine.p')
    assert cli.main(["predict", str(paths.shipped_model()), "--json"]) == 0     # (a .pt is no image)
    err = capfd.readouterr().err
    assert "active_model.json is damaged: it does not say which model is active" in err and "model reset" in err
    asked = _answer_yes_to_revert(qtbot, settings)
    assert str(record_file) in asked[0] and not record_file.exists()             # reverted: the record gone


def test_a_folder_where_the_active_model_is_recorded_is_said_and_never_raises(window, qtbot):
    # A folder named active_model.json: "Revert to the Shipped Model" raised
    # IsADirectoryError in the slot, and the question called it "your active model".
    record_file = paths.active_record()
    record_file.mkdir(parents=True)
    window.service.load_model("")                        # a fresh start's load, with the folder there
    qtbot.waitUntil(lambda: bool(window.reverts), timeout=30000)
    assert "record of which model is active" in window.reverts[0] and str(record_file) in window.reverts[0]
    assert "is a folder" in window.reverts[0] and "Your active model" not in window.reverts[0]
    window.act_model_shipped.trigger()                    # Model > Revert to the Shipped Model
    qtbot.waitUntil(lambda: bool(window.errors), timeout=10000)
    title, text = window.errors[0]
    assert title == "Cannot remember the model" and str(record_file) in text and "Move it away" in text
    assert record_file.is_dir() and window.service.meta["arch"] == models.SHIPPED_ARCH   # reads on, nothing lost


def test_the_fallback_names_an_unreadable_record_as_unreadable(monkeypatch):
    from mnist_desktop.reading.recognizer import Recognizer

    paths.data_home().mkdir(parents=True, exist_ok=True)
    paths.active_record().write_text('{"path": "/home/me/mine.pt"}')
    real = type(paths.active_record()).read_bytes

    def denied(self):
        if self == paths.active_record():
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(type(paths.active_record()), "read_bytes", denied)
    monkeypatch.setattr(paths, "active_model_choice", lambda: None)   # what a denied read gives
    bad, why = Recognizer.load().fallback
    assert bad == str(paths.active_record()) and "cannot be read (Permission denied)" in str(why)
    assert "damaged" not in str(why)


def test_a_loading_error_never_escapes_the_thread_and_the_model_stays(window, qtbot, monkeypatch, tmp_path):
    from mnist_desktop.reading.recognizer import Recognizer

    before = window.service.model_path
    where = []
    window.show_error = lambda title, text: where.append((threading.current_thread() is threading.main_thread(), text))

    def odd_meta(*a, **k):
        raise TypeError("unhashable type: 'list'")         # what a list as `arch` once raised

    monkeypatch.setattr(Recognizer, "load", odd_meta)
    window.use_model(str(tmp_path / "odd.pt"))
    qtbot.waitUntil(lambda: bool(where), timeout=10000)
    assert where[0][0] and "TypeError" in where[0][1]       # a dialog built on the GUI thread
    assert window.service.model_path == before and paths.active_model() is None
    monkeypatch.undo()
    mine = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"), record.make_meta("quicknet"))
    window.service.load_model(str(mine))                    # the thread still works
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == "quicknet", timeout=10000)


def test_a_damaged_twin_is_refused_and_the_old_model_kept(window, qtbot, tmp_path):
    mine = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"), record.make_meta("quicknet"))
    (tmp_path / "mine.onnx").write_bytes(b"\x08\x07 not a model")
    before = window.service.model_path
    window.use_model(str(mine), show_card=True)
    qtbot.waitUntil(lambda: bool(window.errors), timeout=10000)
    assert "mine.onnx" in window.errors[0][1] and "current model stays active" in window.errors[0][1]
    assert window.service.model_path == before and paths.active_model() is None


def test_a_checkpoint_without_twin_is_prepared_once_then_read(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    mine = checkpoint.save(tmp_path / "old.pt", models.build("quicknet"), record.make_meta("quicknet"))
    (tmp_path / "old.onnx").unlink()
    preparing = []
    window.service.modelPreparing.connect(lambda path: preparing.append(window.model_label.text()))
    window.use_model(str(mine), show_card=True)
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == "quicknet", timeout=60000)
    assert len(preparing) == 1 and "Preparing the model" in preparing[0] and paths.active_model() == mine.resolve()
    assert "quicknet" in window.model_label.text()


def test_only_the_load_asked_for_makes_a_model_active(window, qtbot, tmp_path):
    # Model > Open Model… while another load (the start-up one) is still on its way: that
    # other load finishing first must not be written as the active model.
    mine = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"), record.make_meta("quicknet"))
    window._asked = (str(mine), False)                   # what use_model() records, before its load
    window._model_loaded(str(paths.shipped_model()), dict(window.service.meta))   # the earlier load lands
    assert paths.active_model() is None and window._asked is not None
    window.use_model(str(mine))
    qtbot.waitUntil(lambda: paths.active_model() == mine.resolve(), timeout=10000)


def test_a_refused_file_is_not_shown_as_being_prepared_behind_its_error(window, qtbot, tmp_path):
    # Its error box stood over "Preparing the model for reading…" in the status bar and
    # the model label, as though the refused file were on its way in.
    fake = tmp_path / "fake.pt"
    fake.write_text("not a model")
    seen = []
    window.show_error = lambda title, text: seen.append((text, window.model_label.text(),
                                                         window.statusBar().currentMessage()))
    window.use_model(str(fake), show_card=True)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    text, label, status = seen[0]
    assert "fake.pt" in text and "Preparing" not in label and "Preparing" not in status
    assert "Model:" in label


def test_the_reason_the_shipped_model_reads_instead_keeps_nothing_of_the_bad_file(broken_active):
    # The fallback kept the error as raised: its traceback pinned the frames that read
    # the bad file (its bytes). It is kept detached, its reason and sentence intact.
    from mnist_desktop.reading.recognizer import Recognizer

    rec = Recognizer.load()
    bad, why = rec.fallback
    assert bad == str(broken_active) and why.__traceback__ is None and why.__context__ is None
    assert why.reason in ("missing", "not_archive") and "mine.pt" in str(why)


def test_a_model_made_active_on_the_command_line_reaches_the_open_window(window, qtbot, tmp_path):
    # A model chosen in a second window, then `mnist-desktop model reset`, with this window
    # open: it read on with its old model, its label naming it, until the next start.
    from PySide6.QtCore import QPointF

    qtbot.waitUntil(lambda: bool(window.service.model_path), timeout=30000)
    # Something drawn: the new model reads it at once, and "Read in 3 ms" hid the notice.
    window.recognize.canvas.add_stroke([QPointF(150, 60 + 4 * k) for k in range(50)], 14)
    qtbot.waitUntil(lambda: window.recognize.result is not None and bool(window.recognize.result.digits), timeout=15000)
    mine = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"), record.make_meta("quicknet"))
    paths.set_active_model(mine)                              # what another window writes
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == "quicknet", timeout=15000)
    qtbot.wait(500)                                           # the drawing read again with it
    assert "quicknet" in window.model_label.text() and "outside" in window.statusBar().currentMessage()
    assert paths.active_model() == mine.resolve()
    paths.set_active_model(None)                              # `model reset`
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == models.SHIPPED_ARCH, timeout=15000)
    # The window's own choice is recorded and not taken for a change from outside.
    outside = []
    window.model_watch.changed.connect(lambda: outside.append(1))
    window.use_model(str(mine))
    qtbot.waitUntil(lambda: paths.active_model() == mine.resolve(), timeout=15000)
    qtbot.wait(800)
    assert window.service.meta.get("arch") == "quicknet" and not outside


def test_a_kept_broken_active_model_is_asked_about_once_not_at_every_save(broken_active, window, qtbot):
    # The shipped model reads in its stead and the user said No: the two differ on
    # purpose, and every change in the folder (a sample saved) reloaded and asked again.
    qtbot.waitUntil(lambda: bool(window.reverts), timeout=30000)
    (paths.data_home() / "samples.sqlite-journal").write_bytes(b"")    # what a save leaves for a moment
    qtbot.wait(1500)
    assert len(window.reverts) == 1 and "outside" not in window.statusBar().currentMessage()


def test_a_change_made_while_a_model_loads_is_looked_at_once_it_has_loaded(qtbot, tmp_path):
    # `model reset` during the window's start-up load was dropped for good.
    from mnist_desktop.gui.model_watch import ActiveModelWatch

    paths.data_home().mkdir(parents=True, exist_ok=True)
    now = {"file": ""}                                        # a load on its way
    watch = ActiveModelWatch(lambda: now["file"])
    seen = []
    watch.changed.connect(lambda: seen.append(1))
    mine = checkpoint.save(tmp_path / "mine.pt", models.build("quicknet"), record.make_meta("quicknet"))
    paths.set_active_model(mine)
    qtbot.wait(1000)
    assert not seen
    now["file"] = str(paths.shipped_model())                  # it ends, with the shipped model
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.wait(800)
    assert len(seen) == 1
