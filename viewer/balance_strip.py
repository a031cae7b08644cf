"""The week at a glance drawn: stacked bands of the sites each control held.

Draws :class:`~geodata.balance.Balance` (the story model's counts) in the controls'
colours. The time ruler paints the bands as its background; snapshots and videos, which have
no time ruler, get :func:`draw_week_strip`, a strip along the bottom of the map with the days
and a cursor at the moment shown.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPolygonF

from ..geodata import calendar as cal
from ..geodata.balance import Balance
from ..geodata.model import Scenario
from .overlays import INK, MUTED, PANEL, font
from .symbols import colour as ui_colour


def band_colour(colour: str, fade: float = 0.2) -> QColor:
    """A control's colour blended a little with the paper, so ticks read on top of it."""
    c, paper = QColor(colour), ui_colour("timebar")
    return QColor(round(c.red() * (1 - fade) + paper.red() * fade),
                  round(c.green() * (1 - fade) + paper.green() * fade),
                  round(c.blue() * (1 - fade) + paper.blue() * fade))


_POLYGONS: dict[tuple, list[tuple[str, QPolygonF]]] = {}


def band_polygons(balance: Balance, rect: QRectF, span: tuple[int, int]
                  ) -> list[tuple[str, QPolygonF]]:
    """One polygon per control, bottom band first, filling ``rect`` over ``span`` (the last
    few are kept: a video draws the same bands at every frame)."""
    key = (id(balance), rect.x(), rect.y(), rect.width(), rect.height(), span)
    if key not in _POLYGONS:
        if len(_POLYGONS) >= 8:
            _POLYGONS.pop(next(iter(_POLYGONS)))
        _POLYGONS[key] = _band_polygons(balance, rect, span)
    return _POLYGONS[key]


def _band_polygons(balance: Balance, rect: QRectF, span: tuple[int, int]
                   ) -> list[tuple[str, QPolygonF]]:
    t0, t1 = span
    xs = rect.left() + (balance.times - t0) / max(t1 - t0, 1) * rect.width()
    shares = balance.shares()
    tops = rect.bottom() - np.cumsum(shares, axis=1) * rect.height()
    out = []
    lower = np.full(len(xs), rect.bottom())
    for k, control in enumerate(balance.controls):
        upper = tops[:, k]
        if np.any(upper < lower - 0.01):
            points = [QPointF(x, y) for x, y in zip(xs, upper, strict=True)]
            points += [QPointF(x, y) for x, y in zip(xs[::-1], lower[::-1], strict=True)]
            out.append((control, QPolygonF(points)))
        lower = upper
    return out


def paint_bands(painter: QPainter, rect: QRectF, balance: Balance, scenario: Scenario,
                span: tuple[int, int], fade: float = 0.2) -> None:
    """Fill ``rect`` with the stacked bands (no outline), clipped to ``rect``."""
    painter.save()
    painter.setClipRect(rect)
    painter.setPen(Qt.PenStyle.NoPen)
    for control, polygon in band_polygons(balance, rect, span):
        painter.setBrush(band_colour(scenario.controls[control].colour, fade))
        painter.drawPolygon(polygon)
    painter.restore()


def balance_text(scenario: Scenario, balance: Balance, t: int, lang: str) -> str:
    """"Government 21 · contested 3 · MRC 25 · unknown 2" at ``t`` (top band first)."""
    counts = balance.at(t)
    return " · ".join(f"{scenario.controls[c].label(lang)} {counts[c]}"
                      for c in reversed(balance.controls) if counts[c])


def draw_week_strip(painter, scenario: Scenario, balance: Balance, t: int, lang: str,
                    scale: float, area: QRectF) -> QRectF:
    """The bands across the bottom of ``area`` with day marks and a cursor; its rect."""
    pad = 8 * scale
    f = font(8 * scale)
    fm = QFontMetricsF(f)
    height = 26 * scale + fm.height()
    rect = QRectF(area.left(), area.bottom() - height, area.width(), height)
    painter.setPen(QPen(ui_colour("panel_edge"), 1))
    painter.setBrush(PANEL)
    painter.drawRoundedRect(rect, 6 * scale, 6 * scale)
    bands = QRectF(rect.left() + pad, rect.top() + fm.height() + 2 * scale,
                   rect.width() - 2 * pad, 20 * scale)
    span = (scenario.start, scenario.end)
    paint_bands(painter, bands, balance, scenario, span)

    def x_of(m: int) -> float:
        return bands.left() + (m - span[0]) / max(span[1] - span[0], 1) * bands.width()

    painter.setFont(f)
    day = cal.MINUTES_PER_DAY
    for d in range(span[0] - span[0] % day, span[1], day):
        x0, x1 = x_of(max(d, span[0])), x_of(min(d + day, span[1]))
        painter.setPen(QPen(ui_colour("surface", 200), 1))
        painter.drawLine(QPointF(x0, bands.top()), QPointF(x0, bands.bottom()))
        painter.setPen(MUTED)
        label = cal.short_day(d, scenario.calendar, lang)
        painter.drawText(QRectF(x0 + 3 * scale, rect.top() + 1, x1 - x0, fm.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(label, Qt.TextElideMode.ElideRight, x1 - x0 - 4))
    x = x_of(t)
    painter.setPen(QPen(INK, 2 * scale))
    painter.drawLine(QPointF(x, bands.top() - 3 * scale), QPointF(x, bands.bottom() + 3 * scale))
    return rect
