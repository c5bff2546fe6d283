"""The ingest loop's scheduling: worker processes (`jobs=N`), when it flushes, and what
stops a run. No timing is asserted: the flush policy runs on a fake clock."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ecograph.errors import EcographError
from ecograph.ingest import pipeline, workers
from ecograph.ingest.pipeline import FlushPolicy, ingest
from ecograph.store.embedded import EmbeddedStore

from helpers import wait_for_line
from test_pipeline import EXAMPLES, _export


def _corpus(folder: Path, n: int = 10) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"news-{i:02d}.txt"
        p.write_text(f"Orion Cluster news {i}\n\nKappa Photonics {i} is a member of Orion Cluster. "
                     f"Orion Cluster is funded by the Northern Development Bank.\n", encoding="utf-8")
        out.append(p)
    return out


def test_jobs_give_the_same_graph_as_one_process(tmp_path):
    docs = _corpus(tmp_path / "docs")
    (tmp_path / "docs" / "empty.txt").write_text("", encoding="utf-8")
    paths = [tmp_path / "docs", EXAMPLES, tmp_path / "missing.txt"]
    with EmbeddedStore(tmp_path / "one", writable=True) as one, \
            EmbeddedStore(tmp_path / "two", writable=True) as two:
        r1 = ingest(one, paths, jobs=1)
        r2 = ingest(two, paths, jobs=2)
        assert r1.ingested == r2.ingested and len(r1.ingested) == len(docs) + len(list(EXAMPLES.iterdir()))
        assert r1.failed == r2.failed and len(r1.failed) == 2
        assert _export(one) == _export(two)
        # a rerun with workers: everything unchanged, decided in the workers
        r3 = ingest(two, paths, jobs=2)
        assert r3.ingested == [] and r3.unchanged == r1.ingested


def _crashy(sources: list[str]) -> list:
    """A worker task that kills its process on one document, as a segfaulting parser would."""
    if any("crash" in os.path.basename(s) for s in sources):
        os._exit(3)
    return workers.prepare_batch(sources)


def test_a_document_that_kills_its_worker_fails_alone(tmp_path):
    docs = _corpus(tmp_path / "docs", 12)
    bad = tmp_path / "docs" / "news-05-crash.txt"
    bad.write_text("Vega Cluster is funded by the Sahel Green Fund.\n", encoding="utf-8")
    sources = sorted(str(p) for p in [*docs, bad])
    out = list(workers.prepared_parallel(sources, frozenset(), False, 2, work=_crashy))
    assert [p.source for p in out] == sources  # input order, nothing lost or repeated
    failed = [p for p in out if p.problem]
    assert [p.source for p in failed] == [str(bad)] and "worker process" in failed[0].problem
    assert all(p.extraction is not None for p in out if p.source != str(bad))


def _dies_at_once(sources: list[str]) -> list:
    os._exit(4)


def test_workers_that_cannot_run_at_all_stop_the_run(tmp_path, monkeypatch):
    sources = [str(p) for p in _corpus(tmp_path / "docs", 3)]
    monkeypatch.setattr(workers, "prepare_batch", _dies_at_once)  # the probe dies too
    with pytest.raises(EcographError, match="worker processes"):
        list(workers.prepared_parallel(sources, frozenset(), False, 2, work=_dies_at_once))


def test_batch_size_is_bounded():
    for n, w in [(1, 2), (7, 2), (100, 2), (1000, 8), (3, 64)]:
        size = workers.batch_size(n, w)
        assert 1 <= size <= workers.MAX_BATCH


class FakeClock:
    def __init__(self):
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


class SlowStore:
    """Flushing it takes `cost` seconds of the fake clock."""

    def __init__(self, clock: FakeClock, cost: float):
        self.clock, self.cost, self.flushes = clock, cost, 0

    def flush(self):
        self.clock.t += self.cost
        self.flushes += 1


def test_flush_policy_bounds_the_share_of_time_spent_flushing():
    clock = FakeClock()
    policy = FlushPolicy(seconds=2.0, share=0.1, clock=clock)
    store = SlowStore(clock, cost=0.05)
    assert not policy.due()
    clock.t += 2.0
    assert policy.due()
    policy.flush(store)  # a cheap flush: the minimum period applies
    clock.t += 1.9
    assert not policy.due()
    clock.t += 0.1
    assert policy.due()
    store.cost = 5.0  # the graph grew: a flush now takes 5 s, so wait 45 s (10 % of the time)
    policy.flush(store)
    clock.t += 44.0
    assert not policy.due()
    clock.t += 1.0
    assert policy.due()
    # simulated long run: documents every 0.1 s, flush cost growing with the graph
    clock, busy = FakeClock(), 0.0
    policy, store = FlushPolicy(seconds=2.0, share=0.1, clock=clock), SlowStore(clock, 0.0)
    start = clock.t
    for n in range(20_000):
        clock.t += 0.1
        store.cost = n * 0.0005  # 10 s per flush at the end
        if policy.due():
            before = clock.t
            policy.flush(store)
            busy += clock.t - before
    assert busy <= 0.1 * (clock.t - start) + 10.0  # at most one flush more than the share
    assert store.flushes > 10


def test_flush_seconds_zero_or_less_flushes_after_every_document():
    clock = FakeClock()
    policy = FlushPolicy(seconds=-1, share=0.1, clock=clock)
    store = SlowStore(clock, cost=3.0)
    for _ in range(3):
        assert policy.due()
        policy.flush(store)


class CountingStore:
    def __init__(self, store):
        self._s, self.flushes = store, 0

    def flush(self):
        self.flushes += 1
        self._s.flush()

    def __getattr__(self, name):
        return getattr(self._s, name)


def test_the_final_flush_always_happens(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "FLUSH_SECONDS", 1e9)  # no periodic flush
    with EmbeddedStore(tmp_path / "s", writable=True) as s:
        counting = CountingStore(s)
        rep = ingest(counting, [EXAMPLES])
        assert rep.ingested and counting.flushes == 1
    with EmbeddedStore(tmp_path / "s") as s:
        assert len(s.documents()) == len(rep.ingested)
    monkeypatch.setattr(pipeline, "FLUSH_SECONDS", -1)  # after every document, and once at the end
    with EmbeddedStore(tmp_path / "t", writable=True) as s:
        counting = CountingStore(s)
        rep = ingest(counting, [EXAMPLES])
        assert counting.flushes == len(rep.ingested) + 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_configuration_error_stops_the_run_once(tmp_path, monkeypatch, jobs):
    _corpus(tmp_path / "docs", 4)
    monkeypatch.setenv("ECOGRAPH_MAX_BYTES", "lots")
    with EmbeddedStore(tmp_path / "s", writable=True) as s:
        with pytest.raises(EcographError, match="ECOGRAPH_MAX_BYTES"):
            ingest(s, [tmp_path / "docs"], jobs=jobs)
        assert s.documents() == []
    # and the workers see this run's environment, not the one their server started with
    monkeypatch.setenv("ECOGRAPH_MAX_BYTES", "20")
    with EmbeddedStore(tmp_path / "s2", writable=True) as s:
        rep = ingest(s, [tmp_path / "docs"], jobs=jobs)
        assert len(rep.failed) == 4 and all("too large" in why for _, why in rep.failed)


def _processes_with_env(marker: str) -> list[int]:
    """Pids of live processes whose environment contains `marker` (workers inherit it)."""
    out = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read()
            with open(f"/proc/{pid}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in env and state != b"Z":
            out.append(int(pid))
    return out


def _wait_until_gone(pids: list[int]) -> None:
    """Block until every process in `pids` has ended: a pidfd becomes readable when its
    process ends (Linux), so the wait is for the event, however loaded the machine is."""
    import select
    for pid in pids:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue  # already gone
        try:
            # no deadline decides the outcome: this bound only stops a hung run (a worker that
            # never notices its parent's death is the defect, and fails here)
            ready, _, _ = select.select([fd], [], [], HANG_GUARD_SECONDS)
            assert ready, f"process {pid} outlived the killed ingest by {HANG_GUARD_SECONDS} s"
        finally:
            os.close(fd)


HANG_GUARD_SECONDS = 600
KILLED_RUN_DOCS = 40


@pytest.mark.skipif(not os.path.isdir("/proc") or not hasattr(os, "pidfd_open"),
                    reason="needs /proc to find the workers and pidfd_open to wait for them")
def test_killed_ingest_leaves_no_workers_behind_and_a_rerun_completes(tmp_path):
    import signal
    import subprocess
    import sys
    from ecograph.ingest.readers import read

    # 40 documents: 8 batches of 5 for 2 workers, so at the first progress line the workers are
    # busy with the next batches (the path under test) and the rerun is short
    docs = _corpus(tmp_path / "docs", KILLED_RUN_DOCS)
    marker = f"ECOGRAPH_TEST_MARKER={tmp_path.name}"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")},
           "ECOGRAPH_HOME": str(tmp_path / "home"), "ECOGRAPH_TEST_MARKER": tmp_path.name}
    cmd = [str(Path(sys.executable).with_name("ecograph")), "--store", str(tmp_path / "store"),
           "ingest", "--jobs", "2", str(tmp_path / "docs")]
    # aimed by an event: the first document the workers finished (a progress line), so the
    # ingest, its forkserver and its workers are all up, and 39 documents are still to go
    proc = subprocess.Popen([*cmd, "--progress"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    wait_for_line(proc, f"[1/{KILLED_RUN_DOCS}] ")
    others = [pid for pid in _processes_with_env(marker) if pid != proc.pid]
    assert others, "no worker processes found: the scan is not seeing them"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    _wait_until_gone(others)
    assert _processes_with_env(marker) == [], "worker processes outlived the killed ingest"
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    with EmbeddedStore(tmp_path / "store") as s:
        assert sorted(d.source for d in s.documents()) == sorted(map(str, docs))
        assert all(d.id for d in s.documents()) and len({read(str(p)).text for p in docs}) == len(docs)
