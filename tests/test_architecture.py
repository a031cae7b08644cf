"""The shape of the code: no import cycles, no Qt in geodata, small files and classes, and
every colour in the style table.

Read from the source (ast), so the checks cost no imports and name the file at fault.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGES = ("geodata", "viewer")
MAX_FILE_LINES = 600
MAX_CLASS_LINES = 400

# Known exceptions, each with the reason; remove an entry when its file is back in bounds.
LONG_FILES: dict[str, str] = {}
LONG_CLASSES: dict[str, str] = {}
# Imports that close a cycle today, with the change that removes them.
KNOWN_CYCLE_EDGES: dict[tuple[str, str], str] = {}


def modules() -> dict[str, Path]:
    """``geodata.model`` -> its file, for every module of the two packages."""
    return {f"{package}.{path.stem}": path for package in PACKAGES
            for path in sorted((ROOT / package).glob("*.py"))}


def imports(name: str, path: Path) -> set[str]:
    """Every module this one imports, at any level (also inside functions), by full name."""
    package = name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # Level 1 is this package; level 2 the top (geodata, viewer are siblings).
            prefix = {0: [], 1: [package], 2: []}[node.level]
            base = ".".join(prefix + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def import_graph(known: bool = False) -> dict[str, set[str]]:
    """Who imports whom among our modules (without ``KNOWN_CYCLE_EDGES`` unless ``known``)."""
    mods = modules()
    return {name: {m for m in imports(name, path) if m in mods and m != name
                   and (known or (name, m) not in KNOWN_CYCLE_EDGES)}
            for name, path in mods.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}   # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_import_walk_sees_relative_and_lazy_imports():
    graph = import_graph()
    assert "geodata.model" in graph["geodata.loader"]
    assert "geodata.calendar" in graph["viewer.commands"]     # from ..geodata import calendar
    assert "geodata.webmap_layers" in graph["geodata.webmap"]  # imported inside a function


def test_there_is_no_import_cycle():
    assert find_cycle(import_graph()) is None, " -> ".join(find_cycle(import_graph()) or [])
    full = import_graph(known=True)
    for a, b in KNOWN_CYCLE_EDGES:
        assert b in full[a], f"{a} no longer imports {b}: remove it from KNOWN_CYCLE_EDGES"


def test_a_cycle_would_be_found():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_geodata_never_imports_qt_and_nothing_at_run_time_imports_pyproj():
    for name, path in modules().items():
        found = {m.split(".")[0] for m in imports(name, path)}
        if name.startswith("geodata."):
            assert not found & {"PySide6", "PyQt5", "PyQt6", "shiboken6"}, path
        assert "pyproj" not in found, f"{path}: pyproj is a test dependency only"


def test_nothing_signals_a_process_to_ask_whether_it_runs():
    # os.kill(pid, 0) ends the process on Windows; geodata.atomic asks psutil instead.
    for path in modules().values():
        calls = [n for n in ast.walk(ast.parse(path.read_text("utf-8")))
                 if isinstance(n, ast.Attribute) and n.attr == "kill"
                 and getattr(n.value, "id", "") == "os"]
        assert not calls, path


def source_files() -> list[Path]:
    files = [p for folder in ("geodata", "viewer", "tests", "bench", "scripts")
             for p in (ROOT / folder).rglob("*.py")]
    return sorted(files + list((ROOT / "geodata" / "templates").glob("*.html")))


def test_no_file_is_over_600_lines():
    long = {str(p.relative_to(ROOT)): n for p in source_files()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_FILE_LINES}
    assert set(long) <= set(LONG_FILES), f"files over {MAX_FILE_LINES} lines: {long}"


def test_no_class_is_over_400_lines():
    long = {}
    for path in source_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_CLASS_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    assert set(long) <= set(LONG_CLASSES), f"classes over {MAX_CLASS_LINES} lines: {long}"


def test_the_known_exceptions_are_still_exceptions():
    """An exception that no longer applies is removed from the lists above."""
    for name in LONG_FILES:
        assert len((ROOT / name).read_text("utf-8").splitlines()) > MAX_FILE_LINES, \
            f"{name} is back under {MAX_FILE_LINES} lines: remove it from LONG_FILES"
    for name in LONG_CLASSES:
        file, cls = name.split(":")
        tree = ast.parse((ROOT / file).read_text("utf-8"))
        sizes = [n.end_lineno - n.lineno + 1 for n in ast.walk(tree)
                 if isinstance(n, ast.ClassDef) and n.name == cls]
        assert sizes and max(sizes) > MAX_CLASS_LINES, \
            f"{name} is back under {MAX_CLASS_LINES} lines: remove it from LONG_CLASSES"


COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\brgba?\(\s*\d|QColor\(\s*\d")


def test_every_colour_comes_from_the_style_table():
    """Colours live in resources/style.toml (and a scenario's controls), not in code."""
    files = [p for package in PACKAGES for p in (ROOT / package).glob("*.py")]
    files += list((ROOT / "geodata" / "templates").glob("*.html"))
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in files
             for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
             if COLOUR.search(line) and "noqa: colour" not in line]
    assert not found, "\n".join(found)


def test_tests_wait_on_conditions_not_on_the_clock():
    """No fixed sleeps: a test sleeps only while polling a condition (inside a loop), and
    every time limit it gives a wait is a hang guard of at least 60 s."""
    problems = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        in_loop = {id(n) for loop in ast.walk(tree) if isinstance(loop, ast.While)
                   for n in ast.walk(loop)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            where = f"{path.name}:{node.lineno}"
            if name == "sleep" and id(node) not in in_loop:
                problems.append(f"{where}: a fixed sleep")
            if name in ("qWait", "wait") and getattr(node.func.value, "id", "") == "qtbot":
                problems.append(f"{where}: a fixed wait")
            for kw in node.keywords:
                if kw.arg == "timeout" and isinstance(kw.value, ast.Constant):
                    ms = name in ("waitUntil", "waitSignal", "waitExposed")
                    seconds = kw.value.value / 1000 if ms else kw.value.value
                    if seconds < 60:
                        problems.append(f"{where}: a {seconds:g} s limit is a timing")
    assert not problems, "\n".join(problems)


def test_slow_tests_are_marked_and_still_run_by_the_test_command():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    assert any(m.startswith("slow:") for m in config["ini_options"]["markers"])
    assert "-m" not in config["ini_options"].get("addopts", "").split()
    assert 'pytest "$@"' in (ROOT / "dev.sh").read_text("utf-8")   # no -m filter
