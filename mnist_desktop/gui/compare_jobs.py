"""What the Compare page's background job does (inside a worker.Job thread): the seeds
leaderboard of learning/seeds.py, reported row by row. No training maths here."""

from __future__ import annotations

from mnist_desktop.errors import Cancelled
from mnist_desktop.gui.worker import Job


def compare(keys: list[str], quick: bool, drawings: int, data_dir=None):
    """A job body. Progress JSON: training steps ({"seed", "index", "count", step...}),
    and {"row": {...}} when a model is done; epochDone: {"seed", "train_s", "test_acc"}.
    `job.bench` holds the drawings once made (read-only from then on)."""

    def work(job: Job) -> dict | None:
        from mnist_desktop.learning import data, seeds

        # A DataError is a UserError: the job reports its sentence as it is.
        train, test = data.load_split(True, data_dir), data.load_split(False, data_dir)
        job.report_step({"stage": "drawings", "count": len(keys)})
        try:
            job.bench = seeds.Bench.make(*test, n=drawings, should_stop=job.should_stop)
        except Cancelled:
            return None
        rows = {}
        for n, key in enumerate(keys):
            def on_step(info, key=key, n=n):
                job.report_step({**info, "seed": key, "index": n, "count": len(keys)})

            def on_epoch(info, key=key):
                job.report_epoch({"seed": key, "train_s": info["train_s"], "test_acc": info.get("test_acc")})

            row = seeds.train_one(key, train, test, job.bench, quick, on_step=on_step, on_epoch=on_epoch,
                                  should_stop=job.should_stop)
            if row is None:        # cancelled; the rows so far are already on the page
                return None
            rows[key] = row
            job.report_step({"row": row})
        return rows

    return work
