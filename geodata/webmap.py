"""The offline HTML export: one self-contained page with the map and the 1917 time slider.

Python computes everything the page shows — site states at every change point (through
:class:`~geodata.timeline.Timeline`, so the page never re-implements the state rule), date
labels in both calendars, captions and popup texts — and hands it to the small folium
elements of :mod:`geodata.webmap_layers` as JSON. Times in the page are integer minutes since
the scenario's start, so no JavaScript ``Date`` ever sees 1917.
"""

from __future__ import annotations

import colorsys
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from . import atomic
from . import calendar as cal
from .model import BASEMAP_LAYERS, Scenario
from .playback import SPEEDS
from .style import Style, load_style
from .timeline import Timeline

UI = {
    "en": {
        "play": "Play / pause (Space)", "prev": "Previous event (←)", "next": "Next event (→)",
        "speed": "Playback speed", "slider": "Time", "min_s": "min/s", "h_s": "h/s",
        "history": "History", "sources": "Sources", "now": "Now", "controls": "Control",
        "kinds": "Sites", "no_events": "No recorded events.", "routes": "Movements",
        "sites": "Sites", "start": "Start",
        "layers": {"water": "Water", "green": "Gardens and parks", "districts": "Districts",
                   "railways": "Railways", "streets": "Streets", "bridges": "Bridges",
                   "places": "Place names"},
        "kind_names": {"government": "Government", "military": "Military",
                       "communications": "Communications", "transport": "Transport",
                       "bridge": "Bridge", "party": "Party / Soviet", "ship": "Ship",
                       "press": "Press", "finance": "Finance", "other": "Other"},
    },
    "ru": {
        "play": "Пуск / пауза (пробел)", "prev": "Предыдущее событие (←)",
        "next": "Следующее событие (→)", "speed": "Скорость", "slider": "Время",
        "min_s": "мин/с", "h_s": "ч/с", "history": "Хроника", "sources": "Источники",
        "now": "Сейчас", "controls": "Контроль", "kinds": "Объекты",
        "no_events": "Событий нет.", "routes": "Передвижения", "sites": "Объекты",
        "start": "Начало",
        "layers": {"water": "Вода", "green": "Сады и парки", "districts": "Части города",
                   "railways": "Железные дороги", "streets": "Улицы", "bridges": "Мосты",
                   "places": "Названия"},
        "kind_names": {"government": "Правительство", "military": "Военные",
                       "communications": "Связь", "transport": "Транспорт", "bridge": "Мост",
                       "party": "Партия / Совет", "ship": "Корабль", "press": "Печать",
                       "finance": "Финансы", "other": "Прочее"},
    },
}

# Properties of basemap features the page uses; the rest stays out of the file.
_KEEP_PROPS = ("name_en", "name_ru", "kind", "rank", "movable")
_COORD_DIGITS = 5  # about one metre


