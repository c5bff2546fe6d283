"""A stopped Neo4j server (`kill -STOP`: a frozen VM, a paused container) gives a clear
error within bounded time, never a silent hang, and the store works again once the server
resumes (issue 15). Against the real development server of this worktree."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import _need

ECOGRAPH = str(Path(sys.executable).with_name("ecograph"))
PID_FILE = Path(__file__).resolve().parents[1] / ".neo4j" / "run" / "neo4j.pid"

pytestmark = pytest.mark.neo4j


@pytest.fixture
def paused(neo4j_url):
    _need(PID_FILE.is_file(), "the Neo4j server is not this worktree's (scripts/neo4j.sh): cannot pause it")
    pid = int(PID_FILE.read_text().strip())
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def stats(url: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")}
    # the timeout only guards the test run; the assertion is on what the command says
    return subprocess.run([ECOGRAPH, "--store", url, "stats"], capture_output=True, text=True,
                          env=env, timeout=240)


def test_a_paused_server_gives_a_clear_error_not_a_hang(neo4j_url, paused):
    r = stats(neo4j_url)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "cannot reach Neo4j" in r.stderr and "hint:" in r.stderr


def test_the_store_answers_again_once_the_server_resumes(neo4j_url):
    assert stats(neo4j_url).returncode == 0
