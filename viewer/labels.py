"""Map labels: where the names of sites, waters, islands and streets go without colliding,
and how they are drawn (text with a halo). Laid out for one view of a :class:`MapView`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from ..geodata.placement import may_cover_symbols
from ..geodata.style import load_style
from .label_index import BoxGrid, label_index
from .overlays import font
from .symbols import colour

MAX_SITE_LABELS = 400


@dataclass
class Label:
    """A label placed in a view: its text, box, kind and (streets) angle."""

    text: str
    rect: QRectF          # screen rectangle (unrotated) where the text is drawn
    kind: str             # "site", "water", "island", "street"
    angle: float = 0.0
    anchor: QPointF | None = None


def label_font(kind: str, scale: float) -> QFont:
    """The font of a label of ``kind`` ("site", "water", "island", "street")."""
    size = float(load_style().fonts["label_size"])
    return {"site": font(size * scale, bold=True),
            "water": font(size * 1.05 * scale, serif=True, italic=True),
            "island": font(size * 1.1 * scale, serif=True),
            "street": font(size * 0.85 * scale)}[kind]


def font_scale(view) -> float:
    """Labels grow with the overlays and, more gently, with the symbols (presentation)."""
    return view.overlay_scale * view.map.symbol_scale ** 0.5


def draw_labels(painter: QPainter, labels: list[Label], halo_scale: float,
                scale: float, vector: bool = False) -> None:
    """Text with a halo: the text drawn in the halo colour around a ring of offsets,
    then in ink. ``drawText`` uses Qt's glyph cache; stroking each label's outline as a
    path was ~15× slower (the first paint and every pan and zoom pay for it). For print
    (``vector``) the halo is that stroked outline, so each label is one text in the file."""
    halo = colour("label_halo")
    offsets = halo_offsets(1.6 * halo_scale)
    halo_pen = QPen(halo, 3.2 * halo_scale, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin)
    for label in labels:
        f = label_font(label.kind, scale)
        painter.setFont(f)
        m = QFontMetricsF(f)
        painter.save()
        if label.angle:
            painter.translate(label.anchor)
            painter.rotate(label.angle)
            painter.translate(-m.horizontalAdvance(label.text) / 2, m.ascent() / 2 - 1)
        else:
            painter.translate(label.rect.left(), label.rect.top() + m.ascent())
        if vector:
            outline = QPainterPath()
            outline.addText(QPointF(0, 0), f, label.text)
            painter.strokePath(outline, halo_pen)
        else:
            painter.setPen(halo)
            for offset in offsets:
                painter.drawText(offset, label.text)
        painter.setPen(colour("label_water") if label.kind == "water" else colour("label"))
        painter.drawText(QPointF(0, 0), label.text)
        painter.restore()


def layout_labels(view, panels: list[QRectF]) -> list[Label]:
    """Greedy placement by priority in ``view`` (a MapView): sites, then water and islands,
    then streets; nothing under the ``panels`` (date, legend, captions)."""
    area = QRectF(view.viewport().rect())
    placed = LabelGrid()
    labels: list[Label] = []
    scene = view.map
    scenario = scene.scenario
    scale = font_scale(view)

    def free(rect: QRectF) -> bool:
        return area.contains(rect) and not placed.hits(rect)

    for panel in panels:
        placed.append(panel)

    # Symbols are obstacles for every label, except that a central site's name may cover
    # other symbols rather than go unnamed (the page follows the same rule).
    index = label_index(scene)
    pts = site_screen_points(view)
    inside = (pts[:, 0] >= 0) & (pts[:, 0] <= area.width()) & (pts[:, 1] >= 0) & \
        (pts[:, 1] <= area.height()) & scene.shown if len(pts) else np.zeros(0, bool)
    visible = np.flatnonzero(inside)
    r = index.radius[visible] * scene.symbol_scale
    x0, y0 = pts[visible, 0] - r, pts[visible, 1] - r
    symbols = BoxGrid(x0, y0, x0 + 2 * r, y0 + 2 * r)   # as QRectF(x - r, y - r, 2r, 2r)

    def clear(rect: QRectF) -> bool:
        return free(rect) and not symbols.hits(rect)
    order = index.site_order(visible, scene.selected)
    m = QFontMetricsF(label_font("site", scale))
    for i in order[:MAX_SITE_LABELS]:
        text = scenario.sites[i].name(view.lang)
        w, h = m.horizontalAdvance(text) + 2, m.height()
        r = index.radius[i] * scene.symbol_scale + 3   # the symbol's half size
        x, y = pts[i]
        spots = (QRectF(x + r, y - h / 2, w, h), QRectF(x - r - w, y - h / 2, w, h),
                 QRectF(x - w / 2, y - r - h, w, h), QRectF(x - w / 2, y + r, w, h))
        spot = next((c for c in spots if clear(c)), None)
        if spot is None and may_cover_symbols(scenario.sites[i]):
            spot = next((c for c in spots if free(c)), None)
        if spot is not None:
            placed.append(spot)
            labels.append(Label(text, spot, "site"))
    if "places" in view.visible_layers and "places" in scenario.basemap:
        for feature in scenario.basemap["places"].features:
            kind = "water" if feature.properties.get("kind") == "water" else "island"
            text = feature.name_ru if view.lang == "ru" else feature.name_en
            lon, lat = feature.geometry["coordinates"][:2]
            x, y = scene.proj.forward([lon], [lat])
            p = view.mapFromScene(QPointF(float(x[0]), -float(y[0])))
            mm = QFontMetricsF(label_font(kind, scale))
            w, h = mm.horizontalAdvance(text) + 2, mm.height()
            cand = QRectF(p.x() - w / 2, p.y() - h / 2, w, h)
            if text and clear(cand):
                placed.append(cand)
                labels.append(Label(text, cand, kind))
    if "streets" in view.visible_layers and view.zoom >= 0.3:
        labels += street_labels(view, clear, placed)
    return labels


def street_labels(view, free: Callable[[QRectF], bool], placed: LabelGrid) -> list[Label]:
    """Street names along each street's longest straight piece, main streets first."""
    out = []
    m = QFontMetricsF(label_font("street", font_scale(view)))
    index = label_index(view.map)
    zoom = view.transform().m11()
    scroll = np.array([view.horizontalScrollBar().value(), view.verticalScrollBar().value()])
    mid = index.street_mid * zoom - scroll
    length = index.street_length * zoom
    area = view.viewport().rect()
    near = (length >= 24) & (mid[:, 0] >= 0) & (mid[:, 0] <= area.width()) & \
        (mid[:, 1] >= 0) & (mid[:, 1] <= area.height())   # else the name cannot fit
    lang = 1 if view.lang == "ru" else 0
    for k in np.flatnonzero(near).tolist():
        text = index.street_names[k][lang]
        if not text:
            continue
        w = m.horizontalAdvance(text)
        if length[k] < w + 24:
            continue
        angle = float(index.street_angle[k])
        x, y = mid[k].tolist()
        half_w = abs(math.cos(math.radians(angle))) * w / 2 + 4
        half_h = abs(math.sin(math.radians(angle))) * w / 2 + m.height() / 2
        box = QRectF(x - half_w, y - half_h, 2 * half_w, 2 * half_h)
        if free(box):
            placed.append(box)
            out.append(Label(text, box, "street", angle or 0.001, QPointF(x, y)))
    return out