def to_json(value: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def public_url(url: str) -> str:
    """``url`` if it is an absolute http(s) link, else an empty string."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def hatch_ink(colour: str) -> str:
    """The hatch colour drawn over a fill: the fill darkened as the desktop view does it."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    r, g, b = colorsys.hsv_to_rgb(h, s, v / 2.1)  # QColor.darker(210)
    return f"rgba({round(r * 255)},{round(g * 255)},{round(b * 255)},0.78)"


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


def control_changes(timeline: Timeline) -> ControlChanges:
    """Every site's control at the start and at each minute where any control changes.

    The state rule only switches at an event window's start or end, so evaluating
    :meth:`Timeline.state_at` at those minutes and diffing gives the exact state at any time.
    """
    scenario = timeline.scenario
    start = scenario.start
    edges = sorted({t for e in scenario.events if e.control for t in (e.earliest, e.latest)
                    if start < t <= scenario.end})
    initial = previous = timeline.state_at(start).control
    times, changes = [], []
    for t in edges:
        current = timeline.state_at(t).control
        changed = np.flatnonzero(current != previous)
        if changed.size:
            times.append(t - start)
            changes.append((changed.tolist(), current[changed].tolist(),
                            previous[changed].tolist()))
        previous = current
    return ControlChanges(initial.tolist(), times, changes)


def day_labels(scenario: Scenario, lang: str) -> tuple[int, list[str], list[str]]:
    """(first day number, date label per day, weekday per day) over the scenario's span."""
    first = scenario.start // cal.MINUTES_PER_DAY
    last = scenario.end // cal.MINUTES_PER_DAY
    weekdays = cal.WEEKDAYS_RU if lang == "ru" else cal.WEEKDAYS_EN
    days = range(first, last + 1)
    return (first,
            [cal.format_day(d * cal.MINUTES_PER_DAY, scenario.calendar, lang) for d in days],
            [weekdays[cal.weekday(d * cal.MINUTES_PER_DAY)] for d in days])


def date_text(scenario: Scenario, minutes: int, lang: str = "en") -> str:
    """The page's date label: ``25 October 1917 (7 November N.S.), 21:40``."""
    return f"{cal.format_day(minutes, scenario.calendar, lang)}, {cal.clock(minutes)}"


def opening_time(scenario: Scenario, at: int | None) -> int:
    """``at`` clipped to the span, or the first event (the scenario's start if none)."""
    if at is None:
        at = scenario.events[0].time if scenario.events else scenario.start
    return min(max(int(at), scenario.start), scenario.end)


# -- geometry -----------------------------------------------------------------------------

def _round_coords(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], _COORD_DIGITS), round(coords[1], _COORD_DIGITS)]
    return [_round_coords(c) for c in coords]


def basemap_geojson(scenario: Scenario, layer: str) -> dict | None:
    """A compact FeatureCollection of one basemap layer (None if the scenario lacks it)."""
    source = scenario.basemap.get(layer)
    if source is None or not source.features:
        return None
    features = []
    for f in source.features:
        props = {k: f.properties[k] for k in _KEEP_PROPS if f.properties.get(k) is not None}
        features.append({"type": "Feature", "properties": props, "geometry": {
            "type": f.geometry["type"], "coordinates": _round_coords(f.geometry["coordinates"])}})
    return {"type": "FeatureCollection", "features": features}


def _clamp_to_extent(lon: float, lat: float, extent) -> tuple[float, float]:
    """Off-map sites sit just inside the edge of the map, towards where they are."""
    x0, y0, x1, y1 = extent
    mx, my = (x1 - x0) * 0.02, (y1 - y0) * 0.02
    return min(max(lon, x0 + mx), x1 - mx), min(max(lat, y0 + my), y1 - my)


def route_fractions(coords: Iterable[tuple[float, float]]) -> list[float]:
    """Cumulative share of a line's length at each vertex (for even-speed movement)."""
    pts = list(coords)
    lengths = [0.0]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        k = math.cos(math.radians((y0 + y1) / 2))
        lengths.append(lengths[-1] + math.hypot((x1 - x0) * k, y1 - y0))
    total = lengths[-1] or 1.0
    return [round(v / total, 5) for v in lengths]


