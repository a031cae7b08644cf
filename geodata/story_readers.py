"""Readers of the story's files: sites.geojson, events.csv and routes.geojson."""

from __future__ import annotations

from operator import attrgetter

from . import calendar as cal
from . import limits
from .geomcheck import lonlat, lonlats
from .model import Event, Route, Site
from .scenario_files import FolderFiles
from .schema import EVENTS, ROUTES, SITES, Checker

EVENT_COLUMNS = tuple(f.name for f in EVENTS.fields if f.required)
PART_OF_DAY_HOURS = (0, 6, 12, 18)
# precision: (length of the window in minutes, the times of day it may start at, in words)
PRECISION_RULES = {
    "minute": (0, None, ""),
    "hour": (60, frozenset(range(0, cal.MINUTES_PER_DAY, 60)), "on the full hour"),
    "part_of_day": (360, frozenset(h * 60 for h in PART_OF_DAY_HOURS),
                    "at 00:00, 06:00, 12:00 or 18:00"),
    "day": (1440, frozenset((0,)), "at 00:00"),
}


def read_sites(files: FolderFiles, checker: Checker) -> list[Site]:
    file = files.label("sites.geojson")
    problems = checker.problems
    sites: list[Site] = []
    seen: set[str] = set()
    features = files.collection("sites.geojson", limits.MAX_SITES)
    features = features.features if features else []
    checks = checker.records([f[2] for f in features], [f[0] for f in features], SITES, file)
    points = None   # every site's (lon, lat), when all are plainly good Points
    if all(type(f[1]) is dict and f[1].get("type") == "Point" for f in features):
        points = lonlats([f[1].get("coordinates") for f in features], checker.ctx.near)
    for k, ((where, geometry, _), checked) in enumerate(zip(features, checks, strict=True)):
        if points is not None:
            lon, lat = points[k]
        elif geometry.get("type") != "Point":
            problems.add(file, where, f"a site must be a Point, not "
                         f"{str(geometry.get('type'))[:40]!r}")
            continue
        else:
            try:
                lon, lat = lonlat(geometry.get("coordinates"), checker.ctx.near)
            except ValueError as error:
                problems.add(file, where, str(error))
                continue
        if not checker.admit(checked, seen, file, where):
            continue
        sites.append(Site(checked["id"], checked["name_en"], checked["name_ru"],
                          checked["kind"], checked["description"], lon, lat,
                          checked["initial_control"], checked["sources"], checked["off_map"],
                          checked["rank"], checked["description_ru"]))
    return sites


def read_events(files: FolderFiles, checker: Checker) -> list[Event]:
    """events.csv, each row checked by the same rules (values memoised by their text)."""
    file = files.label("events.csv")
    problems = checker.problems
    table = files.rows("events.csv", EVENT_COLUMNS, EVENTS.names(), limits.MAX_EVENTS)
    events: list[Event] = []
    seen: set[str] = set()
    if table is None:
        return events
    columns, bad = checker.columns(table.columns(), table.lines, EVENTS, file, texts=True)
    rules = PRECISION_RULES
    ids = columns["id"]
    unique = len(set(ids)) == len(ids)   # then no row can be a duplicate
    for i, (ident, site, time, precision, earliest, latest, control, during, caption,
            caption_ru, sources, note) in enumerate(zip(*columns.values(), strict=True)):
        if i in bad:
            continue
        rule = rules.get(precision)
        if rule is not None and time is not None and earliest is None and latest is None \
                and (rule[1] is None or time % cal.MINUTES_PER_DAY in rule[1]):
            window = time, time, time + rule[0]   # the common case, as _window() says
        else:
            window = _window(precision, time, earliest, latest, table.lines[i], file,
                             problems)
            if window is None:
                continue
        if not unique:
            if ident in seen:
                problems.add(file, table.lines[i], f"duplicate id {ident!r}")
                continue
            seen.add(ident)
        events.append(Event(ident, site, *window, precision, control, during, caption,
                            caption_ru, sources, note))
    events.sort(key=attrgetter("time"))
    return events


def _window(precision: str, time: int | None, earliest: int | None, latest: int | None,
            line: int, file: str, problems) -> tuple[int, int, int] | None:
    """(time, earliest, latest) of an event from its precision, or None (a problem added)."""
    if precision == "window":
        if earliest is None or latest is None:
            problems.add(file, line, "precision 'window' needs 'earliest' and 'latest'")
            return None
        if earliest >= latest:
            problems.add(file, line, "'earliest' must come before 'latest'")
            return None
        if time is None:
            return earliest, earliest, latest
        if not earliest <= time <= latest:
            problems.add(file, line, "'time' must lie between 'earliest' and 'latest'")
            return None
        return time, earliest, latest
    if time is None:
        problems.add(file, line, "'time' is missing (write YYYY-MM-DDTHH:MM)")
        return None
    if earliest is not None or latest is not None:
        problems.add(file, line, "'earliest' and 'latest' belong to precision 'window' only")
        return None
    length, allowed, need = PRECISION_RULES[precision]
    if allowed is not None and time % cal.MINUTES_PER_DAY not in allowed:
        problems.add(file, line, f"with precision '{precision}' the time must be {need} (or "
                     "use precision 'window' with earliest/latest)")
        return None
    return time, time, time + length


def read_routes(files: FolderFiles, checker: Checker) -> list[Route]:
    file = files.label("routes.geojson")
    problems = checker.problems
    routes: list[Route] = []
    seen: set[str] = set()
    features = files.collection("routes.geojson", limits.MAX_ROUTES, required=False)
    features = features.features if features else []
    checks = checker.records([f[2] for f in features], [f[0] for f in features], ROUTES, file)
    for (where, geometry, _), checked in zip(features, checks, strict=True):
        if geometry.get("type") != "LineString":
            problems.add(file, where, "a route must be a LineString")
            continue
        raw = geometry.get("coordinates")
        if type(raw) is not list or len(raw) < 2:
            problems.add(file, where, "a route needs at least two points")
            continue
        try:
            coords = tuple(lonlat(c, checker.ctx.near) for c in raw)
        except ValueError as error:
            problems.add(file, where, str(error))
            continue
        if not checker.admit(checked, seen, file, where, span=True):
            continue
        routes.append(Route(checked["id"], checked["name_en"], checked["name_ru"],
                            checked["kind"], checked["start"], checked["end"], coords,
                            checked["sources"], checked["site"], checked["description"],
                            checked["description_ru"]))
    return routes
