import math

import pytest

from mnist_desktop import paths


@pytest.fixture
def tab(window, train_tab, qtbot, subset_dir, monkeypatch):
    monkeypatch.setenv("MNIST_DESKTOP_DATA", str(subset_dir))
    t = train_tab
    window.tabs.setCurrentIndex(1)          # the page is a scroll area holding the tab
    t.refresh_data_status()
    return t


def wait_idle(qtbot, tab, timeout=60000):
    qtbot.waitUntil(lambda: not tab.busy() and tab.job is None, timeout=timeout)


def test_train_shows_progress_and_results(tab, qtbot):
    tab.form.set_preset("fast")
    tab.start()
    assert tab.busy() and not tab.start_button.isEnabled() and tab.cancel_button.isEnabled()
    wait_idle(qtbot, tab)
    assert tab.outcome is not None and tab.outcome.accuracy > 0.7
    assert tab.curves.steps and tab.curves.epochs == [1]
    assert "Training quicknet: 1 epoch, batch" in tab.log.toPlainText()          # not "1 epochs"
    assert "Test accuracy" in tab.results.summary.text()
    assert sum(map(sum, tab.outcome.confusion)) == 1000
    assert tab.results.confusion.value(0, 0) > 50
    assert tab.results.gallery.count() == len(tab.outcome.wrong) > 0
    tab.results.gallery.itemClicked.emit(0)
    assert len(tab.results.bars.probabilities()) == 10
    assert tab.use_button.isEnabled() and tab.start_button.isEnabled()
    # Each digit stays with its percentage when the line wraps ("9:" / "98.3%" no more).
    per_class = tab.results.per_class.text()
    assert all(f"{d}:\u00a0" in per_class for d in range(10)) and f"{9}: " not in per_class
    assert tab.progress.text() == "100%"


def test_cancel_stops_and_activates_nothing(tab, qtbot, window):
    before = window.service.model_path
    tab.form.arch.setCurrentIndex(tab.form.arch.findData("mnistnet"))
    tab.form.epochs.setValue(30)
    assert tab.form.preset.currentData() == "custom"
    tab.start()
    qtbot.waitUntil(lambda: bool(tab.curves.steps), timeout=60000)
    tab.cancel()
    # How fast a cancel takes effect is for a benchmark; here only that it does.
    wait_idle(qtbot, tab)
    assert tab.outcome is None and not tab.use_button.isEnabled()
    assert "cancelled" in tab.log.toPlainText()
    assert tab.progress_text.text() == "Cancelled."          # it was blanked when the job ended (QA)
    assert paths.active_model() is None and window.service.model_path == before


def test_close_during_training_asks_cancels_and_waits(tab, qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(window, "ask_stop_training", lambda: asked.append(1) or True)
    tab.form.epochs.setValue(30)
    tab.start()
    qtbot.waitUntil(lambda: bool(tab.curves.steps), timeout=60000)
    job = tab.job
    assert window.close()
    assert asked and job.thread.isFinished() and not tab.busy()


def test_close_can_be_refused(tab, qtbot, window, monkeypatch):
    monkeypatch.setattr(window, "ask_stop_training", lambda: False)
    tab.form.epochs.setValue(30)
    tab.start()
    qtbot.waitUntil(lambda: bool(tab.curves.steps), timeout=60000)
    assert not window.close() and tab.busy()
    tab.cancel()
    wait_idle(qtbot, tab)


def test_missing_data_is_reported_and_controls_come_back(window, train_tab, qtbot, tmp_path):
    # On a short window the reason sat below the fold ("Start Training did nothing"),
    # and a failed folder pick left the status line blank: it was only in the log (QA).
    from PySide6.QtWidgets import QScrollArea

    tab = train_tab
    window.resize(1024, 480)
    qtbot.waitUntil(lambda: window.height() == 480)
    area = next(w for w in window.findChildren(QScrollArea) if w.isAncestorOf(tab))
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.verticalScrollBar().setValue(0)
    assert tab.progress_text.visibleRegion().isEmpty()
    assert not tab.refresh_data_status()
    tab.start()
    assert "MNIST" in tab.last_error and tab.start_button.isEnabled()
    assert tab.progress_text.text() == tab.last_error and not tab.progress_text.visibleRegion().isEmpty()
    (tmp_path / "junk").mkdir()
    tab.import_folder(str(tmp_path / "junk"))
    wait_idle(qtbot, tab)
    assert "missing" in tab.last_error and tab.start_button.isEnabled() and tab.folder_button.isEnabled()
    assert tab.progress_text.text() == tab.last_error


def test_use_folder_imports_mnist(window, train_tab, qtbot, subset_dir):
    tab = train_tab
    tab.import_folder(str(subset_dir))
    wait_idle(qtbot, tab)
    assert tab.refresh_data_status()
    tab.views.setCurrentIndex(2)                 # the dataset view loads samples
    qtbot.waitUntil(lambda: tab.mnist_preview.grid.count() == 60, timeout=30000)
    first = [tab.mnist_preview.grid.caption(i) for i in range(60)]
    qtbot.waitUntil(lambda: not tab.mnist_preview.loading(), timeout=30000)
    tab.mnist_preview.reshuffle()
    qtbot.waitUntil(lambda: [tab.mnist_preview.grid.caption(i) for i in range(60)] != first, timeout=30000)


def test_use_this_model_switches_recognition_to_it_and_back_after_a_revert(tab, qtbot, window):
    tab.form.set_preset("fast")
    tab.start()
    wait_idle(qtbot, tab)
    tab.use_button.click()
    # The window makes it the active model once it has loaded.
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == "quicknet", timeout=20000)
    wait_idle(qtbot, tab)
    active = paths.active_model()
    assert active is not None and active.parent == paths.models_dir()
    assert window.service.model_path == str(active)
    assert window.service.meta["source"] == "train tab"
    # Its results no longer compare it with the model it replaced, as if that still read.
    assert "now the active model" in tab.results.summary.text() and not tab.use_button.isEnabled()
    # Then Model > Revert to the Shipped Model: "Use This Model" stayed greyed out for
    # good, and the run's model could only come back through Open Model.
    window.use_shipped_model()
    qtbot.waitUntil(lambda: window.service.meta.get("arch") != "quicknet", timeout=20000)
    assert tab.use_button.isEnabled() and "now the active model" not in tab.results.summary.text()
    tab.use_button.click()
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == "quicknet", timeout=20000)
    wait_idle(qtbot, tab)
    assert paths.active_model() == active                             # the same file, not a second copy
    assert sorted(paths.models_dir().glob("quicknet*.pt")) == [active]
    assert not tab.use_button.isEnabled() and "active model again" in tab.log.toPlainText()


