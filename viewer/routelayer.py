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
from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem

from .symbols import colour


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
        self._view: tuple | None = None
        self._geometry: dict[int, tuple[np.ndarray, np.ndarray]] = {}   # cumulative, boxes
        self._orders: dict[int, np.ndarray] = {}   # route -> when each segment is travelled
        self._pixmap: QPixmap | None = None
        self._spare: QPixmap | None = None   # where a lost part is drawn again
        self._fresh = True
        self._done: dict[int, int] = {}   # route -> segments in the pixmap
        self._content = QRect()           # device rectangle the pixmap has strokes in
        self.last_update: tuple[str, int] | None = None   # ("full"/"step", segments stroked)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _shown(self) -> dict[int, int]:
        """Shown routes on their way -> the number of their segments travelled in full."""
        out = {}
        for k, item in enumerate(self.map.routes):
            if item.isVisible() and item.fraction >= 0:
                out[k] = item.position(item.fraction)[1]
        return out

    def _device(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Route k's cumulative length at each vertex (device pixels) and each segment's
        device box (x0, y0, x1, y1) with room for the pen, for the current view."""
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
            geometry = self._geometry[k] = (cumulative, boxes)
        return geometry

    def _pen(self, k: int, start: int) -> QPen:
        """Route k's pen with its dash pattern carried on to the start of segment ``start``."""
        pen = QPen(self.map.routes[k]._route_pen())
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
                within: QRectF | None = None) -> int:
        """Stroke the segments first..last-1 of each route k in ``spans`` (those touching
        ``within``, if given) in the order they were travelled in full, ties by route and
        segment: pixels where strokes overlap blend in the same order whatever the steps."""
        todo = []
        for k, (first, last) in spans.items():
            js = np.arange(first, last)
            if within is not None and len(js):
                b = self._device(k)[1][first:last]
                js = js[(b[:, 2] >= within.left()) & (b[:, 0] <= within.right())
                        & (b[:, 3] >= within.top()) & (b[:, 1] <= within.bottom())]
            todo += zip(self._order(k)[js].tolist(), [k] * len(js), js.tolist(), strict=True)
        routes = self.map.routes
        for _, k, j in sorted(todo):
            points = routes[k]._points
            painter.setPen(self._pen(k, j))
            painter.drawLine(QLineF(points[j], points[j + 1]))
        return len(todo)

    def _box(self, k: int, first: int, last: int) -> QRectF:
        """The device box of route k's segments first..last-1 (empty if none)."""
        if last <= first:
            return QRectF()
        b = self._device(k)[1][first:last]
        return QRectF(QPointF(b[:, 0].min(), b[:, 1].min()),
                      QPointF(b[:, 2].max(), b[:, 3].max()))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not on_screen(painter, widget) or not self.map.show_routes:
            return
        device = painter.device()
        m = painter.worldTransform()
        view = ((m.m11(), m.m12(), m.m21(), m.m22(), m.dx(), m.dy()), device.width(),
                device.height(), self.map.symbol_scale, colour("route").rgba())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        shown = self._shown()
        if view != self._view:   # a new view: everything drawn again, on the same pixmap
            self._view, self._transform, self._geometry = view, m, {}
            self._width = self.map.routes[0]._route_pen().widthF()
            self._clear(device)
        self._update(shown, device)
        if not self._content.isEmpty():
            painter.save()
            painter.resetTransform()
            painter.drawPixmap(self._content.topLeft(), self._pixmap, self._content)
            painter.restore()
        for k, done in shown.items():   # the segment being travelled, then the marker
            item = self.map.routes[k]
            point = item.position(item.fraction)[0]
            if point != item._points[done]:
                painter.setPen(self._pen(k, done))
                painter.drawLine(QLineF(item._points[done], point))
            if item.fraction < 1:
                marker, half = item.marker()
                painter.save()
                painter.resetTransform()
                painter.drawPixmap(m.map(point) - half, marker)
                painter.restore()

    def _redraw(self, painter: QPainter, lost: QRect, shown: dict[int, int]) -> int:
        """Draw ``lost`` again with every segment travelled in full by now. They are drawn
        on a spare pixmap of the same size, then copied: with a clip the dash stroker places
        the dashes of a line crossing its edge slightly differently (1-3 levels)."""
        if self._spare is None or self._spare.size() != self._pixmap.size():
            self._spare = QPixmap(self._pixmap.size())
        spare = QPainter(self._spare)
        spare.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        spare.fillRect(lost, Qt.GlobalColor.transparent)
        spare.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        spare.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        spare.setWorldTransform(self._transform)
        stroked = self._stroke(spare, {k: (0, done) for k, done in shown.items()},
                               QRectF(lost))
        spare.end()
        painter.resetTransform()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.drawPixmap(lost.topLeft(), self._spare, lost)
        painter.end()
        return stroked

    def _clear(self, device) -> None:
        """Empty the pixmap (only where it has strokes) for a new view."""
        if self._pixmap is not None and self._pixmap.size() == device.size():
            painter = QPainter(self._pixmap)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            painter.fillRect(self._content, Qt.GlobalColor.transparent)
            painter.end()
            self._done, self._content, self._latest = {}, QRect(), -np.inf
        else:
            self._pixmap = None
        self._fresh = True

    def _update(self, shown: dict[int, int], device) -> None:
        """Bring the pixmap of the current view up to the segments travelled by now.

        Strokes blend in the order the segments were travelled in full, so a forward step
        only adds strokes later than any in the pixmap. Segments no longer travelled (a
        step back, a route faded out) and segments earlier than the latest in the pixmap
        (a route shown again) make a lost rectangle, drawn again whole."""
        kind = "full" if self._fresh else "step"
        self._fresh = False
        if self._pixmap is None:
            kind = "full"
            self._pixmap = QPixmap(device.size())
            self._pixmap.fill(Qt.GlobalColor.transparent)
            self._done, self._content, self._latest = {}, QRect(), -np.inf
        lost, late, latest = QRectF(), {}, self._latest
        for k, done in self._done.items():
            lost = lost.united(self._box(k, shown.get(k, 0), done))
        for k, done in shown.items():
            first = min(self._done.get(k, 0), done)
            order = self._order(k)[first:done]
            early = first + int(np.count_nonzero(order <= self._latest))
            lost = lost.united(self._box(k, first, early))
            late[k] = (early, done)
            self._content = self._content.united(self._box(k, first, done).toAlignedRect())
            if done:
                latest = max(latest, float(self._order(k)[done - 1]))
        self._latest = latest
        painter = QPainter(self._pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setWorldTransform(self._transform)
        stroked = self._stroke(painter, late)   # the segments completed since: only those
        lost = lost.toAlignedRect().intersected(self._pixmap.rect())
        if lost.isEmpty():
            painter.end()
        else:
            stroked += self._redraw(painter, lost, shown)
        self._done = dict(shown)
        self._content = self._content.intersected(self._pixmap.rect())
        self.last_update = (kind, stroked)
