"""Hostile images: thin ink in big pictures, decompression bombs, odd files (issue 16).

Every file is made here and is small on disk; each goes through the CLI or the
Python API and must get a reading or a one-line reason, never a traceback.
"""

import json
import math
import struct
import zlib

import cv2
import numpy as np
import pytest

from hostile import has_traceback, peak_mb, run_here
from mnist_desktop.reading import preprocess
from mnist_desktop.reading.imageio import ImageError, read_image


def _thin_line(length=900, angle=10, side=1000):
    img = np.full((side, side), 255, np.uint8)
    x2 = int(50 + length * math.cos(math.radians(angle)))
    y2 = int(50 + length * math.sin(math.radians(angle)))
    cv2.line(img, (50, 50), (x2, y2), 0, 1)
    return img


@pytest.mark.parametrize("angle", [0, 10, 80])
def test_a_hair_thin_line_in_a_big_image_is_read_not_a_crash(shipped, angle):
    # Before: ZeroDivisionError in normalize (the shrunk stroke vanished), or ~500,000
    # candidate crops and a 50 GB allocation for a 1 px horizontal line.
    img = _thin_line(angle=angle)
    assert preprocess.preprocess(img).image.shape == (28, 28)
    result = shipped.read(img)
    assert result.status == "ok" and 1 <= len(result.digits) <= 8


def test_predict_goes_on_after_thin_ink(tmp_path, capfd, subset_test):
    digits, labels = subset_test
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    for path, i in ((a, 0), (b, 1)):
        cv2.imwrite(str(path), 255 - cv2.resize(digits[i], (112, 112)))
    thin = tmp_path / "thin.png"
    cv2.imwrite(str(thin), _thin_line())
    circle = tmp_path / "circle.png"
    img = np.full((1000, 1000), 255, np.uint8)
    cv2.circle(img, (500, 500), 300, 0, 1)
    cv2.imwrite(str(circle), img)
    out = run_here(capfd, "predict", a, thin, circle, b, "--json")
    assert out.returncode == 0 and not has_traceback(out.stderr), out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["file"] for r in rows] == [str(a), str(thin), str(circle), str(b)]
    assert rows[3]["text"] == str(labels[1])


# -- decompression bombs: small files whose header claims a huge picture --------------

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(path, side=16000, colour=6, depth=16):
    """A valid PNG of zeros, `side` x `side` (RGBA 16-bit: 2 GB decoded), about 2 MB."""
    channels = {0: 1, 2: 3, 6: 4}[colour]
    rows, repeat = 100, side // 100
    raw = b"\0" * ((1 + side * channels * depth // 8) * rows)
    # Compress 100 rows once and repeat them: after a full flush a deflate block refers
    # to nothing before it. Then an empty final block and the Adler-32 of all zeros.
    z = zlib.compressobj(9)
    first = z.compress(raw) + z.flush(zlib.Z_FULL_FLUSH)
    total = len(raw) * repeat
    idat = first + first[2:] * (repeat - 1) + b"\x03\x00" + (((total % 65521) << 16) | 1).to_bytes(4, "big")
    ihdr = struct.pack(">IIBBBBB", side, side, depth, colour, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))
    return path


def jpeg_header(w, h):
    """A JPEG cut after its frame header: enough to tell the size, no pixels."""
    sof = struct.pack(">BHHB", 8, h, w, 1) + bytes([1, 0x11, 0])
    return b"\xff\xd8" + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof + b"\xff\xd9"


def tiff_header(w, h):
    """A little-endian TIFF whose one strip is a few bytes: 8-bit gray, w x h."""
    entries = [(256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8 + 2 + 12 * 9 + 4), (277, 3, 1, 1), (278, 4, 1, h), (279, 4, 1, 16)]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries)
    return b"II*\0" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0) + b"\0" * 16


def webp_header(w, h):
    """RIFF/WEBP with an extended (VP8X) header naming the canvas size."""
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\0" * 4 + (w - 1).to_bytes(3, "little") + (h - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x


@pytest.mark.parametrize("make", [lambda: jpeg_header(60000, 60000), lambda: tiff_header(20000, 20000),
                                  lambda: webp_header(16000, 16000)], ids=["jpeg", "tiff", "webp"])
def test_a_huge_header_is_refused_before_decoding(tmp_path, make):
    path = tmp_path / "huge.img"
    path.write_bytes(make())
    with pytest.raises(ImageError, match="too large .*megapixels"):
        read_image(path)


def test_a_png_bomb_is_refused_fast_and_small(tmp_path, capfd):
    # Before: OpenCV's limit was set under the wrong name, so this 2 MB file was
    # decoded whole (4.5 GB, 34 s) before anything looked at its size.
    bomb = png_bomb(tmp_path / "bomb.png")
    assert bomb.stat().st_size < 4_000_000
    peak, out = peak_mb("from mnist_desktop.reading.imageio import ImageError, read_image\n"
                        f"try: read_image({str(bomb)!r})\n"
                        "except ImageError as exc: print('refused:', exc)")
    assert "refused: bomb.png is too large" in out, out
    assert peak < 300, f"peak {peak:.0f} MB"
    out = run_here(capfd, "predict", bomb, "--json")
    row = json.loads(out.stdout)
    assert out.returncode == 0 and row["status"] == "error" and "too large" in row["error"]


def test_an_image_within_the_limit_still_reads(tmp_path):
    path = tmp_path / "wide.png"
    cv2.imwrite(str(path), np.full((10, 12000), 255, np.uint8))
    assert read_image(path).shape == (10, 12000)


def test_no_decoder_chatter_warnings_or_escape_sequences_reach_the_terminal(tmp_path, capfd, subset_test):
    # Before: OpenCV's "[ WARN:0@3.6] global grfmt_png.cpp ... incomplete" reached stderr and a
    # file name's escape sequences went to the terminal raw (recolouring it).
    good = tmp_path / "good.png"
    cv2.imwrite(str(good), 255 - cv2.resize(subset_test[0][0], (112, 112)))
    cut = tmp_path / "cut.png"
    cut.write_bytes(good.read_bytes()[:200])
    sly = tmp_path / "sly\x1b[31mred.png"
    sly.write_bytes(good.read_bytes())
    nan = tmp_path / "nan.tif"
    cv2.imwrite(str(nan), np.full((40, 40), np.nan, np.float32))
    out = run_here(capfd, "predict", cut, sly, tmp_path / "gone\x1b]0;pwned\x07.png", nan)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    lines = out.stdout.splitlines()
    assert "cut.png: error: cut.png is not an image this app can read" in lines[0]
    assert lines[1].startswith(f"{tmp_path}/sly\\x1b[31mred.png: {subset_test[1][0]}")
    assert "gone\\x1b]0;pwned\\x07.png: no such file" in lines[2] and "NaN" in lines[3]
    bad_model = run_here(capfd, "predict", good, "--model", tmp_path / "m\x1b[2J.pt")
    assert bad_model.returncode == 1 and "\x1b" not in bad_model.stderr and "m\\x1b[2J.pt" in bad_model.stderr


def test_a_big_noise_image_gets_an_answer(shipped):
    noise = np.random.default_rng(0).integers(0, 256, (4000, 4000), dtype=np.uint8)
    assert shipped.read(noise).status in ("ok", "no_digit")
