"""What the user has chosen to see, as a Qt-free model (compare napari's ViewerModel): the
language, the visible layers and kinds of site, the selected site and the camera's extent.

Widgets mirror it: the layers panel checks what it says and writes the user's clicks back,
the map, panels and time bar follow its language, so a test can drive the view without a
window and the window copies nothing from one widget into another.
"""

from __future__ import annotations

from collections.abc import Iterable

from .signal import Signal

LANGUAGES = ("en", "ru")
SHOW = ("routes", "labels", "captions")   # the "show" group: things drawn over the map

Extent = tuple[float, float, float, float]


class ViewState:
    """Language, visibility by group ("basemap", "kinds", "show"), selection and extent."""

    def __init__(self, layers: Iterable[str] = (), kinds: Iterable[str] = (),
                 lang: str = "en"):
        self._lang = lang if lang in LANGUAGES else "en"
        self._offered = {"basemap": tuple(layers), "kinds": tuple(kinds), "show": SHOW}
        self._visible = {group: set(names) for group, names in self._offered.items()}
        self._selected = -1
        self._extent: Extent | None = None
        self.language_changed = Signal()    # (lang)
        self.visibility_changed = Signal()  # (group, name, on)
        self.selection_changed = Signal()   # (site index, -1 for none)
        self.extent_changed = Signal()      # (extent)

    # -- language -----------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self._lang

    @lang.setter
    def lang(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"language {value!r}: use one of {', '.join(LANGUAGES)}")
        if value != self._lang:
            self._lang = value
            self.language_changed.emit(value)

    # -- visibility ---------------------------------------------------------------------
    def offered(self, group: str) -> tuple[str, ...]:
        """The names a group offers, in the order the layers panel lists them."""
        return self._offered[group]

    def visible(self, group: str) -> frozenset[str]:
        return frozenset(self._visible[group])

    def is_visible(self, group: str, name: str) -> bool:
        return name in self._visible[group]

    def set_visible(self, group: str, name: str, on: bool) -> None:
        if name not in self._offered[group]:
            raise KeyError(f"{group} has no {name!r}")
        names = self._visible[group]
        if on != (name in names):
            (names.add if on else names.discard)(name)
            self.visibility_changed.emit(group, name, on)

    @property
    def map_layers(self) -> set[str]:
        """The basemap layers drawn; place names come with the labels."""
        return set(self._visible["basemap"]) | (
            {"places"} if "labels" in self._visible["show"] else set())

    # -- selection and camera -------------------------------------------------------------
    @property
    def selected(self) -> int:
        """Index of the selected site in ``scenario.sites``, -1 for none."""
        return self._selected

    @selected.setter
    def selected(self, index: int) -> None:
        if index != self._selected:
            self._selected = index
            self.selection_changed.emit(index)

    @property
    def extent(self) -> Extent | None:
        """The lon/lat extent the map shows (None until a view reports it)."""
        return self._extent

    @extent.setter
    def extent(self, value: Extent) -> None:
        value = tuple(float(v) for v in value)
        if value != self._extent:
            self._extent = value
            self.extent_changed.emit(value)
