"""The offline HTML export: one self-contained page with the map, the 1917 time slider and
the story panel (chapters, event list, places, credits; :mod:`geodata.webmap_panels`).

Python computes everything the page shows — site states at every change point (the state
rule of :class:`~geodata.timeline.Timeline`, so the page never re-implements it), the event
cursor's order, time labels as the data states them, date labels in both calendars, the week
at a glance (:mod:`geodata.balance`), captions and popup texts — and hands it to the small
folium elements of :mod:`geodata.webmap_layers` as JSON. Times in the page are integer
minutes since the scenario's start, so no JavaScript ``Date`` ever sees 1917. Bulky data goes
as columns of integers (events, control changes, basemap coordinates) with small string
tables (deduplicated captions and time labels), so 100 000 events stay a few megabytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import atomic
from . import calendar as cal
from .balance import site_balance
from .model import BASEMAP_LAYERS, Scenario
from .placement import label_precedence, map_position, may_cover_symbols
from .playback import SPEEDS
from .scriptjson import to_json  # noqa: F401  (part of the page's API)
from .story import Story
from .style import Style, hatch_ink, load_style, web_pixels_per_metre
from .texts import LANGUAGES, kind_name, layer_name, text
from .timeline import Timeline
from .webmap_panels import day_table, panel_data, public_url, source_refs, story_data  # noqa: F401  (the page's API)

_COORD_DIGITS = 5  # about one metre
MAX_DAY_MARKS = 31   # day marks under the time slider, at most


# -- the story: states, dates and captions -----------------------------------------------

@dataclass(frozen=True)
class ControlChanges:
    """Site controls as a start state plus the changes at each change point (offsets)."""

    initial: list[int]
    times: list[int]
    changes: list[tuple[list[int], list[int], list[int]]]  # (sites, new, old) per time

    def state_at(self, offset: int) -> list[int]:
        """Replay the changes up to ``offset`` (what the page does; used by the tests)."""
        state = list(self.initial)
        for t, (sites, new, _) in zip(self.times, self.changes, strict=True):
            if t > offset:
                break
            for s, c in zip(sites, new, strict=True):
                state[s] = c
        return state


def _change_arrays(timeline: Timeline):
    """(initial, times, counts, sites, new, old) of every control change, as numpy arrays.

    ``times`` are offsets from the scenario's start, ``counts`` the number of changes at
    each, and ``sites``/``new``/``old`` the changes, by time then site (from
    :meth:`Timeline.change_points`).
    """
    points = timeline.change_points()
    times, counts = np.unique(points.time - timeline.start, return_counts=True)
    return points.initial, times, counts, points.site, points.new, points.old


def control_changes(timeline: Timeline) -> ControlChanges:
    """Every site's control at the start and at each minute where any control changes.

    The same changes as evaluating :meth:`Timeline.state_at` at every window start and end
    and diffing consecutive states, computed in one vectorised pass (see ``_change_arrays``).
    """
    initial, times, counts, sites, new, old = _change_arrays(timeline)
    bounds = np.cumsum(counts)[:-1]
    changes = [(s.tolist(), n.tolist(), o.tolist()) for s, n, o in
               zip(np.split(sites, bounds), np.split(new, bounds), np.split(old, bounds),
                   strict=True)] if len(times) else []
    return ControlChanges(initial.tolist(), times.tolist(), changes)


def date_text(scenario: Scenario, minutes: int, lang: str = "en") -> str:
    """The page's date label: ``25 October 1917 (7 November N.S.), 21:40``."""
    return f"{cal.format_day(minutes, scenario.calendar, lang)}, {cal.clock(minutes)}"


def opening_time(scenario: Scenario, at: int | None) -> int:
    """``at`` clipped to the span, or the first event (the scenario's start if none)."""
    if at is None:
        at = scenario.events[0].time if scenario.events else scenario.start
    return min(max(int(at), scenario.start), scenario.end)


# -- geometry -----------------------------------------------------------------------------

# Nesting depth of the coordinates of each GeoJSON geometry type.
GEOMETRY_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2,
                  "Polygon": 2, "MultiPolygon": 3}


