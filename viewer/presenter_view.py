"""The presenter's screen: current and next cue with a live preview of the next cue's map,
the whole narration, time since F5 and time of day, whether the story is paused, and the
"Present on" choice."""

from __future__ import annotations

import html
import time as _time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..geodata.presentation import Presentation
from ..geodata.style import load_style
from .i18n import tr
from .screens import ScreenChoice, screen_label

PREVIEW_SIZE = (420, 236)


def clock_text(seconds: float) -> str:
    """Elapsed time as the lecturer reads it: 7:05, 1:02:09."""
    s = int(seconds)
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


class PresenterView(QWidget):
    """On the lecturer's screen; emits ``screen_chosen`` and ``swap`` from its controls."""

    screen_chosen = Signal(QScreen)
    swap = Signal()

    def __init__(self, scenario=None, lang: str = "en", parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.lang = lang
        self.setObjectName("presenter_view")
        self.setWindowTitle("Petrograd 1917 — presenter")
        ui = load_style().ui
        self.ink, self.soft = ui["presenter_ink"], ui["presenter_soft"]
        self.alert = ui["presenter_alert"]   # the pause and blackout marks
        self.setStyleSheet(f"QWidget#presenter_view, QLabel {{ background:{ui['presenter']};"
                           f" color:{self.ink}; }}")
        self.started = _time.monotonic()
        self.elapsed = QLabel()
        self.elapsed.setToolTip(tr("Time since the presentation started", lang))
        self.clock = QLabel()
        self.clock.setToolTip(tr("Time of day", lang))
        self.state = QLabel()
        for w in (self.elapsed, self.clock, self.state):
            w.setStyleSheet("font-size:34px; font-weight:bold;")
        self.screens = QComboBox()
        self.screens.setToolTip(tr("Present on: the screen that shows the slides", lang))
        self.screens.activated.connect(self._chosen)
        swap = QPushButton(tr("Swap screens (S)", lang))
        swap.clicked.connect(self.swap)
        top = QHBoxLayout()
        for w in (self.elapsed, self.clock, self.state):
            top.addWidget(w)
            top.addSpacing(24)
        top.addStretch(1)
        top.addWidget(QLabel(tr("Present on", lang)))
        top.addWidget(self.screens)
        top.addWidget(swap)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.RichText)
        self.current.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.next = QLabel()
        self.next.setWordWrap(True)
        self.next.setStyleSheet(f"color:{self.soft}; font-size:22px;")
        self.next.setTextFormat(Qt.TextFormat.PlainText)
        self.site = QLabel()
        self.site.setWordWrap(True)
        self.site.setStyleSheet(f"color:{self.soft}; font-size:18px;")
        self.preview = self._preview(scenario) if scenario is not None else None
        side = QVBoxLayout()
        side.addWidget(self.next)
        if self.preview is not None:
            side.addWidget(self.preview)
        side.addWidget(self.site)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.current, 3)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.paused = False
        self.blackout = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(500)
        self.list_screens(None)
        self._tick()

    @staticmethod
    def _preview(scenario):
        """A small live map, drawn like the slides, that shows where the next cue goes."""
        from .mapscene import MapScene
        from .mapview import MapView

        view = MapView(MapScene(scenario))
        view.setObjectName("next_cue_preview")
        view.setFixedSize(*PREVIEW_SIZE)
        view.show_overlays = False
        view.setInteractive(False)
        return view

    def _tick(self) -> None:
        self.elapsed.setText(clock_text(_time.monotonic() - self.started))
        self.clock.setText(_time.strftime("%H:%M"))
        if self.blackout:
            text, colour = "■ " + tr("BLACK", self.lang), self.alert
        elif self.paused:
            text, colour = "❚❚ " + tr("PAUSED", self.lang), self.alert
        else:
            text, colour = "▶", self.ink
        self.state.setText(text)
        self.state.setStyleSheet(f"font-size:34px; font-weight:bold; color:{colour};")

    def set_state(self, paused: bool, blackout: bool) -> None:
        self.paused, self.blackout = paused, blackout
        self._tick()

    def list_screens(self, slides: QScreen | None) -> None:
        """Fill "Present on" with the connected screens; ``slides`` is checked."""
        self.screens.clear()
        for screen in ScreenChoice.screens():
            self.screens.addItem(screen_label(screen), screen.name())
        if slides is not None:
            self.screens.setCurrentIndex(self.screens.findData(slides.name()))

    def _chosen(self, index: int) -> None:
        name = self.screens.itemData(index)
        screen = next((s for s in ScreenChoice.screens() if s.name() == name), None)
        if screen is not None:
            self.screen_chosen.emit(screen)

    def show_cue(self, presentation: Presentation, lang: str) -> None:
        cue, nxt = presentation.cue, presentation.next_cue
        if cue is not None:
            n = len(presentation.chapters)
            self.current.setText(
                f"<p style='font-size:18px;color:{self.soft}'>"
                f"{tr('Cue {n} of {total}', lang).format(n=presentation.index + 1, total=n)}"
                f"</p><p style='font-size:32px'><b>{html.escape(cue.title(lang))}</b></p>"
                f"<p style='font-size:22px'>{html.escape(cue.narration_in(lang))}</p>")
        self.lang = lang
        self.next.setText(tr("Next: {title}", lang).format(title=nxt.title(lang)) if nxt
                          else tr("Last cue", lang))
        if self.preview is not None:
            self.preview.setVisible(nxt is not None)
            if nxt is not None:
                self.preview.lang = self.preview.map.lang = lang
                self.preview.fit_extent(nxt.extent)
                self.preview.set_time(nxt.start, animate=False)

    def show_site(self, text: str) -> None:
        self.site.setText(text)
