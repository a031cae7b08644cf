"""The scenario schema: one declarative table per file, and the checks of its values.

Every field of every file has a :class:`Field` here, with its kind (type, range and form),
whether it is required and its default. :class:`Checker` applies a table to one record
(a TOML table, a GeoJSON feature's properties, a CSV row) before anything else reads it, so a
view never meets an unchecked value. docs/scenario-format.md is tested against these tables.

The tables' classes are plain classes rather than dataclasses: the loader is on the app's
start-up path, and building a dataclass costs about a millisecond (docs/performance.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from itertools import chain

from . import calendar as cal
from . import limits
from .links import public_url
from .model import (
    BASEMAP_LAYERS,
    HATCHES,
    PRECISIONS,
    ROUTE_KINDS,
    SITE_KINDS,
    SITE_RANKS,
)
from .problems import Problems

ID_RE = re.compile(r"[a-z0-9_]+\Z")
COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}\Z")
FOLDER_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
# C0 and C1 controls (but tab and newline, for paragraphs), and lone UTF-16 surrogates
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class Bad(ValueError):
    """A value breaks its field's rule; the message follows the field's name."""


class Context:
    """What values are checked against: the calendar, span, controls, sources and sites
    (filled in as the loader reads them)."""

    def __init__(self) -> None:
        self.calendar: str = cal.JULIAN
        self.start: int | None = None
        self.end: int | None = None
        self.controls: Mapping = {}
        self.sources: Mapping = {}
        self.site_ids: frozenset[str] | set[str] = frozenset()
        self.near: tuple[float, float, float, float] | None = None   # the extent's surroundings
        self.days: dict[str, int] = {}   # minutes of each date, memoised


class Kind:
    """The type, range and form of a field's values."""

    doc = ""
    cacheable = True   # the same text always gives the same answer (in one load)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"

    def check(self, value, ctx: Context):
        raise NotImplementedError

    def bulk(self, values: list, texts: bool = False) -> list | None:
        """The checked values of a column when all are plainly good; None to check each.

        ``texts``: every value is known to be a ``str`` (a CSV column)."""
        return None


def _text(value, max_len: int, one_line: bool) -> str:
    if not isinstance(value, str):
        raise Bad(f"must be text, not {_show(value)}")
    if _SURROGATE.search(value):
        raise Bad("holds a lone UTF-16 surrogate, which is not text (save the file as UTF-8)")
    bad = (_LINE_CONTROL if one_line else _CONTROL).search(value)
    if bad:
        what = "a line break" if one_line and bad.group() in "\r\n\u2028\u2029" else \
            f"the control character U+{ord(bad.group()):04X}"
        raise Bad(f"holds {what} at character {bad.start() + 1}"
                  + (" (it must be one line)" if one_line else ""))
    value = value.strip()
    if len(value) > max_len:
        raise Bad(f"is {len(value):,} characters long; the limit is {max_len:,}")
    return value


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Text(Kind):
    cacheable = False

    def __init__(self, max_len: int = limits.MAX_NAME, one_line: bool = True):
        self.max_len, self.one_line = max_len, one_line

    @property
    def doc(self) -> str:
        return "one line of text" if self.one_line else "text"

    def check(self, value, ctx):
        return _text(value, self.max_len, self.one_line)

    def bulk(self, values: list, texts: bool = False) -> list | None:
        if not texts and not set(map(type, values)) <= {str}:
            return None
        joined = " ".join(values)
        if (_LINE_CONTROL if self.one_line else _CONTROL).search(joined) or \
                _SURROGATE.search(joined):
            return None
        stripped = list(map(str.strip, values))
        if max(map(len, stripped), default=0) > self.max_len:
            return None
        return stripped


NAME, LINE = Text(limits.MAX_NAME), Text(limits.MAX_LINE)
PARAGRAPH = Text(limits.MAX_TEXT, one_line=False)


class Ident(Kind):
    doc = "id: `[a-z0-9_]+`"
    cacheable = False

    def check(self, value, ctx):
        if not isinstance(value, str) or len(value) > limits.MAX_KEY_LENGTH or \
                not ID_RE.match(value):
            raise Bad(f"{_show(value)} must be lowercase letters, digits and _ (at most "
                      f"{limits.MAX_KEY_LENGTH})")
        return value

    def bulk(self, values: list, texts: bool = False) -> list | None:
        if (texts or set(map(type, values)) <= {str}) and all(map(ID_RE.match, values)) and \
                max(map(len, values), default=0) <= limits.MAX_KEY_LENGTH:
            return values
        return None


