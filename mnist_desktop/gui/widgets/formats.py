"""Numbers as the window shows them.

How sure the model is: rounded down, everywhere the window shows it.

Rounding to nearest turned 99.96% into "100.0%" in the panel and the bars while the box
on the drawing (whole percent) said "99%": two numbers for one reading, and a "100%
sure" that the model never is. Rounded down, the panel says 99.9% and the box 99%.
"""

from __future__ import annotations

import math


def sure(confidence: float, decimals: int = 1) -> str:
    """`confidence` (0..1) as a percentage with `decimals` places, never rounded up."""
    scale = 10 ** decimals
    # The epsilon keeps 0.29 at "29%": 0.29 * 100 is 28.999999999999996 in floating point.
    value = math.floor(confidence * 100 * scale + 1e-6) / scale
    return f"{value:.{decimals}f}%"


def duration(seconds: float) -> str:
    """m:ss, as under the Train tab's progress bar."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
