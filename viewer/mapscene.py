"""The map's scene: sites and routes as graphics items, restyled from the model's state.

The scene mirrors :class:`geodata.timeline.Timeline`: ``set_time`` asks for the state of
every site and restyles only the items whose control changed, so scrubbing is cheap.
"""

from __future__ import annotations

import bisect
import time as _time
import weakref
from collections.abc import Iterator

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
)

from ..geodata.eventtime import event_when
from ..geodata.model import Route, Scenario, Site
from ..geodata.placement import map_position
from ..geodata.projection import LocalProjection
from ..geodata.style import load_style
from ..geodata.timeline import State, Timeline
from .basemap import Basemap
from .dots import DotLayer
from .routelayer import RouteLayer, on_screen
from .symbols import colour, symbol_pixmap

PULSE_SECONDS = 0.9
DOTS_ABOVE = 2000   # more sites than this are drawn as dots by one DotLayer
MAX_PULSES = 40   # a jump that flips more sites than this is not animated: it would be noise
ROUTE_SHAPES = {"ship": "ship", "car": "square", "train": "bar"}
RECENT_MINUTES = 360   # a route stays drawn solid this long after its arrival


class SiteItem(QGraphicsPixmapItem):
    """One site: a symbol of its kind, filled and hatched by its current control.

    The symbol is a pixmap drawn once per shape, size, colour, hatch and halo (kept by
    ``functools.cache`` in :func:`viewer.symbols.symbol_pixmap`, not by Qt's QPixmapCache),
    shown by a C++ pixmap item: restyling or repainting thousands of sites calls no Python at all.
    Pulses and the selection ring are drawn by the view, over the symbols.
    """

    def __init__(self, scene: MapScene, index: int, site: Site):
        super().__init__()
        self.map = weakref.proxy(scene)   # the scene holds its items: no cycle back
        self.index = index
        self.site = site
        self.kind = load_style().kind(site.kind)
        self.fill = colour("site_unset")
        self.hatch = "none"
        self.pending = False
        self.pulse_start = -1e9
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(20 + self.kind.priority)

    @property
    def size(self) -> float:
        return self.kind.size * self.map.symbol_scale

    def restyle(self) -> None:
        ratio = self.map.pixel_ratio
        pixmap = symbol_pixmap(self.kind.shape, self.size, self.fill.rgba(), self.hatch,
                               self.pending, ratio)
        self.setPixmap(pixmap)
        half = pixmap.width() / ratio / 2
        self.setOffset(-half, -half)

    def hoverEnterEvent(self, event) -> None:
        self.setToolTip(self.map.tooltip(self.index))   # built only when someone looks
        super().hoverEnterEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.map.site_clicked.emit(self.index)
            event.accept()
        else:
            super().mousePressEvent(event)


class SiteItems:
    """A scene's :class:`SiteItem` by site index, each built the first time it is asked for.

    Up to ``DOTS_ABOVE`` sites every item is built at once: they are in the scene and draw
    the sites. Above it the dot layer draws them and hover and click find the site with
    numpy, so an item (not added to the scene) is only built for a site something asks
    about — the selection ring, a pulse, a bridge deck, a print — styled for the current
    state, and kept styled from then on. The synthetic scenario's 10 000 items cost its
    first frame ~0.2 s. Iterating builds every item; :meth:`built` only those there are.
    """

    def __init__(self, scene: MapScene):
        self._scene = weakref.ref(scene)   # the scene holds this: no cycle back
        self._items: list[SiteItem | None] = [None] * len(scene.scenario.sites)
        self._built = np.zeros(len(self._items), bool)   # kept: a time step asks each time
        if not scene.dots:
            for i in range(len(self._items)):
                self[i]

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> SiteItem:
        index = range(len(self._items))[index]   # as a list's: negative, IndexError
        item = self._items[index]
        if item is None:
            scene = self._scene()
            item = self._items[index] = SiteItem(scene, index, scene.scenario.sites[index])
            self._built[index] = True
            item.setPos(*scene.site_xy[index])   # off-map sites pinned inside the edge
            if not scene.dots:
                scene.addItem(item)
            elif scene.state is not None:
                c = scene.state.control[index]
                item.fill, item.hatch = scene._fills[c], scene._hatches[c]
                item.pending = bool(scene.state.pending[index])
                item.setVisible(bool(scene.shown[index]))
        return item

    def __iter__(self) -> Iterator[SiteItem]:
        return (self[i] for i in range(len(self._items)))

    def built(self) -> list[SiteItem]:
        return [item for item in self._items if item is not None]

    def built_mask(self) -> np.ndarray:
        return self._built.copy()


