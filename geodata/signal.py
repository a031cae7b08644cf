"""A minimal observer, so that models stay free of Qt (compare napari's EventedModel)."""

from __future__ import annotations

from collections.abc import Callable


class Signal:
    """Callbacks connected to a model attribute; ``emit`` calls them in order."""

    def __init__(self) -> None:
        self._slots: list[Callable] = []

    def connect(self, slot: Callable) -> None:
        if slot not in self._slots:
            self._slots.append(slot)

    def disconnect(self, slot: Callable) -> None:
        if slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args) -> None:
        for slot in list(self._slots):
            slot(*args)
