"""Inside the network: what each layer makes of one 28x28 input, the first layer's
filters, and which input pixels pushed the answer up. No Qt here.

Saliency is integrated gradients (Sundararajan et al., 2017) from a blank input:
the digit is faded in from empty paper in STEPS steps, the gradient of the chosen
digit's score is averaged along the way and multiplied by the pixel's ink. Only
the positive part is kept (the pixels that argued *for* the answer); pixels
without ink get no credit by construction: the method explains the ink there is,
not the ink that is missing.

Images are uint8 arrays: feature maps as grey grids (one cell per channel, one
pixel per activation, 1-pixel gaps), flat layers as bars, filters on a grey
middle (white = positive weight, black = negative).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import torch
from torch import nn

from mnist_desktop import models

STEPS = 32            # integrated-gradients steps: enough for attributions summing to the score change
BAR_H = 32            # height of a flat layer's bar image
METHOD = "integrated gradients"


@dataclass
class Layer:
    name: str                 # conv1, pool1, fc1, gap, logits ...
    activation: np.ndarray    # (C, H, W) feature maps or (N,) units

    @property
    def shape(self) -> list[int]:
        return list(self.activation.shape)

    def image(self) -> np.ndarray:
        a = self.activation
        return grid(a / max(float(a.max()), 1e-9)) if a.ndim == 3 else bars(a)


@dataclass
class Explanation:
    input: np.ndarray                         # (28, 28) float, ink = 1
    probabilities: list[float]
    saliency: np.ndarray                      # (28, 28) float in [0, 1]
    layers: list[Layer] = field(default_factory=list)
    filters: np.ndarray | None = None         # uint8 image of the first layer's weights
    networks: int = 1                         # an ensemble's members: the layers are the first's

    @property
    def digit(self) -> int:
        return int(np.argmax(self.probabilities))

    def images(self) -> dict[str, np.ndarray]:
        """File name -> uint8 image: input.png, saliency.png, layerNN_<name>.png, filters.png."""
        out = {"input.png": to_u8(self.input), "saliency.png": to_u8(self.saliency)}
        for i, layer in enumerate(self.layers, 1):
            out[f"layer{i:02d}_{layer.name}.png"] = layer.image()
        if self.filters is not None:
            out["filters.png"] = self.filters
        return out

    def write(self, folder: str | Path) -> list[str]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        names = []
        for name, img in self.images().items():
            if not cv2.imwrite(str(folder / name), img):
                raise OSError(f"could not write {folder / name}")
            names.append(name)
        return names


def to_u8(a: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(a * 255.0), 0, 255).astype(np.uint8)


def grid_size(channels: int) -> tuple[int, int]:
    """(rows, cols) of the grid a layer's feature maps are laid out in."""
    cols = math.ceil(math.sqrt(channels))
    return math.ceil(channels / cols), cols


def grid(maps: np.ndarray, gap_value: float = 0.25) -> np.ndarray:
    """(C, H, W) in [0, 1] -> one uint8 image, the maps in a grid with 1-pixel gaps."""
    c, h, w = maps.shape
    rows, cols = grid_size(c)
    out = np.full((rows * (h + 1) - 1, cols * (w + 1) - 1), gap_value, np.float32)
    for k in range(c):
        r, q = divmod(k, cols)
        out[r * (h + 1):r * (h + 1) + h, q * (w + 1):q * (w + 1) + w] = maps[k]
    return to_u8(out)


