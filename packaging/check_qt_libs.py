"""Before `make run`: are the system libraries Qt's X11 (xcb) plugin needs installed?

PySide6's wheel carries Qt but not the X11/OpenGL libraries of the desktop. On a fresh
Debian/Ubuntu some are missing, and Qt then aborts with "Could not load the Qt platform
plugin xcb" and a hint that names none of them. This asks the dynamic linker (ldd on the
plugin) which are missing and prints the one apt-get line that installs them.

Exit status: 0 = fine or not checked (not Linux, another platform plugin, no X display,
ldd missing), 1 = libraries missing (the line was printed). Python standard library only.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

# soname -> the Debian/Ubuntu package that ships it: what Qt's xcb plugin and QtGui link.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
# What the plugin links today (Qt 6.11): checked one by one when there is no ldd.
LINKED = tuple(s for s in PACKAGES if s not in ("libxcb-xinerama.so.0", "libxcb-xinput.so.0", "libOpenGL.so.0"))
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def should_check(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Only where Qt will load the xcb plugin: Linux, an X display, no other plugin asked for."""
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    qpa = environ.get("QT_QPA_PLATFORM", "")
    if qpa:
        return qpa.split(";")[0].split(":")[0] == "xcb"
    # A Wayland session makes Qt try its wayland plugin first; xcb is only a fallback.
    return not (environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland")


def missing_from_ldd(ldd_output: str) -> list[str]:
    """The sonames ldd could not resolve, in its order, each once."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def missing_by_finder(find: Callable[[str], str | None] = ctypes.util.find_library,
                      sonames: Iterable[str] = LINKED) -> list[str]:
    """Without ldd: ask `find` (ctypes.util.find_library: 'xcb-cursor') for each library."""
    return [s for s in sonames if find(re.sub(r"^lib|\.so.*$", "", s)) is None]


def apt_command(missing: Iterable[str]) -> str:
    """One `sudo apt-get install -y ...` line for the missing sonames."""
    packages = dict.fromkeys(PACKAGES.get(s, "") for s in missing)
    return "sudo apt-get install -y " + " ".join(p for p in packages if p)


def message(missing: list[str]) -> str:
    unknown = [s for s in missing if s not in PACKAGES]
    lines = [f"The Qt window needs system libraries that are missing: {', '.join(missing)}."]
    if len(unknown) < len(missing):
        lines += ["On Debian/Ubuntu install them with:", "", "    " + apt_command(missing), ""]
    if unknown:
        lines.append(f"(find the package for {', '.join(unknown)} with: apt-file search <name>)")
    lines.append("Then run `make run` again (or `make run QT_CHECK=0` to start anyway).")
    return "\n".join(lines)


def xcb_plugin() -> Path | None:
    """PySide6's libqxcb.so, found without importing Qt (which may be what fails)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def find_missing(plugin: Path | None) -> list[str]:
    if plugin is not None:
        try:
            out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=30).stdout
            return missing_from_ldd(out)
        except (OSError, subprocess.SubprocessError):
            pass                     # no ldd (a minimal system): fall back to the linker's cache
    return missing_by_finder()


def main(environ: Mapping[str, str] = os.environ, find: Callable[[Path | None], list[str]] = find_missing) -> int:
    if not should_check(environ):
        return 0
    missing = find(xcb_plugin())
    if not missing:
        return 0
    print(message(missing), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
