"""What the Train tab's background jobs do (run inside worker.Job threads)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mnist_desktop.gui.worker import Job, UserFacingError


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


def _load(data_dir, train: bool):
    from mnist_desktop.learning import data

    try:
        return data.load_split(train, data_dir)
    except data.DataError as exc:
        raise UserFacingError(str(exc)) from None


def train(config, data_dir=None, max_wrong: int = 60):
    """A job body: train with `config`, reporting every step and epoch."""

    def work(job: Job) -> TrainOutcome:
        from mnist_desktop.learning import training

        x_train, y_train = _load(data_dir, True)
        test = _load(data_dir, False)
        try:
            result = training.fit(config, (x_train, y_train), test, on_step=job.report_step,
                                  on_epoch=job.report_epoch, should_stop=job.should_stop)
        except ValueError as exc:
            raise UserFacingError(str(exc)) from None
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


def finetune(model_path: str, samples: list, epochs: int = 1, data_dir=None, max_wrong: int = 60):
    """A job body: fine-tune the model at `model_path` on the user's samples."""

    def work(job: Job) -> TrainOutcome | None:
        from mnist_desktop import checkpoint
        from mnist_desktop.learning import finetune as ft

        try:
            ft.check(samples)
            base = checkpoint.load(model_path) if model_path else None
        except (ft.NotEnoughSamples, checkpoint.CheckpointError) as exc:
            raise UserFacingError(str(exc)) from None
        if base is None:
            from mnist_desktop.reading.recognizer import Recognizer

            base = Recognizer.load().checkpoint
        train, test = _load(data_dir, True), _load(data_dir, False)
        result = ft.finetune(base, samples, train, test, epochs=epochs, on_step=job.report_step,
                             on_epoch=job.report_epoch, should_stop=job.should_stop)
        if result.fit.cancelled or result.fit.test is None:
            return None
        summary = dict(result.summary(), finetuned_from=str(base.path))
        return _outcome(result.fit, test, result.fit.config, result.trained_on, max_wrong, summary)

    return work


def preview(data_dir=None, count: int = 60, seed: int = 0):
    """A job body: `count` random training images with their labels."""

    def work(job: Job):
        images, labels = _load(data_dir, True)
        rng = np.random.default_rng(seed)
        idx = rng.choice(len(images), size=min(count, len(images)), replace=False)
        return images.numpy()[idx], labels.numpy()[idx]

    return work


def download():
    def work(job: Job):
        from mnist_desktop.learning import data

        try:
            return str(data.download(progress=lambda i, n, name: job.report_step({"file": i, "files": n, "name": name})))
        except data.DataError as exc:
            raise UserFacingError(str(exc)) from None

    return work


def import_folder(folder: str):
    def work(job: Job):
        from mnist_desktop.learning import data

        try:
            root = data.import_folder(folder)
            data.load(root, False)  # prove it reads before saying yes
            return str(root)
        except data.DataError as exc:
            raise UserFacingError(str(exc)) from None

    return work