def basemap_columns(scenario: Scenario, layer: str, keys: Iterable[str]) -> dict | None:
    """One basemap layer as columns (None if the scenario lacks it): the page rebuilds it.

    ``types`` indexes ``typeNames`` per feature; ``props`` holds one column per key the
    layer's passes read (null where missing); ``counts`` are the lengths of each nesting
    level of the coordinates, depth first; ``coords`` the positions as integer 1e-5 degrees
    (about a metre), lon and lat interleaved, each the difference to the previous value.
    """
    source = scenario.basemap.get(layer)
    if source is None or not source.features:
        return None
    keys = sorted(set(keys))
    type_names: list[str] = []
    types, counts, lon, lat = [], [], [], []
    props: dict[str, list] = {k: [] for k in keys}

    def walk(coords, depth: int) -> None:
        if depth == 1:
            counts.append(len(coords))
            for p in coords:
                lon.append(p[0])
                lat.append(p[1])
        else:
            counts.append(len(coords))
            for c in coords:
                walk(c, depth - 1)

    for f in source.features:
        kind = f.geometry["type"]
        if kind not in type_names:
            type_names.append(kind)
        types.append(type_names.index(kind))
        for k in keys:
            v = f.properties.get(k)
            props[k].append(v)
        coords = f.geometry["coordinates"]
        if GEOMETRY_DEPTH[kind] == 0:
            lon.append(coords[0])
            lat.append(coords[1])
        else:
            walk(coords, GEOMETRY_DEPTH[kind])
    scale = 10 ** _COORD_DIGITS
    xy = np.empty(2 * len(lon), dtype=np.float64)
    xy[0::2], xy[1::2] = lon, lat
    ints = np.rint(xy * scale).astype(np.int64)
    if len(ints) > 2:
        ints[2:] -= ints[:-2].copy()
    return {"typeNames": type_names, "types": types, "props": props, "counts": counts,
            "coords": ints.tolist(), "scale": scale,
            "depth": {k: GEOMETRY_DEPTH[k] for k in type_names}}


def route_fractions(coords: Iterable[tuple[float, float]]) -> list[float]:
    """Cumulative share of a line's length at each vertex (for even-speed movement)."""
    pts = list(coords)
    lengths = [0.0]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        k = math.cos(math.radians((y0 + y1) / 2))
        lengths.append(lengths[-1] + math.hypot((x1 - x0) * k, y1 - y0))
    total = lengths[-1] or 1.0
    return [round(v / total, 5) for v in lengths]


# Leaflet zooms at which the page has each pass's line width: 0, 0.25, … (its zoom snap).
WEB_ZOOM_STEP = 0.25
WEB_ZOOMS = [k * WEB_ZOOM_STEP for k in range(int(22 / WEB_ZOOM_STEP) + 1)]


def basemap_passes(layer: str, style: Style, lat: float) -> list[dict]:
    """How one basemap layer is drawn: style.toml's [passes], as the desktop draws them.

    A pass draws the features whose property ``by`` is in ``only`` (all if absent) with
    ``style`` (plus ``cases``, fill colours by that property); ``weights`` are its line
    widths at each zoom of ``WEB_ZOOMS`` (at latitude ``lat``), ``dash`` its dashes in
    multiples of the width, and ``minZoom`` the Leaflet zoom below which it is hidden.
    """
    out = []
    ppm = [web_pixels_per_metre(z, lat) for z in WEB_ZOOMS]
    for p in style.passes.get(layer, []) if layer != "routes" else []:
        line = {"color": style.colour(p.stroke), "opacity": p.opacity, "lineCap": "round",
                "lineJoin": "round", "fill": p.fill is not None}
        if p.fill is not None:
            line |= {"fillColor": style.colour(p.fill), "fillOpacity": 1}
        out.append({
            "style": line, "by": p.by, "only": list(p.only) if p.only else None,
            "missing": p.missing, "dash": list(p.dash) or None,
            "cases": {v: {"fillColor": style.colour(c)} for v, c in p.fill_cases} or None,
            "grow": p.grow, "zoomStep": WEB_ZOOM_STEP,
            "weights": [round(p.line_width(style.line_growth(v)), 3) for v in ppm],
            "minZoom": next((z for z, v in zip(WEB_ZOOMS, ppm, strict=True)
                             if v >= p.min_zoom), None) if p.min_zoom else None})
    return out


def places_data(scenario: Scenario, lang: str) -> list[list]:
    """Label anchors of the places layer: [lat, lon, name, kind]."""
    layer = scenario.basemap.get("places")
    out = []
    for f in layer.features if layer else []:
        if f.geometry.get("type") != "Point":
            continue
        name = (f.name_ru if lang == "ru" else f.name_en) or f.name_en or f.name_ru
        x, y = f.geometry["coordinates"][:2]
        out.append([round(y, _COORD_DIGITS), round(x, _COORD_DIGITS), name,
                    str(f.properties.get("kind") or "")])
    return out


# -- the data of each element ---------------------------------------------------------------

