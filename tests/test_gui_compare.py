"""The Compare tab: two seeds side by side, curves and leaderboard, recipe and misread
drawings on a click, cancel."""

import time

import pytest


@pytest.fixture
def page(window, train_tab, qtbot, subset_dir):
    p = window.compare_page                 # built with the Train tab, once torch is in
    assert p is not None and window.tabs.tabText(3) == "C&ompare"
    window.tabs.setCurrentIndex(3)
    p.data_dir = str(subset_dir)
    p.drawings = 12
    return p


def pick(page, *keys):
    for key, box in page.picks.items():
        box.setChecked(key in keys)


def test_two_seeds_give_two_curves_and_two_rows(window, page, qtbot):
    pick(page, "000", "003")
    page.quick.setChecked(True)
    page.start()
    assert page.busy() and not page.start_button.isEnabled() and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not page.busy(), timeout=240000)
    assert page.table.rowCount() == 2 and set(page.rows) == {"000", "003"}
    assert set(page.curves) == {"000", "003"}
    assert all(len(c.getData()[0]) == 1 for c in page.curves.values())      # one epoch each: one point
    assert len(page.legend.items) == 2
    assert page.plot.getViewBox().viewRange()[0][0] >= 0                    # no negative seconds
    assert all(page.table.item(r, 5).text() != "0 s" for r in range(2))     # a run under a second
    names = [page.table.item(r, 0).text() for r in range(2)]
    assert any("seed 000" in n for n in names) and any("seed 003" in n for n in names)
    page.table.selectRow([i for i, n in enumerate(names) if "seed 003" in n][0])
    assert "SGD" in page.recipe.text() and "momentum 0.9" in page.recipe.text()
    # Seed 003 learns slowly in one quick epoch: it misreads some drawings (ours has not run).
    missed = len(page.rows["003"]["misread"]["canvas"]) + len(page.rows["003"]["misread"]["photo"])
    assert len(page.example_labels) == min(4, missed) > 0
    assert page.progress_text.text() == "Done: 2 models." and page.start_button.isEnabled()
    assert page.tr("Done: %n model(s).", "", 1) == "Done: 1 model."     # it said "Done: 1 models."
    # What the run left says itself again in another language (it stayed in the first).
    def texts():
        return (page.progress_text.text(), [page.table.item(r, 0).text() for r in range(2)],
                [label.text for _, label in page.legend.items])

    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: "完成：2 个模型" in texts()[0])
    assert all("种子" in t for t in texts()[1] + texts()[2])
    window.set_language("en")
    qtbot.waitUntil(lambda: "Done" in texts()[0])
    assert all("seed" in t and "种子" not in t for t in texts()[1] + texts()[2])


def test_cancel_stops_cleanly_and_keeps_nothing_half_done(page, qtbot):
    pick(page, "001")
    page.quick.setChecked(True)
    page.start()
    qtbot.waitUntil(lambda: "Training" in page.progress_text.text(), timeout=120000)
    asked = time.perf_counter()
    page.cancel()
    qtbot.waitUntil(lambda: not page.busy(), timeout=10000)
    assert time.perf_counter() - asked < 5.0
    assert page.table.rowCount() == 0 and not page.rows
    assert "Cancelled" in page.progress_text.text()
    assert page.start_button.isEnabled() and not page.cancel_button.isEnabled()


def test_the_tab_fits_a_1024x600_screen_with_cancel_in_view(window, page, qtbot):
    # Start and Cancel sat after six models and "Quick": wider than the window, Cancel cut off.
    from test_gui_recognize import settle_layouts

    window.resize(1024, 560)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 560))
    settle_layouts(qtbot)
    for button in (page.start_button, page.cancel_button):
        assert button.visibleRegion().boundingRect().size() == button.size()
    assert page.minimumSizeHint().width() <= 1000
