"""The files of a scenario folder, read strictly and only from inside the folder.

:class:`FolderFiles` answers the readers' questions — a TOML file's tables, a GeoJSON file's
features, a CSV file's rows — and reports every problem of form (encoding, syntax, duplicate
keys, open quotes, wrong field counts, sizes) with the file and line. The GeoPackage reader
answers the same questions from its tables (:mod:`geodata.gpkg_reader`). The parsing rules
shared by both (TOML shape, GeoJSON features, CSV header) live here too.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import limits
from .model import BASEMAP_LAYERS
from .problems import Problems

ID_RE = re.compile(r"[a-z0-9_]+\Z")
_HUGE_EXPONENT = re.compile(r"[eE]\+?0*[1-9][0-9]{2}")   # 1e100 and more


@dataclass
class Collection:
    """A GeoJSON FeatureCollection: its provenance and (where, geometry, properties)."""

    provenance: str
    features: list[tuple[str, dict, dict]] = field(default_factory=list)
    shapes: list | None = None   # each feature's shapely geometry, when read as one


@dataclass
class Rows:
    """The rows of a table (events.csv): its header, each row's line and values."""

    header: list[str]
    lines: list[int | str] = field(default_factory=list)
    values: list[list[str]] = field(default_factory=list)
    stripped: dict[str, list[str]] | None = None   # the columns, when read as columns

    def columns(self) -> dict[str, list[str]]:
        """The values by column, stripped of surrounding spaces."""
        if self.stripped is not None:
            return self.stripped
        columns = zip(*self.values, strict=True) if self.values else [()] * len(self.header)
        return {name: list(map(str.strip, column))
                for name, column in zip(self.header, columns, strict=True)}


class _Duplicate(ValueError):
    pass


def _unique_pairs(pairs: list[tuple[str, object]]) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return data


