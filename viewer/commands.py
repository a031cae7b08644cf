"""The command line's parser and its commands (``petrograd1917 COMMAND``; see viewer.cli).

Heavy modules (Qt, geopandas, folium) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..geodata import calendar as cal
from ..geodata.problems import ScenarioError


def _time_arg(text: str | None, scenario, ns: bool) -> int | None:
    """Parse ``--at`` in the scenario's calendar (or Gregorian with ``--ns``)."""
    if text is None:
        return None
    calendar = cal.GREGORIAN if ns else scenario.calendar
    try:
        minutes = cal.parse_time(text, calendar)
    except ValueError as error:
        raise SystemExit(f"petrograd1917: --at: {error}") from None
    if not scenario.start <= minutes <= scenario.end:
        raise SystemExit(f"petrograd1917: --at {text} is outside the scenario's span "
                         f"{cal.iso(scenario.start, scenario.calendar)} – "
                         f"{cal.iso(scenario.end, scenario.calendar)}")
    return minutes


def _size_arg(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"{text!r}: width and height must be 16..8192")
    return w, h


def _extent_arg(text: str) -> tuple[float, float, float, float]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or not (values[0] < values[2] and values[1] < values[3]):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an extent lon_min,lat_min,lon_max,lat_max")
    return values  # type: ignore[return-value]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="petrograd1917",
        description="A map of the October Revolution in Petrograd, 21-26 October 1917.")
    sub = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--scenario", type=Path, help="scenario folder or .gpkg "
                       "(default: the embedded Petrograd scenario)")
        return p

    run = command("run", "start the desktop app (the default)")
    run.add_argument("--at", help="start at this time, e.g. 1917-10-25T21:40")
    run.add_argument("--ns", action="store_true", help="--at is New Style (Gregorian)")

    state = command("state", "print the control of every site at a time")
    state.add_argument("--at", required=True, help="time, e.g. 1917-10-25T07:30")
    state.add_argument("--ns", action="store_true", help="--at is New Style (Gregorian)")
    state.add_argument("--json", action="store_true", help="print JSON")

    validate = sub.add_parser(
        "validate", help="check a scenario: its problems, then where it contradicts itself",
        description="Check a scenario. Problems (the scenario cannot be used) are printed as "
        "'file:where: message'; warnings (captions, routes, chapters or descriptions that "
        "seem to disagree with the events) as 'warning: file:where: message'.",
        epilog="exit status: 0 no problems (warnings may be printed); 1 warnings with "
        "--strict; 2 problems")
    validate.add_argument("path", type=Path, nargs="?", help="scenario folder or .gpkg")
    validate.add_argument("--strict", action="store_true",
                          help="exit with status 1 when there are warnings")

    gpkg = command("export-gpkg", "write the scenario as one GeoPackage (for QGIS)")
    gpkg.add_argument("out", type=Path)

    html = command("export-html", "write one offline HTML file with the map and time slider")
    html.add_argument("out", type=Path)
    html.add_argument("--at", help="time the page opens at")
    html.add_argument("--ns", action="store_true", help="--at is New Style (Gregorian)")
    html.add_argument("--lang", choices=("en", "ru"), default="en")
    html.add_argument("--view", type=_extent_arg, help="lon_min,lat_min,lon_max,lat_max")

    snap = command("snapshot", "render the map at a time to PNG, SVG or PDF")
    snap.add_argument("out", type=Path)
    snap.add_argument("--at", required=True, help="time, e.g. 1917-10-25T21:40")
    snap.add_argument("--ns", action="store_true", help="--at is New Style (Gregorian)")
    snap.add_argument("--size", type=_size_arg, default=(1920, 1080), help="WxH pixels")
    snap.add_argument("--view", type=_extent_arg, help="lon_min,lat_min,lon_max,lat_max")
    snap.add_argument("--lang", choices=("en", "ru"), default="en")
    snap.add_argument("--page", choices=("A4", "A3", "slide"),
                      help="lay the map out on a page (default for .svg: slide, .pdf: A4)")
    snap.add_argument("--portrait", action="store_true", help="the page stands upright")
    snap.add_argument("--dpi", type=int, default=300, help="pixels per inch of a .png page")

    video = command("export-video", "write the story as MP4 or GIF")
    video.add_argument("out", type=Path)
    video.add_argument("--from", dest="start", help="start time (default: scenario start)")
    video.add_argument("--to", dest="end", help="end time (default: scenario end)")
    video.add_argument("--ns", action="store_true", help="times are New Style (Gregorian)")
    video.add_argument("--fps", type=int, default=30)
    video.add_argument("--size", type=_size_arg, default=(1920, 1080), help="WxH pixels")
    video.add_argument("--seconds", type=float, default=20.0, help="length of the video")
    video.add_argument("--chapters", action="store_true", help="follow the chapters' cues")
    video.add_argument("--lang", choices=("en", "ru"), default="en")
    return parser


