"""Which strings are web addresses a reader may follow: one rule for the readers (a page's own URL) and
the map's evidence panel (links only http(s) addresses)."""
from __future__ import annotations

from urllib.parse import urlsplit


def web_url(value) -> str | None:
    """`value` if it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.hostname and " " not in value else None
