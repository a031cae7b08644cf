"""What is painted over the map in screen pixels: date, legend, scale bar, north arrow,
caption banner and credits. Shared by the window, snapshots and video frames.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from ..geodata import calendar as cal
from ..geodata.model import Scenario
from ..geodata.style import load_style
from .i18n import kind_name, tr
from .i18n import text as ui_text
from .symbols import colour, draw_symbol

PANEL = colour("panel")
INK = colour("ink")
MUTED = colour("ink_soft")
EDGE = colour("panel_edge")


@contextmanager
def themed(colours: dict[str, QColor]):
    """Panels painted inside this block take ``colours`` (panel, panel_edge, ink, muted)."""
    global PANEL, INK, MUTED, EDGE
    saved = PANEL, INK, MUTED, EDGE
    PANEL, INK = colours.get("panel", PANEL), colours.get("ink", INK)
    MUTED, EDGE = colours.get("muted", MUTED), colours.get("panel_edge", EDGE)
    try:
        yield
    finally:
        PANEL, INK, MUTED, EDGE = saved


def font(size: float, serif: bool = False, bold: bool = False, italic: bool = False) -> QFont:
    fonts = load_style().fonts
    f = QFont(str(fonts["serif" if serif else "sans"]))
    f.setPointSizeF(size)
    f.setBold(bold)
    f.setItalic(italic)
    return f


def _panel(painter: QPainter, rect: QRectF, scale: float) -> None:
    painter.setPen(QPen(EDGE, 1))
    painter.setBrush(PANEL)
    painter.drawRoundedRect(rect, 6 * scale, 6 * scale)


def draw_date(painter, scenario: Scenario, t: int, lang: str, scale: float,
              origin: QPointF) -> QRectF:
    """The current date, large, in both calendars; returns the rectangle used."""
    main, other = cal.day_parts(t, scenario.calendar, lang)
    weekday = (cal.WEEKDAYS_RU if lang == "ru" else cal.WEEKDAYS_EN)[cal.weekday(t)]
    lines = [(f"{main}", font(20 * scale, serif=True, bold=True), INK),
             (f"{weekday.capitalize()}, {cal.clock(t)}", font(15 * scale, serif=True), INK),
             (f"({other})", font(10.5 * scale), MUTED)]
    pad = 10 * scale
    widths = [QFontMetricsF(f).horizontalAdvance(text) for text, f, _ in lines]
    heights = [QFontMetricsF(f).height() for _, f, _ in lines]
    rect = QRectF(origin, QPointF(origin.x() + max(widths) + 2 * pad,
                                  origin.y() + sum(heights) + 2 * pad))
    _panel(painter, rect, scale)
    y = rect.top() + pad
    for (text, f, ink), h in zip(lines, heights, strict=True):
        painter.setFont(f)
        painter.setPen(ink)
        painter.drawText(QRectF(rect.left() + pad, y, rect.width(), h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        y += h
    return rect


def legend_entries(scenario: Scenario, lang: str, kinds: set[str] | None = None):
    style = load_style()
    controls = [(c.label(lang), c.colour, c.hatch) for c in scenario.controls.values()]
    used = kinds if kinds is not None else {s.kind for s in scenario.sites}
    kind_rows = [(kind_name(k, lang), style.kind(k).shape) for k in style.kinds if k in used]
    return controls, kind_rows


def draw_legend(painter: QPainter, scenario: Scenario, lang: str, scale: float,
                bottom_left: QPointF, kinds: set[str] | None = None) -> QRectF:
    """Controls (colour + hatch) and the ``kinds`` of site shown (symbol; default all)."""
    controls, kinds = legend_entries(scenario, lang, kinds)
    f_title, f_row = font(10 * scale, bold=True), font(9.5 * scale)
    row_h = QFontMetricsF(f_row).height() * 1.25
    pad, sw = 9 * scale, 16 * scale
    width = max([QFontMetricsF(f_row).horizontalAdvance(t) for t, *_ in controls + kinds]
                + [100 * scale]) + sw + 3 * pad
    cols = 2 if len(kinds) > 5 else 1
    kind_rows = math.ceil(len(kinds) / cols) if kinds else 0
    title_h = QFontMetricsF(f_title).height() * 1.3
    height = 2 * pad + (2 if kinds else 1) * title_h + row_h * (len(controls) + kind_rows)
    total_w = width if cols == 1 else max(width, 2 * (width * 0.62))
    rect = QRectF(bottom_left.x(), bottom_left.y() - height, total_w, height)
    _panel(painter, rect, scale)
    x, y = rect.left() + pad, rect.top() + pad
    painter.setFont(f_title)
    painter.setPen(INK)
    painter.drawText(QRectF(x, y, total_w, title_h), Qt.AlignmentFlag.AlignVCenter,
                     tr("Control", lang))
    y += title_h
    for label, hexcolour, hatch in controls:
        painter.save()
        painter.translate(x + sw / 2, y + row_h / 2)
        draw_symbol(painter, "square", sw, QColor(hexcolour), hatch, INK, 1.0)
        painter.restore()
        painter.setFont(f_row)
        painter.setPen(INK)
        painter.drawText(QRectF(x + sw + pad * 0.7, y, total_w, row_h),
                         Qt.AlignmentFlag.AlignVCenter, label)
        y += row_h
    if not kinds:
        return rect
    painter.setFont(f_title)
    painter.drawText(QRectF(x, y, total_w, title_h), Qt.AlignmentFlag.AlignVCenter,
                     tr("Sites", lang))
    y += title_h
    col_w = (total_w - 2 * pad) / cols
    for n, (label, shape) in enumerate(kinds):
        cx = x + (n // kind_rows) * col_w
        cy = y + (n % kind_rows) * row_h
        painter.save()
        painter.translate(cx + sw / 2, cy + row_h / 2)
        draw_symbol(painter, shape, sw * 0.9, colour("surface"), "none", INK, 1.2)
        painter.restore()
        painter.setFont(f_row)
        painter.setPen(INK)
        painter.drawText(QRectF(cx + sw + pad * 0.7, cy, col_w, row_h),
                         Qt.AlignmentFlag.AlignVCenter, label)
    return rect


def draw_folded(painter: QPainter, text: str, scale: float, bottom_left: QPointF) -> QRectF:
    """A folded panel: one line that opens it again when clicked."""
    f = font(10 * scale, bold=True)
    pad = 8 * scale
    m = QFontMetricsF(f)
    rect = QRectF(bottom_left.x(), bottom_left.y() - m.height() - 2 * pad,
                  m.horizontalAdvance(text) + 2 * pad, m.height() + 2 * pad)
    _panel(painter, rect, scale)
    painter.setFont(f)
    painter.setPen(INK)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return rect


def nice_length(metres: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ not above ``metres``."""
    if metres <= 0:
        return 0
    base = 10 ** math.floor(math.log10(metres))
    return max(m * base for m in (1, 2, 5) if m * base <= metres)


