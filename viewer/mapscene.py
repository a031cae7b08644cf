"""The map's scene: sites and routes as graphics items, restyled from the model's state.

The scene mirrors :class:`geodata.timeline.Timeline`: ``set_time`` asks for the state of
every site and restyles only the items whose control changed, so scrubbing is cheap.
"""

from __future__ import annotations

import html
import time as _time

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from geodata import calendar as cal
from geodata.model import Route, Scenario, Site
from geodata.projection import LocalProjection
from geodata.style import load_style
from geodata.timeline import State, Timeline

from .basemap import Basemap
from .symbols import colour, draw_symbol

PULSE_SECONDS = 0.9
ROUTE_SHAPES = {"ship": "ship", "car": "square", "train": "bar"}


class SiteItem(QGraphicsItem):
    """One site: a symbol of its kind, filled and hatched by its current control."""

    def __init__(self, scene: MapScene, index: int, site: Site):
        super().__init__()
        self.map = scene
        self.index = index
        self.site = site
        self.kind = load_style().kind(site.kind)
        self.fill = QColor("#999999")
        self.hatch = "none"
        self.pending = False
        self.selected = False
        self.pulse_start = -1e9
        r = self.kind.size * 1.5
        self._bounds = QRectF(-r, -r, 2 * r, 2 * r)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(20 + self.kind.priority)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        r = self.kind.size * 0.7
        path.addEllipse(QPointF(0, 0), r, r)
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        size = self.kind.size * self.map.symbol_scale
        phase = (self.map.clock() - self.pulse_start) / PULSE_SECONDS
        if 0 <= phase < 1:
            ring = QColor(self.fill)
            ring.setAlphaF(0.9 * (1 - phase))
            painter.setPen(QPen(ring, 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            radius = size * (0.55 + 0.9 * phase)
            painter.drawEllipse(QPointF(0, 0), radius, radius)
        if self.selected:
            painter.setPen(QPen(colour("selection"), 2.5))
            painter.setBrush(QColor(255, 255, 255, 170))
            painter.drawEllipse(QPointF(0, 0), size * 0.85, size * 0.85)
        draw_symbol(painter, self.kind.shape, size, self.fill, self.hatch,
                    QColor("#2b241d"), load_style().widths["site_outline"])
        if self.pending:  # inside an uncertainty window: a dashed halo
            pen = QPen(QColor("#2b241d"), 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), size * 0.8, size * 0.8)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.map.site_clicked.emit(self.index)
            event.accept()
        else:
            super().mousePressEvent(event)


class RouteItem(QGraphicsItem):
    """A movement: the route, the part travelled by now, and a marker moving along it."""

    def __init__(self, scene: MapScene, route: Route, xy: np.ndarray):
        super().__init__()
        self.map = scene
        self.route = route
        self.xy = xy
        seg = np.hypot(*np.diff(xy, axis=0).T)
        self.cumulative = np.concatenate([[0.0], np.cumsum(seg)])
        self.path = QPainterPath(QPointF(*xy[0]))
        for x, y in xy[1:]:
            self.path.lineTo(x, y)
        self._bounds = self.path.boundingRect().adjusted(-50, -50, 50, 50)
        self.fraction = -1.0
        self.setZValue(10)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def position(self, fraction: float) -> tuple[QPointF, int]:
        """Point at ``fraction`` of the length, and the index of the vertex before it."""
        d = fraction * self.cumulative[-1]
        i = int(np.clip(np.searchsorted(self.cumulative, d, "right") - 1, 0, len(self.xy) - 2))
        span = self.cumulative[i + 1] - self.cumulative[i]
        f = 0.0 if span == 0 else (d - self.cumulative[i]) / span
        x, y = self.xy[i] + f * (self.xy[i + 1] - self.xy[i])
        return QPointF(x, y), i

    def set_time(self, t: int) -> None:
        r = self.route
        fraction = -1.0 if t < r.start else min((t - r.start) / (r.end - r.start), 1.0)
        if fraction != self.fraction:
            self.fraction = fraction
            self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        style = load_style()
        ink = colour("route")
        dash = style.routes.get(self.route.kind, [4, 3])
        faint = QPen(QColor(ink.red(), ink.green(), ink.blue(), 90), 1.6)
        faint.setCosmetic(True)
        faint.setDashPattern(dash)
        painter.setPen(faint)
        painter.drawPath(self.path)
        if self.fraction < 0:
            return
        point, i = self.position(self.fraction)
        done = QPainterPath(QPointF(*self.xy[0]))
        for x, y in self.xy[1:i + 1]:
            done.lineTo(x, y)
        done.lineTo(point)
        solid = QPen(ink, style.widths["route"] * self.map.symbol_scale)
        solid.setCosmetic(True)
        solid.setDashPattern(dash)
        painter.setPen(solid)
        painter.drawPath(done)
        if self.fraction < 1:
            scale = painter.worldTransform().m11()
            painter.save()
            painter.translate(point)
            painter.scale(1 / scale, 1 / scale)  # marker in pixels
            shape = ROUTE_SHAPES.get(self.route.kind, "circle")
            draw_symbol(painter, shape, 13 * self.map.symbol_scale, QColor("#ffffff"), "none",
                        ink, 2.0)
            painter.restore()


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
        self.symbol_scale = 1.0            # bigger in presentation mode
        self.lang = "en"
        self.state: State | None = None
        self.selected = -1
        self.pulse_until = -1e9
        self.extent_rect = self.rect_of(scenario.extent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

        lon = np.array([s.lon for s in scenario.sites])
        lat = np.array([s.lat for s in scenario.sites])
        x, y = self.proj.forward(lon, lat) if len(lon) else (lon, lat)
        self.site_xy = np.column_stack([x, -y]) if len(lon) else np.zeros((0, 2))
        self.sites: list[SiteItem] = []
        inset = self.extent_rect.adjusted(300, 300, -300, -300)
        for i, site in enumerate(scenario.sites):
            item = SiteItem(self, i, site)
            px, py = self.site_xy[i]
            if site.off_map:   # pinned to the edge of the map, towards where it lies
                px = min(max(px, inset.left()), inset.right())
                py = min(max(py, inset.top()), inset.bottom())
                self.site_xy[i] = (px, py)
            item.setPos(px, py)
            self.addItem(item)
            self.sites.append(item)
        self.routes: list[RouteItem] = []
        for route in scenario.routes:
            rlon, rlat = np.array(route.coords).T
            rx, ry = self.proj.forward(rlon, rlat)
            item = RouteItem(self, route, np.column_stack([rx, -ry]))
            self.addItem(item)
            self.routes.append(item)
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
                                     | (old.pending != state.pending)
                                     | (old.event != state.event))
        controls = self.scenario.controls
        ids = self.timeline.control_ids
        now = self.clock()
        flipped = []
        for i in changed.tolist():
            item = self.sites[i]
            control = controls[ids[state.control[i]]]
            if animate and old is not None and old.control[i] != state.control[i]:
                item.pulse_start = now
                self.pulse_until = now + PULSE_SECONDS
                flipped.append(i)
            item.fill = QColor(control.colour)
            item.hatch = control.hatch
            item.pending = bool(state.pending[i])
            item.setToolTip(self.tooltip(i))
            item.update()
        for route in self.routes:
            route.set_time(state.time)
        return flipped

    def control_of(self, index: int):
        return self.scenario.controls[self.timeline.control_ids[self.state.control[index]]]

    def deciding_event(self, index: int):
        k = int(self.state.event[index])
        return self.scenario.events[k] if k >= 0 else None

    def tooltip(self, index: int) -> str:
        """Rich-text tooltip; every piece of scenario text is escaped."""
        site = self.scenario.sites[index]
        control = self.control_of(index)
        event = self.deciding_event(index)
        since = ""
        if event is not None:
            since = (f"<br>since {html.escape(cal.format_day(event.time, self.scenario.calendar))}"
                     f", {cal.clock(event.time)}")
        return (f"<p style='white-space:pre'><b>{html.escape(site.name_en)}</b><br>"
                f"{html.escape(site.name_ru)}<br>"
                f"<span style='color:{control.colour}'>■</span> "
                f"{html.escape(control.label(self.lang))}{since}</p>")

    def select(self, index: int) -> None:
        if 0 <= self.selected < len(self.sites):
            self.sites[self.selected].selected = False
            self.sites[self.selected].update()
        self.selected = index
        if 0 <= index < len(self.sites):
            self.sites[index].selected = True
            self.sites[index].update()

    def pulse(self, index: int) -> None:
        """Draw the eye to a site (an event just happened there)."""
        now = self.clock()
        self.sites[index].pulse_start = now
        self.pulse_until = now + PULSE_SECONDS

    def pulsing(self) -> bool:
        return self.clock() < self.pulse_until

    def bridge_colours(self) -> dict[str, QColor]:
        """Bridges that are also sites are drawn in the colour of their control."""
        out = {}
        for i, site in enumerate(self.scenario.sites):
            if site.kind == "bridge":
                out[site.id] = QColor(self.control_of(i).colour)
        return out
