"""The main window: map, time bar, docks and remembered layout; it reacts to the story's
playback. Its menus and keys are built in menus, their dialogs in file_dialogs and help_menu.

Start-up (docs/performance.md): with ``defer_chrome`` the window first shows the map, the
time bar, the docks (empty), the menu bar's titles and the status bar — every widget that
takes room, so the map keeps its place — and the keys work; right after the map's first
paint :meth:`MainWindow.build_chrome` fills the menus, the panels, the search box's names
and the time ruler's strips. Anything that needs them builds them first.
"""

from __future__ import annotations

import time as _time
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..geodata.model import BASEMAP_LAYERS, Scenario
from ..geodata.playback import Playback
from ..geodata.problems import ScenarioError
from ..geodata.timeline import Timeline
from ..geodata.viewstate import ViewState
from .i18n import tr
from .mapscene import MapScene
from .mapview import MapView
from .menus import build_menu_bar, build_shortcuts, fill_menus, list_screens, retranslate_menus
from .panels import EventLog, LayersPanel, SearchBox, SitePanel
from .timebar import TimeBar

FRAME_MS = 16
TITLE_BAR = 32   # room left for a window manager's title bar on small screens
FRAME = 8        # and for its borders


def settings_store() -> QSettings:
    return QSettings("petrograd1917", "petrograd1917")


def first_size(available: QRect) -> QSize:
    """The first window: 1400×900 where there is room, else the screen's free area."""
    return QSize(min(1400, available.width() - FRAME), min(900, available.height() - TITLE_BAR))


def keep_on_screen(window: QMainWindow) -> None:
    """A remembered geometry from a larger or absent screen is brought back onto this one
    (with room for the window manager's frame, which is not known before the first show)."""
    available = window.screen().availableGeometry()
    room = available.adjusted(0, 0, -FRAME, -TITLE_BAR)
    if room.contains(window.geometry()):
        return
    window.resize(window.size().boundedTo(room.size()))
    window.move(available.topLeft())


def fit_docks(window, available: QRect) -> None:
    """On small screens the three docks share one tabbed column of modest width, and the
    search box moves into the menu bar's corner (one row less above the map)."""
    if available.height() < 1000:
        window.toolbar.removeAction(window.search_action)
        window.menuBar().setCornerWidget(window.search)
        window.search.show()
        window.toolbar.hide()
    if available.width() >= 1600:
        return
    right = Qt.DockWidgetArea.RightDockWidgetArea
    window.addDockWidget(right, window.layers_dock)
    window.tabifyDockWidget(window.events_dock, window.site_dock)
    window.tabifyDockWidget(window.events_dock, window.layers_dock)
    window.events_dock.raise_()
    width = max(240, int(min(available.width(), 1400) * 0.2))
    window.resizeDocks([window.events_dock], [width], Qt.Orientation.Horizontal)


class _AfterFirstPaint(QObject):
    """Calls ``then`` once ``widget`` has painted for the first time (after the paint)."""

    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)   # not called if the window has gone
        return False


