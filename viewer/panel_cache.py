"""Overlay panels (date, legend, scale bar, captions) painted from pixmaps: each is drawn
again only when what it shows or where it stands changes, so a time step stays cheap."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap


class Measure:
    """A painter that paints nothing: lays out the overlays to learn their rectangles."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


VALUES = (int, float, str, tuple, frozenset, QPointF, QRectF, QColor, type(None))


def _inputs(args: tuple) -> tuple:
    """``args`` as kept for comparison: sets frozen, points and rectangles copied."""
    return tuple(frozenset(a) if isinstance(a, set) else type(a)(a)
                 if isinstance(a, (QPointF, QRectF)) else a for a in args)


def _same(old: tuple, new: tuple) -> bool:
    """Whether ``draw`` gets the same inputs: values equal, other objects the very same."""
    return len(old) == len(new) and all(
        a is b or (isinstance(a, VALUES) and type(a) is type(b) and a == b)
        for a, b in zip(old, new, strict=True))


class PanelCache(dict):
    """Panel name -> (key, rect, pixmap, origin) of its last drawing."""

    def __init__(self):
        super().__init__()
        self._measured: dict[str, tuple] = {}   # name -> (draw, inputs, rect)

    def measure(self, name: str, draw: Callable[..., QRectF], *args) -> QRectF:
        """Where panel ``name`` (``draw(painter, *args)``) stands, laid out again only when
        ``draw`` gets other inputs."""
        inputs = _inputs(args)
        measured = self._measured.get(name)
        if measured is not None and measured[0] is draw and _same(measured[1], inputs):
            return measured[2]
        rect = draw(Measure(), *args)
        self._measured[name] = (draw, inputs, rect)
        return rect

    def paint(self, painter: QPainter, name: str, key: tuple,
              draw: Callable[..., QRectF], *args) -> QRectF:
        """Paint panel ``name`` (``draw(painter, *args)``) from its pixmap, redrawn only
        when ``key`` or its place changes; return its rectangle. Laying a panel out is
        skipped too while ``draw`` gets the same inputs (a time step moves the date only)."""
        rect = self.measure(name, draw, *args)
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
