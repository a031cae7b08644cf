"""Slides for halls: the panels over the map in presentation mode, in type read from the
back row and the projector's high-contrast colours.

Sizes come from :func:`geodata.presentation.type_scale` (cap heights in pixels for the
slide's height); this module turns them into fonts, lays the panels out — date and
headline with the narration on top, legend, caption and scale bar below — and tells the
camera which part of the slide they leave free.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from ..geodata.presentation import shorten, type_scale
from ..geodata.style import load_style
from . import overlays
from .overlays import draw_date, draw_legend, draw_scale_bar, font
from .panel_cache import Measure as _Measure

NARRATION_LINES = 3   # what the hall reads of a cue's narration; the rest is the lecturer's
CAPTION_LINES = 2
MIN_FREE = 0.35       # share of the slide's height the map keeps between the panels


def projector_colours() -> dict[str, QColor]:
    """The [projector] table of style.toml: panels and ink that survive a projector."""
    return {k: QColor(v) for k, v in load_style().projector.items()}


def cap_per_point(device=None, serif: bool = False, bold: bool = False) -> float:
    """Cap height in pixels of one point of the overlay font on ``device``."""
    f = font(100, serif=serif, bold=bold)
    metrics = QFontMetricsF(f, device) if device is not None else QFontMetricsF(f)
    return metrics.capHeight() / 100


def font_for_cap(cap_px: float, device=None, serif: bool = False, bold: bool = False) -> QFont:
    # Half a pixel over the size asked for, so that rounding never lands below it.
    return font((cap_px + 0.5) / cap_per_point(device, serif, bold), serif=serif, bold=bold)


def text_height(f: QFont, width: float, text: str, device=None) -> float:
    """Height of ``text`` wrapped at ``width`` in font ``f``."""
    metrics = QFontMetricsF(f, device) if device is not None else QFontMetricsF(f)
    if not text:
        return 0.0
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt.TextFlag.TextWordWrap,
                                text).height()


def fits_lines(f: QFont, width: float, lines: int, device=None):
    """A test for :func:`geodata.presentation.shorten`: wraps into at most ``lines``."""
    metrics = QFontMetricsF(f, device) if device is not None else QFontMetricsF(f)
    return lambda text: text_height(f, width, text, device) < (lines + 0.5) * metrics.lineSpacing()


@dataclass
class Block:
    """A text panel: lines of (role, text, font, colour) in ``rect`` with ``pad``."""

    rect: QRectF
    pad: float
    rows: list[tuple[str, str, QFont, QColor]] = field(default_factory=list)
    accent: QColor | None = None


@dataclass
class SlideLayout:
    """Where the panels of a slide go, and the part of it left to the map."""

    size: tuple[int, int]
    caps: dict[str, float]
    headline: Block | None = None
    free: QRectF = field(default_factory=QRectF)


class Slide:
    """Paints a slide's panels for a MapView whose ``slide`` attribute is this object."""

    def __init__(self, scenario, title: str = "", narration: str = "", device=None):
        self.scenario, self.title, self.narration = scenario, title, narration
        self.device = device
        self.colours = projector_colours()
        self.drawn: list[tuple[str, str, QFont]] = []   # the last paint's texts, for checks
        self.disputes = False

    def font(self, role: str, height: float, serif: bool = False, bold: bool = False) -> QFont:
        return font_for_cap(type_scale(height)[role], self.device, serif, bold)

    def scales(self, height: float) -> dict[str, float]:
        """Overlay ``scale`` factors that put each shared panel's smallest text at 24 px
        cap height at 1080 lines (date: its New Style line; legend and scale: their rows)."""
        small = (type_scale(height)["small"] + 0.5) / cap_per_point(self.device)
        return {"date": small / 10.5, "legend": small / 9.5, "scale": small / 9.5}

    # -- layout ---------------------------------------------------------------------------
    def layout(self, width: int, height: int) -> SlideLayout:
        """Panels and free part; on a narrow slide the narration gives way to the map (it
        stays on the presenter's screen), and the map keeps at least a third of the slide."""
        for lines in range(NARRATION_LINES, -1, -1):
            out = self._layout(width, height, lines)
            if out.free.height() >= MIN_FREE * height:
                return out
        out.free = QRectF(out.free.left(), out.free.top(), out.free.width(),
                          max(out.free.height(), MIN_FREE * height))
        if out.free.bottom() > height:
            out.free.moveBottom(height - 0.02 * height)
        return out

    def _layout(self, width: int, height: int, narration_lines: int) -> SlideLayout:
        caps = type_scale(height)
        out = SlideLayout((width, height), caps)
        margin, pad = 0.02 * height, 0.4 * caps["caption"]
        s = self.scales(height)
        date = draw_date(_Measure(), self.scenario, self.scenario.start, "en", s["date"],
                         QPointF(margin, margin)).adjusted(0, 0, caps["small"], 0)
        top = date.bottom()
        if self.title:
            left, y0 = date.right() + margin, margin
            if width - left < 0.5 * width:   # no room beside the date: go below it
                left, y0 = margin, date.bottom() + margin
            inner = width - left - margin - 2 * pad
            title_f = self.font("headline", height, bold=True)
            body_f = self.font("narration", height, serif=True)
            narration = shorten(self.narration,
                                fits_lines(body_f, inner, narration_lines, self.device))
            ink = self.colours.get("ink", QColor("black"))
            rows = [("headline", self.title, title_f, ink)]
            if narration:
                rows.append(("narration", narration, body_f, ink))
            h = 2 * pad + sum(text_height(f, inner, t, self.device) for _, t, f, _ in rows)
            h += 0.4 * pad * (len(rows) - 1)
            out.headline = Block(QRectF(left, y0, width - left - margin, h), pad, rows)
            top = max(top, out.headline.rect.bottom())
        legend = draw_legend(_Measure(), self.scenario, "en", s["legend"],
                             QPointF(margin, height - margin), set())
        caption = 2 * pad + QFontMetricsF(self.font("small", height, bold=True),
                                          self.device).lineSpacing() + CAPTION_LINES * \
            QFontMetricsF(self.font("caption", height, serif=True), self.device).lineSpacing()
        bottom = height - margin - max(legend.height(), caption)
        out.free = QRectF(margin, top + margin, width - 2 * margin, bottom - top - 2 * margin)
        return out

    # -- painting -------------------------------------------------------------------------
    def paint(self, view, painter: QPainter) -> list[QRectF]:
        """Date, headline with narration, legend, caption and scale bar; their rectangles."""
        area = QRectF(view.viewport().rect())
        width, height = int(area.width()), int(area.height())
        out = self.layout(width, height)
        s = self.scales(height)
        margin = 0.02 * height
        scenario, t, lang = view.map.scenario, view.map.state.time, view.lang
        self.drawn = []
        with overlays.themed(self.colours):
            rects = [draw_date(painter, scenario, t, lang, s["date"], QPointF(margin, margin))]
            if out.headline is not None:
                rects.append(self._paint_block(painter, out.headline, height))
            bottom = area.bottom() - margin
            legend = draw_legend(painter, scenario, lang, s["legend"], QPointF(margin, bottom),
                                 set())
            scale = draw_scale_bar(painter, view.zoom, lang, s["scale"],
                                   QPointF(area.right() - margin, bottom))
            rects += [legend, scale]
            self.disputes = view.show_disputes
            if view.show_captions and view.caption:
                block = self.caption_block(view.caption, legend.right() + margin,
                                           scale.left() - margin, bottom, height)
                rects.append(self._paint_block(painter, block, height))
        return rects

    def caption_block(self, caption, left: float, right: float, bottom: float,
                      height: float) -> Block:
        """The event caption between legend and scale bar, its text cut to whole sentences."""
        title, text = caption.title, caption.text
        if self.disputes and caption.dispute:   # D: say where the accounts differ
            title = f"{title} · {caption.dispute}"
        accent = QColor(caption.colour) if caption.colour else None
        caps = type_scale(height)
        pad = 0.4 * caps["caption"]
        inner = right - left - 2 * pad
        title_f = self.font("small", height, bold=True)
        body_f = self.font("caption", height, serif=True)
        short = shorten(text, fits_lines(body_f, inner, CAPTION_LINES, self.device)) or text
        rows = [("caption title", title, title_f, self.colours.get("muted", QColor("gray"))),
                ("caption", short, body_f, self.colours.get("ink", QColor("black")))]
        h = 2 * pad + sum(text_height(f, inner, t, self.device) for _, t, f, _ in rows)
        return Block(QRectF(left, bottom - h, right - left, h), pad, rows, accent)

    def _paint_block(self, painter: QPainter, block: Block, height: float) -> QRectF:
        overlays._panel(painter, block.rect, height / 720)
        if block.accent is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(block.accent)
            painter.drawRect(QRectF(block.rect.topLeft(), QPointF(
                block.rect.left() + 0.3 * block.pad, block.rect.bottom())))
        inner = block.rect.adjusted(block.pad, block.pad, -block.pad, -block.pad)
        y = inner.top()
        for role, text, f, ink in block.rows:
            h = text_height(f, inner.width(), text, self.device)
            painter.setFont(f)
            painter.setPen(ink)
            painter.drawText(QRectF(inner.left(), y, inner.width(), h + 2),
                             Qt.TextFlag.TextWordWrap, text)
            self.drawn.append((role, text, f))
            y += h + 0.4 * block.pad
        return block.rect
