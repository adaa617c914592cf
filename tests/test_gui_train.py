import time

import pytest

from mnist_desktop import paths


@pytest.fixture
def tab(window, train_tab, qtbot, subset_dir, monkeypatch):
    monkeypatch.setenv("MNIST_DESKTOP_DATA", str(subset_dir))
    t = train_tab
    window.tabs.setCurrentWidget(t)
    t.refresh_data_status()
    return t


def wait_idle(qtbot, tab, timeout=60000):
    qtbot.waitUntil(lambda: not tab.busy() and tab.job is None, timeout=timeout)


def test_train_shows_progress_and_results(tab, qtbot):
    tab.settings.set_preset("fast")
    tab.start()
    assert tab.busy() and not tab.start_button.isEnabled() and tab.cancel_button.isEnabled()
    wait_idle(qtbot, tab)
    assert tab.outcome is not None and tab.outcome.accuracy > 0.7
    assert tab.curves.steps and tab.curves.epochs == [1]
    assert "Test accuracy" in tab.results.summary.text()
    assert sum(map(sum, tab.outcome.confusion)) == 1000
    assert tab.results.confusion.value(0, 0) > 50
    assert tab.results.gallery.count() == len(tab.outcome.wrong) > 0
    tab.results.gallery.itemClicked.emit(0)
    assert len(tab.results.bars.probabilities()) == 10
    assert tab.use_button.isEnabled() and tab.start_button.isEnabled()


def test_cancel_stops_quickly_and_activates_nothing(tab, qtbot, window):
    before = window.service.model_path
    tab.settings.arch.setCurrentIndex(tab.settings.arch.findData("mnistnet"))
    tab.settings.epochs.setValue(30)
    assert tab.settings.preset.currentData() == "custom"
    tab.start()
    qtbot.waitUntil(lambda: bool(tab.curves.steps), timeout=60000)
    asked = time.perf_counter()
    tab.cancel()
    wait_idle(qtbot, tab, timeout=5000)
    assert time.perf_counter() - asked < 2.0
    assert tab.outcome is None and not tab.use_button.isEnabled()
    assert "cancelled" in tab.log.toPlainText()
    assert paths.active_model() is None and window.service.model_path == before


def test_close_during_training_asks_cancels_and_waits(tab, qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "ask_stop_training", lambda: asked.append(1) or True)
    tab.settings.epochs.setValue(30)
    tab.start()
    qtbot.waitUntil(lambda: bool(tab.curves.steps), timeout=60000)
    job = tab.job
    assert window.close()
    assert asked and job.thread.isFinished() and not tab.busy()


def test_close_can_be_refused(tab, qtbot, window, monkeypatch):
    monkeypatch.setattr(window, "ask_stop_training", lambda: False)
    tab.settings.epochs.setValue(30)
    tab.start()
    qtbot.waitUntil(lambda: bool(tab.curves.steps), timeout=60000)
    assert not window.close() and tab.busy()
    tab.cancel()
    wait_idle(qtbot, tab)


def test_missing_data_is_reported_and_controls_come_back(window, train_tab, qtbot, tmp_path):
    tab = train_tab
    assert not tab.refresh_data_status()
    tab.start()
    assert "MNIST" in tab.last_error and tab.start_button.isEnabled()
    (tmp_path / "junk").mkdir()
    tab.import_folder(str(tmp_path / "junk"))
    wait_idle(qtbot, tab)
    assert "missing" in tab.last_error and tab.start_button.isEnabled() and tab.folder_button.isEnabled()


def test_use_folder_imports_mnist(window, train_tab, qtbot, subset_dir):
    tab = train_tab
    tab.import_folder(str(subset_dir))
    wait_idle(qtbot, tab)
    assert tab.refresh_data_status()
    tab.views.setCurrentIndex(2)                 # the dataset view loads samples
    qtbot.waitUntil(lambda: tab.samples.count() == 60, timeout=30000)
    first = [tab.samples.caption(i) for i in range(60)]
    wait_idle(qtbot, tab)
    tab.reshuffle()
    qtbot.waitUntil(lambda: [tab.samples.caption(i) for i in range(60)] != first, timeout=30000)


def test_use_this_model_switches_recognition_to_it(tab, qtbot, window):
    tab.settings.set_preset("fast")
    tab.start()
    wait_idle(qtbot, tab)
    tab.use_button.click()
    active = paths.active_model()
    assert active is not None and active.parent == paths.models_dir()
    qtbot.waitUntil(lambda: window.service.model_path == str(active), timeout=20000)
    assert window.service.meta["arch"] == "quicknet"
    assert window.service.meta["source"] == "train tab"


def test_pen_style_digits_can_be_switched_on(tab, qtbot):
    from mnist_desktop.learning.training import PEN_SHARE

    tab.settings.set_preset("fast")
    assert not tab.settings.pen.isChecked()
    tab.settings.pen.setChecked(True)
    assert tab.settings.preset.currentData() == "custom"
    tab.start()
    wait_idle(qtbot, tab)
    assert tab.outcome is not None and tab.outcome.config.pen == PEN_SHARE
    assert "Pen-style" in tab.log.toPlainText()
    assert list(paths.cache_dir().glob("pen-style-*.pt"))   # prepared once, kept for next time
    assert f"--pen {PEN_SHARE}" in tab._meta()["command"]


def test_augmentation_follows_the_preset_and_survives_custom_changes(tab):
    tab.settings.set_preset("best")
    assert tab.settings.augment.currentData() == "light"
    tab.settings.epochs.setValue(3)
    assert tab.settings.preset.currentData() == "custom"
    config = tab.settings.config()
    assert config.augment and config.augment_strength == "light" and config.epochs == 3
    tab.settings.augment.setCurrentIndex(tab.settings.augment.findData("full"))
    assert tab.settings.config().augment_strength == "full"
    tab.settings.augment.setCurrentIndex(tab.settings.augment.findData("off"))
    assert not tab.settings.config().augment
    tab.settings.set_preset("fast")
    assert tab.settings.augment.currentData() == "off" and not tab.settings.config().augment


def test_touching_digits_can_be_switched_on_and_reach_the_saved_command(tab, qtbot):
    from mnist_desktop.learning.training import TOUCHING_SHARE

    tab.settings.set_preset("fast")
    assert not tab.settings.touching.isChecked() and tab.settings.config().touching == 0
    tab.settings.touching.setChecked(True)
    assert tab.settings.preset.currentData() == "custom" and tab.settings.config().touching == TOUCHING_SHARE
    tab.settings.epochs.setValue(1)
    tab.start()
    wait_idle(qtbot, tab, timeout=120000)
    assert tab.outcome is not None and tab.outcome.config.touching == TOUCHING_SHARE
    assert "Touching digits" in tab.log.toPlainText()
    assert f"--touching {TOUCHING_SHARE}" in tab._meta()["command"]
