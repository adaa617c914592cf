"""Recognition benchmark: our pipeline vs the naive one on what users really give.

Variants are built from the MNIST test set (fixed seed): thin mouse strokes large
and anywhere on a canvas, heavy marker, light-on-dark, phone-photo-like paper
(uneven light, blur, noise, JPEG), and multi-digit numbers on a canvas and in
photos; writing that is not MNIST's (tests/handwriting.py): handwriting styles as
single digits and numbers, font-rendered digits and a seven-segment pen, which no
model here trains on. "naive" is what tutorials do: resize the whole image to 28x28,
invert if the background is light. Every row reads with read(), as the window does,
and counts single digits read as several, and errors and right answers flagged
unsure. Prints markdown tables; nothing is asserted.

    python tests/benchmarks/bench_recognition.py --data ../shared/data/mnist [--n 1000]
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import handwriting as hw  # noqa: E402
from helpers import low_res, mnist_on_canvas, number_image, photo, photo_of, thin_pen  # noqa: E402
from style import styled_digit  # noqa: E402

from mnist_desktop.learning import data  # noqa: E402
from mnist_desktop.learning.calibration import expected_calibration_error  # noqa: E402
from mnist_desktop.reading import preprocess  # noqa: E402
from mnist_desktop.reading.imageio import to_gray  # noqa: E402
from mnist_desktop.reading.recognizer import Recognizer  # noqa: E402


def naive_input(image: np.ndarray) -> np.ndarray:
    gray = to_gray(image).astype(np.float32) / 255.0
    small = cv2.resize(gray, (28, 28), interpolation=cv2.INTER_AREA)
    return 1.0 - small if small.mean() > 0.5 else small


def single_variants():
    """name -> function(rng, i) -> (image, label); i picks an MNIST test digit."""
    def mnist(make):
        return lambda rng, digit, label: (make(digit, rng), label)

    rows = {
        "canvas, thin pen": mnist(thin_pen),
        "canvas, heavy marker": mnist(lambda d, rng: cv2.erode(
            mnist_on_canvas(d, size=(400, 560), scale=rng.uniform(8, 13), at=tuple(rng.uniform(0.3, 0.7, 2))),
            cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15)))),
        "light on dark": mnist(lambda d, rng: 255 - mnist_on_canvas(
            d, size=(400, 560), scale=rng.uniform(6, 13), at=tuple(rng.uniform(0.15, 0.85, 2)),
            stroke=int(rng.integers(3, 8)))),
        "photo of paper": mnist(photo),
        "low-resolution scan (digits 10-16 px tall)": mnist(low_res),
    }
    for name in hw.GLYPH_ROWS:
        rows[f"style: {name}"] = lambda rng, digit, label, name=name: hw.glyph_digit(name, rng)
    for name, font in hw.FONTS.items():
        rows[name] = lambda rng, digit, label, font=font: _font_digit(font, rng)
    rows["seven-segment pen (never trained on)"] = lambda rng, digit, label: _segments(rng)
    return rows


def _font_digit(font, rng):
    d = int(rng.integers(0, 10))
    return hw.font_digits(str(d), font, rng), d


def _segments(rng):
    d = int(rng.integers(0, 10))
    return styled_digit(d, rng), d


def number_rows():
    """name -> function(rng, images, labels) -> (image, text)."""
    def mnist(kind):
        def make(rng, images, labels):
            k = int(rng.integers(2, 6))
            idx = rng.choice(len(images), k, replace=False)
            digits = [images[i] for i in idx]
            if kind == "photo":
                img = photo_of(digits, rng)
            elif kind == "touching":
                img = number_image(digits, gap=int(rng.integers(-3, 1)), scale=4)
            else:
                img = number_image(digits, gap=int(rng.integers(4, 30)), scale=int(rng.integers(3, 8)))
            return img, "".join(str(labels[i]) for i in idx)
        return make

    rows = {"numbers on a canvas (2-5 digits)": mnist("canvas"), "numbers in photos (2-5 digits)": mnist("photo"),
            "numbers, touching digits": mnist("touching")}
    for name in hw.GLYPH_ROWS:
        rows[f"numbers, style: {name}"] = lambda rng, images, labels, name=name: hw.glyph_number(name, rng)
    for name, font in hw.FONTS.items():
        rows[f"numbers, {name}"] = lambda rng, images, labels, font=font: _font_number(font, rng)
    return rows


def _font_number(font, rng):
    text = "".join(str(d) for d in rng.integers(0, 10, int(rng.integers(2, 6))))
    return hw.font_digits(text, font, rng), text


def row_rng(seed: int, name: str) -> np.random.Generator:
    """Each row draws from its own generator, so leaving rows out (--only) or adding
    one never changes what the others draw."""
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def wanted(only: str, name: str) -> bool:
    """--only "pen,dark": rows whose name contains any of the words (all rows when empty)."""
    return not only or any(word in name for word in only.split(","))


class Tally:
    """One row's counts: right, read as several, flagged unsure among errors and right answers."""

    def __init__(self):
        self.n = self.right = self.naive = self.several = self.err_flagged = self.right_flagged = 0
        self.conf, self.correct = [], []

    def add(self, result, truth: str, naive: bool = False, single: bool = True) -> None:
        ok = result.text == truth
        self.n += 1
        self.right += ok
        self.naive += naive
        self.several += single and len(result.digits) > 1
        self.err_flagged += not ok and result.unsure
        self.right_flagged += ok and result.unsure
        if single and len(result.digits) == 1:
            self.conf.append(result.digits[0].confidence)
            self.correct.append(ok)

    def cells(self, naive: bool, single: bool) -> list[str]:
        errors = self.n - self.right
        return [str(self.n), f"{self.right / self.n:.2%}", f"{self.naive / self.n:.2%}" if naive else "—",
                f"{self.several / self.n:.2%}" if single else "—",
                f"{self.err_flagged}/{errors}" + (f" ({self.err_flagged / errors:.0%})" if errors else ""),
                f"{self.right_flagged / max(self.right, 1):.2%}"]


