"""The networks, by name: the seeds' MLPs and CNNs, and our own.

Every model takes float images in [0, 1] of shape (N, 1, 28, 28), ink = 1, and
normalises them itself with MNIST's mean and std, so a checkpoint is complete
without a separate transform.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn

MNIST_MEAN, MNIST_STD = 0.1307, 0.3081
DEFAULT_ARCH = "mnistnet"


class Normalize(nn.Module):
    def __init__(self, mean: float = MNIST_MEAN, std: float = MNIST_STD):
        super().__init__()
        self.mean, self.std = mean, std

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) / self.std


def _conv(cin: int, cout: int, k: int = 3) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


def mnistnet() -> nn.Sequential:
    """Ours: five BN conv layers, global average pooling; 210k parameters, 0.84 MB.

    One conv at full resolution, then pooling: half the multiply-adds of stacking two
    convs at 28x28, for ~0.6 ms per digit on a laptop CPU.
    """
    return nn.Sequential(
        Normalize(),
        *_conv(1, 32), nn.MaxPool2d(2),
        *_conv(32, 48), *_conv(48, 64), nn.MaxPool2d(2),
        *_conv(64, 96), *_conv(96, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Dropout(0.1), nn.Linear(128, 10),
    )


def mnistnet2() -> nn.Sequential:
    """Ours, shipped: two BN convs at each of 28, 14 and 7 px, global average pooling;
    288k parameters. 1.8x mnistnet's multiply-adds, for the capacity to learn the
    handwriting styles (learning/styles.py) without losing MNIST accuracy."""
    return nn.Sequential(
        Normalize(),
        *_conv(1, 32), *_conv(32, 32), nn.MaxPool2d(2),
        *_conv(32, 64), *_conv(64, 64), nn.MaxPool2d(2),
        *_conv(64, 128), *_conv(128, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Dropout(0.1), nn.Linear(128, 10),
    )


def mnistnet2w() -> nn.Sequential:
    """Ours, shipped: mnistnet2 half as wide again (48, 96 and 192 channels), 2.25x its
    multiply-adds; 647k parameters. Two of them read MNIST and the handwriting styles
    better than three mnistnet2 for 1.5x the reading time (README, The shipped model)."""
    return nn.Sequential(
        Normalize(),
        *_conv(1, 48), *_conv(48, 48), nn.MaxPool2d(2),
        *_conv(48, 96), *_conv(96, 96), nn.MaxPool2d(2),
        *_conv(96, 192), *_conv(192, 192), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Dropout(0.1), nn.Linear(192, 10),
    )


def quicknet() -> nn.Sequential:
    """Ours for the Fast preset: three BN conv layers, 29k parameters, ~5x mnistnet's speed.

    The first conv strides by 2, so nothing runs at full 28x28 resolution.
    """
    return nn.Sequential(
        Normalize(),
        nn.Conv2d(1, 16, 5, stride=2, padding=2, bias=False), nn.BatchNorm2d(16), nn.ReLU(inplace=True),
        *_conv(16, 32), nn.MaxPool2d(2),
        *_conv(32, 64), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 3 * 3, 10),
    )


def midnet() -> nn.Sequential:
    """Ours, between the two: 105k parameters, ~2.5x mnistnet's speed."""
    return nn.Sequential(
        Normalize(),
        nn.Conv2d(1, 32, 5, stride=2, padding=2, bias=False), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
        *_conv(32, 64), nn.MaxPool2d(2),
        *_conv(64, 128), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.1), nn.Linear(128 * 3 * 3, 10),
    )


# The seeds: each tutorial's model as the tutorial builds it, its input transform
# included (Normalize(0, 1) is "no normalisation": ToTensor alone, ink 0..1).
# Their log-softmax outputs are left to the loss: cross-entropy on logits is
# exactly NLL on log-softmax, and the probabilities are the same.

