"""Shared fixtures. Real parts only: the `neo4j` fixtures talk to the server in NEO4J_URI
(started by `make test`); in CI a missing server is a failure, never a skip."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ecograph.store.embedded import EmbeddedStore

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "gold"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _need(condition: bool, why: str) -> None:
    if not condition:
        if IN_CI:
            pytest.fail(f"{why} (CI must run every test)")
        pytest.skip(why)


@pytest.fixture
def embedded_store(tmp_path):
    s = EmbeddedStore(tmp_path / "store", writable=True)
    yield s
    s.close()


@pytest.fixture
def neo4j_url() -> str:
    url = os.environ.get("NEO4J_URI")
    _need(bool(url), "NEO4J_URI is not set: run `make neo4j-start && source .neo4j/env`")
    return url


@pytest.fixture
def neo4j_store(neo4j_url):
    from ecograph.store.neo4j import Neo4jStore
    s = Neo4jStore(neo4j_url)
    s.clear()
    yield s
    s.clear()
    s.close()


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    """Every contract test runs on both stores."""
    if request.param == "embedded":
        s = EmbeddedStore(tmp_path / "store", writable=True)
        yield s
        s.close()
    else:
        yield request.getfixturevalue("neo4j_store")


@pytest.fixture
def corpus_dir() -> Path:
    _need(CORPUS.is_dir(), f"development corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def chromium() -> str:
    import shutil
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    _need(bool(path), "chromium is not installed: run `make chromium`")
    return path


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions"]


@pytest.fixture(scope="session")
def chromium_session(chromium):
    """One headless Chromium for the whole run (a launch costs ~1.5 s); each test gets its own
    fresh browser context from it (tests/test_map_browser.py `browser`), which shares no
    cookies, storage, cache or permissions with any other."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "the playwright package is missing: run `make chromium`")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
