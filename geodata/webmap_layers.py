"""The folium elements of the HTML export, each rendered through one template in templates/.

:class:`PaperMap` is a tile-less ``folium.Map`` that links nothing: Leaflet itself is inlined
by :class:`LeafletInline` (from :mod:`geodata.leaflet_assets`); the other elements take their
data ready-made from :mod:`geodata.webmap` as script-safe JSON and never compute history.
"""

from __future__ import annotations

import html
from functools import cache
from importlib import resources

from branca.element import Element, Figure, MacroElement
from folium import LayerControl, Map
from folium.map import Layer
from folium.template import Template

from .leaflet_assets import leaflet_assets
from .scriptjson import to_json
from .style import Style

# Leaflet panes, one per layer so that toggling a layer never changes the drawing order.
PANES = {"districts": 201, "green": 202, "water": 203, "railways": 204, "streets": 205,
         "bridges": 206, "places": 380, "routes": 400, "sites": 420, "labels": 430}


class Markup(Element):
    """Markup already rendered, written into the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text.removesuffix("\n")   # as a template of it would (Jinja's default)


class Rendered(MacroElement):
    """A macro element whose rendered header, html and script go into the page as they are.

    branca's ``MacroElement.render`` wraps each rendered part in a new ``Element`` whose
    *template* is that text, so the page's data is compiled as a Jinja template a second
    time: slow (every caption and coordinate is lexed again), and scenario text such as
    ``{{ … }}`` in a caption or title would run as template code. Listed after folium's
    class in the bases, this replaces that step only (folium's ``render`` methods before it,
    such as a layer adding itself to the map, still run).
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html),
                             ("script", figure.script)):
            if macros.get(part) is not None:
                target.add_child(Markup(macros[part](self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


@cache
def _template(name: str) -> Template:
    folder = resources.files("petrograd1917.geodata").joinpath("templates")
    return Template(folder.joinpath(name).read_text("utf-8"))


class Page(Figure):
    """The HTML document: folium's figure with the page's language on ``<html lang>``."""

    def __init__(self, title: str, lang: str):
        super().__init__()
        self._template = _template("page.html")
        self.title = html.escape(title)
        self.lang = lang


class LeafletInline(Element):
    """Leaflet's script and stylesheet written into the page's head."""

    def __init__(self):
        super().__init__()
        self._name = "LeafletInline"
        self._template = _template("leaflet.html")
        self.assets = leaflet_assets()


class PaperMap(Map, Rendered):
    """A tile-less folium map on paper that links no script or stylesheet."""

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []

    def __init__(self, title: str, lang: str, style: Style,
                 view: tuple[float, float, float, float], words: dict[str, str]):
        x0, y0, x1, y1 = view
        super().__init__(location=[(y0 + y1) / 2, (x0 + x1) / 2], zoom_start=13, tiles=None,
                         prefer_canvas=True, control_scale=False, zoom_snap=0.25,
                         zoom_delta=0.5, keyboard=False, min_zoom=9, max_zoom=19,
                         zoom_control=False, attribution_control=False)
        self._template = _template("map.html")
        self.options.update(minZoom=9, maxZoom=19)   # folium gives these only to tile layers
        self.label = words["map_label"]
        self.title = title
        page = Page(title, lang)
        page.header.add_child(LeafletInline(), name="leaflet")
        self.add_to(page)
        MapFrame(style, view, words).add_to(self)


class MapFrame(Rendered):
    """Paper background, fonts, the layer panes and the opening view."""

    def __init__(self, style: Style, view: tuple[float, float, float, float],
                 words: dict[str, str]):
        super().__init__()
        self._name = "MapFrame"
        self.words = to_json(words)
        self._template = _template("frame.html")
        self.variables = style.css_variables()
        self.fonts = style.css_fonts()
        self.panes = to_json(sorted(PANES.items(), key=lambda p: p[1]))
        x0, y0, x1, y1 = view
        self.bounds = to_json([[y0, x0], [y1, x1]])


class Story(Rendered):
    """Day labels and event columns shared by the sites' popups and the time slider."""

    def __init__(self, data: dict):
        super().__init__()
        self._name = "Story"
        self._template = _template("story.html")
        self.data = to_json(data)


class BasemapLayer(Layer, Rendered):
    """One basemap layer (water, streets, …) drawn in passes on its own canvas.

    ``data`` is :func:`geodata.webmap.basemap_columns`; the page rebuilds the features.
    """

    def __init__(self, layer: str, label: str, data: dict, passes: list[dict],
                 first: bool = True):
        super().__init__(name=label, overlay=True, control=True, show=True)
        self._name = "BasemapLayer"
        self.first = first   # the first one on the page writes the code the layers share
        self._template = _template("basemap.html")
        self.pane = f"p17-{layer}"
        self.data = to_json(data)
        self.passes = to_json(passes)


class PlaceLabels(Layer, Rendered):
    """Names of islands, sides of the city and waters, as text labels."""

    def __init__(self, label: str, places: list[list], style: Style):
        super().__init__(name=label, overlay=True, control=True, show=True)
        self._name = "PlaceLabels"
        self._template = _template("places.html")
        self.data = to_json(places)
        self.fonts = style.css_fonts()


class RouteLayer(Layer, Rendered):
    """Movements as dashed lines, each with a marker moving along it while it happens."""

    def __init__(self, label: str, data: dict):
        super().__init__(name=label, overlay=True, control=True, show=True)
        self._name = "RouteLayer"
        self._template = _template("routes.html")
        self.data = to_json(data)


class SiteLayer(Layer, Rendered):
    """The sites as symbols on a canvas, coloured and hatched by control, with popups."""

    def __init__(self, label: str, data: dict, story: Story):
        super().__init__(name=label, overlay=True, control=True, show=False)  # drawn last
        self._name = "SiteLayer"
        self._template = _template("sites.html")
        self.data = to_json(data)
        self.story = story


class Legend(Rendered):
    """Title, controls (colour and hatch) and the symbols of the kinds of site."""

    def __init__(self, data: dict):
        super().__init__()
        self._name = "Legend"
        self._template = _template("legend.html")
        self.data = to_json(data)


class TimeSlider(Rendered):
    """The project's time slider: play, speed, event steps, keys, dates and captions.

    It only replays the control changes computed in Python and exposes the page's test
    hooks as ``window.petrograd``.
    """

    def __init__(self, data: dict, text: dict[str, str], story: Story, sites: SiteLayer,
                 routes: RouteLayer):
        super().__init__()
        self._name = "TimeSlider"
        self._template = _template("timeslider.html")
        self.data = to_json(data)
        self.text = text
        self.story = story
        self.sites = sites
        self.routes = routes


class StoryPanel(Rendered):
    """The side panel (a bottom sheet on phones): chapters, the event list, places, credits,
    and the page's address (``#t=…&chapter=…&view=…``)."""

    def __init__(self, data: dict, story: Story, sites: SiteLayer, slider: TimeSlider):
        super().__init__()
        self._name = "StoryPanel"
        self._template = _template("panel.html")
        self.data = to_json(data)
        self.text = data["text"]
        self.disputes = data["disputes"]
        self.story = story
        self.sites = sites
        self.slider = slider


def layer_control() -> LayerControl:
    return LayerControl(position="topright", collapsed=True)