def bar_width(units: int) -> int:
    return int(np.clip(256 // max(units, 1), 1, 12))


def bars(values: np.ndarray) -> np.ndarray:
    """(N,) -> a BAR_H-high image, one bar per unit (upwards from the bottom, or from
    the middle when some are negative, as logits are)."""
    n, bw = len(values), bar_width(len(values))
    img = np.zeros((BAR_H, n * bw), np.uint8)
    top = float(np.abs(values).max()) or 1.0
    base = BAR_H // 2 if values.min() < 0 else BAR_H
    for i, v in enumerate(values):
        length = int(round(abs(float(v)) / top * base))
        y0, y1 = (base - length, base) if v >= 0 else (base, base + length)
        img[y0:y1, i * bw:(i + 1) * bw] = 255 if v >= 0 else 128
    return img


def _layers(model: nn.Sequential, x: torch.Tensor) -> tuple[list[Layer], torch.Tensor]:
    """Run x through the model, keeping what each stage hands on: a conv or linear
    layer after its activation, each pooling, and the final scores."""
    if isinstance(model, models.Ensemble):
        # The layers of its first member (the others are alike); the scores, all of them together.
        inside, _ = _layers(model.members[0], x)
        scores = model(x)
        return [layer for layer in inside if layer.name != "logits"] + [Layer("logits", scores[0].numpy().copy())], scores
    out: list[Layer] = []
    counts = {"conv": 0, "fc": 0, "pool": 0}
    last = None           # the kind of the last weighted layer: its activation is named after it
    children = list(model)
    for i, module in enumerate(children):
        x = module(x)
        nxt = children[i + 1] if i + 1 < len(children) else None
        if isinstance(module, nn.Conv2d):
            last = "conv"
            counts["conv"] += 1
        elif isinstance(module, nn.Linear):
            last = "fc"
            if nxt is None:
                out.append(Layer("logits", x[0].detach().numpy().copy()))
            else:
                counts["fc"] += 1
        elif isinstance(module, nn.ReLU) and last is not None:
            out.append(Layer(f"{last}{counts[last]}", x[0].detach().numpy().copy()))
        elif isinstance(module, nn.MaxPool2d):
            counts["pool"] += 1
            out.append(Layer(f"pool{counts['pool']}", x[0].detach().numpy().copy()))
        elif isinstance(module, nn.AdaptiveAvgPool2d):
            out.append(Layer("gap", x[0].detach().numpy().reshape(-1).copy()))
    return out, x


def filters_image(model: nn.Module, scale: int = 4) -> np.ndarray | None:
    """The first weighted layer's weights: conv kernels, or for an MLP each hidden
    unit's 784 weights as a 28x28 picture. Grey = 0, white > 0, black < 0."""
    first = next((m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))), None)
    if first is None:
        return None
    w = first.weight.detach().float().numpy()
    w = w[:, 0] if isinstance(first, nn.Conv2d) else w.reshape(-1, 28, 28)
    w = 0.5 + 0.5 * w / max(float(np.abs(w).max()), 1e-9)
    img = grid(w, gap_value=0.0)
    if isinstance(first, nn.Conv2d):   # 3x3 and 5x5 kernels are too small to see
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    return img


def integrated_gradients(model: nn.Module, x: torch.Tensor, target: int, steps: int = STEPS) -> np.ndarray:
    """(1, 1, 28, 28) -> (28, 28) attributions for `target`, from a blank baseline."""
    alphas = torch.linspace(1.0 / steps, 1.0, steps).view(-1, 1, 1, 1)
    path = (alphas * x).requires_grad_(True)
    scores = model(path)[:, target].sum()
    (grads,) = torch.autograd.grad(scores, path)
    return (x[0, 0] * grads.mean(0)[0]).numpy()


def explain(model: nn.Module, image28: np.ndarray, temperature: float = 1.0) -> Explanation:
    """Everything the view and `mnist-desktop explain` show, for one 28x28 input (ink = 1);
    the probabilities calibrated with the model's `temperature`, as reading shows them."""
    model = model.eval().float()
    x = torch.from_numpy(np.ascontiguousarray(image28, dtype=np.float32)).view(1, 1, 28, 28)
    with torch.no_grad():
        layers, logits = _layers(model, x)
    probs = torch.softmax(logits[0, :models.DIGITS] / temperature, 0).numpy()
    target = int(probs.argmax())
    with torch.enable_grad():
        attr = integrated_gradients(model, x, target)
    attr = np.clip(attr, 0, None)
    saliency = attr / attr.max() if attr.max() > 0 else attr
    return Explanation(input=np.asarray(image28, np.float32), probabilities=[float(p) for p in probs],
                       saliency=saliency.astype(np.float32), layers=layers, filters=filters_image(model),
                       networks=len(models.members(model)))
