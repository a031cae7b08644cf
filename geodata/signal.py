"""A minimal observer, so that models stay free of Qt (compare napari's EventedModel)."""

from __future__ import annotations

from collections.abc import Callable
from types import MethodType
from weakref import WeakMethod


class Signal:
    """Callbacks connected to a model attribute; ``emit`` calls them in order.

    Bound methods are held weakly (as Qt and psygnal do): a model never keeps the views
    that listen to it alive, and a view that holds its model makes no reference cycle.
    Other callables (functions, lambdas) are held as given.
    """

    def __init__(self) -> None:
        self._slots: list[Callable | WeakMethod] = []

    def connect(self, slot: Callable) -> None:
        if slot not in self._live():
            self._slots.append(WeakMethod(slot) if isinstance(slot, MethodType) else slot)

    def disconnect(self, slot: Callable) -> None:
        self._slots = [s for s in self._slots if _resolve(s) not in (slot, None)]

    def emit(self, *args) -> None:
        for slot in self._live():
            slot(*args)

    def _live(self) -> list[Callable]:
        live = [_resolve(s) for s in self._slots]
        if None in live:                        # a listener has gone: forget it
            self._slots = [s for s, f in zip(self._slots, live, strict=True) if f is not None]
        return [f for f in live if f is not None]


def _resolve(slot: Callable | WeakMethod) -> Callable | None:
    return slot() if isinstance(slot, WeakMethod) else slot
