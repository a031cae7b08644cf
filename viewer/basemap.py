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
from ..geodata.style import Pass, load_style
from .paths import layer_paths
from .symbols import colour


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
        return self.style.widths[name] * self.style.line_growth(zoom)

    def item_pen(self, zoom: float = 0.0) -> QPen:
        """The pen of a bridge the scene draws as an item: the pass that leaves it out."""
        deck = next(p for p in self.style.passes["bridges"] if p.skip_items)
        return self.pen(deck, self.style.line_growth(zoom) if zoom else 1.0)

    def pen(self, p: Pass, growth: float, dash: list[float] | None = None) -> QPen:
        """The cosmetic pen of pass ``p`` at a zoom where lines grow by ``growth``."""
        pen = QPen(colour(p.stroke, round(255 * p.opacity)), p.line_width(growth),
                   Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        pen.setCosmetic(True)
        if dash or p.dash:
            pen.setDashPattern(list(dash or p.dash))
        return pen

    def _visible(self, layer: str, exposed: QRectF, margin: float = 0.0):
        for f in self.layers.get(layer, ()):
            if f.bounds.adjusted(-margin, -margin, margin, margin).intersects(exposed):
                yield f

    def paint(self, painter: QPainter, exposed: QRectF, zoom: float,
              visible: set[str] | None = None) -> None:
        """Paint the layers in ``visible`` (all if None) inside ``exposed`` (scene rect), pass
        by pass as style.toml's [passes] say; ``zoom`` is in pixels per metre."""
        growth = self.style.line_growth(zoom)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for layer, passes in self.style.passes.items():
            if visible is not None and layer not in visible:
                continue
            if layer == "routes":   # every movement, faintly: the moving part is drawn by items
                self._paint_routes(painter, exposed, passes, growth)
                continue
            features = list(self._visible(layer, exposed))
            for p in passes:
                if zoom < p.min_zoom:
                    continue
                painter.setPen(self.pen(p, growth))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for f in features:
                    if not p.draws(f.props) or (p.skip_items
                                                and f.props.get("id") in self.item_bridges):
                        continue
                    if p.fill is not None:
                        painter.setBrush(QBrush(colour(p.fill_of(f.props))))
                    painter.drawPath(f.path)

    def _paint_routes(self, painter: QPainter, exposed: QRectF, passes: list[Pass],
                      growth: float) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for p in passes:
            for path, kind in zip(self.routes, self.route_kinds, strict=True):
                if path.boundingRect().intersects(exposed):
                    painter.setPen(self.pen(p, growth, self.style.routes.get(kind, [4, 3])))
                    painter.drawPath(path)
