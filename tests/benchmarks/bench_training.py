"""Training benchmark: our presets beside the seeds' recipes, in one run, plus how
long the GUI's event loop ever waits while a model trains in the worker thread.

Time counts training only (evaluation after each epoch is left out), so "time to
99.0%" is the training time of the first epoch whose test accuracy reached it.
The seeds' recipes as they train them: Adam at 1e-3, batch 64, no augmentation;
seed 001 for one epoch, seed 004 for three. Prints markdown tables.

    python tests/benchmarks/bench_training.py --data ../shared/data/mnist [--skip-gui]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time

import torch

from mnist_desktop.learning import data, training

RECIPES = {
    "Fast preset (quicknet)": training.PRESETS["fast"],
    "Best preset (quicknet, 8 epochs)": training.PRESETS["best"],
    "seed 001 (cnn_001, Adam, 1 epoch)": training.TrainConfig(
        arch="cnn_001", epochs=1, batch_size=64, lr=1e-3, optimizer="adam", schedule="constant",
        weight_decay=0.0, augment=False),
    "seed 004 (cnn_004, Adam, 3 epochs)": training.TrainConfig(
        arch="cnn_004", epochs=3, batch_size=64, lr=1e-3, optimizer="adam", schedule="constant",
        weight_decay=0.0, augment=False),
}


def first_time(history: list[dict], level: float) -> str:
    for h in history:
        if h["test_acc"] >= level:
            return f"{h['train_s']:.1f} s (epoch {h['epoch']})"
    return "not reached"


def bench_recipes(train, test) -> None:
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} CPUs\n")
    print("| recipe | parameters | epochs | time to 99.0% | time to 99.5% | final accuracy | training time |")
    print("|---|---:|---:|---|---|---:|---:|")
    for name, cfg in RECIPES.items():
        result = training.fit(cfg, train, test)
        h = result.history
        from mnist_desktop.models import parameter_count

        print(f"| {name} | {parameter_count(cfg.arch):,} | {cfg.epochs} | {first_time(h, 0.99)} | "
              f"{first_time(h, 0.995)} | {h[-1]['test_acc']:.2%} | {h[-1]['train_s']:.1f} s |", flush=True)


def bench_event_loop(seconds: float = 20.0) -> None:
    """Max and p99 gap between 5 ms timer ticks on the GUI thread while training runs."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QTimer

    from mnist_desktop.gui import train_jobs
    from mnist_desktop.gui.worker import Job

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    config = dataclasses.replace(training.PRESETS["best"], epochs=50)
    job = Job(train_jobs.train_job(config))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    steps = []
    job.progress.connect(lambda text: steps.append(text))
    job.start()
    timer.start()
    stop_at = time.perf_counter() + seconds
    while time.perf_counter() < stop_at:
        app.processEvents()
        time.sleep(0.001)
    job.cancel()
    asked = time.perf_counter()
    job.wait()
    cancel_s = time.perf_counter() - asked
    timer.stop()
    gaps = sorted(b - a for a, b in zip(ticks[10:], ticks[11:]))
    print("\n| while training (GUI thread, 5 ms timer) | value |")
    print("|---|---:|")
    print(f"| training steps reported | {len(steps)} |")
    print(f"| max event-loop stall | {gaps[-1] * 1000:.0f} ms |")
    print(f"| p99 gap between ticks | {gaps[int(len(gaps) * 0.99)] * 1000:.0f} ms |")
    print(f"| cancel to thread finished | {cancel_s * 1000:.0f} ms |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="../shared/data/mnist")
    p.add_argument("--skip-gui", action="store_true")
    p.add_argument("--skip-recipes", action="store_true")
    args = p.parse_args()
    root = data.resolve(args.data)
    os.environ[data.ENV_VAR] = str(args.data)
    train, test = data.load(root, True), data.load(root, False)
    if not args.skip_recipes:
        bench_recipes(train, test)
    if not args.skip_gui:
        bench_event_loop()


if __name__ == "__main__":
    main()