def basemap_passes(layer: str, style: Style) -> list[dict]:
    """How one basemap layer is drawn: passes in the desktop view's order and colours.

    A pass draws the features whose property ``by`` is in ``only`` (all if absent) with
    ``style`` (plus ``cases`` by that property); ``grow`` widens lines with the zoom as the
    desktop view does (``weight * grow + extra``); ``minZoom`` hides the pass below it.
    """
    c, w = style.map, style.widths
    line = {"fill": False, "lineCap": "round", "lineJoin": "round"}
    if layer == "districts":
        return [{"style": line | {"color": c["district_edge"], "weight": 1.2,
                                  "dashArray": "6 4", "opacity": 0.9}}]
    if layer in ("water", "green"):
        cases = {"square": {"fillColor": c["square"]}} if layer == "green" else {}
        return [{"style": {"color": c[f"{layer}_edge"], "weight": 0.8, "fillColor": c[layer],
                           "fillOpacity": 1, "opacity": 1}, "by": "kind", "cases": cases}]
    if layer == "railways":
        return [{"style": line | {"color": c["railway"]}, "weight": w["railway"], "grow": True},
                {"style": line | {"color": c["paper"], "dashArray": "4 4", "lineCap": "butt"},
                 "weight": w["railway"] * 0.45, "grow": True}]
    if layer == "streets":
        passes = []
        for rank in ("secondary", "main"):
            only = {"by": "rank", "only": [rank], "missing": "secondary",
                    "minZoom": 12.5 if rank == "secondary" else None, "grow": True}
            passes.append(only | {"style": line | {"color": c[f"street_{rank}_casing"]},
                                  "weight": w[f"street_{rank}"], "extra": 2.0})
            passes.append(only | {"style": line | {"color": c[f"street_{rank}"]},
                                  "weight": w[f"street_{rank}"]})
        return passes
    if layer == "bridges":
        return [{"style": line | {"color": c["paper"]}, "weight": w["bridge"], "extra": 2.5,
                 "grow": True},
                {"style": line | {"color": c["bridge"], "lineCap": "butt"},
                 "weight": w["bridge"], "grow": True}]
    return []


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
            "outline": style.map["selection"], "width": style.widths["site_outline"]}


def sites_data(scenario: Scenario, lang: str, style: Style) -> dict:
    """Positions, symbols and popup texts of the sites, drawn low priority first."""
    other = "en" if lang == "ru" else "ru"
    source_keys = list(scenario.sources)
    source_index = {k: i for i, k in enumerate(source_keys)}
    sources = [[s.citation(), public_url(s.url)] for s in scenario.sources.values()]
    control_index = {c: i for i, c in enumerate(scenario.controls)}
    events = [[date_text(scenario, e.time, lang), e.text(lang),
               control_index[e.control] if e.control else -1, e.time - scenario.start]
              for e in scenario.events]
    history: list[list[int]] = [[] for _ in scenario.sites]
    for i, e in enumerate(scenario.events):
        history[scenario.site_index(e.site)].append(i)
    kinds = list(style.kinds)
    lon, lat, kind, refs = [], [], [], []
    for site in scenario.sites:
        x, y = site.lon, site.lat
        if site.off_map:
            x, y = _clamp_to_extent(x, y, scenario.extent)
        lon.append(round(x, _COORD_DIGITS))
        lat.append(round(y, _COORD_DIGITS))
        kind.append(kinds.index(site.kind) if site.kind in kinds else kinds.index("other"))
        site_refs = []
        for ref in site.sources:
            key, _, locator = ref.partition(":")
            site_refs.append([source_index.get(key.strip(), -1), locator.strip()])
        refs.append(site_refs)
    order = sorted(range(len(scenario.sites)),
                   key=lambda i: style.kind(scenario.sites[i].kind).priority)
    return {
        "ids": [s.id for s in scenario.sites], "lon": lon, "lat": lat, "kind": kind,
        "kinds": kinds, "order": order, "maxLabels": 60,
        "name": [s.name(lang) for s in scenario.sites],
        "alt": [s.name(other) for s in scenario.sites],
        "desc": [s.description for s in scenario.sites],
        "history": history, "refs": refs,
        "events": events, "sources": sources, "controls": controls_data(scenario, lang),
        "symbols": symbols_data(style),
        "text": {k: UI[lang][k] for k in ("history", "sources", "now", "no_events")}
        | {"kind_names": UI[lang]["kind_names"]},
    }


def routes_data(scenario: Scenario, lang: str, style: Style) -> dict:
    start = scenario.start
    return {
        "colour": style.map["route"], "width": style.widths["route"],
        "routes": [{
            "name": r.name(lang), "desc": r.description, "kind": r.kind,
            "dash": " ".join(str(v) for v in style.routes.get(r.kind, [])),
            "start": r.start - start, "end": r.end - start,
            "coords": [[round(y, _COORD_DIGITS), round(x, _COORD_DIGITS)] for x, y in r.coords],
            "fractions": route_fractions(r.coords),
        } for r in scenario.routes],
    }


