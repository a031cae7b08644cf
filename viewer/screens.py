"""Which screen shows the slides and which the presenter view, remembered per screen set."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication, QScreen


def screen_label(screen: QScreen) -> str:
    """What the lecturer reads in the "Present on" menu: name and size."""
    size = screen.geometry().size()
    name = screen.name() or screen.model() or "Screen"
    return f"{name} — {size.width()}×{size.height()}"


def screen_set_key(screens: list[QScreen]) -> str:
    """A stable key for the screens connected now (the same projector, the same key)."""
    names = sorted(f"{s.name()}:{s.geometry().width()}x{s.geometry().height()}"
                   for s in screens)
    return hashlib.sha1("|".join(names).encode()).hexdigest()[:12]


class ScreenChoice:
    """The slides' screen, chosen by the lecturer or guessed, and the presenter's screen."""

    def __init__(self, settings: QSettings):
        self.settings = settings

    @staticmethod
    def screens() -> list[QScreen]:
        return list(QGuiApplication.screens())

    def _setting(self) -> str:
        return f"presentation/slides_on/{screen_set_key(self.screens())}"

    def slides(self, window_screen: QScreen | None = None) -> QScreen:
        """The remembered choice for this set of screens; else a screen other than the
        one holding the window (the projector beside a laptop); else the only one."""
        screens = self.screens()
        name = self.settings.value(self._setting())
        chosen = next((s for s in screens if s.name() == name), None)
        if chosen is not None:
            return chosen
        others = [s for s in screens if s is not window_screen]
        if window_screen is not None and others:
            return others[0]
        primary = QGuiApplication.primaryScreen()
        return next((s for s in screens if s is not primary), primary) if len(screens) > 1 \
            else screens[0]

    def presenter(self, slides: QScreen) -> QScreen | None:
        """The screen for the presenter view: another one, or None when there is one."""
        return next((s for s in self.screens() if s is not slides), None)

    def choose(self, screen: QScreen) -> None:
        self.settings.setValue(self._setting(), screen.name())

    def swap(self, slides: QScreen) -> QScreen:
        """Put the slides on the presenter's screen; returns the new slides' screen."""
        other = self.presenter(slides)
        if other is not None:
            self.choose(other)
            return other
        return slides