def mlp_000() -> nn.Sequential:
    """Seed 000: MLP 784-128-256-10 on raw [0, 1] pixels; 136,074 parameters."""
    return nn.Sequential(Normalize(0.0, 1.0), nn.Flatten(), nn.Linear(784, 128), nn.ReLU(),
                         nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 10))


def mlp_003() -> nn.Sequential:
    """Seed 003: MLP 784-128-64-10, inputs normalised with (0.5, 0.5); 109,386 parameters."""
    return nn.Sequential(Normalize(0.5, 0.5), nn.Flatten(), nn.Linear(784, 128), nn.ReLU(),
                         nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))


def cnn_001() -> nn.Sequential:
    """Seed 001: conv 32-32-pool-64-64-pool with batch norm, FC 512-512-10 with dropout,
    inputs normalised with (0.5, 0.5); 1,939,306 parameters."""
    def block(cin: int, cout: int) -> list[nn.Module]:
        return [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]

    return nn.Sequential(
        Normalize(0.5, 0.5),
        *block(1, 32), *block(32, 32), nn.MaxPool2d(2), nn.Dropout(0.25),
        *block(32, 64), *block(64, 64), nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 512), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 10),
    )


def cnn_004() -> nn.Sequential:
    """Seeds 002 and 004: conv 10x5 -> pool -> conv 20x3 -> FC 500 -> 10; 1,007,590 parameters."""
    return nn.Sequential(
        Normalize(),
        nn.Conv2d(1, 10, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(10, 20, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(20 * 10 * 10, 500), nn.ReLU(), nn.Linear(500, 10),
    )


class Ensemble(nn.Module):
    """Several networks of one architecture, trained apart, reading the same input:
    the mean of their logits. Their mistakes differ, so the mean makes fewer (three
    mnistnet2 runs: 99.6% each, more together) at the cost of running each one.

    Branches rather than one network of grouped convolutions: OpenCV's dnn runs three
    plain branches faster than grouped convs of the same arithmetic."""

    def __init__(self, members: list[nn.Module]):
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return sum(m(x) for m in self.members) / len(self.members)


def members(model: nn.Module) -> list[nn.Module]:
    """The networks inside `model`: an ensemble's members, or the model itself."""
    return list(model.members) if isinstance(model, Ensemble) else [model]


def ensemble_name(arch: str, count: int) -> str:
    return f"{arch}x{count}"


@dataclass(frozen=True)
class Arch:
    name: str
    build: Callable[[], nn.Module]
    label: str
    members: int = 1          # an ensemble's networks, trained apart (the Train tab trains single ones)


SHIPPED_MEMBERS = 2
SHIPPED_ARCH = ensemble_name("mnistnet2w", SHIPPED_MEMBERS)     # trained/mnist_desktop.pt's

ARCHS: dict[str, Arch] = {
    a.name: a
    for a in (
        Arch("mnistnet", mnistnet, "mnistnet (ours, default)"),
        Arch("mnistnet2", mnistnet2, "mnistnet2 (ours)"),
        Arch("mnistnet2w", mnistnet2w, "mnistnet2w (ours, wide)"),
        # The shipped model: two mnistnet2w trained apart (`mnist-desktop ensemble`).
        Arch(SHIPPED_ARCH, lambda: Ensemble([mnistnet2w() for _ in range(SHIPPED_MEMBERS)]),
             "mnistnet2w x2 (ours, shipped)", SHIPPED_MEMBERS),
        # Shipped before it (up to 2026-12): three mnistnet2; users' ensembles of them still load.
        Arch(ensemble_name("mnistnet2", 3), lambda: Ensemble([mnistnet2() for _ in range(3)]),
             "mnistnet2 x3 (ours)", 3),
        Arch("midnet", midnet, "midnet (ours, mid-size)"),
        Arch("quicknet", quicknet, "quicknet (ours, fast)"),
        Arch("cnn_001", cnn_001, "seed 001 CNN (BN + dropout)"),
        Arch("cnn_004", cnn_004, "seed 002/004 small CNN"),
        Arch("mlp_000", mlp_000, "seed 000 MLP 784-128-256-10"),
        Arch("mlp_003", mlp_003, "seed 003 MLP 784-128-64-10"),
    )
}


DIGITS = 10
# An optional eleventh output, "several digits" (touching.py), helps read() decide
# where touching digits are; every other use looks at the first ten only.
OUTPUTS = (DIGITS, DIGITS + 1)


def build(name: str, outputs: int = DIGITS) -> nn.Module:
    try:
        model = ARCHS[name].build()
    except KeyError:
        raise ValueError(f"unknown architecture {name!r}; choose one of: {', '.join(ARCHS)}") from None
    if outputs not in OUTPUTS:
        raise ValueError(f"a model has {DIGITS} or {DIGITS + 1} outputs, not {outputs}")
    if outputs != DIGITS:
        for net in members(model):
            net[-1] = nn.Linear(net[-1].in_features, outputs)
    return model


def outputs_of(model_or_state: nn.Module | dict) -> int:
    """How many outputs a model (or its state_dict) has: the rows of its last weight."""
    state = model_or_state.state_dict() if isinstance(model_or_state, nn.Module) else model_or_state
    weights = [v for k, v in state.items() if k.endswith("weight") and getattr(v, "ndim", 0) == 2]
    return int(weights[-1].shape[0]) if weights else DIGITS


def widen(state: dict, outputs: int) -> dict:
    """A ten-output state_dict with the extra output added (weights 0, a low bias, so
    it starts out saying "one digit"), to fine-tune a model into the eleven-output kind."""
    have = outputs_of(state)
    if have == outputs:
        return state
    if (have, outputs) != (DIGITS, DIGITS + 1):
        raise ValueError(f"cannot turn a {have}-output model into a {outputs}-output one")
    last = [k for k, v in state.items() if k.endswith("weight") and getattr(v, "ndim", 0) == 2][-1]
    # An ensemble has one head per member: members.<i>.<layer>.weight
    head = re.sub(r"^members\.\d+\.", "", last)
    state = dict(state)
    for weight in [k for k in state if re.fullmatch(r"(members\.\d+\.)?" + re.escape(head), k)]:
        bias = weight.removesuffix("weight") + "bias"
        state[weight] = torch.cat([state[weight], state[weight].new_zeros(1, state[weight].shape[1])])
        state[bias] = torch.cat([state[bias], state[bias].new_full((1,), -3.0)])
    return state


def parameter_count(model_or_name: nn.Module | str) -> int:
    model = build(model_or_name) if isinstance(model_or_name, str) else model_or_name
    return sum(p.numel() for p in model.parameters())


def cpu_state(model: nn.Module) -> dict:
    """The weights as a CPU, contiguous state_dict: ready to save, or to start another run from."""
    return {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}


def normalization(model: nn.Module) -> dict:
    """The input transform the network applies first: (pixels - mean) / std."""
    model = members(model)[0]
    first = model[0] if isinstance(model, nn.Sequential) and len(model) else None
    mean, std = (first.mean, first.std) if isinstance(first, Normalize) else (0.0, 1.0)
    return {"mean": mean, "std": std, "ink": "white on black, 0..1"}


def use_normalization(model: nn.Module, norm) -> None:
    """Give `model` the input transform its checkpoint recorded. It is not a weight, so
    the state_dict does not carry it, and an architecture's default may change (the
    seeds' MLPs took their tutorials' transforms): an older checkpoint keeps its own."""
    if not isinstance(norm, dict):
        return
    mean, std = norm.get("mean"), norm.get("std")
    if not (all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (mean, std))
            and std > 0):
        return
    for net in members(model):
        first = net[0] if isinstance(net, nn.Sequential) and len(net) else None
        if isinstance(first, Normalize):
            first.mean, first.std = float(mean), float(std)
