"""docs/scenario-format.md says what the schema (geodata/schema.py, limits.py) checks."""

import re
from pathlib import Path

import pytest
from petrograd1917.geodata import limits, schema

DOC = (Path(__file__).parent.parent / "docs" / "scenario-format.md").read_text("utf-8")


def section(title: str) -> str:
    start = DOC.index(f"\n## {title}")
    end = DOC.find("\n## ", start + 1)
    return DOC[start:end if end > 0 else None]


def table_rows(text: str) -> list[list[str]]:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| ")]
    return rows[1:]   # without the header


def documented_fields(title: str) -> dict[str, str]:
    """``name`` -> the 'required' cell of the first table in a section."""
    out = {}
    for row in table_rows(section(title)):
        for name in re.findall(r"`([a-z_]+)`", row[0]):
            out[name] = row[1]
    return out


@pytest.mark.parametrize("title,table", [("sites.geojson", schema.SITES),
                                         ("events.csv", schema.EVENTS),
                                         ("routes.geojson", schema.ROUTES)])
def test_each_field_is_documented_as_required_or_not(title, table):
    documented = documented_fields(title)
    assert set(documented) == set(table.names())
    for fld in table.fields:
        assert documented[fld.name].startswith("yes") == fld.required or \
            documented[fld.name] == "yes*", fld.name   # time: unless precision is window


@pytest.mark.parametrize("title,table", [("sites.geojson", schema.SITES),
                                         ("events.csv", schema.EVENTS),
                                         ("routes.geojson", schema.ROUTES)])
def test_each_choice_lists_its_values(title, table):
    rows = {name: row for row in table_rows(section(title))
            for name in re.findall(r"`([a-z_]+)`", row[0])}
    for fld in table.fields:
        if isinstance(fld.kind, schema.Choice):
            assert set(fld.kind.values) <= set(re.findall(r"`([a-z_]+)`", rows[fld.name][2])), \
                fld.name


def test_each_basemap_layer_lists_its_properties():
    rows = {row[0].strip("`"): row for row in table_rows(section("basemap/"))}
    for name, table in schema.BASEMAP.items():
        documented = re.findall(r"`([a-z_]+)` ?(?:\(([^)]*)\))?", rows[f"{name}.geojson"][2])
        names = {n for n, _ in documented}
        assert names | {"note"} == set(table.names()), name
        for fld in table.fields:
            if isinstance(fld.kind, schema.Choice):
                listed = dict(documented)[fld.name]
                assert set(re.findall(r"`([a-z_]+)`", listed)) == set(fld.kind.values)
        geometries = " / ".join(schema.LAYER_GEOMETRIES[name])
        assert rows[f"{name}.geojson"][1] in (geometries, schema.LAYER_GEOMETRIES[name][0])


@pytest.mark.parametrize("title,tables", [
    ("scenario.toml", (schema.SCENARIO, schema.CONTROLS)),
    ("chapters.toml", (schema.CHAPTERS,)), ("sources.toml", (schema.SOURCES,))])
def test_each_toml_field_appears_in_the_example(title, tables):
    example = section(title)
    for table in tables:
        for name in table.names():
            assert re.search(rf"^{name} = ", example, re.M), f"{title}: {name}"


def test_the_limits_table_is_the_one_the_loader_checks():
    rows = table_rows(DOC[DOC.index("### Limits"):DOC.index("## GeoPackage")])
    assert [tuple(r) for r in rows] == [tuple(r) for r in limits.TABLE]
