"""The Petrograd basemap: contents, and plausibility against the real city."""

import numpy as np
import pytest
import shapely
from petrograd1917.geodata.model import BASEMAP_LAYERS
from petrograd1917.geodata.projection import LocalProjection
from shapely.geometry import Point, shape

PROJ = LocalProjection(30.32, 59.94)


def metric(geom):
    return shapely.transform(geom, lambda c: np.column_stack(PROJ.forward(c[:, 0], c[:, 1])))


def features(scenario, layer):
    return scenario.basemap[layer].features


def named(scenario, layer, text):
    found = [f for f in features(scenario, layer) if text.lower() in f.name_en.lower()]
    assert found, f"{layer}: nothing named like {text!r}"
    return found[0]


@pytest.fixture(scope="module")
def water(petrograd):
    return {f.properties["id"]: shape(f.geometry) for f in features(petrograd, "water")}


def test_every_layer_is_there_and_states_its_provenance(petrograd):
    for layer in BASEMAP_LAYERS:
        assert features(petrograd, layer), layer
        assert len(petrograd.basemap[layer].provenance) > 40, layer


@pytest.mark.parametrize("water_id", [
    "neva", "malaya_neva", "bolshaya_nevka", "malaya_nevka", "srednyaya_nevka", "zhdanovka",
    "karpovka", "smolenka", "fontanka", "moika", "catherine_canal", "kryukov_canal",
    "obvodny_canal", "okhta", "neva_bay"])
def test_waters_of_1917(water, water_id):
    assert water_id in water


@pytest.mark.parametrize("name", ["Field of Mars", "Summer Garden", "Alexander Garden",
                                  "Tauride Garden", "Palace Square", "Senate Square",
                                  "Znamenskaya Square"])
def test_gardens_and_squares(petrograd, name):
    named(petrograd, "green", name)


@pytest.mark.parametrize("name", ["Nikolaevsky", "Palace", "Troitsky", "Liteyny", "Okhtinsky",
                                  "Tuchkov", "Birzhevoy", "Sampsonievsky", "Grenadersky"])
def test_bridges_as_they_stood_in_1917(petrograd, name):
    bridge = named(petrograd, "bridges", name)
    assert bridge.properties["opened"] <= 1917


def test_fifty_named_streets_with_ranks(petrograd):
    streets = features(petrograd, "streets")
    assert len(streets) >= 50
    for f in streets:
        assert f.name_en and f.name_ru and f.properties["rank"] in ("main", "secondary")
    for name in ["Nevsky", "Liteyny", "Sadovaya", "Gorokhovaya", "Voznesensky",
                 "Bolshaya Morskaya", "Millionnaya", "Shpalernaya", "Palace Embankment",
                 "English Embankment", "Kamennoostrovsky", "Sampsonievsky"]:
        named(petrograd, "streets", name)


def test_railways_run_into_the_five_terminals(petrograd):
    terminals = {f.properties["terminal"] for f in features(petrograd, "railways")}
    assert {"nikolaevsky_station", "warsaw_station", "baltic_station", "tsarskoe_selo_station",
            "finland_station"} <= terminals


def test_water_is_valid_and_never_overlaps(water):
    geoms = list(water.items())
    for name, g in geoms:
        assert g.is_valid, name
    for i, (a, ga) in enumerate(geoms):
        for b, gb in geoms[i + 1:]:
            assert metric(ga.intersection(gb)).area < 1.0, (a, b)


def test_the_main_neva_is_one_body(water):
    assert water["neva"].geom_type == "Polygon"


def test_sites_are_on_land_and_ships_on_water(petrograd, water):
    all_water = shapely.union_all(list(water.values()))
    for site in petrograd.sites:
        if site.off_map:
            continue
        wet = all_water.contains(Point(site.lon, site.lat))
        if site.kind == "ship":
            assert wet, f"{site.id} should float"
        elif site.kind != "bridge":
            assert not wet, f"{site.id} is in the water"


def test_every_bridge_crosses_water_with_both_ends_on_land(petrograd, water):
    all_water = shapely.union_all(list(water.values()))
    for f in features(petrograd, "bridges"):
        line = shape(f.geometry)
        ends = [Point(line.coords[0]), Point(line.coords[-1])]
        assert line.intersects(all_water), f.properties["id"]
        assert not any(all_water.contains(p) for p in ends), f.properties["id"]
        assert f.properties["crosses"] in water, f.properties["id"]


def test_streets_do_not_run_through_the_neva(petrograd, water):
    neva = metric(water["neva"])
    for f in features(petrograd, "streets"):
        wet = metric(shape(f.geometry)).intersection(neva).length
        assert wet < 40, f"{f.name_en} runs {wet:.0f} m through the Neva"


def distance(a, b):
    x, y = PROJ.forward([a[0], b[0]], [a[1], b[1]])
    return float(np.hypot(x[1] - x[0], y[1] - y[0]))


def test_known_distances(petrograd):
    palace_bridge = shape(named(petrograd, "bridges", "Palace").geometry)
    assert metric(palace_bridge).length == pytest.approx(260, rel=0.1)
    site = {s.id: (s.lon, s.lat) for s in petrograd.sites}
    assert distance(site["winter_palace"], site["smolny"]) == pytest.approx(4500, rel=0.1)
    square = shape(named(petrograd, "green", "Znamenskaya Square").geometry).centroid
    assert distance(site["admiralty"], (square.x, square.y)) == pytest.approx(3300, rel=0.1)


def test_the_basemaps_box_from_numpy_is_the_union_of_its_paths_boxes(qapp, petrograd):
    """The scene's rectangle comes from the layers' numpy boxes, not 20 000 boundingRect
    calls on a big scenario: the same box as Qt's paths give."""
    from petrograd1917.viewer.basemap import Basemap
    from PySide6.QtCore import QRectF

    basemap = Basemap(petrograd, PROJ)
    union = QRectF()
    for layer in basemap.layers.values():
        for f in layer:
            union = union.united(f.bounds)
    assert basemap.bounds().getCoords() == pytest.approx(union.getCoords())
