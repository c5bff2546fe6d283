"""Forgiving names: which entity a query finds first ("did you mean", `search`), ranked by
the words that tell names apart (not "cluster", "ministry", "of"), aliases and acronyms
included; a forgiving match is told on stderr; a missing or empty store is said so."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.errors import NotFound
from ecograph.queries.lookup import find_entity, search_names
from ecograph.queries.search import search
from ecograph.store.embedded import EmbeddedStore

# (name, kind, aliases): names of the kind the development corpus holds, with the generic
# words ("Cluster", "Ministry of", "Moroccan") shared across unrelated organisations
ORGS = [
    ("Menara Morocco", "cluster", ["Cluster Menara", "Menara Cluster"]),
    ("Ministry of Industry", "government", ["MIC", "Ministry of Industry and Trade"]),
    ("Ministry of Economy and Finance", "government", ["MEF"]),
    ("Ministry of National Education", "government", []),
    ("Al Omrane", "company", []),
    ("German Cooperation", "funder", []),
    ("CE3M", "cluster", ["Cluster Electronique Mécatronique et Mécanique"]),
    ("CGEM", "association", []),
    ("Moroccan Cluster of Electronics", "cluster", []),
    ("Atlas Mechatronics Cluster", "cluster", []),
    ("Agency of Agricultural Development", "government", []),
    ("Marrakech Private University", "university", []),
    ("Souss Agrifood Cluster", "cluster", ["Cluster Agroalimentaire du Souss"]),
    ("Tangier Automotive Cluster", "cluster", []),
    ("Ecole Centrale Casablanca", "university", []),
    ("Casablanca Technology Centre", "research", []),
]

# query -> the name expected first (in "did you mean" and in `search`)
FIRST = [
    ("Menra", "Menara Morocco"),
    ("menara", "Menara Morocco"),
    ("menara cluster", "Menara Morocco"),
    ("Cluster Menarra", "Menara Morocco"),
    ("ministry of industri", "Ministry of Industry"),
    ("MEF", "Ministry of Economy and Finance"),
    ("ministry of finance", "Ministry of Economy and Finance"),
    ("ce3m", "CE3M"),
    ("electronique mecatronique", "CE3M"),
    ("AMC", "Atlas Mechatronics Cluster"),              # initials, not an alias
    ("atlas mecatronics", "Atlas Mechatronics Cluster"),
    ("agroalimentaire souss", "Souss Agrifood Cluster"),
    ("tanger automotive", "Tangier Automotive Cluster"),
    ("german cooperaton", "German Cooperation"),
    ("omrane", "Al Omrane"),
    ("centrale", "Ecole Centrale Casablanca"),   # a name's own word, not a misspelt "centre"
]


def _names_data() -> dict:
    doc = {"id": "doc:names", "source": "names.txt", "title": "names", "language": "en"}
    entities = [{"id": "org:" + str(i), "label": "Organisation", "kind": kind, "name": name, "aliases": aliases,
                 "mentions": [{"document": "doc:names", "count": 1}]} for i, (name, kind, aliases) in enumerate(ORGS)]
    return {"schema_version": 1, "entities": entities, "relations": [], "documents": [doc]}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "store"
    s = EmbeddedStore(path, writable=True)
    s.load(_names_data())
    s.close()
    return str(path)


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, store_path):
    """Both stores give the same first answers (Neo4j resolves exact names itself)."""
    if request.param == "embedded":
        s = EmbeddedStore(store_path)
        yield s
        s.close()
        return
    import os
    from conftest import _need
    from ecograph.store.neo4j import Neo4jStore
    _need(bool(os.environ.get("NEO4J_URI")), "NEO4J_URI is not set: run `make neo4j-start && source .neo4j/env`")
    s = Neo4jStore(os.environ["NEO4J_URI"])
    s.clear()
    s.load(_names_data())
    yield s
    s.clear()
    s.close()


@pytest.mark.parametrize("query,expected", FIRST, ids=[q for q, _ in FIRST])
def test_first_answer(store, query, expected):
    found = search_names(store, query, limit=5)
    assert found and found[0][0].name == expected, [(e.name, s) for e, s in found]
    assert search(store, query)[0].name == expected
    try:
        got = find_entity(store, query).name  # taken (exact, alias, or clearly the one)...
    except NotFound as exc:                  # ...or the first suggestion
        got = exc.suggestions[0] if exc.suggestions else None
    assert got == expected


def test_generic_words_do_not_rank(store):
    # "Menra" shares nothing but letters with the ministries: they are not suggested at all
    with pytest.raises(NotFound) as miss:
        find_entity(store, "Menra")
    assert miss.value.suggestions[0] == "Menara Morocco"
    assert not any(s.startswith("Ministry") for s in miss.value.suggestions)
    assert not any(h.name.startswith("Ministry") for h in search(store, "menara"))


def test_forgiving_match_is_told_on_stderr(store_path):
    runner = CliRunner()
    r = runner.invoke(cli, ["--store", store_path, "show", "Menara Clustr"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "note: 'Menara Clustr' is taken as Menara Morocco" in r.stderr
    assert "note:" not in r.stdout
    exact = runner.invoke(cli, ["--store", store_path, "show", "cluster menara"], catch_exceptions=False)
    assert exact.exit_code == 0 and "note:" not in exact.stderr  # an alias is an exact name


@pytest.mark.parametrize("command", [["partners", "CE3M"], ["stats"], ["search", "x"], ["map", "-o", "m.html"]])
def test_missing_store_is_named(tmp_path, command):
    where = tmp_path / "no-such-store"
    r = CliRunner().invoke(cli, ["--store", str(where), *command])
    assert r.exit_code == 1
    assert f"no store at {where}" in r.stderr and "the store is missing" in r.stderr
    assert "ingest" in r.stderr and not where.exists()


def test_empty_store_is_named(tmp_path):
    where = tmp_path / "store"
    EmbeddedStore(where, writable=True).close()
    (where / "graph.json").write_text('{"schema_version": 1, "entities": [], "relations": [], "documents": []}')
    r = CliRunner().invoke(cli, ["--store", str(where), "partners", "CE3M"])
    assert r.exit_code == 1 and f"the store {where} is empty" in r.stderr


def test_show_one_line_per_sentence_with_methods_together(tmp_path):
    text = "CE3M is a member of the Moroccan Cluster of Electronics. CE3M works with CGEM."
    s1 = text.index(".") + 1
    ev = lambda start, end, method, conf: {"document": "doc:names", "sentence": text[start:end],  # noqa: E731
                                           "start": start, "end": end, "method": method, "confidence": conf}
    data = {"schema_version": 1, "documents": [{"id": "doc:names", "source": "n.txt", "title": "n", "language": "en"}],
            "entities": [{"id": "org:" + str(i), "label": "Organisation", "kind": k, "name": n, "aliases": a,
                          "mentions": [{"document": "doc:names", "count": 1}]}
                         for i, (n, k, a) in enumerate(ORGS) if n in ("CE3M", "Moroccan Cluster of Electronics", "CGEM")],
            "relations": [{"type": "MEMBER_OF", "source": "org:6", "target": "org:8",
                           "evidence": [ev(0, s1, "en-member", 0.8), ev(0, s1, "table-member", 0.9)]},
                          {"type": "PARTNERS_WITH", "source": "org:6", "target": "org:7",
                           "evidence": [ev(s1 + 1, len(text), "en-partner", 0.7)]}]}
    s = EmbeddedStore(tmp_path / "store", writable=True)
    s.load(data)
    s.close()
    r = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "show", "CE3M"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    rows = [ln for ln in r.stdout.splitlines() if ln.startswith(("out ", "in ", "both "))]
    assert len(rows) == 2, r.stdout
    member = next(ln for ln in rows if "MEMBER_OF" in ln)
    assert "en-member, table-member" in member and member.rstrip().endswith("0.9")
    assert "relations (2 sentences)" in r.stdout
