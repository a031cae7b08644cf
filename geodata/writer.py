"""Write a scenario back to a folder of files (the inverse of :mod:`geodata.loader`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import tomli_w

from . import calendar as cal
from .atomic import write_text
from .model import EVENT_FIELDS, Event, Scenario
from .presentation import chapters_toml


def _collection(features: list[dict], **extra) -> str:
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
    head = json.dumps({"type": "FeatureCollection", **extra}, ensure_ascii=False)[:-1]
    return f'{head}, "features": [\n{lines}\n]}}\n'


def scenario_toml(s: Scenario) -> str:
    data = {"title": s.title, "title_ru": s.title_ru, "description": s.description,
            "calendar": s.calendar, "timezone": s.timezone,
            "start": cal.iso(s.start, s.calendar), "end": cal.iso(s.end, s.calendar),
            "default_control": s.default_control, "transition_control": s.transition_control,
            "extent": list(s.extent), "basemap": "basemap", "credits": s.credits,
            "controls": {c.id: {"label_en": c.label_en, "label_ru": c.label_ru,
                                "colour": c.colour, "hatch": c.hatch}
                         for c in s.controls.values()}}
    return tomli_w.dumps(data)


def sources_toml(s: Scenario) -> str:
    data = {}
    for key, src in s.sources.items():
        entry = {"author": src.author, "title": src.title}
        if src.year is not None:
            entry["year"] = src.year
        if src.url:
            entry["url"] = src.url
        if src.note:
            entry["note"] = src.note
        data[key] = entry
    return tomli_w.dumps(data)


def event_row(e: Event, calendar: str) -> dict[str, str]:
    """One events.csv row (also the attributes of the GeoPackage's events layer)."""
    window = e.precision == "window"
    return {"id": e.id, "site": e.site, "time": cal.iso(e.time, calendar),
            "precision": e.precision,
            "earliest": cal.iso(e.earliest, calendar) if window else "",
            "latest": cal.iso(e.latest, calendar) if window else "",
            "control": e.control or "", "during": e.during or "", "caption": e.caption,
            "caption_ru": e.caption_ru, "sources": ";".join(e.sources), "note": e.note}


def events_csv(s: Scenario) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, EVENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(event_row(e, s.calendar) for e in s.events)
    return out.getvalue()


def write_scenario(s: Scenario, folder: str | Path) -> None:
    """Write every file of ``s`` into ``folder`` (each file atomically)."""
    folder = Path(folder)
    c = s.calendar
    write_text(folder / "scenario.toml", scenario_toml(s))
    write_text(folder / "sources.toml", sources_toml(s))
    write_text(folder / "chapters.toml", chapters_toml(s.chapters, c))
    sites = []
    for site in s.sites:
        props = {"id": site.id, "name_en": site.name_en, "name_ru": site.name_ru,
                 "kind": site.kind, "description": site.description,
                 "sources": list(site.sources)}
        if site.initial_control:
            props["initial_control"] = site.initial_control
        if site.off_map:
            props["off_map"] = True
        if site.rank != 3:
            props["rank"] = site.rank
        if site.description_ru:
            props["description_ru"] = site.description_ru
        sites.append({"type": "Feature", "properties": props,
                      "geometry": {"type": "Point", "coordinates": [site.lon, site.lat]}})
    write_text(folder / "sites.geojson", _collection(sites))
    write_text(folder / "events.csv", events_csv(s))
    routes = []
    for r in s.routes:
        props = {"id": r.id, "name_en": r.name_en, "name_ru": r.name_ru, "kind": r.kind,
                 "start": cal.iso(r.start, c), "end": cal.iso(r.end, c),
                 "sources": list(r.sources)}
        if r.site:
            props["site"] = r.site
        if r.description:
            props["description"] = r.description
        if r.description_ru:
            props["description_ru"] = r.description_ru
        routes.append({"type": "Feature", "properties": props,
                       "geometry": {"type": "LineString",
                                    "coordinates": [list(p) for p in r.coords]}})
    write_text(folder / "routes.geojson", _collection(routes))
    for name, layer in s.basemap.items():
        features = [{"type": "Feature", "properties": f.properties, "geometry": f.geometry}
                    for f in layer.features]
        write_text(folder / "basemap" / f"{name}.geojson",
                   _collection(features, provenance=layer.provenance))
