"""Rings drawn over the site symbols: the pulse of a site that just changed hands, fading
out over ``PULSE_SECONDS``, and the ring of the selected site. In a map view's pixels."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRegion

from .mapscene import PULSE_SECONDS
from .symbols import colour


def ring_rect(view, index: int) -> QRectF:
    """The pixels a ring around site ``index`` may cover in ``view`` (a MapView)."""
    p = view.mapFromScene(QPointF(*view.map.site_xy[index]))
    r = view.map.sites[index].size * 1.5 + 4
    return QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r)


def pulse_region(view) -> QRegion:
    """Where running pulses are drawn; forgets the pulses that have finished."""
    scene = view.map
    now = scene.clock()
    region = QRegion()
    for i in set(scene.pulsed):   # also clears the last ring of finished pulses
        region = region.united(ring_rect(view, i).toAlignedRect())
    scene.pulsed = [i for i in scene.pulsed if now - scene.sites[i].pulse_start < PULSE_SECONDS]
    return region


def paint_rings(view, painter: QPainter) -> None:
    """Pulses of sites that just changed hands, and the selected site's ring."""
    scene = view.map
    now = scene.clock()
    for i in set(scene.pulsed):
        item = scene.sites[i]
        phase = (now - item.pulse_start) / PULSE_SECONDS
        if not (0 <= phase < 1 and item.isVisible()):
            continue
        ring = QColor(item.fill)
        ring.setAlphaF(0.9 * (1 - phase))
        painter.setPen(QPen(ring, 3.0 * scene.symbol_scale ** 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = item.size * (0.55 + 0.9 * phase)
        painter.drawEllipse(ring_rect(view, i).center(), radius, radius)
    i = scene.selected
    if 0 <= i < len(scene.sites) and scene.sites[i].isVisible():
        painter.setPen(QPen(colour("selection"), 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        r = scene.sites[i].size * 0.95
        painter.drawEllipse(ring_rect(view, i).center(), r, r)
