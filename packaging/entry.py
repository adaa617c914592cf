"""Entry point of the PyInstaller bundle: one program, two names.

`mnist-desktop-gui` (no console on Windows) opens the window; `mnist-desktop`
is the command line, as with a pip install.
"""

import sys
from pathlib import Path

from mnist_desktop.cli import gui_main, main

if __name__ == "__main__":
    sys.exit(gui_main() if Path(sys.executable).stem.endswith("-gui") else main())
