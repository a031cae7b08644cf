"""The shared style table (resources/style.toml): colours, widths, fonts and symbols."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class KindStyle:
    shape: str
    size: float
    priority: int


@dataclass(frozen=True)
class Style:
    map: dict[str, str]
    widths: dict[str, float]
    fonts: dict[str, object]
    kinds: dict[str, KindStyle]
    shapes: dict[str, list[tuple[float, float]]]
    routes: dict[str, list[float]]

    def kind(self, kind: str) -> KindStyle:
        return self.kinds.get(kind, self.kinds["other"])


@cache
def load_style() -> Style:
    text = (resources.files("petrograd1917.resources") / "style.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Style(
        map=data["map"], widths=data["widths"], fonts=data["fonts"],
        kinds={k: KindStyle(v["shape"], float(v["size"]), int(v["priority"]))
               for k, v in data["kinds"].items()},
        shapes={k: [tuple(p) for p in v] for k, v in data["shapes"].items()},
        routes=data["routes"])
