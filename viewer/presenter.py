"""Presentation mode: slides on the chosen screen, the presenter view on the other, clicker
keys, cues, pause, blackout, and the desktop given back as it was.

A thin Qt layer over :class:`geodata.presentation.Presentation`; the window's own map,
playback timer and captions do the rest. Slides are painted by :mod:`viewer.slide`.
"""

from __future__ import annotations

import time as _time

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QFontMetricsF, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QWidget

from ..geodata.camera import ease_in_out, interpolate_extent
from ..geodata.presentation import (
    GLIDE_SECONDS,
    DesktopTime,
    Presentation,
    frame_for_free_area,
    type_scale,
)
from .labels import label_font
from .presenter_view import PresenterView
from .screens import ScreenChoice
from .slide import Slide

NEXT_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter,
             Qt.Key.Key_Down}
PREVIOUS_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up}
BLACKOUT_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
PAUSE_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_MediaPlay, Qt.Key.Key_MediaPause,
              Qt.Key.Key_MediaTogglePlayPause, Qt.Key.Key_Play}
DEFAULT_PAUSE_KEY = "P"   # the lecturer's own pause key (setting presentation/pause_key)
MIN_GLIDE_FPS = 12        # frames shown per second below which a glide jumps to its end
GLIDE_CHECK_SECONDS = 0.25


def _box(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _rect(box) -> QRectF:
    return QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1])


