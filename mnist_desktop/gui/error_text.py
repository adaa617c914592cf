"""Errors in the user's language.

The core raises UserErrors (ImageError, ModelError, StoreError) with an English
sentence (what the CLI prints) plus a reason code and its parameters; this turns the
code into a translated sentence. An error these tables do not know yet keeps its
English text rather than vanish.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mnist_desktop.errors import DataError, ModelError
from mnist_desktop.reading.imageio import ImageError
from mnist_desktop.samples import StoreError

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

# A model file refused (checkpoint.py, reading/onnx_model.py).
MODEL_TEXTS = {
    "missing": QT_TRANSLATE_NOOP("ModelError", "{name}: no such file"),
    "bad_record": QT_TRANSLATE_NOOP("ModelError", "{name} is damaged: it does not say which model is active"),
    "record_folder": QT_TRANSLATE_NOOP("ModelError", "{name} is a folder, not a record of the active model"),
    "folder": QT_TRANSLATE_NOOP("ModelError", "{name} is a folder, not a model file"),
    "not_regular": QT_TRANSLATE_NOOP("ModelError", "{name} is not a regular file"),
    "unreadable": QT_TRANSLATE_NOOP("ModelError", "{name} cannot be read ({detail})"),
    "not_archive": QT_TRANSLATE_NOOP("ModelError", "{name} is not a model file (not a PyTorch archive)"),
    "not_ours": QT_TRANSLATE_NOOP("ModelError", "{name} is a PyTorch file but not a model of this app"),
    "runs_code": QT_TRANSLATE_NOOP("ModelError", "{name} was refused: besides weights it asks to run {what}; "
                                                 "nothing in it was run"),
    "damaged": QT_TRANSLATE_NOOP("ModelError", "{name} is damaged: its description cannot be read"),
    "unknown_arch": QT_TRANSLATE_NOOP("ModelError", "{name} uses an unknown architecture {arch}"),
    "not_finite": QT_TRANSLATE_NOOP("ModelError", "{name} is damaged: some weights are not numbers "
                                                  "(NaN or infinite, in {key})"),
    "too_large": QT_TRANSLATE_NOOP("ModelError", "{name} is over {mb} MB, far larger than a digit model"),
    "not_onnx": QT_TRANSLATE_NOOP("ModelError", "{name} is not an ONNX model (damaged or another kind of file)"),
    "onnx_not_ours": QT_TRANSLATE_NOOP("ModelError", "{name} is an ONNX model but not one of this app's"),
    "onnx_damaged": QT_TRANSLATE_NOOP("ModelError", "{name} is damaged: OpenCV cannot build a network from it"),
    "no_twin": QT_TRANSLATE_NOOP("ModelError", "{name} has no ONNX twin ({twin}) to read with"),
    "bad_twin": QT_TRANSLATE_NOOP("ModelError", "{cause} (it is the ONNX twin of {name})"),
    "twin_given": QT_TRANSLATE_NOOP("ModelError", "{name} is the ONNX twin of a model; "
                                                  "give the model's .pt file instead"),
}

# Exporting and importing samples (samples_zip.py).
STORE_TEXTS = {
    "export_folder": QT_TRANSLATE_NOOP("StoreError", "{name} is a folder; choose a file name ending in .zip"),
    "export_store": QT_TRANSLATE_NOOP("StoreError", "{name} is the sample store itself; choose another file"),
    "export_folder_locked": QT_TRANSLATE_NOOP("StoreError", "cannot write in {folder} ({detail})"),
    "export_failed": QT_TRANSLATE_NOOP("StoreError", "{name} could not be written ({detail})"),
    "import_not_regular": QT_TRANSLATE_NOOP("StoreError", "{name} is not a regular file; nothing was imported"),
    "import_refused": QT_TRANSLATE_NOOP("StoreError", "{name} was not imported: {why}; nothing was added"),
    "import_not_export": QT_TRANSLATE_NOOP("StoreError", "{name} is not a samples export of this app "
                                                         "({detail}); nothing was added"),
    "import_unreadable": QT_TRANSLATE_NOOP("StoreError", "{name} cannot be read ({detail}); nothing was added"),
}

# MNIST for training (learning/data.py); the GUI's own wording ("use a folder"), not the CLI's.
DATA_TEXTS = {
    "download_failed": QT_TRANSLATE_NOOP("DataError", "Could not download MNIST ({why}; mirrors tried: {mirrors}). "
                                                      "Check the internet connection, or use a folder that holds "
                                                      "the four MNIST files."),
    "not_mnist": QT_TRANSLATE_NOOP("DataError", "{folder} does not hold the MNIST files (missing: {missing})"),
    "file_unreadable": QT_TRANSLATE_NOOP("DataError", "{name} cannot be read ({detail})"),
    "no_folder": QT_TRANSLATE_NOOP("DataError", "The folder {folder} does not exist"),
    "not_here": QT_TRANSLATE_NOOP("DataError", "MNIST is not in the data folder ({root}) yet: download it, "
                                               "or use a folder with the four MNIST files."),
    "unreadable": QT_TRANSLATE_NOOP("DataError", "MNIST in {root} cannot be read ({detail})"),
    "bad_shape": QT_TRANSLATE_NOOP("DataError", "MNIST in {root} has an unexpected shape {shape}"),
    "no_torchvision": QT_TRANSLATE_NOOP("DataError", "Loading MNIST needs torchvision, which this build of "
                                                     "the app does not include."),
}

_TABLES = ((ImageError, "ImageError", TEXTS), (ModelError, "ModelError", MODEL_TEXTS),
           (StoreError, "StoreError", STORE_TEXTS), (DataError, "DataError", DATA_TEXTS))


def error_text(exc: Exception) -> str:
    """One sentence for the user; English str(exc) when the reason is unknown."""
    for kind, context, table in _TABLES:
        if isinstance(exc, kind) and (template := table.get(getattr(exc, "reason", ""))) is not None:
            # A cause (the twin's own error) is said in the same language.
            params = {k: error_text(v) if isinstance(v, Exception) else v for k, v in exc.params.items()}
            try:
                return QCoreApplication.translate(context, template).format(**params)
            except (KeyError, IndexError, ValueError):  # a parameter missing: say it as the core did
                break
    return str(exc)
