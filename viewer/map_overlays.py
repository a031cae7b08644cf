"""The map view's overlay panels put together: date, legend, scale bar, north arrow, caption
and credits (or a presentation slide's panels), painted — or only laid out, so that the
labels of a view are placed clear of the panels before its first paint."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter

from ..geodata.texts import credits_line
from .i18n import tr
from .overlays import (
    draw_banner,
    draw_credits,
    draw_date,
    draw_folded,
    draw_legend,
    draw_north_arrow,
    draw_scale_bar,
)
from .panel_cache import Measure, PanelCache

ROOM = 24   # labels keep this far (pixels) from a panel, so a panel may grow a little


def reserved(panels: list[QRectF]) -> list[QRectF]:
    """The room the labels leave around ``panels``."""
    return [p.adjusted(-ROOM, -ROOM, ROOM, ROOM) for p in panels]


def paint_overlays(view, painter: QPainter | None,
                   cache: PanelCache) -> tuple[list[QRectF], dict[str, QRectF]]:
    """Paint ``view``'s panels (a MapView's) with ``painter`` from ``cache``; with no painter
    only lay them out (the same rectangles, nothing drawn). Returns the panels' rectangles
    and those of the panels a click folds (legend, caption)."""
    if view.slide is not None:
        return view.slide.paint(view, painter or Measure()), {}

    def panel(name: str, key: tuple, draw, *args) -> QRectF:
        if painter is None:
            return cache.measure(name, draw, *args)
        return cache.paint(painter, name, key, draw, *args)

    s = view.overlay_scale
    area = QRectF(view.viewport().rect())
    margin = 12 * s
    scenario = view.map.scenario
    t, lang = view.map.state.time, view.lang
    rects = [panel("date", (t, lang, s), draw_date, scenario, t, lang, s,
                   QPointF(margin, margin))]
    bottom = area.bottom() - margin - (16 * s if view.show_credits else 0)
    if view.week_strip is not None:
        from .balance_strip import draw_week_strip  # snapshots and videos only
        strip = panel("week", (t, lang, s, area.width()), draw_week_strip, scenario,
                      view.week_strip, t, lang, s,
                      QRectF(margin, margin, area.width() - 2 * margin, bottom - margin))
        rects.append(strip)
        bottom = strip.top() - margin / 2
    if view.legend_open:
        kinds = view.map.kinds & view.visible_kinds
        legend = panel("legend", (lang, s, frozenset(kinds)), draw_legend, scenario, lang, s,
                       QPointF(margin, bottom), kinds)
    else:
        legend = panel("legend", (lang, s, "folded"), draw_folded, "▸ " + tr("Legend", lang),
                       s, QPointF(margin, bottom))
    folds = {"legend": legend}
    scale = panel("scale", (view.zoom, lang, s), draw_scale_bar, view.zoom, lang, s,
                  QPointF(area.right() - margin, bottom))
    rects += [legend, scale, panel("north", (s,), draw_north_arrow, s,
                                   QPointF(area.right() - margin, margin))]
    caption = view.caption
    if view.show_captions and caption:
        title, text, colour = caption.title, caption.text, caption.colour
        if view.show_disputes and caption.dispute:
            title = f"{title}\n{caption.dispute}"
        band = QRectF(QPointF(legend.right() + margin, area.top()),
                      QPointF(scale.left() - margin, bottom))
        if band.width() < 420 * s:   # no room between legend and scale: go above them
            band = QRectF(QPointF(area.left() + margin, area.top()),
                          QPointF(area.right() - margin, min(legend.top(), scale.top()) - margin))
        if not view.caption_open:   # folded: the title line alone
            title, text = f"▸ {title}", ""
        rects.append(panel("caption", (title, text, s, colour), draw_banner, title, text, s,
                           band, QColor(colour) if colour else None))
        folds["caption"] = rects[-1]
    if view.show_credits:   # labels keep clear of the credits strip too
        rects.append(draw_credits(painter or Measure(), credits_line(scenario, lang), s, area))
    return rects, folds
