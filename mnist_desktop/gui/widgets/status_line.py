"""A one-line status that follows a language switch.

A status set once and left (the Train tab's "Saved.") stayed in the old language after
the user switched, beside a window that had changed around it. `say()` takes the text as
a function, asked again on a switch (its LanguageChange event); plain `setText()` is for
texts that are soon replaced.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QLabel, QScrollArea


class StatusLine(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)          # a long message must not widen the panel
        self._said: tuple[Callable[[], str], str] | None = None
        self._final = ""                # the last outcome said (say() or alert()), kept when a job ends

    def say(self, text: Callable[[], str]) -> None:
        shown = text()
        self._said = (text, shown)
        self.setText(shown)
        self._final = shown

    def changeEvent(self, event) -> None:
        # On a language switch, only while nothing else has been shown since: a newer
        # message is not overwritten.
        if event.type() == event.Type.LanguageChange and self._said is not None and self.text() == self._said[1]:
            self.say(self._said[0])
        super().changeEvent(event)

    def alert(self, text: str) -> None:
        """A message the user must see (why nothing happened): shown, and scrolled into
        view where a short screen had put it below the fold."""
        self.setText(text)
        self._final = text
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(self)

    def settled(self) -> bool:
        """Whether it shows an outcome ("Saved.", "Cancelled.", an error) rather than a
        job's progress, which is cleared when the job ends."""
        return bool(self._final) and self.text() == self._final
