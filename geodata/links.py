"""Which links from a scenario may be shown as links: the one URL filter of both views."""

from __future__ import annotations

from urllib.parse import urlsplit


def public_url(url: str) -> str:
    """``url`` (trimmed) if it is an absolute http(s) link to a host, else an empty string."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""
