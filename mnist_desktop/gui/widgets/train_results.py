"""After training: accuracy against the active model, per class, confusion, mistakes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mnist_desktop.gui.widgets.confusion_table import ConfusionTable
from mnist_desktop.gui.widgets.formats import sure
from mnist_desktop.gui.widgets.prob_bars import ProbabilityBars
from mnist_desktop.gui.widgets.sample_grid import SampleGrid


class TrainResults(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.outcome = None
        self._active_acc: float | None = None     # the active model's accuracy, to compare with
        self._in_use = False                       # ... unless the run's model is the active one now
        self._previous = ""               # why the results shown are not the latest run's
        self.note = QLabel()
        self.note.setObjectName("previousRunNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-style: italic; color: #a05000;")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.per_class = QLabel()
        self.per_class.setWordWrap(True)
        self.confusion = ConfusionTable()
        self.confusion.setMinimumHeight(260)
        self.gallery = SampleGrid(columns=10)
        self.bars = ProbabilityBars()
        self.picked = QLabel()
        self.gallery.itemClicked.connect(self._pick)

        self.box_confusion = QGroupBox()
        QVBoxLayout(self.box_confusion).addWidget(self.confusion)
        self.box_wrong = QGroupBox()
        wrong = QGridLayout(self.box_wrong)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.gallery)
        scroll.setMinimumHeight(150)
        wrong.addWidget(scroll, 0, 0, 2, 1)
        wrong.addWidget(self.picked, 0, 1)
        wrong.addWidget(self.bars, 1, 1)
        wrong.setColumnStretch(0, 3)
        wrong.setColumnStretch(1, 2)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(self.per_class)
        layout.addWidget(self.box_confusion, 2)
        layout.addWidget(self.box_wrong, 2)
        self.retranslate()

    def show_outcome(self, outcome, active_acc: float | None) -> None:
        self.outcome = outcome
        self._previous = ""
        self._active_acc, self._in_use = active_acc, False
        self.confusion.set_matrix(outcome.confusion)
        captions = [f"{t}→{p}" for t, p in zip(outcome.wrong_labels, outcome.wrong_probs.argmax(1))]
        self.gallery.set_items(outcome.wrong_images, captions, [QColor(200, 60, 30)] * len(captions))
        self.bars.set_probabilities(None)
        self.picked.setText("")
        self.retranslate()

    def set_in_use(self, in_use: bool) -> None:
        """Whether the model these results are of is the active model now ("Use This Model")."""
        self._in_use = in_use
        self.retranslate()

    def mark_previous(self, why: str) -> None:
        """Say that the results shown belong to an earlier run: a new one is "running",
        or the last one was "cancelled" or "failed". Nothing to mark before any result."""
        self._previous = why if self.outcome is not None else ""
        self.retranslate()

    def _pick(self, i: int) -> None:
        o = self.outcome
        self.bars.set_probabilities([float(v) for v in o.wrong_probs[i]])
        self.picked.setText(self.tr("True {0}, read as {1} ({2})").format(
            int(o.wrong_labels[i]), int(o.wrong_probs[i].argmax()), sure(float(o.wrong_probs[i].max()))))

    def retranslate(self) -> None:
        self.box_confusion.setTitle(self.tr("Confusion matrix (rows: true digit, columns: predicted)"))
        self.box_wrong.setTitle(self.tr("Misclassified test digits (click one)"))
        self.note.setText({
            "running": self.tr("These are the results of the previous run; a new run is in progress."),
            "cancelled": self.tr("These are the results of the previous run: the last run was cancelled."),
            "failed": self.tr("These are the results of the previous run: the last run failed."),
        }.get(self._previous, ""))
        self.note.setVisible(bool(self._previous))
        o = self.outcome
        if o is None:
            self.summary.setText(self.tr("Train a model to see its results here."))
            self.per_class.setText("")
            return
        active = self._active_acc
        versus = (self.tr("now the active model") if self._in_use
                  else self.tr("active model: {0:.2%}").format(active) if isinstance(active, (int, float))
                  else self.tr("active model: unknown"))
        self.summary.setText(self.tr("<b>Test accuracy {0:.2%}</b> ({1}) — loss {2:.4f}, {3:.0f} s of training").format(
            o.accuracy, versus, o.loss, o.train_s))
        # A no-break space keeps each digit with its percentage when the line wraps.
        self.per_class.setText(self.tr("Per class: ") + "   ".join(f"{d}:\u00a0{a:.1%}" for d, a in enumerate(o.per_class)))
        if o.finetune is not None:
            self.summary.setText(self.summary.text() + "<br>" + self.finetune_text().replace("\n", "<br>"))

    def finetune_text(self) -> str:
        f = self.outcome.finetune

        def pct(v):
            return self.tr("n/a") if v is None else f"{v:.1%}"

        text = self.tr("Fine-tuned: MNIST {0} → {1}; your held-back samples {2} → {3}").format(
            pct(f["mnist_test_acc_before"]), pct(f["mnist_test_acc_after"]),
            pct(f["personal_acc_before"]), pct(f["personal_acc_after"]))
        if f["personal_acc_before"] is None:
            text += " " + self.tr("(save two or more of a digit so some can be held back to measure)")
        for w in f.get("mnist_worse") or []:       # one class can fall while the total barely moves
            text += "\n" + self.tr("Warning: MNIST's {0}s are read right {1} (were {2}), mostly as {3}: "
                                        "save a few of your plain {0}s too, then fine-tune again.").format(
                w["digit"], pct(w["after"]), pct(w["before"]), w["read_as"])
        return text

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
