"""Presentation mode: full screen, big type, clicker keys, cues, blackout, presenter view.

A thin Qt layer over :class:`geodata.presentation.Presentation`; the window's own map,
playback timer and captions do the rest.
"""

from __future__ import annotations

import html
import time as _time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..geodata.presentation import GLIDE_SECONDS, Presentation
from ..geodata.style import load_style

NEXT_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Return,
             Qt.Key.Key_Enter, Qt.Key.Key_Down}
PREVIOUS_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up}
BLACKOUT_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}


def first_sentence(text: str, limit: int = 160) -> str:
    """What the hall reads on screen; the whole narration is on the presenter view."""
    head = text.split(". ")[0].strip()
    head = head if head.endswith(".") or len(head) == len(text.strip()) else head + "."
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


class PresenterView(QWidget):
    """On a second screen: current and next cue, narration and a clock."""

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Petrograd 1917 — presenter")
        ui = load_style().ui
        self.setStyleSheet(f"background:{ui['presenter']}; color:{ui['presenter_ink']};")
        self.clock = QLabel()
        self.clock.setStyleSheet("font-size:40px; font-weight:bold;")
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.RichText)
        self.next = QLabel()
        self.next.setStyleSheet(f"color:{ui['presenter_soft']}; font-size:20px;")
        self.next.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        for w in (self.clock, self.current, self.next):
            layout.addWidget(w)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(1000)
        self._tick()

    def _tick(self) -> None:
        self.clock.setText(_time.strftime("%H:%M:%S"))

    def show_cue(self, presentation: Presentation, lang: str) -> None:
        cue, nxt = presentation.cue, presentation.next_cue
        if cue is not None:
            n = len(presentation.chapters)
            soft = load_style().ui["presenter_soft"]
            self.current.setText(
                f"<p style='font-size:16px;color:{soft}'>Cue {presentation.index + 1} of {n}"
                f"</p><p style='font-size:30px'><b>{html.escape(cue.title(lang))}</b></p>"
                f"<p style='font-size:22px'>{html.escape(cue.narration)}</p>")
        self.next.setText(f"Next: {nxt.title(lang)}" if nxt else "Last cue")


class PresentationMode(QObject):
    """Turns the main window into a lecture screen and back."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.active = False
        self.presentation: Presentation | None = None
        self.presenter: PresenterView | None = None
        self.blackout = QWidget(window)
        self.blackout.setStyleSheet("background:black;")
        self.blackout.hide()
        self._saved_state = None
        self._disputes_shown = True

    # -- on and off -----------------------------------------------------------------------
    def start(self, screen_index: int | None = None) -> None:
        if self.active:
            return
        w = self.window
        self.active = True
        self._saved_state = (w.saveState(), w.isFullScreen(), w.view.overlay_scale,
                             w.view.show_captions)
        self.presentation = Presentation(w.scenario.chapters, w.playback)
        self.presentation.cue_changed.connect(self._cue_changed)
        for bar in (w.menuBar(), w.toolbar, w.statusBar(), w.timebar):
            bar.hide()
        for dock in (w.events_dock, w.site_dock, w.layers_dock):
            dock.hide()
        # Where the sources disagree stays out of the way unless asked for (D).
        self._disputes_shown = w.view.show_disputes
        w.view.show_disputes = False
        if w.disagreement_view is not None:
            w.disagreement_view.hide()
        screens = QGuiApplication.screens()
        if screen_index is not None and 0 <= screen_index < len(screens):
            w.windowHandle().setScreen(screens[screen_index])
        w.showFullScreen()
        self.scale_type()
        w.view.presenting = True
        if len(screens) > 1:
            self.presenter = PresenterView()
            other = next((s for s in screens if s is not w.screen()), None)
            if other is not None:
                self.presenter.setGeometry(other.availableGeometry())
            self.presenter.show()
        QGuiApplication.instance().installEventFilter(self)
        w.view.setFocus()

    def stop(self) -> None:
        if not self.active:
            return
        w = self.window
        QGuiApplication.instance().removeEventFilter(self)
        self.active = False
        self.set_blackout(False)
        state, was_full, scale, captions = self._saved_state
        w.view.presenting = False
        w.view.overlay_scale, w.view.show_captions = scale, captions
        w.view.show_disputes = self._disputes_shown
        w.scene.set_symbol_scale(1.0)
        w.view.cue_banner = None
        for bar in (w.menuBar(), w.toolbar, w.statusBar(), w.timebar):
            bar.show()
        w.restoreState(state)
        if not was_full:
            w.showNormal()
        if self.presenter is not None:
            self.presenter.close()
            self.presenter = None
        w.view.refresh()

    def scale_type(self) -> None:
        """Type that reads from the back row: 1.35× at 720 lines, growing with the screen."""
        w = self.window
        size = w.screen().geometry()
        factor = max(min(size.height() / 720, size.width() / 1280), 1.0)
        w.view.overlay_scale = 1.35 * factor
        w.scene.set_symbol_scale(1.0 + 0.5 * factor)
        w.view.refresh()

    # -- keys ---------------------------------------------------------------------------
    KEYS = NEXT_KEYS | PREVIOUS_KEYS | BLACKOUT_KEYS | {Qt.Key.Key_Escape, Qt.Key.Key_T,
                                                        Qt.Key.Key_F5, Qt.Key.Key_D}

    def eventFilter(self, obj, event) -> bool:
        if not self.active:
            return False
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in self.KEYS:
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
        elif key == Qt.Key.Key_T:
            view = self.window.view
            view.show_captions = not view.show_captions
            view.viewport().update()
        elif key == Qt.Key.Key_D:   # say where the accounts differ, on the caption
            view = self.window.view
            view.show_disputes = not view.show_disputes
            view.viewport().update()
        elif self.blackout.isVisible():
            return True   # the screen stays black until B is pressed again
        elif key in NEXT_KEYS:
            self.presentation.next()
        elif key in PREVIOUS_KEYS:
            self.presentation.previous()
        else:
            return False
        return True

    def set_blackout(self, on: bool) -> None:
        if on:
            self.blackout.setGeometry(self.window.rect())
            self.blackout.raise_()
            self.blackout.show()
        else:
            self.blackout.hide()

    # -- cues ---------------------------------------------------------------------------
    def _cue_changed(self, index: int) -> None:
        w = self.window
        cue = self.presentation.cue
        w.view.glide_to(cue.extent, GLIDE_SECONDS)
        w.view.cue_banner = (cue.title(w.lang), first_sentence(cue.narration))
        if cue.layers:
            w.view.visible_layers = set(cue.layers) - {"routes", "labels"}
            w.view.show_routes = "routes" in cue.layers
        else:
            w.apply_layers()
        w.view.refresh()
        w.view.viewport().update()
        if self.presenter is not None:
            self.presenter.show_cue(self.presentation, w.lang)

    def follow(self, site_index: int) -> None:
        """Keep an event's site in view: glide to it if it is off screen."""
        w = self.window
        x, y = w.scene.site_xy[site_index]
        rect = w.view.visible_rect()
        inner = rect.adjusted(rect.width() * 0.08, rect.height() * 0.12,
                              -rect.width() * 0.08, -rect.height() * 0.2)
        if inner.contains(x, y):
            return
        dx, dy = x - rect.center().x(), y - rect.center().y()
        moved = rect.translated(dx, dy)
        w.view.glide_to(w.scene.extent_of(moved), GLIDE_SECONDS * 0.8)
