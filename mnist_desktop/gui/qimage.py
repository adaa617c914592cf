"""The one place where QImage and numpy meet."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def qimage_to_array(image: QImage) -> np.ndarray:
    """QImage -> BGRA uint8 (alpha kept: transparent pasted images are paper)."""
    img = image.convertToFormat(QImage.Format.Format_RGBA8888)
    w, h, stride = img.width(), img.height(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    rgba = buf[:, : w * 4].reshape(h, w, 4)         # cut the row padding
    return np.ascontiguousarray(rgba[:, :, [2, 1, 0, 3]])


def array_to_qimage(array: np.ndarray) -> QImage:
    """Gray, BGR or BGRA (uint8 or uint16) -> a QImage that owns its pixels."""
    a = array
    if a.dtype == np.uint16:
        a = (a // 257).astype(np.uint8)
    elif a.dtype != np.uint8:
        a = np.clip(a * 255.0 if a.dtype.kind == "f" else a, 0, 255).astype(np.uint8)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    a = np.ascontiguousarray(a)
    h, w = a.shape[:2]
    if a.ndim == 2:
        return QImage(a.data, w, h, a.strides[0], QImage.Format.Format_Grayscale8).copy()
    if a.shape[2] == 3:
        return QImage(a.data, w, h, a.strides[0], QImage.Format.Format_BGR888).copy()
    rgba = np.ascontiguousarray(a[:, :, [2, 1, 0, 3]])
    return QImage(rgba.data, w, h, rgba.strides[0], QImage.Format.Format_RGBA8888).copy()
