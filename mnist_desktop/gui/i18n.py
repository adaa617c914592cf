"""Qt translations: English (source strings) and Simplified Chinese."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_installed: list[QTranslator] = []


def system_language() -> str:
    name = QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


def install(language: str | None) -> str:
    """Switch the whole app to `language` ('' or None = follow the system)."""
    app = QCoreApplication.instance()
    lang = language if language in LANGUAGES else system_language()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != "en":
        ours = QTranslator(app)
        data = (resources.files("mnist_desktop.resources") / "translations" / f"mnist_desktop_{lang}.qm").read_bytes()
        # QTranslator.load(bytes) keeps no reference; the translator must own a copy.
        ours._data = data
        if ours.load(data):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("translation %s could not be loaded", lang)
        qt = QTranslator(app)
        if qt.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    return lang
