"""A seeded mutation fuzzer of scenarios: every field of every file, in process.

Each case copies the default scenario, spoils one place of one file — a value of any field
replaced by a hostile one (wrong types, extremes, unicode, structure), a row or feature
dropped or doubled, or a few raw bytes changed — and then runs what a user would:
load → state → HTML export → a small offscreen snapshot. A case passes when it either
renders or is refused with the project's ScenarioError; any other exception is a failure.
Some cases are GeoPackages written from the spoilt folder.

    .venv/bin/python tests/fuzz.py --cases 1500 --seed 1     # the long run (docs/robustness.md)

The quick, fixed-seed run is tests/test_fuzz.py (part of ./dev.sh test).
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
import tomllib
import traceback
from pathlib import Path

import tomli_w

HOSTILE = [
    None, True, False, 0, -1, 1, 3, 2**31, 2**63, -(2**63), 10**400, 1e308, -1e308, 1e-300,
    0.5, "", " ", "\n", "\t", "x", "winter_palace", "mrc", "reed1919", "1917-10-25T02:00",
    "1917-02-30T02:00", "0001-01-01T00:00", "9999-12-31T23:59", "١٩١٧-١٠-٢٥T02:00",
    "１９１７-10-25T02:00", "\ud800", "a\x00b", "\x07", "\u2028", "\u202eRTL", "e\u0301",
    "🛳️", "<script>alert(1)</script>", "javascript:alert(1)", "../../etc/passwd", "/etc",
    "C:\\x", "x" * 5000, "#zzzzzz", "window", "hour", "part_of_day", "day", "minute",
    [], {}, [1, 2], [30.3, 59.9], [30.3, 59.9, 1.0], [[30.3, 59.9]], ["a", "b"], {"a": 1},
    {"type": "Point", "coordinates": [30.3, 59.9]}, [[[[[[[[[[1]]]]]]]]]],
]
TEXT_VALUES = [v for v in HOSTILE if isinstance(v, str)] + [
    '"', '""', "a,b", 'x"y', ";", "reed1919;", "unknown_key", "e001"]


def _leaves(value, path=()):
    """Every (path, value) inside a JSON/TOML value, containers included."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, path + (i,))


def _set(data, path, value) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value


_DELETE = object()


def _mutate_structure(data, rng: random.Random):
    """One place of a parsed JSON/TOML file replaced, deleted or doubled."""
    places = [p for p, _ in _leaves(data) if p]
    if not places:
        return rng.choice(HOSTILE)
    path = rng.choice(places)
    what = rng.random()
    if what < 0.75:
        _set(data, path, copy.deepcopy(rng.choice(HOSTILE)))
    elif what < 0.9:
        _set(data, path, _DELETE)
    else:   # double it (a duplicated feature, row or list item)
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, list):
            parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
    return data


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(data)) if data else 0
        choice = rng.random()
        if choice < 0.4 and data:
            data[i] = rng.randrange(256)
        elif choice < 0.7:
            data[i:i] = rng.choice([b'"', b",", b"\n", b"\x00", b"[", b"{", b"\\", b"\xff"])
        elif data:
            del data[i:i + rng.randint(1, 20)]
    return bytes(data)


def _mutate_csv(text: str, rng: random.Random) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    choice = rng.random()
    if choice < 0.6:
        r = rng.randrange(len(rows))
        c = rng.randrange(len(rows[r]))
        rows[r][c] = str(rng.choice(TEXT_VALUES))
    elif choice < 0.7:
        rows[0][rng.randrange(len(rows[0]))] = rng.choice(rows[0])   # a duplicated column
    elif choice < 0.85 and len(rows) > 2:
        del rows[rng.randrange(1, len(rows))][rng.randrange(3)]      # a short row
    else:
        rows.insert(rng.randrange(1, len(rows) + 1), list(rng.choice(rows[1:])))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _toml_safe(value):
    """TOML has no null and only 64-bit integers: those become what TOML can hold."""
    if value is None:
        return "null"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63:
        return float("inf")
    if isinstance(value, dict):
        return {k: _toml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_toml_safe(v) for v in value]
    return value


