"""`ecograph sample score --apply`: verdicts of "wrong" become `reject` decisions in the
curation file, so the edges stay out after forget and re-ingest; a sample of a store
that changed is refused, and scores again once the store is back. Real ingestion of the
example corpus, through the CLI, on both stores."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.store import open_store
from ecograph.validation import read_sample

from test_sample import judge

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_url(request, tmp_path, monkeypatch):
    monkeypatch.setenv("ECOGRAPH_CURATION", str(tmp_path / "curation.json"))
    if request.param == "embedded":
        return str(tmp_path / "store")
    return request.getfixturevalue("neo4j_store").url  # cleared before and after


def keys(url) -> set[tuple]:
    with open_store(url) as s:
        return {r.key for r in s.relations()}


def test_apply_then_forget_and_reingest_keeps_the_rejections(store_url, tmp_path):
    def run(*args):
        return CliRunner().invoke(cli, ["--store", store_url, *args], catch_exceptions=False)

    assert run("ingest", str(CORPUS)).exit_code == 0
    sample = tmp_path / "s.csv"
    assert run("sample", "-n", "1000", "--seed", "8", "-o", str(sample)).exit_code == 0
    rows = read_sample(sample).rows
    assert len(rows) == len(keys(store_url)) > 10
    # judge wrong two edges resting on the Carthage document, the rest correct
    carthage = [r for r in rows if r["document_source"].endswith("carthage-green-tech.md")][:2]
    wrong = {(r["type"], r["source_id"], r["target_id"]) for r in carthage}
    judge(sample, {r["id"]: "correct" for r in rows} | {r["id"]: "wrong" for r in carthage})

    r = run("sample", "score", str(sample), "--apply")
    assert r.exit_code == 0, r.output
    assert "rejected 2 edge(s) judged wrong" in r.stderr
    decisions = json.loads((tmp_path / "curation.json").read_text())["rejects"]
    assert {(d["type"], d["source"], d["target"]) for d in decisions} == wrong
    assert all("judged wrong in validation sample" in d["reason"] for d in decisions)
    assert not wrong & keys(store_url)
    after_apply = keys(store_url)
    # scoring again is fine (the rejected edges are known to curation), and applies nothing new
    r = run("sample", "score", str(sample), "--apply", "--json")
    assert r.exit_code == 0, r.output
    assert "rejected 0 edge(s)" in r.stderr and json.loads(r.stdout)["lines"][0]["wrong"] == 2

    # forget the document: its edges are gone, so the sample is refused, naming them
    with open_store(store_url) as s:
        source = next(d.source for d in s.documents() if d.source.endswith("carthage-green-tech.md"))
    assert run("forget", source).exit_code == 0
    r = run("sample", "score", str(sample))
    assert r.exit_code == 1 and "changed since this sample was drawn" in r.output
    assert "no longer exist" in r.output and "Carthage Green Tech Cluster -LOCATED_IN-> Sousse" in r.output

    # re-ingest (plain, then forced): the rejected edges stay out, the sample scores again
    for extra in ([], ["--force"]):
        assert run("ingest", *extra, str(CORPUS)).exit_code == 0
        assert not wrong & keys(store_url)
        assert keys(store_url) == after_apply
        r = run("sample", "score", str(sample))
        assert r.exit_code == 0, r.output
