"""Time on edges: dates from the evidence documents and the years sentences state;
--since/--until on the queries (through queries.options), maps and exports; timeline.
The small graph has known dates and runs on both stores."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from ecograph import api
from ecograph.cli import cli
from ecograph.dates import Period, parse_date, period, stated_years
from ecograph.errors import EcographError
from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.dates import between
from ecograph.queries.partners import partners
from ecograph.queries.profile import profile
from ecograph.queries.structure import isolated
from ecograph.queries.timeline import timeline
from ecograph.store.embedded import EmbeddedStore


@pytest.mark.parametrize("sentence, years", [
    ("The agreement was signed in 2019 by both clusters.", [2019]),
    ("Les deux clusters sont partenaires depuis 2016.", [2016]),
    ("Partenaires depuis mars 2016 et jusqu'en 2020.", [2016, 2020]),
    ("It has taken part since early 2021.", [2021]),
    ("It joined on 12 May 2017 in Rabat.", [2017]),
    ("The cluster runs projects from 2018 to 2020.", [2018, 2020]),
    ("It takes part in Horizon 2020.", []),               # a programme's name, not a date
    ("2019 members signed the charter.", []),             # a count
    ("The 2030 strategy supports clusters.", []),
])
def test_stated_years(sentence, years):
    assert stated_years(sentence) == years


@pytest.mark.parametrize("text, iso", [
    ("2021", "2021"), ("2021-3", "2021-03"), ("2021-03-04T09:00:00+01:00", "2021-03-04"),
    ("4 March 2021", "2021-03-04"), ("March 4, 2021", "2021-03-04"), ("4 mars 2021", "2021-03-04"),
    ("1er juillet 2019", "2019-07-01"), ("Sept 2020", "2020-09"),
    ("03/04/2021", None), ("2021-02-30", None), ("next week", None), ("", None), ("9999", None),
])
def test_parse_date_never_guesses(text, iso):
    assert parse_date(text) == iso


def test_period_checks_and_overlaps():
    p = period("2019", "2020-06")
    assert p.overlaps("2019-12-31", "2019-12-31") and p.overlaps("2020-06", "2020-06")
    assert not p.overlaps("2020-07-01", "2021") and not p.overlaps("2018", "2018-12")
    assert not Period() and Period(since="2019")
    for bad in ("20x", "19", "2019/05", "May 2019"):
        with pytest.raises(EcographError, match="YYYY"):
            period(since=bad)
    with pytest.raises(EcographError, match="after"):
        period("2021", "2019")


# --- a small graph with known dates ---------------------------------------------------
#   doc:old  published 2015-06   "A and B signed a convention."            -> A--B dated 2015-06
#   doc:new  published 2021-02   "A partners with C since 2018."           -> A--C dated 2018 (stated)
#            and                 "A and B renewed their agreement."        -> A--B also 2021-02
#   doc:none (no date)           "D partners with A."                      -> A--D undated

def _ev(doc, sentence, start=0):
    return Evidence(doc, sentence, start, start + len(sentence), "pattern", 0.8)


def _org(i, doc):
    return Entity(f"org:{i}", "Organisation", i.upper(), kind="cluster", mentions={doc: 1})


def _fill(store):
    store.add(Extraction(Document("doc:old", "old.txt", "Old news", "en", "2024-01-01T00:00:00Z",
                                  published="2015-06", url="https://ex.org/old"),
                         [_org("a", "doc:old"), _org("b", "doc:old")],
                         [Relation("PARTNERS_WITH", "org:a", "org:b", [_ev("doc:old", "A and B signed a convention.")])]))
    store.add(Extraction(Document("doc:new", "new.txt", "New news", "en", "2024-01-02T00:00:00Z", published="2021-02"),
                         [_org("a", "doc:new"), _org("b", "doc:new"), _org("c", "doc:new")],
                         [Relation("PARTNERS_WITH", "org:a", "org:c", [_ev("doc:new", "A partners with C since 2018.")]),
                          Relation("PARTNERS_WITH", "org:a", "org:b",
                                   [_ev("doc:new", "A and B renewed their agreement.", 40)])]))
    store.add(Extraction(Document("doc:none", "none.txt", "Undated", "en", "2024-01-03T00:00:00Z"),
                         [_org("a", "doc:none"), _org("d", "doc:none")],
                         [Relation("PARTNERS_WITH", "org:a", "org:d", [_ev("doc:none", "D partners with A.")])]))
    store.flush()


def _partner_names(store, **window):
    with between(**window):
        return [r.partner for r in partners(store, "A")]


def test_time_filters_on_both_stores(store):
    _fill(store)
    assert _partner_names(store) == ["B", "C", "D"]
    assert _partner_names(store, until="2016") == ["B"]                 # only the 2015 convention
    assert _partner_names(store, since="2017", until="2019") == ["C"]   # the year the sentence states
    assert _partner_names(store, since="2021-02-15") == ["B"]           # 2021-02 overlaps the window
    assert _partner_names(store, since="2022") == []
    with between(until="2016"):   # the cited sentence is one inside the window
        row, = partners(store, "A")
        assert (row.sentence, row.published, row.url) == ("A and B signed a convention.", "2015-06", "https://ex.org/old")
        assert [r.name for r in isolated(store)] == ["C", "D"]
    with between(since="2021"):
        row, = partners(store, "A")
        assert row.sentence == "A and B renewed their agreement." and row.evidence_count == 1
    # a path only over relations inside the window: B-A-C until 2016 has no A--C
    from ecograph.queries.paths import path
    assert [h.to_name for h in path(store, "B", "C")] == ["A", "C"]
    with between(until="2016"):
        assert path(store, "B", "C") == []
    # the window in force is per block: outside it, everything again
    assert _partner_names(store) == ["B", "C", "D"]


def test_timeline_on_both_stores(store):
    _fill(store)
    rows = timeline(store, "A")
    got = [(r.other, r.when, r.first_seen, r.last_seen, r.years) for r in rows]
    assert got == [("B", "2015-06", "2015-06", "2021-02", ""),
                   ("C", "2018", "2021-02", "2021-02", "2018"),
                   ("D", "", "", "", "")]
    p = profile(store, "C")
    assert [(r.published, r.years) for r in p.relations] == [("2021-02", "2018")]


def test_cli_since_until_on_queries_maps_and_exports(tmp_path):
    path = tmp_path / "store"
    with EmbeddedStore(path, writable=True) as s:
        _fill(s)
    runner = CliRunner()

    def run(*args):
        res = runner.invoke(cli, ["--store", str(path), *args])
        assert res.exit_code == 0, res.output
        return res.stdout

    rows = json.loads(run("partners", "A", "--until", "2016", "--json"))
    assert [r["partner"] for r in rows] == ["B"]
    rows = json.loads(run("show", "A", "--until", "2016", "--json"))["relations"]
    assert [(r["other"], r["published"], r["url"]) for r in rows] == [("B", "2015-06", "https://ex.org/old")]
    rows = json.loads(run("timeline", "A", "--json", "--since", "2018"))
    assert [(r["other"], r["when"]) for r in rows] == [("C", "2018"), ("B", "2021-02")]  # B: only its 2021 evidence
    data = json.loads(run("export", "--since", "2017", "--until", "2019"))
    assert [(r["source"], r["target"]) for r in data["relations"]] == [("org:a", "org:c")]
    assert len(json.loads(run("export"))["relations"]) == 3
    run("export", "--format", "graphml", "-o", str(tmp_path / "g.graphml"), "--until", "2016")
    G = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    (_, _, ab), = G.edges(data=True)
    assert (ab["first_seen"], ab["last_seen"], ab["published"], ab["url"]) == (
        "2015-06", "2015-06", "2015-06", "https://ex.org/old")
    run("export", "--format", "csv", "-o", str(tmp_path / "k.csv"))
    with open(tmp_path / "k-edges.csv", encoding="utf-8") as f:
        rows = {(r["From"], r["To"]): r for r in csv.DictReader(f)}
    assert (rows["A", "B"]["First seen"], rows["A", "B"]["Last seen"], rows["A", "B"]["Years"]) == ("2015-06", "2021-02", "")
    assert (rows["A", "C"]["First seen"], rows["A", "C"]["Years"]) == ("2021-02", "2018")
    assert rows["A", "D"]["First seen"] == ""
    run("map", "-o", str(tmp_path / "m.html"), "--until", "2016")
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "signed a convention" in html and "renewed their agreement" not in html
    res = runner.invoke(cli, ["--store", str(path), "partners", "A", "--since", "last year"])
    assert res.exit_code != 0 and "--since must be a date" in res.output


def test_api_between(tmp_path):
    with EmbeddedStore(tmp_path / "s", writable=True) as s:
        _fill(s)
    with api.open(str(tmp_path / "s")) as g:
        with g.between(until="2016"):
            assert [r.partner for r in g.partners("A")] == ["B"]
        assert [r.other for r in g.timeline("A")] == ["B", "C", "D"]
