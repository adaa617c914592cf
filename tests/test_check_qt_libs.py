"""`make run` names the missing X11 libraries and the apt line, instead of Qt's abort."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "check_qt_libs.py"
_spec = importlib.util.spec_from_file_location("check_qt_libs", SCRIPT)
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)

# ldd on PySide6's libqxcb.so on a Debian 12 without libxcb-cursor0 and libxkbcommon-x11-0
# (abridged; the libraries that do resolve look like the first line).
LDD = """\
\tlinux-vdso.so.1 (0x00007ffd0d5f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f6a1c600000)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f6a1c57a000)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => /lib/x86_64-linux-gnu/libxcb-icccm.so.4 (0x00007f6a1c574000)
\tlibxkbcommon-x11.so.0 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f6a1d3a1000)
"""
X11 = {"DISPLAY": ":0"}


def test_missing_libraries_are_read_from_ldd_and_become_one_apt_line():
    missing = check.missing_from_ldd(LDD)
    assert missing == ["libxkbcommon-x11.so.0", "libxcb-cursor.so.0"]     # each once
    assert check.apt_command(missing) == "sudo apt-get install -y libxkbcommon-x11-0 libxcb-cursor0"
    assert check.missing_from_ldd(LDD.replace("not found", "/lib/x.so (0x1)")) == []


def test_without_ldd_each_library_is_asked_for_by_name():
    asked = []

    def finder(name):                      # ctypes.util.find_library with libxcb-cursor0 missing
        asked.append(name)
        return None if name == "xcb-cursor" else f"lib{name}.so"

    assert check.missing_by_finder(finder, ["libxcb-cursor.so.0", "libGL.so.1", "libxcb-render-util.so.0"]) == \
        ["libxcb-cursor.so.0"]
    assert asked == ["xcb-cursor", "GL", "xcb-render-util"]
    assert "libxcb-cursor.so.0" in check.LINKED and "libxcb-xinerama.so.0" not in check.LINKED


def test_the_message_names_what_is_missing_and_how_to_install_it(capsys):
    assert check.main(X11, find=lambda plugin: ["libxcb-cursor.so.0", "libEGL.so.1"]) == 1
    err = capsys.readouterr().err
    assert "libxcb-cursor.so.0" in err
    assert "    sudo apt-get install -y libxcb-cursor0 libegl1\n" in err
    assert check.main(X11, find=lambda plugin: []) == 0
    assert capsys.readouterr().err == ""


def test_a_library_without_a_known_package_is_still_named(capsys):
    assert check.main(X11, find=lambda plugin: ["libfancy.so.2"]) == 1
    err = capsys.readouterr().err
    assert "libfancy.so.2" in err and "apt-get install" not in err and "apt-file search" in err


@pytest.mark.parametrize("environ, platform, checked", [
    ({"DISPLAY": ":0"}, "linux", True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),                  # no X server: Qt says so itself
    ({}, "linux", False),
    ({"DISPLAY": ":0"}, "darwin", False),
    ({"DISPLAY": ":0"}, "win32", False),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux", False),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland",
      "QT_QPA_PLATFORM": "xcb"}, "linux", True),
])
def test_only_checked_where_qt_will_load_the_xcb_plugin(environ, platform, checked):
    assert check.should_check(environ, platform) is checked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux only")
def test_the_real_plugin_is_checked():
    plugin = check.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    missing = check.find_missing(plugin)          # the offscreen tests need none of them
    done = subprocess.run([sys.executable, str(SCRIPT)], env={"DISPLAY": ":0", "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == (1 if missing else 0)
    assert ("sudo apt-get install -y" in done.stderr) == bool(missing)
    assert check.main({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}) == 0    # not checked at all


@pytest.mark.skipif(not (sys.platform.startswith("linux") and shutil.which("cc") and shutil.which("ldd")),
                    reason="needs Linux, a C compiler and ldd")
def test_real_ldd_reports_a_library_that_is_gone(tmp_path, monkeypatch):
    # A plugin stand-in linked against a library that is then removed, as on a desktop
    # without the package (a made-up name: the real libxcb-cursor is installed here).
    gone = "libxcb-gone.so.0"
    monkeypatch.setitem(check.PACKAGES, gone, "libxcb-gone0")
    (tmp_path / "stub.c").write_text("int gone(void) { return 0; }\n")
    (tmp_path / "plugin.c").write_text("int gone(void);\nint f(void) { return gone(); }\n")
    stub = tmp_path / gone
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(stub), f"-Wl,-soname,{gone}", str(tmp_path / "stub.c")],
                   check=True, timeout=60)
    plugin = tmp_path / "libqfake.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(plugin), str(tmp_path / "plugin.c"), str(stub)],
                   check=True, timeout=60)
    stub.unlink()
    missing = check.find_missing(plugin)
    assert missing == [gone]
    assert check.apt_command(missing) == "sudo apt-get install -y libxcb-gone0"
