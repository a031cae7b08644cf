"""A shown scenario's place in Python's cyclic garbage collector.

Reading a big scenario makes hundreds of thousands of containers (the synthetic one
~430 000, most of them GeoJSON coordinate lists) that live as long as the window shows it
and make no reference cycles (``tests/test_long_sessions.py`` checks that a replaced scenario
goes at once). Left in the collector's generations, they were scanned three times as they
aged, all before the first frame (0.43 s of CPU on the synthetic scenario).

:func:`read_shown_scenario` moves them out with ``gc.freeze()`` right after the read. Why
this and not a raised ``gc.set_threshold`` while the scene is built: a higher threshold
only puts the same three scans off until after the first frame (a stall on the first
scrub instead), and every later full collection would scan the scenario again; frozen, it
is never scanned. The price of freezing: an object frozen that later dies *in a cycle* is
not collected while it stays frozen (one that dies by reference count is freed as usual,
as a replaced scenario is). So every read starts with ``gc.unfreeze()``: what the last
read froze is collectable again, and such leftovers live at most until the next open.
"""

from __future__ import annotations

import gc
from pathlib import Path

from ..geodata.loader import load_scenario
from ..geodata.model import Scenario


def read_shown_scenario(path: str | Path | None) -> Scenario:
    """Read (and check) the scenario at ``path`` for the window, frozen out of the collector.

    Raises what :func:`geodata.loader.load_scenario` raises; then nothing is frozen."""
    gc.unfreeze()   # the last scenario's objects and their neighbours: collectable again
    enabled = gc.isenabled()
    gc.disable()   # until frozen: the loader's own pause ends before the read's last objects
    try:
        scenario = load_scenario(path)
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return scenario