def run(args) -> None:
    rec = Recognizer.load(args.model)
    root = data.resolve(args.data)
    images, labels = data.load(root, False)
    images, labels = images.numpy(), labels.numpy()
    rng = np.random.default_rng(args.seed)
    n = min(args.n, len(images))
    pick = rng.choice(len(images), n, replace=False)

    # Latency first, on a quiet process: a single drawing at a time, as the app does.
    lat_rng = row_rng(args.seed, "latency")
    drawings = [thin_pen(images[i], lat_rng) for i in pick[:200]]
    lat_pre, lat_fwd = [], []
    for k, img in enumerate(drawings):
        t0 = time.perf_counter()
        pre = preprocess.preprocess(img)
        t1 = time.perf_counter()
        rec.classify(pre.image[None])
        t2 = time.perf_counter()
        if k >= 10:  # warm-up
            lat_pre.append(t1 - t0)
            lat_fwd.append(t2 - t1)

    full = rec.classify(images.astype(np.float32) / 255.0).argmax(1)
    print(f"model: {rec.path}  (arch {rec.meta['arch']}, seed {args.seed}, "
          f"calibration {rec.calibration})\n")
    print(f"MNIST test set (28x28 as is): {(full == labels).mean():.2%} of {len(images)}")
    # The same digits as a tutorial's PNGs, opened in the app: read() as the window reads.
    opened = np.mean([rec.read(img).text == str(label) for img, label in zip(images, labels)])
    print(f"MNIST test set opened as images (read()): {opened:.2%}\n")
    print("| input | samples | ours | naive (resize + invert) | one digit read as several "
          "| errors flagged unsure | right answers flagged |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    everything = Tally()
    for name, make in single_variants().items():
        if not wanted(args.only, name):
            continue
        tally, row = Tally(), row_rng(args.seed, name)
        for i in pick:
            img, label = make(row, images[i], labels[i])
            result = rec.read(img)
            naive = rec.classify(naive_input(img)[None])[0].argmax() == label
            tally.add(result, str(label), naive)
            everything.add(result, str(label), naive)
        print("| " + " | ".join([name, *tally.cells(True, True)]) + " |", flush=True)
    if everything.n:
        print("| " + " | ".join(["all single digits", *everything.cells(True, True)]) + " |")
    for name, make in number_rows().items():
        if not wanted(args.only, name):
            continue
        tally, row = Tally(), row_rng(args.seed, name)
        for _ in range(max(1, n // 4)):
            img, text = make(row, images, labels)
            tally.add(rec.read(img), text, single=False)
        # The naive pipeline reads one digit per image: never a whole number.
        print("| " + " | ".join([name, *tally.cells(False, False)]) + " |", flush=True)
    if everything.conf:
        error = expected_calibration_error(np.array(everything.conf), np.array(everything.correct))
        print(f"\nexpected calibration error, single digits read as one: {error:.4f}")
    if lat_pre:
        pre_ms, fwd_ms = np.array(lat_pre) * 1e3, np.array(lat_fwd) * 1e3
        tot = pre_ms + fwd_ms
        print("\n| latency per drawing (400x560 canvas) | median ms | p95 ms |")
        print("|---|---:|---:|")
        for label, v in (("preprocessing", pre_ms), ("forward pass", fwd_ms), ("total", tot)):
            print(f"| {label} | {np.median(v):.2f} | {np.percentile(v, 95):.2f} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="../shared/data/mnist")
    p.add_argument("--model", default=None)
    p.add_argument("--n", type=int, default=1000, help="samples per single-digit variant")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--only", default="", help='only rows whose name contains one of these words, e.g. "pen,dark"')
    run(p.parse_args())


if __name__ == "__main__":
    main()
