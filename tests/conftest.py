import gc
import os
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).parent
SUBSET = HERE / "data" / "mnist-subset"


def pytest_addoption(parser):
    parser.addoption("--headed", action="store_true", help="show Qt windows instead of offscreen")


def pytest_configure(config):
    # Before any QApplication exists (pytest-qt creates it lazily).
    if not config.getoption("--headed"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path, monkeypatch):
    """Every test gets its own data/config folders: nothing touches the real ones."""
    home = tmp_path / "userdata"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("MNIST_DESKTOP_DATA", raising=False)
    return home


@pytest.fixture(scope="session")
def subset_dir() -> Path:
    return SUBSET


@pytest.fixture(scope="session")
def subset_test():
    """(images uint8 N×28×28 numpy, labels) of the shipped test subset."""
    import gzip

    raw = gzip.open(SUBSET / "t10k-images-idx3-ubyte.gz").read()
    labels = np.frombuffer(gzip.open(SUBSET / "t10k-labels-idx1-ubyte.gz").read()[8:], np.uint8)
    images = np.frombuffer(raw[16:], np.uint8).reshape(-1, 28, 28)
    return images, labels


@pytest.fixture(scope="session")
def shipped():
    from mnist_desktop.reading.recognizer import Recognizer

    return Recognizer.shipped()


@pytest.fixture(scope="session")
def easy(shipped, subset_test):
    """Subset digits the model reads right and surely on their own: for tests about
    finding lines, numbers and grids, not about hard digits."""
    images, labels = subset_test
    keep = [i for i in range(400) if (r := shipped.predict(images[i])) and r.digit == labels[i] and r.confidence > 0.98]
    return images[keep], labels[keep]


@pytest.fixture
def settings(tmp_path):
    """A throwaway INI QSettings, so tests never read or write the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    s = QSettings(str(tmp_path / "qsettings" / "test.ini"), QSettings.Format.IniFormat)
    yield s


@pytest.fixture
def window(qtbot, settings):
    from mnist_desktop.gui import i18n
    from mnist_desktop.gui.app import make_app
    from mnist_desktop.gui.main_window import MainWindow

    make_app()
    i18n.install("en")
    win = MainWindow(settings)
    errors = []
    win.show_error = lambda title, text: errors.append((title, text))
    win.errors = errors
    win.reverts = []                          # the "your model cannot be used" question, answered No
    win.ask_revert = lambda text: win.reverts.append(text) and False
    win.ask_stop_training = lambda: True      # a modal question would hang offscreen
    win.ask_quit_unsaved = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.service.has_model, timeout=60000)
    yield win
    win.close()
    i18n.install("en")


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread():
    """The window's app turns automatic collection off (gui/app.py MainThreadCollector);
    between tests, collect here, on the main thread, what the tests left."""
    yield
    if not gc.isenabled():
        gc.collect()


@pytest.fixture
def train_tab(window, qtbot):
    """The Train tab, built (torch imported in the background) the first time it is shown."""
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.train_tab is not None, timeout=60000)
    window.train_tab.ask_discard = lambda: True   # a new run over an unsaved one: no modal question
    return window.train_tab
