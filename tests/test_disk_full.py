"""A full disk during ingest, export and map (issue 15): one clear error line, no traceback,
the store as last saved, no partial output file. The fault is real: the CLI runs in a
subprocess whose file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes the write fail
with EFBIG part-way, through the same code path as ENOSPC."""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ECOGRAPH = str(Path(sys.executable).with_name("ecograph"))
TEXT = ("Orion Mechatronics Cluster is funded by the Northern Development Bank. "
        "Rif Motion Systems is a member of Orion Mechatronics Cluster.\n")
MORE = "".join(f"Company {i} Systems signed a partnership agreement with Orion Mechatronics Cluster.\n"
               for i in range(200))


def run(store: Path, *args: str, max_file: int | None = None) -> subprocess.CompletedProcess:
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file, max_file))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ECOGRAPH_", "NEO4J_"))}
    env["ECOGRAPH_HOME"] = str(store)
    return subprocess.run([ECOGRAPH, *args], capture_output=True, text=True, env=env, timeout=300,
                          preexec_fn=limit if max_file else None)


def error_lines(stderr: str) -> list[str]:
    return [x for x in stderr.splitlines() if x.startswith("Error")]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """One store of a.txt, made by `ecograph ingest` once for the module (a cold CLI start each
    time it was made per test); every test gets its own copy."""
    tmp = tmp_path_factory.mktemp("disk-full")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "a.txt").write_text(TEXT)
    s = tmp / "store"
    assert run(s, "ingest", str(tmp / "docs" / "a.txt")).returncode == 0
    return s


@pytest.fixture
def store(ingested, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXT)
    s = tmp_path / "store"
    shutil.copytree(ingested, s)
    return s


def test_ingest_on_a_full_disk_says_so_once_and_keeps_the_store(store, tmp_path):
    graph = store / "graph.json"
    before = graph.read_bytes()
    (tmp_path / "docs" / "b.txt").write_text(MORE)
    r = run(store, "ingest", str(tmp_path / "docs" / "b.txt"), max_file=len(before) + 200)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    [line] = error_lines(r.stderr)
    assert "cannot save the store" in line and "File too large" in line
    assert graph.read_bytes() == before
    assert sorted(p.name for p in store.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.parametrize("fmt, name", [("json", "g.json"), ("graphml", "g.graphml"), ("gexf", "g.gexf"),
                                       ("csv", "g.csv")])
def test_export_on_a_full_disk_leaves_no_partial_file(store, tmp_path, fmt, name):
    out = tmp_path / "out"
    out.mkdir()
    r = run(store, "export", "--format", fmt, "-o", str(out / name), max_file=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    [line] = error_lines(r.stderr)
    assert "cannot write" in line and "File too large" in line
    assert list(out.iterdir()) == []  # neither the file nor a temporary one


def test_export_on_a_full_disk_keeps_the_previous_file(store, tmp_path):
    old = tmp_path / "g.json"
    old.write_text("previous export\n")
    r = run(store, "export", "--format", "json", "-o", str(old), max_file=300)
    assert r.returncode == 1 and old.read_text() == "previous export\n"


def test_map_on_a_full_disk_leaves_no_partial_file(store, tmp_path):
    out = tmp_path / "maps"
    out.mkdir()
    r = run(store, "map", "-o", str(out / "m.html"), max_file=10_000)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    [line] = error_lines(r.stderr)
    assert "cannot write the map" in line
    assert list(out.iterdir()) == []