def site_screen_points(view) -> np.ndarray:
    """Every site's position in ``view``'s pixels, as an (n, 2) array."""
    t = view.transform()
    xy = view.map.site_xy
    if not len(xy):
        return xy
    origin = view.mapFromScene(QPointF(0, 0))
    return np.column_stack([xy[:, 0] * t.m11() + origin.x(), xy[:, 1] * t.m22() + origin.y()])


def halo_offsets(radius: float) -> list[QPointF]:
    """Where to repeat a text in its halo colour: one ring of 8, two rings if it is wide."""
    rings = [radius] if radius <= 2 else [radius / 2, radius]
    return [QPointF(r * math.cos(k * math.pi / 4), r * math.sin(k * math.pi / 4))
            for r in rings for k in range(8)]


class LabelGrid:
    """Rectangles placed so far, bucketed by screen area, for fast collision tests."""

    CELL = 64

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, rect: QRectF):
        c = self.CELL
        for gx in range(int(rect.left() // c), int(rect.right() // c) + 1):
            for gy in range(int(rect.top() // c), int(rect.bottom() // c) + 1):
                yield gx, gy

    def append(self, rect: QRectF) -> None:
        for key in self._keys(rect):
            self.cells.setdefault(key, []).append(rect)

    def hits(self, rect: QRectF) -> bool:
        return any(rect.intersects(r) for key in self._keys(rect)
                   for r in self.cells.get(key, ()))
