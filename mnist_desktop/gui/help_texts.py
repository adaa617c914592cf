"""What the Help and Model menus show: the model card, About, the keyboard shortcuts.

The strings keep the MainWindow translation context (they were the window's own).
"""

from __future__ import annotations

import shlex

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

# Options of `mnist-desktop train` whose value is a file or folder of the machine that trained.
_PATH_OPTIONS = {"--data", "--out", "--model", "--init", "--samples", "--cache"}
_QUIET_OPTIONS = {"--json"}


def _acc(meta: dict) -> str:
    try:
        return f"{float(meta.get('test_acc')):.2%}"
    except (TypeError, ValueError):
        return "?"


def model_summary(meta: dict) -> str:
    # Two saved models of one architecture differ by how they came about (the file
    # names alone, architecture and time, did not tell a fine-tune from its base).
    how = (", " + QCoreApplication.translate("MainWindow", "fine-tuned on your samples")
           if meta.get("source") == "finetune" else "")
    return f"{meta.get('arch', '?')}{how}, MNIST {_acc(meta)}"


def reproduce_command(command: str) -> str:
    """The training command without the paths of the machine it ran on (nor --json)."""
    try:
        words = shlex.split(command or "")
    except ValueError:
        words = (command or "").split()
    kept, skip = [], False
    for w in words:
        if skip:
            skip = False
            continue
        name = w.split("=", 1)[0]
        if name in _PATH_OPTIONS:
            skip = "=" not in w
            continue
        if name in _QUIET_OPTIONS or "/" in w or "\\" in w:
            continue
        kept.append(w)
    return shlex.join(kept)


def retrain_commands(meta: dict) -> list[str]:
    """The commands that make the model again: for an ensemble, each member's training,
    saved under its own name, and then the ensemble of those files."""
    command = reproduce_command(str(meta.get("command", "")))
    members = meta.get("members")
    members = [m for m in members if isinstance(m, dict)] if isinstance(members, list) else []
    if not members:
        return [command] if command else []
    names = [str(m.get("file") or "") for m in members]
    # A member trained on from another run's weights (--init) needs that run first, saved
    # under a name of its own; only one such step is recorded.
    starts = [reproduce_command(str(m.get("init") or "")) for m in members]
    made = names + [_start_name(n) for n, start in zip(names, starts) if start]
    if len(set(made)) < len(made) or not all(names) or any("/" in n or "\\" in n for n in names):
        names = [f"member{i}.pt" for i in range(len(members))]    # the files' own names would clash
    lines = []
    for member, name, start in zip(members, names, starts):
        line = reproduce_command(str(member.get("command") or ""))
        if not line:
            continue
        if start:
            first = _start_name(name)
            lines.append(f"{start} --out {shlex.quote(first)}")
            line += f" --init {shlex.quote(first)}"
        lines.append(f"{line} --out {shlex.quote(name)}")
    return lines + [shlex.join(["mnist-desktop", "ensemble", *names])]


def _start_name(name: str) -> str:
    return name.removesuffix(".pt") + "-start.pt"


def trained_date(meta: dict, locale: QLocale | None = None) -> str:
    """The training date in the user's locale (the card stores ISO 8601)."""
    when = QDateTime.fromString(str(meta.get("date", "")), Qt.DateFormat.ISODate)
    if not when.isValid():
        return str(meta.get("date", "?"))
    return (locale or QLocale()).toString(when.toLocalTime().date(), QLocale.FormatType.LongFormat)


def model_card_text(meta: dict, path: str) -> str:
    if not meta:
        return QCoreApplication.translate("MainWindow", "No model is loaded yet.")
    arch, params = meta.get("arch", "?"), int(meta.get("parameters", 0))
    lines = [
        QCoreApplication.translate("MainWindow", "File: {0}").format(path),
        QCoreApplication.translate("MainWindow", "Architecture: {0} ({1:,} parameters)").format(arch, params),
        QCoreApplication.translate("MainWindow", "MNIST test accuracy: {0}").format(_acc(meta)),
        QCoreApplication.translate("MainWindow", "Trained: {0}").format(trained_date(meta)),
        QCoreApplication.translate("MainWindow", "Command: {0}").format(meta.get("command", "?")),
    ]
    return "\n".join(lines)


def about_text(version: str, meta: dict) -> str:
    """For anyone: no file paths, the date as they write dates, the command that makes it again."""
    text = QCoreApplication.translate(
        "MainWindow", "MNIST Desktop {0}\nReads handwritten digits and numbers from drawings, scans and photos.")
    text = text.format(version)
    if not meta:
        return text + "\n\n" + QCoreApplication.translate("MainWindow", "No model is loaded yet.")
    active = QCoreApplication.translate("MainWindow", "Active model: {0}, {1} on the MNIST test set, trained {2}.")
    text += "\n\n" + active.format(meta.get("arch", "?"), _acc(meta), trained_date(meta))
    command = "\n".join(retrain_commands(meta))
    if command:
        text += "\n\n" + QCoreApplication.translate("MainWindow", "To train it again:\n{0}").format(command)
    return text


class ShortcutsDialog(QDialog):
    """Help > Keyboard Shortcuts: every action that has a key, with its keys."""

    def __init__(self, actions, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        def keys(sequences) -> str:
            return ",  ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in sequences)

        rows = [(a.text().replace("&&", "\0").replace("&", "").replace("\0", "&"), keys(a.shortcuts()))
                for a in actions if a.shortcuts()]
        # Keys that belong to one tab or window, not to a menu action.
        rows += [(self.tr("Save the digits typed under the result"), keys([Qt.Key.Key_Return])),
                 (self.tr("Delete the selected sample (My Samples)"), keys([Qt.Key.Key_Delete, Qt.Key.Key_Backspace])),
                 (self.tr("Cancel the training (Train)"), keys([Qt.Key.Key_Escape])),
                 (self.tr("Close Inside the Network"), keys([Qt.Key.Key_Escape, "Ctrl+W"]))]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (name, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(name))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(i, 0).text(), self.table.item(i, 1).text()) for i in range(self.table.rowCount())]
