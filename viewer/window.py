"""The main window: map, time bar, docks, menus, shortcuts and remembered layout."""

from __future__ import annotations

import html
import time as _time
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
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
from .panels import EventLog, LayersPanel, SearchBox, SitePanel, sources_html
from .scenario_files import fill_recent_menu, own_copies_folder, remember, scenario_path_of

FRAME_MS = 16
SOFTWARE = ("Qt 6 and PySide6 (LGPL), NumPy, Shapely, GeoPandas, pyogrio (GDAL), folium and "
            "Leaflet (BSD/MIT) for the HTML export.")
TITLE_BAR = 32   # room left for a window manager's title bar on small screens
FRAME = 8        # and for its borders
SHORTCUTS = [
    ("Space", "Play / pause"), ("← / →", "Previous / next event"),
    ("Ctrl+Home / Ctrl+End", "Start / end of the story"), ("[ / ]", "Slower / faster"),
    ("L", "Loop on / off"), ("+ / − / wheel", "Zoom in / out"), ("0 / Home", "Fit the city"),
    ("Drag", "Pan the map"), ("Double-click", "Zoom in"), ("Ctrl+F", "Search sites"),
    ("F5", "Presentation mode"), ("Esc", "Leave presentation mode"),
    ("Ctrl+D", "Where the sources disagree"),
    ("D (presenting)", "Say where accounts differ on the caption"),
    ("Space / P (presenting)", "Pause or resume the cue"),
    ("PageDown / PageUp (presenting)", "Next / previous cue"),
    ("B / . (presenting)", "Black screen; the story waits"),
    ("S / V (presenting)", "Swap screens / show the presenter view"),
    ("Ctrl+O / Ctrl+E / Ctrl+P", "Open scenario / export HTML / export snapshot"),
]


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


