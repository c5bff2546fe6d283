"""The benchmarks still run: every one in `--quick` mode, into a temporary file (never
BENCHMARKS.md). No timing is asserted; only that each benchmark finished and wrote its
section. The Neo4j benchmarks start a private server from the jars `scripts/neo4j.sh`
assembled (falling back to NEO4J_URI, where they touch only their own unique label).

The five benchmarks run in ONE `python -m bench.run --quick --only A --only B ...` process (a
module fixture), as `make bench` runs them: one interpreter and one private Neo4j server for
sections 2 and 3 instead of five processes and two servers. Each test then checks its own
section, and the whole run's file and exit status."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import IN_CI, _need

# minutes of work each: `make test` runs them in CI (CI=true), `pytest -m "not slow"` leaves them out
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BENCHES = ["ingest", "neo4j_writes", "queries", "map", "scale"]
NEO4J_BENCHES = ("neo4j_writes", "queries")


def _neo4j_available() -> bool:
    sys.path.insert(0, str(ROOT))
    try:
        from bench import neo4j_instance
        return neo4j_instance.available() or bool(os.environ.get("NEO4J_URI"))
    finally:
        sys.path.remove(str(ROOT))


def _benchmarks_md() -> bytes | None:
    return (ROOT / "BENCHMARKS.md").read_bytes() if (ROOT / "BENCHMARKS.md").exists() else None


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> dict:
    """One `bench.run --quick` over every benchmark that can run here (the Neo4j ones only with
    a Neo4j): its exit status, stderr, the file it wrote and BENCHMARKS.md before and after."""
    names = [n for n in BENCHES if n not in NEO4J_BENCHES or _neo4j_available()]
    out = tmp_path_factory.mktemp("bench") / "BENCH.md"
    before = _benchmarks_md()
    only = [x for n in names for x in ("--only", n)]
    r = subprocess.run([sys.executable, "-m", "bench.run", "--quick", *only, "--out", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=1800)
    return {"names": names, "returncode": r.returncode, "stderr": r.stderr,
            "text": out.read_text(encoding="utf-8") if out.exists() else "",
            "before": before, "after": _benchmarks_md()}


def _section(text: str, name: str) -> str:
    """The numbered section ('## 3. ...') the benchmark `name` writes, up to the next one."""
    number = BENCHES.index(name) + 1
    m = re.search(rf"^## {number}\. .*?(?=^## |\Z)", text, flags=re.M | re.S)
    return m.group(0) if m else ""


@pytest.mark.parametrize("name", BENCHES)
def test_benchmark_runs_quick(name, quick_run):
    if name in NEO4J_BENCHES and not _neo4j_available():
        if IN_CI:
            pytest.fail("no Neo4j for the Neo4j benchmarks (CI must run every test)")
        pytest.skip("no Neo4j jars and no NEO4J_URI")
    assert name in quick_run["names"]
    assert quick_run["returncode"] == 0, f"bench run failed:\n{quick_run['stderr'][-4000:]}"
    text = quick_run["text"]
    assert "FAILED" not in text
    assert "Produced by `python -m bench.run --quick --only" in text
    assert "## " in text.split("## Summary", 1)[1]
    section = _section(text, name)
    assert section, f"no section for {name} in:\n{text[:2000]}"
    assert "FAILED" not in section.splitlines()[0]
    assert f"--only {name}" in text.split("## Summary", 1)[0]
    if name in NEO4J_BENCHES:
        assert "neo4j" in section.lower() and "Skipped" not in section
        assert "neo4j" in text.lower() and "Skipped" not in text
    assert quick_run["before"] == quick_run["after"], "the smoke run must not touch BENCHMARKS.md"


def test_partners_parts_runs_small():
    """The diagnostic behind section 3's 'part by part' figures (a private server of its own)."""
    sys.path.insert(0, str(ROOT))
    try:
        from bench import neo4j_instance
        have_jars = neo4j_instance.available()
    finally:
        sys.path.remove(str(ROOT))
    _need(have_jars, "no Neo4j jars for bench.partners_parts")
    r = subprocess.run([sys.executable, "-m", "bench.partners_parts", "--orgs", "400", "--samples", "3"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-4000:]
    rows = [ln for ln in r.stdout.splitlines() if ln.startswith("| ")]
    assert [ln.split(" | ")[0] for ln in rows] == ["| partners() (shipped)", "| its statement alone",
                                                    "| statement seeded by id",
                                                    "| statement, cited documents only"]
    assert all(ln.endswith(" ms |") for ln in rows)
