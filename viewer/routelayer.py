"""The moving routes on screen, in one item that strokes only what a time step added.

A route item (viewer.mapscene.RouteItem) stroking its travelled part afresh costs ~90 µs a
paint, and on a time step every moving route has grown: the synthetic scenario's ~38 routes
on screen cost ~5 ms a step. On screen :class:`RouteLayer` draws them instead, each route
as one stroke per segment, the dash pattern carried on by the dash offset (the travelled
length in device pixels), so the picture is a sum of whole segments whatever the steps
were. It keeps the segments travelled in full in a pixmap of the current view and, on a
forward step, strokes only the segments completed since; the partial segment being
travelled and the markers are drawn over it at each paint. A route going back or out of
sight clears its part of the pixmap and redraws there what remains; a change of view,
size, scale or colour draws everything again. Exports (widget None) and screens with a
device pixel ratio other than 1 are drawn by the route items themselves.
"""

from __future__ import annotations

import weakref

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBitmap, QImage, QPainter, QPen, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem

from .symbols import colour

TILE = 16   # pixels: what a route faded out or gone back clears and draws again, in tiles


def on_screen(painter: QPainter, widget) -> bool:
    """Whether a paint goes to the view's own viewport (where the layer draws the routes)."""
    device = painter.device()
    return widget is not None and device is widget and device.devicePixelRatioF() == 1


