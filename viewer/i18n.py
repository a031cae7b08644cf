"""Interface strings of the desktop app, from the shared text table (geodata.texts)."""

from __future__ import annotations

from ..geodata.texts import kind_name, layer_name, text, translate

__all__ = ["kind_name", "layer_name", "text", "tr"]


def tr(text: str, lang: str = "en") -> str:
    """``text`` (English, as written in the code) in ``lang``."""
    return translate(text, lang)
