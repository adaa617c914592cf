"""The Train tab's settings form: presets, architecture, epochs ... device.

Editing any field after a preset turns the preset to Custom; config() is the
TrainConfig the form describes (fields it has no control for keep the preset's).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel,
                               QSpinBox)


class _WheelOnlyWhenFocused(QObject):
    """The mouse wheel scrolls the tab past a field instead of changing it, unless the
    field was clicked first: on a short screen, scrolling the Train tab changed the batch
    size under the pointer (and turned the preset to Custom) unnoticed."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not obj.hasFocus():
            event.ignore()            # ignored: Qt hands it on to the scroll area around the form
            return True
        return False


class TrainSettings(QGroupBox):
    def __init__(self, models, training, parent=None):
        # models and training are passed in: they import torch, which the window
        # loads in the background before it builds the Train tab.
        super().__init__(parent)
        self._training = training
        self.preset = QComboBox()
        self.arch = QComboBox()
        # name -> (English label, parameter count); retranslate() writes the item texts.
        # An ensemble is made of runs trained apart (`mnist-desktop ensemble`), not trained here.
        self._archs = {name: (arch.label, models.parameter_count(name)) for name, arch in models.ARCHS.items()
                       if arch.members == 1}
        for name in self._archs:
            self.arch.addItem("", name)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 200)
        self.batch = QSpinBox()
        self.batch.setRange(8, 4096)
        self.batch.setSingleStep(32)
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(4)
        self.lr.setRange(0.0001, 2.0)
        self.lr.setSingleStep(0.01)
        self.augment = QComboBox()
        for strength in ("off", "light", "full"):
            self.augment.addItem("", strength)
        self.pen = QCheckBox()
        self.touching = QCheckBox()
        self.styles = QCheckBox()
        self.device = QComboBox()
        self.device.addItem("auto", "auto")
        self.device.addItem("CPU", "cpu")
        self._wheel = _WheelOnlyWhenFocused(self)
        for w in (self.preset, self.arch, self.epochs, self.batch, self.lr, self.augment, self.device):
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)        # not WheelFocus: a wheel passing by takes no focus
            w.installEventFilter(self._wheel)
        form = QFormLayout(self)
        self._labels = [QLabel() for _ in range(10)]
        for label, field in zip(self._labels, (self.preset, self.arch, self.epochs, self.batch, self.lr,
                                               self.augment, self.pen, self.touching, self.styles, self.device)):
            form.addRow(label, field)
        self.preset.activated.connect(lambda i: self.set_preset(self.preset.itemData(i)))
        for w in (self.arch, self.device, self.augment):
            w.activated.connect(self._custom)
        for w in (self.epochs, self.batch, self.lr):
            w.valueChanged.connect(self._custom)
        for w in (self.pen, self.touching, self.styles):
            w.toggled.connect(self._custom)
        self._applying = False

    def set_preset(self, name: str | None) -> None:
        if name not in self._training.PRESETS:
            return
        c = self._training.PRESETS[name]
        self._applying = True
        self.arch.setCurrentIndex(self.arch.findData(c.arch))
        self.epochs.setValue(c.epochs)
        self.batch.setValue(c.batch_size)
        self.lr.setValue(c.lr)
        self.augment.setCurrentIndex(self.augment.findData(c.augment_strength if c.augment else "off"))
        self.pen.setChecked(c.pen > 0)
        self.touching.setChecked(c.touching > 0)
        self.styles.setChecked(c.styles > 0)
        self._applying = False
        self.preset.setCurrentIndex(self.preset.findData(name))

    def _custom(self, *_):
        if not self._applying:
            self.preset.setCurrentIndex(self.preset.findData("custom"))

    def config(self):
        name = self.preset.currentData()
        base = self._training.PRESETS.get(name, self._training.PRESETS["fast"])
        strength = self.augment.currentData()
        return dataclasses.replace(base, arch=self.arch.currentData(), epochs=self.epochs.value(),
                                   batch_size=self.batch.value(), lr=self.lr.value(), augment=strength != "off",
                                   augment_strength=base.augment_strength if strength == "off" else strength,
                                   device=self.device.currentData(),
                                   pen=self._training.PEN_SHARE if self.pen.isChecked() else 0.0,
                                   touching=self._training.TOUCHING_SHARE if self.touching.isChecked() else 0.0,
                                   styles=self._training.STYLES_SHARE if self.styles.isChecked() else 0.0)

    def add_devices(self, cuda: bool, mps: bool) -> None:
        if cuda and self.device.findData("cuda") < 0:
            self.device.addItem("CUDA", "cuda")
        if mps and self.device.findData("mps") < 0:
            self.device.addItem("MPS (Apple)", "mps")

    def retranslate(self) -> None:
        self.setTitle(self.tr("Settings"))
        names = [self.tr("Preset"), self.tr("Architecture"), self.tr("Epochs"), self.tr("Batch size"),
                 self.tr("Learning rate"), self.tr("Augmentation"), self.tr("Pen-style digits"),
                 self.tr("Touching digits"), self.tr("Handwriting styles"), self.tr("Device")]
        for label, text in zip(self._labels, names):
            label.setText(text)
        current = self.preset.currentData()
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItem(self.tr("Fast (seconds)"), "fast")
        self.preset.addItem(self.tr("Best (about a minute and a half)"), "best")
        self.preset.addItem(self.tr("Custom"), "custom")
        self.preset.setCurrentIndex(max(0, self.preset.findData(current or "fast")))
        self.preset.blockSignals(False)
        for i, text in enumerate((self.tr("off"), self.tr("light: rotate, scale, shear, shift"),
                                  self.tr("full: also wobble and stroke width"))):
            self.augment.setItemText(i, text)
        self.pen.setText(self.tr("also MNIST redrawn with an even pen, as you draw"))
        self.pen.setToolTip(self.tr("Reads mouse and stylus drawings better; MNIST itself about as well"))
        self.touching.setText(self.tr("also digits that touch, to cut numbers apart"))
        self.touching.setToolTip(self.tr("Reads numbers whose digits touch (\"16\" in one stroke) better; "
                                         "single digits about as well"))
        self.styles.setText(self.tr("also handwriting styles MNIST lacks"))
        self.styles.setToolTip(self.tr("Flagged 1s, crossed 7s, open 4s, strong slants, hairline to marker pens: "
                                       "reads other people's writing better"))
        self.device.setItemText(0, self.tr("Auto (CUDA, MPS or CPU)"))
        # models.py has no Qt, so its labels are translated here; a new architecture
        # shows its English label until it gets a line of its own.
        labels = {"mnistnet": self.tr("mnistnet (ours, default)"), "mnistnet2": self.tr("mnistnet2 (ours)"),
                  "mnistnet2w": self.tr("mnistnet2w (ours, wide)"),
                  "midnet": self.tr("midnet (ours, mid-size)"),
                  "quicknet": self.tr("quicknet (ours, fast)"), "cnn_001": self.tr("seed 001 CNN (BN + dropout)"),
                  "cnn_004": self.tr("seed 002/004 small CNN"), "mlp_000": self.tr("seed 000 MLP 784-128-256-10"),
                  "mlp_003": self.tr("seed 003 MLP 784-128-64-10")}
        for i, (name, (label, count)) in enumerate(self._archs.items()):
            self.arch.setItemText(i, f"{labels.get(name, label)} — {count:,}")
