"""A scenario GeoPackage read as untrusted input: its tables answer the readers' questions.

:class:`GeoPackageFiles` answers what :class:`~geodata.scenario_files.FolderFiles` answers —
the TOML texts (from the ``meta`` table), each layer's features, the events' rows — so a
GeoPackage is held to exactly the rules of a folder. It reads the file with SQLite, read-only
and immutable, counting each layer by its rows (never by ``gpkg_ogr_contents``), and writes
nothing anywhere. Any failure of the file itself is "not a GeoPackage that this app can read
(…)"; a bad value is a ``file:layer:row`` problem.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from . import limits
from .model import BASEMAP_LAYERS
from .problems import Problem, Problems, ScenarioError
from .scenario_files import ID_RE, Collection, Rows, check_header, parse_toml

META_FILES = ("scenario.toml", "chapters.toml", "sources.toml")
QGIS_COLUMNS = ("start_gregorian", "end_gregorian")   # written for QGIS' time controller
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


class _Unreadable(Exception):
    """The file itself cannot be read as a GeoPackage."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _wkb(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    envelope = (blob[3] >> 1) & 7
    if envelope not in _ENVELOPE_BYTES:
        raise ValueError("bad geometry header")
    return blob[8 + _ENVELOPE_BYTES[envelope]:]


