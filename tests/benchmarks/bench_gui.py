"""GUI benchmark: launch to window on screen (and to model ready), and recognition
latency after a stroke, as the user sees it (stroke added -> result on screen).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_gui.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LAUNCH = r"""
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from mnist_desktop.gui.app import make_app
app = make_app()
from mnist_desktop.gui.main_window import MainWindow
w = MainWindow()
w.show()
def shown():
    print("window", time.time() - t0, flush=True)
w.service.modelLoaded.connect(lambda *a: (print("model", time.time() - t0, flush=True), w.close(), app.quit()))
QTimer.singleShot(0, shown)
app.exec()
"""


def launch_times(runs: int) -> tuple[list[float], list[float]]:
    window, model = [], []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home)
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", LAUNCH, str(time.time())], capture_output=True, text=True,
                                 env=env, timeout=120).stdout
            values = dict(line.split() for line in out.splitlines() if line.split()[0] in ("window", "model"))
            window.append(float(values["window"]))
            model.append(float(values["model"]))
    return window, model


def stroke_latency(count: int) -> list[float]:
    import numpy as np
    from PySide6.QtCore import QEventLoop, QPointF
    from PySide6.QtWidgets import QApplication

    from mnist_desktop.gui.app import make_app
    from mnist_desktop.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as home:
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = home
        app = make_app()
        w = MainWindow()
        w.show()
        while not w.service.has_model:
            app.processEvents()
            time.sleep(0.01)
        shown = []
        loop = QEventLoop()

        def on_result(result):
            if result is None:                # a reading dropped (new ink): not the one timed
                return
            shown.append(time.perf_counter())
            loop.quit()

        w.recognize.resultShown.connect(on_result)
        canvas = w.recognize.canvas
        rng = np.random.default_rng(0)
        out = []
        for i in range(count + 5):
            canvas.clear()
            app.processEvents()
            cx, cy = rng.uniform(150, 550), rng.uniform(120, 240)
            pts = [QPointF(cx + 60 * np.sin(a), cy - 90 * np.cos(a)) for a in np.linspace(0, 2 * np.pi, 40)]
            start = time.perf_counter()
            canvas.add_stroke(pts)            # what a mouse release does
            loop.exec()                       # sleeps until the result is on screen
            if i >= 5:
                out.append(shown[-1] - start)
        w.close()
        QApplication.processEvents()
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--strokes", type=int, default=50)
    args = p.parse_args()
    window, model = launch_times(args.runs)
    lat = sorted(v * 1000 for v in stroke_latency(args.strokes))
    print(f"| measure ({os.environ['QT_QPA_PLATFORM']}) | median | p95 / max |")
    print("|---|---:|---:|")
    print(f"| launch to window shown (n={args.runs}) | {statistics.median(window):.2f} s | {max(window):.2f} s |")
    print(f"| launch to model ready (n={args.runs}) | {statistics.median(model):.2f} s | {max(model):.2f} s |")
    print(f"| stroke to result on screen (n={len(lat)}) | {statistics.median(lat):.1f} ms | "
          f"{lat[int(len(lat) * 0.95)]:.1f} ms |")


if __name__ == "__main__":
    main()
