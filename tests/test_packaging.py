"""The app works from a wheel: data files ship inside the package."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCE = (".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis")


def test_wheel_carries_the_data_and_loads_it_outside_the_checkout(tmp_path):
    # built from a copy: pip builds in the source tree, and a stale build/ there would leak
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(source)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("petrograd1917-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        z.extractall(tmp_path / "site")
    for name in ("petrograd1917/geodata/scenarios/petrograd1917/events.csv",
                 "petrograd1917/geodata/scenarios/petrograd1917/basemap/water.geojson",
                 "petrograd1917/geodata/templates/timeslider.html",
                 "petrograd1917/resources/style.toml", "petrograd1917/resources/icon.svg"):
        assert name in names
    top_level = next(n for n in names if n.endswith(".dist-info/top_level.txt"))
    with zipfile.ZipFile(wheel) as z:
        assert z.read(top_level).decode().split() == ["petrograd1917"]
    assert not any(n.startswith(("geodata/", "viewer/", "resources/")) for n in names)
    code = ("import sys; from petrograd1917.geodata import loader; "
            "from petrograd1917.geodata.style import load_style; "
            "s = loader.load_scenario(); load_style(); print(loader.__file__, len(s.sites))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True, text=True,
                         capture_output=True, env={"PYTHONPATH": str(tmp_path / "site")})
    path, count = out.stdout.split()
    assert path.startswith(str(tmp_path / "site")) and int(count) >= 45
    for generic in ("geodata", "viewer", "resources"):   # no generic top-level names
        refused = subprocess.run([sys.executable, "-c", f"import {generic}"], cwd=tmp_path,
                                 capture_output=True, env={"PYTHONPATH": str(tmp_path / "site")})
        assert refused.returncode != 0
