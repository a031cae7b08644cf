"""Readers of a scenario's TOML files: scenario.toml, sources.toml and chapters.toml."""

from __future__ import annotations

from dataclasses import dataclass

from . import calendar as cal
from . import limits
from .geomcheck import neighbourhood
from .model import Chapter, Control, Source
from .scenario_files import FolderFiles
from .schema import CHAPTERS, CONTROLS, ID_RE, SCENARIO, SOURCES, Checker


@dataclass
class Meta:
    """The checked values of scenario.toml (None where a value was wrong)."""

    values: dict
    controls: dict[str, Control]


def read_scenario_toml(files: FolderFiles, checker: Checker) -> Meta | None:
    """scenario.toml: controls first, then the calendar, the span and the rest."""
    file = files.label("scenario.toml")
    problems, ctx = checker.problems, checker.ctx
    data = files.toml("scenario.toml")
    if data is None:
        return None
    controls: dict[str, Control] = {}
    tables = data.get("controls")
    if not isinstance(tables, dict) or not tables:
        problems.add(file, "[controls]", "no controls declared (add [controls.NAME] tables)")
    elif len(tables) > limits.MAX_CONTROLS:
        problems.add(file, "[controls]", f"{len(tables)} controls declared; the limit is "
                     f"{limits.MAX_CONTROLS}")
    else:
        for key, table in tables.items():
            where = f"[controls.{key if ID_RE.match(key) else repr(key[:40])}]"
            if not ID_RE.match(key):
                problems.add(file, where, "a control's name must be lowercase letters, digits "
                             "and _")
            elif not isinstance(table, dict):
                problems.add(file, where, "must be a table")
            elif (checked := checker.record(table, CONTROLS, file, where)) is not None:
                controls[key] = Control(key, checked["label_en"], checked["label_ru"],
                                        checked["colour"], checked["hatch"])
    ctx.controls = controls
    calendar = data.get("calendar", cal.JULIAN)
    if calendar in cal.CALENDARS:
        ctx.calendar = calendar
    if data.get("basemap") == "":
        problems.add(file, "basemap", "'basemap' is empty: name the basemap folder, or write "
                     "basemap = false for a scenario without a map")
        data = dict(data, basemap=False)
    values = checker.record(data, SCENARIO, file, "", ignore=("controls",))
    if values is None:   # report every problem, keep what was right
        values = {}
        for fld in SCENARIO.fields:
            try:
                values[fld.name] = checker.value(fld, data.get(fld.name))
            except ValueError:
                values[fld.name] = None
    start, end = values.get("start"), values.get("end")
    if start is not None and end is not None:
        if start >= end:
            problems.add(file, "end", "'end' must come after 'start'")
        elif end - start > limits.MAX_SPAN_DAYS * cal.MINUTES_PER_DAY:
            problems.add(file, "end", f"the span from 'start' to 'end' is "
                         f"{(end - start) // cal.MINUTES_PER_DAY:,} days; the limit is "
                         f"{limits.MAX_SPAN_DAYS} (a decade)")
        else:
            ctx.start, ctx.end = start, end
    if values.get("extent"):
        ctx.near = neighbourhood(values["extent"])
    return Meta(values, controls)


def read_sources(files: FolderFiles, checker: Checker) -> dict[str, Source]:
    file = files.label("sources.toml")
    problems = checker.problems
    data = files.toml("sources.toml")
    sources: dict[str, Source] = {}
    if data is None:
        return sources
    if len(data) > limits.MAX_SOURCES:
        problems.add(file, "", f"{len(data):,} sources; the limit is {limits.MAX_SOURCES:,}")
        return sources
    for key, table in data.items():
        where = f"[{key if ID_RE.match(key) else repr(key[:40])}]"
        if not ID_RE.match(key):
            problems.add(file, where, "a source key must be lowercase letters, digits and _")
        elif not isinstance(table, dict):
            problems.add(file, where, "must be a table with author and title")
        elif (checked := checker.record(table, SOURCES, file, where)) is not None:
            sources[key] = Source(key, checked["author"], checked["title"], checked["year"],
                                  checked["url"], checked["note"])
    if not data:
        problems.add(file, "", "the bibliography is empty")
    checker.ctx.sources = sources if len(sources) == len(data) else dict.fromkeys(data)
    return sources


def read_chapters(files: FolderFiles, checker: Checker) -> list[Chapter]:
    file = files.label("chapters.toml")
    problems = checker.problems
    data = files.toml("chapters.toml", required=False) or {}
    chapters: list[Chapter] = []
    seen: set[str] = set()
    tables = data.get("chapter", [])
    other = [k for k in data if k != "chapter"]
    if other:
        problems.add(file, "", f"unknown table(s) {', '.join(repr(k[:40]) for k in other)} "
                     "(write chapters as [[chapter]] tables)")
    if not isinstance(tables, list):
        problems.add(file, "", "write chapters as [[chapter]] tables")
        return chapters
    if len(tables) > limits.MAX_CHAPTERS:
        problems.add(file, "", f"{len(tables):,} chapters; the limit is {limits.MAX_CHAPTERS}")
        return chapters
    for i, table in enumerate(tables, 1):
        where = f"chapter {i}"
        if not isinstance(table, dict):
            problems.add(file, where, "must be a table")
            continue
        checked = checker.record(table, CHAPTERS, file, where)
        if not checker.admit(checked, seen, file, where, span=True):
            continue
        chapters.append(Chapter(checked["id"], checked["title_en"], checked["title_ru"],
                                checked["start"], checked["end"], checked["extent"],
                                float(checked["seconds"]), checked["narration"],
                                checked["layers"], checked["narration_ru"]))
    return chapters
