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


def _load(data_dir, train: bool):
    from mnist_desktop import data

    try:
        return data.load_split(train, data_dir)
    except data.DataError as exc:
        raise UserFacingError(str(exc)) from None


def train(config, data_dir=None, max_wrong: int = 60):
    """A job body: train with `config`, reporting every step and epoch."""

    def work(job: Job) -> TrainOutcome:
        from mnist_desktop import training

        x_train, y_train = _load(data_dir, True)
        test = _load(data_dir, False)
        try:
            result = training.fit(config, (x_train, y_train), test, on_step=job.progress.emit,
                                  on_epoch=job.epochDone.emit, should_stop=job.should_stop)
        except ValueError as exc:
            raise UserFacingError(str(exc)) from None
        if result.cancelled or result.test is None:
            return None
        ev = result.test
        labels = test[1].numpy()
        wrong = np.nonzero(ev.predictions.numpy() != labels)[0][:max_wrong]
        return TrainOutcome(
            model=result.model, config=config, accuracy=ev.accuracy, loss=ev.loss, per_class=ev.per_class,
            confusion=ev.confusion, wrong=wrong, wrong_images=test[0].numpy()[wrong], wrong_labels=labels[wrong],
            wrong_probs=ev.probabilities.numpy()[wrong], history=result.history,
            train_s=result.history[-1]["train_s"] if result.history else result.elapsed_s,
            samples=len(x_train))

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
        from mnist_desktop import data

        try:
            return str(data.download(progress=lambda i, n, name: job.progress.emit({"file": i, "files": n, "name": name})))
        except data.DataError as exc:
            raise UserFacingError(str(exc)) from None

    return work


def import_folder(folder: str):
    def work(job: Job):
        from mnist_desktop import data

        try:
            root = data.import_folder(folder)
            data.load(root, False)  # prove it reads before saying yes
            return str(root)
        except data.DataError as exc:
            raise UserFacingError(str(exc)) from None

    return work
