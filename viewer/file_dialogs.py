"""The File menu's glue: open a scenario (or show why it cannot be opened), ask where an
export goes, and run it under a busy cursor with any error shown to the user.

The snapshot and video dialogs (export_dialogs) share ``save_path`` and ``busy``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from .i18n import tr
from .scenario_files import own_copies_folder, scenario_path_of

PROBLEMS_SHOWN = 12   # the rest are in the box's Details


def open_scenario_dialog(window) -> None:
    """A scenario folder (pick its scenario.toml) or a GeoPackage."""
    path, _ = QFileDialog.getOpenFileName(
        window, tr("&Open scenario…", window.lang), str(own_copies_folder()),
        "Scenarios (scenario.toml *.gpkg);;Scenario folder (scenario.toml);;"
        "GeoPackage (*.gpkg)")
    if path:
        window.open_scenario(scenario_path_of(path))


def show_problems(window, path, problems) -> None:
    """Why ``path`` could not be opened; the current scenario stays."""
    lang = window.lang
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Could not open the scenario", lang))
    box.setTextFormat(Qt.TextFormat.PlainText)
    shown = problems[:PROBLEMS_SHOWN]
    more = (f"\n… and {len(problems) - PROBLEMS_SHOWN} more (see Details)"
            if len(problems) > PROBLEMS_SHOWN else "")
    box.setText(f"{path}\n\n{tr('The scenario has problems; the current one stays loaded.', lang)}"
                f"\n\n" + "\n".join(str(p) for p in shown) + more)
    box.setDetailedText("\n".join(str(p) for p in problems))
    box.setObjectName("problems_dialog")
    box.open()
    window.problems_box = box


def save_path(window, title: str, pattern: str, default: str) -> str:
    """Ask where to save, starting in the last export's folder ("" when cancelled)."""
    folder = str(window.settings.value("export_folder", str(Path.home())))
    path, _ = QFileDialog.getSaveFileName(window, title, str(Path(folder) / default), pattern)
    if path:
        window.settings.setValue("export_folder", str(Path(path).parent))
    return path


def busy(window, job) -> None:
    """Run ``job`` under a wait cursor; an error is shown to the user and logged for us."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        job()
    except Exception as error:  # shown to the user, logged for us
        from .crashlog import log_exception, one_line

        log_exception(error)
        QMessageBox.warning(window, "Petrograd 1917", one_line(error))
    finally:
        QApplication.restoreOverrideCursor()


def export_html_dialog(window) -> None:
    path = save_path(window, tr("Export &HTML…", window.lang), "HTML (*.html)",
                     "petrograd1917.html")
    if path:
        window.export_html(path)


def export_gpkg_dialog(window) -> None:
    path = save_path(window, tr("Export &GeoPackage…", window.lang), "GeoPackage (*.gpkg)",
                     "petrograd1917.gpkg")
    if path:
        from ..geodata.gpkg import write_gpkg

        busy(window, lambda: write_gpkg(window.scenario, path))
