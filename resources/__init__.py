"""The app's shared tables (style.toml, texts.toml) and its icon, found next to this file.

A plain path rather than :mod:`importlib.resources`: importing that costs the app's start
about 10 ms (docs/performance.md), and the package is always installed as files.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def read_text(name: str) -> str:
    """The text of the shared file ``name`` (UTF-8)."""
    return (FOLDER / name).read_text("utf-8")