class RouteItem(QGraphicsItem):
    """A movement: the route, the part travelled by now, and a marker moving along it."""

    def __init__(self, scene: MapScene, route: Route, xy: np.ndarray):
        super().__init__()
        self.map = weakref.proxy(scene)   # the scene holds its items: no cycle back
        self.route = route
        self.xy = xy
        seg = np.hypot(*np.diff(xy, axis=0).T)
        self.cumulative = np.concatenate([[0.0], np.cumsum(seg)])
        self._lengths = self.cumulative.tolist()   # plain floats: paint runs every step
        self._points = [QPointF(x, y) for x, y in xy.tolist()]
        self.path = QPainterPath(self._points[0])
        for point in self._points[1:]:
            self.path.lineTo(point)
        self._bounds = self.path.boundingRect().adjusted(-50, -50, 50, 50)
        self._travelled: dict[int, QPainterPath] = {}   # vertex -> the path up to it
        self._pen: tuple[float, QPen] | None = None
        self._marker: tuple | None = None   # (pixel ratio, scale), pixmap, half its size
        self.fraction = -1.0
        self.setZValue(10)
        self.setVisible(False)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def position(self, fraction: float) -> tuple[QPointF, int]:
        """Point at ``fraction`` of the length, and the index of the vertex before it."""
        lengths, points = self._lengths, self._points
        d = fraction * lengths[-1]
        i = min(max(bisect.bisect_right(lengths, d) - 1, 0), len(points) - 2)
        span = lengths[i + 1] - lengths[i]
        f = 0.0 if span == 0 else (d - lengths[i]) / span
        a, b = points[i], points[i + 1]
        return a + f * (b - a), i

    def _path_to(self, i: int) -> QPainterPath:
        """The route from its start to vertex ``i`` (kept: a scrub passes each often)."""
        path = self._travelled.get(i)
        if path is None:
            path = QPainterPath(self._points[0])
            for point in self._points[1:i + 1]:
                path.lineTo(point)
            self._travelled[i] = path
        return path

    def _route_pen(self) -> QPen:
        scale = self.map.symbol_scale
        if self._pen is None or self._pen[0] != scale:
            style = load_style()
            pen = QPen(colour("route"), style.widths["route"] * scale)
            pen.setCosmetic(True)
            pen.setDashPattern(style.routes.get(self.route.kind, [4, 3]))
            self._pen = (scale, pen)
        return self._pen[1]

    def set_time(self, t: int) -> None:
        """Shown while moving and for a while after arriving; otherwise only the faint
        line in the cached basemap remains, so idle routes cost nothing to repaint."""
        r = self.route
        fraction = -1.0 if t < r.start else min((t - r.start) / (r.end - r.start), 1.0)
        self.setVisible(self.map.show_routes and r.start <= t <= r.end + RECENT_MINUTES)
        if fraction != self.fraction:
            self.fraction = fraction
            self.update()

    def marker(self) -> tuple[QPixmap, QPointF]:
        """The moving marker, in pixels, from the symbol cache, and half its size."""
        ratio, scale = self.map.pixel_ratio, self.map.symbol_scale
        if self._marker is None or self._marker[0] != (ratio, scale):
            marker = symbol_pixmap(ROUTE_SHAPES.get(self.route.kind, "circle"),
                                   13 * scale, 0xFFFFFFFF, "none", False, ratio)
            half = marker.width() / ratio / 2
            self._marker = ((ratio, scale), marker, QPointF(half, half))
        return self._marker[1], self._marker[2]

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.fraction < 0 or on_screen(painter, widget):   # the route layer draws it
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        point, i = self.position(self.fraction)
        done = QPainterPath(self._path_to(i))
        done.lineTo(point)
        painter.setPen(self._route_pen())
        painter.drawPath(done)
        if self.fraction < 1:
            marker, half = self.marker()
            world = painter.worldTransform()
            painter.resetTransform()
            painter.drawPixmap(world.map(point) - half, marker)
            painter.setWorldTransform(world)


