"""Test set-up: Qt without a display, and the scenarios the tests read."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def mini():
    from geodata.loader import load_scenario

    return load_scenario(DATA / "mini")


@pytest.fixture(scope="session")
def petrograd():
    from geodata.loader import load_scenario

    return load_scenario()
