"""Pages for print and slides: the map in a frame, with title, date, caption, legend, scale
bar and credits laid out around it, painted as vectors (SVG, PDF) or at a chosen DPI (PNG).

Everything is drawn in layout pixels of 1/96 inch, so a 10 pt legend is 10 pt on paper.
On SVG and PDF, labels and panel text are real text (the PDF embeds the fonts), symbols and
the basemap are paths: nothing is a bitmap, so a page prints sharp at any size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QPolygonF,
)

from ..geodata import calendar as cal
from ..geodata.atomic import atomic_path
from ..geodata.model import Scenario
from ..geodata.story import Story
from ..geodata.texts import credits_line
from .labels import draw_labels, font_scale
from .overlays import (
    INK,
    MUTED,
    draw_date,
    draw_legend,
    draw_north_arrow,
    draw_scale_bar,
    font,
)
from .symbols import colour, draw_symbol

LAYOUT_DPI = 96
MM = LAYOUT_DPI / 25.4          # layout pixels per millimetre
PAPERS = {"A4": (297.0, 210.0), "A3": (420.0, 297.0),
          "slide": (338.667, 190.5)}   # landscape width × height in mm; slide = 16:9
ROUTE_SHAPES = {"ship": "ship", "car": "square", "train": "bar"}


@dataclass(frozen=True)
class PageSpec:
    """A page: paper (A4, A3 or a 16:9 slide), orientation, and the DPI of PNG pages."""

    paper: str = "A4"
    landscape: bool = True
    dpi: int = 300

    def size_mm(self) -> tuple[float, float]:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r}; one of {', '.join(PAPERS)}")
        w, h = PAPERS[self.paper]
        return (w, h) if self.landscape else (h, w)

    def size_px(self) -> tuple[float, float]:
        w, h = self.size_mm()
        return w * MM, h * MM


@dataclass
class Layout:
    page: QRectF
    header: QRectF
    map: QRectF
    side: QRectF      # date, caption, legend and scale bar
    credits: QRectF


def page_layout(spec: PageSpec, side_width: float) -> Layout:
    """Where things go: the map takes what the title, side panel and credits leave."""
    w, h = spec.size_px()
    m, gap = 10 * MM, 4 * MM
    inner = QRectF(m, m, w - 2 * m, h - 2 * m)
    header = QRectF(inner.left(), inner.top(), inner.width(), 34)
    credits = QRectF(inner.left(), inner.bottom() - 16, inner.width(), 16)
    body = QRectF(QPointF(inner.left(), header.bottom() + gap / 2),
                  QPointF(inner.right(), credits.top() - gap / 2))
    if spec.landscape:
        side = QRectF(body.right() - side_width, body.top(), side_width, body.height())
        map_rect = QRectF(body.topLeft(), QPointF(side.left() - gap, body.bottom()))
    else:
        side = QRectF(body.left(), body.bottom() - min(300.0, body.height() * 0.36),
                      body.width(), min(300.0, body.height() * 0.36))
        map_rect = QRectF(body.topLeft(), QPointF(body.right(), side.top() - gap))
    return Layout(QRectF(0, 0, w, h), header, map_rect, side, credits)


# -- the map, as vectors -------------------------------------------------------------------

def _paint_map(painter: QPainter, view) -> None:
    """The basemap, bridges, routes, symbols and labels of ``view``, in its pixels."""
    scene = view.map
    vt = view.viewportTransform()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(QRectF(view.viewport().rect()), colour("paper"))
    painter.save()
    painter.setTransform(vt, True)
    layers = view.visible_layers | ({"routes"} if view.show_routes else set())
    scene.basemap.paint(painter, view.visible_rect(), view.zoom, layers)
    for item in scene.bridges.values():
        if item.isVisible():
            painter.setPen(item.pen())
            painter.setBrush(item.brush())
            painter.drawPath(item.path())
    painter.restore()
    if view.show_routes:
        for item in scene.routes:
            _paint_route(painter, item, vt, scene.symbol_scale)
    _paint_sites(painter, scene, vt)
    if view.show_labels:   # each label once as text, its halo a stroked outline
        draw_labels(painter, view._layout_labels(), view.overlay_scale, font_scale(view),
                    vector=True)
    painter.restore()


def _paint_route(painter: QPainter, item, vt, scale: float) -> None:
    from ..geodata.style import load_style

    if not item.isVisible() or item.fraction < 0:
        return
    style = load_style()
    point, i = item.position(item.fraction)
    done = QPolygonF([QPointF(*p) for p in item.xy[: i + 1]] + [point])
    pen = QPen(colour("route"), style.widths["route"] * scale)
    pen.setDashPattern(style.routes.get(item.route.kind, [4, 3]))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline(vt.map(done))
    if item.fraction < 1:
        painter.save()
        painter.translate(vt.map(point))
        draw_symbol(painter, ROUTE_SHAPES.get(item.route.kind, "circle"), 13 * scale,
                    colour("print_paper"), "none", INK, 1.2)
        painter.restore()


def _paint_sites(painter: QPainter, scene, vt) -> None:
    from ..geodata.style import load_style

    outline = load_style().widths["site_outline"]
    for i in range(len(scene.sites)):   # dots: no site items needed (they are built lazily)
        item = None if scene.dots else scene.sites[i]
        if not scene.shown[i] or (item is not None and not item.isVisible()):
            continue
        painter.save()
        painter.translate(vt.map(QPointF(*scene.site_xy[i])))
        if scene.dots:
            fill = scene._fills[scene.state.control[i]]
            draw_symbol(painter, "square", 7 * scene.symbol_scale, fill, "none", INK, 1.0)
        else:
            draw_symbol(painter, item.kind.shape, item.size, item.fill, item.hatch, INK,
                        outline)
            if item.pending:
                painter.setPen(QPen(INK, 1.2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(0, 0), item.size * 0.8, item.size * 0.8)
        painter.restore()


# -- the page ----------------------------------------------------------------------------

def _measure_legend(scenario: Scenario, lang: str) -> QRectF:
    from .panel_cache import Measure as _Measure

    return draw_legend(_Measure(), scenario, lang, 1.0, QPointF(0, 0))


def paint_page(painter: QPainter, scenario: Scenario, t: int, spec: PageSpec,
               extent=None, lang: str = "en") -> Layout:
    """Paint the whole page in layout pixels; returns where things went."""
    from .offscreen import map_view

    legend_w = _measure_legend(scenario, lang).width()
    layout = page_layout(spec, max(250.0, legend_w))
    frame = layout.map
    view = map_view(scenario, t, (max(int(frame.width()), 16), max(int(frame.height()), 16)),
                    extent, lang, credits=False)
    view.show_overlays = False
    view._panels = []          # no panels over the map: they sit beside it on a page
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(layout.page, colour("print_paper"))

    title = scenario.title_in(lang)
    painter.save()
    painter.translate(frame.topLeft())
    painter.setClipRect(QRectF(0, 0, frame.width(), frame.height()))
    _paint_map(painter, view)
    painter.restore()
    _mask_outside(painter, layout.page, frame)   # SVG viewers may ignore the clip
    painter.setPen(INK)
    f_title, f_when = font(16, serif=True, bold=True), font(11, serif=True)
    when = cal.format_long(t, scenario.calendar, lang)
    painter.setFont(f_title)
    painter.drawText(layout.header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     title)
    if (QFontMetricsF(f_title).horizontalAdvance(title) + QFontMetricsF(f_when)
            .horizontalAdvance(when) + 24 < layout.header.width()):
        painter.setFont(f_when)
        painter.drawText(layout.header, Qt.AlignmentFlag.AlignRight
                         | Qt.AlignmentFlag.AlignVCenter, when)
    painter.setPen(QPen(INK, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    draw_north_arrow(painter, 1.0, QPointF(frame.right() - 8, frame.top() + 8))
    draw_scale_bar(painter, view.zoom, lang, 1.0, QPointF(frame.right() - 8,
                                                          frame.bottom() - 8))

    side = layout.side
    date = draw_date(painter, scenario, t, lang, 1.0, side.topLeft())
    if spec.landscape:
        legend = draw_legend(painter, scenario, lang, 1.0, side.bottomLeft())
        area = QRectF(QPointF(side.left(), date.bottom() + 12),
                      QPointF(side.right(), legend.top() - 12))
    else:
        legend = draw_legend(painter, scenario, lang, 1.0,
                             QPointF(side.right() - legend_w, side.bottom()))
        area = QRectF(QPointF(side.left(), date.bottom() + 12),
                      QPointF(legend.left() - 16, side.bottom()))
    caption = Story(scenario, view.map.timeline).caption_at(t, lang)
    if caption is not None:
        _paint_caption(painter, caption.title, caption.text, area)
    painter.setFont(font(7.5))
    painter.setPen(MUTED)
    painter.drawText(layout.credits, Qt.AlignmentFlag.AlignRight
                     | Qt.AlignmentFlag.AlignVCenter, credits_line(scenario, lang))
    return layout


def _mask_outside(painter: QPainter, page: QRectF, frame: QRectF) -> None:
    """Cover whatever of the map spills out of its frame with the page's white."""
    white = colour("print_paper")
    for band in (QRectF(page.left(), page.top(), page.width(), frame.top()),
                 QRectF(page.left(), frame.bottom(), page.width(), page.bottom() - frame.bottom()),
                 QRectF(page.left(), frame.top(), frame.left(), frame.height()),
                 QRectF(frame.right(), frame.top(), page.right() - frame.right(),
                        frame.height())):
        painter.fillRect(band, white)


