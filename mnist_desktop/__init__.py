"""mnist_desktop: read handwritten digits and numbers from drawings, scans and photos."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mnist-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
