"""Qt pens, brushes and symbol shapes from the shared style table."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from ..geodata.style import hatch_ink, load_style, rgba

HATCH_PATTERNS = {
    "none": Qt.BrushStyle.NoBrush,
    "horizontal": Qt.BrushStyle.HorPattern,
    "vertical": Qt.BrushStyle.VerPattern,
    "cross": Qt.BrushStyle.CrossPattern,
    "diagonal": Qt.BrushStyle.BDiagPattern,
    "back_diagonal": Qt.BrushStyle.FDiagPattern,
    "diagonal_cross": Qt.BrushStyle.DiagCrossPattern,
    "dots": Qt.BrushStyle.Dense6Pattern,
}


def colour(name_or_hex: str, alpha: int | None = None) -> QColor:
    """A colour by its name in style.toml's [map] or [ui], or a "#rrggbb[aa]" string;
    ``alpha`` (0-255) replaces the colour's own."""
    r, g, b, a = rgba(load_style().colour(name_or_hex))
    return QColor(r, g, b, a if alpha is None else alpha)


@cache
def symbol_path(shape: str, size: float) -> QPainterPath:
    """The outline of a site symbol, centred on (0, 0), ``size`` pixels across."""
    path = QPainterPath()
    r = size / 2
    points = load_style().shapes.get(shape) or []
    if not points:
        path.addEllipse(QRectF(-r, -r, size, size))
    else:
        path.addPolygon(QPolygonF([QPointF(x * r, y * r) for x, y in points]))
        path.closeSubpath()
    return path


def hatch_brush(hatch: str, fill: QColor) -> QBrush | None:
    """A dark pattern drawn over the fill, so controls read in black and white too."""
    pattern = HATCH_PATTERNS.get(hatch, Qt.BrushStyle.NoBrush)
    if pattern == Qt.BrushStyle.NoBrush:
        return None
    return QBrush(colour(hatch_ink(QColor(fill).name())), pattern)


def draw_symbol(painter: QPainter, shape: str, size: float, fill: QColor, hatch: str,
                outline: QColor, width: float = 1.4) -> None:
    """Paint a filled, hatched and outlined symbol at the painter's origin."""
    path = symbol_path(shape, size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawPath(path)
    brush = hatch_brush(hatch, fill)
    if brush is not None:
        painter.setBrush(brush)
        painter.drawPath(path)
    painter.setPen(QPen(outline, width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


@cache
def symbol_pixmap(shape: str, size: float, rgba: int, hatch: str, pending: bool,
                  ratio: float = 1.0) -> QPixmap:
    """A site symbol rendered once: filled, hatched, outlined, with the dashed halo that
    marks an uncertainty window when ``pending``. Square, centred, ``ratio``-sharp."""
    side = int(size * 1.9) + 4
    pixmap = QPixmap(int(side * ratio), int(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(side / 2, side / 2)
    fill = QColor.fromRgba(rgba)
    draw_symbol(painter, shape, size, fill, hatch, colour("ink"),
                load_style().widths["site_outline"])
    if pending:
        painter.setPen(QPen(colour("ink"), 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(0, 0), size * 0.8, size * 0.8)
    painter.end()
    return pixmap
