"""Pages from the web: `ecograph ingest URL ...` and `--urls list.txt`.

A polite client (the standard library's, nothing to install): http and https only
(file:, data:, ftp: ... are refused, also as a redirect's target), a user agent that
says who we are, a timeout per connection and read and a deadline per page, a size cap
(`ECOGRAPH_MAX_BYTES`, as for files), at most `MAX_REDIRECTS` redirects, a content type
we can read (HTML, text, Markdown, PDF), and retries with backoff when the server says
to come back (429, 5xx) or the connection drops.

Each page's bytes are kept in a cache beside the store (`cache_dir`): a re-run asks the
server whether the page changed (ETag / Last-Modified) and reads the cached copy when
it did not, or when the server cannot be reached (`offline=True`: never asks), so a
rebuild works without the network. A page whose text changed becomes a new version of
its document: same source (the URL), new content, replacing the old one in the graph.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.client import HTTPException
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ecograph.errors import EcographError

from .readers import max_bytes_limit

MAX_REDIRECTS = 5
TIMEOUT = 20.0          # seconds per connection attempt and per read
DEADLINE = 120.0        # seconds for one page, all reads included
RETRIES = 2             # extra attempts after a 429/5xx or a dropped connection
BACKOFF = 1.0           # seconds before the first retry, doubled each time
CHUNK = 64 * 1024
# content type -> suffix of the cached file (what the reader goes by)
CONTENT_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
                 "text/markdown": ".md", "text/x-markdown": ".md", "application/pdf": ".pdf"}


def user_agent() -> str:
    try:
        from importlib.metadata import version
        v = version("ecograph")
    except Exception:  # noqa: BLE001 - not installed as a distribution
        v = "dev"
    return f"ecograph/{v} (research tool; reads public pages about innovation ecosystems)"


class FetchError(EcographError):
    """A page could not be fetched: `url` and a one-line `reason`."""

    def __init__(self, url: str, reason: str, *, retry: bool = False, transient: bool | None = None):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.retry = url, reason, retry
        # the server or the network failed us (not the page): a cached copy may stand in
        self.transient = retry if transient is None else transient


@dataclass
class Fetched:
    url: str          # as asked
    final_url: str    # after redirects
    path: str         # the cached bytes, named with the content type's suffix
    from_cache: bool = False
    note: str | None = None   # e.g. why the cached copy was used


@dataclass
class WebClient:
    """Fetches pages into `cache`. The settings are the module defaults unless given."""
    cache: Path
    timeout: float = TIMEOUT
    deadline: float = DEADLINE
    retries: int = RETRIES
    backoff: float = BACKOFF
    max_redirects: int = MAX_REDIRECTS
    max_bytes: int | None = None
    offline: bool = False
    agent: str = field(default_factory=user_agent)

    def fetch(self, url: str) -> Fetched:
        """The page at `url`, fetched or from the cache. Raises FetchError(url, reason)."""
        check_url(url)
        entry = self._entry(url)
        cached = _read_json(entry / "meta.json")
        if self.offline:
            if not cached:
                raise FetchError(url, "not in the cache (--offline)")
            return self._cached(url, entry, cached, None)
        try:
            return self._fetch(url, entry, cached)
        except FetchError as exc:
            if cached and exc.transient:  # unreachable now: the copy we have is the page as we last saw it
                return self._cached(url, entry, cached, f"using the copy fetched {cached['fetched_at']} ({exc.reason})")
            raise

    # --- one page ------------------------------------------------------------------
    def _fetch(self, url: str, entry: Path, cached: dict | None) -> Fetched:
        attempt, wait = 0, self.backoff
        while True:
            try:
                return self._follow(url, entry, cached)
            except FetchError as exc:
                if not exc.retry or attempt >= self.retries:
                    raise
            attempt += 1
            time.sleep(wait)
            wait *= 2

    def _follow(self, url: str, entry: Path, cached: dict | None) -> Fetched:
        opener = urllib.request.build_opener(_NoRedirects)
        current, started = url, time.monotonic()
        for _ in range(self.max_redirects + 1):
            headers = {"User-Agent": self.agent, "Accept": ", ".join(CONTENT_TYPES) + ";q=0.9, */*;q=0.1"}
            if cached and cached.get("final_url") and current == url:
                if cached.get("etag"):
                    headers["If-None-Match"] = cached["etag"]
                if cached.get("last_modified"):
                    headers["If-Modified-Since"] = cached["last_modified"]
            try:
                response = opener.open(urllib.request.Request(current, headers=headers), timeout=self.timeout)
            except urllib.error.HTTPError as exc:
                if exc.code in (301, 302, 303, 307, 308):
                    target = exc.headers.get("Location")
                    exc.close()
                    if not target:
                        raise FetchError(url, f"HTTP {exc.code} redirect without a Location") from None
                    current = urljoin(current, target)
                    check_url(current, what=f"redirected to {current}: ", asked=url)
                    continue
                exc.close()
                if exc.code == 304 and cached:
                    return self._cached(url, entry, cached, None)
                raise FetchError(url, f"HTTP {exc.code} {exc.reason}",
                                 retry=exc.code == 429 or exc.code >= 500) from None
            except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, HTTPException, OSError) as exc:
                raise FetchError(url, _reason(exc), retry=not _is_timeout(exc), transient=True) from None
            with response:
                return self._store(url, response.geturl() or current, response, entry, started)
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def _store(self, url: str, final: str, response, entry: Path, started: float) -> Fetched:
        ctype = (response.headers.get_content_type() or "").lower()
        suffix = CONTENT_TYPES.get(ctype)
        if suffix is None:
            raise FetchError(url, f"unsupported content type {ctype or 'none'} (HTML, text, Markdown or PDF expected)")
        limit = self.max_bytes if self.max_bytes is not None else max_bytes_limit()
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large: {declared} bytes (limit {limit})")
        body = bytearray()
        try:
            while True:
                if time.monotonic() - started > self.deadline:
                    raise FetchError(url, f"took longer than {self.deadline:g} s", transient=True)
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > limit:
                    raise FetchError(url, f"too large: more than {limit} bytes (limit {limit})")
        except (socket.timeout, TimeoutError, ConnectionError, HTTPException, OSError) as exc:
            raise FetchError(url, _reason(exc), retry=not _is_timeout(exc), transient=True) from None
        meta = {"url": url, "final_url": final, "content_type": ctype, "suffix": suffix,
                "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "etag": response.headers.get("ETag"), "last_modified": response.headers.get("Last-Modified"),
                "sha256": hashlib.sha256(body).hexdigest()}
        _save(entry, suffix, bytes(body), meta)
        return Fetched(url, final, str(entry / ("page" + suffix)))

    def _entry(self, url: str) -> Path:
        return self.cache / hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]

    def _cached(self, url: str, entry: Path, meta: dict, note: str | None) -> Fetched:
        path = entry / ("page" + meta.get("suffix", ".html"))
        if not path.is_file():
            raise FetchError(url, "the cached copy is missing; fetch it again without --offline")
        return Fetched(url, meta.get("final_url") or url, str(path), from_cache=True, note=note)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError, so `_follow` counts them and checks each target."""

    def redirect_request(self, *args, **kwargs):
        return None


