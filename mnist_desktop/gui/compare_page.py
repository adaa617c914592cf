"""The Compare tab: the five tutorials' models trained their way, then ours, side by
side: live accuracy curves, a leaderboard, and per row the recipe and drawings that
model misreads and ours reads. The work is compare_jobs.compare in a worker.Job."""

from __future__ import annotations

import json

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QProgressBar, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from mnist_desktop.gui import compare_jobs
from mnist_desktop.gui.widgets.curves import percent_range
from mnist_desktop.gui.worker import Job

SEED_KEYS = ("000", "001", "002", "003", "004", "ours")   # learning.seeds.ORDER, without importing torch
COLOURS = {"000": (220, 60, 50), "001": (240, 150, 20), "002": (40, 150, 60), "003": (140, 80, 200),
           "004": (30, 150, 200), "ours": (20, 20, 20)}
COLUMNS = 7


class _Number(QTableWidgetItem):
    """A cell that sorts by its number, not its text."""

    def __init__(self, text: str, value: float):
        super().__init__(text)
        self.setData(Qt.ItemDataRole.UserRole + 1, value)

    def __lt__(self, other):
        return self.data(Qt.ItemDataRole.UserRole + 1) < other.data(Qt.ItemDataRole.UserRole + 1)


class ComparePage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.job: Job | None = None
        self.bench = None
        self.rows: dict[str, dict] = {}
        self._said = None                 # how to say the progress line (_say)
        self.drawings = 300            # drawings and photos each (tests use fewer)
        self.data_dir = None           # None: the app's MNIST (MNIST_DESKTOP_DATA or the data folder)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.picks_box = QGroupBox()
        picks = QHBoxLayout(self.picks_box)
        self.picks = {}
        for key in SEED_KEYS:
            box = QCheckBox()
            box.setChecked(True)
            picks.addWidget(box)
            self.picks[key] = box
        self.quick = QCheckBox()
        picks.addWidget(self.quick)
        picks.addStretch(1)
        self.start_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress_text = QLabel()

        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.plot = pg.PlotWidget()
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.plot.addLegend(offset=(-10, -10))
        percent_range(self.plot, [])
        self.plot.getViewBox().setLimits(xMin=0)     # seconds of training: never negative
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.points: dict[str, list[tuple[float, float]]] = {}

        self.table = QTableWidget(0, COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_selected)

        self.recipe = QLabel()
        self.recipe.setWordWrap(True)
        self.recipe.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.examples_title = QLabel()
        self.examples_row = QHBoxLayout()
        self.examples_row.addStretch(1)
        self.example_labels: list[QWidget] = []

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.plot)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.table, 2)
        rl.addWidget(self.recipe)
        rl.addWidget(self.examples_title)
        rl.addLayout(self.examples_row)
        rl.addStretch(1)
        split.addWidget(right)
        split.setSizes([500, 600])

        layout = QVBoxLayout(self)
        layout.addWidget(self.picks_box)
        # Start and Cancel beside the progress, not after the models: with them that row
        # was wider than a 1024 px screen, and Cancel was cut off.
        bar = QHBoxLayout()
        bar.addWidget(self.start_button)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.progress_text, 2)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # -- texts -------------------------------------------------------------------------------
    def seed_name(self, key: str) -> str:
        return self.tr("ours (Best preset)") if key == "ours" else self.tr("seed {0}").format(key)

    def recipe_text(self, key: str) -> str:
        return {
            "000": self.tr("Seed 000, an MLP 784-128-256-10 on raw pixels (no normalisation): Adam at learning "
                           "rate 0.01, batches of 64, 11 epochs, cross-entropy. 136,074 parameters, every one "
                           "tied to a pixel position, so it has to learn each digit at every place again."),
            "001": self.tr("Seed 001, a CNN with batch norm and dropout (conv 32-32, pool, conv 64-64, pool, "
                           "dense 512-512-10), inputs normalised with mean 0.5 and std 0.5: Adam at 0.001, "
                           "batches of 64, 3 epochs. Nearly two million parameters, most in its first dense layer."),
            "002": self.tr("Seed 002, a small CNN (conv 10 of 5x5, pool, conv 20 of 3x3, dense 500, 10) ending in "
                           "log-softmax with the NLL loss: Adam at 0.001, batches of 64, 20 epochs, inputs "
                           "normalised with MNIST's mean and std."),
            "003": self.tr("Seed 003, an MLP 784-128-64-10 ending in log-softmax with the NLL loss, inputs "
                           "normalised with mean 0.5 and std 0.5: plain SGD at 0.003 with momentum 0.9, batches "
                           "of 64, 15 epochs."),
            "004": self.tr("Seed 004, the same CNN as seed 002, trained with Adam's defaults on batches of 512 for "
                           "20 epochs: eight times fewer steps per epoch."),
            "ours": self.tr("Ours, the Train tab's Best preset: quicknet (three conv layers with batch norm, "
                            "29,434 parameters), SGD with Nesterov momentum and a one-cycle schedule, light "
                            "random shifts, turns and scaling, 8 epochs of batches of 128."),
        }[key]

    def optimizer_text(self, text: str) -> str:
        """seeds.py's optimizer names, translated."""
        return {"Adam": self.tr("Adam"), "Adam (defaults)": self.tr("Adam (defaults)"),
                "SGD, momentum 0.9": self.tr("SGD, momentum 0.9"),
                "SGD Nesterov, one-cycle": self.tr("SGD Nesterov, one-cycle")}.get(text, text)

    def retranslate(self) -> None:
        self.picks_box.setTitle(self.tr("Models to train"))
        for key, box in self.picks.items():
            box.setText(self.seed_name(key))
        self.quick.setText(self.tr("Quick (1 epoch on 10,000 images)"))
        self.quick.setToolTip(self.tr("Without it each tutorial's full recipe runs: minutes to an hour."))
        self.start_button.setText(self.tr("&Start"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.plot.setTitle(self.tr("MNIST test accuracy while training"))
        self.plot.setLabel("bottom", self.tr("training time (s)"))
        self.plot.setLabel("left", self.tr("accuracy (%)"))
        self.table.setHorizontalHeaderLabels([self.tr("Model"), self.tr("MNIST"), self.tr("Drawings"),
                                              self.tr("Photos"), self.tr("Parameters"), self.tr("Training"),
                                              self.tr("Recipe")])
        # What a finished run left on screen, said again (it stayed in the old language).
        for r in range(self.table.rowCount()):
            row = self.rows[self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)]
            for c, item in enumerate(self._cells(row)):
                if c in (0, 5, 6):                     # the texts; the numbers stay as they are
                    self.table.item(r, c).setText(item.text())
        for key, curve in self.curves.items():
            self.legend.removeItem(curve)
            self.legend.addItem(curve, self.seed_name(key))
        if self._said is not None:
            self.progress_text.setText(self._said())
        self._show_selected()

    def _say(self, make) -> None:
        """The progress line, kept as how to say it, for a change of language."""
        self._said = make
        self.progress_text.setText(make())

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- running -----------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.job is not None

    def selected_keys(self) -> list[str]:
        return [k for k in SEED_KEYS if self.picks[k].isChecked()]

    def start(self) -> None:
        keys = self.selected_keys()
        if self.busy() or not keys:
            if not keys:
                self._say(lambda: self.tr("Pick at least one model."))
            return
        self.rows.clear()
        self.bench = None
        self.table.setRowCount(0)
        for item in self.curves.values():
            self.plot.removeItem(item)
            self.legend.removeItem(item)
        self.curves.clear()
        percent_range(self.plot, [])
        self.points.clear()
        self._count = len(keys)
        job = Job(compare_jobs.compare(keys, self.quick.isChecked(), self.drawings, self.data_dir))
        job.bench = None
        job.connect_to(succeeded=self._finished, failed=self._failed, cancelled=self._cancelled,
                       progress=self._progress, epoch=self._point, idle=self._idle)
        self.job = job
        self._set_busy(True)
        self.progress.setValue(0)
        self._say(lambda: self.tr("Loading MNIST…"))
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self._say(lambda: self.tr("Cancelling…"))

    def cancel_and_wait(self) -> None:
        job = self.job
        if job is not None:
            job.cancel()
            job.wait()

    def _set_busy(self, busy: bool) -> None:
        self.start_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        for box in (*self.picks.values(), self.quick):
            box.setEnabled(not busy)

    def _progress(self, text: str) -> None:
        info = json.loads(text)
        if "row" in info:
            self._add_row(info["row"])
        elif info.get("stage") == "drawings":
            self._say(lambda: self.tr("Making the drawings and photos to read…"))
        else:
            frac = (info["index"] + info["step"] / max(info["total_steps"], 1)) / max(info["count"], 1)
            self.progress.setValue(int(frac * 1000))
            self._say(lambda: self.tr("Training {0}: epoch {1}, step {2} of {3}").format(
                self.seed_name(info["seed"]), info["epoch"], info["step"], info["total_steps"]))

    def _point(self, text: str) -> None:
        info = json.loads(text)
        key = info["seed"]
        if info.get("test_acc") is None:
            return
        if key not in self.curves:
            colour = COLOURS[key]
            self.curves[key] = self.plot.plot(pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=6,
                                              symbolBrush=colour, name=self.seed_name(key))
            self.points[key] = []
        self.points[key].append((info["train_s"], info["test_acc"] * 100))
        xs, ys = zip(*self.points[key])
        self.curves[key].setData(list(xs), list(ys))
        percent_range(self.plot, [y for points in self.points.values() for _, y in points])

    def _add_row(self, row: dict) -> None:
        self.rows[row["seed"]] = row
        self.table.setSortingEnabled(False)
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, item in enumerate(self._cells(row)):
            self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        # A leaderboard: best on MNIST first (the header sorts by any other column).
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.progress.setValue(int(len(self.rows) / max(self._count, 1) * 1000))

    def _cells(self, row: dict) -> list[QTableWidgetItem]:
        name = QTableWidgetItem(self.seed_name(row["seed"]) if row["seed"] == "ours"
                                else f"{self.seed_name(row['seed'])} — {row['name']}")
        name.setData(Qt.ItemDataRole.UserRole, row["seed"])
        return [name,
                 _Number(f"{row['test_acc']:.2%}", row["test_acc"]),
                 _Number(f"{row['canvas_acc']:.1%}", row["canvas_acc"]),
                 _Number(f"{row['photo_acc']:.1%}", row["photo_acc"]),
                 _Number(f"{row['parameters']:,}", row["parameters"]),
                 _Number((self.tr("{0:.1f} s") if row["train_s"] < 10 else self.tr("{0:.0f} s"))   # not "0 s"
                         .format(row["train_s"]), row["train_s"]),
                 QTableWidgetItem(self.tr("{0}, lr {1:g}, batch {2}, {3} epochs").format(
                     self.optimizer_text(row["optimizer"]), row["lr"], row["batch_size"], row["epochs"]))]

    def selected_seed(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _show_selected(self) -> None:
        for label in self.example_labels:
            self.examples_row.removeWidget(label)
            label.deleteLater()
        self.example_labels = []
        key = self.selected_seed()
        self.examples_title.setText(self.tr("Click a row: what that tutorial did, and drawings it misreads "
                                            "that ours reads."))
        if key is None:
            self.recipe.setText("")
            return
        self.recipe.setText(self.recipe_text(key))
        bench = self.bench if self.bench is not None else getattr(self.job, "bench", None)
        if key == "ours" or bench is None:
            return
        from mnist_desktop.learning import seeds   # loaded already: the job imported it

        shown = seeds.examples(self.rows, bench).get(key, [])
        self.examples_title.setText(
            (self.tr("Drawings and photos it misreads that ours reads:") if "ours" in self.rows
             else self.tr("Drawings and photos it misreads (ours has not run yet):")) if shown
            else self.tr("Nothing it misreads that ours reads."))
        for ex in shown:
            pix = QPixmap()
            pix.loadFromData(ex["png"])
            cell = QWidget()
            cl = QVBoxLayout(cell)
            cl.setContentsMargins(0, 0, 0, 0)
            picture = QLabel()
            picture.setPixmap(pix)
            caption = QLabel(self.tr("{0}, read as “{1}”").format(ex["label"], ex["read"] or self.tr("nothing")))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cl.addWidget(picture)
            cl.addWidget(caption)
            cell.setToolTip(self.tr("a drawing of a {0}") if ex["kind"] == "canvas" else self.tr("a photo of a {0}"))
            cell.setToolTip(cell.toolTip().format(ex["label"]))
            self.examples_row.insertWidget(len(self.example_labels), cell)
            self.example_labels.append(cell)

    def _finished(self) -> None:
        count = len(self.rows)
        self._say(lambda: self.tr("Done: %n model(s).", "", count))

    def _failed(self, message: str) -> None:
        self._say(lambda: self.tr("Failed: {0}").format(message))

    def _cancelled(self) -> None:
        self._say(lambda: self.tr("Cancelled; the finished rows stay."))

    def _idle(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            self.bench = job.bench
            job.thread.deleteLater()
            job.deleteLater()
        self._set_busy(False)
        self._show_selected()
