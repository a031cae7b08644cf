"""The scenario as one GeoPackage: the bridge to QGIS.

Layers: ``sites``, ``events`` (points at their site, with the time in both calendars, so
QGIS' temporal controller can animate them), ``routes``, each basemap layer under its own
name, and a table ``meta`` holding the TOML files as text. :mod:`geodata.gpkg_reader`
reads it back, by the same rules as a folder.
"""

from __future__ import annotations

from pathlib import Path

from . import calendar as cal
from .atomic import atomic_path
from .gpkg_reader import META_FILES
from .model import EVENT_FIELDS, Scenario
from .writer import event_row


def _frame(records: list[dict], geometries: list[dict] | None,
           columns: tuple[str, ...] | None = None):
    import geopandas as gpd
    import pandas as pd
    import shapely

    frame = pd.DataFrame.from_records(records, columns=columns)
    if geometries is None:
        return frame
    geoms = [shapely.geometry.shape(g) for g in geometries]
    return gpd.GeoDataFrame(frame, geometry=geoms, crs="EPSG:4326")


def _flat(props: dict) -> dict:
    return {k: ";".join(v) if isinstance(v, (list, tuple)) else v for k, v in props.items()}


def write_gpkg(scenario: Scenario, out: str | Path) -> None:
    """Write ``scenario`` to ``out`` atomically."""
    import pyogrio

    c = scenario.calendar
    layers = {}
    layers["sites"] = _frame(
        [_flat({"id": s.id, "name_en": s.name_en, "name_ru": s.name_ru, "kind": s.kind,
                "description": s.description, "initial_control": s.initial_control,
                "sources": s.sources, "off_map": s.off_map, "rank": s.rank,
                "description_ru": s.description_ru}) for s in scenario.sites],
        [{"type": "Point", "coordinates": [s.lon, s.lat]} for s in scenario.sites])
    # Gregorian ISO times beside each row, for QGIS' temporal controller (no Julian dates).
    events = [event_row(e, c) | {"start_gregorian": cal.iso(e.earliest, cal.GREGORIAN),
                                 "end_gregorian": cal.iso(e.latest, cal.GREGORIAN)}
              for e in scenario.events]
    sites = {s.id: s for s in scenario.sites}
    layers["events"] = _frame(events, [{"type": "Point", "coordinates":
                                        [sites[e.site].lon, sites[e.site].lat]}
                                       for e in scenario.events],
                              EVENT_FIELDS + ("start_gregorian", "end_gregorian"))
    if scenario.routes:
        layers["routes"] = _frame(
            [_flat({"id": r.id, "name_en": r.name_en, "name_ru": r.name_ru, "kind": r.kind,
                    "start": cal.iso(r.start, c), "end": cal.iso(r.end, c),
                    "site": r.site or "", "description": r.description,
                    "description_ru": r.description_ru, "sources": r.sources})
             for r in scenario.routes],
            [{"type": "LineString", "coordinates": [list(p) for p in r.coords]}
             for r in scenario.routes])
    meta = [{"name": name, "text": scenario.texts.get(name, "")} for name in META_FILES]
    for name, layer in scenario.basemap.items():
        meta.append({"name": f"provenance:{name}", "text": layer.provenance})
        if layer.features:
            layers[name] = _frame([_flat(f.properties) for f in layer.features],
                                  [f.geometry for f in layer.features])
    layers["meta"] = _frame(meta, None)
    with atomic_path(out) as temp:
        for name, frame in layers.items():
            pyogrio.write_dataframe(frame, temp, layer=name, driver="GPKG", append=False)
