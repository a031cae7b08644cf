"""The sites of a large scenario as square dots in their control's colour, in one item.

Above ``DOTS_ABOVE`` sites (viewer.mapscene) a graphics item per site costs Qt ~15 µs a
paint each; :class:`DotLayer` paints every shown site with two ``drawPoints`` calls per
control instead (square caps on whole pixels: ~0.4 µs a dot; round antialiased dots cost
6 µs). On screen it keeps the dots of the current view in an image and, after a time step,
redraws only the dots whose control changed and the dots touching them, so a step costs in
proportion to what changed, not to the number of sites.

The picture is the same as drawing every dot afresh: all outlines in ink, then the fills
control by control, so where dots overlap a pixel shows the fill of the highest control
covering it, else ink. A changed dot's outline ring keeps its colour (its own fill never
covers it), and every pixel inside its fill square is covered by that fill, so shows the
highest control among the fills covering it. The update clears the changed dots' fill
squares and draws the fills that touch them with ``DestinationOver`` from the highest control
down: that writes only the cleared pixels, each with the colour a full redraw gives it.
That needs opaque colours; with translucent ones every paint draws all dots.

At an odd dot size on a screen of pixel ratio 1 (the usual case: 7 px), a dot Qt draws is
exactly the square of ``size`` pixels centred on its pixel, wherever it is (even sizes are
not: Qt rounds their edges differently from place to place). There the update writes those
squares' pixels with numpy into the image's memory instead, the same clear and
``DestinationOver`` writes on the same pixels (about twice as fast as Qt's ``drawPoints``).
"""

from __future__ import annotations

import weakref

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from .symbols import colour

FULL_SHARE = 0.4   # a step changing more than this share of the dots on screen redraws all


def pack_points(xy: np.ndarray) -> QPolygonF:
    """A QPolygonF from an (n, 2) array, packed in QDataStream's layout (no Python loop)."""
    polygon = QPolygonF()
    data = np.array([len(xy)], ">u4").tobytes() + np.ascontiguousarray(xy, ">f8").tobytes()
    buffer = QByteArray(data)
    stream = QDataStream(buffer, QIODevice.OpenModeFlag.ReadOnly)
    stream >> polygon
    return polygon


