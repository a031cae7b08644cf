"""The main window's menus, their actions and its keyboard shortcuts, in either language.

Plain functions that take the window: they build what it shows and connect it to the
window's own methods (and to the dialogs, imported when first used). The menu bar's titles
and the keys exist from the first paint; the menus' entries are added just after it
(:func:`fill_menus`), off the start-up path.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut

from .i18n import tr

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


def dialog(module: str, name: str):
    """A slot that opens ``viewer.<module>.<name>(window)``, imported when first used."""
    def open_it(window) -> None:
        from importlib import import_module

        getattr(import_module(f"{__package__}.{module}"), name)(window)
    return open_it


open_scenario_dialog = dialog("file_dialogs", "open_scenario_dialog")
export_html_dialog = dialog("file_dialogs", "export_html_dialog")
export_gpkg_dialog = dialog("file_dialogs", "export_gpkg_dialog")
export_snapshot_dialog = dialog("export_dialogs", "snapshot_dialog")
export_video_dialog = dialog("export_dialogs", "video_dialog")
show_shortcuts = dialog("help_menu", "show_shortcuts")
show_about = dialog("help_menu", "show_about")


def fill_recent(window) -> None:
    from .scenario_files import fill_recent_menu

    fill_recent_menu(window.recent_menu, window)


def build_menu_bar(window) -> None:
    """The menu bar's titles, File, View and Help (empty until :func:`fill_menus`)."""
    window.menu_actions = []
    bar = window.menuBar()
    window.file_menu = bar.addMenu(tr("&File", window.lang))
    window.view_menu = bar.addMenu(tr("&View", window.lang))
    window.help_menu = bar.addMenu(tr("&Help", window.lang))


def fill_menus(window) -> None:
    """The entries of File, View and Help."""
    lang = window.lang
    file_menu = window.file_menu
    add_action(window, file_menu, "&Open scenario…", lambda: open_scenario_dialog(window),
               QKeySequence.StandardKey.Open)
    recent_menu = window.recent_menu = file_menu.addMenu(tr("Open &recent", lang))
    recent_menu.aboutToShow.connect(lambda: fill_recent(window))
    add_action(window, file_menu, "Export &HTML…", lambda: export_html_dialog(window), "Ctrl+E")
    add_action(window, file_menu, "Export &snapshot…", lambda: export_snapshot_dialog(window),
               "Ctrl+P")
    add_action(window, file_menu, "Export &video…", lambda: export_video_dialog(window))
    add_action(window, file_menu, "Export &GeoPackage…", lambda: export_gpkg_dialog(window))
    file_menu.addSeparator()
    add_action(window, file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    view_menu = window.view_menu
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
    for name, text in (("file_menu", "&File"), ("view_menu", "&View"),
                       ("help_menu", "&Help"), ("language_menu", "&Language"),
                       ("recent_menu", "Open &recent")):
        menu = getattr(window, name, None)   # the submenus come with fill_menus
        if menu is not None:
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
