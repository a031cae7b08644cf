"""The shared style table (resources/style.toml): colours, widths, fonts, symbols and the
basemap drawing recipe, read by the desktop view and the HTML export alike."""

from __future__ import annotations

import colorsys
import math
import tomllib
from dataclasses import dataclass
from functools import cache

from ..resources import read_text

EARTH_CIRCUMFERENCE = 40_075_016.686   # metres; Leaflet's (spherical Web Mercator) sphere
TILE = 256                             # pixels of a Web Mercator tile at zoom 0


@dataclass(frozen=True)
class KindStyle:
    """How a kind of site is drawn: symbol shape, size and label priority."""

    shape: str
    size: float
    priority: int


@dataclass(frozen=True)
class Pass:
    """One drawing pass of a basemap layer (see the comment above [passes] in style.toml)."""

    stroke: str
    width: float
    grow: bool = False
    extra: float = 0.0
    dash: tuple[float, ...] = ()
    opacity: float = 1.0
    fill: str | None = None
    by: str | None = None
    fill_cases: tuple[tuple[str, str], ...] = ()
    only: tuple[str, ...] | None = None
    missing: str | None = None
    min_zoom: float = 0.0
    skip_items: bool = False

    def value(self, props: dict) -> str | None:
        """The feature's value of the property ``by`` (``missing`` if it has none)."""
        v = props.get(self.by) if self.by else None
        return self.missing if v is None or v == "" else str(v)

    def draws(self, props: dict) -> bool:
        return self.only is None or self.value(props) in self.only

    def fill_of(self, props: dict) -> str | None:
        return dict(self.fill_cases).get(self.value(props) or "", self.fill)

    def line_width(self, growth: float) -> float:
        """Pixels, at a zoom where lines grow by ``growth``."""
        return self.width * (growth if self.grow else 1.0) + self.extra


@dataclass(frozen=True)
class Style:
    """The one style table (resources/style.toml), read once."""

    map: dict[str, str]        # the map, in both views
    ui: dict[str, str]         # the desktop's interface
    page: dict[str, str]       # the HTML page's interface
    widths: dict[str, float]
    fonts: dict[str, object]
    kinds: dict[str, KindStyle]
    shapes: dict[str, list[tuple[float, float]]]
    routes: dict[str, list[float]]
    growth: dict[str, float]
    passes: dict[str, list[Pass]]
    projector: dict[str, str]   # high-contrast panels and text for slides

    def kind(self, kind: str) -> KindStyle:
        return self.kinds.get(kind, self.kinds["other"])

    def colour(self, name: str) -> str:
        """A colour by its name in [map] or [ui] (the desktop's); anything else is taken as a
        colour. The page reads [map] and [page] as CSS variables (:meth:`css_variables`)."""
        return self.map.get(name) or self.ui.get(name) or name

    def css_variables(self) -> dict[str, str]:
        """``--p17-<name>`` of the HTML page: the colours of [map] and [page]."""
        return {f"--p17-{k}": v for k, v in (self.map | self.page).items()} | {
            f"--p17-{k}": v for k, v in self.css_fonts().items()}

    def css_fonts(self) -> dict[str, str]:
        """CSS font families of the HTML export, with fallbacks."""
        return {"serif": f'"{self.fonts["serif"]}", Georgia, serif',
                "sans": f'"{self.fonts["sans"]}", Arial, sans-serif'}

    def line_growth(self, pixels_per_metre: float) -> float:
        """How much thicker lines are drawn at this zoom than at the reference zoom."""
        g = self.growth
        grow = (max(pixels_per_metre, 1e-12) / g["reference"]) ** g["power"]
        return min(max(grow, g["min"]), g["max"])


def web_pixels_per_metre(zoom: float, lat: float) -> float:
    """Screen pixels per ground metre at a Leaflet (Web Mercator) zoom and latitude."""
    return TILE * 2 ** zoom / (EARTH_CIRCUMFERENCE * math.cos(math.radians(lat)))


def hatch_ink(colour: str) -> str:
    """The hatch drawn over a fill ("#rrggbbaa"), so controls read in black and white too:
    the fill's value divided by 2.1 (Qt's ``darker(210)``), at alpha 200."""
    r, g, b, _ = rgba(colour)
    h, s, v = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
    dark = colorsys.hsv_to_rgb(h, s, v / 2.1)
    return "#" + "".join(f"{round(c * 255):02x}" for c in dark) + "c8"


def rgba(colour: str) -> tuple[int, int, int, int]:
    """(r, g, b, a) of "#rrggbb" or "#rrggbbaa"."""
    text = colour.lstrip("#")
    if len(text) not in (6, 8):
        raise ValueError(f"{colour!r} is not a colour #rrggbb or #rrggbbaa")
    r, g, b = (int(text[i:i + 2], 16) for i in (0, 2, 4))
    return r, g, b, int(text[6:8], 16) if len(text) == 8 else 255


def _pass(p: dict, widths: dict[str, float]) -> Pass:
    width = widths[p["width"]] if isinstance(p["width"], str) else float(p["width"])
    return Pass(stroke=p["stroke"], width=width * p.get("scale", 1.0), grow=p.get("grow", False),
                extra=p.get("extra", 0.0), dash=tuple(p.get("dash", ())),
                opacity=p.get("opacity", 1.0), fill=p.get("fill"), by=p.get("by"),
                fill_cases=tuple(p.get("fill_cases", {}).items()),
                only=tuple(p["only"]) if "only" in p else None, missing=p.get("missing"),
                min_zoom=p.get("min_zoom", 0.0), skip_items=p.get("items") == "skip")


@cache
def load_style() -> Style:
    text = read_text("style.toml")
    data = tomllib.loads(text)
    widths = data["widths"]
    return Style(
        map=data["map"], ui=data["ui"], page=data["page"], widths=widths, fonts=data["fonts"],
        kinds={k: KindStyle(v["shape"], float(v["size"]), int(v["priority"]))
               for k, v in data["kinds"].items()},
        shapes={k: [tuple(p) for p in v] for k, v in data["shapes"].items()},
        routes=data["routes"], growth=data["growth"],
        passes={layer: [_pass(p, widths) for p in passes]
                for layer, passes in data["passes"].items()},
        projector=data.get("projector", {}))
