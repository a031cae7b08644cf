"""Read and validate a scenario folder (see docs/scenario-format.md).

Every problem found is collected with its file and row or feature, and all of them are
raised together as one :class:`~geodata.problems.ScenarioError`; nothing is dropped
silently. Only the standard library (plus numpy and shapely, for bulk coordinate and polygon
checks) is used, so loading stays off the heavy geopandas import path.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import math
import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import calendar as cal
from .geomcheck import check_layer
from .links import public_url
from .model import (
    BASEMAP_LAYERS,
    EVENT_FIELDS,
    HATCHES,
    PRECISIONS,
    ROUTE_KINDS,
    SITE_KINDS,
    SITE_RANKS,
    Chapter,
    Control,
    Event,
    Feature,
    Layer,
    Route,
    Scenario,
    Site,
    Source,
)
from .problems import Problems, ScenarioError

MAX_FILE_BYTES = 40 * 1024 * 1024
ID_RE = re.compile(r"^[a-z0-9_]+$")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
EVENT_COLUMNS = ("id", "site", "time", "precision", "caption", "sources")
OPTIONAL_EVENT_COLUMNS = tuple(c for c in EVENT_FIELDS if c not in EVENT_COLUMNS)
LAYER_GEOMETRIES = {
    "water": ("Polygon", "MultiPolygon"),
    "green": ("Polygon", "MultiPolygon"),
    "districts": ("Polygon", "MultiPolygon"),
    "streets": ("LineString", "MultiLineString"),
    "bridges": ("LineString", "MultiLineString"),
    "railways": ("LineString", "MultiLineString"),
    "places": ("Point",),
}
PART_OF_DAY_HOURS = (0, 6, 12, 18)


def default_scenario_path() -> Path:
    """The Petrograd scenario shipped inside the package."""
    return Path(str(resources.files("petrograd1917.geodata") / "scenarios" / "petrograd1917"))


def load_scenario(path: str | Path | None = None) -> Scenario:
    """Load a scenario folder or GeoPackage; raise ScenarioError listing every problem."""
    path = Path(path) if path is not None else default_scenario_path()
    if path.suffix.lower() == ".gpkg":
        from .gpkg import read_gpkg  # geopandas only when a GeoPackage is opened

        return read_gpkg(path)
    if not path.exists():
        raise ScenarioError(Problems([_problem(path, "", "no such file or folder")]))
    if path.is_file() and path.name == "scenario.toml":
        path = path.parent
    if not path.is_dir():
        raise ScenarioError(Problems([_problem(
            path, "", "a scenario is a folder holding scenario.toml, or a .gpkg file")]))
    with _collector_paused():
        return _FolderReader(path).read()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a scenario is read.

    Reading builds millions of containers (JSON lists, rows, events) and makes no garbage
    cycles; with the collector running, its passes over the ever-growing heap cost more
    than the reading itself. The previous state is restored afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate(path: str | Path | None = None) -> list:
    """Every problem of a scenario (empty when it is clean)."""
    try:
        load_scenario(path)
    except ScenarioError as error:
        return error.problems
    return []


def _problem(path: Path, where: str, message: str):
    from .problems import Problem

    return Problem(str(path), where, message)


def _finite_json_constant(name: str):
    raise ValueError(f"{name} is not allowed in this file (numbers must be finite)")


def _record(fields: list[str], row: list[str]) -> dict:
    """The dict csv.DictReader makes of a row (extra values under None, missing as None)."""
    record: dict = dict(zip(fields, row, strict=False))
    if len(fields) < len(row):
        record[None] = row[len(fields):]
    else:
        for key in fields[len(row):]:
            record[key] = None
    return record


@lru_cache(maxsize=65536)
def _parse_time(text: str, calendar: str) -> int:
    return cal.parse_time(text, calendar)


class _FolderReader:
    """One pass over a scenario folder, collecting problems as it goes."""

    def __init__(self, root: Path):
        self.root = root
        self.problems = Problems()
        self.calendar = cal.JULIAN
        self.start: int | None = None
        self.end: int | None = None
        self.controls: dict[str, Control] = {}
        self.sources: dict[str, Source] = {}
        self.texts: dict[str, str] = {}

    # -- files -------------------------------------------------------------------------
    def name(self, rel: str) -> str:
        return str(self.root / rel)

    def text(self, rel: str, required: bool = True) -> str | None:
        path = self.root / rel
        if not path.is_file():
            if required:
                self.problems.add(self.name(rel), "", "file is missing")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            self.problems.add(self.name(rel), "", f"file is {size / 2**20:.0f} MB; the limit "
                              f"is {MAX_FILE_BYTES // 2**20} MB per file — split or simplify it")
            return None
        data = path.read_bytes()
        try:
            return data.decode("utf-8-sig")  # a BOM (Excel's habit) is accepted
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.problems.add(self.name(rel), line, f"the file is not UTF-8 (byte "
                              f"0x{data[error.start]:02x}); save it as UTF-8")
            return None

    def json(self, rel: str, required: bool = True):
        text = self.text(rel, required)
        if text is None:
            return None
        try:
            return json.loads(text, parse_constant=_finite_json_constant)
        except json.JSONDecodeError as error:
            self.problems.add(self.name(rel), error.lineno, f"broken JSON: {error.msg} "
                              f"(column {error.colno})")
        except ValueError as error:
            self.problems.add(self.name(rel), "", str(error))
        except RecursionError:
            self.problems.add(self.name(rel), "", "JSON is nested too deeply to be GeoJSON")
        return None

    def toml(self, rel: str, required: bool = True) -> dict | None:
        text = self.text(rel, required)
        if text is None:
            return None
        self.texts[rel] = text
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self.problems.add(self.name(rel), "", f"broken TOML: {error}")
        except RecursionError:
            self.problems.add(self.name(rel), "", "TOML is nested too deeply")
        return None

    # -- values ------------------------------------------------------------------------
    def string(self, data: dict, key: str, file: str, where, required: bool = True) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.problems.add(file, where, f"'{key}' is missing")
            return ""
        if not isinstance(value, str):
            self.problems.add(file, where, f"'{key}' must be text, not {value!r}")
            return ""
        return value.strip()

    def time(self, value, file: str, where, key: str) -> int | None:
        if not isinstance(value, str) or not value.strip():
            self.problems.add(file, where, f"'{key}' is missing (write YYYY-MM-DDTHH:MM)")
            return None
        try:
            minutes = _parse_time(value.strip(), self.calendar)
        except ValueError as error:
            self.problems.add(file, where, f"'{key}': {error}")
            return None
        if self.start is not None and self.end is not None and not (
                self.start <= minutes <= self.end):
            self.problems.add(file, where, f"'{key}' {value} is outside the scenario's span "
                              f"{cal.iso(self.start, self.calendar)} – "
                              f"{cal.iso(self.end, self.calendar)}")
            return None
        return minutes

    def control(self, value, file: str, where, key: str, required: bool = False) -> str | None:
        if value is None or value == "":
            if required:
                self.problems.add(file, where, f"'{key}' is missing")
            return None
        if not isinstance(value, str) or value not in self.controls:
            known = ", ".join(self.controls) or "none declared"
            self.problems.add(file, where, f"'{key}': unknown control {value!r} (known: "
                              f"{known}; declare it in scenario.toml)")
            return None
        return value

    def refs(self, value, file: str, where) -> tuple[str, ...]:
        if isinstance(value, str):
            refs = [part.strip() for part in value.split(";") if part.strip()]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            refs = [v.strip() for v in value if v.strip()]
        else:
            refs = []
        if not refs:
            self.problems.add(file, where, "'sources' is empty: cite at least one source key "
                              "from sources.toml")
        for ref in refs:
            key = ref.partition(":")[0].strip()
            if self.sources and key not in self.sources:
                self.problems.add(file, where, f"unknown source key {key!r} (add it to "
                                  "sources.toml)")
        return tuple(refs)

    def extent(self, value, file: str, where) -> tuple[float, float, float, float] | None:
        if (not isinstance(value, list) or len(value) != 4
                or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in value)):
            self.problems.add(file, where, "'extent' must be [lon_min, lat_min, lon_max, "
                              "lat_max]")
            return None
        x0, y0, x1, y1 = (float(v) for v in value)
        if not (-180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90):
            self.problems.add(file, where, f"'extent' {value} is not a box of lon/lat "
                              "(min before max, within ±180/±90)")
            return None
        return x0, y0, x1, y1

    def lonlat(self, coords, file: str, where) -> tuple[float, float] | None:
        if (not isinstance(coords, list) or len(coords) < 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                           for v in coords[:2])):
            self.problems.add(file, where, f"coordinates {str(coords)[:60]} are not [lon, lat]")
            return None
        try:
            lon, lat = float(coords[0]), float(coords[1])
        except OverflowError:
            self.problems.add(file, where, "coordinates are too large to be degrees")
            return None
        if not (math.isfinite(lon) and math.isfinite(lat)):
            self.problems.add(file, where, "coordinates are not finite numbers")
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            self.problems.add(file, where, f"coordinates [{lon}, {lat}] are outside "
                              "-180..180 / -90..90 (is it [lon, lat] in degrees?)")
            return None
        return lon, lat

    def features(self, data, file: str) -> list[tuple[str, dict, dict]]:
        """(where, geometry, properties) of each feature of a FeatureCollection."""
        if data is None:
            return []
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not \
                isinstance(data.get("features"), list):
            self.problems.add(file, "", "not a GeoJSON FeatureCollection")
            return []
        out = []
        for i, feature in enumerate(data["features"], 1):
            if not isinstance(feature, dict):
                self.problems.add(file, f"feature {i}", "not a GeoJSON feature")
                continue
            props = feature.get("properties") or {}
            geometry = feature.get("geometry")
            if not isinstance(props, dict):
                self.problems.add(file, f"feature {i}", "'properties' must be an object")
                continue
            ident = props.get("id")
            where = f"feature {i}" + (f" ({ident})" if isinstance(ident, str) else "")
            if not isinstance(geometry, dict) or "coordinates" not in geometry:
                self.problems.add(file, where, "feature has no geometry")
                continue
            out.append((where, geometry, props))
        return out

    def ident(self, value, seen: set, file: str, where) -> str | None:
        if not isinstance(value, str) or not ID_RE.match(value):
            self.problems.add(file, where, f"'id' {value!r} must be lowercase letters, digits "
                              "and _")
            return None
        if value in seen:
            self.problems.add(file, where, f"duplicate id {value!r}")
            return None
        seen.add(value)
        return value

    # -- the files ---------------------------------------------------------------------
    def read(self) -> Scenario:
        meta = self.toml("scenario.toml") or {}
        self.read_meta(meta)
        self.read_sources()
        sites = self.read_sites()
        site_ids = {s.id for s in sites}
        events = self.read_events(site_ids)
        routes = self.read_routes(site_ids)
        chapters = self.read_chapters()
        basemap = self.read_basemap(meta.get("basemap", "basemap"))
        self.problems.raise_if_any()
        events.sort(key=lambda e: e.time)
        return Scenario(
            path=self.root, title=meta["title"], title_ru=meta.get("title_ru", ""),
            description=meta.get("description", ""), calendar=self.calendar,
            timezone=meta.get("timezone", ""), start=self.start, end=self.end,
            default_control=meta["default_control"],
            transition_control=meta["transition_control"], extent=self.meta_extent,
            credits=meta.get("credits", ""), controls=self.controls, sources=self.sources,
            sites=sites, events=events, routes=routes, chapters=chapters, basemap=basemap,
            texts=self.texts)

    def read_meta(self, meta: dict) -> None:
        file = self.name("scenario.toml")
        self.string(meta, "title", file, "")
        calendar = meta.get("calendar", cal.JULIAN)
        if calendar not in cal.CALENDARS:
            self.problems.add(file, "calendar", f"unknown calendar {calendar!r} (use 'julian' "
                              "or 'gregorian')")
        else:
            self.calendar = calendar
        start = self.time(meta.get("start"), file, "start", "start")
        end = self.time(meta.get("end"), file, "end", "end")
        if start is not None and end is not None:
            if start >= end:
                self.problems.add(file, "end", "'end' must come after 'start'")
            else:
                self.start, self.end = start, end
        self.meta_extent = self.extent(meta.get("extent"), file, "extent")
        controls = meta.get("controls")
        if not isinstance(controls, dict) or not controls:
            self.problems.add(file, "[controls]", "no controls declared (add [controls.NAME] "
                              "tables)")
            controls = {}
        for key, table in controls.items():
            where = f"[controls.{key}]"
            if not isinstance(table, dict):
                self.problems.add(file, where, "must be a table")
                continue
            colour = self.string(table, "colour", file, where)
            if colour and not COLOUR_RE.match(colour):
                self.problems.add(file, where, f"'colour' {colour!r} must be #rrggbb")
            hatch = table.get("hatch", "none")
            if hatch not in HATCHES:
                self.problems.add(file, where, f"'hatch' {hatch!r} must be one of "
                                  f"{', '.join(HATCHES)}")
            self.controls[key] = Control(key, self.string(table, "label_en", file, where),
                                         self.string(table, "label_ru", file, where, False),
                                         colour, hatch)
        for key in ("default_control", "transition_control"):
            self.control(meta.get(key), file, key, key, required=True)

    def read_sources(self) -> None:
        file = self.name("sources.toml")
        data = self.toml("sources.toml") or {}
        for key, table in data.items():
            if not isinstance(table, dict):
                self.problems.add(file, f"[{key}]", "must be a table with author and title")
                continue
            url = self.string(table, "url", file, f"[{key}]", False)
            if url and not public_url(url):
                self.problems.add(file, f"[{key}]", f"'url' must start with http:// or "
                                  f"https:// and name a host (got {url[:40]!r})")
                url = ""
            year = table.get("year")
            if year is not None and not isinstance(year, int):
                self.problems.add(file, f"[{key}]", f"'year' must be a whole number, not "
                                  f"{year!r}")
                year = None
            self.sources[key] = Source(key, self.string(table, "author", file, f"[{key}]"),
                                       self.string(table, "title", file, f"[{key}]"), year,
                                       url, self.string(table, "note", file, f"[{key}]", False))
        if not self.sources and data is not None:
            self.problems.add(file, "", "the bibliography is empty")

    def read_sites(self) -> list[Site]:
        file = self.name("sites.geojson")
        sites, seen = [], set()
        for where, geometry, props in self.features(self.json("sites.geojson"), file):
            ident = self.ident(props.get("id"), seen, file, where)
            if geometry.get("type") != "Point":
                self.problems.add(file, where, f"a site must be a Point, not "
                                  f"{geometry.get('type')!r}")
                continue
            lonlat = self.lonlat(geometry.get("coordinates"), file, where)
            kind = props.get("kind")
            if kind not in SITE_KINDS:
                self.problems.add(file, where, f"'kind' {kind!r} must be one of "
                                  f"{', '.join(SITE_KINDS)}")
            initial = self.control(props.get("initial_control"), file, where,
                                   "initial_control")
            names = [self.string(props, k, file, where) for k in ("name_en", "name_ru")]
            description = self.string(props, "description", file, where)
            refs = self.refs(props.get("sources"), file, where)
            off_map = props.get("off_map", False)
            if not isinstance(off_map, bool):
                self.problems.add(file, where, "'off_map' must be true or false")
            rank = props.get("rank", 3)
            if type(rank) is not int or rank not in SITE_RANKS:
                self.problems.add(file, where, f"'rank' {rank!r} must be a whole number from "
                                  "1 (central to the story) to 5 (minor)")
                rank = 3
            description_ru = self.string(props, "description_ru", file, where, False)
            if ident and lonlat and kind in SITE_KINDS:
                sites.append(Site(ident, names[0], names[1], kind, description, *lonlat,
                                  initial or "", refs, off_map is True, rank, description_ru))
        return sites

    def read_events(self, site_ids: set[str]) -> list[Event]:
        file = self.name("events.csv")
        text = self.text("events.csv")
        if text is None:
            return []
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in EVENT_COLUMNS if c not in header]
        if missing:
            hint = ""
            if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
                hint = " — the file seems to use ';' or tabs; separate columns with commas"
            self.problems.add(file, 1, f"missing column(s) {', '.join(missing)}{hint}")
            return []
        unknown = [c for c in header if c not in EVENT_COLUMNS + OPTIONAL_EVENT_COLUMNS]
        if unknown:
            self.problems.add(file, 1, f"unknown column(s) {', '.join(map(repr, unknown))}")
        events: list[Event] = []
        seen: set[str] = set()
        fields = reader.fieldnames or []
        # a checker of plainly good rows; a row it does not vouch for is checked by event()
        fast = self.fast_event(fields, site_ids, seen) if len(set(fields)) == len(fields) \
            else None
        # the records of csv.DictReader, with its line numbers: a record's last line; a
        # broken record is numbered by the previous one's, or by the first blank line since
        rows, line, blank = reader.reader, reader.line_num, False
        try:
            for row in rows:
                if not row:
                    if not blank:
                        line, blank = rows.line_num, True
                    continue
                line, blank = rows.line_num, False
                event = fast(row) if fast is not None else None
                if event is None:
                    event = self.event(_record(fields, row), line, file, site_ids, seen)
                if event:
                    events.append(event)
        except csv.Error as error:
            self.problems.add(file, line, f"broken CSV: {error}")
        return events

    def fast_event(self, fields: list[str], site_ids: set[str], seen: set[str]
                   ) -> Callable[[list[str]], Event | None]:
        """A function making the Event of a row that event() would accept without a word.

        It answers None for any row with something unusual, without side effects, and
        event() then checks that row and reports its problems. Times and source lists are
        memoised by their text.
        """
        column = {name: i for i, name in enumerate(fields)}
        width = len(fields)
        i_id, i_site, i_time, i_precision, i_caption, i_sources = (
            column[c] for c in EVENT_COLUMNS)
        i_earliest, i_latest, i_control, i_during, i_caption_ru, i_note = (
            column.get(c) for c in OPTIONAL_EVENT_COLUMNS)
        controls, sources = self.controls, self.sources
        start, end, calendar = self.start, self.end, self.calendar
        lengths = {"minute": 0, "hour": 60, "part_of_day": 360, "day": 1440}
        on_the = {"minute": None, "hour": frozenset(range(0, cal.MINUTES_PER_DAY, 60)),
                  "part_of_day": frozenset(h * 60 for h in PART_OF_DAY_HOURS),
                  "day": frozenset((0,))}
        times: dict[str, int | None] = {}
        reference_lists: dict[str, tuple[str, ...] | None] = {}
        missing = object()

        def time_of(text: str) -> int | None:
            """Minutes of a time event() accepts in a row, else None (as time() would)."""
            minutes = times.get(text, missing)
            if minutes is missing:
                minutes, stripped = None, text.strip()
                if stripped:
                    try:
                        minutes = _parse_time(stripped, calendar)
                    except ValueError:
                        minutes = None
                    if minutes is not None and start is not None and end is not None and \
                            not start <= minutes <= end:
                        minutes = None
                times[text] = minutes
            return minutes

        def refs_of(text: str) -> tuple[str, ...] | None:
            """The source list refs() accepts without a problem, else None."""
            refs = reference_lists.get(text, missing)
            if refs is missing:
                parts = [part.strip() for part in text.split(";") if part.strip()]
                refs = tuple(parts) if parts and not (sources and any(
                    ref.partition(":")[0].strip() not in sources for ref in parts)) else None
                reference_lists[text] = refs
            return refs

        def fast(row: list[str]) -> Event | None:
            if len(row) != width:
                return None
            ident = row[i_id].strip()
            site = row[i_site].strip()
            if not ident or ident in seen or site not in site_ids:
                return None
            precision = row[i_precision].strip()
            if precision == "window":
                if i_earliest is None or i_latest is None:
                    return None
                earliest, latest = time_of(row[i_earliest]), time_of(row[i_latest])
                if earliest is None or latest is None or earliest >= latest:
                    return None
                time = earliest
                if row[i_time].strip():
                    time = time_of(row[i_time])
                    if time is None or not earliest <= time <= latest:
                        return None
            else:
                length = lengths.get(precision)
                time = time_of(row[i_time])
                if length is None or time is None:
                    return None
                allowed = on_the[precision]
                if allowed is not None and time % cal.MINUTES_PER_DAY not in allowed:
                    return None
                earliest, latest = time, time + length
            control = row[i_control].strip() if i_control is not None else ""
            during = row[i_during].strip() if i_during is not None else ""
            if (control and control not in controls) or (during and during not in controls):
                return None
            caption = row[i_caption].strip()
            if not caption or "\n" in caption:
                return None
            refs = refs_of(row[i_sources])
            if refs is None:
                return None
            seen.add(ident)
            return Event(ident, site, time, earliest, latest, precision, control or None,
                         during or None, caption,
                         row[i_caption_ru].strip() if i_caption_ru is not None else "", refs,
                         row[i_note].strip() if i_note is not None else "")

        return fast

    def event(self, row: dict, line: int, file: str, site_ids: set[str], seen: set):
        if None in row:
            self.problems.add(file, line, f"the row has {len(row) - 1 + len(row[None])} values "
                              f"but the header has {len(row) - 1} columns (quote text with "
                              "commas)")
            return None
        if any(v is None for v in row.values()):
            self.problems.add(file, line, "the row has fewer values than the header has columns")
            return None
        ident = row["id"].strip()
        if not ident:
            self.problems.add(file, line, "'id' is missing")
        elif ident in seen:
            self.problems.add(file, line, f"duplicate id {ident!r}")
            ident = ""
        seen.add(ident)
        site = row["site"].strip()
        if site not in site_ids:
            self.problems.add(file, line, f"unknown site {site!r} (not in sites.geojson)")
        precision = row["precision"].strip()
        window = self.window(row, precision, line, file)
        control = self.control(row.get("control", "").strip(), file, line, "control")
        during = self.control((row.get("during") or "").strip(), file, line, "during")
        caption = row["caption"].strip()
        if not caption:
            self.problems.add(file, line, "'caption' is missing")
        elif "\n" in caption:
            self.problems.add(file, line, "'caption' must be one line")
        refs = self.refs(row["sources"], file, line)
        if not (ident and site in site_ids and window and caption and refs):
            return None
        return Event(ident, site, *window, precision, control, during, caption,
                     (row.get("caption_ru") or "").strip(), refs, (row.get("note") or "").strip())

    def window(self, row: dict, precision: str, line: int, file: str):
        """(time, earliest, latest) of an event from its precision, or None."""
        if precision not in PRECISIONS:
            self.problems.add(file, line, f"'precision' {precision!r} must be one of "
                              f"{', '.join(PRECISIONS)}")
            return None
        if precision == "window":
            earliest = self.time(row.get("earliest"), file, line, "earliest")
            latest = self.time(row.get("latest"), file, line, "latest")
            if earliest is None or latest is None:
                return None
            if earliest >= latest:
                self.problems.add(file, line, "'earliest' must come before 'latest'")
                return None
            time = earliest
            if row["time"].strip():
                time = self.time(row["time"], file, line, "time")
                if time is None:
                    return None
                if not earliest <= time <= latest:
                    self.problems.add(file, line, "'time' must lie between 'earliest' and "
                                      "'latest'")
                    return None
            return time, earliest, latest
        time = self.time(row["time"], file, line, "time")
        if time is None:
            return None
        hour, minute = divmod(time % cal.MINUTES_PER_DAY, 60)
        length = {"minute": 0, "hour": 60, "part_of_day": 360, "day": 1440}[precision]
        rule = {"hour": minute == 0,
                "part_of_day": minute == 0 and hour in PART_OF_DAY_HOURS,
                "day": minute == 0 and hour == 0}.get(precision, True)
        if not rule:
            need = {"hour": "on the full hour", "part_of_day": "at 00:00, 06:00, 12:00 or "
                    "18:00", "day": "at 00:00"}[precision]
            self.problems.add(file, line, f"with precision '{precision}' the time must be "
                              f"{need} (or use precision 'window' with earliest/latest)")
            return None
        return time, time, time + length

    def read_routes(self, site_ids: set[str]) -> list[Route]:
        file = self.name("routes.geojson")
        routes, seen = [], set()
        data = self.json("routes.geojson", required=False)
        for where, geometry, props in self.features(data, file):
            ident = self.ident(props.get("id"), seen, file, where)
            if geometry.get("type") != "LineString":
                self.problems.add(file, where, "a route must be a LineString")
                continue
            raw = geometry.get("coordinates")
            coords = [self.lonlat(c, file, where) for c in raw] if isinstance(raw, list) else []
            if len(coords) < 2:
                self.problems.add(file, where, "a route needs at least two points")
            kind = props.get("kind")
            if kind not in ROUTE_KINDS:
                self.problems.add(file, where, f"'kind' {kind!r} must be one of "
                                  f"{', '.join(ROUTE_KINDS)}")
            start = self.time(props.get("start"), file, where, "start")
            end = self.time(props.get("end"), file, where, "end")
            if start is not None and end is not None and start >= end:
                self.problems.add(file, where, "'start' must come before 'end'")
                start = None
            site = props.get("site") or None
            if site is not None and site not in site_ids:
                self.problems.add(file, where, f"unknown site {site!r}")
            names = [self.string(props, k, file, where) for k in ("name_en", "name_ru")]
            refs = self.refs(props.get("sources"), file, where)
            if ident and len(coords) >= 2 and all(coords) and kind in ROUTE_KINDS and \
                    start is not None and end is not None:
                routes.append(Route(ident, names[0], names[1], kind, start, end, tuple(coords),
                                    refs, site, self.string(props, "description", file, where,
                                                            False),
                                    self.string(props, "description_ru", file, where, False)))
        return routes

    def read_chapters(self) -> list[Chapter]:
        file = self.name("chapters.toml")
        data = self.toml("chapters.toml", required=False) or {}
        chapters, seen = [], set()
        tables = data.get("chapter", [])
        if not isinstance(tables, list):
            self.problems.add(file, "", "write chapters as [[chapter]] tables")
            return []
        for i, table in enumerate(tables, 1):
            where = f"chapter {i}"
            if not isinstance(table, dict):
                self.problems.add(file, where, "must be a table")
                continue
            ident = self.ident(table.get("id"), seen, file, where)
            start = self.time(table.get("start"), file, where, "start")
            end = self.time(table.get("end"), file, where, "end")
            if start is not None and end is not None and start >= end:
                self.problems.add(file, where, "'start' must come before 'end'")
                start = None
            extent = self.extent(table.get("extent"), file, where)
            seconds = table.get("seconds", 20)
            if not isinstance(seconds, (int, float)) or not 0 < seconds <= 3600:
                self.problems.add(file, where, "'seconds' must be a number from 1 to 3600")
                seconds = None
            title = self.string(table, "title_en", file, where)
            layers = table.get("layers", [])
            known = BASEMAP_LAYERS + ("routes", "labels")
            if not isinstance(layers, list) or not all(v in known for v in layers):
                self.problems.add(file, where, f"'layers' must be a list of {', '.join(known)}")
                layers = []
            if ident and start is not None and end is not None and extent and seconds and title:
                chapters.append(Chapter(ident, title, self.string(table, "title_ru", file,
                                                                  where, False),
                                        start, end, extent, float(seconds),
                                        self.string(table, "narration", file, where, False),
                                        tuple(layers)))
        return chapters

    def read_basemap(self, folder) -> dict[str, Layer]:
        if not isinstance(folder, str):
            self.problems.add(self.name("scenario.toml"), "basemap", "'basemap' must be the "
                              "name of a folder")
            return {}
        layers = {}
        for name in BASEMAP_LAYERS:
            rel = f"{folder}/{name}.geojson"
            data = self.json(rel, required=False)
            if data is None:
                continue
            file = self.name(rel)
            layer = Layer(name, data.get("provenance", "") if isinstance(data, dict) else "")
            allowed = LAYER_GEOMETRIES[name]
            features = self.features(data, file)
            invalid = check_layer(features, allowed)
            if invalid is not None:   # every feature plainly well formed
                layer.features.extend(Feature(g, props) for _, g, props in features)
                self.report_invalid_polygons(invalid, file)
                layers[name] = layer
                continue
            polygons = []
            for where, geometry, props in features:
                kind = geometry.get("type")
                if kind not in allowed:
                    self.problems.add(file, where, f"geometry {kind!r} does not belong in the "
                                      f"{name} layer (use {' or '.join(allowed)})")
                    continue
                if not self.coordinates_ok(geometry["coordinates"], kind, file, where):
                    continue
                layer.features.append(Feature(geometry, props))
                if kind.endswith("Polygon"):
                    polygons.append((where, geometry))
            self.check_polygons(polygons, file)
            layers[name] = layer
        return layers

    def coordinates_ok(self, coords, kind: str, file: str, where: str) -> bool:
        depth = {"Point": 0, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
                 "MultiPolygon": 3}[kind]
        stack = [(coords, depth)]
        count = 0
        while stack:
            value, level = stack.pop()
            if level == 0:
                if not self.lonlat(value, file, where):
                    return False
                count += 1
                continue
            if not isinstance(value, list) or not value:
                self.problems.add(file, where, f"empty or malformed {kind} geometry")
                return False
            stack.extend((v, level - 1) for v in value)
        minimum = {"Point": 1, "LineString": 2, "MultiLineString": 2}.get(kind, 4)
        if count < minimum:
            self.problems.add(file, where, f"a {kind} needs at least {minimum} points")
            return False
        return True

    def check_polygons(self, polygons: list[tuple[str, dict]], file: str) -> None:
        if not polygons:
            return
        import shapely

        built = []
        for where, g in polygons:
            try:
                built.append((where, shapely.geometry.shape(g)))
            except (ValueError, TypeError, shapely.errors.GEOSException) as error:
                self.problems.add(file, where, f"invalid polygon: {error} (a ring needs at "
                                  "least 4 positions, the last equal to the first)")
        if not built:
            return
        valid = shapely.is_valid([geom for _, geom in built])
        self.report_invalid_polygons([pair for pair, ok in zip(built, valid, strict=True)
                                      if not ok], file)

    def report_invalid_polygons(self, invalid: list[tuple[str, object]], file: str) -> None:
        """One problem per (where, invalid shapely geometry), with GEOS's reason."""
        if not invalid:
            return
        import shapely

        for where, geom in invalid:
            reason = shapely.is_valid_reason(geom)
            self.problems.add(file, where, f"invalid polygon: {reason} (fix it in QGIS "
                              "with 'Fix geometries')")
