"""Start the desktop application."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from ..geodata import calendar as cal
from ..geodata.problems import ScenarioError
from ..resources import FOLDER
from .qtapp import has_display, qt_app

__all__ = ["LATER_MODULES", "has_display", "qt_app", "run"]

# What the first frame does without (tests/test_startup.py and bench/startup.py check it):
# presentation, video, print and the exports, the dialogs, and the heavy libraries; each is
# imported when first used. The menus' entries and the panels' contents come right after
# the first paint (viewer.window), so they may import these then.
LATER_MODULES = frozenset(
    {f"petrograd1917.viewer.{name}" for name in (
        "presenter", "presenter_view", "slide", "screens", "cue_editor", "video", "encoders",
        "render", "print_page", "offscreen", "export_dialogs", "file_dialogs", "help_menu",
        "scenario_files", "disagreement_view", "balance_strip", "crashlog")}
    | {f"petrograd1917.geodata.{name}" for name in (
        "webmap", "webmap_layers", "webmap_panels", "leaflet_assets", "gpkg", "gpkg_reader",
        "writer", "presentation", "consistency", "balance", "camera", "scriptjson", "atomic")}
    | {"geopandas", "pandas", "folium", "offlinefolium", "branca", "pyogrio", "pyproj",
       "imageio", "selenium"})


def _excepthook(kind, error, tb) -> None:
    """An unexpected error in a slot: log it, say one line, keep the window alive."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .crashlog import log_exception, one_line

    log_exception(error.with_traceback(tb))
    window = QApplication.activeWindow()
    if window is not None:
        QMessageBox.warning(window, "Petrograd 1917", one_line(error))
    else:
        print(one_line(error), file=sys.stderr)


def run(scenario_path: Path | None = None, at: str | None = None, ns: bool = False) -> int:
    from .collector import read_shown_scenario

    if not has_display():
        print("petrograd1917: no display found (DISPLAY is not set). Start it from a desktop "
              "session, or use the commands snapshot, export-html and export-video, which "
              "need none.", file=sys.stderr)
        return 1
    # Until the first paint the start makes ~70 000 objects that live as long as the app and
    # almost no garbage (~400 objects in cycles): the collector's ~90 scans of them found
    # nothing and cost ~25 ms of CPU (~6 % of the start). It is paused until the map has
    # painted; the read freezes what was made before it (viewer.collector), so the scans
    # after the paint look only at what the window made.
    gc.disable()
    try:
        # The scenario is read and checked before Qt is imported: PySide6 reads the source
        # of every module imported after it (looking for ``from __feature__ import``), and
        # the read imports numpy, shapely and the story model (~150 modules, ~30 ms of CPU).
        try:
            scenario = read_shown_scenario(scenario_path)
        except ScenarioError as error:
            gc.enable()
            app = qt_app()
            from PySide6.QtWidgets import QMessageBox

            _window_icon(app)
            QMessageBox.critical(None, "Petrograd 1917", "The scenario could not be opened:\n\n"
                                 + "\n".join(str(p) for p in error.problems[:20]))
            return 2
        app = qt_app()
        from .window import MainWindow

        window = MainWindow(scenario, defer_chrome=True)   # menus and panels after the paint
    except BaseException:
        gc.enable()
        raise
    window.first_painted.connect(gc.enable)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(5000, gc.enable)   # should the map not paint (an unusual display)
    if at:
        try:
            window.playback.time = cal.parse_time(at, cal.GREGORIAN if ns else scenario.calendar)
        except ValueError as error:
            print(f"petrograd1917: --at: {error}", file=sys.stderr)
    sys.excepthook = _excepthook
    if os.environ.get(EXIT_AFTER_PAINT) == "1":
        _exit_after_first_paint(app, window)
    window.first_painted.connect(lambda: _window_icon(app))
    window.show()
    return app.exec()


def _window_icon(app) -> None:
    """The app's icon (after the first paint: Qt's icon classes cost the start ~5 ms)."""
    from PySide6.QtGui import QIcon

    icon = FOLDER / "icon.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


# Benchmark hook (bench/run.py): with PETROGRAD1917_EXIT_AFTER_PAINT=1 the app prints
# "first-paint <time.time()>" once the map view has painted for the first time, then quits.
EXIT_AFTER_PAINT = "PETROGRAD1917_EXIT_AFTER_PAINT"


def _exit_after_first_paint(app, window) -> None:
    """Print a wall-clock stamp once the map has painted for the first time, and quit."""
    import time

    def report() -> None:
        print(f"first-paint {time.time():.6f}", flush=True)
        app.quit()

    window.first_painted.connect(report)
