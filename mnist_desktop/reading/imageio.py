"""Reading images from disk and turning any supported array into float gray.

Kept apart from preprocess.py so that every entry point (GUI, CLI, Recognizer)
rejects bad input with the same clear ImageError.
"""

from __future__ import annotations

import io
import os
import stat
import warnings
from pathlib import Path

import cv2
import numpy as np

# OpenCV logs decoder trouble ("[ WARN:0@3.6] global grfmt_png.cpp ... incomplete") to
# stderr; each failure already becomes one ImageError sentence, so keep only its errors.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

from mnist_desktop.errors import UserError  # noqa: E402

MAX_FILE_BYTES = 200 * 1024 * 1024
# A digit photo needs far less; a 2 MB PNG can claim 16000x16000 16-bit RGBA (4.5 GB
# decoded), so the size in the header is checked before anything is decoded.
# mnist_desktop/__init__.py hands the same number to OpenCV's own check.
MAX_PIXELS = 120_000_000
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".pbm", ".jp2")


class ImageError(UserError, ValueError):
    """The input is not an image we can read; str() is a sentence for the user (and
    `reason` with its `params`, as every UserError, for the window's language)."""


def read_image(path: str | os.PathLike) -> np.ndarray:
    """Decode an image file (any unicode path) as OpenCV does, keeping alpha and 16 bits.

    JPEGs are rotated by their EXIF orientation, as a phone photo should be.
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ImageError(f"{path.name}: no such file", "missing", name=path.name) from None
    except OSError as exc:
        raise ImageError(f"{path.name}: cannot be read ({exc.strerror or exc})", "unreadable", name=path.name,
                         detail=str(exc.strerror or exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ImageError(f"{path.name} is a folder, not an image", "folder", name=path.name)
    if not stat.S_ISREG(st.st_mode):
        # A pipe or a device would be read for ever (or block until someone writes).
        raise ImageError(f"{path.name} is not a regular file (a pipe, device or socket); it was not read",
                         "not_regular", name=path.name)
    size = st.st_size
    if size == 0:
        raise ImageError(f"{path.name} is empty (0 bytes)", "empty_file", name=path.name)
    if size > MAX_FILE_BYTES:
        mb, limit = round(size / 2**20), MAX_FILE_BYTES // 2**20
        raise ImageError(f"{path.name} is too large ({mb} MB; the limit is {limit} MB)", "file_too_large",
                         name=path.name, mb=mb, limit_mb=limit)
    try:
        buf = np.fromfile(path, dtype=np.uint8)
    except OSError as exc:
        raise ImageError(f"{path.name}: cannot be read ({exc.strerror or exc})", "unreadable", name=path.name,
                         detail=str(exc.strerror or exc)) from None
    return decode_image(buf, path.name)


def page_count(path: str | os.PathLike) -> int:
    """How many pages or frames the file at `path` holds (a multi-page TIFF, an
    animated GIF); 1 when it cannot tell. read_image reads the first alone."""
    try:
        if os.fspath(path).isascii():
            return max(1, int(cv2.imcount(os.fspath(path))))
        # OpenCV's path functions fail on other names on Windows: from the bytes instead.
        ok, frames = cv2.imdecodemulti(np.fromfile(path, np.uint8), cv2.IMREAD_UNCHANGED)
        return max(1, len(frames)) if ok else 1
    except (cv2.error, OSError, TypeError, ValueError, MemoryError):
        return 1


def decode_image(buf: bytes | np.ndarray, name: str = "image") -> np.ndarray:
    """Decode encoded image bytes (PNG, JPEG, ...) into an array."""
    buf = np.frombuffer(buf, dtype=np.uint8) if isinstance(buf, (bytes, bytearray)) else buf
    if buf.size == 0:
        raise ImageError(f"{name} is empty", "empty_file", name=name)
    # IMREAD_UNCHANGED keeps alpha and 16-bit depth but skips EXIF rotation;
    # JPEG has no alpha, so it takes the flags that rotate.
    _check_header(buf, name)
    is_jpeg = buf[:3].tobytes() == b"\xff\xd8\xff"
    flags = cv2.IMREAD_ANYCOLOR | cv2.IMREAD_ANYDEPTH if is_jpeg else cv2.IMREAD_UNCHANGED
    try:
        img = cv2.imdecode(buf, flags)
    except cv2.error:
        # OpenCV's text is an assertion in C++ terms: no help to the user.
        raise ImageError(f"{name} is damaged or not an image this app can read", "not_image", name=name) from None
    if img is None or img.size == 0:
        raise ImageError(f"{name} is not an image this app can read (damaged, or an unsupported format)",
                         "not_image", name=name)
    return img


def _check_header(buf: np.ndarray, name: str) -> None:
    """Refuse an image whose header claims more than MAX_PIXELS, before decoding it.

    Pillow reads only the header on open (PNG, JPEG, TIFF, WebP, BMP, PNM, JPEG 2000);
    a file it does not know is left to OpenCV, whose own limit is set at import.
    """
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # Pillow's bomb warning: the limit here is ours
        try:
            with Image.open(io.BytesIO(buf)) as im:
                w, h = im.size
        except Image.DecompressionBombError:
            w = h = None                     # over twice Pillow's limit, so over ours too
        except Exception:                    # not a format Pillow knows, or a damaged header
            return
    if w is None or w * h > MAX_PIXELS:
        size = "" if w is None else f"{w}x{h} pixels; "
        limit = MAX_PIXELS // 1_000_000
        raise ImageError(f"{name} is too large ({size}the limit is {limit} megapixels)", "image_too_large",
                         name=name, limit_mp=limit)


def to_gray(image: np.ndarray) -> np.ndarray:
    """Any supported array -> uint8 gray, transparent areas made paper.

    Accepts gray, BGR or BGRA; uint8, uint16, bool or float in [0, 1]. Eight bits
    are plenty to find ink, and keep every later step on OpenCV's fast paths.
    """
    if not isinstance(image, np.ndarray):
        raise ImageError(f"expected an image array, got {type(image).__name__}", "not_array",
                         type=type(image).__name__)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ImageError(f"an image must be gray, BGR or BGRA; got shape {image.shape}", "bad_shape",
                         shape=str(image.shape))
    if image.shape[0] < 1 or image.shape[1] < 1:
        raise ImageError("the image is empty (0 pixels)", "no_pixels")
    if image.shape[0] * image.shape[1] > MAX_PIXELS:
        raise ImageError(f"the image is too large ({image.shape[1]}x{image.shape[0]} pixels)", "too_many_pixels",
                         width=image.shape[1], height=image.shape[0])
    img = np.ascontiguousarray(_as_uint8(image))
    if img.ndim == 2:
        return img
    gray = cv2.cvtColor(np.ascontiguousarray(img[:, :, :3]), cv2.COLOR_BGR2GRAY)
    if img.shape[2] == 3:
        return gray
    if img[:, :, 3].min() == 255:
        return gray
    return _on_paper(gray, img[:, :, 3], gray)


def _on_paper(colour: np.ndarray, alpha: np.ndarray, gray: np.ndarray) -> np.ndarray:
    """Transparent = paper: the paper colour that contrasts with the ink drawn (judged
    on its gray, for reading and showing alike), so white-on-transparent and
    black-on-transparent both stay visible."""
    opaque = alpha > 127
    ink_is_light = bool(opaque.any()) and float(gray[opaque].mean()) > 127
    a = alpha.astype(np.float32) / 255.0
    if colour.ndim == 3:
        a = a[:, :, None]
    paper = 0.0 if ink_is_light else 255.0
    return np.clip(colour * a + paper * (1.0 - a) + 0.5, 0, 255).astype(np.uint8)


def as_shown(image: np.ndarray) -> np.ndarray:
    """An image as read (to_gray) but in colour, for the window: its transparent parts
    on the paper they are read as (black ink would vanish on the view's dark gray)."""
    if image.ndim != 3 or image.shape[2] != 4:
        return image
    img = np.ascontiguousarray(_as_uint8(image))
    if img[:, :, 3].min() == 255:
        return img[:, :, :3]
    return _on_paper(img[:, :, :3], img[:, :, 3], cv2.cvtColor(np.ascontiguousarray(img[:, :, :3]), cv2.COLOR_BGR2GRAY))


def _as_uint8(image: np.ndarray) -> np.ndarray:
    if image.dtype == np.uint8:
        return image
    if image.dtype == np.uint16:
        # A 10- or 12-bit sensor's values in 16 bits (0-1023, 0-4095) are that range's
        # full scale: divided as 16-bit, 10-bit data was 0-3, a "blank" image. Above
        # 4095 it is 16-bit data, however dark.
        top = int(image.max()) if image.size else 0
        bits = max(8, top.bit_length()) if top < 4096 else 16
        return (image.astype(np.uint32) * 255 // ((1 << bits) - 1)).astype(np.uint8)
    if image.dtype == np.bool_:
        return image.astype(np.uint8) * 255
    if image.dtype in (np.float32, np.float64):
        if not np.isfinite(image).all():
            raise ImageError("the image holds NaN or infinite values", "not_finite")
        return (np.clip(image, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    raise ImageError(f"unsupported pixel type {image.dtype} (use uint8, uint16 or float in 0..1)", "bad_dtype",
                     dtype=str(image.dtype))


def load_any(image) -> np.ndarray:
    """A path or an array -> uint8 gray (the one entry point for callers)."""
    if isinstance(image, (str, os.PathLike)):
        image = read_image(image)
    return to_gray(image)
