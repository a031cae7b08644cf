"""The window's map view built and painted off screen (snapshots, videos, printed pages)."""

from __future__ import annotations

from ..geodata.balance import site_balance
from ..geodata.model import Scenario
from ..geodata.story import Story
from .qtapp import qt_app


def map_view(scenario: Scenario, t: int, size: tuple[int, int], view=None, lang: str = "en",
             credits: bool = True):
    """A MapView exactly as the window shows it, at ``t``, sized and framed."""
    from PySide6.QtCore import Qt

    from .mapscene import MapScene
    from .mapview import MapView

    qt_app(headless=True)
    scene = MapScene(scenario)
    widget = MapView(scene)
    widget.lang = scene.lang = lang
    widget.show_credits = credits
    widget.week_strip = site_balance(scenario, timeline=scene.timeline)   # no time bar here
    widget.motion_preview = False   # every frame drawn at full quality
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(*size)
    widget.show()   # lays out the viewport at its full size
    widget.fit_extent(view or scenario.extent)
    widget.set_time(t, animate=False)
    widget.caption = Story(scenario, scene.timeline).caption_at(t, lang)
    return widget


def render_image(widget):
    from PySide6.QtGui import QImage

    image = QImage(widget.width(), widget.height(), QImage.Format.Format_RGB32)
    widget.viewport().render(image)   # exactly the window's paint path

    return image
