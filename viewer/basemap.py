"""Drawing the basemap layers (water, green, streets, bridges…) with QPainter.

Paths are built once per scenario (one path per feature, projected metres); each paint
culls by bounding box and chooses line widths and which street ranks to show by zoom.
The map view caches the result as its background, so scrubbing time never redraws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen

from ..geodata.model import Scenario
from ..geodata.projection import LocalProjection
from ..geodata.style import load_style
from .paths import layer_paths
from .symbols import colour

# Below this zoom (pixels per metre) secondary streets are left out.
SECONDARY_STREETS_ZOOM = 0.22


def _grow(zoom: float) -> float:
    """Lines thicken as we zoom in (zoom in pixels per metre)."""
    return min(max((zoom / 0.15) ** 0.5, 0.75), 3.0)


@dataclass
class FeaturePath:
    path: QPainterPath
    bounds: QRectF
    props: dict


class Basemap:
    """The projected basemap of one scenario, and how to paint it."""

    def __init__(self, scenario: Scenario, proj: LocalProjection):
        self.layers: dict[str, list[FeaturePath]] = {}
        for name, layer in scenario.basemap.items():
            if name == "places":
                continue
            paths = layer_paths([f.geometry for f in layer.features], proj)
            self.layers[name] = [FeaturePath(p, p.boundingRect(), f.properties)
                                 for p, f in zip(paths, layer.features, strict=True)]
        self.routes = layer_paths([{"type": "LineString", "coordinates": list(r.coords)}
                                   for r in scenario.routes], proj)
        self.route_kinds = [r.kind for r in scenario.routes]
        self.style = load_style()
        self.item_bridges: set[str] = set()   # bridges the scene draws as items

    def bounds(self) -> QRectF:
        rect = QRectF()
        for features in self.layers.values():
            for f in features:
                rect = rect.united(f.bounds)
        return rect

    def line_width(self, name: str, zoom: float) -> float:
        return self.style.widths[name] * _grow(zoom)

    def pen(self, name: str, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(colour(name), width, style, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        pen.setCosmetic(True)
        return pen

    def _visible(self, layer: str, exposed: QRectF, margin: float = 0.0):
        for f in self.layers.get(layer, ()):
            if f.bounds.adjusted(-margin, -margin, margin, margin).intersects(exposed):
                yield f

    def paint(self, painter: QPainter, exposed: QRectF, zoom: float,
              visible: set[str] | None = None) -> None:
        """Paint the layers in ``visible`` (all if None) inside ``exposed`` (scene rect)."""
        show = (lambda name: True) if visible is None else (lambda name: name in visible)
        w = self.style.widths
        grow = _grow(zoom)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

        if show("districts"):
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(self.pen("district_edge", 1.2, Qt.PenStyle.DashLine))
            for f in self._visible("districts", exposed):
                painter.drawPath(f.path)
        for layer, fill, edge in (("green", "green", "green_edge"),
                                  ("water", "water", "water_edge")):
            if not show(layer):
                continue
            painter.setPen(self.pen(edge, 0.8))
            for f in self._visible(layer, exposed):
                square = f.props.get("kind") == "square"
                painter.setBrush(QBrush(colour("square" if square else fill)))
                painter.drawPath(f.path)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if show("railways"):
            painter.setPen(self.pen("railway", w["railway"] * grow))
            for f in self._visible("railways", exposed):
                painter.drawPath(f.path)
            dash = self.pen("paper", w["railway"] * grow * 0.45, Qt.PenStyle.DashLine)
            painter.setPen(dash)
            for f in self._visible("railways", exposed):
                painter.drawPath(f.path)
        if show("streets"):
            ranks = ["main"] if zoom < SECONDARY_STREETS_ZOOM else ["secondary", "main"]
            streets = list(self._visible("streets", exposed))
            for rank in ranks:
                width = w[f"street_{rank}"] * grow
                group = [f for f in streets if (f.props.get("rank") or "secondary") == rank]
                painter.setPen(self.pen(f"street_{rank}_casing", width + 2.0))
                for f in group:
                    painter.drawPath(f.path)
                painter.setPen(self.pen(f"street_{rank}", width))
                for f in group:
                    painter.drawPath(f.path)
        if show("routes"):   # every movement, faintly: the moving part is drawn by items
            ink = colour("route", 90)
            for path, kind in zip(self.routes, self.route_kinds, strict=True):
                if path.boundingRect().intersects(exposed):
                    pen = QPen(ink, 1.6)
                    pen.setCosmetic(True)
                    pen.setDashPattern(self.style.routes.get(kind, [4, 3]))
                    painter.setPen(pen)
                    painter.drawPath(path)
        if show("bridges"):
            width = w["bridge"] * grow
            bridges = list(self._visible("bridges", exposed))
            painter.setPen(self.pen("paper", width + 2.5, Qt.PenStyle.SolidLine))
            for f in bridges:
                painter.drawPath(f.path)
            painter.setPen(self.pen("bridge", width))
            for f in bridges:
                if f.props.get("id") not in self.item_bridges:
                    painter.drawPath(f.path)