def spoil(folder: Path, rng: random.Random) -> str:
    """Spoil one file of the scenario in ``folder``; say what was done."""
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    name = rng.choice(files)
    path = folder / name
    if rng.random() < 0.15:
        path.write_bytes(_mutate_bytes(path.read_bytes(), rng))
        return f"{name}: bytes"
    text = path.read_text("utf-8")
    if name.endswith(".csv"):
        path.write_text(_mutate_csv(text, rng), "utf-8", errors="surrogatepass")
        return f"{name}: csv"
    if name.endswith(".toml"):
        data = _toml_safe(_mutate_structure(tomllib.loads(text), rng))
        if not isinstance(data, dict):
            data = {"x": data}
        try:
            path.write_text(tomli_w.dumps(data), "utf-8", errors="surrogatepass")
        except (TypeError, ValueError):
            path.write_bytes(_mutate_bytes(text.encode(), rng))
        return f"{name}: toml"
    data = _mutate_structure(json.loads(text), rng)
    path.write_text(json.dumps(data, ensure_ascii=rng.random() < 0.5, allow_nan=True),
                    "utf-8", errors="surrogatepass")
    return f"{name}: json"


def run_case(folder: Path, out: Path, as_gpkg: bool) -> str:
    """'refused' or 'rendered'; raises anything else."""
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.geodata.problems import ScenarioError
    from petrograd1917.geodata.timeline import Timeline
    from petrograd1917.geodata.webmap import export_html
    from petrograd1917.viewer.render import save_snapshot

    source: Path = folder
    try:
        if as_gpkg:
            from petrograd1917.geodata.gpkg import write_gpkg

            scenario = load_scenario(folder)   # a GeoPackage is written from a valid folder
            source = out / "case.gpkg"
            write_gpkg(scenario, source)
            with open(source, "r+b") as handle:   # then spoilt at random bytes
                size = handle.seek(0, 2)
                rng = random.Random(size)
                for _ in range(3):
                    handle.seek(rng.randrange(size))
                    handle.write(bytes([rng.randrange(256)]))
        scenario = load_scenario(source)
    except ScenarioError as error:
        assert error.problems and all(str(p) for p in error.problems)
        return "refused"
    t = (scenario.start + scenario.end) // 2
    Timeline(scenario).state_at(t)
    export_html(scenario, out / "page.html", at=t)
    save_snapshot(scenario, out / "snap.png", t, size=(160, 100))
    return "rendered"


def fuzz(cases: int, seed: int, base: Path | None = None, gpkg_every: int = 10) -> dict:
    """Run ``cases`` cases; the counts of each outcome and the failures."""
    from petrograd1917.geodata.loader import default_scenario_path

    base = base or default_scenario_path()
    counts = {"refused": 0, "rendered": 0}
    failures = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="p17-fuzz-") as tmp:
        for case in range(cases):
            rng = random.Random(seed * 1_000_003 + case)
            folder = Path(tmp) / "scenario"
            out = Path(tmp) / "out"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            shutil.copytree(base, folder)
            out.mkdir()
            as_gpkg = gpkg_every > 0 and case % gpkg_every == gpkg_every - 1
            what = "GeoPackage bytes" if as_gpkg else spoil(folder, rng)
            try:
                counts[run_case(folder, out, as_gpkg)] += 1
            except Exception:   # noqa: BLE001 — exactly what the fuzzer looks for
                failures.append((case, what, traceback.format_exc(limit=6)))
    return {"cases": cases, "seed": seed, "seconds": time.perf_counter() - started,
            **counts, "failures": failures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 — snapshots need it
    result = fuzz(args.cases, args.seed)
    for case, what, trace in result["failures"]:
        print(f"case {case} ({what}):\n{trace}")
    print(f"{result['cases']} cases, seed {result['seed']}, {result['seconds']:.0f} s: "
          f"{result['rendered']} rendered, {result['refused']} refused with a clear error, "
          f"{len(result['failures'])} failures")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
