"""Image builders shared by tests and benchmarks (they live in the package, so the
seeds leaderboard measures on the same drawings)."""

from mnist_desktop.learning.drawings import mnist_on_canvas, number_image, photo, photo_of, thin_pen, thin_to  # noqa: F401
