"""Store URLs (issue 15): something that looks like a URL but is not one is refused, not
taken as a folder named after the credential; a URL's password (userinfo or query string)
never appears in any message."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ecograph.config import check_store_url, redact
from ecograph.errors import StoreError

ECOGRAPH = str(Path(sys.executable).with_name("ecograph"))
SECRET = "s3cret-in-the-url"


def run(cwd: Path, store: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")}
    full.update(env or {})
    return subprocess.run([ECOGRAPH, "--store", store, *args], capture_output=True, text=True,
                          cwd=cwd, env=full, timeout=120)


@pytest.mark.parametrize("url", [f"neo4j:/u:{SECRET}@host", f"neo4j:u:{SECRET}@host:7687", "bolt:host:7687",
                                 "file:/a/folder", f"http://u:{SECRET}@host/x"])
def test_url_lookalikes_are_refused_and_no_folder_is_created(tmp_path, url):
    with pytest.raises(StoreError):
        check_store_url(url)
    r = run(tmp_path, url, "stats")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "URL" in r.stderr and SECRET not in r.stderr + r.stdout
    assert list(tmp_path.iterdir()) == []  # no store folder named after the credential


@pytest.mark.parametrize("path", ["store", "./notes:2024", "/tmp/a b/c"])
def test_folder_paths_stay_folders(path):
    assert check_store_url(path) == path


def test_redact_removes_userinfo_and_query_values():
    assert redact(f"neo4j://neo4j:{SECRET}@db.example:7687?password={SECRET}&region=eu") == \
        "neo4j://***@db.example:7687?password=***&region=***"
    assert redact("neo4j://localhost:7687") == "neo4j://localhost:7687"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when we return: nothing listens there


def test_a_password_in_the_query_string_is_not_echoed_when_the_server_is_unreachable(tmp_path):
    url = f"neo4j://127.0.0.1:{_closed_port()}?password={SECRET}"
    r = run(tmp_path, url, "stats", env={"NEO4J_PASSWORD": "x"})
    assert r.returncode == 1 and "cannot reach" in r.stderr and "Traceback" not in r.stderr
    assert SECRET not in r.stderr + r.stdout and "password=***" in r.stderr


@pytest.mark.neo4j
def test_a_password_in_the_query_string_is_not_echoed_by_the_real_server(tmp_path, neo4j_url):
    url = f"{neo4j_url}?password={SECRET}"
    r = run(tmp_path, url, "stats", env={"NEO4J_DATABASE": "no-such-db"})
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert SECRET not in r.stderr + r.stdout
