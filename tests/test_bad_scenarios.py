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


@pytest.mark.parametrize("name", CASES)
def test_validate_command_reports_each_case_without_a_traceback(name, capsys):
    from petrograd1917.viewer.cli import main

    assert main(["validate", str(case_path(name))]) == 2
    out = capsys.readouterr()
    assert "Unexpected error" not in out.out + out.err
    assert "Traceback" not in out.out + out.err
    assert "problem(s) in" in out.err


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


def mini_copy(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    shutil.copytree(BAD.parent / "mini", case)
    return case


def messages(path: Path) -> str:
    return "\n".join(str(p) for p in validate(path))


def test_two_megabyte_toml_is_refused_before_parsing(tmp_path):
    case = mini_copy(tmp_path)
    with open(case / "chapters.toml", "a", encoding="utf-8") as f:
        f.write("# " + "x" * 2_000_000 + "\n")
    assert "chapters.toml: the file has 2,000,4" in messages(case)
    assert "the limit for TOML files is 1,048,576" in messages(case)


def test_a_file_linked_from_outside_the_folder_is_refused(tmp_path):
    case = mini_copy(tmp_path)
    outside = tmp_path / "elsewhere.geojson"
    shutil.move(case / "sites.geojson", outside)
    (case / "sites.geojson").symlink_to(outside)
    assert "sites.geojson: is a link to a place outside the scenario folder" in messages(case)


def test_a_basemap_folder_linked_from_outside_is_refused(tmp_path):
    case = mini_copy(tmp_path)
    shutil.move(case / "basemap", tmp_path / "shared_basemap")
    (case / "basemap").symlink_to(tmp_path / "shared_basemap")
    assert f"{case / 'basemap'}: is a link to a place outside the scenario folder" in \
        messages(case)


def test_links_inside_the_folder_are_fine(tmp_path):
    case = mini_copy(tmp_path)
    shutil.move(case / "events.csv", case / "basemap" / "events-backup.csv")
    (case / "events.csv").symlink_to(case / "basemap" / "events-backup.csv")
    assert validate(case) == []


@pytest.mark.parametrize("basemap", ["../mini/basemap", "/etc", "basemap/../../x", "a/b",
                                     "C:\\\\basemap", ".", ".."])
def test_a_basemap_path_outside_the_folder_is_refused(tmp_path, basemap):
    case = mini_copy(tmp_path)
    toml = case / "scenario.toml"
    toml.write_text(toml.read_text("utf-8").replace('basemap = "basemap"',
                                                    f'basemap = "{basemap}"'), "utf-8")
    assert "'basemap'" in messages(case)
    assert "must be the name of a folder beside scenario.toml" in messages(case)


def test_basemap_false_is_a_scenario_without_a_map(tmp_path):
    case = mini_copy(tmp_path)
    shutil.rmtree(case / "basemap")
    toml = case / "scenario.toml"
    toml.write_text(toml.read_text("utf-8").replace('basemap = "basemap"', "basemap = false"),
                    "utf-8")
    assert load_scenario(case).basemap == {}


def test_an_empty_basemap_folder_is_an_error(tmp_path):
    case = mini_copy(tmp_path)
    for layer in (case / "basemap").iterdir():
        layer.unlink()
    assert "the basemap folder holds none of water.geojson" in messages(case)


def test_a_geopackage_naming_a_folder_elsewhere_writes_nothing(tmp_path):
    """Opening a GeoPackage whose meta says basemap = "/…" is refused and writes nowhere."""
    import sqlite3

    target = tmp_path / "target"
    gpkg = tmp_path / "in" / "scenario.gpkg"
    gpkg.parent.mkdir()
    shutil.copy(BAD / "gpkg_basemap_elsewhere" / "scenario.gpkg", gpkg)
    with sqlite3.connect(gpkg) as db:
        db.execute("UPDATE meta SET text = replace(text, '/tmp/x', ?) "
                   "WHERE name = 'scenario.toml'", (str(target),))
    db.close()
    before = sorted(tmp_path.rglob("*"))
    problems = "\n".join(map(str, validate(gpkg)))
    assert "scenario.gpkg:meta:scenario.toml: 'basemap'" in problems
    assert sorted(tmp_path.rglob("*")) == before, "nothing is written, not even beside it"
    assert not target.exists()
