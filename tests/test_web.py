"""Ingest from the web against a real HTTP server on 127.0.0.1 that the tests start:
pages, redirects, a 404, a slow page, a huge page, a PDF, refused schemes, the cache
(re-runs offline, a changed page re-ingested as a new version)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_readers import make_pdf

from ecograph.cli import cli
from ecograph.ingest.web import FetchError, WebClient
from ecograph.store.embedded import EmbeddedStore

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Atlas news</title>
<meta property="og:site_name" content="Atlas Weekly">
<meta property="article:published_time" content="2020-09-01">
</head><body><article><p>{text}</p></article></body></html>"""
PARTNERS = "The Atlas Mechatronics Cluster signed a partnership agreement with the Carthage Green Tech Cluster in 2019."
MEMBERS = "Rif Motion Systems is a member of the Atlas Mechatronics Cluster since 2016, its director said."


class Site:
    """What the server serves; tests change it between runs."""

    def __init__(self):
        self.pages = {"/news.html": ("text/html; charset=utf-8", PAGE.format(text=PARTNERS).encode())}
        self.release = threading.Event()   # the slow page waits on it (set at teardown)
        self.hits: dict[str, int] = {}
        self.agents: list[str] = []
        self.flaky = 1                     # /flaky.html answers 503 this many times first


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, code: int, ctype: str, body: bytes, headers: dict | None = None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            site.hits[self.path] = site.hits.get(self.path, 0) + 1
            site.agents.append(self.headers.get("User-Agent", ""))
            if self.path in site.pages:
                ctype, body = site.pages[self.path]
                return self._send(200, ctype, body)
            if self.path == "/old-news":
                return self._send(301, "text/plain", b"", {"Location": "/news.html"})
            if self.path.startswith("/loop"):
                n = int(self.path[5:] or 0)
                return self._send(302, "text/plain", b"", {"Location": f"/loop{n + 1}"})
            if self.path == "/to-file":
                return self._send(302, "text/plain", b"", {"Location": "file:///etc/passwd"})
            if self.path == "/slow.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                site.release.wait(30)   # blocks beyond the client's timeout until the test ends
                return
            if self.path == "/huge.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(64):
                        self.wfile.write(b"<p>" + b"x" * 16380 + b"</p>")
                except OSError:
                    pass   # the client hung up at its cap
                return
            if self.path == "/flaky.html":
                if site.flaky > 0:
                    site.flaky -= 1
                    return self._send(503, "text/plain", b"busy")
                return self._send(200, "text/html", PAGE.format(text=MEMBERS).encode())
            if self.path == "/logo.png":
                return self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")
            return self._send(404, "text/html", b"<p>not here</p>")
    return Handler


@pytest.fixture
def site():
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    s.release.set()
    server.shutdown()
    server.server_close()


def client(tmp_path, **kw) -> WebClient:
    kw = {"timeout": 1.0, "backoff": 0.0, "retries": 1, **kw}
    return WebClient(tmp_path / "cache", **kw)


def test_pages_redirects_and_user_agent(site, tmp_path):
    c = client(tmp_path)
    page = c.fetch(site.base + "/old-news")
    assert page.final_url == site.base + "/news.html" and not page.from_cache
    assert Path(page.path).read_bytes().startswith(b"<!doctype html>") and page.path.endswith(".html")
    assert site.agents[-1].startswith("ecograph/")


@pytest.mark.parametrize("path, reason", [
    ("/missing.html", "HTTP 404"),
    ("/loop", "more than 5 redirects"),
    ("/to-file", "scheme 'file' refused"),
    ("/logo.png", "unsupported content type image/png"),
])
def test_failures_say_why(site, tmp_path, path, reason):
    with pytest.raises(FetchError, match=reason) as info:
        client(tmp_path).fetch(site.base + path)
    assert info.value.url == site.base + path


def test_slow_page_times_out(site, tmp_path):
    # the handler blocks on an Event that is only set at teardown: the client's read timeout fires
    with pytest.raises(FetchError, match="timed out"):
        client(tmp_path, timeout=0.5).fetch(site.base + "/slow.html")
    assert site.hits["/slow.html"] == 1   # a timeout is not retried


def test_huge_page_is_cut_at_the_cap(site, tmp_path):
    with pytest.raises(FetchError, match="too large"):
        client(tmp_path, max_bytes=100_000).fetch(site.base + "/huge.html")


