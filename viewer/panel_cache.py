"""Overlay panels (date, legend, scale bar, captions) painted from pixmaps: each is drawn
again only when what it shows or where it stands changes, so a time step stays cheap."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap


class Measure:
    """A painter that paints nothing: lays out the overlays to learn their rectangles."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


class PanelCache(dict):
    """Panel name -> (key, rect, pixmap, origin) of its last drawing."""

    def paint(self, painter: QPainter, name: str, key: tuple,
              draw: Callable[..., QRectF], *args) -> QRectF:
        """Paint panel ``name`` (``draw(painter, *args)``) from its pixmap, redrawn only
        when ``key`` or its place changes; return its rectangle."""
        rect = draw(Measure(), *args)
        hit = self.get(name)
        if hit is None or hit[0] != key or hit[1] != rect:
            ratio = painter.device().devicePixelRatioF()
            origin = QPointF(math.floor(rect.left()) - 1, math.floor(rect.top()) - 1)
            pixmap = QPixmap(math.ceil((rect.right() - origin.x() + 2) * ratio),
                             math.ceil((rect.bottom() - origin.y() + 2) * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.translate(-origin)
            draw(p, *args)
            p.end()
            hit = self[name] = (key, rect, pixmap, origin)
        painter.drawPixmap(hit[3], hit[2])
        return rect