def _paint_caption(painter: QPainter, title: str, text: str, area: QRectF) -> None:
    """The current event: its heading, then its caption wrapped to the area."""
    if area.width() < 60 or area.height() < 30:
        return
    f_title, f_text = font(9, bold=True), font(11, serif=True)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    head = QFontMetricsF(f_title).boundingRect(QRectF(0, 0, area.width(), area.height()),
                                               flags, title)
    painter.setFont(f_title)
    painter.setPen(MUTED)
    painter.drawText(QRectF(area.left(), area.top(), area.width(), head.height()), flags, title)
    painter.setFont(f_text)
    painter.setPen(INK)
    painter.drawText(QRectF(area.left(), area.top() + head.height() + 4, area.width(),
                            area.height() - head.height() - 4), flags, text)


def save_page(scenario: Scenario, out: str | Path, t: int, spec: PageSpec = PageSpec(),
              extent=None, lang: str = "en") -> None:
    """Write one page to ``out``: .svg and .pdf as vectors, .png at ``spec.dpi``."""
    from PySide6.QtSvg import QSvgGenerator

    from .qtapp import qt_app

    qt_app(headless=True)
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".svg", ".pdf", ".png"):
        raise ValueError(f"{out}: a page is .svg, .pdf or .png")
    w, h = spec.size_px()
    with atomic_path(out) as temp:
        if suffix == ".png":
            k = spec.dpi / LAYOUT_DPI
            image = QImage(round(w * k), round(h * k), QImage.Format.Format_RGB32)
            layout_dots = round(LAYOUT_DPI / 0.0254)   # fonts resolve as laid out ...
            image.setDotsPerMeterX(layout_dots)
            image.setDotsPerMeterY(layout_dots)
            image.setDevicePixelRatio(k)               # ... and are drawn k times finer
            painter = QPainter(image)
            paint_page(painter, scenario, t, spec, extent, lang)
            painter.end()
            image.setDevicePixelRatio(1)
            image.setDotsPerMeterX(round(spec.dpi / 0.0254))   # the file says its DPI
            image.setDotsPerMeterY(round(spec.dpi / 0.0254))
            if not image.save(str(temp), "PNG"):
                raise OSError(f"could not write {out}")
            return
        if suffix == ".svg":
            device = QSvgGenerator()
            device.setFileName(str(temp))
            device.setSize(QSize(round(w), round(h)))
            device.setViewBox(QRectF(0, 0, w, h))
            device.setResolution(LAYOUT_DPI)
            device.setTitle(scenario.title)
            device.setDescription(credits_line(scenario, lang))
        else:
            device = QPdfWriter_for(temp, spec, scenario)
        painter = QPainter(device)
        paint_page(painter, scenario, t, spec, extent, lang)
        painter.end()


def QPdfWriter_for(path: Path, spec: PageSpec, scenario: Scenario):  # noqa: N802
    from PySide6.QtGui import QPdfWriter

    writer = QPdfWriter(str(path))
    w, h = spec.size_mm()
    writer.setPageSize(QPageSize(QSizeF(w, h), QPageSize.Unit.Millimeter))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)   # the size says which way
    writer.setPageMargins(QPageLayout().margins())
    writer.setResolution(LAYOUT_DPI)
    writer.setTitle(scenario.title)
    writer.setCreator("Petrograd 1917")
    return writer
