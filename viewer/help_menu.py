"""The Help menu's boxes: the keyboard shortcuts and About (credits, software, bibliography)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from .i18n import tr
from .panels import sources_html

SOFTWARE = ("Qt 6 and PySide6 (LGPL), NumPy, Shapely, GeoPandas, pyogrio (GDAL), folium and "
            "Leaflet (BSD/MIT) for the HTML export.")
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


def show_shortcuts(window) -> None:
    lang = window.lang
    rows = "".join(f"<tr><td><b>{html.escape(tr(k, lang))}</b></td>"
                   f"<td>{html.escape(tr(v, lang))}</td></tr>" for k, v in SHORTCUTS)
    QMessageBox.information(window, tr("&Keyboard shortcuts", lang).replace("&", ""),
                            f"<table cellspacing='6'>{rows}</table>")


def about_html(scenario, lang: str) -> str:
    """The scenario's title, description and credits, the software, the bibliography."""
    e = html.escape
    sources = "".join(f"<li>{sources_html(scenario, (key,))}"
                      + (f" — <small>{e(src.note)}</small>" if src.note else "") + "</li>"
                      for key, src in scenario.sources.items())
    return (f"<h2>Petrograd 1917</h2><p>{e(scenario.title)}</p><p>{e(scenario.description)}</p>"
            f"<p><b>{tr('Credits.', lang)}</b> {e(scenario.credits)}</p>"
            f"<p><b>{tr('Software.', lang)}</b> {tr(SOFTWARE, lang)}</p>"
            f"<h3>{tr('Bibliography', lang)}</h3><ul>{sources}</ul>")


def show_about(window) -> None:
    box = QMessageBox(window)
    box.setWindowTitle(tr("&About", window.lang).replace("&", ""))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(window.scenario, window.lang))
    box.open()
    window.about_box = box
