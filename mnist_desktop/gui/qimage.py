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


def gray_of_rgb32(image: QImage) -> np.ndarray:
    """One channel of a 32-bit QImage whose content is gray (R = G = B), as uint8.

    The canvas paints gray ink on white, so any channel is the gray image; reading
    it directly costs a copy, where Qt's conversion to Grayscale8 takes ~6 ms.
    """
    assert image.format() in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32_Premultiplied,
                              QImage.Format.Format_ARGB32)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride // 4, 4)
    return buf[:, :w, 0].copy()


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
