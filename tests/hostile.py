"""Shared by the tests/test_hostile_*.py modules: run the CLI, measure a child's memory."""

import json
import os
import subprocess
import sys


def run_cli(*args, timeout=180, env=None):
    """`python -m mnist_desktop ARGS` with this test's data folders (inherited env)."""
    return subprocess.run([sys.executable, "-m", "mnist_desktop", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env=env)


def peak_mb(code: str, timeout=180) -> tuple[float, str]:
    """Run `code` in a fresh Python and return (its peak RSS in MB, its stdout).

    A wrapper process waits for the child and reads RUSAGE_CHILDREN, so earlier
    children of the test process never count.
    """
    wrapper = (
        "import resource, subprocess, sys, json\n"
        "p = subprocess.run([sys.executable, '-c', sys.argv[1]], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'peak': peak, 'out': p.stdout + p.stderr, 'rc': p.returncode}))\n")
    out = subprocess.run([sys.executable, "-c", wrapper, code], capture_output=True, text=True,
                         timeout=timeout, env=os.environ.copy())
    info = json.loads(out.stdout)
    return info["peak"], info["out"]


def has_traceback(text: str) -> bool:
    return "Traceback" in text


def run_here(capfd, *args):
    """The same command in this process (no torch import to wait for): cli.main with
    stdout/stderr captured at the file-descriptor level, where OpenCV writes too."""
    from types import SimpleNamespace

    from mnist_desktop import cli

    capfd.readouterr()
    rc = cli.main([str(a) for a in args])
    out, err = capfd.readouterr()
    return SimpleNamespace(returncode=rc, stdout=out, stderr=err)