def test_retries_after_503(site, tmp_path):
    page = client(tmp_path).fetch(site.base + "/flaky.html")
    assert site.hits["/flaky.html"] == 2 and b"Rif Motion" in Path(page.path).read_bytes()
    site.flaky = 5
    with pytest.raises(FetchError, match="HTTP 503"):
        client(tmp_path / "other", retries=2).fetch(site.base + "/flaky.html")
    assert site.hits["/flaky.html"] == 2 + 3


@pytest.mark.parametrize("url", ["file:///etc/passwd", "data:text/html,<p>x</p>", "ftp://127.0.0.1/x",
                                 "javascript:alert(1)", "http:///nohost"])
def test_other_schemes_are_refused(tmp_path, url):
    with pytest.raises(FetchError, match="refused|no host"):
        client(tmp_path).fetch(url)


def test_cli_ingest_urls_cache_offline_and_new_versions(site, tmp_path):
    pdf = make_pdf(["Cluster report 2021", "Rif Motion Systems is a member of the Atlas Mechatronics Cluster."])
    site.pages["/report.pdf"] = ("application/pdf", pdf)
    store = tmp_path / "store"
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# pages\n{site.base}/report.pdf\n\n{site.base}/missing.html\n", encoding="utf-8")
    runner = CliRunner()

    def ingest(*args):
        return runner.invoke(cli, ["--store", str(store), "ingest", *args])

    res = ingest(site.base + "/news.html", "file:///etc/passwd", "--urls", str(listed))
    assert res.exit_code == 1, res.output
    assert f"error: {site.base}/missing.html: HTTP 404 Not Found" in res.output
    assert "error: file:///etc/passwd: scheme 'file' refused" in res.output
    assert "2 ingested" in res.output
    with EmbeddedStore(store) as s:
        docs = {d.source: d for d in s.documents()}
    news = docs[site.base + "/news.html"]
    assert (news.url, news.published, news.site) == (site.base + "/news.html", "2020-09-01", "Atlas Weekly")
    assert docs[site.base + "/report.pdf"].title == "Cluster report 2021"
    assert (store / "web-cache").is_dir()

    # offline: the cached copies, no request
    hits = dict(site.hits)
    res = ingest(site.base + "/news.html", site.base + "/report.pdf", "--offline")
    assert res.exit_code == 0, res.output
    assert "2 unchanged" in res.output and site.hits == hits

    # the page changed: a new version of the same document (same source, new text)
    site.pages["/news.html"] = ("text/html", PAGE.format(text=MEMBERS).encode())
    res = ingest(site.base + "/news.html")
    assert res.exit_code == 0 and "1 ingested" in res.output, res.output
    with EmbeddedStore(store) as s:
        now = [d for d in s.documents() if d.source == site.base + "/news.html"]
        assert len(now) == 1 and now[0].id != news.id
        assert not s.relations(type="PARTNERS_WITH")   # what only the old version said is gone
        assert s.relations(type="MEMBER_OF")

    # a page that is gone is an error, not a stale copy
    site.pages.pop("/news.html")
    res = ingest(site.base + "/news.html")
    assert res.exit_code == 1 and "HTTP 404" in res.output


def test_cached_copy_stands_in_when_the_server_fails(site, tmp_path):
    c = client(tmp_path, retries=0)
    site.flaky = 0
    first = c.fetch(site.base + "/flaky.html")
    site.flaky = 3
    again = c.fetch(site.base + "/flaky.html")
    assert again.from_cache and again.path == first.path
    assert again.note.startswith("using the copy fetched") and "HTTP 503" in again.note
    with pytest.raises(FetchError, match="not in the cache"):
        client(tmp_path, offline=True).fetch(site.base + "/never.html")


def test_manifest_url_rows_are_fetched_and_described(site, tmp_path):
    manifest = tmp_path / "sources.csv"
    manifest.write_text(f"url,date,title\n{site.base}/news.html,2020-10,Partnership news\n"
                        f"{site.base}/missing.html,,\n", encoding="utf-8")
    store = tmp_path / "store"
    res = CliRunner().invoke(cli, ["--store", str(store), "ingest", "--manifest", str(manifest)])
    assert res.exit_code == 1 and f"error: {site.base}/missing.html: HTTP 404" in res.output, res.output
    with EmbeddedStore(store) as s:
        (doc,) = s.documents()
    assert (doc.source, doc.url, doc.published, doc.title, doc.site) == (
        site.base + "/news.html", site.base + "/news.html", "2020-10", "Partnership news", "Atlas Weekly")
