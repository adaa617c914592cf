"""Batched augmentation on the device: what our preprocessing leaves varying.

After preprocessing a drawing still differs from MNIST by a little rotation,
scale, shear and shift, wobble, and stroke width. One grid_sample per batch does
affine + elastic together; stroke width is a partial dilation or erosion. A
per-sample torchvision transform would cost more than the forward pass here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class AugmentConfig:
    rotate_deg: float = 12.0
    scale: float = 0.12          # +- relative
    shear: float = 0.15
    shift_px: float = 2.0
    elastic_px: float = 1.0      # displacement amplitude
    stroke: float = 0.6          # max blend towards dilated/eroded image


# "full" is what the shipped model trains with; "light" (affine only) costs a third as
# much per batch, for the Best preset.
STRENGTHS = {
    "full": AugmentConfig(),
    "light": AugmentConfig(rotate_deg=8.0, scale=0.08, shear=0.1, shift_px=2.0, elastic_px=0.0, stroke=0.0),
}


def _uniform(n: int, bound: float, device, generator) -> torch.Tensor:
    return (torch.rand(n, device=device, generator=generator) * 2 - 1) * bound


def augment(x: torch.Tensor, cfg: AugmentConfig = AugmentConfig(),
            generator: torch.Generator | None = None) -> torch.Tensor:
    """x: float (N, 1, 28, 28) in [0, 1] -> an augmented batch of the same shape."""
    n, _, h, w = x.shape
    dev = x.device
    angle = _uniform(n, math.radians(cfg.rotate_deg), dev, generator)
    scale = 1 + _uniform(n, cfg.scale, dev, generator)
    aspect = 1 + _uniform(n, cfg.scale / 2, dev, generator)
    shear = _uniform(n, cfg.shear, dev, generator)
    tx = _uniform(n, 2 * cfg.shift_px / w, dev, generator)
    ty = _uniform(n, 2 * cfg.shift_px / h, dev, generator)
    cos, sin = torch.cos(angle), torch.sin(angle)
    sx, sy = scale * aspect, scale / aspect
    # theta maps output to input coordinates; inverse scaling is folded in by dividing.
    theta = torch.stack([
        torch.stack([cos / sx, (-sin + shear * cos) / sx, tx], 1),
        torch.stack([sin / sy, (cos + shear * sin) / sy, ty], 1),
    ], 1)
    grid = F.affine_grid(theta, (n, 1, h, w), align_corners=False)
    if cfg.elastic_px > 0:
        # Coarse random field, smoothly upsampled: a gentle wobble, not pixel noise.
        field = torch.randn(n, 2, 4, 4, device=dev, generator=generator) * (2 * cfg.elastic_px / w)
        field = F.interpolate(field, size=(h, w), mode="bilinear", align_corners=False)
        grid = grid + field.permute(0, 2, 3, 1)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    if cfg.stroke > 0:
        out = _stroke(out, cfg.stroke, generator)
    return out


def _neighbourhood(x: torch.Tensor, op) -> torch.Tensor:
    """3x3 max (dilation) or min (erosion) from nine shifted views: several times
    faster than max_pool2d's CPU kernel at this size."""
    h, w = x.shape[-2:]
    p = F.pad(x, (1, 1, 1, 1))
    out = x
    for dy in range(3):
        for dx in range(3):
            if dy != 1 or dx != 1:
                out = op(out, p[..., dy:dy + h, dx:dx + w])
    return out


def _stroke(x: torch.Tensor, strength: float, generator) -> torch.Tensor:
    n = x.shape[0]
    dilated = _neighbourhood(x, torch.maximum)
    eroded = _neighbourhood(x, torch.minimum)
    t = _uniform(n, strength, x.device, generator).view(n, 1, 1, 1)
    # t > 0 thickens by blending towards the dilation, t < 0 thins towards the erosion.
    return torch.where(t > 0, x + t * (dilated - x), x + (-t) * (eroded - x))
