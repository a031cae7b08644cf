"""The one QApplication of the process, for the window and for headless rendering."""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    return (sys.platform != "linux" or bool(os.environ.get("DISPLAY"))
            or bool(os.environ.get("WAYLAND_DISPLAY")) or "QT_QPA_PLATFORM" in os.environ)


def qt_app(headless: bool = False):
    """The QApplication, created once; ``headless`` (snapshots, videos) needs no display."""
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Petrograd 1917")
        app.setOrganizationName("petrograd1917")
    return app