def parse_json(text: str, file: str, problems: Problems):
    """The JSON value of ``text``: finite numbers only, no key twice in one object."""
    def constant(name: str):
        raise ValueError(f"{name} is not allowed in this file (numbers must be finite)")

    def number(literal: str) -> float:
        value = float(literal)
        if value in (math.inf, -math.inf):
            raise ValueError(f"the number {literal[:40]} is too large (numbers must be finite)")
        return value

    # the hook costs a call per number: only when a literal may overflow to infinity
    huge = number if _HUGE_EXPONENT.search(text) else None
    try:
        return json.loads(text, parse_constant=constant, parse_float=huge,
                          object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as error:
        problems.add(file, error.lineno, f"broken JSON: {error.msg} (column {error.colno})")
    except _Duplicate as error:
        key = str(error)[: limits.MAX_KEY_LENGTH]
        problems.add(file, "", f"the key {key!r} appears twice in one object (only one can "
                     "count; remove the other)")
    except RecursionError:
        problems.add(file, "", "JSON is nested too deeply to be GeoJSON")
    except ValueError as error:
        problems.add(file, "", str(error))
    return None


def _skip_string(text: str, i: int) -> int:
    """The index after the TOML string starting at ``i`` (or the end of the text)."""
    quote = text[i]
    triple = text.startswith(quote * 3, i)
    j = i + (3 if triple else 1)
    n = len(text)
    while j < n:
        c = text[j]
        if c == "\\" and quote == '"':
            j += 2
            continue
        if c == quote and (not triple or text.startswith(quote * 3, j)):
            return j + (3 if triple else 1)
        if c == "\n" and not triple:
            return j
        j += 1
    return n


def toml_shape_problem(text: str) -> tuple[int, str] | None:
    """(line, message) when ``text`` nests or dots its keys beyond the limits, else None.

    A linear scan before the parser runs: tomllib's time grows with the square of a dotted
    key's parts, and deep nesting exhausts the stack.
    """
    i, n, line = 0, len(text), 1
    stack: list[str] = []
    key_mode, parts = True, 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            if not stack:
                key_mode, parts = True, 1
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            end = _skip_string(text, i)
            line += text.count("\n", i, end)
            i = end
            continue
        elif key_mode:
            if c == ".":
                parts += 1
                if parts > limits.MAX_KEY_PARTS:
                    return line, f"a key of more than {limits.MAX_KEY_PARTS} dotted parts " \
                                 "(the limit)"
            elif c in "=]":
                key_mode = False
        elif c in "[{":
            stack.append(c)
            if len(stack) > limits.MAX_NESTING:
                return line, f"arrays or tables nested more than {limits.MAX_NESTING} deep " \
                             "(the limit)"
            if c == "{":
                key_mode, parts = True, 1
        elif c in "]}":
            if stack:
                stack.pop()
        elif c == "," and stack and stack[-1] == "{":
            key_mode, parts = True, 1
        i += 1
    return None


def _long_key(data: dict) -> str | None:
    stack: list = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if len(key) > limits.MAX_KEY_LENGTH:
                    return key
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
    return None


def parse_toml(text: str, file: str, problems: Problems) -> dict | None:
    """The tables of a TOML text, within the limits of nesting and keys."""
    if len(text) > limits.MAX_TOML_BYTES:
        problems.add(file, "", f"the file has {len(text):,} characters; the limit for TOML "
                     f"files is {limits.MAX_TOML_BYTES:,}")
        return None
    if "\x00" in text:
        problems.add(file, text.count("\n", 0, text.index("\x00")) + 1,
                     "the file holds a NUL byte; save it as plain UTF-8 text")
        return None
    shape = toml_shape_problem(text)
    if shape:
        problems.add(file, shape[0], f"TOML too complex: {shape[1]}")
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.add(file, "", f"broken TOML: {error}")
        return None
    except RecursionError:
        problems.add(file, "", "TOML is nested too deeply")
        return None
    key = _long_key(data)
    if key is not None:
        problems.add(file, "", f"the key {key[:40]!r}... is longer than "
                     f"{limits.MAX_KEY_LENGTH} characters (the limit)")
        return None
    return data


def features_of(data, file: str, problems: Problems, limit: int) -> Collection | None:
    """The features of a GeoJSON FeatureCollection, each with a geometry and properties."""
    if data is None:
        return None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not \
            isinstance(data.get("features"), list):
        problems.add(file, "", "not a GeoJSON FeatureCollection")
        return None
    if len(data["features"]) > limit:
        problems.add(file, "", f"{len(data['features']):,} features; the limit is {limit:,}")
        return None
    provenance = data.get("provenance", "")
    if not isinstance(provenance, str):
        problems.add(file, "", "'provenance' must be text")
        provenance = ""
    out = Collection(provenance)
    for i, feature in enumerate(data["features"], 1):
        if not isinstance(feature, dict):
            problems.add(file, f"feature {i}", "not a GeoJSON feature")
            continue
        props = feature.get("properties")
        props = {} if props is None else props
        geometry = feature.get("geometry")
        if not isinstance(props, dict):
            problems.add(file, f"feature {i}", "'properties' must be an object")
            continue
        ident = props.get("id")
        where = f"feature {i}" + (f" ({ident})" if isinstance(ident, str) and
                                  len(ident) <= limits.MAX_KEY_LENGTH and ID_RE.match(ident)
                                  else "")
        if not isinstance(geometry, dict) or "coordinates" not in geometry:
            problems.add(file, where, "feature has no geometry")
            continue
        out.features.append((where, geometry, props))
    return out


def check_header(header: list[str], file: str, problems: Problems, required: tuple[str, ...],
                 known: tuple[str, ...]) -> bool:
    """Whether a table's columns are usable: no duplicates, none missing (problems added)."""
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        problems.add(file, 1, f"column(s) {', '.join(map(repr, twice))} appear more than "
                     "once (only one could count; remove the others)")
        return False
    missing = [c for c in required if c not in header]
    if missing:
        hint = ""
        if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
            hint = " — the file seems to use ';' or tabs; separate columns with commas"
        problems.add(file, 1, f"missing column(s) {', '.join(missing)}{hint}")
        return False
    unknown = [c for c in header if c not in known]
    if unknown:
        problems.add(file, 1, f"unknown column(s) {', '.join(map(repr, unknown))}")
    return True


def _plain_csv(text: str, file: str, problems: Problems, required: tuple[str, ...],
               known: tuple[str, ...], limit: int) -> Rows | bool | None:
    """The rows of a CSV text whose records are one line each and whole, read at C speed.

    None when anything is unusual (parse_csv then reads it record by record, naming the
    line); False when the header is unusable (its problems added).
    """
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        return None
    lines = text.count("\n") + (not text.endswith("\n"))
    if len(records) != lines or not records or not records[0] or \
            len(records) - 1 > limit:
        return None
    header = [c.strip() for c in records[0]]
    if len(set(map(len, records[1:])) - {0, len(header)}) or \
            len(header) != len(records[0]):
        return None
    if not check_header(header, file, problems, required, known):
        return False
    rows = Rows(header)
    rows.lines = [i for i, record in enumerate(records, 1) if record][1:]
    rows.values = [record for record in records[1:] if record]
    return rows


def parse_csv(text: str, file: str, problems: Problems, required: tuple[str, ...],
              known: tuple[str, ...], limit: int) -> Rows | None:
    """The rows of a CSV text, read strictly: every value on one line, every row whole."""
    if "\x00" in text:
        problems.add(file, text.count("\n", 0, text.index("\x00")) + 1,
                     "the file holds a NUL byte; save it as plain UTF-8 text")
        return None
    rows = _plain_csv(text, file, problems, required, known, limit)
    if rows is not None:
        return rows or None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 0
    try:
        for record in reader:
            first, line = line + 1, reader.line_num
            if not record:
                continue
            if line != first:
                problems.add(file, first, f"a value runs from line {first} to line {line}: "
                             "is a quote left open? (values must be one line)")
                return None
            if rows is None:
                header = [c.strip() for c in record]
                if not check_header(header, file, problems, required, known):
                    return None
                rows = Rows(header)
                continue
            if len(record) != len(rows.header):
                more = len(record) > len(rows.header)
                problems.add(file, line, f"the row has {len(record)} values but the header "
                             f"has {len(rows.header)} columns" +
                             (" (quote text with commas)" if more else
                              " (the row has fewer values than the header has columns)"))
                continue
            if len(rows.lines) >= limit:
                problems.add(file, line, f"more than {limit:,} rows (the limit)")
                return None
            rows.lines.append(line)
            rows.values.append(record)
    except csv.Error as error:
        first = line + 1
        reason = "a quote is opened and never closed" if "end of data" in str(error) \
            else str(error)
        if reader.line_num > first:
            reason += f" — a quote opened on line {first} runs to line {reader.line_num}"
        problems.add(file, first, f"broken CSV: {reason}")
        return None
    if rows is None:
        problems.add(file, 1, "the file is empty (it needs a header row)")
    return rows


class FolderFiles:
    """A scenario folder's files, each read only if it lies inside the folder."""

    def __init__(self, root: Path, problems: Problems):
        self.root = root
        self.real_root = root.resolve()
        self.problems = problems
        self.texts: dict[str, str] = {}   # the TOML files as written

    def label(self, rel: str) -> str:
        return str(self.root / rel)

    def _path(self, rel: str) -> Path | None:
        """The file ``rel`` (fixed names and checked folder names) if inside the folder."""
        path = self.root / rel
        if not path.exists() and not path.is_symlink():
            return path
        if not path.resolve().is_relative_to(self.real_root):
            self.problems.add(self.label(rel), "", "is a link to a place outside the scenario "
                              "folder; copy the file into the folder instead")
            return None
        return path

    def text(self, rel: str, required: bool = True) -> str | None:
        path = self._path(rel)
        if path is None:
            return None
        if not path.is_file():
            if required or path.exists():
                self.problems.add(self.label(rel), "", "file is missing" if not path.exists()
                                  else "is not a file")
            return None
        size = path.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            self.problems.add(self.label(rel), "", f"file is {size / 2**20:.0f} MB; the limit "
                              f"is {limits.MAX_FILE_BYTES // 2**20} MB per file — split or "
                              "simplify it")
            return None
        data = path.read_bytes()
        try:
            return data.decode("utf-8-sig")  # a BOM (Excel's habit) is accepted
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.problems.add(self.label(rel), line, f"the file is not UTF-8 (byte "
                              f"0x{data[error.start]:02x}); save it as UTF-8")
            return None

    def toml(self, rel: str, required: bool = True) -> dict | None:
        text = self.text(rel, required)
        if text is None:
            return None
        self.texts[rel] = text
        return parse_toml(text, self.label(rel), self.problems)

    def collection(self, rel: str, limit: int, required: bool = True) -> Collection | None:
        text = self.text(rel, required)
        if text is None:
            return None
        file = self.label(rel)
        return features_of(parse_json(text, file, self.problems), file, self.problems, limit)

    def rows(self, rel: str, required_columns: tuple[str, ...], known: tuple[str, ...],
             limit: int) -> Rows | None:
        text = self.text(rel)
        if text is None:
            return None
        return parse_csv(text, self.label(rel), self.problems, required_columns, known, limit)

    def layer_names(self, folder: str) -> list[str] | None:
        """The basemap layers present in ``folder``; None (a problem added) if it is absent."""
        path = self._path(folder)
        if path is None:
            return None
        if not path.is_dir():
            self.problems.add(self.label("scenario.toml"), "basemap",
                              f"the basemap folder {folder!r} is missing or not a folder (or "
                              "write basemap = false for a scenario without a map)")
            return None
        names = [n for n in BASEMAP_LAYERS if (path / f"{n}.geojson").exists()]
        if not names:
            self.problems.add(self.label(folder), "", "the basemap folder holds none of "
                              f"{', '.join(n + '.geojson' for n in BASEMAP_LAYERS)} (or write "
                              "basemap = false in scenario.toml)")
            return None
        return names
