"""The scenario as one GeoPackage: the bridge to QGIS.

Layers: ``sites``, ``events`` (points at their site, with the time in both calendars, so
QGIS' temporal controller can animate them), ``routes``, each basemap layer under its own
name, and a table ``meta`` holding the TOML files as text. Reading a GeoPackage writes the
layers back into a scenario folder in a temporary directory and loads that, so a GeoPackage
is validated by exactly the same rules as a folder.
"""

from __future__ import annotations

import csv
import json
import tempfile
import tomllib
from pathlib import Path

from . import calendar as cal
from .atomic import atomic_path
from .model import BASEMAP_LAYERS, EVENT_FIELDS, Scenario
from .problems import Problem, ScenarioError
from .writer import event_row

META_FILES = ("scenario.toml", "chapters.toml", "sources.toml")


def _frame(records: list[dict], geometries: list[dict] | None):
    import geopandas as gpd
    import pandas as pd
    import shapely

    if geometries is None:
        return pd.DataFrame.from_records(records)
    geoms = [shapely.geometry.shape(g) for g in geometries]
    return gpd.GeoDataFrame(pd.DataFrame.from_records(records), geometry=geoms, crs="EPSG:4326")


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
                                       for e in scenario.events])
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


def read_gpkg(path: str | Path) -> Scenario:
    """Load a GeoPackage written by :func:`write_gpkg` (or edited in QGIS)."""
    import pyogrio
    from pyogrio.errors import DataSourceError

    path = Path(path)
    try:
        names = [row[0] for row in pyogrio.list_layers(path)]
    except (DataSourceError, OSError, ValueError) as error:
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise ScenarioError([Problem(str(path), "", f"not a GeoPackage that this app can read "
                                     f"({reason})")]) from None
    missing = [n for n in ("meta", "sites", "events") if n not in names]
    if missing:
        raise ScenarioError([Problem(str(path), "", f"layer(s) {', '.join(missing)} missing; "
                                     "write the file with 'petrograd1917 export-gpkg'")])
    with tempfile.TemporaryDirectory(prefix="petrograd1917-gpkg-") as tmp:
        root = Path(tmp)
        _unpack(path, names, root)
        from .loader import _FolderReader

        try:
            scenario = _FolderReader(root).read()
        except ScenarioError as error:
            raise ScenarioError([Problem(p.file.replace(str(root), f"{path}:"), p.where,
                                         p.message) for p in error.problems]) from None
    scenario.path = path
    return scenario


def _features(frame, list_fields: tuple[str, ...] = ()) -> dict:
    features = []
    records = json.loads(frame.to_json(drop_id=True))["features"]
    for record in records:
        props = {k: v for k, v in record["properties"].items() if v is not None and v != ""}
        for key in list_fields:
            if isinstance(props.get(key), str):
                props[key] = [p for p in props[key].split(";") if p]
        features.append({"type": "Feature", "geometry": record["geometry"],
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _unpack(path: Path, names: list[str], root: Path) -> None:
    import pyogrio

    meta = pyogrio.read_dataframe(path, layer="meta", read_geometry=False)
    texts = dict(zip(meta["name"], meta["text"], strict=False))
    for name in META_FILES:
        if texts.get(name):
            (root / name).write_text(texts[name], "utf-8")

    def dump(rel: str, collection: dict) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(json.dumps(collection, ensure_ascii=False), "utf-8")

    dump("sites.geojson", _features(pyogrio.read_dataframe(path, layer="sites"), ("sources",)))
    if "routes" in names:
        dump("routes.geojson", _features(pyogrio.read_dataframe(path, layer="routes"),
                                         ("sources",)))
    events = pyogrio.read_dataframe(path, layer="events", read_geometry=False)
    with open(root / "events.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EVENT_FIELDS)
        for row in events.fillna("").to_dict("records"):
            writer.writerow([row.get(k, "") for k in EVENT_FIELDS])
    try:
        folder = tomllib.loads(texts.get("scenario.toml") or "").get("basemap", "basemap")
    except tomllib.TOMLDecodeError:
        folder = "basemap"  # the loader reports the broken TOML
    for name in BASEMAP_LAYERS:
        if name in names and isinstance(folder, str):
            collection = _features(pyogrio.read_dataframe(path, layer=name))
            collection["provenance"] = texts.get(f"provenance:{name}", "")
            dump(f"{folder}/{name}.geojson", collection)
