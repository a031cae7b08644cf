"""Dashed lines whose dashes sit where the whole line puts them.

Qt's raster engine skips the parts of a dashed line outside the device without keeping the
dashes' phase exactly, so the same line drawn at two pans (or in the strip a pan uncovers,
:mod:`viewer.background`) had its dashes elsewhere and they crawled as the map moved. Here
each ring is cut to the runs of segments that reach the area drawn, and each run is dashed
from its distance along the ring (the stroker's dash offset), stroked in device pixels and
filled: the dashes depend on the line and the zoom only, and lines far off screen cost
nothing. Lines a pixel wide or less go to Qt's cosmetic stroker, which keeps the phase.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen

from .paths import pack_path, runs, segments_near


def draw_dashed(painter: QPainter, path: QPainterPath, rings: list[np.ndarray], pen: QPen,
                area: QRectF) -> None:
    """Draw ``path`` (whose rings, in scene units, are ``rings``) with the dashed cosmetic
    ``pen`` where it reaches ``area`` (device pixels)."""
    if pen.widthF() <= 1:
        painter.setPen(pen)
        painter.drawPath(path)
        return
    m = painter.worldTransform()
    width = pen.widthF()
    reach = area.adjusted(-2 * width - 2, -2 * width - 2, 2 * width + 2, 2 * width + 2)
    stroker = QPainterPathStroker(pen)
    painter.save()
    painter.resetTransform()
    for ring in rings:
        if len(ring) < 2:
            continue
        x = ring[:, 0] * m.m11() + ring[:, 1] * m.m21() + m.dx()
        y = ring[:, 0] * m.m12() + ring[:, 1] * m.m22() + m.dy()
        near = segments_near(x, y, reach)
        if not near.any():
            continue
        along = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])
        starts, ends = runs(near)
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            stroker.setDashOffset(along[a] / width)   # in pen widths, as the pattern
            run = pack_path(np.column_stack([x[a:b + 1], y[a:b + 1]]), [0])
            painter.fillPath(stroker.createStroke(run), pen.brush())
    painter.restore()
