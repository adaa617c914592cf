"""mnist_desktop: read handwritten digits and numbers from drawings, scans and photos."""

import os
from importlib.metadata import PackageNotFoundError, version

# OpenCV reads its decoder size limit once, at the first `import cv2`, and only under
# this name; set here so it is in place before any module of ours imports cv2
# (reading.imageio.MAX_PIXELS, which also checks headers itself).
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(120_000_000))

try:
    __version__ = version("mnist-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
