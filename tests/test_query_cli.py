"""The query commands through click: table / JSON / CSV on stdout, talk on stderr, exit codes.

Uses the invented ecosystem of test_queries.py, in an embedded store at a temporary path
and in Neo4j (the queries read the two differently: same output expected)."""
from __future__ import annotations

import csv
import io
import json
import os

import pytest
from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.store.embedded import EmbeddedStore

from conftest import _need
from test_queries import DOC_A, DOC_B, load_example


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_path(request, tmp_path_factory) -> str:
    if request.param == "embedded":
        path = tmp_path_factory.mktemp("cli") / "store"
        s = EmbeddedStore(path, writable=True)
        load_example(s)
        s.close()
        yield str(path)
        return
    url = os.environ.get("NEO4J_URI")
    _need(bool(url), "NEO4J_URI is not set: run `make neo4j-start && source .neo4j/env`")
    from ecograph.store.neo4j import Neo4jStore
    s = Neo4jStore(url)
    s.clear()
    load_example(s)
    yield url
    s.clear()
    s.close()


@pytest.fixture
def run(store_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--store", store_path, *args], catch_exceptions=False)
    return invoke


def table_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_partners_table(run):
    r = run("partners", "Helix Cluster", "--depth", "2")
    assert r.exit_code == 0, r.output
    lines = table_lines(r.stdout)
    assert lines[0].split() == ["partner", "kind", "country", "depth", "type", "via"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith("Atlas Robotics") and "Bridge Agency" in lines[-1]
    assert len(lines) == 2 + 6
    assert "sentence" not in lines[0] and "org:" not in r.stdout  # no evidence nor ids in tables by default


def test_partners_json_with_evidence(run):
    r = run("partners", "hélix cluster", "--json", "--evidence")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [x["partner"] for x in rows] == ["Atlas Robotics", "Bridge Agency", "Kappa Labs", "Université Ibn Sina"]
    first = rows[0]
    assert first["partner_id"] == "org:atlas-robotics"
    assert first["sentence"] == DOC_A[2][0] and first["source"] == DOC_A[0]
    assert first["method"] == "test" and first["confidence"] == pytest.approx(0.9)


def test_path_csv_with_evidence(run):
    r = run("path", "Ministry of Industry", "Médina Tech", "--csv", "--evidence")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["from_name"], x["arrow"], x["type"], x["to_name"]) for x in rows] == [
        ("Ministry of Industry", "->", "MEMBER_OF", "Helix Cluster"),
        ("Helix Cluster", "--", "PARTNERS_WITH", "Bridge Agency"),
        ("Bridge Agency", "--", "PARTNERS_WITH", "Médina Tech"),
    ]
    assert rows[2]["sentence"] == DOC_B[2][1] and rows[2]["source"] == DOC_B[0]


