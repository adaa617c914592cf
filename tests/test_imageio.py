import cv2
import numpy as np
import pytest

from mnist_desktop.reading.imageio import ImageError, decode_image, read_image, to_gray


def test_reads_unicode_path(tmp_path):
    img = np.full((20, 30), 200, np.uint8)
    path = tmp_path / "数字 ñ.png"
    ok, buf = cv2.imencode(".png", img)
    path.write_bytes(buf.tobytes())
    assert read_image(path).shape == (20, 30)


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"this is not an image", "not an image"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not an image"),
])
def test_bad_files_give_a_sentence(tmp_path, content, message):
    path = tmp_path / "bad.png"
    path.write_bytes(content)
    with pytest.raises(ImageError, match=message):
        read_image(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImageError, match="no such file"):
        read_image(tmp_path / "nope.png")
    with pytest.raises(ImageError, match="folder"):
        read_image(tmp_path)


def test_jpeg_is_rotated_by_exif(tmp_path):
    # A 40x20 JPEG whose EXIF says "rotate 90": a phone photo held upright.
    img = np.zeros((20, 40, 3), np.uint8)
    ok, buf = cv2.imencode(".jpg", img)
    data = buf.tobytes()
    exif = (b"Exif\x00\x00" + b"MM\x00\x2a\x00\x00\x00\x08" + b"\x00\x01"
            + b"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00" + b"\x00\x00\x00\x00")
    app1 = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    path = tmp_path / "photo.jpg"
    path.write_bytes(data[:2] + app1 + data[2:])
    assert read_image(path).shape[:2] == (40, 20)


def test_to_gray_dtypes_agree():
    u8 = np.random.default_rng(0).integers(0, 256, (10, 12), dtype=np.uint8)
    assert np.array_equal(to_gray(u8), u8)
    assert np.array_equal(to_gray(u8.astype(np.uint16) * 257), u8)
    assert np.abs(to_gray(u8 / 255.0).astype(int) - u8).max() <= 1
    bgr = cv2.cvtColor(u8, cv2.COLOR_GRAY2BGR)
    assert np.abs(to_gray(bgr).astype(int) - u8).max() <= 1
    # 10- and 12-bit data in 16 bits, as a camera saves it: read at its own full scale
    # (10-bit values divided as 16-bit were 0-3, and the image "blank").
    for bits in (10, 12):
        wide = (u8.astype(np.uint32) * ((1 << bits) - 1) // 255).astype(np.uint16)
        assert np.abs(to_gray(wide).astype(int) - u8).max() <= 1


def test_transparent_background_becomes_paper():
    rgba = np.zeros((10, 10, 4), np.uint8)          # fully transparent...
    rgba[3:7, 3:7] = (0, 0, 0, 255)                 # ...with a black square of ink
    gray = to_gray(rgba)
    assert gray[0, 0] == 255 and gray[5, 5] == 0
    rgba[3:7, 3:7] = (255, 255, 255, 255)           # white ink on transparent
    gray = to_gray(rgba)
    assert gray[0, 0] == 0 and gray[5, 5] == 255


@pytest.mark.parametrize("bad", [
    np.zeros((0, 5), np.uint8), np.zeros((4, 4, 2), np.uint8), np.zeros((2, 2, 2, 2), np.uint8),
    np.zeros((4, 4), np.int64), np.array([[np.nan]], np.float32), "not an array",
])
def test_unsupported_arrays_raise_image_error(bad):
    with pytest.raises(ImageError):
        to_gray(bad)


def test_decode_rejects_garbage_bytes():
    with pytest.raises(ImageError):
        decode_image(b"\x00\x01\x02")
