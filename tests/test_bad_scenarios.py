"""The corpus in tests/data/bad/: each broken scenario gives a clear message, never a crash."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from petrograd1917.geodata.loader import load_scenario, validate
from petrograd1917.geodata.problems import ScenarioError

BAD = Path(__file__).parent / "data" / "bad"
CASES = sorted(p.name for p in BAD.iterdir()) if BAD.exists() else []


def case_path(name: str) -> Path:
    gpkg = BAD / name / "scenario.gpkg"
    return gpkg if gpkg.exists() else BAD / name


def test_corpus_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES)
def test_broken_scenario_names_file_and_problem(name):
    file, expected = (BAD / name / "expected.txt").read_text("utf-8").splitlines()
    problems = validate(case_path(name))
    assert problems, "a broken scenario must not load"
    text = "\n".join(str(p) for p in problems)
    assert file.split("/")[-1] in text
    assert expected in text


def test_corpus_is_up_to_date(tmp_path):
    """tests/data/bad/ is what make_bad.py writes (no hand edits drift away)."""
    sys.path.insert(0, str(BAD.parent))
    import make_bad

    assert sorted(make_bad.CASES) == CASES


def test_cli_validate_exits_non_zero_with_one_line_per_problem():
    result = subprocess.run([sys.executable, "-m", "petrograd1917.viewer", "validate",
                             str(BAD / "events_unknown_site")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "events.csv:5: 'site': unknown site 'winter_palase'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path):
    case = tmp_path / "huge"
    shutil.copytree(BAD.parent / "mini", case)
    with open(case / "events.csv", "ab") as f:
        f.truncate(50 * 2**20)
    problems = validate(case)
    assert any("events.csv" in str(p) and "MB" in p.message for p in problems)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["sites.geojson", "events.csv", "routes.geojson", "scenario.toml",
                             "chapters.toml", "sources.toml", "basemap/water.geojson"]),
       data=st.binary(max_size=400))
def test_random_bytes_raise_only_scenario_errors(tmp_path_factory, name, data):
    case = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(BAD.parent / "mini", case, dirs_exist_ok=True)
    (case / name).write_bytes(data)
    try:
        load_scenario(case)
    except ScenarioError as error:
        assert error.problems


feature = st.fixed_dictionaries({
    "type": st.just("Feature"),
    "geometry": st.one_of(st.none(), st.fixed_dictionaries({
        "type": st.sampled_from(["Point", "LineString", "Polygon"]),
        "coordinates": st.recursive(st.floats(allow_nan=False) | st.integers() | st.text(),
                                    lambda c: st.lists(c, max_size=4), max_leaves=8)})),
    "properties": st.dictionaries(st.sampled_from(["id", "name_en", "name_ru", "kind",
                                                   "sources", "initial_control", "off_map"]),
                                  st.none() | st.text(max_size=5) | st.booleans()
                                  | st.lists(st.text(max_size=5), max_size=2))})


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(features=st.lists(feature, max_size=4))
def test_plausible_but_wrong_sites_raise_only_scenario_errors(tmp_path_factory, features):
    case = tmp_path_factory.mktemp("plausible")
    shutil.copytree(BAD.parent / "mini", case, dirs_exist_ok=True)
    (case / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection",
                                                    "features": features}))
    try:
        load_scenario(case)
    except ScenarioError as error:
        assert error.problems