def draw_scale_bar(painter: QPainter, px_per_metre: float, lang: str, scale: float,
                   bottom_right: QPointF) -> QRectF:
    """A scale bar in true ground metres (the map's projection is metric at 60°N)."""
    target = 160 * scale / px_per_metre
    length = nice_length(target)
    if not length:
        return QRectF()
    width = length * px_per_metre
    text = (f"{length / 1000:g} {ui_text('km', lang)}" if length >= 1000
            else f"{length:g} {ui_text('m', lang)}")
    f = font(9.5 * scale)
    h = QFontMetricsF(f).height()
    pad = 8 * scale
    rect = QRectF(bottom_right.x() - width - 2 * pad, bottom_right.y() - h - 14 * scale - 2 * pad,
                  width + 2 * pad, h + 14 * scale + 2 * pad)
    _panel(painter, rect, scale)
    x0, y0 = rect.left() + pad, rect.bottom() - pad - 6 * scale
    painter.setPen(QPen(INK, 1))
    for k in range(4):
        painter.setBrush(INK if k % 2 == 0 else colour("surface"))
        painter.drawRect(QRectF(x0 + k * width / 4, y0, width / 4, 6 * scale))
    painter.setFont(f)
    painter.drawText(QRectF(x0, rect.top() + pad * 0.6, width, h),
                     Qt.AlignmentFlag.AlignHCenter, text)
    return rect


