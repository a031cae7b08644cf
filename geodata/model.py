"""The scenario model: places, timed events, movements, chapters and sources.

Plain dataclasses, filled by :mod:`geodata.loader` and read by every view. All times are
minutes on the calendar-neutral scale of :mod:`geodata.calendar`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SITE_KINDS = ("government", "military", "communications", "transport", "bridge", "party",
              "ship", "press", "finance", "other")
PRECISIONS = ("minute", "hour", "part_of_day", "day", "window")
ROUTE_KINDS = ("ship", "sailors", "troops", "red_guards", "car", "walk", "train")
HATCHES = ("none", "horizontal", "vertical", "cross", "diagonal", "back_diagonal",
           "diagonal_cross", "dots")
# The columns of events.csv, in the order the app writes them.
EVENT_FIELDS = ("id", "site", "time", "precision", "earliest", "latest", "control", "during",
                "caption", "caption_ru", "sources", "note")
SITE_RANKS = (1, 2, 3, 4, 5)   # label importance: 1 = central to the story ... 5 = minor
BASEMAP_LAYERS = ("water", "green", "districts", "railways", "streets", "bridges", "places")


def in_lang(lang: str, english: str, russian: str) -> str:
    """The Russian text for ``lang`` "ru" when there is one; otherwise the English."""
    return russian if lang == "ru" and russian else english


@dataclass(frozen=True)
class Control:
    """One side of the struggle (or a state between): its bilingual label, colour and hatch."""

    id: str
    label_en: str
    label_ru: str
    colour: str
    hatch: str = "none"

    def label(self, lang: str = "en") -> str:
        return self.label_ru if lang == "ru" else self.label_en


@dataclass(frozen=True)
class Source:
    """A work cited by the scenario's events, sites and routes."""

    key: str
    author: str
    title: str
    year: int | None = None
    url: str = ""
    note: str = ""

    def citation(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.author}, {self.title}{year}"


class Named:
    """The bilingual name and description of a Site or a Route (fields of the dataclass)."""

    name_en: str
    name_ru: str
    description: str
    description_ru: str

    def name(self, lang: str = "en") -> str:
        return self.name_ru if lang == "ru" else self.name_en

    def description_in(self, lang: str = "en") -> str:
        """The description in ``lang``, falling back to English."""
        return in_lang(lang, self.description, self.description_ru)


@dataclass(frozen=True)
class Site(Named):
    """A place on the map, its kind, its label rank and its control at the start."""

    id: str
    name_en: str
    name_ru: str
    kind: str
    description: str
    lon: float
    lat: float
    initial_control: str
    sources: tuple[str, ...]
    off_map: bool = False
    rank: int = 3              # label importance: 1 = central to the story ... 5 = minor
    description_ru: str = ""


@dataclass(frozen=True)
class Event:
    """A dated happening at a site: its time and window, the control it gives, caption, sources."""

    id: str
    site: str
    time: int          # best estimate
    earliest: int      # uncertainty window [earliest, latest]
    latest: int
    precision: str
    control: str | None  # control after the event; None = no change
    during: str | None   # control shown inside the window
    caption: str
    caption_ru: str
    sources: tuple[str, ...]
    note: str = ""

    def text(self, lang: str = "en") -> str:
        return in_lang(lang, self.caption, self.caption_ru)


@dataclass(frozen=True)
class Route(Named):
    """A movement along a line between two times, of a kind (ship, troops, car, …)."""

    id: str
    name_en: str
    name_ru: str
    kind: str
    start: int
    end: int
    coords: tuple[tuple[float, float], ...]
    sources: tuple[str, ...]
    site: str | None = None
    description: str = ""
    description_ru: str = ""


@dataclass(frozen=True)
class Chapter:
    """A stretch of the story with its view, narration and layers (lectures)."""

    id: str
    title_en: str
    title_ru: str
    start: int
    end: int
    extent: tuple[float, float, float, float]
    seconds: float
    narration: str
    layers: tuple[str, ...] = ()   # layers shown during the cue; empty = all
    narration_ru: str = ""

    def title(self, lang: str = "en") -> str:
        return in_lang(lang, self.title_en, self.title_ru)

    def narration_in(self, lang: str = "en") -> str:
        """The narration in ``lang``, falling back to English."""
        return in_lang(lang, self.narration, self.narration_ru)


@dataclass(frozen=True)
class Feature:
    """A basemap feature: GeoJSON geometry dict and its properties."""

    geometry: dict
    properties: dict

    @property
    def name_en(self) -> str:
        name = self.properties.get("name_en")
        return name if isinstance(name, str) else ""

    @property
    def name_ru(self) -> str:
        name = self.properties.get("name_ru")
        return name if isinstance(name, str) else ""


@dataclass
class Layer:
    """A basemap layer: its features and where they come from."""

    name: str
    provenance: str
    features: list[Feature] = field(default_factory=list)


@dataclass
class Scenario:
    """Everything a scenario holds (folder or GeoPackage), read and checked."""

    path: Path
    title: str
    title_ru: str
    description: str
    calendar: str
    timezone: str
    start: int
    end: int
    default_control: str
    transition_control: str
    extent: tuple[float, float, float, float]
    credits: str
    controls: dict[str, Control]
    sources: dict[str, Source]
    sites: list[Site]
    events: list[Event]      # sorted by time
    routes: list[Route]
    chapters: list[Chapter]
    basemap: dict[str, Layer]
    texts: dict[str, str] = field(default_factory=dict)  # raw TOML files, for GeoPackage

    def __post_init__(self) -> None:
        self._site_index = {site.id: i for i, site in enumerate(self.sites)}

    def title_in(self, lang: str = "en") -> str:
        """The scenario's title in ``lang``, falling back to English."""
        return in_lang(lang, self.title, self.title_ru)

    def site(self, site_id: str) -> Site:
        return self.sites[self._site_index[site_id]]

    def site_index(self, site_id: str) -> int:
        return self._site_index[site_id]

    def source_keys(self, refs: tuple[str, ...]) -> list[tuple[Source | None, str]]:
        """Resolve ``key:locator`` references to (source, locator) pairs."""
        out = []
        for ref in refs:
            key, _, locator = ref.partition(":")
            out.append((self.sources.get(key.strip()), locator.strip()))
        return out