def test_a_finished_but_unsaved_model_is_never_lost_without_a_question(tab, qtbot, window, monkeypatch):
    # Quitting, or starting another run, threw the trained model away without a word.
    tab.form.set_preset("fast")
    tab.start()
    wait_idle(qtbot, tab)
    asked = []
    monkeypatch.setattr(window, "ask_quit_unsaved", lambda: asked.append("quit") or False)
    assert not window.close() and asked == ["quit"]                  # No: the window stays open
    monkeypatch.setattr(tab, "ask_discard", lambda: asked.append("new run") or False)
    tab.start()
    assert asked[-1] == "new run" and not tab.busy() and tab.outcome is not None and tab.use_button.isEnabled()
    tab.use_button.click()                                           # kept: nothing is asked any more
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == "quicknet", timeout=20000)
    wait_idle(qtbot, tab)
    assert not tab.use_button.isEnabled() and tab.save_button.isEnabled()    # no second copy by "Use" again
    monkeypatch.setattr(window, "ask_quit_unsaved", lambda: asked.append("quit again") or False)
    assert window.close() and asked == ["quit", "new run"]


def test_saving_a_result_never_blocks_the_window_and_says_when_it_cannot(tab, qtbot, tmp_path, monkeypatch, window):
    import threading

    from PySide6.QtWidgets import QFileDialog

    from mnist_desktop import checkpoint

    tab.form.set_preset("fast")
    tab.start()
    wait_idle(qtbot, tab)
    savers, real = [], checkpoint.save
    monkeypatch.setattr(checkpoint, "save", lambda *a, **k: (savers.append(threading.get_ident()), real(*a, **k))[1])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "mine"), ""))
    tab.save_button.click()
    # Saving (with the ONNX export) runs in the worker; Use/Save wait for it, Cancel has nothing to stop.
    assert tab.busy() and not tab.use_button.isEnabled() and not tab.cancel_button.isEnabled()
    # Esc does not cut a save short, and closing the window has no training to ask about.
    tab.cancel()
    assert not window.training.busy()
    wait_idle(qtbot, tab)
    assert "cancelled" not in tab.log.toPlainText()
    assert (tmp_path / "mine.pt").is_file() and (tmp_path / "mine.onnx").is_file()
    assert savers and savers[0] != threading.get_ident()
    assert f"Saved {tmp_path / 'mine.pt'}." in tab.log.toPlainText() and tab.use_button.isEnabled()

    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "file" / "m.pt"), ""))
    tab.save_button.click()
    wait_idle(qtbot, tab)
    assert "could not be saved" in tab.last_error and tab.outcome is not None and tab.save_button.isEnabled()


