"""Validation samples: drawing (reproducible, stratified), the statistics against values
computed by hand, stale-sample refusal and the CLI, on both stores. (`--apply` across
forget/re-ingest: test_sample_apply.py; the HTML judge in Chromium: test_sample_browser.py.)"""
from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter

import pytest
from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.queries.sample import allocate, draw_edges, draw_entities, mark_spans, marked
from ecograph.queries.validate import score_sample
from ecograph.validation import (SampleError, cohen_kappa, methods_paragraph, proportion,
                                 read_sample, score, wilson)
from ecograph.visualizations.judge import write_sample_csv

from test_map import HOSTILE, build_example


# --- statistics, against figures worked out by hand ------------------------------

def test_wilson_interval_by_hand():
    # 8 of 10: centre (0.8 + z²/20) / (1 + z²/10), half-width z/(1 + z²/10) * sqrt(0.016 + z²/400)
    low, high = wilson(0.8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    # 0 of 5: the upper bound is z² / (n + z²)
    z2 = 1.959963984540054 ** 2
    assert wilson(0.0, 5) == (0.0, pytest.approx(z2 / (5 + z2)))
    assert wilson(1.0, 5) == (pytest.approx(5 / (5 + z2)), 1.0)
    assert all(math.isnan(x) for x in wilson(0.5, 0))


def test_proportion_counts_unsure_apart_and_weights_by_stratum():
    p = proportion("precision", "all", [("correct", 1.0)] * 8 + [("wrong", 1.0)] * 2 + [("unsure", 1.0), ("", 1.0)])
    assert (p.judged, p.correct, p.wrong, p.unsure) == (10, 8, 2, 1)
    assert (p.value, round(p.low, 4), round(p.high, 4)) == (0.8, 0.4902, 0.9433)
    # weights 2, 2, 1 (correct, correct, wrong): p = 4/5, Kish n_eff = 5² / (4 + 4 + 1) = 25/9
    w = proportion("precision", "all", [("correct", 2.0), ("correct", 2.0), ("wrong", 1.0), ("unsure", 7.0)])
    assert w.value == pytest.approx(0.8) and w.n_effective == pytest.approx(25 / 9)
    assert (w.low, w.high) == pytest.approx(wilson(0.8, 25 / 9))
    assert proportion("precision", "none", [("unsure", 1.0)]).value is None


def test_cohen_kappa_by_hand():
    # 10 items: both correct 6, both wrong 2, one each way 1 + 1
    pairs = [("correct", "correct")] * 6 + [("wrong", "wrong")] * 2 + [("correct", "wrong"), ("wrong", "correct")]
    k = cohen_kappa(pairs)
    # po = 0.8; pe = 0.7*0.7 + 0.3*0.3 = 0.58; kappa = 0.22 / 0.42
    assert k["n"] == 10 and k["agreement"] == pytest.approx(0.8) and k["kappa"] == pytest.approx(0.22 / 0.42)
    # three categories, and items one judge left empty are not counted
    pairs = ([("correct", "correct")] * 4 + [("wrong", "wrong")] * 2 + [("unsure", "unsure")]
             + [("correct", "unsure"), ("unsure", "wrong"), ("wrong", "correct"), ("correct", "")])
    k = cohen_kappa(pairs)
    # n = 10, po = 0.7; A: c 5, w 3, u 2; B: c 5, w 3, u 2 -> pe = .25 + .09 + .04 = .38
    assert k["n"] == 10 and k["kappa"] == pytest.approx((0.7 - 0.38) / 0.62)
    assert cohen_kappa([("correct", "correct")] * 3)["kappa"] is None  # one category: undefined
    assert cohen_kappa([])["n"] == 0


def test_equal_allocation():
    assert allocate({"A": 10, "B": 3, "C": 1}, 9) == {"A": 5, "B": 3, "C": 1}
    assert allocate({"A": 10, "B": 10}, 5) == {"A": 3, "B": 2}
    assert allocate({"A": 2, "B": 1}, 50) == {"A": 2, "B": 1}
    assert allocate({}, 5) == {}


def test_names_are_marked_whatever_the_case_and_accents():
    s = "Le programme est financé par l'Union européenne et la GIZ."
    spans = mark_spans(s, [["GIZ"], ["union europeenne"]])
    assert marked(s, spans) == "Le programme est financé par l'[[Union européenne]] et la [[GIZ]]."
    assert [x[2] for x in spans] == [1, 0]
    # whole words only, and a name not in the sentence is not marked
    assert mark_spans("GIZMO and Kora", [["GIZ"], ["Nowhere"]]) == []


# --- drawing ----------------------------------------------------------------------

def test_same_seed_same_sample_and_every_row_filled(store):
    build_example(store)
    a, b = draw_edges(store, 6, seed=11), draw_edges(store, 6, seed=11)
    assert a.rows == b.rows and a.meta == b.meta
    assert [r["id"] for r in a.rows] == ["e1", "e2", "e3", "e4", "e5", "e6"]
    other = draw_edges(store, 6, seed=12)
    assert {r["statement"] for r in other.rows} != {r["statement"] for r in a.rows}
    everything = draw_edges(store, 100, seed=1)
    assert len(everything.rows) == 15 == everything.meta["population"]
    assert len({(r["type"], r["source_id"], r["target_id"]) for r in everything.rows}) == 15
    row = next(r for r in everything.rows if r["source_id"] == "org:kora" and r["type"] == "MEMBER_OF")
    assert row["statement"] == "Kora Seeds is a member of Baobab Agritech Cluster"
    assert row["sentence"] == ("[[Kora Seeds]] and Lagoon Food Labs are members of "
                               "[[Baobab Agritech Cluster]].")
    assert (row["document"], row["document_source"]) == ("Baobab cluster profile", "notes/baobab-profile.txt")
    assert (row["confidence"], row["method"], row["verdict"], row["note"]) == (0.9, "member-list", "", "")
    hostile = next(r for r in everything.rows if r["source_id"] == "org:xss-img")
    assert hostile["sentence"] == f"[[{HOSTILE['org:xss-img']}]] is a member of [[Baobab Agritech Cluster]]."
    assert draw_edges(store, 100, seed=1, types=["funds"]).meta["population"] == 1


def test_stratification_counts(store):
    build_example(store)
    s = draw_edges(store, 10, seed=5, stratify="type")
    # 8 types: one each, the two left to the largest (3 edges each; ties by name)
    assert Counter(r["type"] for r in s.rows) == {"MEMBER_OF": 2, "PARTNERS_WITH": 2, "SUPPORTS": 1, "RUNS": 1,
                                                   "FUNDS": 1, "LOCATED_IN": 1, "ACTIVE_IN": 1, "PARTICIPATES_IN": 1}
    weights = {r["type"]: r["weight"] for r in s.rows}
    assert weights["MEMBER_OF"] == 1.5 and weights["SUPPORTS"] == 3.0 and weights["FUNDS"] == 1.0
    bands = Counter(r["stratum"] for r in draw_edges(store, 6, seed=5, stratify="confidence").rows)
    assert bands == {"0.80-1.00": 2, "0.70-0.79": 2, "0.00-0.69": 2}
    docs = Counter(r["stratum"] for r in draw_edges(store, 4, seed=5, stratify="document").rows)
    assert docs == {"notes/baobab-profile.txt": 2, "notes/fair-<report>.html": 2}
    ents = draw_entities(store, 100, seed=5, stratify="type")
    strata = Counter(r["stratum"] for r in ents.rows)
    assert (strata["Organisation:company"], strata["Organisation:network"], strata["Programme:programme"]) == (6, 1, 1)
    with pytest.raises(SampleError, match="cannot be stratified by 'confidence'"):
        draw_entities(store, 3, stratify="confidence")
    with pytest.raises(SampleError, match="unknown relation type NOPE"):
        draw_edges(store, 3, types=["NOPE"])


def test_entity_sample(store):
    build_example(store)
    s = draw_entities(store, 100, seed=2)
    assert s.meta["population"] == 11  # organisations and programmes, not places or sectors
    row = next(r for r in s.rows if r["entity_id"] == "org:baobab")
    assert row["statement"] == "Baobab Agritech Cluster is an organisation (cluster)"
    assert row["aliases"] == "BAC" and "[[Baobab Agritech Cluster]]" in row["sentence"]


@pytest.mark.neo4j
def test_both_stores_draw_the_same_sample(embedded_store, neo4j_store):
    build_example(embedded_store)
    build_example(neo4j_store)
    for kw in ({"seed": 4}, {"seed": 4, "stratify": "type"}, {"seed": 9, "stratify": "document"}):
        a, b = draw_edges(embedded_store, 7, **kw), draw_edges(neo4j_store, 7, **kw)
        assert a.rows == b.rows and a.meta == b.meta
    assert draw_entities(embedded_store, 5, seed=3).rows == draw_entities(neo4j_store, 5, seed=3).rows


# --- judged files back, and stale samples ----------------------------------------

def judge(path, verdicts: dict[str, str], column: str = "verdict", out=None) -> None:
    """Fill `column` of a sample file: row id -> verdict (the way a spreadsheet would save it)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r[column] = verdicts.get(r["id"], r.get(column, ""))
    with open(out or path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_score_a_judged_file_and_refuse_a_changed_store(store, tmp_path):
    build_example(store)
    path = write_sample_csv(draw_edges(store, 100, seed=3), tmp_path / "s.csv")
    ids = [r["id"] for r in read_sample(path).rows]
    judge(path, {i: "correct" for i in ids[:10]} | {ids[10]: "w", ids[11]: "unsure"})
    sample, result = score_sample(store, path)
    head = result.lines[0]
    assert (head.judged, head.correct, head.wrong, head.unsure) == (11, 10, 1, 1)
    assert (head.low, head.high) == pytest.approx(wilson(10 / 11, 11))
    assert "Precision was 0.91 (95 % CI" in methods_paragraph(result)

    store.forget("doc:b")
    with pytest.raises(SampleError) as err:
        score_sample(store, path)
    msg = str(err.value)
    assert "changed since this sample was drawn" in msg and "no longer exist" in msg
    assert f"{HOSTILE['org:xss-img']} -MEMBER_OF-> Baobab Agritech Cluster" in msg


def test_a_grown_store_is_refused_even_when_every_sampled_edge_is_there(store, tmp_path):
    build_example(store)
    path = write_sample_csv(draw_edges(store, 2, seed=3, types=["MEMBER_OF"]), tmp_path / "s.csv")
    text = "Nova Labs is a member of Baobab Agritech Cluster. "
    store.add(Extraction(Document("doc:c", "notes/c.txt", "C", "en", "", text),
                         [Entity("org:nova", "Organisation", "Nova Labs", "company", mentions={"doc:c": 1}),
                          Entity("org:baobab", "Organisation", "Baobab Agritech Cluster", "cluster", mentions={"doc:c": 1})],
                         [Relation("MEMBER_OF", "org:nova", "org:baobab",
                                   [Evidence("doc:c", text.strip(), 0, len(text.strip()), "pattern", 0.9)])]))
    with pytest.raises(SampleError, match=r"population changed: 4 edges now, 3 then"):
        score_sample(store, path)
    # edges of other types do not touch a sample of MEMBER_OF edges: forget the new one, all is well
    store.forget("doc:c")
    score_sample(store, path)


def test_bad_files_are_named(tmp_path, embedded_store):
    build_example(embedded_store)
    path = write_sample_csv(draw_edges(embedded_store, 3, seed=1), tmp_path / "s.csv")
    judge(path, {"e2": "maybe"})
    with pytest.raises(SampleError, match=r"s\.csv, line 3 \(id 'e2'\): verdict 'maybe' is not one of"):
        read_sample(path)
    (tmp_path / "t.csv").write_text("id,verdict\ne1,correct\n")
    with pytest.raises(SampleError, match=r"t\.csv: column\(s\) sample, stratum, weight missing"):
        read_sample(tmp_path / "t.csv")


# --- the CLI --------------------------------------------------------------------

@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def cli_store(request, tmp_path, monkeypatch):
    """A store URL holding the example, and a curation file of the test's own."""
    monkeypatch.setenv("ECOGRAPH_CURATION", str(tmp_path / "curation.json"))
    s = request.getfixturevalue("embedded_store" if request.param == "embedded" else "neo4j_store")
    build_example(s)
    s.flush()
    return s.url


def run(url, *args):
    r = CliRunner().invoke(cli, ["--store", url, *args], catch_exceptions=False)
    return r


def test_cli_draw_score_kappa_and_methods(cli_store, tmp_path):
    r = run(cli_store, "sample", "-n", "8", "--seed", "21", "--stratify", "type")
    assert r.exit_code == 0, r.output
    assert "drew 8 of 15 edges (seed 21, stratified by type)" in r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 8 and rows[0]["verdict"] == "" and "seed=21" in rows[0]["sample"]
    out = tmp_path / "s.csv"
    assert run(cli_store, "sample", "-n", "8", "--seed", "21", "--stratify", "type", "-o", str(out)).exit_code == 0
    assert [r["statement"] for r in read_sample(out).rows] == [r["statement"] for r in rows]  # same seed, same rows

    ids = [r["id"] for r in rows]
    judge(out, {i: "correct" for i in ids[:6]} | {ids[6]: "wrong", ids[7]: "wrong"})
    judge(out, {i: "correct" for i in ids[:5]} | {ids[5]: "wrong", ids[6]: "wrong", ids[7]: "correct"},
          out=tmp_path / "s2.csv")
    r = run(cli_store, "sample", "score", str(out), str(tmp_path / "s2.csv"), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    # po = 6/8; judge 1: c 6 w 2, judge 2: c 6 w 2 -> pe = 0.5625 + 0.0625; kappa = 0.125 / 0.375
    assert data["agreement"]["kappa"] == pytest.approx(1 / 3) and data["agreement"]["n"] == 8
    assert data["lines"][0]["correct"] == 6 and data["population"] == 15 and data["stratify"] == "type"
    assert "Cohen's kappa = 0.33" in data["methods"]
    r = run(cli_store, "sample", "score", str(out), "--csv")
    table = list(csv.DictReader(io.StringIO(r.stdout)))
    assert table[0]["measure"] == "precision" and table[0]["judged"] == "8"
    assert {t["group"] for t in table if t["measure"] == "precision by type"} >= {"MEMBER_OF", "FUNDS"}
    r = run(cli_store, "sample", "score", str(out), "--methods")
    assert r.stdout.startswith("We validated the graph on a random sample of 8 of the 15 edges")
    assert "stratified by relation type" in r.stdout and "6 correct, 2 wrong, 0 unsure" in r.stdout


def test_cli_html_entities_and_errors(cli_store, tmp_path):
    r = run(cli_store, "sample", "-n", "4", "--seed", "2", "-o", str(tmp_path / "judge.html"))
    assert r.exit_code == 0, r.output
    html = (tmp_path / "judge.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "<script>alert" not in html and "<img src" not in html
    r = run(cli_store, "sample", "--what", "entities", "-n", "3", "--seed", "2")
    assert r.exit_code == 0 and "same_as" in r.stdout.splitlines()[0]
    r = run(cli_store, "sample", "--what", "entities", "--types", "FUNDS")
    assert r.exit_code == 2 and "--types applies to samples of edges" in r.output
    r = run(cli_store, "sample", "--format", "html")
    assert r.exit_code == 2 and "give -o FILE.html" in r.output
    r = run(cli_store, "sample", "--types", "FUNDS,NOPE")
    assert r.exit_code == 1 and "unknown relation type NOPE" in r.output


def test_the_api_twin(tmp_path, monkeypatch):
    import ecograph
    monkeypatch.setenv("ECOGRAPH_CURATION", str(tmp_path / "curation.json"))
    with ecograph.open(str(tmp_path / "store"), writable=True) as g:
        build_example(g.store)
        s = g.sample(5, stratify="type", seed=3)
        assert s.rows == draw_edges(g.store, 5, stratify="type", seed=3).rows
        path = write_sample_csv(s, tmp_path / "s.csv")
        judge(path, {"e1": "wrong", "e2": "correct"})
        result = g.score_sample(path, apply=True)
        assert (result.lines[0].correct, result.lines[0].wrong) == (1, 1)
        gone = next(r for r in s.rows if r["id"] == "e1")
        assert (gone["type"], gone["source_id"], gone["target_id"]) not in {r.key for r in g.store.relations()}
        assert g.score_sample(path).lines[0].wrong == 1  # the rejected edge still counts as sampled


def test_kappa_from_a_verdict_2_column_and_mismatched_copies(embedded_store, tmp_path):
    build_example(embedded_store)
    path = write_sample_csv(draw_edges(embedded_store, 4, seed=1), tmp_path / "s.csv")
    judge(path, {"e1": "correct", "e2": "correct", "e3": "wrong", "e4": "unsure"})
    judge(path, {"e1": "correct", "e2": "wrong", "e3": "wrong", "e4": "unsure"}, column="verdict_2")
    _, result = score_sample(embedded_store, path)
    # po = 3/4; A: c 2 w 1 u 1, B: c 1 w 2 u 1 -> pe = (2 + 2 + 1) / 16; kappa = (12 - 5) / (16 - 5)
    assert result.agreement["n"] == 4 and result.agreement["kappa"] == pytest.approx(7 / 11)
    other = write_sample_csv(draw_edges(embedded_store, 4, seed=2), tmp_path / "other.csv")
    with pytest.raises(SampleError, match="is not the same sample as"):
        score_sample(embedded_store, path, other)


def test_entity_sample_refused_when_an_entity_changed(embedded_store, tmp_path):
    build_example(embedded_store)
    path = write_sample_csv(draw_entities(embedded_store, 100, seed=1), tmp_path / "e.csv")
    score_sample(embedded_store, path)
    embedded_store.forget("doc:b")  # the hostile organisations go; Kora Seeds stays
    with pytest.raises(SampleError, match=r"sampled entities no longer exist: .*<script>alert\(1\)</script> \(row n"):
        score_sample(embedded_store, path)


def test_a_file_saved_by_a_spreadsheet_in_a_french_locale(embedded_store, tmp_path):
    build_example(embedded_store)
    path = write_sample_csv(draw_edges(embedded_store, 6, seed=1, stratify="type"), tmp_path / "s.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["verdict"], r["weight"], r["confidence"] = "c", r["weight"].replace(".", ","), r["confidence"].replace(".", ",")
    with open(tmp_path / "fr.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        w.writeheader()
        w.writerows(rows)
    _, result = score_sample(embedded_store, tmp_path / "fr.csv")
    assert result.lines[0].correct == 6
    assert sum(p.judged for p in result.lines if p.measure == "precision by confidence") == 6
