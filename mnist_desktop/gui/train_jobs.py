"""What the Train tab's background jobs do (run inside worker.Job threads).

Each *_job function returns a job body for worker.Job. Failures the user can fix
(errors.UserError: no MNIST, a bad model file, too few samples, a bad setting) and a
cancel (errors.Cancelled) pass straight through to the worker, which reports them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from PySide6.QtCore import QCoreApplication

from mnist_desktop.errors import UserError
from mnist_desktop.gui.worker import Job


def recipe_notes(config) -> list[str]:
    """What the log says of the digits a run mixes in: the Train tab's words, in its
    context, spelt out at each call so that lupdate finds them."""
    notes = []
    if config.pen > 0:
        notes.append(QCoreApplication.translate(
            "TrainTab", "Pen-style digits: {0:.0%} of each batch. Preparing them takes about a minute "
                        "the first time.").format(config.pen))
    if config.touching > 0:
        notes.append(QCoreApplication.translate(
            "TrainTab", "Touching digits: {0:.0%} of each batch, as an extra \"several digits\" answer. "
                        "Composing them takes about a minute the first time.").format(config.touching))
    if config.styles > 0:
        notes.append(QCoreApplication.translate(
            "TrainTab", "Handwriting styles: {0:.0%} of each batch. Drawing them takes about a minute "
                        "the first time.").format(config.styles))
    return notes


@dataclass
class TrainOutcome:
    model: object                 # torch module, trained
    config: object                # TrainConfig
    accuracy: float
    loss: float
    per_class: list[float]
    confusion: list[list[int]]
    wrong: np.ndarray             # indices of misclassified test images
    wrong_images: np.ndarray      # (K, 28, 28) uint8
    wrong_labels: np.ndarray
    wrong_probs: np.ndarray       # (K, 10)
    history: list[dict]
    train_s: float
    samples: int
    finetune: dict | None = None   # before/after numbers when fine-tuned on the user's samples

    @property
    def name(self) -> str:
        """Its file name's start: a fine-tune says so (the CLI's are "finetuned-..." too)."""
        return ("finetuned-" if self.finetune is not None else "") + self.config.arch

    def card(self) -> dict:
        """The metadata saved with this model: the same recipe as the CLI's, with the
        command line that would repeat the run."""
        from mnist_desktop.learning import record

        if self.finetune is not None:
            argv, extra = record.finetune_argv(self.config.epochs), dict(self.finetune, source="finetune")
        else:
            argv, extra = record.train_argv(self.config), {"source": "train tab"}
        return record.run_meta(self.config, accuracy=self.accuracy, loss=self.loss, per_class=self.per_class,
                               history=self.history, train_s=self.train_s, train_samples=self.samples,
                               command=record.command_line(argv), **extra)


def train_job(config, data_dir=None, max_wrong: int = 60):
    """A job body: train with `config`, reporting every step and epoch."""

    def work(job: Job) -> TrainOutcome | None:
        from mnist_desktop.learning import data, training

        x_train, y_train = data.load_split(True, data_dir)
        test = data.load_split(False, data_dir)
        result = training.fit(config, (x_train, y_train), test, on_step=job.report_step,
                              on_epoch=job.report_epoch, should_stop=job.should_stop)
        if result.cancelled or result.test is None:
            return None
        return _outcome(result, test, config, len(x_train), max_wrong)

    return work


def _outcome(result, test, config, samples: int, max_wrong: int, finetune: dict | None = None) -> TrainOutcome:
    ev = result.test
    labels = test[1].numpy()
    wrong = np.nonzero(ev.predictions.numpy() != labels)[0][:max_wrong]
    return TrainOutcome(
        model=result.model, config=config, accuracy=ev.accuracy, loss=ev.loss, per_class=ev.per_class,
        confusion=ev.confusion, wrong=wrong, wrong_images=test[0].numpy()[wrong], wrong_labels=labels[wrong],
        wrong_probs=ev.probabilities.numpy()[wrong], history=result.history,
        train_s=result.history[-1]["train_s"] if result.history else result.elapsed_s,
        samples=samples, finetune=finetune)


def finetune_job(model_path: str, samples: list, epochs: int = 1, data_dir=None, max_wrong: int = 60):
    """A job body: fine-tune the model at `model_path` (the shipped one if empty) on
    the user's samples."""

    def work(job: Job) -> TrainOutcome | None:
        from mnist_desktop import checkpoint
        from mnist_desktop.learning import data, finetune

        finetune.check(samples)
        if model_path:
            base = checkpoint.load(model_path)
        else:
            from mnist_desktop.reading.recognizer import Recognizer

            base = Recognizer.load().checkpoint
        train, test = data.load_split(True, data_dir), data.load_split(False, data_dir)
        result = finetune.tune(base, samples, train, test, epochs=epochs, on_step=job.report_step,
                               on_epoch=job.report_epoch, should_stop=job.should_stop)
        if result.fit.cancelled or result.fit.test is None:
            return None
        summary = dict(result.summary(), finetuned_from=str(base.path))
        return _outcome(result.fit, test, result.fit.config, result.trained_on, max_wrong, summary)

    return work


def save_job(outcome: TrainOutcome, path):
    """Save a trained model and its ONNX twin off the GUI thread: for the three networks
    of the shipped kind that is a second or more, long enough to freeze the window."""
    def work(job: Job):
        from mnist_desktop import checkpoint

        try:
            return checkpoint.save(path, outcome.model, outcome.card())
        except OSError as exc:
            raise UserError(QCoreApplication.translate("TrainTab", "The model could not be saved: {0}")
                            .format(exc)) from None

    return work


def preview_job(data_dir=None, count: int = 60, seed: int = 0):
    """A job body: `count` random training images with their labels, and the seed
    that drew them (so a late answer to an older request can be told apart)."""

    def work(job: Job):
        from mnist_desktop.learning import data

        images, labels = data.load_split(True, data_dir)
        rng = np.random.default_rng(seed)
        idx = rng.choice(len(images), size=min(count, len(images)), replace=False)
        return images.numpy()[idx], labels.numpy()[idx], seed

    return work


def download_job():
    """A job body: download MNIST into the data folder, reporting each file."""

    def work(job: Job):
        from mnist_desktop.learning import data

        return str(data.download(progress=lambda i, n, name: job.report_step({"file": i, "files": n, "name": name})))

    return work


def import_folder_job(folder: str):
    """A job body: copy the MNIST files of `folder` into the data folder."""

    def work(job: Job):
        from mnist_desktop.learning import data

        root = data.import_folder(folder)
        data.load(root, False)  # prove it reads before saying yes
        return str(root)

    return work