def test_a_model_chosen_while_the_result_saves_stays_active(tab, qtbot, window):
    tab.form.set_preset("fast")
    tab.start()
    wait_idle(qtbot, tab)
    activated = []
    tab.modelActivated.connect(activated.append)
    tab.use_button.click()
    tab.active_path = "/elsewhere/chosen-meanwhile.pt"     # what the window sets when the user opens a model
    wait_idle(qtbot, tab)
    assert activated == [] and "another model was chosen meanwhile" in tab.log.toPlainText()
    saved = list(paths.models_dir().glob("quicknet*.pt"))
    assert len(saved) == 1                                  # saved all the same: nothing lost
    assert tab.use_button.isEnabled() and not tab.unsaved()  # and it can still be made the active one,
    tab.use_button.click()                                  # that copy, not a second one
    qtbot.waitUntil(lambda: window.service.meta.get("arch") == "quicknet", timeout=20000)
    assert paths.active_model() == saved[0] and list(paths.models_dir().glob("quicknet*.pt")) == saved


def test_the_saved_status_follows_a_language_switch(tab, qtbot, window):
    # "Saved." stayed English under the progress bar after a switch to Chinese, in a tab
    # whose every other word had changed.
    tab.form.set_preset("fast")
    tab.start()
    wait_idle(qtbot, tab)
    tab.use_button.click()
    wait_idle(qtbot, tab)
    assert tab.progress_text.text() == "Saved."
    window.set_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: tab.start_button.text() != "Start Training")
        assert tab.progress_text.text() not in ("", "Saved.") and tab.progress_text.text() == tab.tr("Saved.")
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: tab.progress_text.text() == "Saved.")
    tab.progress_text.setText("Epoch 1")         # a newer message is never overwritten by an older one
    window.set_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: tab.start_button.text() != "Start Training")
        assert tab.progress_text.text() == "Epoch 1"
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: tab.start_button.text() == "Start Training")

def test_pen_style_digits_can_be_switched_on(tab, qtbot):
    from mnist_desktop.learning.training import PEN_SHARE

    tab.form.set_preset("fast")
    assert not tab.form.pen.isChecked()
    tab.form.pen.setChecked(True)
    assert tab.form.preset.currentData() == "custom"
    tab.start()
    wait_idle(qtbot, tab)
    assert tab.outcome is not None and tab.outcome.config.pen == PEN_SHARE
    assert "Pen-style" in tab.log.toPlainText()
    assert list(paths.cache_dir().glob("pen-style-*.pt"))   # prepared once, kept for next time
    assert f"--pen {PEN_SHARE}" in tab.outcome.card()["command"]


def test_augmentation_follows_the_preset_and_survives_custom_changes(tab):
    tab.form.set_preset("best")
    assert tab.form.augment.currentData() == "light"
    tab.form.epochs.setValue(3)
    assert tab.form.preset.currentData() == "custom"
    config = tab.form.config()
    assert config.augment and config.augment_strength == "light" and config.epochs == 3
    tab.form.augment.setCurrentIndex(tab.form.augment.findData("full"))
    assert tab.form.config().augment_strength == "full"
    tab.form.augment.setCurrentIndex(tab.form.augment.findData("off"))
    assert not tab.form.config().augment
    tab.form.set_preset("fast")
    assert tab.form.augment.currentData() == "off" and not tab.form.config().augment


def test_touching_digits_can_be_switched_on_and_reach_the_saved_command(tab, qtbot):
    from mnist_desktop.learning.training import TOUCHING_SHARE

    tab.form.set_preset("fast")
    assert not tab.form.touching.isChecked() and tab.form.config().touching == 0
    tab.form.touching.setChecked(True)
    assert tab.form.preset.currentData() == "custom" and tab.form.config().touching == TOUCHING_SHARE
    tab.form.epochs.setValue(1)
    tab.start()
    wait_idle(qtbot, tab, timeout=120000)
    assert tab.outcome is not None and tab.outcome.config.touching == TOUCHING_SHARE
    assert "Touching digits" in tab.log.toPlainText()
    assert f"--touching {TOUCHING_SHARE}" in tab.outcome.card()["command"]


def test_handwriting_styles_can_be_switched_on_and_reach_the_command(tab):
    from mnist_desktop.learning import record
    from mnist_desktop.learning.training import STYLES_SHARE

    tab.form.set_preset("best")
    assert not tab.form.styles.isChecked() and tab.form.config().styles == 0
    tab.form.styles.setChecked(True)
    config = tab.form.config()
    assert tab.form.preset.currentData() == "custom" and config.styles == STYLES_SHARE
    assert f"--styles {STYLES_SHARE}" in " ".join(record.train_argv(config))


