"""Camera moves between map extents, eased, shared by presentation mode and video export."""

from __future__ import annotations

import math

Extent = tuple[float, float, float, float]


def ease_in_out(f: float) -> float:
    """Cubic ease-in-out on 0..1."""
    f = min(max(f, 0.0), 1.0)
    return 4 * f**3 if f < 0.5 else 1 - (-2 * f + 2) ** 3 / 2


def interpolate_extent(a: Extent, b: Extent, f: float) -> Extent:
    """The extent ``f`` (0..1, already eased) of the way from ``a`` to ``b``.

    The centre moves linearly and the size geometrically, so a zoom feels even.
    """
    ca = ((a[0] + a[2]) / 2, (a[1] + a[3]) / 2)
    cb = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
    wa, ha = a[2] - a[0], a[3] - a[1]
    wb, hb = b[2] - b[0], b[3] - b[1]
    cx, cy = ca[0] + (cb[0] - ca[0]) * f, ca[1] + (cb[1] - ca[1]) * f
    w = math.exp(math.log(wa) + (math.log(wb) - math.log(wa)) * f)
    h = math.exp(math.log(ha) + (math.log(hb) - math.log(ha)) * f)
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
