"""The app works from a wheel: data files ship inside the package."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_the_data_and_loads_it_outside_the_checkout(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("petrograd1917-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        z.extractall(tmp_path / "site")
    for name in ("geodata/scenarios/petrograd1917/events.csv",
                 "geodata/scenarios/petrograd1917/basemap/water.geojson",
                 "geodata/templates/timeslider.html", "resources/style.toml",
                 "resources/icon.svg"):
        assert name in names
    code = ("import geodata, sys; from geodata.loader import load_scenario; "
            "from geodata.style import load_style; s = load_scenario(); load_style(); "
            "print(geodata.__file__, len(s.sites))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True, text=True,
                         capture_output=True, env={"PYTHONPATH": str(tmp_path / "site")})
    path, count = out.stdout.split()
    assert path.startswith(str(tmp_path / "site")) and int(count) >= 45
