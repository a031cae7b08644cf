"""A GeoPackage is read by whole columns, yet gives exactly the folder's scenario, and a bad
row among thousands of good ones is still named by its layer and row."""

from pathlib import Path

import pytest
from petrograd1917.geodata.gpkg import write_gpkg
from petrograd1917.geodata.loader import load_scenario, validate

from tests.conftest import bench_scenario, edit_gpkg


def _single(geometry: dict) -> dict:
    """A one-part Multi* geometry as its part: the writer makes a layer that mixes Polygon
    and MultiPolygon all MultiPolygon (one geometry type per layer, for QGIS)."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind.startswith("Multi") and len(coords) == 1:
        return {"type": kind[5:], "coordinates": coords[0]}
    return geometry


def assert_identical(back, original) -> None:
    """Everything a view reads: the story, the sources, every basemap feature."""
    for name in ("title", "title_ru", "description", "calendar", "timezone", "start", "end",
                 "default_control", "transition_control", "extent", "credits", "controls",
                 "sources", "sites", "events", "routes", "chapters"):
        assert getattr(back, name) == getattr(original, name), name
    assert {k: back.texts[k] for k in original.texts} == original.texts   # the TOML files
    assert list(back.basemap) == list(original.basemap)
    for name, layer in original.basemap.items():
        assert back.basemap[name].provenance == layer.provenance
        features = back.basemap[name].features
        assert [f.properties for f in features] == [f.properties for f in layer.features]
        assert [_single(f.geometry) for f in features] == \
            [_single(f.geometry) for f in layer.features], name


@pytest.fixture(scope="module")
def small_synthetic(tmp_path_factory):
    return bench_scenario(tmp_path_factory.mktemp("synthetic") / "small", sites=300,
                          events=3000, routes=12, features=600, seed=1917)


def test_the_default_scenario_reads_the_same_from_its_geopackage(petrograd, tmp_path):
    write_gpkg(petrograd, tmp_path / "p.gpkg")
    assert_identical(load_scenario(tmp_path / "p.gpkg"), petrograd)


def test_a_synthetic_scenario_reads_the_same_from_its_geopackage(small_synthetic, tmp_path):
    write_gpkg(small_synthetic, tmp_path / "s.gpkg")
    assert_identical(load_scenario(tmp_path / "s.gpkg"), small_synthetic)


def _spoilt(scenario, path: Path, *statements: str) -> Path:
    write_gpkg(scenario, path)
    edit_gpkg(path, *statements)
    return path


def _problems(path: Path) -> str:
    return "\n".join(map(str, validate(path)))


def test_a_bad_event_among_thousands_is_named_by_its_row(small_synthetic, tmp_path):
    path = _spoilt(small_synthetic, tmp_path / "s.gpkg",
                   "UPDATE events SET site = 'nowhere' WHERE rowid = 1234",
                   "UPDATE events SET caption = X'00ff' WHERE rowid = 2000",
                   "UPDATE events SET note = CAST(X'ff41' AS TEXT) WHERE rowid = 2500",
                   "INSERT INTO events (fid) VALUES (9999)")
    problems = _problems(path)
    assert f"{path}:events:1234: 'site': unknown site 'nowhere'" in problems
    assert f"{path}:events:2000: 'caption' must be text, not bytes" in problems
    assert f"{path}:events:2500: 'note' holds a lone UTF-16 surrogate" in problems
    assert f"{path}:events:9999: the row is empty (all NULL)" in problems


def test_a_bad_site_or_feature_among_thousands_is_named_by_its_row(small_synthetic,
                                                                     tmp_path):
    site = small_synthetic.sites[150].id
    path = _spoilt(small_synthetic, tmp_path / "s.gpkg",
                   f"UPDATE sites SET geom = X'475000010000000001020304' WHERE id = '{site}'",
                   "UPDATE sites SET name_ru = X'fffe' WHERE rowid = 20",
                   "UPDATE streets SET geom = 'a street' WHERE rowid = 7")
    problems = _problems(path)
    assert f"{path}:sites:151 ({site}): unreadable geometry" in problems
    assert f"{path}:sites:20 (" in problems and "'name_ru' holds binary data" in problems
    assert f"{path}:streets:7" in problems and "unreadable geometry (not a geometry blob)" \
        in problems


def test_a_crossed_water_polygon_and_a_faraway_street_are_named_by_their_rows(
        small_synthetic, tmp_path):
    """A GeoPackage's basemap is checked on its shapely arrays; the problems are those of
    the feature-by-feature checks."""
    import struct

    import shapely

    def blob(wkt: str) -> str:
        return (b"GP\x00\x01" + struct.pack("<i", 4326) +
                shapely.to_wkb(shapely.from_wkt(wkt))).hex()

    x, y = small_synthetic.sites[0].lon, small_synthetic.sites[0].lat
    bow_tie = f"POLYGON (({x} {y}, {x + .01} {y + .01}, {x + .01} {y}, {x} {y + .01}, {x} {y}))"
    path = _spoilt(small_synthetic, tmp_path / "s.gpkg",
                   f"UPDATE water SET geom = X'{blob(bow_tie)}' WHERE rowid = 3",
                   f"UPDATE streets SET geom = X'{blob('LINESTRING (100 10, 101 10)')}' "
                   "WHERE rowid = 5")
    problems = _problems(path)
    assert f"{path}:water:3" in problems and "invalid polygon: Self-intersection[" in problems
    assert f"{path}:streets:5" in problems and "far outside the scenario's extent" in problems


def test_geometries_read_from_their_arrays_as_the_json_way_reads_them():
    """Plain 2-D geometries become the very GeoJSON dicts that shapely's JSON text gives;
    anything unusual (empty, 3-D, not finite, a collection) is left to the JSON way."""
    import json

    import numpy as np
    import shapely
    from petrograd1917.geodata.wkb_lists import geojson_dicts

    square = [(30, 59), (30.1, 59), (30.1, 59.1), (30, 59)]
    hole = [(30.02, 59.02), (30.04, 59.02), (30.04, 59.04), (30.02, 59.02)]
    plain = [shapely.Point(30.3, 59.9), None, shapely.LineString([(30, 59), (30.2, 59.1)]),
             shapely.Polygon(square, [hole]),
             shapely.MultiLineString([[(30, 59), (30.1, 59)], [(30.2, 59), (30.3, 59.2)]]),
             shapely.MultiPolygon([shapely.Polygon(square), shapely.Polygon(hole)])]
    expected = [None if g is None else json.loads(shapely.to_geojson(g)) for g in plain]
    assert geojson_dicts(np.array(plain, dtype=object)) == expected
    for unusual in (shapely.Point(), shapely.Point(30, 59, 1), shapely.Point(np.nan, 59),
                    shapely.GeometryCollection([shapely.Point(30, 59)]),
                    shapely.from_wkt("MULTILINESTRING ((30 59, 31 59), EMPTY)")):
        assert geojson_dicts(np.array([plain[0], unusual], dtype=object)) is None, unusual


def test_a_column_name_that_is_not_utf8_refuses_the_file(small_synthetic, tmp_path):
    path = _spoilt(small_synthetic, tmp_path / "s.gpkg", "PRAGMA writable_schema = ON",
                   "UPDATE sqlite_master SET sql = replace(sql, '\"kind\"', "
                   "CAST(X'226bff22' AS TEXT)) WHERE name = 'sites'")
    assert "a column name of the layer 'sites' is not UTF-8 text" in _problems(path)
