"""The benchmarks still run: every one in `--quick` mode, into a temporary file (never
BENCHMARKS.md). No timing is asserted; only that each benchmark finished and wrote its
section. The Neo4j benchmarks start a private server from the jars `scripts/neo4j.sh`
assembled (falling back to NEO4J_URI, where they touch only their own unique label)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import IN_CI, _need

# minutes of work each: `make test` runs them in CI (CI=true), `pytest -m "not slow"` leaves them out
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BENCHES = ["ingest", "neo4j_writes", "queries", "map", "scale"]


def _neo4j_available() -> bool:
    sys.path.insert(0, str(ROOT))
    try:
        from bench import neo4j_instance
        return neo4j_instance.available() or bool(os.environ.get("NEO4J_URI"))
    finally:
        sys.path.remove(str(ROOT))


@pytest.mark.parametrize("name", BENCHES)
def test_benchmark_runs_quick(name, tmp_path):
    if name in ("neo4j_writes", "queries") and not _neo4j_available():
        if IN_CI:
            pytest.fail("no Neo4j for the Neo4j benchmarks (CI must run every test)")
        pytest.skip("no Neo4j jars and no NEO4J_URI")
    out = tmp_path / "BENCH.md"
    before = (ROOT / "BENCHMARKS.md").read_bytes() if (ROOT / "BENCHMARKS.md").exists() else None
    r = subprocess.run([sys.executable, "-m", "bench.run", "--quick", "--only", name, "--out", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f"bench {name} failed:\n{r.stderr[-4000:]}"
    text = out.read_text(encoding="utf-8")
    assert "FAILED" not in text
    assert "Produced by `python -m bench.run --quick --only" in text
    assert "## " in text.split("## Summary", 1)[1]
    if name in ("neo4j_writes", "queries"):
        assert "neo4j" in text.lower() and "Skipped" not in text
    after = (ROOT / "BENCHMARKS.md").read_bytes() if (ROOT / "BENCHMARKS.md").exists() else None
    assert before == after, "the smoke run must not touch BENCHMARKS.md"


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
