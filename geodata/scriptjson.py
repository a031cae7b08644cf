"""JSON text that is safe to put inside an HTML ``<script>`` element."""

from __future__ import annotations

import json


def to_json(value: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
