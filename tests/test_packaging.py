"""The app installs like desktop software: a wheel that works outside the source
tree, and desktop files that pass the freedesktop validators."""

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import cv2
import pytest

from helpers import number_image

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "io.github.mnist_desktop.MnistDesktop"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, cwd=out, timeout=600)
    wheels = list(out.glob("mnist_desktop-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_carries_the_model_and_resources(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "mnist_desktop/trained/mnist_desktop.pt" in names
    assert "mnist_desktop/trained/mnist_desktop.onnx" in names        # what reading runs
    assert "mnist_desktop/trained/mnist_desktop.json" in names
    assert "mnist_desktop/resources/translations/mnist_desktop_zh_CN.qm" in names
    assert f"mnist_desktop/resources/icons/{APP_ID}.svg" in names
    sources = {str(p.relative_to(ROOT)) for p in (ROOT / "mnist_desktop").rglob("*.py")}
    assert sources <= set(names), f"missing from the wheel: {sorted(sources - set(names))}"
    entry = [n for n in names if n.endswith("entry_points.txt")][0]
    text = zipfile.ZipFile(wheel).read(entry).decode()
    assert "mnist-desktop = mnist_desktop.cli:main" in text and "mnist-desktop-gui" in text


def test_wheel_installs_and_predicts_outside_the_source_tree(wheel, tmp_path, subset_test):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    # Reuse this environment's torch, Qt and OpenCV instead of downloading them again.
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    here = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    Path(purelib, "test-reuse.pth").write_text("\n".join(sorted(here)) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, timeout=300)
    images, labels = subset_test
    img = tmp_path / "n.png"
    cv2.imwrite(str(img), number_image([images[0], images[1]], gap=25))
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    out = subprocess.run([str(venv / "bin" / "mnist-desktop"), "predict", str(img), "--json"],
                         capture_output=True, text=True, cwd=work, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["text"] == f"{labels[0]}{labels[1]}"
    where = subprocess.run([str(py), "-c", "import mnist_desktop.paths as p; print(p.shipped_model())"],
                           capture_output=True, text=True, cwd=work, env=env, check=True).stdout.strip()
    assert where.startswith(purelib) and not where.startswith(str(ROOT))
    version = subprocess.run([str(venv / "bin" / "mnist-desktop"), "--version"], capture_output=True, text=True,
                             cwd=work, env=env)
    assert version.stdout.strip() == "mnist-desktop 0.1.0"
    assert (venv / "bin" / "mnist-desktop-gui").exists()


def _validator(name):
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install desktop-file-utils appstream)")
    return path


def test_desktop_entry_validates():
    tool = _validator("desktop-file-validate")
    out = subprocess.run([tool, str(ROOT / "resources" / f"{APP_ID}.desktop")], capture_output=True, text=True)
    assert out.returncode == 0 and "error" not in out.stdout.lower(), out.stdout


def test_appstream_metainfo_validates():
    tool = _validator("appstreamcli")
    out = subprocess.run([tool, "validate", "--no-net", str(ROOT / "resources" / f"{APP_ID}.metainfo.xml")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_one_application_id_everywhere():
    from mnist_desktop.gui.app import APP_ID as in_code

    desktop = (ROOT / "resources" / f"{APP_ID}.desktop").read_text()
    meta = (ROOT / "resources" / f"{APP_ID}.metainfo.xml").read_text()
    assert in_code == APP_ID
    assert f"Icon={APP_ID}" in desktop and f"<id>{APP_ID}</id>" in meta and f"{APP_ID}.desktop" in meta


def test_install_and_uninstall_desktop_files(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), VENV=str(Path(sys.executable).parents[1]))
    subprocess.run(["make", "-s", "-C", str(ROOT), "install-desktop", f"STAMP={ROOT / 'pyproject.toml'}"],
                   check=True, env=env, timeout=120)
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert entry.is_file() and f"Exec={Path(sys.executable).parent}/mnist-desktop-gui %f" in entry.read_text()
    assert (tmp_path / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    subprocess.run(["make", "-s", "-C", str(ROOT), "uninstall-desktop"], check=True, env=env, timeout=120)
    assert not entry.exists() and not list((tmp_path / "icons").rglob("*.png"))