class Choice(Kind):
    def __init__(self, values: tuple):
        self.values = values

    @property
    def doc(self) -> str:
        return "one of " + ", ".join(f"`{v}`" for v in self.values)

    def check(self, value, ctx):
        if type(value) is not str or value not in self.values:
            raise Bad(f"{_show(value)} must be one of {', '.join(map(str, self.values))}")
        return value


class Number(Kind):
    def __init__(self, low: float, high: float, whole: bool = False):
        self.low, self.high, self.whole = low, high, whole

    @property
    def doc(self) -> str:
        return f"{'whole number' if self.whole else 'number'} from {self.low} to {self.high}"

    def check(self, value, ctx):
        types = (int,) if self.whole else (int, float)
        ok = isinstance(value, types) and not isinstance(value, bool) and \
            (isinstance(value, int) or math.isfinite(value)) and self.low <= value <= self.high
        if not ok:
            what = "a whole number" if self.whole else "a number"
            raise Bad(f"{_show(value)} must be {what} from {self.low} to {self.high}")
        return value

    def bulk(self, values: list, texts: bool = False) -> list | None:
        kinds = set(map(type, values))
        if texts or not values or not kinds <= ({int} if self.whole else {int, float}) or \
                float in kinds and not all(map(math.isfinite, values)):
            return None
        return values if self.low <= min(values) and max(values) <= self.high else None


class Bool(Kind):
    doc = "`true` or `false`"

    def check(self, value, ctx):
        if not isinstance(value, bool):
            raise Bad(f"must be true or false, not {_show(value)}")
        return value


class Time(Kind):
    doc = "time `YYYY-MM-DDTHH:MM`"

    def __init__(self, in_span: bool = True):
        self.in_span = in_span

    def check(self, value, ctx):
        if not isinstance(value, str) or not value.strip():
            raise Bad(f"{_show(value)} is not a time (write YYYY-MM-DDTHH:MM)")
        if not value.isascii():
            raise Bad(f"{_show(value)}: write times with the digits 0-9 (YYYY-MM-DDTHH:MM)")
        try:
            minutes = _minutes(value.strip(), ctx)
        except ValueError as error:
            raise Bad(f": {error}") from None
        if self.in_span and ctx.start is not None and ctx.end is not None and \
                not ctx.start <= minutes <= ctx.end:
            raise Bad(f"{value} is outside the scenario's span "
                      f"{cal.iso(ctx.start, ctx.calendar)} – {cal.iso(ctx.end, ctx.calendar)}")
        return minutes


_CANONICAL_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([01][0-9]|2[0-3]):([0-5][0-9])\Z")


def _minutes(text: str, ctx: Context) -> int:
    """calendar.parse_time, with the day of a plain ``YYYY-MM-DDTHH:MM`` looked up once."""
    match = _CANONICAL_TIME.match(text)
    if match is None:
        return cal.parse_time(text, ctx.calendar)
    day = ctx.days.get(match[1])
    if day is None:
        try:
            day = ctx.days[match[1]] = cal.parse_time(match[1], ctx.calendar)
        except ValueError:
            return cal.parse_time(text, ctx.calendar)   # its message names the whole time
    return day + int(match[2]) * 60 + int(match[3])


class ControlRef(Kind):
    doc = "a control declared in scenario.toml"

    def check(self, value, ctx):
        if type(value) is not str or value not in ctx.controls:
            known = ", ".join(ctx.controls) or "none declared"
            raise Bad(f": unknown control {_show(value)} (known: {known}; declare it in "
                      "scenario.toml)")
        return value


class SiteRef(Kind):
    doc = "the id of a site"

    def check(self, value, ctx):
        if type(value) is not str or value not in ctx.site_ids:
            raise Bad(f": unknown site {_show(value)} (not in sites.geojson)")
        return value


class SourceRefs(Kind):
    doc = "source keys with optional locators (`reed1919:ch.4`)"

    def check(self, value, ctx):
        if isinstance(value, str):
            refs = [part.strip() for part in value.split(";") if part.strip()]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            refs = [v.strip() for v in value if v.strip()]
        else:
            raise Bad(f"must be a list of source keys, not {_show(value)}")
        if not refs:
            raise Bad(" is empty: cite at least one source key from sources.toml")
        for ref in refs:
            _text(ref, limits.MAX_LINE, True)
            key = ref.partition(":")[0].strip()
            if ctx.sources and key not in ctx.sources:
                raise Bad(f": unknown source key {key!r} (add it to sources.toml)")
        return tuple(refs)


