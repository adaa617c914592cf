"""Recognition benchmark: our pipeline vs the naive one on what users really give.

Variants are built from the MNIST test set (fixed seed): thin mouse strokes large
and anywhere on a canvas, heavy marker, light-on-dark, phone-photo-like paper
(uneven light, blur, noise, JPEG), and multi-digit numbers on a canvas and in
photos. "naive" is what tutorials do: resize the whole image to 28x28, invert if
the background is light. Prints a markdown table; nothing is asserted.

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

from helpers import mnist_on_canvas, number_image, photo, photo_of, thin_pen  # noqa: E402

from mnist_desktop.learning import data  # noqa: E402
from mnist_desktop.reading import preprocess  # noqa: E402
from mnist_desktop.reading.imageio import to_gray  # noqa: E402
from mnist_desktop.reading.recognizer import Recognizer  # noqa: E402


def naive_input(image: np.ndarray) -> np.ndarray:
    gray = to_gray(image).astype(np.float32) / 255.0
    small = cv2.resize(gray, (28, 28), interpolation=cv2.INTER_AREA)
    return 1.0 - small if small.mean() > 0.5 else small


def single_variants():
    """name -> function(digit28, rng) -> image."""
    return {
        "canvas, thin pen": thin_pen,
        "canvas, heavy marker": lambda d, rng: cv2.erode(
            mnist_on_canvas(d, size=(400, 560), scale=rng.uniform(8, 13), at=tuple(rng.uniform(0.3, 0.7, 2))),
            cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))),
        "light on dark": lambda d, rng: 255 - mnist_on_canvas(
            d, size=(400, 560), scale=rng.uniform(6, 13), at=tuple(rng.uniform(0.15, 0.85, 2)),
            stroke=int(rng.integers(3, 8))),
        "photo of paper": photo,
    }


NUMBER_ROWS = (("numbers on a canvas (2-5 digits)", False), ("numbers in photos (2-5 digits)", True),
               ("numbers, touching digits", None))


def row_rng(seed: int, name: str) -> np.random.Generator:
    """Each row draws from its own generator, so leaving rows out (--only) or adding
    one never changes what the others draw."""
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def wanted(only: str, name: str) -> bool:
    """--only "pen,dark": rows whose name contains any of the words (all rows when empty)."""
    return not only or any(word in name for word in only.split(","))


def run(args) -> None:
    rec = Recognizer.load(args.model)
    root = data.resolve(args.data)
    images, labels = data.load(root, False)
    images, labels = images.numpy(), labels.numpy()
    rng = np.random.default_rng(args.seed)
    n = min(args.n, len(images))
    pick = rng.choice(len(images), n, replace=False)

    # Latency first, on a quiet process: a single drawing at a time, as the app does.
    variants = single_variants()
    lat_rng = row_rng(args.seed, "latency")
    drawings = [variants["canvas, thin pen"](images[i], lat_rng) for i in pick[:200]]
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

    rows = []
    full = rec.classify(images.astype(np.float32) / 255.0).argmax(1)
    rows.append(("MNIST test set (28x28 as is)", len(images), (full == labels).mean(), None))

    for name, make in variants.items():
        if not wanted(args.only, name):
            continue
        ours = naive = 0
        rng = row_rng(args.seed, name)
        for i in pick:
            img = make(images[i], rng)
            digit = rec.predict(img)
            ours += digit is not None and digit.digit == labels[i]
            naive += rec.classify(naive_input(img)[None])[0].argmax() == labels[i]
        rows.append((name, n, ours / n, naive / n))

    for name, photo in NUMBER_ROWS:
        if not wanted(args.only, name):
            continue
        exact = 0
        rng = row_rng(args.seed, name)
        count = max(1, n // 4)
        for _ in range(count):
            k = int(rng.integers(2, 6))
            idx = rng.choice(len(images), k, replace=False)
            digits = [images[i] for i in idx]
            if photo:
                img = photo_of(digits, rng)
            elif photo is None:
                img = number_image(digits, gap=int(rng.integers(-3, 1)), scale=4)
            else:
                img = number_image(digits, gap=int(rng.integers(4, 30)), scale=int(rng.integers(3, 8)))
            exact += rec.read(img).text == "".join(str(labels[i]) for i in idx)
        # The naive pipeline reads one digit per image: never a whole number.
        rows.append((name, count, exact / count, 0.0))

    print(f"model: {rec.path}  (arch {rec.meta['arch']}, seed {args.seed})\n")
    print("| input | samples | ours | naive (resize + invert) |")
    print("|---|---:|---:|---:|")
    for name, count, ours, naive in rows:
        print(f"| {name} | {count} | {ours:.2%} | {'—' if naive is None else f'{naive:.2%}'} |")
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