def controls_data(scenario: Scenario, lang: str) -> list[dict]:
    return [{"id": c.id, "label": c.label(lang), "colour": c.colour, "hatch": c.hatch,
             "ink": hatch_ink(c.colour)} for c in scenario.controls.values()]


def symbols_data(style: Style) -> dict:
    kinds = {k: {"shape": v.shape, "size": v.size} for k, v in style.kinds.items()}
    return {"kinds": kinds, "shapes": {k: [list(p) for p in v] for k, v in style.shapes.items()},
            "outline": style.ui["ink"], "width": style.widths["site_outline"],
            "blank": style.page["surface"], "unset": style.map["site_unset"],
            "sans": style.css_fonts()["sans"]}


def sites_data(scenario: Scenario, lang: str, style: Style) -> dict:
    """Positions, symbols and popup texts of the sites, drawn low priority first.

    A site's history and the sources' titles come from :func:`story_data`.
    """
    other = "en" if lang == "ru" else "ru"
    source_index = {k: i for i, k in enumerate(scenario.sources)}
    kinds = list(style.kinds)
    lon, lat, kind = [], [], []
    for site in scenario.sites:
        x, y = map_position(site, scenario.extent)
        lon.append(round(x, _COORD_DIGITS))
        lat.append(round(y, _COORD_DIGITS))
        kind.append(kinds.index(site.kind) if site.kind in kinds else kinds.index("other"))
    # Drawn least important first; labels are placed from the end (placement.label_precedence).
    order = sorted(range(len(scenario.sites)), reverse=True, key=lambda i: label_precedence(
        scenario.sites[i], style.kind(scenario.sites[i].kind).priority))
    return {
        "ids": [s.id for s in scenario.sites], "lon": lon, "lat": lat, "kind": kind,
        "kinds": kinds, "order": order, "maxLabels": 60,
        "name": [s.name(lang) for s in scenario.sites],
        "alt": [s.name(other) for s in scenario.sites], "altLang": other,
        "desc": [s.description_in(lang) for s in scenario.sites],
        "refs": [source_refs(scenario, s.sources, source_index) for s in scenario.sites],
        "central": [may_cover_symbols(s) for s in scenario.sites],
        "controls": controls_data(scenario, lang),
        "symbols": symbols_data(style),
        "text": {k: text(k, lang) for k in ("history", "sources", "now", "no_events")}
        | {"note": text("note", lang, "page")}
        | {"kind_names": {k: kind_name(k, lang) for k in kinds}},
    }


def routes_data(scenario: Scenario, lang: str, style: Style) -> dict:
    start = scenario.start
    return {
        "colour": style.map["route"], "width": style.widths["route"],
        "marker": style.page["surface"],
        "routes": [{
            "name": r.name(lang), "desc": r.description_in(lang), "kind": r.kind,
            "dash": " ".join(str(v) for v in style.routes.get(r.kind, [])),
            "start": r.start - start, "end": r.end - start,
            "coords": [[round(y, _COORD_DIGITS), round(x, _COORD_DIGITS)] for x, y in r.coords],
            "fractions": route_fractions(r.coords),
        } for r in scenario.routes],
    }