class Extent(Kind):
    doc = "`[lon_min, lat_min, lon_max, lat_max]`"

    def check(self, value, ctx):
        if not isinstance(value, list) or len(value) != 4 or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                for v in value):
            raise Bad(" must be [lon_min, lat_min, lon_max, lat_max] (four finite numbers)")
        x0, y0, x1, y1 = (float(v) for v in value)
        if not (-180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90):
            raise Bad(f"{value} is not a box of lon/lat (min before max, within ±180/±90)")
        return x0, y0, x1, y1


class Colour(Kind):
    doc = "colour `#rrggbb`"

    def check(self, value, ctx):
        if not isinstance(value, str) or not COLOUR_RE.match(value):
            raise Bad(f"{_show(value)} must be #rrggbb")
        return value


class Url(Kind):
    doc = "an `http(s)` link"

    def check(self, value, ctx):
        value = _text(value, limits.MAX_LINE, True)
        if not public_url(value):
            raise Bad(f"must start with http:// or https:// and name a host (got "
                      f"{value[:40]!r})")
        return value


class Folder(Kind):
    doc = "a folder's name beside scenario.toml, or `false`"

    def check(self, value, ctx):
        if value is False:
            return False
        if not isinstance(value, str) or not FOLDER_RE.match(value) or value in (".", ".."):
            raise Bad(f"{_show(value)} must be the name of a folder beside scenario.toml "
                      "(one name: no '/', '..' or absolute path), or false for no basemap")
        return value


class Layers(Kind):
    known = BASEMAP_LAYERS + ("routes", "labels")
    doc = "a list of " + ", ".join(f"`{k}`" for k in known)

    def check(self, value, ctx):
        if not isinstance(value, list) or not all(type(v) is str and v in self.known
                                                  for v in value):
            raise Bad(f" must be a list of {', '.join(self.known)}")
        return tuple(value)


class Field:
    """One field: its name, kind, whether it is required, its default and a note."""

    __slots__ = ("name", "kind", "required", "default", "doc")

    def __init__(self, name: str, kind: Kind, required: bool = False, default: object = None,
                 doc: str = ""):
        self.name, self.kind, self.required = name, kind, required
        self.default, self.doc = default, doc

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.kind!r})"


class Table:
    """The fields of one kind of record; ``extra`` admits other scalar fields unchecked."""

    def __init__(self, file: str, fields: tuple[Field, ...], extra: bool = False):
        self.file, self.fields, self.extra = file, fields, extra

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


