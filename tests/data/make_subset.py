"""Rebuild tests/data/mnist-subset from a full MNIST folder (run once; output is committed).

    python tests/data/make_subset.py ../shared/data/mnist
"""

import gzip
import sys
from pathlib import Path

N = {"train": 3000, "t10k": 1000}


def main(src: str) -> None:
    out = Path(__file__).parent / "mnist-subset"
    out.mkdir(exist_ok=True)
    for split, n in N.items():
        for kind, header, item in (("images", 16, 784), ("labels", 8, 1)):
            name = f"{split}-{kind}-idx{3 if kind == 'images' else 1}-ubyte"
            raw = gzip.open(Path(src) / f"{name}.gz", "rb").read()
            head = bytearray(raw[:header])
            head[4:8] = n.to_bytes(4, "big")  # the IDX count field
            body = raw[header:header + n * item]
            with gzip.GzipFile(out / f"{name}.gz", "wb", mtime=0) as fh:
                fh.write(bytes(head) + body)


if __name__ == "__main__":
    main(sys.argv[1])
