"""Test set-up: Qt without a display, and the scenarios the tests read."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Speed is the bench's job: on a shared, busy machine a single example may take seconds, so
# Hypothesis' per-example deadline is off for every property test.
settings.register_profile("petrograd", deadline=None)
settings.load_profile("petrograd")

DATA = Path(__file__).parent / "data"


def assert_same_scenario(back, original) -> None:
    """What a round trip must keep: the story, its sources and the basemap's features."""
    assert back.sites == original.sites
    assert back.events == original.events
    assert back.routes == original.routes
    assert back.chapters == original.chapters
    assert back.controls == original.controls and back.sources == original.sources
    assert {k: len(v.features) for k, v in back.basemap.items()} == \
        {k: len(v.features) for k, v in original.basemap.items()}


def edit_gpkg(path, *statements: str) -> None:
    """Run SQL ``statements`` on a GeoPackage, as a database tool would edit it."""
    import sqlite3

    with sqlite3.connect(path) as db:
        for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
            db.create_function(name, 1, lambda blob: 0)   # for GDAL's R-tree triggers
        for statement in statements:
            db.execute(statement)
    db.close()


def bench_scenario(folder: Path, **sizes: int):
    """A scenario from the bench's generator (``bench/make_synthetic.py``), loaded."""
    import sys

    from petrograd1917.geodata.loader import load_scenario

    bench = str(Path(__file__).resolve().parent.parent / "bench")
    sys.path.insert(0, bench)
    try:
        from make_synthetic import make_scenario
    finally:
        sys.path.remove(bench)
    return load_scenario(make_scenario(folder, **sizes))


def shown_map_view(qtbot, scenario, size=(1280, 720)):
    """A map view of ``scenario`` shown and settled, its pulses frozen (pictures comparable)."""
    from petrograd1917.viewer.mapscene import MapScene
    from petrograd1917.viewer.mapview import MapView

    view = MapView(MapScene(scenario))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view._settle.stop()
    view._settled()
    view.map.clock = lambda: 0.0
    return view


@pytest.fixture(scope="session")
def mini():
    from petrograd1917.geodata.loader import load_scenario

    return load_scenario(DATA / "mini")


@pytest.fixture(scope="session")
def petrograd():
    from petrograd1917.geodata.loader import load_scenario

    return load_scenario()


@pytest.fixture
def open_window(qtbot, petrograd, tmp_path):
    """A shown main window on the Petrograd scenario, with settings in a temp file."""

    def open_(size=(1280, 800), scenario=None):
        from petrograd1917.viewer.window import MainWindow
        from PySide6.QtCore import QSettings

        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        w = MainWindow(scenario or petrograd, settings)
        qtbot.addWidget(w)
        w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        return w

    return open_