def test_no_path_is_an_empty_answer(run):
    r = run("path", "Agadir Research Centre", "Helix Cluster", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == []
    assert "no path" in r.stderr


def test_miss_exits_1_with_did_you_mean(run):
    r = run("partners", "Atlas Robotix")
    assert r.exit_code == 1
    assert "did you mean" in r.stderr and "Atlas Robotics" in r.stderr
    assert r.stdout == ""


def test_ambiguous_name_exits_1_with_candidates(run):
    r = run("show", "ARC")
    assert r.exit_code == 1
    assert "ambiguous" in r.stderr and "Agadir Research Centre" in r.stderr and "Atlas Robotics" in r.stderr


def test_bad_relation_type_exits_1(run):
    r = run("partners", "Helix Cluster", "--types", "FRIENDS_WITH")
    assert r.exit_code == 1 and "PARTNERS_WITH" in r.stderr


def test_members_by_kind_and_mix(run):
    r = run("members", "Médina Tech", "--kind", "company", "--json")
    assert [x["member"] for x in json.loads(r.stdout)] == ["Carthage Software", "Sfax Motors"]
    assert "2 members of Médina Tech" in r.stderr
    mix = json.loads(run("members", "Helix Cluster", "--mix", "--json").stdout)
    assert {x["kind"]: x["count"] for x in mix} == {"company": 1, "university": 1, "research": 1, "government": 1}


def test_chains_with_several_funders(run):
    r = run("chains", "--funder", "EU", "--funder", "GIZ", "--participant", "Médina Tech", "--json", "--evidence")
    rows = json.loads(r.stdout)
    assert [(x["funder"], x["programme"], x["participant"]) for x in rows] == [("GIZ", "Export Days", "Médina Tech")]
    assert rows[0]["funder_sentence"] == DOC_B[2][3]


def test_central_communities_stats(run):
    brokers = json.loads(run("central", "--by", "betweenness", "--types", "PARTNERS_WITH", "--json").stdout)
    assert brokers[0]["name"] == "Bridge Agency" and brokers[0]["rank"] == 1
    comm = run("communities", "--types", "PARTNERS_WITH", "--csv")
    groups = {row["name"]: row["community"] for row in csv.DictReader(io.StringIO(comm.stdout))}
    assert groups["Helix Cluster"] != groups["Médina Tech"]
    assert "2 communities" in comm.stderr
    stats = {(x["section"], x["name"]): x["count"] for x in json.loads(run("stats", "--json").stdout)}
    assert stats[("documents", "documents")] == 2 and stats[("relations", "PARTNERS_WITH")] == 16


def test_search_and_the_other_listings(run):
    hits = json.loads(run("search", "universite ibn sina", "--json").stdout)
    assert hits[0]["name"] == "Université Ibn Sina"
    assert [x["name"] for x in json.loads(run("search", "--kind", "cluster", "--json").stdout)] == [
        "Helix Cluster", "Médina Tech"]
    assert json.loads(run("common-partners", "Atlas Robotics", "HXC", "--json").stdout)[0]["partner"] == "Bridge Agency"
    assert len(json.loads(run("cross-border", "--json").stdout)) == 2
    assert json.loads(run("clusters", "Sfax Motors", "--json").stdout)[0]["cluster"] == "Médina Tech"
    assert json.loads(run("programmes", "Atlas Robotics", "--json").stdout)[0]["programme"] == "Booster Track"
    assert len(json.loads(run("participants", "green growth", "--json").stdout)) == 2
    assert json.loads(run("ego", "Bridge Agency", "--json").stdout)[0]["distance"] == 0
    assert json.loads(run("isolated", "--json").stdout)[0]["name"] == "Agadir Research Centre"
    assert json.loads(run("top-clusters", "--json").stdout)[0]["cluster"] == "Helix Cluster"


def test_show_always_has_evidence(run):
    r = run("show", "Bridge Agency")
    assert r.exit_code == 0, r.output
    assert "kind:" in r.stdout and "support" in r.stdout
    assert "Bridge Agency cooperates with Médina Tech" in r.stdout and DOC_B[0] in r.stdout
    profile = json.loads(run("show", "Bridge Agency", "--json").stdout)
    assert profile["id"] == "org:bridge-agency" and len(profile["relations"]) == 4
    assert {x["source"] for x in profile["relations"]} == {DOC_A[0], DOC_B[0]}
    rows = list(csv.DictReader(io.StringIO(run("show", "Bridge Agency", "--csv").stdout)))
    assert len(rows) == 4 and rows[0]["sentence"]


def test_api_gives_the_rows_the_cli_prints(store_path):
    from ecograph.api import open as open_graph
    with open_graph(store_path) as g:
        rows = g.records(g.partners("Helix Cluster"))
        hops = g.path("Ministry of Industry", "Médina Tech")
        assert g.ego_graph("Bridge Agency").graph["center"] == "org:bridge-agency"
    printed = json.loads(CliRunner().invoke(cli, ["--store", store_path, "partners", "Helix Cluster",
                                                  "--json", "--evidence"]).stdout)
    assert [{k: r[k] for k in printed[0]} for r in rows] == printed
    assert [h.to_name for h in hops] == ["Helix Cluster", "Bridge Agency", "Médina Tech"]