def check_url(url: str, *, what: str = "", asked: str | None = None) -> None:
    """Only absolute http(s) URLs with a host: file:, data:, ftp:, javascript: ... are refused."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(asked or url, f"{what}not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "none"
        raise FetchError(asked or url, f"{what}scheme {scheme!r} refused: only http and https are fetched")
    if not parts.hostname:
        raise FetchError(asked or url, f"{what}no host in the URL")


def looks_like_url(arg: str) -> bool:
    """An argument that names a URL (any scheme, so that file: or data: can be refused
    by name) rather than a path: `scheme:` at the start and no such file."""
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", arg)) and not os.path.exists(arg)


def read_url_list(path: str) -> list[str]:
    """URLs from a text file, one a line; blank lines and `#` comments skipped."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            lines = f.read().splitlines()
    except OSError as exc:
        raise EcographError(f"{path}: cannot read the URL list: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise EcographError(f"{path}: the URL list is not UTF-8 text ({exc.reason})") from exc
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def cache_dir(store_url: str) -> Path:
    """The page cache beside the store (like curation.json): `web-cache/` in its folder."""
    from ecograph.config import curation_file
    return curation_file(store_url).parent / "web-cache"


def _reason(exc: BaseException) -> str:
    inner = getattr(exc, "reason", None)
    if _is_timeout(exc):
        return "timed out"
    text = str(inner if inner is not None else exc) or type(exc).__name__
    return " ".join(text.split())[:200]


def _is_timeout(exc: BaseException) -> bool:
    inner = getattr(exc, "reason", None)
    return isinstance(exc, (socket.timeout, TimeoutError)) or isinstance(inner, (socket.timeout, TimeoutError)) \
        or "timed out" in str(exc)


def _read_json(path: Path) -> dict | None:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def _save(entry: Path, suffix: str, body: bytes, meta: dict) -> None:
    """Bytes, then their description, each by atomic rename: a crash leaves the old pair
    or a new page whose meta still names the old one (refetched next time), never half a file."""
    entry.mkdir(parents=True, exist_ok=True)
    for name, data in (("page" + suffix, body), ("meta.json", json.dumps(meta, indent=1).encode("utf-8"))):
        fd, tmp = tempfile.mkstemp(dir=entry, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, entry / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
