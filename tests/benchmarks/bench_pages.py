"""Page benchmark: whole pages of handwritten numbers, read as lines of numbers.

Pages are built from the MNIST *test* digits (fixed seed, tests/pages.py): plain
paper, ruled paper, tables, and phone photos of each (tilted up to 4 degrees,
uneven light, blur, noise, JPEG), and photos of each lying on a desk (tilted up to 12
degrees, the desk showing around it); 2-5 lines of 1-3 numbers of 1-4 digits, on an
850x1100 page; and plain pages of exactly 4 lines of 3 numbers (the speed target).
Page k of every paper carries the same writing (photographed the same way): the
sets differ by the paper alone. Per set: whole page exact (every number, every
line, in order), number F1 (numbers found and read exactly, as a multiset per
page), ms per page, and for ruled paper and tables the pages read right on plain
paper but wrong on this one (what the rules cost); beside it the naive baseline:
today's single-number reader on the whole page. Prints a markdown table; nothing
is asserted.

    python tests/benchmarks/bench_pages.py --data ../shared/data/mnist [--n 100]
"""

from __future__ import annotations

import argparse
import os
import gzip
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pages  # noqa: E402

from mnist_desktop.reading import preprocess  # noqa: E402
from mnist_desktop.reading.recognizer import Recognizer  # noqa: E402

# (paper, how it was taken): as drawn, a photo of the page alone, or a photo of the
# page lying on a desk (tilted up to 12 degrees, the desk showing around it).
SETS = ([(kind, None) for kind in pages.KINDS] + [(kind, "photo") for kind in pages.KINDS]
        + [(kind, "desk") for kind in pages.KINDS] + [("12 numbers", None)])
DENSE = {"lines": (4, 4), "numbers": (3, 3)}     # the speed target's page: 4 lines of 3 numbers


def f1_counts(truth: list[list[str]], found: list[str]) -> tuple[int, int, int]:
    """(read exactly, found, wanted) for one page: numbers as a multiset."""
    want = Counter(n for line in truth for n in line)
    got = Counter(found)
    return sum((want & got).values()), sum(got.values()), sum(want.values())


def f1(hits: int, found: int, wanted: int) -> float:
    p, r = hits / max(found, 1), hits / max(wanted, 1)
    return 2 * p * r / max(p + r, 1e-9)


def naive(rec: Recognizer, image) -> list[str]:
    """Today's reader before pages: all ink as one number."""
    ink = preprocess.find_ink(image)
    try:
        text = "".join(str(d.digit) for d in rec._read_number(ink)) if not ink.empty else ""
    except ZeroDivisionError:   # normalize() on a crop its stroke fix erased (a grid's piece)
        text = ""
    return [text] if text else []


def run_set(rec, kind: str, photographed: str | None, n: int, images, labels, seed: int, show: Path | None):
    """Per page whether it read exactly, and the set's (exact, F1, ms) for ours and naive.

    Page k of plain, ruled and table carries the same writing, and its photo is taken
    the same way (tilt, light, blur, noise), drawn from generators of (seed, k) alone:
    the sets differ by the paper only, so comparing them measures what rules and grids
    cost rather than which digits each set happened to draw. Only where the writing
    goes comes from the set's own generator."""
    # (The photo set's generator is named as it was when photographed was a bool, so
    # its pages stay the same as in earlier tables.)
    label = {None: False, "photo": True}.get(photographed, photographed)
    rng = np.random.default_rng([seed, zlib.crc32(f"{kind}{label}".encode())])
    ours, base = np.zeros(3, int), np.zeros(3, int)
    right: list[bool] = []
    base_exact = 0
    ms = base_ms = 0.0
    for k in range(n):
        if kind == "12 numbers":
            p = pages.page(rng, images, labels, "plain", **DENSE)
        else:
            p = pages.page(rng, images, labels, kind, text=pages.writing(np.random.default_rng([seed, k]), images, labels))
        if photographed == "photo":
            p = pages.photo(p, np.random.default_rng([seed, k, 1]))
        elif photographed == "desk":
            p = pages.on_desk(p, np.random.default_rng([seed, k, 2]))
        t = time.perf_counter()
        result = rec.read(p.image)
        ms += 1000 * (time.perf_counter() - t)
        found = [num.text for line in result.lines for num in line.numbers]
        ours += f1_counts(p.lines, found)
        right.append(result.text == p.text)
        if show is not None and result.text != p.text:
            import cv2

            show.mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(show / f"{kind}{'-' + photographed if photographed else ''}-{k}.png"), p.image)
            print(f"{kind} {photographed} {k}: want {p.text!r} got {result.text!r}", file=sys.stderr)
        t = time.perf_counter()
        got = naive(rec, p.image)
        base_ms += 1000 * (time.perf_counter() - t)
        base += f1_counts(p.lines, got)
        base_exact += len(got) == 1 and got[0] == p.text
    return right, (sum(right) / n, f1(*ours), ms / n), (base_exact / n, f1(*base), base_ms / n)


