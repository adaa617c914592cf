"""What the Recognize tab says under a reading it cannot vouch for, and why.

The words keep the RecognizeTab translation context (they were the tab's own), spelt
out at each call so that lupdate finds them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def doubt_hint(kinds) -> str:
    """The hint for the canvas's doubts (Canvas.doubts values), the most pressing first."""
    if "drawing" in kinds:
        return QCoreApplication.translate(
            "RecognizeTab", "Still drawing: the digit under the pen is read again when you lift it.")
    if "cut" in kinds or "hidden" in kinds:
        return QCoreApplication.translate(
            "RecognizeTab", "Part of the writing went past the canvas's edge and is not read: "
                            "write smaller, or make the window bigger.")
    if "small" in kinds:
        return QCoreApplication.translate(
            "RecognizeTab", "Some digits are small for the pen and may be misread: draw bigger, "
                            "or choose a thinner pen.")
    return ""


def cut_unsaved() -> str:
    """Why a digit that went past the canvas's edge is not saved as a sample."""
    return QCoreApplication.translate(
        "RecognizeTab", "Not saved: part of this writing went past the canvas's edge, and a sample "
                        "without it would teach the model wrong. Redraw it inside the canvas, then save.")


def dot_hint() -> str:
    """Why nothing is read from a canvas that holds only a dot (a click)."""
    return QCoreApplication.translate(
        "RecognizeTab", "Only a dot is drawn, and a dot alone is not read as a digit: draw a digit.")


def pages_hint(pages: int) -> str:
    return QCoreApplication.translate("RecognizeTab", "Only the first of this file's {0} pages is read.").format(pages)
