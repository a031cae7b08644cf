"""Refresh docs/images/slide-1080p.png and presenter-view.png: a lecture on two virtual
screens (a 1920×1080 hall projector and a 1280×800 laptop), drawn off screen.

    QT_QPA_PLATFORM=offscreen:configfile=tests/data/two_screens.json \\
        .venv/bin/python scripts/lecture_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"


def main() -> int:
    app = QApplication(sys.argv)
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.window import MainWindow

    hall = next((s for s in QGuiApplication.screens() if s.name() == "hall"), None)
    if hall is None:
        print("needs the two virtual screens of tests/data/two_screens.json", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        win = MainWindow(load_scenario(), settings)
        win.show()
        mode = win.presenting
        mode.start(hall)
        mode.presentation.go(3, play=False)
        win.playback.time = win.scenario.chapters[3].start + 14 * 60
        end = time.monotonic() + 60   # hang guard
        while (mode.glide.running or not win.isFullScreen()) and time.monotonic() < end:
            app.processEvents()
        mode._show_state()   # not playing inside the cue: the lecturer has paused to talk
        for _ in range(20):
            app.processEvents()
        win.grab().save(str(IMAGES / "slide-1080p.png"))
        mode.presenter.grab().save(str(IMAGES / "presenter-view.png"))
        mode.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
