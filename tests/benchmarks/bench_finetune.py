"""Fine-tuning benchmark: a writer style the shipped model reads badly (tests/style.py:
seven-segment-like digits), learned from 1, 3, 5 and 10 saved samples per digit.

Accuracy on 300 unseen samples of the style and on the MNIST test set, before and
after, and the fine-tuning time (training only) on this machine. Prints a table.

    python tests/benchmarks/bench_finetune.py --data ../shared/data/mnist
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from style import styled_set  # noqa: E402

from mnist_desktop.learning import data
from mnist_desktop.learning import finetune  # noqa: E402
from mnist_desktop.reading.recognizer import Recognizer  # noqa: E402
from mnist_desktop.samples import from_input  # noqa: E402


def inputs_of(rec: Recognizer, images) -> torch.Tensor:
    return torch.from_numpy(np.stack([(rec.predict(img).input * 255).round().astype(np.uint8) for img in images]))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="../shared/data/mnist")
    p.add_argument("--counts", default="1,3,5,10")
    args = p.parse_args()
    rec = Recognizer.shipped()
    root = data.resolve(args.data)
    train, test = data.load(root, True), data.load(root, False)
    unseen_images, unseen_labels = styled_set(30, seed=7)
    unseen = inputs_of(rec, unseen_images), torch.tensor(unseen_labels)
    style_before = finetune.accuracy(rec.checkpoint.model, *unseen)
    print(f"style: seven-segment hand; shipped model reads {style_before:.1%} of 300 unseen samples\n")
    print("| saved per digit | trained on / held back | style before | style after | "
          "MNIST before | MNIST after | fine-tune time |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for k in (int(v) for v in args.counts.split(",")):
        images, labels = styled_set(k, seed=100 + k)
        samples = [from_input(rec.predict(img).input, label) for img, label in zip(images, labels)]
        result = finetune.tune(rec.checkpoint, samples, train, test)
        after = finetune.accuracy(result.fit.model, *unseen)
        print(f"| {k} | {result.trained_on} / {result.held_out} | {style_before:.1%} | {after:.1%} | "
              f"{result.mnist_before:.2%} | {result.mnist_after:.2%} | {result.fit.history[-1]['train_s']:.1f} s |",
              flush=True)


if __name__ == "__main__":
    main()
