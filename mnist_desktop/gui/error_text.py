"""Reading errors in the user's language.

reading/ raises ImageError with an English sentence (what the CLI prints) plus a
reason code and its parameters; this turns the code into a translated sentence.
An error this table does not know yet keeps its English text rather than vanish.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# reason -> English template; QT_TRANSLATE_NOOP only marks them for lupdate.
TEXTS = {
    "missing": QT_TRANSLATE_NOOP("ImageError", "{name}: no such file"),
    "unreadable": QT_TRANSLATE_NOOP("ImageError", "{name} cannot be read ({detail})"),
    "folder": QT_TRANSLATE_NOOP("ImageError", "{name} is a folder, not an image"),
    "empty_file": QT_TRANSLATE_NOOP("ImageError", "{name} is empty (0 bytes)"),
    "file_too_large": QT_TRANSLATE_NOOP("ImageError", "{name} is too large ({mb} MB; the limit is {limit_mb} MB)"),
    "not_regular": QT_TRANSLATE_NOOP("ImageError", "{name} is not a regular file (a pipe, device or socket); "
                                                   "it was not read"),
    "image_too_large": QT_TRANSLATE_NOOP("ImageError", "{name} is too large (the limit is {limit_mp} megapixels)"),
    "not_image": QT_TRANSLATE_NOOP("ImageError", "{name} is not an image this app can read "
                                                 "(damaged, or an unsupported format)"),
    "not_array": QT_TRANSLATE_NOOP("ImageError", "Expected an image, got {type}"),
    "bad_shape": QT_TRANSLATE_NOOP("ImageError", "An image must be gray, colour or colour with transparency; "
                                                 "this one has the shape {shape}"),
    "no_pixels": QT_TRANSLATE_NOOP("ImageError", "The image is empty (0 pixels)"),
    "too_many_pixels": QT_TRANSLATE_NOOP("ImageError", "The image is too large ({width}x{height} pixels)"),
    "not_finite": QT_TRANSLATE_NOOP("ImageError", "The image holds invalid (NaN or infinite) values"),
    "bad_dtype": QT_TRANSLATE_NOOP("ImageError", "Unsupported pixel type {dtype}"),
    "no_ink": QT_TRANSLATE_NOOP("ImageError", "No ink in the selected area"),
}


def image_error_text(exc: Exception) -> str:
    """One sentence for the user; English str(exc) when the reason is unknown."""
    template = TEXTS.get(getattr(exc, "reason", ""))
    if template is None:
        return str(exc)
    try:
        return QCoreApplication.translate("ImageError", template).format(**getattr(exc, "params", {}))
    except (KeyError, IndexError, ValueError):  # a parameter missing: say it as reading/ did
        return str(exc)