class Glide(QObject):
    """A camera move stepped at the display's rate; it counts the frames the view really
    paints and jumps to the end state when the machine cannot show ``min_fps``."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.min_fps = MIN_GLIDE_FPS
        self.shown = self.skipped = 0
        self.target: tuple[float, float, float, float] | None = None
        self._from = None
        self._started = 0.0
        self.anim = QVariantAnimation(self)
        self.anim.setStartValue(0.0)
        self.anim.setEndValue(1.0)
        self.anim.valueChanged.connect(self._step)
        view.viewport().installEventFilter(self)

    @property
    def running(self) -> bool:
        return self.anim.state() != QVariantAnimation.State.Stopped

    def start(self, rect: QRectF, seconds: float) -> None:
        """Glide to show the scene rectangle ``rect`` (in scene units: no lon/lat round
        trip, whose curved meridians would blur the framing)."""
        self.anim.stop()
        self._from, self.target = _box(self.view.visible_rect()), _box(rect)
        self.shown, self._started = 0, _time.monotonic()
        self.anim.setDuration(max(int(seconds * 1000), 1))
        self.anim.start()

    def _step(self, f) -> None:
        if self.target is None:
            return
        elapsed = _time.monotonic() - self._started
        if elapsed > GLIDE_CHECK_SECONDS and (self.shown - 1) / elapsed < self.min_fps:
            self.finish()   # the display cannot keep up: show where the glide ends
            self.skipped += 1
            return
        self.view._fit_rect(_rect(interpolate_extent(self._from, self.target,
                                                      ease_in_out(f))))

    def finish(self) -> None:
        """Stop and show the end state."""
        self.anim.stop()
        if self.target is not None:
            self.view._fit_rect(_rect(self.target))

    def pause(self) -> None:
        if self.anim.state() == QVariantAnimation.State.Running:
            self.anim.pause()

    def resume(self) -> None:
        if self.anim.state() == QVariantAnimation.State.Paused:
            self.anim.resume()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.running:
            self.shown += 1   # a frame the lecturer's hall actually saw
            if self.shown == 1:   # the first one redraws the slide: measure from there
                self._started = _time.monotonic()
        return False


class PresentationMode(QObject):
    """Turns the main window into slides on one screen and the presenter view on another."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.active = False
        self.presentation: Presentation | None = None
        self.presenter: PresenterView | None = None
        self.choice = ScreenChoice(window.settings)
        self.slides_screen: QScreen | None = None
        self.blackout = QWidget(window)
        self.blackout.setStyleSheet("background:black;")
        self.blackout.hide()
        self.glide: Glide | None = None
        self._saved_state = None
        self._desktop: DesktopTime | None = None
        self._playing_before_blackout = False
        self._disputes_shown = True
        self._bars: list = []
        self._dialogs: list[QWidget] = []

    # -- on and off -----------------------------------------------------------------------
    def start(self, screen: QScreen | None = None) -> None:
        if self.active:
            return
        w = self.window
        self.active = True
        self._saved_state = (w.saveState(), w.geometry(), w.isFullScreen(),
                             w.view.overlay_scale, w.view.show_captions)
        self._desktop = DesktopTime.of(w.playback)
        w.playback.playing = False
        self.presentation = Presentation(w.scenario.chapters, w.playback)
        self.presentation.cue_changed.connect(self._cue_changed)
        w.playback.playing_changed.connect(self._show_state)
        self._bars = [(bar, bar.isVisible()) for bar in (w.menuBar(), w.toolbar,
                                                          w.statusBar(), w.timebar)]
        for bar, _ in self._bars:
            bar.hide()
        for dock in (w.events_dock, w.site_dock, w.layers_dock):
            dock.hide()
        # Dialogs already open (About, the cue editor, …) wait behind the lecture.
        self._dialogs = [d for d in w.findChildren(QWidget) if d.isWindow() and d.isVisible()
                         and d is not w]
        for dialog in self._dialogs:
            dialog.hide()
        for action in w.actions_for_desktop():
            action.setEnabled(False)   # no dialog or dock opens over the slides
        # Where the sources disagree stays out of the way unless asked for (D).
        self._disputes_shown = w.view.show_disputes
        w.view.show_disputes = False
        if w.disagreement_view is not None:
            w.disagreement_view.hide()
        w.view.presenting = True
        w.view.slide = Slide(w.scenario, device=w.view.viewport())
        self.glide = Glide(w.view)
        self.presenter = PresenterView(w.scenario, w.lang)
        self.presenter.screen_chosen.connect(self.present_on)
        self.presenter.swap.connect(self.swap)
        self.place(screen)
        app = QGuiApplication.instance()
        app.installEventFilter(self)
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)
        w.view.setFocus()

    def stop(self) -> None:
        if not self.active:
            return
        w = self.window
        app = QGuiApplication.instance()
        app.removeEventFilter(self)
        app.screenAdded.disconnect(self._screens_changed)
        app.screenRemoved.disconnect(self._screens_changed)
        w.playback.playing_changed.disconnect(self._show_state)
        self.active = False
        self.set_blackout(False)
        if self.glide is not None:
            self.glide.anim.stop()
            self.glide.deleteLater()
            self.glide = None
        state, geometry, was_full, scale, captions = self._saved_state
        w.view.presenting = False
        w.view.slide = None
        w.view.overlay_scale, w.view.show_captions = scale, captions
        w.view.show_disputes = self._disputes_shown
        w.scene.set_symbol_scale(1.0)
        for bar, shown in self._bars:
            bar.setVisible(shown)
        for action in w.actions_for_desktop():
            action.setEnabled(True)
        for dialog in self._dialogs:
            dialog.show()
        self._dialogs = []
        w.restoreState(state)
        if not was_full:
            w.showNormal()
            w.setGeometry(geometry)
        if self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None
        self._desktop.restore(w.playback)   # the desktop's time and speed, as they were
        w.apply_layers()
        w.view.refresh()

    # -- screens --------------------------------------------------------------------------
    def place(self, screen: QScreen | None = None) -> None:
        """Slides full screen on ``screen`` (or the remembered/guessed one), the presenter
        view on another screen; with one screen the presenter view waits (V shows it)."""
        w = self.window
        slides = screen or self.choice.slides(w.screen())
        self.slides_screen = slides
        if w.isFullScreen():
            w.showNormal()
        w.setScreen(slides)
        if w.windowHandle() is not None:
            w.windowHandle().setScreen(slides)
        w.setGeometry(slides.geometry())
        w.showFullScreen()
        other = self.choice.presenter(slides)
        p = self.presenter
        p.list_screens(slides)
        if other is not None:
            p.setScreen(other)
            p.setGeometry(other.availableGeometry())
            p.show()
            if p.windowHandle() is not None:
                p.windowHandle().setScreen(other)
                p.setGeometry(other.availableGeometry())
        else:
            p.hide()
        self.scale_type()
        w.view.setFocus()
        w.activateWindow()

    def present_on(self, screen: QScreen) -> None:
        """The lecturer's "Present on" choice, remembered for this set of screens."""
        self.choice.choose(screen)
        if self.active:
            self.place(screen)

    def swap(self) -> None:
        if self.slides_screen is not None:
            self.place(self.choice.swap(self.slides_screen))

    def _screens_changed(self, *_) -> None:
        """A projector plugged in or pulled out mid-lecture: place everything again."""
        if self.active:
            screens = self.choice.screens()
            keep = self.slides_screen if self.slides_screen in screens else None
            self.place(None if len(screens) > 1 or keep is None else keep)

    def scale_type(self) -> None:
        """Map labels at the slide's label size; panels follow :mod:`viewer.slide`."""
        w = self.window
        height = self.slides_screen.geometry().height() if self.slides_screen else 1080
        symbols = 1.0 + 0.5 * max(height / 720, 1.0)
        w.scene.set_symbol_scale(symbols)
        smallest = min(QFontMetricsF(label_font(kind, 10.0), w.view.viewport()).capHeight()
                       for kind in ("site", "water", "island", "street")) / 10
        target = type_scale(height)["label"] + 0.5   # half a pixel over: no rounding down
        w.view.overlay_scale = target / (smallest * symbols ** 0.5)
        w.view.refresh()

    # -- keys ---------------------------------------------------------------------------
    def pause_keys(self) -> set:
        own = QKeySequence(str(self.window.settings.value("presentation/pause_key",
                                                          DEFAULT_PAUSE_KEY)))
        return PAUSE_KEYS | ({own[0].key()} if own.count() else set())

    def keys(self) -> set:
        return (NEXT_KEYS | PREVIOUS_KEYS | BLACKOUT_KEYS | self.pause_keys()
                | {Qt.Key.Key_Escape, Qt.Key.Key_T, Qt.Key.Key_F5, Qt.Key.Key_S, Qt.Key.Key_V,
                   Qt.Key.Key_D})

    def eventFilter(self, obj, event) -> bool:
        if not self.active:
            return False
        if event.type() == QEvent.Type.Resize and obj is self.window.view.viewport():
            QTimer.singleShot(0, self._reframe)   # full screen arrived, or another screen
            return False
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in self.keys():
            event.accept()   # our keys beat the window's shortcuts while presenting
            return True
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            return self.handle_key(event.key())
        return False

    def handle_key(self, key) -> bool:
        if key == Qt.Key.Key_Escape:
            self.stop()
        elif key == Qt.Key.Key_F5:
            return True
        elif key in BLACKOUT_KEYS:
            self.set_blackout(not self.blackout.isVisible())
        elif self.blackout.isVisible():
            return True   # the screen stays black until B is pressed again
        elif key == Qt.Key.Key_T:
            view = self.window.view
            view.show_captions = not view.show_captions
            view.viewport().update()
        elif key == Qt.Key.Key_D:   # say where the accounts differ, on the caption
            view = self.window.view
            view.show_disputes = not view.show_disputes
            view.viewport().update()
        elif key == Qt.Key.Key_S:
            self.swap()
        elif key == Qt.Key.Key_V:
            self.presenter.setVisible(not self.presenter.isVisible())
        elif key in self.pause_keys():
            if self.presentation.cue is None:
                self.presentation.next()
            else:
                self.presentation.toggle_pause()
                self._show_state()
        elif key in NEXT_KEYS:
            self.presentation.next()
        elif key in PREVIOUS_KEYS:
            self.presentation.previous()
        else:
            return False
        return True

    def set_blackout(self, on: bool) -> None:
        """Black slides; the story and the camera wait and go on where they were."""
        playback = self.window.playback
        if on and not self.blackout.isVisible():
            self._playing_before_blackout = playback.playing
            playback.playing = False
            if self.glide is not None:
                self.glide.pause()
            self.blackout.setGeometry(self.window.rect())
            self.blackout.raise_()
            self.blackout.show()
        elif not on and self.blackout.isVisible():
            self.blackout.hide()
            if self.glide is not None:
                self.glide.resume()
            if self._playing_before_blackout:
                self.presentation.resume()
        self._show_state()

    def _show_state(self, *_) -> None:
        if self.presenter is not None and self.presentation is not None:
            self.presenter.set_state(self.presentation.paused, self.blackout.isVisible())

    # -- cues ---------------------------------------------------------------------------
    def framed(self, extent) -> QRectF:
        """The scene rectangle to show so that ``extent`` fills what the panels leave free."""
        w = self.window
        size = w.view.viewport().size()
        free = w.view.slide.layout(size.width(), size.height()).free
        target = w.scene.rect_of(extent)
        return _rect(frame_for_free_area(_box(target), (size.width(), size.height()),
                                         _box(free)))

    def _cue_changed(self, index: int) -> None:
        w = self.window
        cue = self.presentation.cue
        w.view.slide.title, w.view.slide.narration = cue.title(w.lang), cue.narration_in(w.lang)
        self.glide.start(self.framed(cue.extent), GLIDE_SECONDS)
        if cue.layers:
            w.view.visible_layers = set(cue.layers) - {"routes", "labels"}
            w.view.show_routes = "routes" in cue.layers
        else:
            w.apply_layers()
        w.view.refresh()
        if self.presenter is not None:
            self.presenter.show_cue(self.presentation, w.lang)
        self._show_state()

    def _reframe(self) -> None:
        """The slide changed size: show the current cue framed for the new size."""
        cue = self.presentation.cue if self.active and self.presentation else None
        if cue is None or self.glide is None:
            return
        target = self.framed(cue.extent)
        if self.glide.running:
            self.glide.target = _box(target)   # the glide ends where the new size wants
        else:
            self.window.view._fit_rect(target)

    def follow(self, site_index: int) -> None:
        """Keep an event's site in view: glide to it if it is outside the free part."""
        w = self.window
        if self.glide is None or self.glide.running:
            return
        x, y = w.scene.site_xy[site_index]
        size = w.view.viewport().size()
        free = w.view.slide.layout(size.width(), size.height()).free
        inner = w.view.mapToScene(free.toAlignedRect()).boundingRect()
        if inner.contains(x, y):
            return
        rect = w.view.visible_rect()
        moved = rect.translated(x - inner.center().x(), y - inner.center().y())
        self.glide.start(moved, GLIDE_SECONDS * 0.8)

    def show_site(self, text: str) -> None:
        """A site clicked on the slide: its story goes to the presenter, not on the slide."""
        if self.presenter is not None:
            self.presenter.show_site(text)
