"""Property tests: random valid scenarios survive save/load and the GeoPackage."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from petrograd1917.geodata import calendar as cal
from petrograd1917.geodata.gpkg import write_gpkg
from petrograd1917.geodata.loader import load_scenario
from petrograd1917.geodata.model import Event, Route, Site
from petrograd1917.geodata.writer import write_scenario

from tests.conftest import DATA, assert_same_scenario

START = cal.parse_time("1917-10-21T00:00")
SPAN = 6 * 1440
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
               min_size=1, max_size=30).map(str.strip).filter(bool)
ident = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
lon = st.floats(30.2, 30.45, allow_nan=False).map(lambda v: round(v, 6))
lat = st.floats(59.88, 59.99, allow_nan=False).map(lambda v: round(v, 6))
controls = st.sampled_from(["government", "mrc", "contested", "unknown"])


@st.composite
def scenarios(draw, base):
    ids = draw(st.lists(ident, min_size=1, max_size=6, unique=True))
    sites = [Site(i, draw(text), draw(text), draw(st.sampled_from(["government", "ship",
                                                                  "bridge", "other"])),
                  draw(text), draw(lon), draw(lat), draw(controls), ("reed1919",),
                  draw(st.booleans()), draw(st.integers(1, 5)), draw(st.just("") | text))
             for i in ids]
    events = []
    for n in range(draw(st.integers(0, 8))):
        precision = draw(st.sampled_from(["minute", "hour", "day", "window"]))
        t = START + draw(st.integers(0, SPAN - 1440))
        if precision == "hour":
            t -= t % 60
            window = (t, t, t + 60)
        elif precision == "day":
            t -= t % 1440
            window = (t, t, t + 1440)
        elif precision == "window":
            window = (t, t, t + draw(st.integers(1, 600)))
        else:
            window = (t, t, t)
        events.append(Event(f"e{n}", draw(st.sampled_from(ids)), *window, precision,
                            draw(st.none() | controls), draw(st.none() | controls), draw(text),
                            draw(st.just("") | text), ("reed1919:ch.4", "trotsky1932"),
                            draw(st.just("") | text)))
    events.sort(key=lambda e: e.time)
    routes = [Route("r1", draw(text), draw(text), "ship", START + 60, START + 120,
                    ((draw(lon), draw(lat)), (draw(lon), draw(lat))), ("reed1919",), None,
                    draw(st.just("") | text), draw(st.just("") | text))]
    base.sites, base.events, base.routes = sites, events, routes
    base.__post_init__()
    return base


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_scenarios_round_trip_through_files_and_geopackage(tmp_path_factory, data):
    scenario = data.draw(scenarios(load_scenario(DATA / "mini")))
    folder = tmp_path_factory.mktemp("rt")
    write_scenario(scenario, folder)
    back = load_scenario(folder)
    assert_same_scenario(back, scenario)
    gpkg = folder.parent / f"{folder.name}.gpkg"
    write_gpkg(back, gpkg)
    again = load_scenario(gpkg)
    assert again.sites == scenario.sites and again.events == scenario.events
    assert again.routes == scenario.routes


def test_the_default_scenario_round_trips(petrograd, tmp_path):
    write_scenario(petrograd, tmp_path / "copy")
    assert_same_scenario(load_scenario(tmp_path / "copy"), petrograd)
    write_gpkg(petrograd, tmp_path / "p.gpkg")
    from_gpkg = load_scenario(tmp_path / "p.gpkg")
    assert from_gpkg.events == petrograd.events and from_gpkg.sites == petrograd.sites
    write_scenario(from_gpkg, tmp_path / "back")             # folder -> GeoPackage -> folder
    back = load_scenario(tmp_path / "back")
    assert back.chapters == petrograd.chapters
    assert all(c.narration_ru for c in back.chapters)        # the Russian narration survives


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_a_geopackage_give_a_clear_error(tmp_path_factory, data):
    from petrograd1917.geodata.problems import ScenarioError

    path = tmp_path_factory.mktemp("g") / "x.gpkg"
    path.write_bytes(data)
    try:
        load_scenario(path)
    except ScenarioError as error:
        assert "x.gpkg" in str(error)