def slider_data(scenario: Scenario, timeline: Timeline, lang: str, at: int) -> dict:
    """What the time slider needs: span, day labels, events, ticks and control changes."""
    start = scenario.start
    span = scenario.end - start
    first_day, days, weekdays = day_labels(scenario, lang)
    changes = control_changes(timeline)
    event_times = [e.time - start for e in scenario.events]
    ticks = sorted({round(1000 * t / span) / 10 for t in event_times})
    speeds = [[s, f"{s} {UI[lang]['min_s']}" if s < 60 else f"{s // 60} {UI[lang]['h_s']}"]
              for s in SPEEDS]
    months = cal.MONTHS_RU if lang == "ru" else cal.MONTHS_EN

    def short_day(minutes: int) -> str:
        date = cal.from_day_number(minutes // cal.MINUTES_PER_DAY, scenario.calendar)
        return f"{date.day} {months[date.month - 1][:3]}"

    day_marks = []
    for i in range(len(days)):
        offset = (first_day + i) * cal.MINUTES_PER_DAY - start
        if 0 <= offset < span:
            day_marks.append([offset, short_day(offset + start)])
    return {
        "span": span, "at": at - start, "dayOffset": start - first_day * cal.MINUTES_PER_DAY,
        "dayMarks": day_marks,
        "days": days, "weekdays": weekdays, "eventTimes": event_times,
        "eventClock": [f"{short_day(e.time)} {cal.clock(e.time)}" for e in scenario.events],
        "captions": [e.text(lang) for e in scenario.events],
        "ticks": ticks, "initial": changes.initial, "changeTimes": changes.times,
        "changes": changes.changes, "speeds": speeds, "speed": 60,
        "controls": controls_data(scenario, lang),
    }


def legend_data(scenario: Scenario, lang: str, style: Style) -> dict:
    used = {s.kind for s in scenario.sites}
    return {
        "title": scenario.title_ru if lang == "ru" and scenario.title_ru else scenario.title,
        "controls": controls_data(scenario, lang), "symbols": symbols_data(style),
        "kinds": [[k, UI[lang]["kind_names"].get(k, k)] for k in style.kinds if k in used],
        "text": {"controls": UI[lang]["controls"], "kinds": UI[lang]["kinds"]},
    }


# -- the page -----------------------------------------------------------------------------

def build_map(scenario: Scenario, at: int | None = None,
              view: tuple[float, float, float, float] | None = None, lang: str = "en"):
    """The folium map of ``scenario`` opening at time ``at`` and extent ``view``."""
    from . import webmap_layers as wl  # folium is heavy: imported only when exporting

    if lang not in UI:
        raise ValueError(f"unknown language {lang!r} (use 'en' or 'ru')")
    style = load_style()
    timeline = Timeline(scenario)
    text = UI[lang]
    title = scenario.title_ru if lang == "ru" and scenario.title_ru else scenario.title
    m = wl.PaperMap(title, style, view or scenario.extent)
    for name in BASEMAP_LAYERS:
        if name == "places":
            places = places_data(scenario, lang)
            if places:
                wl.PlaceLabels(text["layers"][name], places, style).add_to(m)
            continue
        data = basemap_geojson(scenario, name)
        if data is not None:
            wl.BasemapLayer(name, text["layers"][name], data,
                            basemap_passes(name, style)).add_to(m)
    routes = wl.RouteLayer(text["routes"], routes_data(scenario, lang, style)).add_to(m)
    sites = wl.SiteLayer(text["sites"], sites_data(scenario, lang, style)).add_to(m)
    wl.Legend(legend_data(scenario, lang, style)).add_to(m)
    wl.TimeSlider(slider_data(scenario, timeline, lang, opening_time(scenario, at)),
                  {k: text[k] for k in ("play", "prev", "next", "speed", "slider")},
                  sites, routes).add_to(m)
    wl.layer_control().add_to(m)
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
