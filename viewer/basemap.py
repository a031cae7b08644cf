"""Drawing the basemap layers (water, green, streets, bridges…) with QPainter.

Paths are built once per scenario (one path per feature, projected metres). Each paint
culls by bounding box (one numpy test per layer, :mod:`viewer.detail`), chooses line widths
and which street ranks to show by zoom, and on screen draws each feature at the level of
detail of the zoom: paths simplified within a fraction of a pixel, and features smaller than
a pixel as one dot each. The map view caches the result as its background, so scrubbing time
never redraws it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen

from ..geodata.model import Scenario
from ..geodata.projection import LocalProjection
from ..geodata.style import Pass, load_style
from .dashes import draw_dashed
from .detail import LayerDetail
from .paths import paths_of, project_rings
from .symbols import colour


@dataclass
class FeaturePath:
    path: QPainterPath
    props: dict

    @property
    def bounds(self) -> QRectF:
        """The path's box, asked of Qt (the layer's ``LayerDetail.boxes`` has them all)."""
        return self.path.boundingRect()


class Basemap:
    """The projected basemap of one scenario, and how to paint it."""

    def __init__(self, scenario: Scenario, proj: LocalProjection):
        self.layers: dict[str, list[FeaturePath]] = {}
        self.detail: dict[str, LayerDetail] = {}
        for name, layer in scenario.basemap.items():
            if name == "places":
                continue
            rings = project_rings([f.geometry for f in layer.features], proj)
            paths = paths_of(*rings)
            self.layers[name] = [FeaturePath(p, f.properties)
                                 for p, f in zip(paths, layer.features, strict=True)]
            self.detail[name] = LayerDetail(*rings, paths)
        rings = project_rings([{"type": "LineString", "coordinates": list(r.coords)}
                               for r in scenario.routes], proj)
        self.routes = paths_of(*rings)
        self.route_detail = LayerDetail(*rings, self.routes)
        self.route_kinds = [r.kind for r in scenario.routes]
        self.style = load_style()
        self.item_bridges: set[str] = set()   # bridges the scene draws as items
        self._chosen: dict[tuple[str, int], np.ndarray] = {}
        self._fills: dict[tuple[str, int], tuple[np.ndarray, list[QBrush]]] = {}

    def bounds(self) -> QRectF:
        """The box of every feature, from the layers' numpy boxes (empty features have none)."""
        boxes = np.concatenate([d.boxes for d in self.detail.values()] + [np.zeros((0, 4))])
        boxes = boxes[~np.isnan(boxes[:, 0])]
        if not len(boxes):
            return QRectF()
        (x0, y0), (x1, y1) = boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)
        return QRectF(float(x0), float(y0), float(x1 - x0), float(y1 - y0))

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
        if p.dash:   # square ends: as long as round ones, a third of the cost (district edges)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
        return pen

    def _drawn_by(self, layer: str, k: int, p: Pass) -> np.ndarray:
        """Which features of ``layer`` its pass number ``k`` draws (a boolean mask)."""
        key = (layer, k)
        if key not in self._chosen:
            features = self.layers[layer]
            self._chosen[key] = np.array([p.draws(f.props) for f in features], bool) \
                if p.only is not None else np.ones(len(features), bool)
        chosen = self._chosen[key]
        if p.skip_items and self.item_bridges:
            chosen = chosen & ~np.array([f.props.get("id") in self.item_bridges
                                         for f in self.layers[layer]], bool)
        return chosen

    def _fill_of(self, layer: str, k: int, p: Pass) -> tuple[np.ndarray, list[QBrush]]:
        """The brush of every feature for a filling pass: an index into a list of brushes."""
        key = (layer, k)
        if key not in self._fills:
            names = [p.fill_of(f.props) for f in self.layers[layer]]
            distinct = sorted(set(names), key=names.index)
            self._fills[key] = (np.array([distinct.index(n) for n in names], int),
                                [QBrush(colour(n)) for n in distinct])
        return self._fills[key]

    def paint(self, painter: QPainter, exposed: QRectF, zoom: float,
              visible: set[str] | None = None, detail: bool = False) -> None:
        """Paint the layers in ``visible`` (all if None) inside ``exposed`` (scene rect), pass
        by pass as style.toml's [passes] say; ``zoom`` is in pixels per metre. ``detail``:
        draw at the level of detail of ``zoom`` (on screen; vector files get every vertex)."""
        growth = self.style.line_growth(zoom)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for layer, passes in self.style.passes.items():
            if visible is not None and layer not in visible:
                continue
            if layer == "routes":   # every movement, faintly: the moving part is drawn by items
                self._paint_routes(painter, exposed, passes, growth, zoom)
                continue
            lod = self.detail.get(layer)
            if lod is None:
                continue
            reach = max(p.line_width(growth) for p in passes) / 2 + 1   # pixels
            shown = lod.shown(exposed, reach / zoom)
            paths, dots = lod.at(zoom) if detail else (lod.paths, None)
            lines = paths
            if detail and any(p.fill is None and not p.dash for p in passes):
                lines = list(paths)   # lines running out of the view: only what is near
                grown = 2 * reach / zoom
                for i, path in lod.cut(np.flatnonzero(shown), exposed.adjusted(
                        -grown, -grown, grown, grown)).items():
                    lines[i] = path
            for k, p in enumerate(passes):
                if zoom < p.min_zoom:
                    continue
                pen = self.pen(p, growth)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                drawn = shown & self._drawn_by(layer, k, p)
                if dots is not None:   # smaller than a pixel: a dot of the pen
                    self._paint_dots(painter, lod, drawn & dots, pen)
                    drawn &= ~dots
                index = np.flatnonzero(drawn).tolist()
                if p.dash:   # every vertex: the dashes follow the line itself
                    area = painter.worldTransform().mapRect(exposed)
                    for i in index:
                        draw_dashed(painter, lod.paths[i], lod.rings(i), pen, area)
                    continue
                if p.fill is None:
                    for i in index:
                        painter.drawPath(lines[i])
                    continue
                which, brushes = self._fill_of(layer, k, p)
                last = -1
                for i in index:
                    if which[i] != last:
                        last = which[i]
                        painter.setBrush(brushes[last])
                    painter.drawPath(paths[i])

    @staticmethod
    def _paint_dots(painter: QPainter, lod: LayerDetail, drawn: np.ndarray, pen: QPen) -> None:
        if not drawn.any():
            return
        dot = QPen(pen)
        dot.setStyle(Qt.PenStyle.SolidLine)   # a dash of a sub-pixel line is the line
        painter.setPen(dot)
        painter.drawPoints(lod.centres(drawn))
        painter.setPen(pen)

    def _paint_routes(self, painter: QPainter, exposed: QRectF, passes: list[Pass],
                      growth: float, zoom: float) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        lod = self.route_detail
        reach = max(p.line_width(growth) for p in passes) / 2 + 1
        shown = np.flatnonzero(lod.shown(exposed, reach / zoom)).tolist()
        area = painter.worldTransform().mapRect(exposed)
        for p in passes:
            for i in shown:
                draw_dashed(painter, self.routes[i], lod.rings(i), self.pen(
                    p, growth, self.style.routes.get(self.route_kinds[i], [4, 3])), area)

