"""Live training curves: loss per step and test accuracy per epoch (pyqtgraph)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget


class TrainingCurves(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.loss_plot = pg.PlotWidget()
        self.acc_plot = pg.PlotWidget()
        self.loss_plot.showGrid(x=True, y=True, alpha=0.25)
        self.acc_plot.showGrid(x=True, y=True, alpha=0.25)
        self.loss_plot.setLogMode(y=True)
        self.loss_raw = self.loss_plot.plot(pen=pg.mkPen((150, 170, 210), width=1))
        self.loss_smooth = self.loss_plot.plot(pen=pg.mkPen((30, 100, 230), width=2))
        self.acc_curve = self.acc_plot.plot(pen=pg.mkPen((0, 140, 70), width=2), symbol="o", symbolSize=6,
                                            symbolBrush=(0, 140, 70))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot, 3)
        layout.addWidget(self.acc_plot, 2)
        self.clear()

    def set_titles(self, loss: str, accuracy: str, step: str, epoch: str) -> None:
        self.loss_plot.setTitle(loss)
        self.acc_plot.setTitle(accuracy)
        self.loss_plot.setLabel("bottom", step)
        self.acc_plot.setLabel("bottom", epoch)

    def clear(self) -> None:
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.smooth: list[float] = []
        self.epochs: list[int] = []
        self.accs: list[float] = []
        self._redraw()

    def add_step(self, step: int, loss: float, smoothed: float) -> None:
        self.steps.append(step)
        self.losses.append(max(loss, 1e-6))
        self.smooth.append(max(smoothed, 1e-6))
        self._redraw()

    def add_epoch(self, epoch: int, accuracy: float) -> None:
        self.epochs.append(epoch)
        self.accs.append(accuracy * 100)
        self._redraw()

    def _redraw(self) -> None:
        self.loss_raw.setData(self.steps, self.losses)
        self.loss_smooth.setData(self.steps, self.smooth)
        self.acc_curve.setData(self.epochs, self.accs)