def test_a_cancelled_run_leaves_the_previous_results_marked_and_no_stale_progress(tab, qtbot):
    tab.form.set_preset("fast")
    tab.start()
    wait_idle(qtbot, tab)
    shown = tab.results.summary.text()
    assert "Test accuracy" in shown and tab.results.note.isHidden()
    tab.form.epochs.setValue(30)
    tab.start()
    assert "previous run" in tab.results.note.text() and not tab.results.note.isHidden()
    qtbot.waitUntil(lambda: bool(tab.curves.steps), timeout=60000)
    tab.cancel()
    wait_idle(qtbot, tab)
    assert "cancelled" in tab.results.note.text() and not tab.results.note.isHidden()
    assert tab.results.summary.text() == shown
    assert tab.progress.text() == ""                # not "0%", as if a run were about to start


def test_the_dataset_preview_loads_in_the_background_and_leaves_the_form_usable(tab, qtbot):
    preview = tab.mnist_preview
    tab.views.setCurrentIndex(2)
    assert preview.loading() and "Loading" in preview.status.text() and not preview.status.isHidden()
    assert not tab.busy() and tab.form.isEnabled() and tab.start_button.isEnabled()
    qtbot.waitUntil(lambda: preview.grid.count() == 60 and not preview.loading(), timeout=30000)
    assert preview.status.isHidden() and preview.reshuffle_button.isEnabled()
    assert tab.progress.text() == ""                # a preview is not a run: no "0%"


def test_charts_wait_for_data_then_label_both_lines_and_the_loss_scale(tab):
    from mnist_desktop.gui.widgets.curves import log_ticks

    curves = tab.curves
    assert curves.stack.currentWidget() is curves.placeholder and "training starts" in curves.placeholder.text()
    for i, loss in enumerate([0.3, 0.26, 0.22, 0.18, 0.15], 1):
        curves.add_step(20 * i, loss, loss)
    assert curves.stack.currentWidget() is not curves.placeholder
    assert [label.text for _, label in curves.legend.items] == ["loss of a batch", "smoothed"]
    axis = curves.loss_plot.getAxis("left")
    lo, hi = math.log10(0.15), math.log10(0.3)
    values = [v for _, level in axis.tickValues(lo, hi, 300) for v in level]
    assert len(set(axis.tickStrings(values, 1, 1))) >= 2       # not one lonely "0.1"
    # Any loss range a run can show gets at least two labels.
    for a in (0.011, 0.05, 0.1, 0.15, 0.2, 0.3, 0.9, 2.0):
        for factor in (1.1, 1.5, 2, 3, 5, 8, 20):
            assert len(log_ticks(math.log10(a), math.log10(a * factor))) >= 2, (a, factor)
    epochs = curves.acc_plot.getAxis("bottom")
    assert [v for _, level in epochs.tickValues(0.9, 3.1, 400) for v in level] == [1.0, 2.0, 3.0]   # no "1.2"
    curves.clear()
    assert curves.stack.currentWidget() is curves.placeholder


def test_closing_while_the_preview_loads_waits_for_it(tab, qtbot, window):
    tab.views.setCurrentIndex(2)
    job = tab.mnist_preview.job
    assert job is not None and not tab.busy()     # a preview is not training: no question asked
    assert window.close()
    assert job.thread.isFinished()


def test_an_empty_accuracy_chart_reads_in_percent(qtbot):
    # Before the first epoch the "Test accuracy (%)" axis ran 0.1-0.9: pyqtgraph's 0-1.
    from mnist_desktop.gui.widgets.curves import TrainingCurves

    curves = TrainingCurves()
    qtbot.addWidget(curves)
    curves.show()
    assert curves.acc_plot.viewRange()[1] == [0, 100]
    curves.add_step(1, 2.0, 2.0)
    curves.add_epoch(1, 0.9912)
    low, high = curves.acc_plot.viewRange()[1]
    assert low < 99.12 < high <= 100 and high - low < 10          # one epoch: not 49-149%


def test_the_wheel_scrolls_past_the_settings_instead_of_changing_them(tab, qtbot):
    # On a short screen, wheeling down the Train tab changed the batch size under the
    # pointer from 192 to 32 and the preset to Custom, unnoticed (QA).
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    def wheel(widget):
        centre = QPointF(widget.rect().center())
        event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(widget, event)
        return event.isAccepted()

    tab.form.set_preset("fast")
    batch, preset = tab.form.batch.value(), tab.form.preset.currentData()
    # Left unaccepted: Qt hands a real wheel event on to the parents, up to the scroll
    # area (a synthetic one, as here, is never handed on, so that is all a test can see).
    assert not any(wheel(field) for field in (tab.form.batch, tab.form.preset, tab.form.epochs))
    assert tab.form.batch.value() == batch and tab.form.preset.currentData() == preset
    tab.form.batch.setFocus()                      # clicked first: then the wheel is for it
    qtbot.waitUntil(tab.form.batch.hasFocus)
    assert wheel(tab.form.batch)
    assert tab.form.batch.value() != batch and tab.form.preset.currentData() == "custom"