ID = Ident()
CONTROL = ControlRef()
TIME = Time()
SCENARIO = Table("scenario.toml", (
    Field("title", NAME, True), Field("title_ru", NAME),
    Field("description", PARAGRAPH, default=""),
    Field("calendar", Choice(cal.CALENDARS), default=cal.JULIAN),
    Field("timezone", LINE, default=""),
    Field("start", Time(in_span=False), True), Field("end", Time(in_span=False), True),
    Field("default_control", CONTROL, True), Field("transition_control", CONTROL, True),
    Field("extent", Extent(), True), Field("basemap", Folder(), default="basemap"),
    Field("credits", PARAGRAPH, default=""),
))
CONTROLS = Table("scenario.toml", (
    Field("label_en", NAME, True), Field("label_ru", NAME, default=""),
    Field("colour", Colour(), True), Field("hatch", Choice(HATCHES), default="none"),
))
SOURCES = Table("sources.toml", (
    Field("author", LINE, True), Field("title", LINE, True),
    Field("year", Number(1, 3000, whole=True)), Field("url", Url(), default=""),
    Field("note", PARAGRAPH, default=""),
))
CHAPTERS = Table("chapters.toml", (
    Field("id", ID, True), Field("title_en", NAME, True), Field("title_ru", NAME, default=""),
    Field("start", TIME, True), Field("end", TIME, True), Field("extent", Extent(), True),
    Field("seconds", Number(1, 3600), default=20), Field("narration", PARAGRAPH, default=""),
    Field("narration_ru", PARAGRAPH, default=""), Field("layers", Layers(), default=()),
))
SITES = Table("sites.geojson", (
    Field("id", ID, True), Field("name_en", NAME, True), Field("name_ru", NAME, True),
    Field("kind", Choice(SITE_KINDS), True), Field("description", PARAGRAPH, True),
    Field("description_ru", PARAGRAPH, default=""),
    Field("initial_control", CONTROL, default=""),
    Field("sources", SourceRefs(), True), Field("off_map", Bool(), default=False),
    Field("rank", Number(min(SITE_RANKS), max(SITE_RANKS), whole=True), default=3),
))
EVENTS = Table("events.csv", (
    Field("id", ID, True), Field("site", SiteRef(), True), Field("time", TIME),
    Field("precision", Choice(PRECISIONS), True), Field("earliest", TIME),
    Field("latest", TIME), Field("control", CONTROL), Field("during", CONTROL),
    Field("caption", LINE, True), Field("caption_ru", LINE, default=""),
    Field("sources", SourceRefs(), True), Field("note", PARAGRAPH, default=""),
))
ROUTES = Table("routes.geojson", (
    Field("id", ID, True), Field("name_en", NAME, True), Field("name_ru", NAME, True),
    Field("kind", Choice(ROUTE_KINDS), True), Field("start", TIME, True),
    Field("end", TIME, True), Field("site", SiteRef()),
    Field("description", PARAGRAPH, default=""),
    Field("description_ru", PARAGRAPH, default=""), Field("sources", SourceRefs(), True),
))
_NAMES = (Field("id", ID), Field("name_en", NAME), Field("name_ru", NAME))
_NOTE = (Field("note", PARAGRAPH),)
BASEMAP = {
    "water": Table("water.geojson", _NAMES + (
        Field("kind", Choice(("river", "canal", "bay", "pond"))),) + _NOTE),
    "green": Table("green.geojson", _NAMES + (
        Field("kind", Choice(("garden", "square", "park"))),) + _NOTE),
    "streets": Table("streets.geojson", _NAMES + (
        Field("rank", Choice(("main", "secondary"))),
        Field("kind", Choice(("prospekt", "street", "embankment", "lane", "square"))),
    ) + _NOTE),
    "bridges": Table("bridges.geojson", _NAMES + (
        Field("opened", Number(1000, 3000, whole=True)), Field("movable", Bool()),
        Field("crosses", ID)) + _NOTE),
    "railways": Table("railways.geojson", _NAMES + (Field("terminal", ID),) + _NOTE),
    "districts": Table("districts.geojson", _NAMES + _NOTE),
    "places": Table("places.geojson", _NAMES + (
        Field("kind", Choice(("island", "side", "district", "water"))),) + _NOTE),
}
# geometry types each basemap layer may hold
LAYER_GEOMETRIES = {
    "water": ("Polygon", "MultiPolygon"), "green": ("Polygon", "MultiPolygon"),
    "districts": ("Polygon", "MultiPolygon"), "streets": ("LineString", "MultiLineString"),
    "bridges": ("LineString", "MultiLineString"),
    "railways": ("LineString", "MultiLineString"), "places": ("Point",),
}


class _Failure:
    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


_MISSING = _Failure(" is missing")


