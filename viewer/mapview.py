"""The map canvas: pan, zoom, labels without collisions, and the overlays.

A QGraphicsView over :class:`~viewer.mapscene.MapScene`. The basemap is drawn once per
view into a pixmap, so moving in time repaints only the site symbols that changed; labels
are laid out once per view and painted in ``drawForeground`` together with the date,
legend, scale bar and captions. While the camera moves (a drag, the wheel, a glide), the
last basemap and label drawings are shown stretched and shifted to the new view, as map
canvases do, and drawn afresh once the camera has been still for ``SETTLE_MS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QPainter,
    QPalette,
    QPixmap,
    QRegion,
    QTransform,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from ..geodata.story import Caption
from .background import Drawn, background_key, draw_background, dropped
from .labels import Label, draw_labels, font_scale, layout_labels
from .map_overlays import paint_overlays, reserved
from .mapscene import MapScene
from .panel_cache import PanelCache
from .rings import paint_rings, pulse_region
from .symbols import colour

if TYPE_CHECKING:
    from ..geodata.balance import Balance

MIN_ZOOM, MAX_ZOOM = 0.01, 12.0   # pixels per metre
SETTLE_MS = 150       # a camera still for this long is drawn again at full quality
PREVIEW_ZOOM = 2.0    # a moving view stretches the last drawing at most this much…
PREVIEW_COVER = 0.75  # …and only while it still covers this share of the view


def _viewport() -> QWidget:
    """A viewport made in Python, as Qt's own is (name, base colour, filled background).

    The view's first ``viewport()`` call would otherwise hand Python a widget it has not
    seen, and PySide6 learns its class by loading every QtWidgets class that might be it,
    with their Python enums (~75 enum classes, 15–25 ms of the start); a widget made here
    is known already."""
    widget = QWidget()
    widget.setObjectName("qt_scrollarea_viewport")
    widget.setBackgroundRole(QPalette.ColorRole.Base)
    widget.setAutoFillBackground(True)
    return widget


class MapView(QGraphicsView):
    """Shows a MapScene; emits ``hovered`` with the lon/lat under the cursor."""

    hovered = Signal(float, float)
    view_changed = Signal()

    def __init__(self, scene: MapScene, parent=None):
        super().__init__(scene, parent)
        self.setViewport(_viewport())
        scene.setParent(self)   # the view owns its scene: both go together
        self.map = scene
        self.lang = "en"
        self.overlay_scale = 1.0
        self.show_labels = True
        self.show_overlays = True
        self.show_captions = True
        self.show_credits = False
        self.caption: Caption | None = None
        self.legend_open = True    # a click on the legend or the caption folds it away
        self.caption_open = True
        self._folds: dict[str, QRectF] = {}   # where those panels are, for the click
        self.presenting = False
        self.show_disputes = True     # "accounts differ: …" under the caption's title
        self.week_strip: Balance | None = None   # snapshots and video: the week at a glance
        self.slide = None   # presentation mode's panels (viewer.slide.Slide) replace ours
        self.visible_layers: set[str] = set(scene.basemap.layers) | {"places"}
        self.visible_kinds: set[str] = {s.kind for s in scene.scenario.sites}
        self.show_routes = True
        self._labels: list[Label] | None = None
        self._panels: list[QRectF] = []
        self._label_pixmap: QPixmap | None = None
        self._panel_cache = PanelCache()
        self._motion_preview = True
        self._moving = False
        self._drawn: Drawn | None = None   # _background
        self._spare: QPixmap | None = None   # a dropped drawing's pixmap, to draw the next in
        self._label_canvas: QPixmap | None = None   # the last label pixmap, drawn over next
        self._label_rect: QRectF | None = None   # the scene rectangle of _label_pixmap
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)   # drawBackground caches
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setBackgroundBrush(colour("paper"))
        self.horizontalScrollBar().valueChanged.connect(self._view_moved)
        self.verticalScrollBar().valueChanged.connect(self._view_moved)
        self._pulse_timer = QTimer(self)
        self._pulse_timer.setInterval(16)
        self._pulse_timer.timeout.connect(self._pulse_tick)
        self.fit_extent(scene.scenario.extent)

    # -- camera -------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        """Pixels per metre."""
        return self.transform().m11()

    def fit_extent(self, extent) -> None:
        self._fit_rect(self.map.rect_of(extent))

    def _fit_rect(self, rect: QRectF) -> None:
        size = self.viewport().size()
        if rect.isEmpty() or size.width() < 2 or size.height() < 2:
            return
        z = min(size.width() / rect.width(), size.height() / rect.height())
        self._set_camera(rect.center(), z)

    def _set_camera(self, centre: QPointF, zoom: float) -> None:
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.centerOn(centre)
        self._view_moved()

    def visible_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def extent(self) -> tuple[float, float, float, float]:
        return self.map.extent_of(self.visible_rect())

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        new = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.setTransform(QTransform.fromScale(new, new))
        after = self.mapToScene(anchor.toPoint())
        centre = self.visible_rect().center() + (before - after)
        self.centerOn(centre)
        self._view_moved()

    def centre_on_site(self, index: int, min_zoom: float = 0.35) -> None:
        x, y = self.map.site_xy[index]
        if self.zoom < min_zoom:
            self.setTransform(QTransform.fromScale(min_zoom, min_zoom))
        self.centerOn(QPointF(x, y))
        self._view_moved()

    # -- events -------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.zoom_by(1.0015 ** delta, event.position())
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:
        self.zoom_by(2.0, event.position())

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.4)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / 1.4)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit_extent(self.map.scenario.extent)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        fold = self._fold_at(event.position())
        if fold is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        setattr(self, f"{fold}_open", not getattr(self, f"{fold}_open"))
        self._panels = []   # labels may use the room, or must leave it
        self.relabel()
        event.accept()

    def _fold_at(self, point: QPointF) -> str | None:
        """The panel (legend or caption) under ``point`` that a click folds or unfolds."""
        if self.slide is not None or not self.show_overlays:
            return None
        return next((name for name, rect in self._folds.items() if rect.contains(point)), None)

    def mouseMoveEvent(self, event) -> None:
        over = self._fold_at(event.position())
        if over is not None and not event.buttons():
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        elif not event.buttons():
            self.viewport().unsetCursor()
        super().mouseMoveEvent(event)
        lon, lat = self.map.lonlat(self.mapToScene(event.position().toPoint()))
        self.hovered.emit(lon, lat)

    def resizeEvent(self, event) -> None:
        old = event.oldSize()
        centre = self.visible_rect().center() if old.width() > 0 else None
        super().resizeEvent(event)
        if not self.presenting:   # small windows get slightly smaller panels
            self.overlay_scale = min(max(self.viewport().width() / 1300, 0.8), 1.0)
        if old.width() <= 2 or old.height() <= 2:
            self.fit_extent(self.map.scenario.extent)
        elif centre is not None:
            self.centerOn(centre)
        self._view_moved()

    def _view_moved(self, *_) -> None:
        self._panels = []
        self.map.set_zoom(self.zoom)
        if self._motion_preview:
            self._moving = True
            self._settle.start()
        else:
            self._labels = self._label_pixmap = None
        self.view_changed.emit()
        self.viewport().update()

    @property
    def motion_preview(self) -> bool:
        """Whether a moving camera shows the last drawing stretched (off for exports)."""
        return self._motion_preview

    @motion_preview.setter
    def motion_preview(self, on: bool) -> None:
        self._motion_preview = on
        if not on and self._moving:
            self._settle.stop()
            self._settled()

    def _settled(self) -> None:
        """The camera has stopped: draw the basemap and labels for the view it shows."""
        self._moving = False
        self._labels = self._label_pixmap = None
        self.viewport().update()

    def _stretchable(self, drawn: Drawn | None) -> bool:
        """Whether ``drawn`` may stand in for the current view while the camera moves."""
        if drawn is None or not self._moving:
            return False
        view = self.visible_rect()
        ratio = drawn.rect.width() / max(view.width(), 1e-9)
        overlap = drawn.rect.intersected(view)
        return (1 / PREVIEW_ZOOM <= ratio <= PREVIEW_ZOOM and overlap.width()
                * overlap.height() >= PREVIEW_COVER * view.width() * view.height())

    def _blit(self, painter: QPainter, drawn: Drawn) -> None:
        """Paint ``drawn`` where its scene rectangle is now (1:1 when the view is the same)."""
        painter.save()
        painter.resetTransform()
        if drawn.rect == self.visible_rect():
            painter.drawPixmap(QPointF(0, 0), drawn.pixmap)
        else:
            painter.drawPixmap(self.viewportTransform().mapRect(drawn.rect), drawn.pixmap,
                               QRectF(drawn.pixmap.rect()))
        painter.restore()

    def _new_pixmap(self, fill, reuse: QPixmap | None = None) -> QPixmap:
        """A pixmap of the viewport filled with ``fill``: ``reuse`` when it is that size (a
        fresh 1920×1080 pixmap costs ≈ 2 000 page faults, ≈ 4 ms of CPU, before any drawing)."""
        ratio = self.devicePixelRatioF()
        size = self.viewport().size() * ratio
        pixmap = reuse if reuse is not None and reuse.size() == size else QPixmap(size)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(fill)
        return pixmap

    @property
    def _background(self) -> Drawn | None:
        """The last basemap drawing, with the ones before it (``earlier``)."""
        return self._drawn

    @_background.setter
    def _background(self, drawn: Drawn | None) -> None:
        self._spare = dropped(self._drawn, drawn, self._spare)
        self._drawn = drawn

    # -- time ---------------------------------------------------------------------------
    def set_time(self, t: int, animate: bool = True) -> list[int]:
        flipped = self.map.set_time(t, animate)
        if flipped:
            self.start_pulses()
        self.viewport().update(self._overlay_region())
        return flipped

    def start_pulses(self) -> None:
        if not self._pulse_timer.isActive():
            self._pulse_timer.start()

    def _overlay_region(self) -> QRegion:
        """Where the overlays are: what a change of time repaints besides the symbols."""
        if not self._panels:
            return QRegion(self.viewport().rect())
        region = QRegion()
        for rect in self._panels:
            region = region.united(rect.toAlignedRect())
        return region

    def _pulse_tick(self) -> None:
        self.viewport().update(pulse_region(self))
        if not self.map.pulsed:
            self._pulse_timer.stop()

    def set_language(self, lang: str) -> None:
        """Names, dates and panels in ``lang`` (the window's ViewState says which)."""
        self.lang = self.map.lang = lang
        self.refresh()

    def relabel(self) -> None:
        self._labels = self._label_pixmap = None
        self.viewport().update()

    def refresh(self) -> None:
        """Redraw everything (after a change of layers, language or style)."""
        self.map.show(self.visible_kinds, self.show_routes)
        self.map.lang = self.lang
        self._background = None
        self._labels = self._label_pixmap = None
        self.viewport().update()

    # -- painting -----------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        layers = self.visible_layers | ({"routes"} if self.show_routes else set())
        if painter.device() is not self.viewport():   # SVG or PDF: draw vectors
            painter.fillRect(rect, colour("paper"))
            self.map.basemap.paint(painter, rect, self.zoom, layers)
            return
        view = self.visible_rect()
        key = background_key(self, layers)
        drawn = self._background
        if drawn is None or drawn.key != key or (drawn.rect != view
                                                 and not self._stretchable(drawn)):
            drawn = self._background = draw_background(self, drawn, layers)
        if drawn.rect != view or colour("paper").alpha() < 255:   # else the pixmap covers all
            painter.fillRect(rect, colour("paper"))
        self._blit(painter, drawn)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        ratio = self.devicePixelRatioF()
        if ratio != self.map.pixel_ratio:
            self.map.set_symbol_scale(self.map.symbol_scale, ratio)
        paint_rings(self, painter)
        if self.show_labels:
            self._paint_labels(painter)
        panels = []
        if self.show_overlays:
            panels, self._folds = paint_overlays(self, painter, self._panel_cache)
        painter.restore()
        if not all(any(r.contains(p) for r in self._panels) for p in panels):
            # A panel grew out of its reserved place (a longer caption): reserve a little
            # more and lay the labels out again around it. Panels that shrink or stay put
            # cost nothing.
            self._panels = reserved(panels)
            if not self._moving:
                self._labels = self._label_pixmap = None
                self.viewport().update()

    # -- labels -------------------------------------------------------------------------
    def _paint_labels(self, painter: QPainter) -> None:
        """Labels are laid out and drawn once per view, then blitted from a pixmap."""
        view = self.visible_rect()
        last = None if self._label_pixmap is None or self._label_rect is None else \
            Drawn(self._label_pixmap, self._label_rect)
        if last is not None and last.rect != view and self._stretchable(last) and \
                self._labels is not None:   # moving: each label's box, stretched
            target = self.viewportTransform().mapRect(last.rect)
            self._blit_labels(target.topLeft(), target.width() / self.viewport().width(),
                              target.height() / self.viewport().height(), painter)
            return
        if self._labels is None or self._label_pixmap is None or self._label_rect != view:
            if self._labels is None or self._label_rect != view:
                self._labels = self._layout_labels()
            pixmap = self._label_canvas = self._new_pixmap(Qt.GlobalColor.transparent,
                                                           self._label_canvas)
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            draw_labels(p, self._labels, self.overlay_scale, font_scale(self))
            p.end()
            self._label_pixmap, self._label_rect = pixmap, view
        self._blit_labels(QPointF(0, 0), 1.0, 1.0, painter)

    def _blit_labels(self, origin: QPointF, sx: float, sy: float, painter: QPainter) -> None:
        """Blend the label pixmap only where the labels are (a time step repaints the whole
        view, and blending a full-view transparent pixmap costs more than all the labels),
        each box scaled by ``sx``, ``sy`` and shifted to ``origin`` (a moving camera)."""
        ratio = self._label_pixmap.devicePixelRatio()
        pad = 2 + 4 * self.overlay_scale   # halo and italic overhang
        for label in self._labels:
            box = label.rect.adjusted(-pad, -pad, pad, pad)
            target = box if sx == sy == 1 and origin.isNull() else QRectF(
                origin.x() + box.left() * sx, origin.y() + box.top() * sy,
                box.width() * sx, box.height() * sy)
            painter.drawPixmap(target, self._label_pixmap,
                               QRectF(box.topLeft() * ratio, box.size() * ratio))

    def _layout_labels(self) -> list[Label]:
        if not self._panels and self.show_overlays:
            # Where the panels will stand, known before they are painted: the labels of a
            # first paint (a new window, view or size) are already clear of them.
            panels, self._folds = paint_overlays(self, None, self._panel_cache)
            self._panels = reserved(panels)
        return layout_labels(self, self._panels)

    def label_texts(self) -> list[str]:
        """The labels placed in the current view (for tests)."""
        current = self._labels is not None and self._label_rect == self.visible_rect()
        return [label.text for label in (self._labels if current else self._layout_labels())]