def slider_data(scenario: Scenario, timeline: Timeline, lang: str, at: int) -> dict:
    """What the time slider needs: span, ticks, day marks and the control changes.

    Events, their captions and the date labels come from :func:`story_data`. The changes
    are ``changeTimes`` (offsets), ``changeCount`` per time and, flat over all times,
    ``changeSites`` and ``changeNew``; the page derives each change's old control by
    replaying them once from ``initial``.
    """
    start = scenario.start
    span = scenario.end - start
    first_day = scenario.start // cal.MINUTES_PER_DAY
    last_day = scenario.end // cal.MINUTES_PER_DAY
    initial, times, counts, sites, new, _ = _change_arrays(timeline)
    offsets = np.asarray([e.time for e in scenario.events], dtype=np.int64) - start
    ticks = (np.unique(np.round(1000 * offsets / span) / 10).tolist()
             if span and len(offsets) else [])
    spans = sorted({(round(100 * (e.earliest - start) / span, 2),
                     round(100 * (e.latest - start) / span, 2))
                    for e in scenario.events
                    if span and e.precision == "window" and e.latest > e.earliest})
    speeds = [[s, f"{s} {text('min_s', lang)}" if s < 60 else f"{s // 60} {text('h_s', lang)}"]
              for s in SPEEDS]
    day_marks = []
    stride = -(-(last_day - first_day + 1) // MAX_DAY_MARKS)   # long spans: fewer marks
    for day in range(first_day, last_day + 1, stride):
        offset = day * cal.MINUTES_PER_DAY - start
        if 0 <= offset < span:
            day_marks.append([offset, cal.short_day(day * cal.MINUTES_PER_DAY,
                                                    scenario.calendar, lang)])
    return {
        "span": span, "at": at - start, "dayMarks": day_marks, "ticks": ticks,
        "spans": [list(v) for v in spans], "bands": bands_data(scenario, timeline),
        "initial": initial.tolist(), "changeTimes": times.tolist(),
        "changeCount": counts.tolist(), "changeSites": sites.tolist(),
        "changeNew": new.tolist(), "speeds": speeds, "speed": 60,
    }


def bands_data(scenario: Scenario, timeline: Timeline) -> dict:
    """The week at a glance (:func:`balance.site_balance`): sites held by each control every
    ``step`` minutes, stacked bottom to top in ``colours``; ``total`` is every site."""
    span = scenario.end - scenario.start
    step = max(10, -(-span // 500))      # at most ~500 samples (one every 3 px or so)
    balance = site_balance(scenario, step, timeline)
    return {"times": (balance.times - scenario.start).tolist(), "total": balance.sites,
            "colours": [scenario.controls[c].colour for c in balance.controls],
            "counts": [col.tolist() for col in balance.counts.T]}


def legend_data(scenario: Scenario, lang: str, style: Style) -> dict:
    used = {s.kind for s in scenario.sites}
    return {
        "title": scenario.title_in(lang),
        "controls": controls_data(scenario, lang), "symbols": symbols_data(style),
        "kinds": [[k, kind_name(k, lang)] for k in style.kinds if k in used],
        "text": {"controls": text("controls", lang), "kinds": text("sites", lang),
                 "legend": text("legend", lang, "page")},
    }


# -- the page -----------------------------------------------------------------------------

def page_words(lang: str) -> dict[str, str]:
    """Leaflet's own words (zoom, layers, scale, close) and the page's buttons in ``lang``."""
    keys = ("zoom_in", "zoom_out", "layers_button", "metres", "kilometres", "close",
            "fullscreen", "legend", "map_label", "show_panel")
    return {k: text(k, lang, "page") for k in keys}


def build_map(scenario: Scenario, at: int | None = None,
              view: tuple[float, float, float, float] | None = None, lang: str = "en"):
    """The folium map of ``scenario`` opening at time ``at`` and extent ``view``."""
    from . import webmap_layers as wl  # folium is heavy: imported only when exporting

    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (use 'en' or 'ru')")
    style = load_style()
    timeline = Timeline(scenario)
    title = scenario.title_in(lang)
    m = wl.PaperMap(title, lang, style, view or scenario.extent, page_words(lang))
    story = wl.Story(story_data(scenario, lang, Story(scenario, timeline))).add_to(m)
    for name in BASEMAP_LAYERS:
        if name == "places":
            places = places_data(scenario, lang)
            if places:
                wl.PlaceLabels(layer_name(name, lang), places, style).add_to(m)
            continue
        passes = basemap_passes(name, style, (scenario.extent[1] + scenario.extent[3]) / 2)
        data = basemap_columns(scenario, name, [p["by"] for p in passes if p.get("by")])
        if data is not None:
            first = not any(isinstance(c, wl.BasemapLayer) for c in m._children.values())
            wl.BasemapLayer(name, layer_name(name, lang), data, passes, first).add_to(m)
    routes = wl.RouteLayer(text("routes", lang), routes_data(scenario, lang, style)).add_to(m)
    sites = wl.SiteLayer(text("sites", lang), sites_data(scenario, lang, style), story).add_to(m)
    wl.Legend(legend_data(scenario, lang, style)).add_to(m)
    slider = wl.TimeSlider(slider_data(scenario, timeline, lang, opening_time(scenario, at)),
                           {k: text(k, lang) for k in ("play", "prev", "next", "speed", "slider")},
                           story, sites, routes).add_to(m)
    wl.layer_control().add_to(m)
    wl.StoryPanel(panel_data(scenario, lang), story, sites, slider).add_to(m)
    return m


def render_html(scenario: Scenario, at: int | None = None,
                view: tuple[float, float, float, float] | None = None, lang: str = "en") -> str:
    """The whole page as text."""
    return build_map(scenario, at, view, lang).get_root().render()


def export_html(scenario: Scenario, out: str | Path, at: int | None = None,
                view: tuple[float, float, float, float] | None = None,
                lang: str = "en") -> Path:
    """Write the offline page to ``out`` atomically (a complete file or none)."""
    html = render_html(scenario, at, view, lang)
    atomic.write_text(out, html)
    return Path(out)
