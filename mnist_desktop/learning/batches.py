"""What one training batch is made of: MNIST digits, some redrawn with a pen, some in
handwriting styles MNIST lacks, some swapped for touching digits ("several digits"),
the user's samples mixed in, then augmented. No Qt; training.fit() asks for one batch per step.

Every random draw uses the run's generator in a fixed order, so the same seed gives
the same batches.
"""

from __future__ import annotations

import logging
import time
from typing import Callable

import torch

from mnist_desktop.learning.augment import STRENGTHS, augment

log = logging.getLogger(__name__)


def to_float(images: torch.Tensor) -> torch.Tensor:
    """uint8 (N, 28, 28) -> float (N, 1, 28, 28) in [0, 1]."""
    return images.unsqueeze(1).float().div_(255.0)


class Batches:
    """The training set on the device, with the pen-style and touching forms that the
    config asks for prepared up front (cached on disk after the first time)."""

    def __init__(self, config, train: tuple[torch.Tensor, torch.Tensor], dev: torch.device,
                 gen: torch.Generator, *, should_stop: Callable[[], bool] | None = None,
                 extra_train: tuple[torch.Tensor, torch.Tensor, int] | None = None):
        self.config, self.dev, self.gen = config, dev, gen
        self.x_pen = None
        if config.pen > 0:
            # One rendering of every training digit up front (about a minute for MNIST
            # on two cores, then cached); batches pick either form of a digit at no cost.
            from mnist_desktop.learning import penstyle

            t0 = time.perf_counter()
            self.x_pen = penstyle.render_cached(train[0], should_stop=should_stop).to(dev)
            log.info("pen-style digits rendered in %.1f s", time.perf_counter() - t0)
        self.x_styles = None
        if config.styles > 0:
            from mnist_desktop.learning import styles

            t0 = time.perf_counter()
            x_styles, y_styles = styles.pool_cached(train[0], train[1], seed=config.seed, should_stop=should_stop)
            self.x_styles, self.y_styles = x_styles.to(dev), y_styles.to(dev)
            log.info("handwriting styles drawn in %.1f s", time.perf_counter() - t0)
        self.x_several = None
        if config.touching > 0:
            from mnist_desktop.learning import touching

            t0 = time.perf_counter()
            # Composed from the digits as the batches show them: MNIST's and pen-drawn.
            source = train[0]
            if self.x_pen is not None:
                pick = torch.rand(len(source), generator=torch.Generator().manual_seed(config.seed)) < config.pen
                source = torch.where(pick.view(-1, 1, 1), self.x_pen.cpu(), source)
            self.x_several = touching.several_cached(source, min(touching.POOL, len(source)), config.seed,
                                                     should_stop=should_stop).to(dev)
            self.several_label = touching.SEVERAL
            log.info("touching digits composed in %.1f s", time.perf_counter() - t0)
        self.x, self.y = train[0].to(dev), train[1].to(dev)
        self.extra = None
        if extra_train is not None and len(extra_train[0]):
            self.extra = (extra_train[0].to(dev), extra_train[1].to(dev), max(1, extra_train[2]))

    def __len__(self) -> int:
        return len(self.x)

    def batch(self, idx: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Float images (B, 1, 28, 28) ready for the model, and their labels, for the
        training digits at `idx` (plus the user's samples, when fine-tuning)."""
        c, dev, gen = self.config, self.dev, self.gen
        xb, yb = self.x[idx], self.y[idx]
        if self.x_pen is not None:
            drawn = torch.rand(len(idx), device=dev, generator=gen) < c.pen
            xb = torch.where(drawn.view(-1, 1, 1), self.x_pen[idx], xb)
        if self.x_styles is not None:
            styled = torch.rand(len(idx), device=dev, generator=gen) < c.styles
            j = torch.randint(len(self.x_styles), (len(idx),), device=dev, generator=gen)
            xb = torch.where(styled.view(-1, 1, 1), self.x_styles[j], xb)
            yb = torch.where(styled, self.y_styles[j], yb)
        if self.x_several is not None:
            several = torch.rand(len(idx), device=dev, generator=gen) < c.touching
            j = torch.randint(len(self.x_several), (len(idx),), device=dev, generator=gen)
            xb = torch.where(several.view(-1, 1, 1), self.x_several[j], xb)
            yb = torch.where(several, self.several_label, yb)
        if self.extra is not None:
            j = torch.randint(len(self.extra[0]), (self.extra[2],), device=dev, generator=gen)
            xb, yb = torch.cat([xb, self.extra[0][j]]), torch.cat([yb, self.extra[1][j]])
        xb = to_float(xb)
        if c.augment:
            xb = augment(xb, STRENGTHS[c.augment_strength], generator=gen)
        if dev.type == "cpu":
            xb = xb.contiguous(memory_format=torch.channels_last)
        return xb, yb
