"""Qt translations: English (source strings) and Simplified Chinese.

Two catalogues per language: ours (resources/translations) and Qt's own qtbase_*.qm
from the PySide6 wheel, which translates Qt's dialogs (file dialog, message box buttons).
"""

from __future__ import annotations

import logging
import re
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_installed: list[QTranslator] = []
_MNEMONIC = re.compile(r"&([^&\s])")


class QtTranslator(QTranslator):
    """Qt's own catalogue, forgiving about mnemonics.

    Qt 6.11 added mnemonics to some file dialog labels ("&Look in:", "Files of &type:")
    that its zh_CN catalogue still lists without ("Look in:"), so those stayed English.
    A miss is retried without the '&' and the mnemonic is put back Chinese-style:
    "查找范围(&L)：".
    """

    def translate(self, context, source, disambiguation=None, n=-1):
        # None, not "", for "not here": Qt takes any non-null string as the translation,
        # so an empty one would blank every text that no catalogue translates.
        found = super().translate(context, source, disambiguation, n)
        if found or not source or "&" not in source:
            return found or None
        mnemonic = _MNEMONIC.search(source)
        plain = source.replace("&&", "\0").replace("&", "").replace("\0", "&")
        found = super().translate(context, plain, disambiguation, n)
        if not found or mnemonic is None or "&" in found:
            return found or None
        key = f"(&{mnemonic.group(1).upper()})"
        if found[-1:] in ("：", ":"):
            return found[:-1] + key + found[-1]
        return found + key


def system_language() -> str:
    name = QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install(language: str | None) -> str:
    """Switch the whole app to `language` ('' or None = follow the system)."""
    app = QCoreApplication.instance()
    lang = language if language in LANGUAGES else system_language()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    # Dates (the model card's), file sizes in dialogs: written as the chosen language
    # writes them; as the system does when following it or when it is that language.
    # (The worker threads running by now use no QLocale.)
    system = QLocale.system()
    same = not language or system.name().split("_")[0] == lang.split("_")[0]
    QLocale.setDefault(system if same else QLocale(lang))
    if lang == "en":
        # English is the source language; its catalogue holds only plural forms
        # ("1 digit", "2 digits") for the tr(..., n) messages.
        _install_ours(app, lang)
    else:
        # Qt searches the last installed first: ours, then Qt's (which runs Python per miss).
        # Some builds (a trimmed bundle, a distro Qt without qttranslations) lack
        # qtbase_*.qm: then Qt's dialogs stay English and the rest is still translated.
        qt = QtTranslator(app)
        if qt.load(QLocale(lang), "qtbase", "_", qt_translations_dir()):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.info("Qt's own %s translations not found in %s", lang, qt_translations_dir())
        _install_ours(app, lang)
    return lang


def _install_ours(app, lang: str) -> None:
    ours = QTranslator(app)
    data = (resources.files("mnist_desktop.resources") / "translations" / f"mnist_desktop_{lang}.qm").read_bytes()
    # QTranslator.load(bytes) keeps no reference; the translator must own a copy.
    ours._data = data
    if ours.load(data):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation %s could not be loaded", lang)
