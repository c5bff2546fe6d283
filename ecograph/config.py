"""Where things live: the data folder, the default store, Neo4j settings from the environment."""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit


def home() -> Path:
    """`$ECOGRAPH_HOME`, else the per-user data folder (XDG)."""
    env = os.environ.get("ECOGRAPH_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(xdg) / "ecograph"


def default_store_url() -> str:
    return os.environ.get("ECOGRAPH_STORE") or str(home())


def curation_file(store_url: str) -> Path:
    """Curation decisions (merge/split/reject) in a plain file beside the store, for version control."""
    env = os.environ.get("ECOGRAPH_CURATION")
    if env:
        return Path(env).expanduser()
    if "://" in store_url:
        return home() / "curation.json"
    p = Path(store_url).expanduser()
    folder = p.parent if p.suffix.lower() == ".json" else p
    return folder / "curation.json"


NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


#: Schemes a store URL may have besides Neo4j's; an embedded store is a folder path.
_LOCAL_SCHEMES = ("file",)
_URL_LIKE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def check_store_url(url: str) -> str:
    """`url` if it is a folder path or a well-formed store URL; else a `StoreError`. Something
    that looks like a URL but does not parse as one (`neo4j:/u:pass@host`, one slash) would
    otherwise be taken as a folder and a store created under the credential's name."""
    from .errors import StoreError
    m = _URL_LIKE.match(url)
    if not m:
        return url
    scheme = m.group(1).lower()
    known = scheme in NEO4J_SCHEMES or scheme in _LOCAL_SCHEMES
    if known and not url[m.end():].startswith("//"):
        raise StoreError(f"malformed store URL {redact(url)!r}: expected {scheme}://…",
                         hint="neo4j://host:port for Neo4j (credentials in NEO4J_USERNAME / "
                              "NEO4J_PASSWORD), or a folder path for the embedded store")
    if not known and (url[m.end():].startswith("/") or "@" in url):
        raise StoreError(f"unknown store URL scheme {scheme!r} in {redact(url)!r}",
                         hint="use a folder path for the embedded store or neo4j://host:port")
    return url


def redact(url: str) -> str:
    """`url` fit for a message: no user or password, no query-string values."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable URL>"
    if not parts.scheme or (not parts.netloc and not parts.query and "@" not in url):
        return url
    host = parts.netloc.rpartition("@")[2]
    netloc = ("***@" if "@" in parts.netloc else "") + host
    query = "&".join(f"{k}=***" for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    path = parts.path if "@" not in parts.path else "/***"
    return f"{parts.scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def scrub(text: str, url: str | None) -> str:
    """`text` with `url`, its password and its query-string values replaced by the redacted form."""
    if not url:
        return text
    text = text.replace(url, redact(url))
    try:
        parts = urlsplit(url)
        secrets = [v for _, v in parse_qsl(parts.query, keep_blank_values=True) if len(v) >= 3]
        secrets += [x for x in (parts.password, parts.username) if x and len(x) >= 3]
    except ValueError:
        secrets = []
    for secret in secrets:
        text = text.replace(secret, "***")
    return text
