"""The main window's menus, their actions and its keyboard shortcuts, in either language.

Plain functions that take the window: they build what it shows and connect it to the
window's own methods (and to the dialogs, imported when first used).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut

from .file_dialogs import export_gpkg_dialog, export_html_dialog, open_scenario_dialog
from .help_menu import show_about, show_shortcuts
from .i18n import tr
from .scenario_files import fill_recent_menu

LANGUAGES = (("en", "English"), ("ru", "Russian"))


def add_action(window, menu, text: str, slot, shortcut=None) -> QAction:
    """A menu entry whose English ``text`` is kept to translate it again."""
    action = QAction(tr(text, window.lang), window)
    action.setData(text)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    window.menu_actions.append(action)
    return action


def export_snapshot_dialog(window) -> None:
    from .export_dialogs import snapshot_dialog

    snapshot_dialog(window)


def export_video_dialog(window) -> None:
    from .export_dialogs import video_dialog

    video_dialog(window)


def build_menus(window) -> None:
    """File, View and Help."""
    window.menu_actions = []
    bar = window.menuBar()
    lang = window.lang
    file_menu = window.file_menu = bar.addMenu(tr("&File", lang))
    add_action(window, file_menu, "&Open scenario…", lambda: open_scenario_dialog(window),
               QKeySequence.StandardKey.Open)
    recent_menu = window.recent_menu = file_menu.addMenu(tr("Open &recent", lang))
    recent_menu.aboutToShow.connect(lambda: fill_recent_menu(recent_menu, window))
    add_action(window, file_menu, "Export &HTML…", lambda: export_html_dialog(window), "Ctrl+E")
    add_action(window, file_menu, "Export &snapshot…", lambda: export_snapshot_dialog(window),
               "Ctrl+P")
    add_action(window, file_menu, "Export &video…", lambda: export_video_dialog(window))
    add_action(window, file_menu, "Export &GeoPackage…", lambda: export_gpkg_dialog(window))
    file_menu.addSeparator()
    add_action(window, file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    view_menu = window.view_menu = bar.addMenu(tr("&View", lang))
    for dock in (window.events_dock, window.site_dock, window.layers_dock):
        view_menu.addAction(dock.toggleViewAction())
    add_action(window, view_menu, "Fit city",
               lambda: window.view.fit_extent(window.scenario.extent))
    add_action(window, view_menu, "Presentation", window.toggle_presentation, "F5")
    window.present_on_menu = view_menu.addMenu(tr("Present on", lang))
    window.present_on_menu.aboutToShow.connect(lambda: list_screens(window))
    list_screens(window)
    add_action(window, view_menu, "Edit cues…", window.edit_cues)
    add_action(window, view_menu, "Where the sources &disagree…", window.show_disagreements,
               "Ctrl+D")
    window.language_menu = view_menu.addMenu(tr("&Language", lang))
    group = QActionGroup(window)
    for code, name in LANGUAGES:
        action = add_action(window, window.language_menu, name,
                            lambda _=False, c=code: window.set_language(c))
        action.setCheckable(True)
        action.setChecked(code == lang)
        group.addAction(action)
    window.help_menu = bar.addMenu(tr("&Help", lang))
    add_action(window, window.help_menu, "&Keyboard shortcuts", lambda: show_shortcuts(window),
               "F1")
    add_action(window, window.help_menu, "&About", lambda: show_about(window))


def build_shortcuts(window) -> None:
    """Keys without a menu entry: playback, zoom and search."""
    window.shortcut_keys = []

    def key(seq, slot) -> None:
        shortcut = QShortcut(QKeySequence(seq), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        window.shortcut_keys.append(shortcut)

    key(Qt.Key.Key_Space, lambda: window.playback.toggle())
    key(Qt.Key.Key_Left, lambda: window.playback.step_previous())
    key(Qt.Key.Key_Right, lambda: window.playback.step_next())
    key("Ctrl+Home", lambda: window.playback.to_start())
    key("Ctrl+End", lambda: window.playback.to_end())
    key("[", lambda: window.playback.slower())
    key("]", lambda: window.playback.faster())
    key("L", lambda: window.timebar.loop.toggle())
    key("+", lambda: window.view.zoom_by(1.4))
    key("=", lambda: window.view.zoom_by(1.4))
    key("-", lambda: window.view.zoom_by(1 / 1.4))
    key("0", lambda: window.view.fit_extent(window.scenario.extent))
    key(Qt.Key.Key_Home, lambda: window.view.fit_extent(window.scenario.extent))
    key("Ctrl+F", lambda: window.search.setFocus())


def retranslate_menus(window, lang: str) -> None:
    """Every menu and action in ``lang``."""
    for action in window.menu_actions:
        action.setText(tr(action.data(), lang))
    for menu, text in ((window.file_menu, "&File"), (window.view_menu, "&View"),
                       (window.help_menu, "&Help"), (window.language_menu, "&Language"),
                       (window.recent_menu, "Open &recent")):
        menu.setTitle(tr(text, lang))


def list_screens(window) -> None:
    """View > Present on: the connected screens by name and size, and a swap."""
    from PySide6.QtGui import QGuiApplication

    from .screens import ScreenChoice, screen_label

    menu = window.present_on_menu
    menu.clear()
    chosen = ScreenChoice(window.settings).slides(window.screen())
    for screen in QGuiApplication.screens():
        action = menu.addAction(screen_label(screen))
        action.setCheckable(True)
        action.setChecked(screen is chosen)
        action.triggered.connect(lambda _=False, s=screen: window.presenting.present_on(s))
    menu.addSeparator()
    swap = menu.addAction(tr("Swap screens", window.lang))
    swap.setEnabled(len(QGuiApplication.screens()) > 1)
    swap.triggered.connect(lambda: window.presenting.present_on(
        ScreenChoice(window.settings).swap(chosen)))
