"""The time slider: days in both calendars, a tick per event, a draggable handle, and the
playback buttons. It only mirrors :class:`geodata.playback.Playback`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..geodata import calendar as cal
from ..geodata.playback import SPEEDS, Playback
from .i18n import text, tr
from .overlays import font
from .symbols import colour


class TimeRuler(QWidget):
    """Days, event ticks and the handle; click or drag to set the time."""

    def __init__(self, playback: Playback, parent=None):
        super().__init__(parent)
        self.playback = playback
        self.lang = "en"
        self.setMinimumHeight(58)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolTip("")
        playback.time_changed.connect(self._repaint)

    def _repaint(self, _t: int) -> None:
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, 62)

    def _track(self) -> QRectF:
        return QRectF(12, 24, self.width() - 24, 18)

    def x_of(self, t: float) -> float:
        tl, track = self.playback.timeline, self._track()
        return track.left() + (t - tl.start) / (tl.end - tl.start) * track.width()

    def t_of(self, x: float) -> int:
        tl, track = self.playback.timeline, self._track()
        f = min(max((x - track.left()) / track.width(), 0.0), 1.0)
        return int(round(tl.start + f * (tl.end - tl.start)))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tl = self.playback.timeline
        scenario = tl.scenario
        track = self._track()
        painter.fillRect(self.rect(), colour("timebar"))
        painter.setPen(QPen(colour("track_edge"), 1))
        painter.setBrush(colour("track"))
        painter.drawRoundedRect(track, 4, 4)
        # Days: boundaries and labels in both calendars.
        f = font(8.5)
        painter.setFont(f)
        day = cal.MINUTES_PER_DAY
        first = tl.start - tl.start % day
        for d in range(first, tl.end, day):
            x0, x1 = self.x_of(max(d, tl.start)), self.x_of(min(d + day, tl.end))
            painter.setPen(QPen(colour("day_tick"), 1))
            painter.drawLine(QPointF(x0, track.top() - 14), QPointF(x0, track.bottom()))
            text = self.day_label(d)
            painter.setPen(colour("day_label"))
            elided = QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideRight, x1 - x0 - 6)
            painter.drawText(QRectF(x0 + 4, 2, x1 - x0 - 6, 18), Qt.AlignmentFlag.AlignVCenter,
                             elided)
        # Event ticks, coloured by the control they bring.
        for e in scenario.events:
            x = self.x_of(e.time)
            c = QColor(scenario.controls[e.control].colour) if e.control else colour("ink_soft")
            painter.setPen(QPen(c, 2))
            painter.drawLine(QPointF(x, track.top() + 2), QPointF(x, track.bottom() - 2))
        # The played part and the handle.
        x = self.x_of(self.playback.time)
        painter.fillRect(QRectF(track.left(), track.bottom() + 3, x - track.left(), 3),
                         colour("played"))
        painter.setPen(QPen(colour("ink"), 1.5))
        painter.setBrush(colour("surface"))
        painter.drawRoundedRect(QRectF(x - 5, track.top() - 5, 10, track.height() + 10), 3, 3)
        painter.end()

    def day_label(self, d: int) -> str:
        cal_ = self.playback.timeline.scenario.calendar
        names = cal.WEEKDAYS_RU if self.lang == "ru" else cal.WEEKDAYS_EN
        return f"{names[cal.weekday(d)][:3]} {cal.format_day(d, cal_, self.lang, short=True)}"

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.playback.time = self.t_of(event.position().x())

    def mouseMoveEvent(self, event) -> None:
        x = event.position().x()
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.playback.time = self.t_of(x)
            return
        scenario = self.playback.timeline.scenario
        near = [e for e in scenario.events if abs(self.x_of(e.time) - x) <= 3]
        if near:
            text = "<br>".join(f"<b>{cal.clock(e.time)}</b> {html.escape(e.text(self.lang))}"
                               for e in near[:6])
            QToolTip.showText(event.globalPosition().toPoint(), f"<p>{text}</p>", self)
        else:
            QToolTip.hideText()


class TimeBar(QWidget):
    """Ruler plus buttons: start, previous, play/pause, next, end, speed, loop."""

    def __init__(self, playback: Playback, parent=None):
        super().__init__(parent)
        self.playback = playback
        self.lang = "en"
        self.ruler = TimeRuler(playback)
        self.date = QLabel()
        self.date.setFont(font(12, serif=True, bold=True))
        self.date.setTextFormat(Qt.TextFormat.PlainText)

        self._tips: list[tuple[QToolButton, str]] = []

        def button(icon, slot, tip: str) -> QToolButton:
            b = QToolButton()
            b.setIcon(self.style().standardIcon(icon))
            b.setToolTip(tr(tip, self.lang))
            self._tips.append((b, tip))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAutoRaise(True)
            b.setMinimumWidth(34)
            b.clicked.connect(slot)
            return b

        icons = QStyle.StandardPixmap
        self.start_button = button(icons.SP_MediaSkipBackward, playback.to_start,
                                   "Start (Ctrl+Home)")
        self.prev_button = button(icons.SP_MediaSeekBackward, playback.step_previous,
                                  "Previous event (←)")
        self.play_button = button(icons.SP_MediaPlay, playback.toggle, "Play / pause (Space)")
        self.next_button = button(icons.SP_MediaSeekForward, playback.step_next,
                                  "Next event (→)")
        self.end_button = button(icons.SP_MediaSkipForward, playback.to_end, "End (Ctrl+End)")
        self.speed = QComboBox()
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for s in SPEEDS:
            self.speed.addItem(self.speed_text(s), s)
        self.speed.setCurrentIndex(SPEEDS.index(60) if 60 in SPEEDS else 0)
        self.speed.currentIndexChanged.connect(
            lambda i: setattr(self.playback, "speed", self.speed.itemData(i)))
        self.loop = QCheckBox(tr("Loop", self.lang))
        self.loop.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.loop.toggled.connect(lambda on: setattr(self.playback, "loop", on))

        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 0)
        for w in (self.start_button, self.prev_button, self.play_button, self.next_button,
                  self.end_button):
            row.addWidget(w)
        row.addSpacing(8)
        row.addWidget(self.date, 1)
        row.addWidget(self.speed)
        row.addWidget(self.loop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addWidget(self.ruler)

        playback.time_changed.connect(self._show_time)
        playback.playing_changed.connect(self._show_playing)
        playback.speed_changed.connect(self._show_speed)
        self._show_time(playback.time)

    def speed_text(self, minutes: float) -> str:
        if minutes < 60:
            return f"{minutes:g} {text('min_s', self.lang)}"
        return f"{minutes / 60:g} {text('h_s', self.lang)}"

    def _show_playing(self, on: bool) -> None:
        self.play_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause if on
                                    else QStyle.StandardPixmap.SP_MediaPlay))

    def _show_speed(self, speed: float) -> None:
        i = self.speed.findData(speed)
        if i >= 0 and i != self.speed.currentIndex():
            self.speed.blockSignals(True)
            self.speed.setCurrentIndex(i)
            self.speed.blockSignals(False)

    def _show_time(self, t: int) -> None:
        self.date.setText(cal.format_long(t, self.playback.timeline.scenario.calendar,
                                          self.lang))

    def set_language(self, lang: str) -> None:
        self.lang = self.ruler.lang = lang
        self.loop.setText(tr("Loop", lang))
        for b, tip in self._tips:
            b.setToolTip(tr(tip, lang))
        for i, s in enumerate(SPEEDS):
            self.speed.setItemText(i, self.speed_text(s))
        self._show_time(self.playback.time)
        self.ruler.update()