def _memo_keys(values: list) -> list | None:
    """Keys to memoise a column's answers by: its values when all are texts, with lists of
    texts (a GeoJSON list of sources) as tuples; None for any other column."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return values
    lists = [v for v in values if type(v) is list]
    if kinds != {str, list} and kinds != {list} or \
            not set(map(type, chain.from_iterable(lists))) <= {str}:
        return None
    return [tuple(v) if type(v) is list else v for v in values]


class Checker:
    """Applies tables to records, adding a problem for each value that breaks its rule.

    Records are checked a column at a time: answers for repeated texts (times, sources,
    sites, controls) are memoised, and text columns are scanned in one pass when every value
    is plainly good; anything else is checked value by value, by the same rules.
    """

    def __init__(self, problems: Problems, ctx: Context):
        self.problems = problems
        self.ctx = ctx
        self._memo: dict[int, dict] = {}

    def value(self, fld: Field, value):
        """The checked value of one field (its default if absent), or ``Bad`` raised."""
        answer = self._answers(fld, [value])[0][0]
        if type(answer) is _Failure:
            raise Bad(answer.message)
        return answer

    def record(self, record: Mapping, table: Table, file: str, where,
               ignore: tuple[str, ...] = ()) -> dict | None:
        """The checked values of ``record`` by field name; None if any was wrong."""
        return self.records([record], [where], table, file, ignore)[0]

    def records(self, records: list[Mapping], wheres: list, table: Table, file: str,
                ignore: tuple[str, ...] = ()) -> list[dict | None]:
        """The checked values of each record by field name (None where any was wrong)."""
        names = table.names()
        known = frozenset(names + ignore)
        unknown = []
        if not table.extra and not all(map(known.issuperset, records)):
            for i, record in enumerate(records):
                for key in record:
                    if key not in known:
                        shown = key if isinstance(key, str) and \
                            len(key) <= limits.MAX_KEY_LENGTH else _show(key)
                        unknown.append((i, f"unknown field {shown!r} (known: "
                                        f"{', '.join(names)})"))
        columns = {name: [r.get(name) for r in records] for name in names}
        checked, bad = self.columns(columns, wheres, table, file, unknown)
        rows = zip(*(checked[name] for name in names), strict=True) if names else \
            [()] * len(records)
        return [None if i in bad else dict(zip(names, values, strict=True))
                for i, values in enumerate(rows)]

    def admit(self, checked: dict | None, seen: set[str], file: str, where,
              span: bool = False) -> bool:
        """True for a checked record to keep: its id new (then added to ``seen``) and, with
        ``span``, its 'start' before its 'end'. Otherwise False, the problem reported."""
        if checked is None:
            return False
        if checked["id"] in seen:
            self.problems.add(file, where, f"duplicate id {checked['id']!r}")
            return False
        seen.add(checked["id"])
        if span and checked["start"] >= checked["end"]:
            self.problems.add(file, where, "'start' must come before 'end'")
            return False
        return True

    def columns(self, columns: Mapping[str, list], wheres: list, table: Table, file: str,
                found: list[tuple[int, str]] = (), texts: bool = False
                ) -> tuple[dict[str, list], set[int]]:
        """The checked values of each field as columns, and the records that were wrong.

        ``columns`` holds the raw values of the fields by name (absent: all empty);
        ``found`` are problems already known, as (record number, message); ``texts``: every
        value is a ``str`` (a CSV table).
        """
        found = list(found)
        checked = {}
        for fld in table.fields:
            values = columns.get(fld.name)
            if values is None:
                values = [None] * len(wheres)
            answers, failed = self._answers(fld, values, texts and fld.name in columns)
            checked[fld.name] = answers
            if failed:
                found.extend((i, f"'{fld.name}'" + ("" if a.message.startswith((" ", ":"))
                                                    else " ") + a.message)
                             for i, a in enumerate(answers) if type(a) is _Failure)
        bad = set()
        for i, message in sorted(found, key=lambda pair: pair[0]):
            self.problems.add(file, wheres[i], message)
            bad.add(i)
        return checked, bad

    def _answers(self, fld: Field, values: list, texts: bool = False) -> tuple[list, bool]:
        """The checked value, default or :class:`_Failure` of each value of a column, and
        whether any failed."""
        kind, ctx = fld.kind, self.ctx
        empty = _MISSING if fld.required else fld.default
        keys = (values if texts else _memo_keys(values)) if kind.cacheable else None
        if keys is not None:
            unique = set(keys)
            memo = self._memo.setdefault(id(kind), {})   # one memo for all times
            new = unique.difference(memo)
            given = dict(zip(keys, values, strict=True)) if keys is not values and new \
                else {}
            for key in new:
                if key != "":
                    try:
                        memo[key] = kind.check(given.get(key, key), ctx)
                    except Bad as bad:
                        memo[key] = _Failure(str(bad))
            if "" in unique and empty is not None:   # an empty value answers its default
                out = list(map({**memo, "": empty}.__getitem__, keys))
            else:
                out = list(map(memo.get, keys))
            failed = (empty is _MISSING and "" in unique) or any(
                type(memo[u]) is _Failure for u in unique if u != "")
            return out, failed
        bulk = kind.bulk(values, texts) if "" not in values or empty == "" else None
        if bulk is not None:
            return self._blank(fld, bulk, False)
        out, failed = [], False
        for value in values:
            if value is None or value == "":
                out.append(empty)
                failed = failed or empty is _MISSING
                continue
            try:
                out.append(kind.check(value, ctx))
            except Bad as bad:
                out.append(_Failure(str(bad)))
                failed = True
        return self._blank(fld, out, failed)

    @staticmethod
    def _blank(fld: Field, out: list, failed: bool) -> tuple[list, bool]:
        """A required text that is only spaces is missing."""
        if fld.required and isinstance(fld.kind, Text) and "" in out:
            return [_MISSING if a == "" else a for a in out], True
        return out, failed