class MapScene(QGraphicsScene):
    """Sites, routes and the basemap of one scenario, styled for one time."""

    site_clicked = Signal(int)

    def __init__(self, scenario: Scenario, timeline: Timeline | None = None, parent=None):
        super().__init__(parent)
        self.scenario = scenario
        self.timeline = timeline or Timeline(scenario)
        x0, y0, x1, y1 = scenario.extent
        self.proj = LocalProjection((x0 + x1) / 2, (y0 + y1) / 2)
        self.basemap = Basemap(scenario, self.proj)
        self.clock = _time.monotonic       # replaced by frame time in video export
        self.show_routes = True
        self.kinds = {s.kind for s in scenario.sites}   # for the legend
        if len(scenario.sites) > DOTS_ABOVE:
            self.kinds = set()   # dots do not show the kind of site
        self.symbol_scale = 1.0            # bigger in presentation mode
        self.lang = "en"
        self.state: State | None = None
        self.selected = -1
        self.pixel_ratio = 1.0             # of the screen shown on; symbols are that sharp
        self.pulsed: list[int] = []        # sites whose pulse may still be running
        self.extent_rect = self.rect_of(scenario.extent)
        controls = [scenario.controls[c] for c in self.timeline.control_ids]
        self._fills = [QColor(c.colour) for c in controls]
        self._hatches = [c.hatch for c in controls]
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

        where = [map_position(s, scenario.extent) for s in scenario.sites]
        lon = np.array([p[0] for p in where])
        lat = np.array([p[1] for p in where])
        x, y = self.proj.forward(lon, lat) if len(lon) else (lon, lat)
        self.site_xy = np.column_stack([x, -y]) if len(lon) else np.zeros((0, 2))
        self.dots = len(scenario.sites) > DOTS_ABOVE
        self.shown = np.ones(len(scenario.sites), bool)   # kind visible in the Layers panel
        self.sites = SiteItems(self)
        self.dot_layer = DotLayer(self) if self.dots else None
        if self.dot_layer is not None:
            self.addItem(self.dot_layer)
        # Bridges that are sites: their deck is drawn as an item in the colour of its control,
        # so a bridge changing hands never invalidates the cached basemap.
        self.bridges: dict[int, QGraphicsPathItem] = {}
        site_bridges = {s.id: i for i, s in enumerate(scenario.sites) if s.kind == "bridge"}
        for feature in self.basemap.layers.get("bridges", []):
            i = site_bridges.get(feature.props.get("id"))
            if i is not None:
                item = QGraphicsPathItem(feature.path)
                item.setPen(self.basemap.item_pen())
                item.setZValue(5)
                self.addItem(item)
                self.bridges[i] = item
                self.basemap.item_bridges.add(feature.props["id"])
        self.routes: list[RouteItem] = []
        for route in scenario.routes:
            rlon, rlat = np.array(route.coords).T
            rx, ry = self.proj.forward(rlon, rlat)
            item = RouteItem(self, route, np.column_stack([rx, -ry]))
            self.addItem(item)
            self.routes.append(item)
        starts = np.array([r.route.start for r in self.routes], np.int64)
        ends = np.array([r.route.end for r in self.routes], np.int64)
        self._route_span = (starts, ends, np.maximum(ends - starts, 1))
        self._route_state: np.ndarray | None = None   # fractions, then shown (as 0/1)
        self.route_layer = RouteLayer(self) if self.routes else None
        if self.route_layer is not None:
            self.addItem(self.route_layer)
        margin = max(self.extent_rect.width(), self.extent_rect.height())
        self.setSceneRect(self.extent_rect.united(self.basemap.bounds()).adjusted(
            -margin, -margin, margin, margin))
        self.set_time(scenario.start, animate=False)

    # -- geometry -----------------------------------------------------------------------
    def rect_of(self, extent) -> QRectF:
        """Scene rectangle of a lon/lat extent."""
        x0, y0, x1, y1 = extent
        xs, ys = self.proj.forward([x0, x1, x0, x1], [y0, y0, y1, y1])
        return QRectF(QPointF(min(xs), -max(ys)), QPointF(max(xs), -min(ys)))

    def extent_of(self, rect: QRectF) -> tuple[float, float, float, float]:
        lon, lat = self.proj.inverse([rect.left(), rect.right()],
                                     [-rect.bottom(), -rect.top()])
        return float(lon[0]), float(lat[0]), float(lon[1]), float(lat[1])

    def lonlat(self, point: QPointF) -> tuple[float, float]:
        lon, lat = self.proj.inverse([point.x()], [-point.y()])
        return float(lon[0]), float(lat[0])

    # -- time ---------------------------------------------------------------------------
    def set_time(self, t: int, animate: bool = True) -> list[int]:
        """Restyle for time ``t``; return the indices of sites whose control changed."""
        state = self.timeline.state_at(t)
        old = self.state
        self.state = state
        if old is None:
            changed = np.arange(len(self.sites))
        else:
                changed = np.flatnonzero((old.control != state.control)
                                     | (old.pending != state.pending))
        fills, hatches = self._fills, self._hatches
        now = self.clock()
        flipped = []
        control, pending = state.control, state.pending
        if animate and old is not None and np.count_nonzero(
                old.control[changed] != control[changed]) > MAX_PULSES:
            animate = False
        if self.dots:   # the dot layer reads the state itself; items only where built
            kept = self.sites.built_mask()
            kept[list(self.bridges)] = True
            if animate and old is not None:   # at most MAX_PULSES flips: their pulses
                kept |= old.control != control
            changed = changed[kept[changed]]
        for i in changed.tolist():
            item = self.sites[i]
            c = control[i]
            if animate and old is not None and old.control[i] != c:
                item.pulse_start = now
                flipped.append(i)
                self.pulsed.append(i)
            item.fill = fills[c]
            item.hatch = hatches[c]
            item.pending = bool(pending[i])
            if not self.dots:
                item.restyle()
            bridge = self.bridges.get(i)
            if bridge is not None:
                pen = bridge.pen()
                pen.setColor(fills[c])
                bridge.setPen(pen)
        if self.dot_layer is not None and old is not None:
            self.dot_layer.update()
        self._set_route_times(state.time)
        return flipped

    def _set_route_times(self, t: int) -> None:
        """``RouteItem.set_time(t)`` for the routes whose visibility or travelled share
        changes (found with numpy): for the others it would change nothing."""
        span = self._route_span
        fraction = np.where(t < span[0], -1.0, np.minimum((t - span[0]) / span[2], 1.0))
        now = np.concatenate([fraction, (span[0] <= t) & (t <= span[1] + RECENT_MINUTES)])
        last, self._route_state = self._route_state, now
        ks = range(len(self.routes)) if last is None else \
            np.flatnonzero((now != last).reshape(2, -1).any(axis=0)).tolist()
        for k in ks:
            self.routes[k].set_time(t)

    def control_of(self, index: int):
        return self.scenario.controls[self.timeline.control_ids[self.state.control[index]]]

    def tooltip(self, index: int) -> str:
        """Rich-text tooltip; every piece of scenario text is escaped."""
        import html  # not on the start's path (an import of ~2 ms)

        site = self.scenario.sites[index]
        control = self.control_of(index)
        k = self.timeline.control_setter(site.id, self.state.time)   # when it began
        since = ""
        if k >= 0:
            when = event_when(self.scenario.events[k], self.scenario.calendar, self.lang)
            since = f"<br>since {html.escape(when)}"
        return (f"<p style='white-space:pre'><b>{html.escape(site.name_en)}</b><br>"
                f"{html.escape(site.name_ru)}<br>"
                f"<span style='color:{control.colour}'>■</span> "
                f"{html.escape(control.label(self.lang))}{since}</p>")

    def show(self, kinds: set[str], routes: bool) -> None:
        """Show the sites of ``kinds`` only, and the routes or not."""
        self.shown = np.array([s.kind in kinds for s in self.scenario.sites], bool)
        for item in self.sites.built():
            item.setVisible(bool(self.shown[item.index]))
        if self.dot_layer is not None:
            self.dot_layer.update()
        self.show_routes = routes
        self._route_state = None   # every route asked again
        self._set_route_times(self.state.time)

    def select(self, index: int) -> None:
        self.selected = index

    def set_zoom(self, zoom: float) -> None:
        """Bridge decks thicken with zoom, like the basemap's lines."""
        width = self.basemap.line_width("bridge", zoom)
        for item in self.bridges.values():
            pen = item.pen()
            if pen.widthF() != width:
                pen.setWidthF(width)
                item.setPen(pen)

    def set_symbol_scale(self, scale: float, pixel_ratio: float | None = None) -> None:
        """Resize (presentation mode) or re-render (another screen) every symbol."""
        self.symbol_scale = scale
        if pixel_ratio is not None:
            self.pixel_ratio = pixel_ratio
        if self.dot_layer is not None:
            self.dot_layer.update()
            return
        for item in self.sites.built():
            item.restyle()

    def pulse(self, index: int) -> None:
        """Draw the eye to a site (an event just happened there)."""
        now = self.clock()
        self.sites[index].pulse_start = now
        self.pulsed.append(index)
