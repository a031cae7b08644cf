"""The week at a glance: how many sites each control held, sampled over the whole span.

:func:`site_balance` evaluates the state rule of :class:`~geodata.timeline.Timeline` (the
same vectorised rule the map uses) every ``step`` minutes from the scenario's start to its
end, and counts the sites held by each control. The transition control ("contested") is
one of the bands, so its share shows where control was changing hands. Every site counts,
off-map ones (Kronstadt) included.

The desktop time bar, snapshots, videos and the HTML page draw these counts as stacked bands
behind the time axis, in the controls' colours, bottom to top in :attr:`Balance.controls`:
the first side, then "unknown" and "contested" in the middle, then the other sides, so the
balance visibly tips as one side's band swallows the other's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Scenario
from .timeline import Timeline

DEFAULT_STEP = 10  # minutes: 865 samples over six days, finer than the bar's pixels


@dataclass(frozen=True)
class Balance:
    """Sites held by each control at sample times ``start, start + step, …, end``."""

    start: int              # minutes (the scenario's scale), first sample
    step: int               # minutes between samples
    controls: tuple[str, ...]  # control ids in stacking order, bottom first
    counts: np.ndarray      # int32, shape (samples, len(controls)); rows sum to ``sites``
    sites: int              # how many sites are counted

    @property
    def times(self) -> np.ndarray:
        return self.start + self.step * np.arange(len(self.counts), dtype=np.int64)

    def shares(self) -> np.ndarray:
        """``counts`` as fractions of all sites (0 … 1), same shape."""
        return self.counts / max(self.sites, 1)

    def at(self, t: int) -> dict[str, int]:
        """Sites held by each control at the sample nearest ``t``."""
        i = int(np.clip(round((t - self.start) / self.step), 0, len(self.counts) - 1))
        return dict(zip(self.controls, (int(v) for v in self.counts[i]), strict=True))

    def as_json(self) -> dict:
        """Plain lists for a web page: ``counts[k][i]`` = sites of ``controls[k]`` at sample
        ``i``; sample ``i`` lies ``offset + i * step`` minutes after the scenario's start."""
        return {"offset": 0, "step": self.step, "sites": self.sites,
                "controls": list(self.controls),
                "counts": [col.tolist() for col in self.counts.T]}


def stacking_order(scenario: Scenario) -> tuple[str, ...]:
    """Control ids bottom to top: first side, default ("unknown"), transition, other sides."""
    middle = [c for c in (scenario.default_control, scenario.transition_control)
              if c in scenario.controls]
    sides = [c for c in scenario.controls if c not in middle]
    return tuple(sides[:1] + list(dict.fromkeys(middle)) + sides[1:])


def site_balance(scenario: Scenario, step: int = DEFAULT_STEP,
                 timeline: Timeline | None = None) -> Balance:
    """Count the sites each control holds every ``step`` minutes over the whole span."""
    if step <= 0:
        raise ValueError("step must be a positive number of minutes")
    timeline = timeline or Timeline(scenario)
    order = stacking_order(scenario)
    column = np.array([order.index(c) for c in timeline.control_ids], dtype=np.int64)
    samples = (scenario.end - scenario.start) // step + 1
    # The state at the start, then every change of control added at the first sample at or
    # after it: the same counts as evaluating the state rule at every sample.
    points = timeline.change_points()
    delta = np.zeros((samples + 1, len(order)), dtype=np.int64)
    delta[0] = np.bincount(column[points.initial], minlength=len(order))
    at = -((scenario.start - points.time) // step)          # ceil((time - start) / step)
    np.add.at(delta, (at, column[points.new]), 1)
    np.add.at(delta, (at, column[points.old]), -1)
    counts = np.cumsum(delta[:samples], axis=0).astype(np.int32)
    return Balance(scenario.start, step, order, counts, len(scenario.sites))
