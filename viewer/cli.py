"""Command line: ``petrograd1917 [COMMAND]``; with no command the desktop app starts.

The parser and the commands live in viewer.commands; the app started with no arguments at
all (the usual start) needs neither. Heavy modules (Qt, geopandas, folium) are imported only
by the commands that need them.

Scenario problems are printed one per line as ``file:where: message`` with exit status 2;
an unexpected error prints one line and leaves its traceback in the user's log folder.
``validate`` also prints the consistency checker's warnings as ``warning: file:where: …``
(exit status 0, or 1 with ``--strict``).
"""

from __future__ import annotations

import faulthandler
import os
import sys

# Our arrays are small: OpenBLAS' thread pool buys nothing and costs ~20 ms at start-up.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from ..geodata.problems import ScenarioError

COMMANDS = ("run", "state", "validate", "export-gpkg", "export-html", "snapshot",
            "export-video")


def main(argv: list[str] | None = None) -> int:
    if not faulthandler.is_enabled() and sys.stderr is not None:
        try:
            faulthandler.enable()   # a crash in native code still tells where it happened
        except (AttributeError, ValueError, OSError):
            pass   # no usable stderr (a windowed launcher)
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        argv.insert(0, "run")
    try:
        if argv == ["run"]:   # the usual start, no arguments: no parser to build
            from .app import run

            return run()
        from .commands import HANDLERS, build_parser

        args = build_parser().parse_args(argv)
        return HANDLERS[args.command](args)
    except ScenarioError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"petrograd1917: the scenario has {len(error.problems)} problem(s); "
              "nothing was written", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("petrograd1917: interrupted; nothing was written", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"petrograd1917: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 1
    except Exception as error:  # the last line of defence: no traceback for users
        from .crashlog import log_exception, one_line

        log_exception(error)
        print(f"petrograd1917: {one_line(error)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