def load_test(folder: Path) -> tuple[np.ndarray, np.ndarray]:
    """The MNIST test split (.gz or not) as uint8 arrays."""
    def read(name, offset):
        path = folder / name
        raw = gzip.open(path).read() if path.suffix == ".gz" else path.read_bytes()
        return np.frombuffer(raw[offset:], np.uint8)

    gz = ".gz" if (folder / "t10k-images-idx3-ubyte.gz").exists() else ""
    return (read(f"t10k-images-idx3-ubyte{gz}", 16).reshape(-1, 28, 28),
            read(f"t10k-labels-idx1-ubyte{gz}", 8))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data/mnist", help="folder with the MNIST test files")
    ap.add_argument("--n", type=int, default=100, help="pages per set")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", default=None, help="comma-separated kinds (plain,ruled,table)")
    ap.add_argument("--photos", choices=["both", "no", "only"], default="both",
                    help="no: the pages as drawn only; only: the photos only (of the page alone and on a desk)")
    ap.add_argument("--show", type=Path, default=None, help="save the pages read wrong here")
    ap.add_argument("--model", default=None, help="a checkpoint (default: the shipped model)")
    ap.add_argument("--threads", type=int, default=None,
                    help="torch threads (default: torch's; 1 is faster on a busy 2-core machine)")
    args = ap.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    images, labels = load_test(Path(args.data))
    rec = Recognizer.open(args.model) if args.model else Recognizer.shipped()
    rec.read(images[0])          # warm up
    kinds = args.only.split(",") if args.only else pages.KINDS
    print(f"{args.n} pages per set, seed {args.seed}, MNIST test digits, 850x1100 px, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| set | whole page exact | number F1 | ms/page | right on plain paper, wrong here | naive: exact | naive: F1 | naive: ms |")
    print("|---|---|---|---|---|---|---|---|")
    plain: dict[str | None, list[bool]] = {}
    for kind, photographed in SETS:
        if (kind not in kinds and not (kind == "12 numbers" and args.only is None)) or (args.photos == "no" and photographed) or (args.photos == "only" and not photographed):
            continue
        right, (e, f, ms), (be, bf, bms) = run_set(rec, kind, photographed, args.n, images, labels, args.seed, args.show)
        if kind == "plain":
            plain[photographed] = right
        # The same writing read right on plain paper and wrong on this paper: what the
        # rules or the grid cost (the pages read wrong on both are the digits' fault).
        cost = (f"{sum(p and not r for p, r in zip(plain[photographed], right))} / {args.n}"
                if kind in ("ruled", "table") and photographed in plain else "—")
        name = f"{kind}{', ' + {'photo': 'photo', 'desk': 'photo on a desk'}[photographed] if photographed else ''}"
        print(f"| {name} | {e:.1%} | {f:.1%} | {ms:.0f} | {cost} | {be:.1%} | {bf:.1%} | {bms:.0f} |", flush=True)


if __name__ == "__main__":
    main()
