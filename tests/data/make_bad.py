"""Write the corpus of broken scenarios in tests/data/bad/ from tests/data/mini/.

Each case is a copy of the mini scenario with one file spoiled, and an ``expected.txt``
holding the words its error message must contain. Run it after changing a case:
``python tests/data/make_bad.py``. (Huge files and symbolic links are made by the tests
themselves.)
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


def _ascii_json_edit(edit: Callable[[dict], None]) -> Callable[[str], str]:
    """Like _json_edit, with non-ASCII written as escapes (so a lone surrogate survives)."""
    def apply(text: str) -> str:
        data = json.loads(text)
        edit(data)
        return json.dumps(data)
    return apply


def _route(**changes) -> Callable[[str], str]:
    def edit(data):
        data["features"][0]["properties"].update(changes)
    return _json_edit(edit)


def _street(geometry=None, **changes) -> Callable[[str], str]:
    def edit(data):
        if geometry is not None:
            data["features"][0]["geometry"] = geometry
        data["features"][0]["properties"].update(changes)
    return _json_edit(edit)


def _second_water(coords) -> Callable[[str], str]:
    def edit(data):
        data["features"].append({"type": "Feature", "properties": {"id": "pond", "kind": "pond"},
                                 "geometry": {"type": "Polygon", "coordinates": coords}})
    return _json_edit(edit)


def _gpkg(*sql: str, flip: tuple[int, ...] = (), zero_from: int | None = None
          ) -> Callable[[Path], None]:
    """A GeoPackage of the mini scenario, spoilt by SQL statements or byte edits."""
    def spoil(path: Path) -> None:
        import sqlite3

        from petrograd1917.geodata.gpkg import write_gpkg
        from petrograd1917.geodata.loader import load_scenario

        write_gpkg(load_scenario(MINI), path)
        with sqlite3.connect(path) as db:
            for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
                db.create_function(name, 1, lambda blob: 0)   # for GDAL's R-tree triggers
            for statement in sql:
                db.execute(statement)
        data = bytearray(path.read_bytes())
        for offset in flip:
            data[offset % len(data)] ^= 0xFF
        if zero_from is not None:
            data[zero_from:] = bytes(len(data) - zero_from)
        path.write_bytes(bytes(data))
    return spoil


def _meta_text(name: str, value: str) -> str:
    return f"UPDATE meta SET text = {value} WHERE name = '{name}'"


ARABIC = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in "1917-10-26")
FULLWIDTH = "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in "1917")
DEVANAGARI = "".join(chr(0x0966 + int(c)) if c.isdigit() else c for c in "02:00")


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
    # -- issue 17: strict types, no silent loss, bounded work, untrusted GeoPackages --------
    "sites_name_is_a_number": ("sites.geojson", _site(0, name_en=1917),
                               "'name_en' must be text, not 1917"),
    "sites_name_is_a_list": ("sites.geojson", _site(0, name_en=["Winter", "Palace"]),
                             "'name_en' must be text, not ['Winter', 'Palace']"),
    "sites_name_is_an_object": ("sites.geojson", _site(0, name_ru={"ru": "x"}),
                                "'name_ru' must be text, not {'ru': 'x'}"),
    "sites_name_is_a_boolean": ("sites.geojson", _site(0, name_en=True),
                                "'name_en' must be text, not True"),
    "sites_name_lone_surrogate": ("sites.geojson", _ascii_json_edit(
        lambda d: d["features"][0]["properties"].update(name_en="Winter \ud800")),
        "'name_en' holds a lone UTF-16 surrogate"),
    "sites_name_control_character": ("sites.geojson", _site(0, name_en="Winter\u0007Palace"),
                                     "'name_en' holds the control character U+0007"),
    "sites_name_blank": ("sites.geojson", _site(0, name_en="   "), "'name_en' is missing"),
    "sites_id_trailing_newline": ("sites.geojson", _site(0, id="winter_palace\n"),
                                  "'id' 'winter_palace\\n' must be lowercase"),
    "sites_off_map_is_a_number": ("sites.geojson", _site(0, off_map=1),
                                  "'off_map' must be true or false, not 1"),
    "sites_three_d_point": ("sites.geojson", _coords([30.3, 59.9, 10.0]),
                           "are not [lon, lat] (two numbers)"),
    "sites_boolean_coordinates": ("sites.geojson", _coords([True, 59.9]),
                                  "are not [lon, lat]"),
    "sites_far_from_the_extent": ("sites.geojson", _coords([59.9398, 30.3146]),
                                  "far outside the scenario's extent"),
    "sites_unknown_property": ("sites.geojson", _site(0, descripton_ru="опечатка"),
                               "unknown field 'descripton_ru'"),
    "sites_duplicate_json_key": ("sites.geojson", _replace('"name_en": "Winter Palace"',
                                                           '"name_en": "Winter Palace", '
                                                           '"name_en": "Smolny"'),
                                 "the key 'name_en' appears twice"),
    "routes_site_is_a_list": ("routes.geojson", _route(site=["aurora"]),
                              "'site': unknown site ['aurora']"),
    "routes_site_is_an_object": ("routes.geojson", _route(site={"id": "aurora"}),
                                 "'site': unknown site {'id': 'aurora'}"),
    "streets_id_is_a_list": ("basemap/streets.geojson", _street(id=["nevsky"]),
                             "'id' ['nevsky'] must be lowercase"),
    "streets_id_is_an_object": ("basemap/streets.geojson", _street(id={"a": 1}),
                                "'id' {'a': 1} must be lowercase"),
    "streets_mixed_2d_and_3d": ("basemap/streets.geojson", _street(
        {"type": "LineString", "coordinates": [[30.30, 59.93], [30.36, 59.93, 4.0]]}),
        "are not [lon, lat] (two numbers)"),
    "streets_name_is_a_number": ("basemap/streets.geojson", _street(name_en=5),
                                 "'name_en' must be text, not 5"),
    "streets_huge_float": ("basemap/streets.geojson", _replace("[30.3620, 59.9316]",
                                                               "[1e400, 59.9316]"),
                           "the number 1e400 is too large"),
    "water_overlapping_polygons": ("basemap/water.geojson", _second_water(
        [[[30.25, 59.939], [30.30, 59.939], [30.30, 59.945], [30.25, 59.945], [30.25, 59.939]]]),
        "water polygons must not overlap"),
    "water_unclosed_ring": ("basemap/water.geojson", _water(
        [[[30.2, 59.94], [30.42, 59.94], [30.42, 59.95], [30.2, 59.95], [30.21, 59.94]]]),
        "a ring is not closed"),
    "events_unclosed_quote": ("events.csv", _replace(",Hours differ between accounts",
                                                     ',"Hours differ between accounts'),
                              "events.csv:3: broken CSV: ',' expected after '\"' — a quote "
                              "opened on line 3"),
    "events_unclosed_quote_at_the_end": ("events.csv", lambda t: t + 'e9,smolny,1917-10-25T02:00'
                                         ',minute,,,,,"Open,,reed1919,\n',
                                         "a quote is opened and never closed"),
    "events_duplicate_column": ("events.csv", _replace("control,during", "control,control"),
                                "'control' appear more than once"),
    "events_nul_byte": ("events.csv", _replace("Sailors occupy", "Sailors\x00 occupy"),
                        "events.csv:3: the file holds a NUL byte"),
    "events_arabic_indic_digits": ("events.csv", _replace("1917-10-26T02:00",
                                                          ARABIC + "T02:00"),
                                   "write times with the digits 0-9"),
    "events_fullwidth_digits": ("events.csv", _replace("1917-10-26T02:00",
                                                       FULLWIDTH + "-10-26T02:00"),
                                "write times with the digits 0-9"),
    "events_devanagari_digits": ("events.csv", _replace("1917-10-26T02:00",
                                                        "1917-10-26T" + DEVANAGARI),
                                 "write times with the digits 0-9"),
    "events_id_with_space": ("events.csv", _replace("e4,winter_palace", "e 4,winter_palace"),
                             "'id' 'e 4' must be lowercase"),
    "events_line_break_in_caption": ("events.csv", _replace("The Winter Palace is taken",
                                                            "The Winter\u2028Palace is taken"),
                                     "'caption' holds a line break"),
    "scenario_span_of_ten_thousand_years": ("scenario.toml", _replace(
        'start = "1917-10-21T00:00"', 'start = "0001-01-01T00:00"'), "the limit is 3653"),
    "scenario_span_to_9999": ("scenario.toml", _replace('end = "1917-10-27T00:00"',
                                                        'end = "9999-12-31T00:00"'),
                              "the limit is 3653 (a decade)"),
    "scenario_forty_more_controls": ("scenario.toml", lambda t: t + "".join(
        f'\n[controls.c{i}]\nlabel_en = "C"\ncolour = "#000000"\n' for i in range(40)),
        "44 controls declared; the limit is 32"),
    "scenario_dotted_key_of_40000_parts": ("scenario.toml", lambda t: t + "\n" +
                                           ".".join(["a"] * 40_000) + " = 1\n",
                                           "a key of more than 8 dotted parts"),
    "scenario_deeply_nested_array": ("scenario.toml", lambda t: t.replace(
        "extent = [30.215", "extent = " + "[" * 50 + "[30.215", 1),
        "nested more than 8 deep"),
    "scenario_long_key": ("scenario.toml", lambda t: t + "\n" + "k" * 300 + " = 1\n",
                          "longer than 64 characters"),
    "scenario_extent_of_booleans": ("scenario.toml", _replace(
        "extent = [30.215, 59.905, 30.425, 59.975]", "extent = [true, 59.905, 30.425, 59.975]"),
        "'extent' must be [lon_min"),
    "scenario_infinite_extent": ("scenario.toml", _replace(
        "extent = [30.215, 59.905, 30.425, 59.975]", "extent = [30.215, 59.905, inf, 59.975]"),
        "four finite numbers"),
    "scenario_basemap_empty_text": ("scenario.toml", _replace('basemap = "basemap"',
                                                              'basemap = ""'),
                                    "'basemap' is empty"),
    "scenario_basemap_misspelt": ("scenario.toml", _replace('basemap = "basemap"',
                                                            'basemap = "basemapp"'),
                                  "the basemap folder 'basemapp' is missing"),
    "scenario_basemap_is_a_file": ("scenario.toml", _replace('basemap = "basemap"',
                                                             'basemap = "events.csv"'),
                                   "is missing or not a folder"),
    "scenario_basemap_up_and_out": ("scenario.toml", _replace('basemap = "basemap"',
                                                              'basemap = "../mini/basemap"'),
                                    "must be the name of a folder beside scenario.toml"),
    "scenario_basemap_absolute": ("scenario.toml", _replace('basemap = "basemap"',
                                                            'basemap = "/etc"'),
                                  "no '/', '..' or absolute path"),
    "scenario_unknown_key": ("scenario.toml", _replace('timezone =', 'timezon =  "x"\ntimezone ='),
                             "unknown field 'timezon'"),
    "chapters_seconds_is_true": ("chapters.toml", _replace("seconds = 10", "seconds = true"),
                                 "'seconds' True must be a number from 1 to 3600"),
    "chapters_seconds_tiny": ("chapters.toml", _replace("seconds = 10", "seconds = 1e-300"),
                              "'seconds' 1e-300 must be a number from 1 to 3600"),
    "chapters_seconds_nan": ("chapters.toml", _replace("seconds = 10", "seconds = nan"),
                             "'seconds' nan must be a number"),
    "sources_year_is_true": ("sources.toml", _replace("year = 1919", "year = true"),
                             "'year' True must be a whole number"),
    "gpkg_meta_text_null": ("scenario.gpkg", _gpkg(_meta_text("scenario.toml", "NULL")),
                            "scenario.toml is missing"),
    "gpkg_meta_text_bytes": ("scenario.gpkg", _gpkg(_meta_text("sources.toml", "X'00ff'")),
                             "'text' of 'sources.toml' must be text, not bytes"),
    "gpkg_deeply_nested_toml": ("scenario.gpkg", _gpkg(_meta_text(
        "chapters.toml", "'x = ' || replace(hex(zeroblob(5000)), '00', '[')")),
        "nested more than 8 deep"),
    "gpkg_nul_in_toml": ("scenario.gpkg", _gpkg(_meta_text(
        "sources.toml", "'[a]' || char(0) || 'author = 1'")), "holds a NUL byte"),
    "gpkg_basemap_elsewhere": ("scenario.gpkg", _gpkg(_meta_text(
        "scenario.toml", "replace(text, 'basemap = \"basemap\"', 'basemap = \"/tmp/x\"')")),
        "must be the name of a folder beside scenario.toml"),
    "gpkg_events_null_row": ("scenario.gpkg", _gpkg("INSERT INTO events (fid) VALUES (99)"),
                             "scenario.gpkg:events:99: the row is empty (all NULL)"),
    "gpkg_site_name_is_bytes": ("scenario.gpkg", _gpkg(
        "UPDATE sites SET name_en = X'fffe' WHERE id = 'smolny'"),
        "'name_en' holds binary data"),
    "gpkg_site_name_bad_utf8": ("scenario.gpkg", _gpkg(
        "UPDATE sites SET name_en = CAST(X'ff41' AS TEXT) WHERE id = 'smolny'"),
        "'name_en' holds a lone UTF-16 surrogate"),
    "gpkg_rank_is_text": ("scenario.gpkg", _gpkg("UPDATE sites SET rank = 'high'"),
                          "'rank' 'high' must be a whole number from 1 to 5"),
    "gpkg_garbage_geometry": ("scenario.gpkg", _gpkg(
        "UPDATE sites SET geom = X'475000010000000001020304' WHERE id = 'smolny'"),
        "unreadable geometry"),
    "gpkg_missing_layer": ("scenario.gpkg", _gpkg("DROP TABLE events"), "not a GeoPackage"),
    "gpkg_zeroed_pages": ("scenario.gpkg", _gpkg(zero_from=4096), "not a GeoPackage that this"),
    "gpkg_bit_flips": ("scenario.gpkg", _gpkg(flip=(100, 101, 4096 + 20, 3 * 4096 + 8,
                                                    5 * 4096 + 40)),
                       "not a GeoPackage that this app can read"),
}


def write_corpus() -> None:
    if BAD.exists():
        shutil.rmtree(BAD)
    for name, (file, spoil, expected) in CASES.items():
        case = BAD / name
        if file.endswith(".gpkg"):   # a lone file, not a folder
            case.mkdir(parents=True)
            if isinstance(spoil, bytes):
                (case / "scenario.gpkg").write_bytes(spoil)
            else:
                spoil(case / "scenario.gpkg")
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