class MainWindow(QMainWindow):
    """``defer_chrome``: build the menus' entries and fill the panels just after the map's
    first paint (the app's start) rather than before showing (tests, scripts)."""

    first_painted = Signal()   # with defer_chrome: the map has painted, the chrome is next

    def __init__(self, scenario: Scenario, settings: QSettings | None = None,
                 defer_chrome: bool = False):
        super().__init__()
        self.chrome_built = False
        self.settings = settings if settings is not None else settings_store()
        self.lang = str(self.settings.value("language", "en"))
        self.setWindowTitle("Petrograd 1917")
        self.resize(first_size(self.screen().availableGeometry()))
        self._last_tick = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        self._build_docks()
        build_menu_bar(self)
        build_shortcuts(self)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self._presenting = None
        self.disagreement_view = None
        self.load(scenario)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            fit_docks(self, self.screen().availableGeometry())
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            keep_on_screen(self)
        if defer_chrome:
            _AfterFirstPaint(self.view.viewport(), self._first_painted)
        else:
            self.build_chrome()

    def _first_painted(self) -> None:
        self.first_painted.emit()
        QTimer.singleShot(0, self, self.build_chrome)   # after what first_painted started

    def build_chrome(self) -> None:
        """The menus' entries, the panels' contents, the search box's names and the time
        ruler's strips (once; the app builds them after the first paint)."""
        if self.chrome_built:
            return
        self.chrome_built = True
        fill_menus(self)
        self._fill_panels()

    def _fill_panels(self) -> None:
        t, selected = self.playback.time, self.view_state.selected
        self.search.set_scenario(self.scenario)
        self.layers.fill()
        self.timebar.show_details()
        self.event_log.set_time(t)
        self.event_log.set_current(self.playback.event)
        self.site_panel.show_site(self.scenario.sites[selected].id if selected >= 0 else None, t)

    # -- building -----------------------------------------------------------------------
    def _dock(self, name: str, title: str, area) -> QDockWidget:
        dock = QDockWidget(tr(title, self.lang), self)
        dock.setObjectName(name)
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.events_dock = self._dock("events", "Events", Qt.DockWidgetArea.RightDockWidgetArea)
        self.site_dock = self._dock("site", "Site", Qt.DockWidgetArea.RightDockWidgetArea)
        self.layers_dock = self._dock("layers", "Layers", Qt.DockWidgetArea.LeftDockWidgetArea)
        self.toolbar = QToolBar("Toolbar", self)
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.search = SearchBox()
        self.search.setMaximumWidth(320)
        self.search.site_chosen.connect(lambda i: self.select_site(i, centre=True))
        self.search_action = self.toolbar.addWidget(self.search)

    # -- scenario -----------------------------------------------------------------------
    def load(self, scenario: Scenario) -> None:
        """Show ``scenario``; everything built from the old one is replaced."""
        old_playback = getattr(self, "playback", None)
        if old_playback is not None:
            old_playback.playing = False
        self.scenario = scenario
        if self.disagreement_view is not None:   # it lists the old scenario's events
            self.disagreement_view.close()
            self.disagreement_view = None
        self.timeline = Timeline(scenario)
        self.playback = Playback(self.timeline)
        self.scene = MapScene(scenario, self.timeline)
        self.view = MapView(self.scene)
        self.view_state = ViewState([n for n in BASEMAP_LAYERS if n in scenario.basemap],
                                    sorted({s.kind for s in scenario.sites}), self.lang)
        # Low screens start with the legend folded (a click opens it): the map needs the room.
        self.view.legend_open = self.screen().availableGeometry().height() >= 800
        self.timebar = TimeBar(self.playback)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.timebar)
        old_central = self.centralWidget()
        self.setCentralWidget(central)
        if old_central is not None:
            old_central.deleteLater()

        self.event_log = EventLog(self.timeline)
        self.site_panel = SitePanel(self.timeline)
        self.layers = LayersPanel(self.view_state)
        for dock, widget in ((self.events_dock, self.event_log),
                             (self.site_dock, self.site_panel), (self.layers_dock, self.layers)):
            old = dock.widget()
            dock.setWidget(widget)
            if old is not None:
                old.deleteLater()

        self.playback.time_changed.connect(self.on_time)
        self.playback.event_changed.connect(self.on_event)
        self.playback.events_passed.connect(self.on_events_passed)
        self.playback.playing_changed.connect(self.on_playing)
        self.scene.site_clicked.connect(self.select_site)
        self.event_log.event_chosen.connect(self.jump_to_event)
        self.view.hovered.connect(self.show_position)
        self.view.view_changed.connect(self._camera_moved)
        state = self.view_state   # the widgets mirror it
        for mirror in (self.view.set_language, self.timebar.set_language,
                       self.layers.set_language, self.event_log.set_language,
                       self.site_panel.set_language, self.search.set_language,
                       self._retranslate):
            state.language_changed.connect(mirror)
        state.visibility_changed.connect(self.apply_layers)
        state.selection_changed.connect(self._selection_changed)
        state.language_changed.emit(state.lang)
        self.on_time(self.playback.time)
        self.on_event(self.playback.event)
        if self.chrome_built:
            self._fill_panels()

    def open_scenario(self, path: str | Path) -> bool:
        """Load another scenario; on problems show them and keep the current one."""
        from .collector import read_shown_scenario
        from .file_dialogs import show_problems
        from .scenario_files import remember

        try:
            scenario = read_shown_scenario(path)
        except ScenarioError as error:
            show_problems(self, path, error.problems)
            return False
        self.load(scenario)
        remember(self.settings, path)
        return True

    # -- reactions ----------------------------------------------------------------------
    def on_time(self, t: int) -> None:
        self.view.set_time(t)
        if not self.chrome_built:   # the panels catch up when they are filled
            return
        self.event_log.set_time(t)
        if self.site_panel.site_id is not None:
            self.site_panel.show_site(self.site_panel.site_id, t)

    def on_event(self, index: int) -> None:
        """The selected event changed: its caption, and its row in the log."""
        self.view.caption = self.playback.caption(self.lang)
        if self.chrome_built:
            self.event_log.set_current(index)
        self.view.viewport().update()

    def on_events_passed(self, first: int, stop: int) -> None:
        """Time moved over events: draw the eye to the site of the one now selected."""
        site = self.scenario.site_index(self.scenario.events[self.playback.event].site)
        self.scene.pulse(site)
        self.view.start_pulses()
        if self._presenting is not None and self._presenting.active:
            self._presenting.follow(site)

    def on_playing(self, playing: bool) -> None:
        if playing:
            self._last_tick = _time.monotonic()
            self.timer.start()
        else:
            self.timer.stop()

    def _tick(self) -> None:
        now = _time.monotonic()
        dt, self._last_tick = now - self._last_tick, now
        self.playback.tick(min(dt, 0.25))

    def select_site(self, index: int, centre: bool = False) -> None:
        self.build_chrome()   # a click before the chrome is built: the panel is needed now
        self.view_state.selected = index
        site = self.scenario.sites[index]
        if self._presenting is not None and self._presenting.active:
            self._presenting.show_site(site.name(self.lang))   # not a dock on the slides
        else:
            self.site_dock.show()
            self.site_dock.raise_()
        if centre:
            self.view.centre_on_site(index)

    def _selection_changed(self, index: int) -> None:
        """The view state's selection, mirrored by the map and the site panel."""
        self.scene.select(index)
        if self.chrome_built:
            site_id = self.scenario.sites[index].id if index >= 0 else None
            self.site_panel.show_site(site_id, self.playback.time)
        self.view.relabel()   # the selected site's label comes first

    def _camera_moved(self) -> None:
        self.view_state.extent = self.view.extent()

    def jump_to_event(self, index: int) -> None:
        """Select event ``index`` (its time, caption and site), as the event log does."""
        self.playback.go_to_event(index)
        self.select_site(self.scenario.site_index(self.scenario.events[index].site),
                         centre=True)

    def apply_layers(self, *_changed) -> None:
        """Draw what the view state shows (also after a cue showed only its own layers)."""
        state = self.view_state
        self.view.visible_layers = state.map_layers
        self.view.visible_kinds = set(state.visible("kinds"))
        shown = state.visible("show")
        self.view.show_routes = "routes" in shown
        self.view.show_labels = "labels" in shown
        self.view.show_captions = "captions" in shown
        self.view.refresh()

    def show_position(self, lon: float, lat: float) -> None:
        self.status.setText(f"{lat:.5f}° N, {lon:.5f}° E")

    def set_language(self, lang: str) -> None:
        """Show the app in ``lang``; every widget follows the view state."""
        self.view_state.lang = lang

    def _retranslate(self, lang: str) -> None:
        """The window's own words: menus, docks and the caption."""
        self.lang = lang
        self.settings.setValue("language", lang)
        retranslate_menus(self, lang)
        for dock, text in ((self.events_dock, "Events"), (self.site_dock, "Site"),
                           (self.layers_dock, "Layers")):
            dock.setWindowTitle(tr(text, lang))
        self.view.caption = self.playback.caption(lang)
        if self.disagreement_view is not None:
            self.disagreement_view.set_language(lang)

    def show_disagreements(self) -> None:
        """Open (or raise) the list of events whose accounts differ."""
        from .disagreement_view import DisagreementView

        if self.disagreement_view is None:
            self.disagreement_view = DisagreementView(self.scenario, self.lang, self)
            self.disagreement_view.event_chosen.connect(self.jump_to_event)
        self.disagreement_view.show()
        self.disagreement_view.raise_()
        self.disagreement_view.activateWindow()

    def export_html(self, path: str | Path) -> None:
        from ..geodata.webmap import export_html
        from .file_dialogs import busy

        busy(self, lambda: export_html(self.scenario, path, at=self.playback.time,
                                      view=self.view.extent(), lang=self.lang))
        self.statusBar().showMessage(tr("Wrote {path}", self.lang).format(path=path), 5000)

    def export_video(self, path: str | Path, spec) -> bool:
        """Export with a cancellable progress dialog; True when the file was written."""
        from .export_dialogs import run_video_export

        return run_video_export(self, path, spec)

    @property
    def presenting(self):
        """Presentation mode, built the first time it is asked for (off the start path)."""
        if self._presenting is None:
            from .presenter import PresentationMode

            self.build_chrome()
            self._presenting = PresentationMode(self)
        return self._presenting

    def toggle_presentation(self) -> None:
        if self.presenting.active:
            self.presenting.stop()
        else:
            self.presenting.start()

    def _list_screens(self) -> None:
        """Refresh View > Present on (as the menu does when it opens)."""
        list_screens(self)

    def actions_for_desktop(self) -> list:
        """Menu actions and keys that open docks and dialogs: off while presenting."""
        return self.menu_actions + self.shortcut_keys

    def edit_cues(self) -> None:
        from .cue_editor import CueEditor

        editor = CueEditor(self)
        editor.open()
        self.cue_editor = editor

    # -- closing ------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if getattr(self, "exporting", False):   # cancel the video; close once it is gone
            self.close_after_export = True
            event.ignore()
            return
        editor = getattr(self, "cue_editor", None)
        if editor is not None and editor.isVisible() and not editor.close():
            event.ignore()   # the cue editor's unsaved changes: the user chose Cancel
            return
        if self._presenting is not None:
            self._presenting.stop()
        self.playback.playing = False
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)
