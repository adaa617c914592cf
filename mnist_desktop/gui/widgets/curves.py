"""Live training curves: loss per step and test accuracy per epoch (pyqtgraph).

Before the first step there is nothing to plot, so a sentence stands where the
charts will be (empty axes would only show meaningless numbers).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget


class LossAxis(pg.AxisItem):
    """A log axis that labels 1, 2 and 5 of each decade: pyqtgraph labels only powers
    of ten, so a loss between 0.1 and 0.5 showed a single "0.1"."""

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        if maxVal - minVal > 1.5:         # several decades: powers of ten are enough
            return super().logTickValues(minVal, maxVal, size, stdTicks)
        return [(None, log_ticks(minVal, maxVal))]

    def logTickStrings(self, values, scale, spacing):
        return [f"{10 ** v:.3g}" for v in values]


class EpochAxis(pg.AxisItem):
    """Whole epochs only: over a few epochs pyqtgraph would label 1.2, 1.4 ..."""

    def tickValues(self, minVal, maxVal, size):
        if maxVal - minVal > 10:          # its ticks are whole numbers there anyway
            return super().tickValues(minVal, maxVal, size)
        return [(1.0, [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)])]


def log_ticks(lo: float, hi: float) -> list[float]:
    """log10 positions of tick values between lo and hi (both log10): 1, 2 and 5 of each
    decade over most of one, else evenly spaced round values (0.15, 0.2, 0.25 ...)."""
    if hi - lo >= 0.7:                # any such range holds two of 1, 2, 5, 10
        return [k + math.log10(m) for k in range(math.floor(lo), math.ceil(hi) + 1) for m in (1, 2, 5)
                if lo - 1e-9 <= k + math.log10(m) <= hi + 1e-9]
    a, b = 10.0 ** lo, 10.0 ** hi
    base = 10.0 ** math.floor(math.log10(max(b - a, 1e-12)))
    for m in (5, 2, 1, 0.5, 0.2, 0.1):
        step = base * m
        ticks = [k * step for k in range(math.ceil(a / step - 1e-9), math.floor(b / step + 1e-9) + 1)]
        if len(ticks) >= 3:
            break
    return [math.log10(t) for t in ticks if t > 0]


def percent_range(plot, values) -> None:
    """An accuracy axis in %: 0-100 while empty (pyqtgraph's 0-1 read as a fraction
    under a "%" title), then around the points and never past 100 (its fit of one
    point ran 49-149%)."""
    low, high = (min(values), max(values)) if len(values) else (0.0, 100.0)
    pad = max(0.5, 0.1 * (high - low)) if len(values) else 0.0
    plot.setYRange(max(0.0, low - pad), min(100.0, high + pad), padding=0)


class TrainingCurves(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.loss_plot = pg.PlotWidget(axisItems={"left": LossAxis("left")})
        self.acc_plot = pg.PlotWidget(axisItems={"bottom": EpochAxis("bottom")})
        self.loss_plot.showGrid(x=True, y=True, alpha=0.25)
        self.acc_plot.showGrid(x=True, y=True, alpha=0.25)
        self.loss_plot.setLogMode(y=True)
        self.legend = self.loss_plot.addLegend(offset=(-10, 10), brush=(255, 255, 255, 210))
        self.loss_raw = self.loss_plot.plot(pen=pg.mkPen((150, 170, 210), width=1))
        self.loss_smooth = self.loss_plot.plot(pen=pg.mkPen((30, 100, 230), width=2))
        self.acc_curve = self.acc_plot.plot(pen=pg.mkPen((0, 140, 70), width=2), symbol="o", symbolSize=6,
                                            symbolBrush=(0, 140, 70))
        charts = QWidget()
        col = QVBoxLayout(charts)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.loss_plot, 3)
        col.addWidget(self.acc_plot, 2)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(charts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.clear()

    def set_titles(self, loss: str, accuracy: str, step: str, epoch: str, raw: str, smoothed: str,
                   empty: str) -> None:
        self.loss_plot.setTitle(loss)
        self.acc_plot.setTitle(accuracy)
        self.loss_plot.setLabel("bottom", step)
        self.acc_plot.setLabel("bottom", epoch)
        self.legend.clear()
        self.legend.addItem(self.loss_raw, raw)
        self.legend.addItem(self.loss_smooth, smoothed)
        self.placeholder.setText(empty)

    def clear(self) -> None:
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.smooth: list[float] = []
        self.epochs: list[int] = []
        self.accs: list[float] = []
        self._redraw()
        percent_range(self.acc_plot, self.accs)   # here, not per step: a zoom is kept

    def add_step(self, step: int, loss: float, smoothed: float) -> None:
        self.steps.append(step)
        self.losses.append(max(loss, 1e-6))
        self.smooth.append(max(smoothed, 1e-6))
        self._redraw()

    def add_epoch(self, epoch: int, accuracy: float) -> None:
        self.epochs.append(epoch)
        self.accs.append(accuracy * 100)
        self._redraw()
        percent_range(self.acc_plot, self.accs)   # here, not per step: a zoom is kept

    def _redraw(self) -> None:
        self.stack.setCurrentIndex(1 if self.steps or self.epochs else 0)
        self.loss_raw.setData(self.steps, self.losses)
        self.loss_smooth.setData(self.steps, self.smooth)
        self.acc_curve.setData(self.epochs, self.accs)
