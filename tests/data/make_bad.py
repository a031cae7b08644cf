"""Write the corpus of broken scenarios in tests/data/bad/ from tests/data/mini/.

Each case is a copy of the mini scenario with one file spoiled, and an ``expected.txt``
holding the words its error message must contain. Run it after changing a case:
``python tests/data/make_bad.py``. (The 50 MB file is made by the test itself.)
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
MINI = HERE / "mini"
BAD = HERE / "bad"


def _json_edit(edit: Callable[[dict], None]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        data = json.loads(text)
        edit(data)
        return json.dumps(data, ensure_ascii=False)
    return apply


def _site(i: int, **changes) -> Callable[[str], str]:
    def edit(data):
        feature = data["features"][i]
        for key, value in changes.items():
            if key == "geometry":
                feature["geometry"] = value
            elif value is None:
                feature["properties"].pop(key, None)
            else:
                feature["properties"][key] = value
    return _json_edit(edit)


def _coords(value) -> Callable[[str], str]:
    return _site(0, geometry={"type": "Point", "coordinates": value})


def _replace(old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return apply


def _water(coords) -> Callable[[str], str]:
    def edit(data):
        data["features"][0]["geometry"] = {"type": "Polygon", "coordinates": coords}
    return _json_edit(edit)


E4 = "e4,winter_palace,1917-10-26T02:00,hour,,,mrc,,The Winter Palace is taken,,reed1919:ch.4"
CASES: dict[str, tuple[str, Callable[[str], str] | bytes, str]] = {
    # name: (file, spoil, words the message must contain)
    "truncated_sites_json": ("sites.geojson", lambda t: t[: len(t) // 2], "broken JSON"),
    "truncated_scenario_toml": ("scenario.toml", lambda t: t[:200] + "\n[controls.x", "TOML"),
    "empty_sites_file": ("sites.geojson", lambda t: "", "broken JSON"),
    "sites_not_featurecollection": ("sites.geojson", lambda t: "[1, 2, 3]",
                                    "not a GeoJSON FeatureCollection"),
    "deeply_nested_json": ("sites.geojson", lambda t: "[" * 100000 + "]" * 100000,
                           "nested too deeply"),
    "latin1_events": ("events.csv", lambda t: t.replace("Aurora", "Aurore é").encode("latin-1"),
                      "not UTF-8"),
    "latin1_sites": ("sites.geojson", lambda t: t.replace("Зимний дворец", "Palais d'Hiver é")
                     .encode("latin-1", "replace"), "not UTF-8"),
    "events_missing_column": ("events.csv", lambda t: t.replace("precision,", "", 1),
                              "missing column(s) precision"),
    "events_extra_values": ("events.csv", _replace(E4, E4 + ",extra,values"),
                            "values but the header has"),
    "events_too_few_values": ("events.csv", _replace(E4, "e4,winter_palace,1917-10-26T02:00"),
                              "fewer values"),
    "events_semicolons": ("events.csv", lambda t: t.replace(",", ";"), "use ';'"),
    "events_unknown_column": ("events.csv", _replace("note\n", "note,colour\n"),
                              "unknown column"),
    "events_impossible_date": ("events.csv", _replace("1917-10-26T02:00", "1917-02-30T02:00"),
                               "day 30 does not exist"),
    "events_time_outside_span": ("events.csv", _replace("1917-10-26T02:00", "1917-11-20T02:00"),
                                 "outside the scenario's span"),
    "events_garbage_time": ("events.csv", _replace("1917-10-26T02:00", "after midnight"),
                            "not a time"),
    "events_unknown_site": ("events.csv", _replace("e4,winter_palace", "e4,winter_palase"),
                            "unknown site 'winter_palase'"),
    "events_duplicate_id": ("events.csv", _replace("e4,winter_palace", "e3,winter_palace"),
                            "duplicate id 'e3'"),
    "events_unknown_control": ("events.csv", _replace(",hour,,,mrc,", ",hour,,,reds,"),
                               "unknown control 'reds'"),
    "events_bad_precision": ("events.csv", _replace(",hour,,,mrc", ",roughly,,,mrc"),
                             "'precision' 'roughly'"),
    "events_hour_not_on_hour": ("events.csv", _replace("1917-10-26T02:00,hour",
                                                       "1917-10-26T02:10,hour"),
                                "on the full hour"),
    "events_window_reversed": ("events.csv", _replace("1917-10-25T01:00,1917-10-25T03:00",
                                                      "1917-10-25T03:00,1917-10-25T01:00"),
                               "'earliest' must come before 'latest'"),
    "events_no_sources": ("events.csv", _replace("reed1919:ch.4", ""), "'sources' is missing"),
    "events_unknown_source": ("events.csv", _replace("reed1919:ch.4", "pipes1990:p.1"),
                              "unknown source key 'pipes1990'"),
    "events_no_caption": ("events.csv", _replace("The Winter Palace is taken", ""),
                          "'caption' is missing"),
    "sites_nan_coordinates": ("sites.geojson", _replace("[30.3146, 59.9398]", "[NaN, 59.9398]"),
                              "finite"),
    "sites_infinite_coordinates": ("sites.geojson",
                                   _replace("[30.3146, 59.9398]", "[Infinity, 59.9398]"),
                                   "finite"),
    "sites_out_of_range": ("sites.geojson", _coords([359.9, 59.9]), "outside -180..180"),
    "sites_swapped_lat_lon_text": ("sites.geojson", _coords(["30.3", "59.9"]),
                                   "are not [lon, lat]"),
    "sites_not_a_point": ("sites.geojson",
                          _site(0, geometry={"type": "LineString",
                                             "coordinates": [[30.3, 59.9], [30.4, 59.9]]}),
                          "must be a Point"),
    "sites_empty_geometry": ("sites.geojson", _site(0, geometry={"type": "Point",
                                                                 "coordinates": []}),
                             "not [lon, lat]"),
    "sites_null_geometry": ("sites.geojson", _site(0, geometry=None), "no geometry"),
    "sites_duplicate_id": ("sites.geojson", _site(1, id="winter_palace"),
                           "duplicate id 'winter_palace'"),
    "sites_bad_id": ("sites.geojson", _site(0, id="Winter Palace"), "must be lowercase"),
    "sites_unknown_kind": ("sites.geojson", _site(0, kind="palace"), "'kind' 'palace'"),
    "sites_missing_name": ("sites.geojson", _site(0, name_ru=None), "'name_ru' is missing"),
    "sites_rank_out_of_range": ("sites.geojson", _site(0, rank=9), "'rank' 9 must be"),
    "sites_rank_not_a_number": ("sites.geojson", _site(0, rank="high"), "'rank' 'high' must"),
    "sites_unknown_initial_control": ("sites.geojson", _site(0, initial_control="tsar"),
                                      "unknown control 'tsar'"),
    "water_self_intersecting": ("basemap/water.geojson",
                                _water([[[30.2, 59.94], [30.4, 59.95], [30.4, 59.94],
                                         [30.2, 59.95], [30.2, 59.94]]]),
                                "invalid polygon: Self-intersection"),
    "water_empty_polygon": ("basemap/water.geojson", _water([]), "empty or malformed"),
    "water_three_point_ring": ("basemap/water.geojson",
                               _water([[[30.2, 59.94], [30.42, 59.94], [30.42, 59.95],
                                        [30.2, 59.94]], [[30.3, 59.945], [30.31, 59.946],
                                                         [30.3, 59.945]]]),
                               "invalid polygon"),
    "sites_huge_number": ("sites.geojson", _replace("[30.3146, 59.9398]",
                                                    "[1" + "0" * 400 + ", 59.9398]"),
                          "too large to be degrees"),
    "water_point_geometry": ("basemap/water.geojson",
                             _json_edit(lambda d: d["features"][0].update(
                                 geometry={"type": "Point", "coordinates": [30.3, 59.9]})),
                             "does not belong in the water layer"),
    "routes_end_before_start": ("routes.geojson", _replace('"end": "1917-10-25T03:30"',
                                                           '"end": "1917-10-25T02:30"'),
                                "'start' must come before 'end'"),
    "routes_one_point": ("routes.geojson", _replace("[[30.2700, 59.9300], ", "["),
                         "at least two points"),
    "chapter_bad_extent": ("chapters.toml", _replace("[30.28, 59.92, 30.40, 59.96]",
                                                     "[30.40, 59.92, 30.28, 59.96]"),
                           "not a box"),
    "scenario_unknown_calendar": ("scenario.toml", _replace('calendar = "julian"',
                                                            'calendar = "revolutionary"'),
                                  "'calendar' 'revolutionary' must be one of julian"),
    "scenario_end_before_start": ("scenario.toml", _replace('end = "1917-10-27T00:00"',
                                                            'end = "1917-10-20T00:00"'),
                                  "'end' must come after 'start'"),
    "scenario_bad_colour": ("scenario.toml", _replace('colour = "#c8323c"', 'colour = "red"'),
                            "must be #rrggbb"),
    "sources_javascript_link": ("sources.toml", _replace(
        'url = "https://www.marxists.org/archive/reed/1919/10days/10days/"',
        'url = "javascript:alert(1)"'), "must start with http"),
    "missing_events_file": ("events.csv", None, "file is missing"),
    "events_bom_and_unknown_site": ("events.csv", lambda t: "\ufeff" + t.replace(
        "e4,winter_palace", "e4,winter"), "events.csv:5: 'site': unknown site 'winter'"),
    "gpkg_not_a_geopackage": ("scenario.gpkg", b"this is not a GeoPackage\n",
                              "not a GeoPackage"),
}


def write_corpus() -> None:
    if BAD.exists():
        shutil.rmtree(BAD)
    for name, (file, spoil, expected) in CASES.items():
        case = BAD / name
        if file.endswith(".gpkg"):   # a lone file, not a folder
            case.mkdir(parents=True)
            (case / "scenario.gpkg").write_bytes(spoil)
        else:
            shutil.copytree(MINI, case)
            target = case / file
            if spoil is None:
                target.unlink()
            else:
                result = spoil(target.read_text("utf-8"))
                if isinstance(result, bytes):
                    target.write_bytes(result)
                else:
                    target.write_text(result, "utf-8")
        (case / "expected.txt").write_text(f"{file}\n{expected}\n", "utf-8")


if __name__ == "__main__":
    write_corpus()
    print(f"wrote {len(CASES)} cases to {BAD}")
