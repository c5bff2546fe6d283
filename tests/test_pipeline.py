"""The ingest loop end to end on the embedded store: bad files, idempotence, change, forget, evidence."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.ingest.pipeline import ingest
from ecograph.ingest.readers import read
from ecograph.store.embedded import EmbeddedStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _export(store) -> dict:
    data = store.export()
    for d in data["documents"]:
        d.pop("ingested_at")
    return data


def test_reingest_changes_nothing(embedded_store):
    r1 = ingest(embedded_store, [EXAMPLES])
    assert len(r1.ingested) == len(list(EXAMPLES.iterdir())) and not r1.failed
    first = _export(embedded_store)
    r2 = ingest(embedded_store, [EXAMPLES])
    assert r2.ingested == [] and len(r2.unchanged) == len(r1.ingested)
    assert _export(embedded_store) == first


def test_store_survives_reopen(tmp_path):
    with EmbeddedStore(tmp_path / "s", writable=True) as s:
        ingest(s, [EXAMPLES])
        before = s.export()
    with EmbeddedStore(tmp_path / "s") as s:
        assert s.export() == before


def test_evidence_spans_are_exact_on_every_edge(embedded_store, corpus_dir):
    ingest(embedded_store, [corpus_dir, EXAMPLES])
    texts = {d.id: read(d.source).text for d in embedded_store.documents()}
    n = 0
    for r in embedded_store.relations():
        assert r.evidence, r
        for ev in r.evidence:
            assert texts[ev.document][ev.start:ev.end] == ev.sentence
            assert 0 < ev.confidence <= 1 and ev.method
            n += 1
    assert n > 0


def test_changed_file_replaces_its_evidence_and_forget_removes_it(tmp_path, embedded_store):
    f = tmp_path / "news.txt"
    f.write_text("Orion Cluster is funded by the European Union.\n", encoding="utf-8")
    g = tmp_path / "other.txt"
    g.write_text("Vega Cluster is funded by the European Union.\n", encoding="utf-8")
    ingest(embedded_store, [f, g])
    assert len(embedded_store.documents()) == 2
    f.write_text("Orion Cluster opened an office.\n", encoding="utf-8")
    ingest(embedded_store, [f])
    assert len(embedded_store.documents()) == 2
    assert all(len(r.evidence) == 1 for r in embedded_store.relations())
    assert all(r.source != "org:orion-cluster" and r.target != "org:orion-cluster"
               for r in embedded_store.relations(type="FUNDS"))
    embedded_store.forget(embedded_store.document_by_source(str(g)).id)
    assert embedded_store.relations(type="FUNDS") == []
    assert embedded_store.entity("org:vega-cluster") is None


def test_cli_reports_bad_file_and_goes_on(tmp_path):
    docs = tmp_path / "docs dir é"
    docs.mkdir()
    (docs / "good.txt").write_text("Lyra Cluster is supported by the Ministry of Industry.\n", encoding="utf-8")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (docs / "empty.txt").write_text("", encoding="utf-8")
    env = {"ECOGRAPH_HOME": str(tmp_path / "home")}
    res = CliRunner().invoke(cli, ["ingest", str(docs)], env=env)
    assert res.exit_code == 1
    assert "broken.pdf" in res.stderr and "empty.txt" in res.stderr
    assert "1 ingested" in res.stderr and "2 failed" in res.stderr
    assert res.stdout == ""
    graph = json.loads((tmp_path / "home" / "graph.json").read_text(encoding="utf-8"))
    assert [os.path.basename(d["source"]) for d in graph["documents"]] == ["good.txt"]
    # a second run: nothing already stored changes, the bad files fail again
    res2 = CliRunner().invoke(cli, ["ingest", str(docs)], env=env)
    assert res2.exit_code == 1 and "1 unchanged" in res2.stderr
    assert json.loads((tmp_path / "home" / "graph.json").read_text(encoding="utf-8")) == graph


def test_cli_missing_path_and_unreadable_store(tmp_path):
    env = {"ECOGRAPH_HOME": str(tmp_path / "home")}
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope.txt")], env=env)
    assert res.exit_code == 1 and "nope.txt" in res.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "graph.json").write_text("{not json", encoding="utf-8")
    res = CliRunner().invoke(cli, ["--store", str(bad), "ingest", str(EXAMPLES)], env=env)
    assert res.exit_code == 1 and "cannot load the store" in res.stderr
    assert (bad / "graph.json").read_text(encoding="utf-8") == "{not json"


def test_ingest_puts_the_callers_garbage_collector_settings_back(embedded_store, tmp_path):
    """Ingest collects garbage less often while it runs (`ecograph.heap`); a program that
    calls it (a notebook) keeps its own settings afterwards, also when the ingest stops on
    an error raised inside it."""
    import gc
    from ecograph.store.embedded import EmbeddedStore
    before = gc.get_threshold()
    gc.set_threshold(1234, 5, 6)
    try:
        ingest(embedded_store, [EXAMPLES])
        assert gc.get_threshold() == (1234, 5, 6)

        def fail(event):
            raise RuntimeError("the caller's progress display broke")

        other = EmbeddedStore(tmp_path / "other", writable=True)
        try:
            with pytest.raises(RuntimeError, match="progress display"):
                ingest(other, [EXAMPLES], progress=fail)
        finally:
            other.close()
        assert gc.get_threshold() == (1234, 5, 6)
    finally:
        gc.set_threshold(*before)
