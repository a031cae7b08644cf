"""The time slider: days in both calendars, the week at a glance behind the track, a tick per
event, a span per disputed window, a draggable handle, and the playback buttons. It only
mirrors :class:`geodata.playback.Playback` and draws the story model's answers.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..geodata import calendar as cal
from ..geodata.playback import SPEEDS, Playback
from .i18n import text, tr
from .overlays import font
from .symbols import colour


class TimeRuler(QWidget):
    """Days, the week at a glance, event ticks, disputed windows and the handle.

    The track's background is the story model's balance (:mod:`geodata.balance`): stacked
    bands of how many sites each control held. Below it a lane of ticks, one per event
    in the colour of the control it brings, and a lane of spans, one per event whose
    accounts differ (:mod:`geodata.disagreements`), from the earliest to the latest time the
    sources give. Click or drag to set the time; hover for the balance or the events.
    The bands, ticks and spans come with :meth:`show_details` (the app's start shows the
    track and the days first).
    """

    LABELS, TRACK, TICKS, SPAN_ROW, SPAN_ROWS = 20, 24, 7, 4, 2

    def __init__(self, playback: Playback, parent=None):
        super().__init__(parent)
        self.playback = playback
        self.lang = "en"
        self.show_disputes = True
        self.details = False
        self._model: tuple | None = None   # (timeline, balance, spans)
        self._bands: tuple | None = None   # (key, pixmap)
        self.setMinimumHeight(int(self._lane_bottom() + 6))
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolTip("")
        playback.time_changed.connect(self._repaint)

    def show_details(self) -> None:
        """Draw the week's balance, the event ticks and the disputed windows too."""
        self.details = True
        self.update()

    def _repaint(self, _t: int) -> None:
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, int(self._lane_bottom() + 10))

    def _track(self) -> QRectF:
        return QRectF(12, self.LABELS + 2, self.width() - 24, self.TRACK)

    def _lane_bottom(self) -> float:
        return self.LABELS + 2 + self.TRACK + 2 + self.TICKS + 2 + \
            self.SPAN_ROWS * (self.SPAN_ROW + 1)

    def model(self) -> tuple:
        """(timeline, balance, [(row, disagreement)]), rebuilt for a new timeline."""
        from ..geodata.balance import site_balance
        from ..geodata.disagreements import disagreements

        tl = self.playback.timeline
        if self._model is None or self._model[0] is not tl:
            spans = []
            ends = [float("-inf")] * self.SPAN_ROWS
            for d in disagreements(tl.scenario):
                row = next((r for r, end in enumerate(ends) if end <= d.earliest), None)
                if row is None:
                    row = min(range(self.SPAN_ROWS), key=ends.__getitem__)
                ends[row] = d.latest + (tl.end - tl.start) / 400   # a pixel or two apart
                spans.append((row, d))
            self._model = (tl, site_balance(tl.scenario, timeline=tl), spans)
            self._bands = None
        return self._model

    def x_of(self, t: float) -> float:
        tl, track = self.playback.timeline, self._track()
        return track.left() + (t - tl.start) / (tl.end - tl.start) * track.width()

    def t_of(self, x: float) -> int:
        tl, track = self.playback.timeline, self._track()
        f = min(max((x - track.left()) / track.width(), 0.0), 1.0)
        return int(round(tl.start + f * (tl.end - tl.start)))

    def _span_rect(self, row: int, d) -> QRectF:
        top = self._track().bottom() + 2 + self.TICKS + 2 + row * (self.SPAN_ROW + 1)
        x0, x1 = self.x_of(d.earliest), self.x_of(d.latest)
        return QRectF(x0, top, max(x1 - x0, 3.0), self.SPAN_ROW)

    def _band_pixmap(self, track: QRectF, balance, scenario) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (track.width(), track.height(), ratio, id(balance))
        if self._bands is None or self._bands[0] != key:
            pixmap = QPixmap(int(track.width() * ratio) + 1, int(track.height() * ratio) + 1)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(colour("track"))
            from .balance_strip import paint_bands

            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint_bands(p, QRectF(0, 0, track.width(), track.height()), balance, scenario,
                        (scenario.start, scenario.end))
            p.end()
            self._bands = (key, pixmap)
        return self._bands[1]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tl = self.playback.timeline
        track = self._track()
        painter.fillRect(self.rect(), colour("timebar"))
        # The week at a glance: who held how many sites, as the track's background.
        clip = QPainterPath()
        clip.addRoundedRect(track, 4, 4)
        painter.save()
        painter.setClipPath(clip)
        if self.details:
            _, balance, spans = self.model()
            painter.drawPixmap(track.topLeft(), self._band_pixmap(track, balance, tl.scenario))
        else:
            painter.fillRect(track, colour("track"))
        painter.restore()
        painter.setPen(QPen(colour("track_edge").darker(115), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(track, 4, 4)
        self._paint_days(painter, track)
        if self.details:
            self._paint_events(painter, track, spans)
        # The handle.
        x = self.x_of(self.playback.time)
        painter.fillRect(QRectF(track.left(), self._lane_bottom() + 1, x - track.left(), 3),
                         colour("played"))
        painter.setPen(QPen(colour("ink"), 1.5))
        painter.setBrush(colour("surface", 215))
        painter.drawRoundedRect(QRectF(x - 5, track.top() - 5, 10, track.height() + 10), 3, 3)
        painter.end()

    def _paint_days(self, painter: QPainter, track: QRectF) -> None:
        """Day boundaries and labels in both calendars."""
        tl = self.playback.timeline
        f = font(8.5)
        painter.setFont(f)
        day = cal.MINUTES_PER_DAY
        first = tl.start - tl.start % day
        for d in range(first, tl.end, day):
            x0, x1 = self.x_of(max(d, tl.start)), self.x_of(min(d + day, tl.end))
            painter.setPen(QPen(colour("day_tick"), 1))
            painter.drawLine(QPointF(x0, 6), QPointF(x0, track.top()))
            painter.setPen(QPen(colour("surface", 190), 1))
            painter.drawLine(QPointF(x0, track.top()), QPointF(x0, track.bottom()))
            text = self.day_label(d)
            painter.setPen(colour("day_label"))
            elided = QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideRight, x1 - x0 - 6)
            painter.drawText(QRectF(x0 + 4, 2, x1 - x0 - 6, 18), Qt.AlignmentFlag.AlignVCenter,
                             elided)

    def _paint_events(self, painter: QPainter, track: QRectF, spans) -> None:
        """A tick per event in the colour of the control it brings, in its own lane; where
        the accounts differ, the window as a span instead."""
        scenario = self.playback.timeline.scenario
        top = track.bottom() + 2
        spanned = {id(d.event) for _, d in spans} if self.show_disputes else set()
        for e in scenario.events:
            if id(e) in spanned:
                continue                    # drawn below as its window
            x = self.x_of(e.time)
            c = QColor(scenario.controls[e.control].colour) if e.control else colour("ink_soft")
            painter.setPen(QPen(c, 2))
            painter.drawLine(QPointF(x, top), QPointF(x, top + self.TICKS))
        if not self.show_disputes:
            return
        for row, d in spans:
            rect = self._span_rect(row, d)
            ink = QColor(scenario.controls[d.event.control].colour) if \
                d.event.control else colour("ink_soft")
            fill = QColor(ink)
            fill.setAlpha(110)
            painter.setPen(QPen(ink.darker(120), 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 1.5, 1.5)
            best = self.x_of(d.event.time)      # the best estimate: a notch in the span
            painter.drawLine(QPointF(best, rect.top() - 2), QPointF(best, rect.bottom()))

    def day_label(self, d: int) -> str:
        cal_ = self.playback.timeline.scenario.calendar
        names = cal.WEEKDAYS_RU if self.lang == "ru" else cal.WEEKDAYS_EN
        return f"{names[cal.weekday(d)][:3]} {cal.format_day(d, cal_, self.lang, short=True)}"

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.playback.time = self.t_of(event.position().x())

    def tooltip_at(self, pos: QPointF) -> str:
        """What hovering at ``pos`` explains: the disputed windows, events or the balance."""
        import html

        from ..geodata.disagreements import label as dispute_label
        from ..geodata.eventtime import event_when
        from .balance_strip import balance_text

        if not self.details:
            return ""
        tl, balance, spans = self.model()
        scenario = tl.scenario
        x, y = pos.x(), pos.y()
        track = self._track()
        lines = []
        if self.show_disputes and y > track.bottom() + 2 + self.TICKS:
            for row, d in spans:
                if self._span_rect(row, d).adjusted(-2, -2, 2, 2).contains(pos):
                    label = dispute_label(d.event, scenario.calendar, self.lang)
                    lines.append(f"<b>{html.escape(label)}</b> "
                                 f"{html.escape(d.event.text(self.lang))}<br>"
                                 f"<i>{html.escape(d.event.note)}</i>")
        elif y > track.bottom():
            near = [e for e in scenario.events if abs(self.x_of(e.time) - x) <= 3]
            lines = [f"<b>{html.escape(event_when(e, scenario.calendar, self.lang, True))}"
                     f"</b> {html.escape(e.text(self.lang))}" for e in near[:6]]
        elif y >= track.top():
            t = self.t_of(x)
            when = f"{cal.format_day(t, scenario.calendar, self.lang, short=True)} " \
                   f"{cal.clock(t)}"
            lines = [f"<b>{html.escape(when)}</b> — "
                     f"{html.escape(text('balance_tip', self.lang, 'disagreements'))}: "
                     f"{html.escape(balance_text(scenario, balance, t, self.lang))}"]
        return "<br>".join(lines[:6])

    def mouseMoveEvent(self, event) -> None:
        from PySide6.QtWidgets import QToolTip

        if event.buttons() & Qt.MouseButton.LeftButton:
            self.playback.time = self.t_of(event.position().x())
            return
        tip = self.tooltip_at(event.position())
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), f"<p>{tip}</p>", self)
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

        def button(slot, tip: str) -> QToolButton:
            b = QToolButton()   # its icon comes with show_details; its size does not change
            b.setToolTip(tr(tip, self.lang))
            self._tips.append((b, tip))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAutoRaise(True)
            b.setMinimumWidth(34)
            b.clicked.connect(slot)
            return b

        self.start_button = button(playback.to_start, "Start (Ctrl+Home)")
        self.prev_button = button(playback.step_previous, "Previous event (←)")
        self.play_button = button(playback.toggle, "Play / pause (Space)")
        self.next_button = button(playback.step_next, "Next event (→)")
        self.end_button = button(playback.to_end, "End (Ctrl+End)")
        self._icons = False
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

    def show_details(self) -> None:
        """The buttons' icons and the ruler's strips (the app's start shows them just after
        the first paint: Qt's style and icon classes cost it ~10 ms to load)."""
        from PySide6.QtWidgets import QStyle

        icons = QStyle.StandardPixmap
        for b, icon in ((self.start_button, icons.SP_MediaSkipBackward),
                        (self.prev_button, icons.SP_MediaSeekBackward),
                        (self.next_button, icons.SP_MediaSeekForward),
                        (self.end_button, icons.SP_MediaSkipForward)):
            b.setIcon(self.style().standardIcon(icon))
        self._icons = True
        self._show_playing(self.playback.playing)
        self.ruler.show_details()

    def _show_playing(self, on: bool) -> None:
        if not self._icons:
            return
        from PySide6.QtWidgets import QStyle

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
