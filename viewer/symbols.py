"""Qt pens, brushes and symbol shapes from the shared style table."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from geodata.style import load_style

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


def colour(name_or_hex: str, alpha: int = 255) -> QColor:
    """A colour from style.toml's [map] table or a #rrggbb string."""
    style = load_style()
    value = style.map.get(name_or_hex, name_or_hex)
    c = QColor(value)
    c.setAlpha(alpha)
    return c


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
    ink = QColor(fill).darker(210)
    ink.setAlpha(200)
    return QBrush(ink, pattern)


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