def draw_north_arrow(painter: QPainter, scale: float, top_right: QPointF) -> QRectF:
    size = 34 * scale
    rect = QRectF(top_right.x() - size, top_right.y(), size, size * 1.25)
    _panel(painter, rect, scale)
    cx, top = rect.center().x(), rect.top() + 6 * scale
    arrow = QPainterPath(QPointF(cx, top))
    arrow.lineTo(cx + size * 0.22, top + size * 0.62)
    arrow.lineTo(cx, top + size * 0.5)
    arrow.lineTo(cx - size * 0.22, top + size * 0.62)
    arrow.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawPath(arrow)
    painter.setFont(font(9 * scale, bold=True))
    painter.setPen(INK)
    painter.drawText(QRectF(rect.left(), top + size * 0.6, size, size * 0.5),
                     Qt.AlignmentFlag.AlignCenter, "N")
    return rect


def draw_banner(painter: QPainter, title: str, text: str, scale: float, area: QRectF,
                accent: QColor | None = None, top: bool = False) -> QRectF:
    """A caption banner centred at the bottom (or ``top``) of ``area``."""
    f_title, f_text = font(11 * scale, bold=True), font(13 * scale, serif=True)
    pad = 12 * scale
    max_w = min(area.width() * 0.62, 900 * scale)
    metrics = QFontMetricsF(f_text)
    body = metrics.boundingRect(QRectF(0, 0, max_w, 1000 * scale),
                                Qt.TextFlag.TextWordWrap, text) if text else QRectF()
    # A long title (an event's time window and place) wraps rather than leave ``area``.
    head = QFontMetricsF(f_title).boundingRect(
        QRectF(0, 0, max(area.width() - 2 * pad, max_w), 1000 * scale),
        Qt.TextFlag.TextWordWrap, title) if title else QRectF()
    th = head.height()
    w = max(body.width(), head.width()) + 2 * pad
    h = body.height() + th + 2 * pad
    rect = QRectF(area.center().x() - w / 2, area.top() if top else area.bottom() - h, w, h)
    _panel(painter, rect, scale)
    if accent is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRect(QRectF(rect.left(), rect.top(), 5 * scale, rect.height()))
    painter.setPen(MUTED)
    painter.setFont(f_title)
    painter.drawText(QRectF(rect.left() + pad, rect.top() + pad * 0.8, head.width() + 2, th),
                     Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, title)
    painter.setPen(INK)
    painter.setFont(f_text)
    painter.drawText(QRectF(rect.left() + pad, rect.top() + pad * 0.8 + th, body.width() + 2,
                            body.height() + 2), Qt.TextFlag.TextWordWrap, text)
    return rect


def draw_credits(painter: QPainter, text: str, scale: float, area: QRectF) -> QRectF:
    """A line of credits along the bottom of ``area``; returns the strip it covers."""
    f = font(8 * scale)
    painter.setFont(f)
    h = QFontMetricsF(f).height()
    rect = QRectF(area.left(), area.bottom() - h - 4, area.width(), h + 4)
    painter.fillRect(rect, colour("panel_faint"))
    painter.setPen(MUTED)
    painter.drawText(rect.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter
                     | Qt.AlignmentFlag.AlignRight, text)
    return rect