class MainWindow(QMainWindow):
    def __init__(self, scenario: Scenario, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings if settings is not None else settings_store()
        self.lang = str(self.settings.value("language", "en"))
        self.setWindowTitle("Petrograd 1917")
        self.resize(first_size(self.screen().availableGeometry()))
        self._last_tick = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        self._build_docks()
        self._build_menus()
        self._build_shortcuts()
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

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(tr(text, self.lang), self)
        action.setData(text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        self._actions.append(action)
        return action

    def _build_menus(self) -> None:
        self._actions: list[QAction] = []
        bar = self.menuBar()
        self.file_menu = bar.addMenu(tr("&File", self.lang))
        self._action(self.file_menu, "&Open scenario…", self.open_scenario_dialog,
                     QKeySequence.StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu(tr("Open &recent", self.lang))
        self.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(self.recent_menu, self))
        self._action(self.file_menu, "Export &HTML…", self.export_html_dialog, "Ctrl+E")
        self._action(self.file_menu, "Export &snapshot…", self.export_snapshot_dialog, "Ctrl+P")
        self._action(self.file_menu, "Export &video…", self.export_video_dialog)
        self._action(self.file_menu, "Export &GeoPackage…", self.export_gpkg_dialog)
        self.file_menu.addSeparator()
        self._action(self.file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.view_menu = bar.addMenu(tr("&View", self.lang))
        for dock in (self.events_dock, self.site_dock, self.layers_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self._action(self.view_menu, "Fit city", lambda: self.view.fit_extent(
            self.scenario.extent))
        self._action(self.view_menu, "Presentation", self.toggle_presentation, "F5")
        self.present_on_menu = self.view_menu.addMenu(tr("Present on", self.lang))
        self.present_on_menu.aboutToShow.connect(self._list_screens)
        self._list_screens()
        self._action(self.view_menu, "Edit cues…", self.edit_cues)
        self._action(self.view_menu, "Where the sources &disagree…", self.show_disagreements,
                     "Ctrl+D")
        self.language_menu = self.view_menu.addMenu(tr("&Language", self.lang))
        group = QActionGroup(self)
        for code, name in (("en", "English"), ("ru", "Russian")):
            action = self._action(self.language_menu, name,
                                  lambda _=False, c=code: self.set_language(c))
            action.setCheckable(True)
            action.setChecked(code == self.lang)
            group.addAction(action)
        self.help_menu = bar.addMenu(tr("&Help", self.lang))
        self._action(self.help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1")
        self._action(self.help_menu, "&About", self.show_about)

    def _build_shortcuts(self) -> None:
        self._shortcuts: list[QShortcut] = []

        def key(seq, slot):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

        key(Qt.Key.Key_Space, lambda: self.playback.toggle())
        key(Qt.Key.Key_Left, lambda: self.playback.step_previous())
        key(Qt.Key.Key_Right, lambda: self.playback.step_next())
        key("Ctrl+Home", lambda: self.playback.to_start())
        key("Ctrl+End", lambda: self.playback.to_end())
        key("[", lambda: self.playback.slower())
        key("]", lambda: self.playback.faster())
        key("L", lambda: self.timebar.loop.toggle())
        key("+", lambda: self.view.zoom_by(1.4))
        key("=", lambda: self.view.zoom_by(1.4))
        key("-", lambda: self.view.zoom_by(1 / 1.4))
        key("0", lambda: self.view.fit_extent(self.scenario.extent))
        key(Qt.Key.Key_Home, lambda: self.view.fit_extent(self.scenario.extent))
        key("Ctrl+F", lambda: self.search.setFocus())

    # -- scenario -----------------------------------------------------------------------
    def load(self, scenario: Scenario) -> None:
        """Show ``scenario``; everything built from the old one is replaced."""
        from .timebar import TimeBar

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
        self.search.set_scenario(scenario)

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

    def open_scenario(self, path: str | Path) -> bool:
        """Load another scenario; on problems show them and keep the current one."""
        from ..geodata.loader import load_scenario

        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            self.show_problems(path, error.problems)
            return False
        self.load(scenario)
        remember(self.settings, path)
        return True

    def show_problems(self, path, problems) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Could not open the scenario", self.lang))
        box.setTextFormat(Qt.TextFormat.PlainText)
        shown = problems[:12]
        more = f"\n… and {len(problems) - 12} more (see Details)" if len(problems) > 12 else ""
        box.setText(f"{path}\n\n{tr('The scenario has problems; the current one stays loaded.', self.lang)}"  # noqa: E501
                    f"\n\n" + "\n".join(str(p) for p in shown) + more)
        box.setDetailedText("\n".join(str(p) for p in problems))
        box.setObjectName("problems_dialog")
        box.open()
        self.problems_box = box

    # -- reactions ----------------------------------------------------------------------
    def on_time(self, t: int) -> None:
        self.view.set_time(t)
        self.event_log.set_time(t)
        if self.site_panel.site_id is not None:
            self.site_panel.show_site(self.site_panel.site_id, t)

    def on_event(self, index: int) -> None:
        """The selected event changed: its caption, and its row in the log."""
        self.view.caption = self.playback.caption(self.lang)
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
        for action in self._actions:
            action.setText(tr(action.data(), lang))
        for menu, text in ((self.file_menu, "&File"), (self.view_menu, "&View"),
                           (self.help_menu, "&Help"), (self.language_menu, "&Language"),
                           (self.recent_menu, "Open &recent")):
            menu.setTitle(tr(text, lang))
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

    # -- dialogs ------------------------------------------------------------------------
    def open_scenario_dialog(self) -> None:
        """A scenario folder (pick its scenario.toml) or a GeoPackage."""
        path, _ = QFileDialog.getOpenFileName(
            self, tr("&Open scenario…", self.lang), str(own_copies_folder()),
            "Scenarios (scenario.toml *.gpkg);;Scenario folder (scenario.toml);;"
            "GeoPackage (*.gpkg)")
        if path:
            self.open_scenario(scenario_path_of(path))

    def _save_path(self, title: str, pattern: str, default: str) -> str:
        folder = str(self.settings.value("export_folder", str(Path.home())))
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / default), pattern)
        if path:
            self.settings.setValue("export_folder", str(Path(path).parent))
        return path

    def _busy(self, job) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            job()
        except Exception as error:  # shown to the user, logged for us
            from .crashlog import log_exception, one_line

            log_exception(error)
            QMessageBox.warning(self, "Petrograd 1917", one_line(error))
        finally:
            QApplication.restoreOverrideCursor()

    def export_html_dialog(self) -> None:
        path = self._save_path(tr("Export &HTML…", self.lang), "HTML (*.html)",
                               "petrograd1917.html")
        if path:
            self.export_html(path)

    def export_html(self, path: str | Path) -> None:
        from ..geodata.webmap import export_html

        self._busy(lambda: export_html(self.scenario, path, at=self.playback.time,
                                       view=self.view.extent(), lang=self.lang))
        self.statusBar().showMessage(tr("Wrote {path}", self.lang).format(path=path), 5000)

    def export_snapshot_dialog(self) -> None:
        from .export_dialogs import snapshot_dialog

        snapshot_dialog(self)

    def export_video_dialog(self) -> None:
        from .export_dialogs import video_dialog

        video_dialog(self)

    def export_video(self, path: str | Path, spec) -> bool:
        """Export with a cancellable progress dialog; True when the file was written."""
        from .export_dialogs import run_video_export

        return run_video_export(self, path, spec)

    def export_gpkg_dialog(self) -> None:
        path = self._save_path(tr("Export &GeoPackage…", self.lang), "GeoPackage (*.gpkg)",
                               "petrograd1917.gpkg")
        if path:
            from ..geodata.gpkg import write_gpkg

            self._busy(lambda: write_gpkg(self.scenario, path))

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{html.escape(tr(k, self.lang))}</b></td>"
                       f"<td>{html.escape(tr(v, self.lang))}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, tr("&Keyboard shortcuts", self.lang).replace("&", ""),
                                f"<table cellspacing='6'>{rows}</table>")

    def about_html(self) -> str:
        s = self.scenario
        e = html.escape
        sources = "".join(f"<li>{sources_html(s, (key,))}"
                          + (f" — <small>{e(src.note)}</small>" if src.note else "") + "</li>"
                          for key, src in s.sources.items())
        return (f"<h2>Petrograd 1917</h2><p>{e(s.title)}</p><p>{e(s.description)}</p>"
                f"<p><b>{tr('Credits.', self.lang)}</b> {e(s.credits)}</p>"
                f"<p><b>{tr('Software.', self.lang)}</b> {tr(SOFTWARE, self.lang)}</p>"
                f"<h3>{tr('Bibliography', self.lang)}</h3><ul>{sources}</ul>")

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(tr("&About", self.lang).replace("&", ""))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.about_html())
        box.open()
        self.about_box = box

    @property
    def presenting(self):
        """Presentation mode, built the first time it is asked for (off the start path)."""
        if self._presenting is None:
            from .presenter import PresentationMode

            self._presenting = PresentationMode(self)
        return self._presenting

    def toggle_presentation(self) -> None:
        if self.presenting.active:
            self.presenting.stop()
        else:
            self.presenting.start()

    def _list_screens(self) -> None:
        """View > Present on: the connected screens by name and size, and a swap."""
        from PySide6.QtGui import QGuiApplication

        from .screens import ScreenChoice, screen_label

        menu = self.present_on_menu
        menu.clear()
        chosen = ScreenChoice(self.settings).slides(self.screen())
        for screen in QGuiApplication.screens():
            action = menu.addAction(screen_label(screen))
            action.setCheckable(True)
            action.setChecked(screen is chosen)
            action.triggered.connect(lambda _=False, s=screen: self.presenting.present_on(s))
        menu.addSeparator()
        swap = menu.addAction(tr("Swap screens", self.lang))
        swap.setEnabled(len(QGuiApplication.screens()) > 1)
        swap.triggered.connect(lambda: self.presenting.present_on(
            ScreenChoice(self.settings).swap(chosen)))

    def actions_for_desktop(self) -> list:
        """Menu actions and keys that open docks and dialogs: off while presenting."""
        return self._actions + self._shortcuts

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
