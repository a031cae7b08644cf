"""One bench figure: its value, unit, the in-run baseline or target it is read against, and
whether a target is missed; medians and spreads of interleaved runs."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass
class Figure:
    """One output line: value, unit, and its baseline (a target or another figure)."""

    name: str
    value: float | None
    unit: str
    note: str = ""            # the parenthesised ratio / baseline text
    missed: bool = False

    def line(self) -> str:
        if self.value is None:
            return f"{self.name}: skipped ({self.note})"
        digits = 3 if abs(self.value) < 1 else 2 if abs(self.value) < 10 else 1
        if self.value == int(self.value) and self.unit == "modules":
            digits = 0
        text = f"{self.name}: {self.value:.{digits}f} {self.unit} ({self.note})"
        return text + (" MISSED" if self.missed else "")


def at_most(name: str, value: float, unit: str, target: float, extra: str = "") -> Figure:
    """A figure whose target is an upper bound."""
    note = f"{value / target:.2f}× target ≤ {target:g} {unit}" + (f"; {extra}" if extra else "")
    return Figure(name, value, unit, note, value > target)


def at_least(name: str, value: float, unit: str, target: float, extra: str = "") -> Figure:
    """A figure whose target is a lower bound (frames per second)."""
    note = f"{value / target:.2f}× target ≥ {target:g} {unit}" + (f"; {extra}" if extra else "")
    return Figure(name, value, unit, note, value < target)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def spread(values: Sequence[float], fmt: str = ".1f") -> str:
    """``median of n, min–max``: how much the runs of one figure swung."""
    if len(values) < 2:
        return "1 run"
    return f"median of {len(values)}, {min(values):{fmt}}–{max(values):{fmt}}"


def interleaved(rounds: int, sides: dict[str, Callable[[], dict]]) -> dict[str, list[dict]]:
    """Run each side once per round, in turn (A, B, A, B…), so that all sides see the same
    machine load; returns every side's results in order."""
    results: dict[str, list[dict]] = {name: [] for name in sides}
    for _ in range(rounds):
        for name, run in sides.items():
            results[name].append(run())
    return results


def column(runs: list[dict], key: str) -> list[float]:
    return [float(r[key]) for r in runs]