def touching_pairs(x: np.ndarray, y: np.ndarray, reach: float
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Every ordered pair (i, j), i != j, of points at most ``reach`` apart on both axes
    (dots of that size whose fills may touch: an odd size's are ``reach - 1`` apart at most,
    an even size's, rounded unevenly by Qt, ``reach``), found in grid cells of reach + 1."""
    cx = np.floor(x / (reach + 1)).astype(np.int64)
    cy = np.floor(y / (reach + 1)).astype(np.int64)
    cx, cy = cx - cx.min(initial=0) + 1, cy - cy.min(initial=0) + 1
    columns = int(cx.max(initial=0)) + 2
    key = cy * columns + cx
    order = np.argsort(key, kind="stable")
    keys = key[order]
    firsts, others = [], []
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):   # the points in each neighbouring cell, by their range
            target = key + dy * columns + dx
            lo = np.searchsorted(keys, target, "left")
            hi = np.searchsorted(keys, target, "right")
            counts = hi - lo
            firsts.append(np.repeat(np.arange(len(key)), counts))
            others.append(order[np.arange(counts.sum()) + np.repeat(lo - np.cumsum(counts)
                                                                     + counts, counts)])
    i, j = np.concatenate(firsts), np.concatenate(others)
    keep = (i != j) & (np.abs(x[i] - x[j]) <= reach) & (np.abs(y[i] - y[j]) <= reach)
    return i[keep], j[keep]


def _pen(ink: QColor, width: int) -> QPen:
    return QPen(ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap)


class DotLayer(QGraphicsItem):
    """All sites as dots of their control's colour; hover and click find the nearest site."""

    def __init__(self, scene):
        super().__init__()
        self.map = weakref.proxy(scene)   # the scene holds its items: no cycle back
        xy = scene.site_xy
        self._bounds = QRectF(QPointF(xy[:, 0].min(), xy[:, 1].min()),
                              QPointF(xy[:, 0].max(), xy[:, 1].max())).adjusted(-50, -50, 50, 50)
        self.setAcceptHoverEvents(True)
        self.setZValue(20)
        self._key: tuple | None = None
        self._view: tuple | None = None          # transform, device size and dot size
        self._image: QImage | None = None       # the dots of that view, in _buffer
        self._buffer = np.zeros((0, 0), np.uint32)   # its pixels with a margin all round
        self._pad = 0                            # the margin's width
        self._blocks: tuple = (0,)               # its squares of a size (_restamp)
        self._drawn = np.zeros(0, np.int16)      # each dot's control as in the pixmap
        self._drawn_shown = np.zeros(0, bool)
        self.last_update: tuple[np.ndarray, np.ndarray] | None = None   # changed, redrawn
        self._cells: tuple = (None, 0, None)   # view, size, dots on screen, and the pairs
        # of them whose fills may touch (kept while the view and the dots shown stay)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _pixels(self, m) -> tuple[np.ndarray, np.ndarray]:
        """Device pixel centres of every site, recomputed only when the view moves."""
        key = (m.m11(), m.m12(), m.m21(), m.m22(), m.dx(), m.dy())
        if self._key != key:
            xy = self.map.site_xy
            px = np.round(xy[:, 0] * m.m11() + xy[:, 1] * m.m21() + m.dx()) + 0.5
            py = np.round(xy[:, 0] * m.m12() + xy[:, 1] * m.m22() + m.dy()) + 0.5
            self._key, self._px, self._py = key, px, py
            self._ix, self._iy = (px - 0.5).astype(np.int64), (py - 0.5).astype(np.int64)
        return self._px, self._py

    def _opaque(self) -> bool:
        return colour("ink").alpha() == 255 and all(f.alpha() == 255 for f in self.map._fills)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        px, py = self._pixels(painter.worldTransform())
        size = round(7 * self.map.symbol_scale)
        device = painter.device()
        if widget is None or device is not widget or not self._opaque():
            r = painter.worldTransform().mapRect(option.exposedRect)
            self._draw(painter, self._within(px, py, r, 10), px, py, size)
            return
        ratio = device.devicePixelRatioF()
        view = (self._key, device.width(), device.height(), ratio, size)
        if view != self._view:   # the view moves: draw directly until it stays put
            self._view, self._image = view, None
            self._draw(painter, self._within(px, py, QRectF(device.rect()), size + 2), px, py,
                       size)
            return
        self._update(px, py, size, device, ratio)
        painter.save()
        painter.resetTransform()
        painter.drawImage(QPointF(0, 0), self._image)
        painter.restore()

    def _within(self, px: np.ndarray, py: np.ndarray, r: QRectF, margin: float) -> np.ndarray:
        """The shown dots whose centre lies within ``margin`` of the device rectangle r."""
        return self.map.shown & (px >= r.left() - margin) & (px <= r.right() + margin) & \
            (py >= r.top() - margin) & (py <= r.bottom() + margin)

    def _draw(self, painter: QPainter, which: np.ndarray, px: np.ndarray, py: np.ndarray,
              size: int, outlines: bool = True, reverse: bool = False) -> None:
        """Draw the dots in ``which`` (a mask or indices) in device pixels: every outline,
        then the fills by control; ``reverse``: fills from the highest control down (for
        DestinationOver)."""
        idx = np.flatnonzero(which) if which.dtype == bool else which
        control = self.map.state.control[idx]
        order = np.argsort(control, kind="stable")
        idx, control = idx[order], control[order]
        xy = np.column_stack([px[idx], py[idx]])
        cuts = np.flatnonzero(np.diff(control)) + 1
        parts = [(self.map._fills[c[0]], size, part) for part, c in
                 zip(np.split(xy, cuts), np.split(control, cuts), strict=True) if len(part)]
        if outlines:
            parts.insert(0, (colour("ink"), size + 2, xy))
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for ink, width, part in reversed(parts) if reverse else parts:
            painter.setPen(_pen(ink, width))
            painter.drawPoints(pack_points(part))
        painter.restore()

    def _update(self, px: np.ndarray, py: np.ndarray, size: int, device, ratio: float) -> None:
        """Bring the pixmap of the current view up to the current state."""
        state, shown = self.map.state.control, self.map.shown
        if self._image is None or not np.array_equal(shown, self._drawn_shown):
            self._redraw_all(px, py, size, device, ratio)
            return
        _, _, index, a, b = self._cells
        moved = state[index] != self._drawn[index]
        changed = index[moved]
        self._drawn = state.copy()
        if len(changed) > FULL_SHARE * len(index):
            self._redraw_all(px, py, size, device, ratio)
            return
        self.last_update = (changed, changed)
        if not len(changed):
            return
        touching = moved.copy()   # the changed dots and the dots whose fills may touch theirs
        touching[b[moved[a]]] = True
        near = index[touching]
        self.last_update = (changed, near)
        if ratio == 1 and size % 2:
            self._restamp(changed, near, size)
            return
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        painter.setPen(_pen(colour("ink"), size))
        painter.drawPoints(pack_points(np.column_stack([px[changed], py[changed]])))
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
        self._draw(painter, near, px, py, size, outlines=False, reverse=True)
        painter.end()

    def _restamp(self, changed: np.ndarray, near: np.ndarray, size: int) -> None:
        """In the image's memory, clear the changed dots' fill squares and write the
        ``near`` fills from the highest control down, each only on pixels still clear: as
        the Qt update does, the square of ``size`` pixels round each centre (odd, ratio 1)."""
        if self._blocks[0] != size:   # the image's squares of that size, by top left
            r, pad = size // 2, self._pad
            self._blocks = (size, sliding_window_view(self._buffer, (size, size),
                                                      writeable=True),
                            self._ix + (pad - r), self._iy + (pad - r))
        _, blocks, x, y = self._blocks
        blocks[y[changed], x[changed]] = 0
        control = self.map.state.control[near]
        order = np.argsort(-control, kind="stable")
        near, control = near[order], control[order]
        cuts = np.flatnonzero(np.diff(control)) + 1
        for part, c in zip(np.split(near, cuts), np.split(control, cuts), strict=True):
            if len(part):
                squares = blocks[y[part], x[part]]   # a copy: written back whole, so
                squares[squares == 0] = self.map._fills[c[0]].rgba()   # overlaps agree
                blocks[y[part], x[part]] = squares

    def _redraw_all(self, px: np.ndarray, py: np.ndarray, size: int, device,
                    ratio: float) -> None:
        """Draw every shown dot on screen into a new image; pair those whose fills may touch."""
        width = size + 2
        index = np.flatnonzero(self._within(px, py, QRectF(device.rect()), width))
        self._new_image(device.width() * ratio, device.height() * ratio, ratio, 2 * width)
        painter = QPainter(self._image)
        self._draw(painter, index, px, py, size)
        painter.end()
        self._drawn, self._drawn_shown = self.map.state.control.copy(), self.map.shown.copy()
        self.last_update = (index, index)
        if self._cells[:2] != (self._key, size) or not np.array_equal(self._cells[2], index):
            reach = size - 1 if size % 2 else size   # see touching_pairs
            self._cells = (self._key, size, index, *touching_pairs(px[index], py[index], reach))

    def _new_image(self, w: int, h: int, ratio: float, pad: int) -> None:
        """A transparent image of w×h device pixels over ``_buffer``, which has ``pad``
        pixels more all round (a dot's square near the edge writes there harmlessly)."""
        self._image = None   # it reads the buffer: gone before the buffer may go
        w, h = round(w), round(h)
        shape = (h + 2 * pad, w + 2 * pad)
        if self._buffer.shape == shape:
            self._buffer.fill(0)
        else:
            self._buffer = np.zeros(shape, np.uint32)
        self._pad = pad
        self._blocks = (0,)
        start = pad * shape[1] + pad
        self._image = QImage(self._buffer.reshape(-1)[start:].data, w, h, shape[1] * 4,
                              QImage.Format.Format_ARGB32_Premultiplied)
        self._image.setDevicePixelRatio(ratio)

    def site_at(self, scene_pos: QPointF, pixels: float) -> int:
        """The nearest shown site within ``pixels`` of a scene position, or -1."""
        view = self.scene().views()[0] if self.scene() and self.scene().views() else None
        zoom = view.transform().m11() if view else 1.0
        d = np.hypot(self.map.site_xy[:, 0] - scene_pos.x(), self.map.site_xy[:, 1]
                     - scene_pos.y())
        d[~self.map.shown] = np.inf
        i = int(np.argmin(d)) if len(d) else -1
        return i if i >= 0 and d[i] * zoom <= pixels else -1

    def hoverMoveEvent(self, event) -> None:
        i = self.site_at(event.scenePos(), 8)
        self.setToolTip(self.map.tooltip(i) if i >= 0 else "")
        self.setCursor(Qt.CursorShape.PointingHandCursor if i >= 0 else
                       Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event) -> None:
        i = self.site_at(event.scenePos(), 8)
        if i >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.map.site_clicked.emit(i)
            event.accept()
        else:
            event.ignore()