def cmd_state(args) -> int:
    from ..geodata.loader import load_scenario
    from ..geodata.timeline import Timeline

    scenario = load_scenario(args.scenario)
    timeline = Timeline(scenario)
    t = _time_arg(args.at, scenario, args.ns)
    state = timeline.state_at(t)
    rows = []
    for i, site in enumerate(scenario.sites):
        k = int(state.event[i])
        event = scenario.events[k] if k >= 0 else None
        since = timeline.control_since(site.id, t)   # the start of the deciding window
        rows.append({
            "id": site.id, "name_en": site.name_en, "name_ru": site.name_ru,
            "lon": site.lon, "lat": site.lat, "kind": site.kind,
            "control": timeline.control_ids[state.control[i]],
            "since": cal.iso(since, scenario.calendar) if since is not None else None,
            "caption": event.caption if event else None,
        })
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(cal.format_long(t, scenario.calendar))
    for row in rows:
        since = f"since {row['since']}" if row["since"] else "from the start"
        print(f"{row['id']:32} {row['control']:12} {since}")
    return 0


def cmd_validate(args) -> int:
    from ..geodata.consistency import check_consistency
    from ..geodata.loader import default_scenario_path, load_scenario
    from ..geodata.texts import untranslated

    path = args.path or default_scenario_path()
    try:
        scenario = load_scenario(path)
    except ScenarioError as error:
        problems, warnings, missing = error.problems, [], []
    else:
        found = check_consistency(scenario)
        problems, warnings = found.errors, found.warnings
        missing = untranslated(scenario)
    for problem in problems:
        print(problem)
    for warning in warnings:
        print(f"warning: {warning}")
    if problems:
        print(f"{len(problems)} problem(s) in {path}", file=sys.stderr)
        return 2
    for line in missing:
        print(f"note: {line}")
    untranslated_note = f" ({len(missing)} text(s) without Russian)" if missing else ""
    if warnings:
        print(f"{path}: no problems, {len(warnings)} warning(s){untranslated_note}",
              file=sys.stderr)
        return 1 if args.strict else 0
    print(f"{path}: OK{untranslated_note}")
    return 0


def cmd_export_gpkg(args) -> int:
    from ..geodata.gpkg import write_gpkg
    from ..geodata.loader import load_scenario

    write_gpkg(load_scenario(args.scenario), args.out)
    print(f"wrote {args.out}")
    return 0


def cmd_export_html(args) -> int:
    from ..geodata.loader import load_scenario
    from ..geodata.webmap import export_html

    scenario = load_scenario(args.scenario)
    export_html(scenario, args.out, at=_time_arg(args.at, scenario, args.ns),
                view=args.view, lang=args.lang)
    print(f"wrote {args.out}")
    return 0


def cmd_snapshot(args) -> int:
    from ..geodata.loader import load_scenario
    from .render import save_snapshot

    scenario = load_scenario(args.scenario)
    page = None
    if args.page or args.portrait or args.out.suffix.lower() in (".svg", ".pdf"):
        from .print_page import PageSpec

        if not 50 <= args.dpi <= 1200:
            raise SystemExit("petrograd1917: --dpi must be between 50 and 1200")
        paper = args.page or ("slide" if args.out.suffix.lower() == ".svg" else "A4")
        page = PageSpec(paper, not args.portrait, args.dpi)
    save_snapshot(scenario, args.out, _time_arg(args.at, scenario, args.ns), args.size,
                  args.view, args.lang, page)
    print(f"wrote {args.out}")
    return 0


def cmd_export_video(args) -> int:
    from ..geodata.loader import load_scenario
    from .video import export_video_cli

    scenario = load_scenario(args.scenario)
    start = _time_arg(args.start, scenario, args.ns)
    end = _time_arg(args.end, scenario, args.ns)
    return export_video_cli(scenario, args.out, start, end, args)


def cmd_run(args) -> int:
    from .app import run

    return run(args.scenario, getattr(args, "at", None), getattr(args, "ns", False))


HANDLERS = {"run": cmd_run, "state": cmd_state, "validate": cmd_validate,
            "export-gpkg": cmd_export_gpkg, "export-html": cmd_export_html,
            "snapshot": cmd_snapshot, "export-video": cmd_export_video}
