"""The map view's background: the basemap drawn into a pixmap once per view.

When the camera comes to rest after a pan at the same zoom, the part of the last drawing
still in view is copied as it is (a whole number of pixels away, so every pixel is what a
full redraw gives) and only the strips the pan uncovered are drawn: a settle after a drag
costs the strips, not the city. The two drawings before the last are kept too, so coming back
to a zoom drawn a moment ago (a zoom in and out, the whole city again, the previous chapter
of a lecture) costs a copy. Anything else (a new zoom, a resize, new layers) is drawn whole;
dropping the last drawing (``MapView.refresh``, the bench's full redraws) drops them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QPainter, QPixmap

from .symbols import colour

MIN_REUSE = 0.5   # re-use a drawing when at least this share of the view is in it
EARLIER = 2       # drawings kept besides the last (a 1920×1080 one is 8 MB)


@dataclass
class Drawn:
    """A pixmap drawn for one view: the scene rectangle it shows, and its other inputs."""

    pixmap: QPixmap
    rect: QRectF
    key: tuple = ()
    earlier: list[Drawn] = field(default_factory=list)   # newest first, each without its own


def draw_background(view, last: Drawn | None, layers: set[str]) -> Drawn:
    """The basemap of ``view`` (a MapView) as it stands, re-using ``last`` where it can."""
    rect = view.visible_rect()
    key = background_key(view, layers)
    basemap, zoom, to_device = view.map.basemap, view.zoom, view.viewportTransform()
    drawings = [last, *last.earlier] if last is not None else []
    shifts = [reusable_shift(d, rect, key, zoom) for d in drawings]
    usable = [(abs(s[0]) + abs(s[1]), k) for k, s in enumerate(shifts) if s is not None]
    best = min(usable)[1] if usable else None
    if best is not None and shifts[best] == (0, 0):   # this very view: nothing to draw
        return Drawn(drawings[best].pixmap, rect, key, [
            Drawn(d.pixmap, d.rect, d.key) for k, d in enumerate(drawings) if k != best])
    earlier = [Drawn(d.pixmap, d.rect, d.key) for d in drawings]
    last = drawings[best] if best is not None else None
    shift = shifts[best] if best is not None else None
    spare, view._spare = view._spare, None
    pixmap = view._new_pixmap(colour("paper"), spare)
    painter = QPainter(pixmap)
    if shift is None:
        painter.setTransform(to_device)
        basemap.paint(painter, rect, zoom, layers, detail=True)
    else:
        dx, dy = shift
        painter.drawPixmap(QPointF(-dx, -dy), last.pixmap)
        for strip in uncovered(key[0], key[1], dx, dy):
            painter.save()
            painter.setClipRect(strip)   # in pixels: set before the scene's transform
            painter.setTransform(to_device)
            basemap.paint(painter, to_device.inverted()[0].mapRect(QRectF(strip)), zoom,
                          layers, detail=True)
            painter.restore()
    painter.end()
    return Drawn(pixmap, rect, key, earlier[:EARLIER])


def dropped(old: Drawn | None, new: Drawn | None, spare: QPixmap | None) -> QPixmap | None:
    """The pixmap to make the next drawing in once ``new`` replaces ``old``: one of ``old``'s
    that ``new`` no longer keeps, else ``spare`` if ``new`` does not keep it (else none)."""
    kept = [] if new is None else [new.pixmap, *(d.pixmap for d in new.earlier)]
    gone = [] if old is None else [old.pixmap, *(d.pixmap for d in old.earlier)]
    return next((p for p in [*gone, spare] if p is not None and all(p is not k for k in kept)),
                None)


def background_key(view, layers: set[str]) -> tuple:
    """What a drawing depends on besides the view's rectangle: size, pixel ratio, layers."""
    return (view.viewport().width(), view.viewport().height(), view.devicePixelRatioF(),
            frozenset(layers))


def reusable_shift(last: Drawn | None, rect: QRectF, key: tuple, zoom: float
                   ) -> tuple[int, int] | None:
    """How many whole pixels ``rect`` lies right of and below ``last``'s drawing, when
    ``last`` shows the same zoom and size and covers at least ``MIN_REUSE`` of it."""
    if last is None or last.key != key or rect.width() <= 0 or \
            abs(last.rect.width() / rect.width() - 1) > 1e-9:
        return None
    ratio = key[2]
    x = (rect.left() - last.rect.left()) * zoom
    y = (rect.top() - last.rect.top()) * zoom
    dx, dy = round(x), round(y)
    if max(abs(x - dx), abs(y - dy)) > 1e-3 or (dx * ratio) % 1 or (dy * ratio) % 1:
        return None   # not a whole number of device pixels: the copy would be resampled
    w, h = key[0], key[1]
    if (w - abs(dx)) * (h - abs(dy)) < MIN_REUSE * w * h or abs(dx) >= w or abs(dy) >= h:
        return None
    return dx, dy


def uncovered(w: int, h: int, dx: int, dy: int) -> list[QRect]:
    """The strips of a ``w``×``h`` view that a drawing ``dx, dy`` pixels behind leaves bare,
    without overlap (a translucent line drawn twice would darken)."""
    strips = []
    if dx:
        strips.append(QRect(w - dx, 0, dx, h) if dx > 0 else QRect(0, 0, -dx, h))
    if dy:
        left, width = (0, w - dx) if dx > 0 else (-dx, w + dx)
        strips.append(QRect(left, h - dy, width, dy) if dy > 0 else QRect(left, 0, width, -dy))
    return [s for s in strips if s.width() > 0 and s.height() > 0]