def _utf8(text: str) -> bool:
    """Whether ``text`` is text SQLite can be asked about (no lone surrogates)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _lenient(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _geometry(blob) -> dict | str | None:
    """One geometry blob as GeoJSON (a dict), None, or what made it unreadable."""
    import shapely

    if blob is None:
        return None
    try:
        if not isinstance(blob, bytes):
            raise ValueError("not a geometry blob")
        geom = shapely.from_wkb(_wkb(blob))
        return json.loads(shapely.to_geojson(geom)) if geom is not None else None
    except (ValueError, TypeError, shapely.errors.ShapelyError) as error:
        return str(error).splitlines()[0][:80] or type(error).__name__


def _empty_rows(rows: list[tuple], by_column: list[tuple]) -> bool:
    """Whether a row (rowid, *values) has only NULL values (``by_column``: rows transposed)."""
    if not all(None in column for column in by_column[1:]):
        return False
    return any(all(v is None for v in row[1:]) for row in rows)


def _stripped_texts(columns: list[tuple]) -> list[list[str]] | None:
    """Each column's values stripped, NULL as ""; None if any value is not text or NULL.

    ``str.strip`` mapped over a column refuses anything but a ``str`` (a TypeError), so
    the type check costs nothing when every value is text."""
    out = []
    for column in columns:
        try:
            out.append(list(map(str.strip, column)))
        except TypeError:
            if column.count(None) == len(column):   # an unused column
                out.append([""] * len(column))
                continue
            try:
                out.append(list(map(str.strip, ["" if v is None else v for v in column])))
            except TypeError:
                return None
    return out


class GeoPackageFiles:
    """The tables of a scenario GeoPackage, in the shape of a scenario folder's files."""

    def __init__(self, path: Path, problems: Problems):
        self.path = path
        self.problems = problems
        self.texts: dict[str, str] = {}
        self._db: sqlite3.Connection | None = None
        self._tables: dict[str, tuple[str | None, dict[str, str]]] = {}

    # -- opening -----------------------------------------------------------------------
    def __enter__(self) -> GeoPackageFiles:
        try:
            self._open()
        except (_Unreadable, sqlite3.Error, ValueError, OSError, UnicodeError) as error:
            self.close()
            raise self._refusal(error) from None
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.close()
        if isinstance(error, (_Unreadable, sqlite3.Error)):
            raise self._refusal(error) from None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        """Every row of ``sql``. Texts are decoded at C speed; a text that is not UTF-8
        is read again with its bad bytes kept as lone surrogates, which the value rules
        then name."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as error:
            if "decode" not in str(error):
                raise
        self._db.text_factory = _lenient
        try:
            return self._db.execute(sql, parameters).fetchall()
        finally:
            self._db.text_factory = str

    def _refusal(self, error: BaseException) -> ScenarioError:
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        return ScenarioError([Problem(str(self.path), "", "not a GeoPackage that this app "
                                      f"can read ({reason})")])

    def _open(self) -> None:
        if not self.path.is_file():
            raise _Unreadable("no such file")
        size = self.path.stat().st_size
        if size > limits.MAX_GPKG_BYTES:
            raise _Unreadable(f"{size / 2**20:.0f} MB; the limit is "
                              f"{limits.MAX_GPKG_BYTES // 2**20} MB")
        with open(self.path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise _Unreadable("not an SQLite file")
        uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True)
        geometry = {row[0]: (row[1], row[2]) for row in self._query(
            "SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns")}
        for (table,) in self._query("SELECT table_name FROM gpkg_contents"):
            if not isinstance(table, str):
                continue
            column, srs = geometry.get(table, (None, None))
            types = {row[1]: str(row[2]).upper() for row in self._query(
                f"PRAGMA table_info({_quote(table)})")}
            for name in types:
                if isinstance(name, str) and not _utf8(name):
                    raise _Unreadable(f"a column name of the layer {table[:40]!r} is not "
                                      "UTF-8 text")
            if column is not None and srs != 4326:
                crs = next(iter(self._query(
                    "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys "
                    "WHERE srs_id = ?", (srs,))), None)
                if crs is None or str(crs[0]).upper() != "EPSG" or crs[1] != 4326:
                    self.problems.add(self.label(table), "", f"the layer's CRS is not WGS84 "
                                      f"lon/lat (EPSG:4326) but {crs or srs}; reproject it")
                    continue
            self._tables[table] = (column, types)
        missing = [n for n in ("meta", "sites", "events") if n not in self._tables]
        if missing:
            raise _Unreadable(f"layer(s) {', '.join(missing)} missing; write the file with "
                              "'petrograd1917 export-gpkg'")
        for where, name, text in self._meta():
            if name in self.texts:
                self.problems.add(self.label("meta"), where, f"{name!r} appears twice")
            self.texts[name] = text

    def _meta(self) -> list[tuple[str, str, str]]:
        out = []
        for rowid, name, text in self._query("SELECT rowid, name, text FROM meta"):
            if not isinstance(name, str):
                self.problems.add(self.label("meta"), rowid, "'name' must be text")
            elif isinstance(text, str):
                out.append((str(rowid), name, text))
            elif text is not None:
                self.problems.add(self.label("meta"), rowid, f"'text' of {name[:40]!r} must "
                                  f"be text, not {type(text).__name__}")
        return out

    # -- the questions of a scenario folder --------------------------------------------
    def label(self, rel: str) -> str:
        """``file.gpkg:layer`` (``file.gpkg:meta:scenario.toml`` for the TOML texts)."""
        return f"{self.path}:meta:{rel}" if rel in META_FILES else f"{self.path}:{Path(rel).stem}"

    def toml(self, rel: str, required: bool = True) -> dict | None:
        text = self.texts.get(rel)
        if not text:
            if required:
                self.problems.add(self.label("meta"), "", f"{rel} is missing")
            return None
        return parse_toml(text, self.label(rel), self.problems)

    def _within(self, layer: str, limit: int) -> bool:
        """Whether a table's rows, counted, keep within ``limit`` (else a problem added)."""
        count = self._query(f"SELECT count(*) FROM {_quote(layer)}")[0][0]
        if count > limit:
            self.problems.add(self.label(layer), "", f"{count:,} rows; the limit is {limit:,}")
        return count <= limit

    def _select(self, layer: str, columns: list[str]) -> list[tuple]:
        """(rowid, *columns) of each row of a table, in the order of its rows."""
        return self._query(f"SELECT rowid{''.join(', ' + _quote(c) for c in columns)} FROM "
                           f"{_quote(layer)} ORDER BY rowid")

    def _value(self, layer: str, where, column: str, value, types: dict[str, str]):
        if isinstance(value, bytes):
            self.problems.add(self.label(layer), where, f"{column!r} holds binary data, "
                              "not a value")
            return None
        if types.get(column) == "BOOLEAN" and value in (0, 1):
            return bool(value)
        return value

    def collection(self, rel: str, limit: int, required: bool = True) -> Collection | None:
        layer = Path(rel).stem
        if layer not in self._tables:
            if required:
                self.problems.add(self.label(layer), "", "the layer is missing")
            return None
        geometry_column, types = self._tables[layer]
        if not self._within(layer, limit):
            return None
        columns = list(types)
        rows = self._select(layer, columns)
        values = [c for c in columns if c not in (geometry_column, "fid")]
        # Whether any row may break the rules checked row by row below (an empty row,
        # binary data in a value), asked of whole columns; if none may, only the booleans
        # need a look.
        by_column = list(zip(*rows, strict=True))
        plain = not rows or not _empty_rows(rows, by_column) and not any(
            bytes in set(map(type, by_column[i])) for i, c in enumerate(columns, 1)
            if c in values)
        looked = [c for c in values if types.get(c) == "BOOLEAN"] if plain else values
        out = Collection(self.texts.get(f"provenance:{layer}", ""))
        index = columns.index(geometry_column) + 1 if geometry_column in columns else None
        shapes, geoms = self._geometries([row[index] for row in rows] if index is not None
                                         else [None] * len(rows))
        if geoms is not None:
            out.shapes = []
        skip = {geometry_column, "fid"}
        kept = [j for j, c in enumerate(columns, 1) if c not in skip]
        names = [columns[j - 1] for j in kept]
        # every value of every property column present (not NULL, not ""): each row's
        # properties are then simply its values by name
        full = bool(rows and kept) and plain and not looked and not any(
            None in by_column[j] or "" in by_column[j] for j in kept)
        whole = zip(*(by_column[j] for j in kept), strict=True) if full else rows
        for k, (row, shape, found) in enumerate(zip(rows, shapes, whole, strict=True)):
            where = str(row[0])
            if not plain and all(v is None for v in row[1:]):
                self.problems.add(self.label(layer), where, "the row is empty (all NULL)")
                continue
            props = dict(zip(names, found, strict=True)) if full else {
                c: v for c, v in zip(columns, row[1:], strict=True)
                if c not in skip and v is not None and v != ""}
            for column in looked:
                if column in props:
                    props[column] = self._value(layer, where, column, props[column], types)
            ident = props.get("id")
            if isinstance(ident, str) and len(ident) <= limits.MAX_KEY_LENGTH and \
                    ID_RE.match(ident):
                where = f"{where} ({ident})"
            if shape is None:
                self.problems.add(self.label(layer), where, "feature has no geometry")
                continue
            if isinstance(shape, str):
                self.problems.add(self.label(layer), where, f"unreadable geometry ({shape})")
                continue
            out.features.append((where, shape, props))
            if geoms is not None:
                out.shapes.append(geoms[k])
        return out

    def _geometries(self, blobs: list) -> tuple[list, object]:
        """Each geometry blob as GeoJSON (a dict), None, or what made it unreadable; and the
        shapely geometries (an array) when all are plain (:mod:`geodata.wkb_lists`).

        All at once when every blob reads; otherwise one by one, to name each bad one."""
        import numpy as np
        import shapely

        from .wkb_lists import geojson_dicts

        try:
            wkbs = np.array([None if b is None else _wkb(b) for b in blobs], dtype=object)
            geoms = shapely.from_wkb(wkbs)
            dicts = geojson_dicts(geoms)   # plain 2-D geometries: no JSON text in between
            if dicts is not None:
                return dicts, geoms
            texts = shapely.to_geojson(geoms)
            return json.loads("[" + ",".join("null" if t is None else t for t in texts)
                              + "]"), None
        except (ValueError, TypeError, shapely.errors.ShapelyError):
            return [_geometry(blob) for blob in blobs], None

    def rows(self, rel: str, required_columns: tuple[str, ...], known: tuple[str, ...],
             limit: int) -> Rows | None:
        layer = Path(rel).stem
        geometry_column, types = self._tables[layer]
        if not self._within(layer, limit):
            return None
        header = [c for c in types if c not in ("fid", geometry_column)
                  and c not in QGIS_COLUMNS]
        file = self.label(layer)
        if not check_header(header, file, self.problems, required_columns, known):
            return None
        rows = self._select(layer, header)
        out = Rows(header)
        # Whether any row may break the rules checked row by row below (an empty row, a
        # value that is not text), asked of whole columns; if none may, the columns are
        # taken whole (NULL read as "", as below).
        by_column = list(zip(*rows, strict=True))
        texts = None if rows and _empty_rows(rows, by_column) else \
            _stripped_texts(by_column[1:] if rows else [()] * len(header))
        if texts is not None:
            out.lines = list(by_column[0]) if rows else []
            out.stripped = dict(zip(header, texts, strict=True))
            return out
        for row in rows:
            values = row[1:]
            if all(v is None for v in values):
                self.problems.add(file, row[0], "the row is empty (all NULL)")
                continue
            text = []
            for column, value in zip(header, values, strict=True):
                if value is not None and not isinstance(value, str):
                    self.problems.add(file, row[0], f"{column!r} must be text, not "
                                      f"{type(value).__name__}")
                    value = None
                text.append("" if value is None else value)
            out.lines.append(row[0])
            out.values.append(text)
        return out

    def layer_names(self, folder: str) -> list[str] | None:
        names = [n for n in BASEMAP_LAYERS if n in self._tables]
        if not names:
            self.problems.add(str(self.path), "", "the GeoPackage holds no basemap layer (or "
                              "write basemap = false in its scenario.toml)")
            return None
        return names