class RouteLayer(QGraphicsItem):
    """Every shown route's travelled part and marker, for the viewport only."""

    def __init__(self, scene):
        super().__init__()
        self.map = weakref.proxy(scene)   # the scene holds its items: no cycle back
        bounds = QRectF()
        for item in scene.routes:
            bounds = bounds.united(item.boundingRect())
        self._bounds = bounds
        self.setZValue(10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)   # exposedRect
        self._view: tuple | None = None
        self._geometry: dict[int, tuple[np.ndarray, np.ndarray]] = {}   # cumulative, boxes
        self._pens: dict[tuple[int, int], QPen] = {}   # (route, segment) -> its pen
        self._orders: dict[int, np.ndarray] = {}   # route -> when each segment is travelled
        self._pixmap: QPixmap | None = None
        self._spare: QPixmap | None = None   # where a lost part is drawn again
        self._fresh = True
        self._done: dict[int, int] = {}   # route -> segments in the pixmap
        self._content = QRect()           # device rectangle the pixmap has strokes in
        self._within: set[int] = set()    # routes whose device box is in that rectangle
        self.last_update: tuple[str, int] | None = None   # ("full"/"step", segments stroked)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _shown(self) -> tuple[dict[int, int], list[QPointF]]:
        """Shown routes on their way -> the number of their segments travelled in full; and
        where each of them is now."""
        out, where = {}, []
        for k, item in enumerate(self.map.routes):
            if item.isVisible() and item.fraction >= 0:
                point, out[k] = item.position(item.fraction)
                where.append(point)
        return out, where

    def _device(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Route k's cumulative length at each vertex (device pixels), each segment's device
        box (x0, y0, x1, y1) with room for the pen, and the tiles it spans (inclusive,
        within the view), for the current view."""
        geometry = self._geometry.get(k)
        if geometry is None:
            m = self._transform
            xy = self.map.routes[k].xy
            x = xy[:, 0] * m.m11() + xy[:, 1] * m.m21() + m.dx()
            y = xy[:, 0] * m.m12() + xy[:, 1] * m.m22() + m.dy()
            cumulative = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(x), np.diff(y)))])
            pad = self._width + 2
            boxes = np.column_stack([np.minimum(x[:-1], x[1:]) - pad,
                                     np.minimum(y[:-1], y[1:]) - pad,
                                     np.maximum(x[:-1], x[1:]) + pad,
                                     np.maximum(y[:-1], y[1:]) + pad])
            rows, columns = self._shape
            tiles = (boxes // TILE).astype(np.int64)
            np.clip(tiles[:, 0::2], 0, columns - 1, out=tiles[:, 0::2])
            np.clip(tiles[:, 1::2], 0, rows - 1, out=tiles[:, 1::2])
            geometry = self._geometry[k] = (cumulative, boxes, tiles)
        return geometry

    def _pen(self, k: int, start: int) -> QPen:
        """Route k's pen with its dash pattern carried on to the start of segment ``start``."""
        pen = self._pens.get((k, start))
        if pen is None:   # kept for the view: a scrub strokes the same segments again
            pen = self._pens[k, start] = QPen(self.map.routes[k]._route_pen())
            pen.setDashOffset(self._device(k)[0][start] / self._width)
        return pen

    def _order(self, k: int) -> np.ndarray:
        """When each segment of route k is travelled in full (its drawing order)."""
        order = self._orders.get(k)
        if order is None:
            item = self.map.routes[k]
            lengths, r = item.cumulative, item.route
            share = lengths[1:] / lengths[-1] if lengths[-1] > 0 else np.zeros(len(lengths) - 1)
            order = self._orders[k] = r.start + share * (r.end - r.start)
        return order

    def _stroke(self, painter: QPainter, spans: dict[int, tuple[int, int]],
                within=None) -> int:
        """Stroke the segments first..last-1 of each route k in ``spans`` (those touching
        the tiles ``within`` marks, if given) in the order they were travelled in full, ties
        by route and segment: where strokes overlap, pixels blend in the same order whatever
        the steps."""
        ks, js, orders, tiles = [], [], [], []
        for k, (first, last) in spans.items():
            if last > first:
                ks.append(np.full(last - first, k))
                js.append(np.arange(first, last))
                orders.append(self._order(k)[first:last])
                if within is not None:
                    tiles.append(self._device(k)[2][first:last])
        if not ks:
            return 0
        route, segment = np.concatenate(ks), np.concatenate(js)
        order = np.concatenate(orders)
        if within is not None:
            keep = within(np.concatenate(tiles))
            route, segment, order = route[keep], segment[keep], order[keep]
        routes = self.map.routes
        sequence = np.lexsort((segment, route, order))
        for k, j in zip(route[sequence].tolist(), segment[sequence].tolist(), strict=True):
            points = routes[k]._points
            painter.setPen(self._pen(k, j))
            painter.drawLine(QLineF(points[j], points[j + 1]))
        return len(sequence)

    def _extent(self, k: int) -> QRect:
        """The device box of all of route k."""
        b = self._device(k)[1]
        return QRectF(QPointF(b[:, 0].min(), b[:, 1].min()),
                      QPointF(b[:, 2].max(), b[:, 3].max())).toAlignedRect()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not on_screen(painter, widget) or not self.map.show_routes:
            return
        device = painter.device()
        m = painter.worldTransform()
        view = ((m.m11(), m.m12(), m.m21(), m.m22(), m.dx(), m.dy()), device.width(),
                device.height(), self.map.symbol_scale, colour("route").rgba())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        shown, where = self._shown()
        if view != self._view:   # a new view: everything drawn again, on the same pixmap
            self._view, self._transform, self._geometry, self._pens = view, m, {}, {}
            self._shape = (-(-device.height() // TILE), -(-device.width() // TILE))
            self._width = self.map.routes[0]._route_pen().widthF()
            self._clear(device)
        self._update(shown, device)
        painter.save()
        painter.resetTransform()
        if not self._content.isEmpty():
            painter.drawPixmap(self._content.topLeft(), self._pixmap, self._content)
        painter.setWorldTransform(m)
        routes = self.map.routes
        pad = 20 * self.map.symbol_scale / max(abs(m.m11()), 1e-9)   # 20 px: pen, marker
        exposed = option.exposedRect.adjusted(-pad, -pad, pad, pad)
        for (k, done), point in zip(shown.items(), where, strict=True):   # being travelled
            start = routes[k]._points[done]
            if point != start and QRectF(start, point).normalized().intersects(exposed):
                painter.setPen(self._pen(k, done))
                painter.drawLine(QLineF(start, point))
        painter.resetTransform()
        for k, point in zip(shown, where, strict=True):   # then the markers, over them
            item = routes[k]
            if item.fraction < 1 and exposed.contains(point):
                marker, half = item.marker()
                painter.drawPixmap(m.map(point) - half, marker)
        painter.restore()

    def _redraw(self, painter: QPainter, lost: list[np.ndarray], shown: dict[int, int]) -> int:
        """Draw again the ``lost`` tiles (segments' tile ranges) with every segment travelled
        in full by now. They are drawn on a spare pixmap of the same size, then copied: with
        a clip the dash stroker places the dashes of a line crossing its edge slightly
        differently (1-3 levels)."""
        size, shape = self._pixmap.size(), self._shape
        grid = np.zeros(shape, bool)
        for x0, y0, x1, y1 in np.concatenate(lost).tolist():
            grid[y0:y1 + 1, x0:x1 + 1] = True
        area = np.zeros((shape[0] + 1, shape[1] + 1), np.int32)   # tiles up to (y, x)
        area[1:, 1:] = grid.cumsum(0).cumsum(1)

        def within(tiles: np.ndarray) -> np.ndarray:
            x0, y0, x1, y1 = tiles.T
            return (area[y1 + 1, x1 + 1] - area[y0, x1 + 1] - area[y1 + 1, x0]
                    + area[y0, x0]) > 0

        bits = np.packbits(grid, axis=1, bitorder="little")
        bitmap = QBitmap.fromData(QSize(shape[1], shape[0]), bits.tobytes(),
                                  QImage.Format.Format_MonoLSB)
        region = QTransform.fromScale(TILE, TILE).map(QRegion(bitmap))
        if self._spare is None or self._spare.size() != size:
            self._spare = QPixmap(size)
        spare = QPainter(self._spare)
        spare.setClipRegion(region)   # the clear only: the strokes go unclipped
        spare.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        spare.fillRect(self._spare.rect(), Qt.GlobalColor.transparent)
        spare.setClipping(False)
        spare.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        spare.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        spare.setWorldTransform(self._transform)
        stroked = self._stroke(spare, {k: (0, done) for k, done in shown.items()}, within)
        spare.end()
        painter.resetTransform()
        painter.setClipRegion(region)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.drawPixmap(0, 0, self._spare)
        painter.end()
        return stroked

    def _clear(self, device) -> None:
        """Empty the pixmap (only where it has strokes) for a new view."""
        if self._pixmap is not None and self._pixmap.size() == device.size():
            painter = QPainter(self._pixmap)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            painter.fillRect(self._content, Qt.GlobalColor.transparent)
            painter.end()
            self._done, self._content, self._latest, self._within = {}, QRect(), -np.inf, set()
        else:
            self._pixmap = None
        self._fresh = True

    def _update(self, shown: dict[int, int], device) -> None:
        """Bring the pixmap of the current view up to the segments travelled by now.

        Strokes blend in the order the segments were travelled in full, so a forward step
        only adds strokes later than any in the pixmap. Segments no longer travelled (a
        step back, a route faded out) and segments earlier than the latest in the pixmap
        (a route shown again) mark tiles that are drawn again whole."""
        kind = "full" if self._fresh else "step"
        self._fresh = False
        if self._pixmap is None:
            kind = "full"
            self._pixmap = QPixmap(device.size())
            self._pixmap.fill(Qt.GlobalColor.transparent)
            self._done, self._content, self._latest, self._within = {}, QRect(), -np.inf, set()
        lost, late = [], {}   # tiles of the segments to draw again; segments to add
        for k, done in self._done.items():
            now = shown.get(k, 0)
            if now < done:
                lost.append(self._device(k)[2][now:done])
        for k, done in shown.items():
            first = min(self._done.get(k, 0), done)
            if first == done:
                continue
            order = self._order(k)
            early = first + int(np.count_nonzero(order[first:done] <= self._latest))
            if early > first:
                lost.append(self._device(k)[2][first:early])
            late[k] = (early, done)
            if k not in self._within:
                self._content = self._content.united(self._extent(k))
                self._within.add(k)
        # The latest stroke in the pixmap once updated: after a step back it is earlier
        # than before, so the next forward steps add their strokes again, not redraw.
        self._latest = max((float(self._order(k)[done - 1]) for k, done in shown.items()
                            if done > 0), default=-np.inf)
        self._done = dict(shown)
        if not lost and all(first == done for first, done in late.values()):
            self.last_update = (kind, 0)
            return
        painter = QPainter(self._pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setWorldTransform(self._transform)
        stroked = self._stroke(painter, late)   # the segments completed since: only those
        if lost:
            stroked += self._redraw(painter, lost, shown)
        else:
            painter.end()
        self._done = dict(shown)
        self._content = self._content.intersected(self._pixmap.rect())
        self.last_update = (kind, stroked)
