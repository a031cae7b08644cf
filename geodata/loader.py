"""Load a scenario — a folder or a GeoPackage — checking it whole (docs/scenario-format.md).

Each file is read by its reader (:mod:`geodata.toml_readers`, :mod:`geodata.story_readers`,
:mod:`geodata.basemap_reader`) through one :class:`~geodata.schema.Checker`, which applies the
file's schema table before anything else reads a value. Every problem found is collected
with its file and row or feature, and all are raised together as one
:class:`~geodata.problems.ScenarioError`; nothing is dropped silently. A GeoPackage answers
the same questions from its tables (:mod:`geodata.gpkg_reader`), so both are held to the
same rules.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .basemap_reader import read_basemap
from .model import Layer, Scenario
from .problems import Problem, Problems, ScenarioError
from .scenario_files import FolderFiles
from .schema import Checker, Context
from .story_readers import read_events, read_routes, read_sites
from .toml_readers import read_chapters, read_scenario_toml, read_sources


def default_scenario_path() -> Path:
    """The Petrograd scenario shipped inside the package."""
    return Path(__file__).resolve().parent / "scenarios" / "petrograd1917"


def load_scenario(path: str | Path | None = None) -> Scenario:
    """Load a scenario folder or GeoPackage; raise ScenarioError listing every problem."""
    path = Path(path) if path is not None else default_scenario_path()
    problems = Problems()
    if path.suffix.lower() == ".gpkg":
        from .gpkg_reader import GeoPackageFiles  # sqlite3 only when a GeoPackage is opened

        with GeoPackageFiles(path, problems) as files:
            return _read(files, path)
    if not path.exists():
        raise ScenarioError([Problem(str(path), "", "no such file or folder")])
    if path.is_file() and path.name == "scenario.toml":
        path = path.parent
    if not path.is_dir():
        raise ScenarioError([Problem(str(path), "", "a scenario is a folder holding "
                                     "scenario.toml, or a .gpkg file")])
    return _read(FolderFiles(path, problems), path)


def validate(path: str | Path | None = None) -> list[Problem]:
    """Every problem of a scenario (empty when it is clean)."""
    try:
        load_scenario(path)
    except ScenarioError as error:
        return error.problems
    return []


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


def _read(files: FolderFiles, path: Path) -> Scenario:
    """Every file through its reader, in the order their references need."""
    problems = files.problems
    checker = Checker(problems, Context())
    with _collector_paused():
        meta = read_scenario_toml(files, checker)
        sources = read_sources(files, checker)
        sites = read_sites(files, checker)
        checker.ctx.site_ids = {s.id for s in sites}
        events = read_events(files, checker)
        routes = read_routes(files, checker)
        chapters = read_chapters(files, checker)
        values = meta.values if meta else {}
        basemap = read_basemap(files, checker, values.get("basemap"))
        problems.raise_if_any()
    ctx = checker.ctx
    return Scenario(
        path=path, title=values["title"], title_ru=values["title_ru"] or "",
        description=values["description"], calendar=ctx.calendar,
        timezone=values["timezone"], start=ctx.start, end=ctx.end,
        default_control=values["default_control"],
        transition_control=values["transition_control"], extent=values["extent"],
        credits=values["credits"], controls=meta.controls, sources=sources, sites=sites,
        events=events, routes=routes, chapters=chapters, basemap=basemap, texts=files.texts)


def load_basemap(path: str | Path) -> dict[str, Layer]:
    """Only the basemap layers of a scenario folder, checked (the benchmarks time them)."""
    problems = Problems()
    files = FolderFiles(Path(path), problems)
    checker = Checker(problems, Context())
    meta = read_scenario_toml(files, checker)
    layers = read_basemap(files, checker, meta.values.get("basemap") if meta else None)
    problems.raise_if_any()
    return layers
