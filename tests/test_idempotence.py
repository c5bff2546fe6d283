"""Idempotence and document lifecycle, on both stores.

* ingesting the same documents N times gives the same export, byte for byte apart from
  `ingested_at` (with and without `--force`);
* re-ingesting a changed file (same source, new text) replaces that document's evidence;
* forgetting a document removes its mentions and evidence, and an edge or entity goes
  only when no document supports it any more;
* `ecograph forget SOURCE` on the command line.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.ingest.pipeline import ingest
from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.store.embedded import EmbeddedStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"

# Small documents whose every sentence states one relation between named organisations.
DOCS = {
    "orion.txt": "Orion Mechatronics Cluster is funded by the Northern Development Bank.\n\n"
                 "Rif Motion Systems is a member of Orion Mechatronics Cluster.\n\n"
                 "Orion Mechatronics Cluster signed a partnership agreement with Vega Agrifood Cluster.\n",
    "vega.txt": "Vega Agrifood Cluster is funded by the Northern Development Bank.\n\n"
                "Kappa Photonics is a member of Vega Agrifood Cluster.\n\n"
                "Orion Mechatronics Cluster signed a partnership agreement with Vega Agrifood Cluster.\n",
    "lyra.txt": "Lyra Textile Cluster is supported by the Ministry of Industry.\n\n"
                "Lyra Textile Cluster launched the Green Export Programme.\n",
}
ORION_NEW = ("Orion Mechatronics Cluster is supported by the Ministry of Industry.\n\n"
             "Detroit Strait Components is a member of Orion Mechatronics Cluster.\n")


def write_docs(folder: Path, docs: dict[str, str] = DOCS) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
        out[name] = folder / name
    return out


def normalised(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    for d in data["documents"]:
        d.pop("ingested_at", None)
    return data


def dump(data: dict) -> str:
    """The export as bytes a user would diff (ingested_at removed)."""
    return json.dumps(normalised(data), ensure_ascii=False, indent=1)


def support(data: dict) -> dict:
    """What the documents support: {doc source: (mentions, evidence)} keyed by source, and the
    entity ids and relation keys that exist."""
    src = {d["id"]: d["source"] for d in data["documents"]}
    per: dict[str, tuple[set, set]] = {s: (set(), set()) for s in src.values()}
    for e in data["entities"]:
        for m in e.get("mentions", []):
            per.setdefault(src.get(m["document"], "?" + m["document"]), (set(), set()))[0].add((e["id"], m["count"]))
    for r in data["relations"]:
        for ev in r["evidence"]:
            per.setdefault(src.get(ev["document"], "?" + ev["document"]), (set(), set()))[1].add(
                (r["type"], r["source"], r["target"], ev["start"], ev["end"], ev["sentence"], ev["method"]))
    return {"per_document": per,
            "entities": sorted(e["id"] for e in data["entities"]),
            "relations": sorted((r["type"], r["source"], r["target"]) for r in data["relations"])}


def fresh_store(tmp_path: Path, name: str) -> EmbeddedStore:
    return EmbeddedStore(tmp_path / name, writable=True)


def assert_meaningful(data: dict) -> None:
    assert data["relations"], ("the extractor found no relation in documents such as "
                               f"{DOCS['orion.txt']!r}: every idempotence check below would be vacuous")


# --- the same documents, N times ------------------------------------------------------

def test_ingesting_the_same_documents_n_times_gives_the_same_export(store, tmp_path):
    corpus = tmp_path / "corpus"
    write_docs(corpus)
    shutil.copytree(EXAMPLES, corpus / "examples")
    r1 = ingest(store, [corpus])
    assert not r1.failed, r1.failed
    first = dump(store.export())
    assert_meaningful(store.export())
    for n in range(2, 5):
        r = ingest(store, [corpus])
        assert r.ingested == [] and not r.failed and len(r.unchanged) == len(r1.ingested), (n, r)
        assert dump(store.export()) == first, f"export changed on run {n}"
    r = ingest(store, [corpus], force=True)
    assert sorted(r.ingested) == sorted(r1.ingested)
    assert dump(store.export()) == first, "re-extracting everything (force) changed the export"


def test_identical_text_under_two_paths_is_stable_across_runs(store, tmp_path):
    """Two files with the same text (the same report saved twice) have one document id.
    Running the same ingest again must neither re-ingest anything nor change the export."""
    corpus = tmp_path / "corpus"
    files = write_docs(corpus)
    shutil.copy(files["orion.txt"], corpus / "orion-copy.txt")
    ingest(store, [corpus])
    first = dump(store.export())
    for n in range(2, 4):
        r = ingest(store, [corpus])
        assert dump(store.export()) == first, (
            f"run {n}: the export changed ({r.ingested} re-ingested); the duplicate document's "
            f"source now reads {[d.source for d in store.documents() if 'orion' in d.source]}")
        assert r.ingested == [], f"run {n} re-ingested unchanged files {r.ingested}"


def test_cli_rerun_leaves_the_store_file_byte_identical(tmp_path):
    corpus = tmp_path / "corpus"
    write_docs(corpus)
    store = tmp_path / "store"
    env = {"ECOGRAPH_HOME": str(tmp_path / "home")}
    runner = CliRunner()
    res = runner.invoke(cli, ["--store", str(store), "ingest", str(corpus)], env=env)
    assert res.exit_code == 0, res.stderr
    before = (store / "graph.json").read_bytes()
    assert_meaningful(json.loads(before))
    res = runner.invoke(cli, ["--store", str(store), "ingest", str(corpus)], env=env)
    assert res.exit_code == 0 and "0 ingested, 3 unchanged" in res.stderr, res.stderr
    assert (store / "graph.json").read_bytes() == before
    res = runner.invoke(cli, ["--store", str(store), "ingest", "--force", str(corpus)], env=env)
    assert res.exit_code == 0, res.stderr
    stamp = re.compile(rb'"ingested_at":\s*"[^"]*"')
    assert stamp.sub(b"", (store / "graph.json").read_bytes()) == stamp.sub(b"", before)


# --- a changed file ----------------------------------------------------------------

def test_changed_file_replaces_that_documents_evidence(store, tmp_path):
    files = write_docs(tmp_path / "corpus")
    ingest(store, [files["orion.txt"], files["vega.txt"], files["lyra.txt"]])
    assert_meaningful(store.export())
    old_id = store.document_by_source(str(files["orion.txt"])).id
    files["orion.txt"].write_text(ORION_NEW, encoding="utf-8")
    r = ingest(store, [files["orion.txt"], files["vega.txt"], files["lyra.txt"]])
    assert r.ingested == [str(files["orion.txt"])] and len(r.unchanged) == 2, r
    data = store.export()
    assert len(data["documents"]) == 3
    assert store.get_document(old_id) is None
    assert old_id not in json.dumps(data), "the replaced text's document id is still cited"
    assert "Northern Development Bank." not in "".join(
        ev["sentence"] for r in data["relations"] for ev in r["evidence"]
        if ev["document"] == store.document_by_source(str(files["orion.txt"])).id)
    # exactly what a store that only ever saw the current files supports
    with fresh_store(tmp_path, "fresh") as fresh:
        ingest(fresh, [files["orion.txt"], files["vega.txt"], files["lyra.txt"]])
        assert support(data) == support(fresh.export())


# --- forgetting --------------------------------------------------------------------

def test_forget_removes_the_document_and_only_what_nothing_else_supports(store, tmp_path):
    files = write_docs(tmp_path / "corpus")
    ingest(store, [files["orion.txt"], files["vega.txt"], files["lyra.txt"]])
    before = store.export()
    assert_meaningful(before)
    orion = store.document_by_source(str(files["orion.txt"]))
    assert store.forget(orion.id) is True
    data = store.export()
    assert orion.id not in json.dumps(data), "the forgotten document is still cited"
    with fresh_store(tmp_path, "fresh") as fresh:
        ingest(fresh, [files["vega.txt"], files["lyra.txt"]])
        expected = support(fresh.export())
    assert support(data) == expected
    # an edge both documents state survives with the other document's evidence only
    shared = {k for k in support(before)["relations"]} & set(expected["relations"])
    assert shared, "orion.txt and vega.txt state the same partnership; it should be one shared edge"
    assert store.forget(orion.id) is False, "forgetting twice must say there was nothing to forget"
    for d in store.documents():
        store.forget(d.id)
    assert store.export()["entities"] == [] and store.export()["relations"] == [] \
        and store.documents() == [], "forgetting every document must leave an empty graph"


def _doc(n: int, source: str) -> Document:
    return Document(id=f"doc:{n:016x}", source=source, title=f"d{n}", language="en",
                    ingested_at="2024-01-01T00:00:00+00:00")


def _ent(eid: str, name: str, doc: Document, count=1, **kw) -> Entity:
    label = {"org": "Organisation", "prog": "Programme", "place": "Place"}[eid.split(":")[0]]
    return Entity(id=eid, label=label, name=name, mentions={doc.id: count}, **kw)


def _rel(t: str, s: str, o: str, doc: Document, sentence: str, start: int) -> Relation:
    return Relation(type=t, source=s, target=o, evidence=[
        Evidence(document=doc.id, sentence=sentence, start=start, end=start + len(sentence),
                 method="test", confidence=0.9)])


def _two_documents():
    d1, d2 = _doc(1, "one.txt"), _doc(2, "two.txt")
    x1 = Extraction(d1, [
        _ent("org:orion", "Orion", d1, 2, kind="cluster", aliases=["OMC"], country="Morocco", founded=2014),
        _ent("org:bank", "Northern Bank", d1, kind="funder"),
        _ent("org:rif", "Rif Motion", d1, kind="company"),
    ], [
        _rel("FUNDS", "org:bank", "org:orion", d1, "Orion is funded by Northern Bank.", 0),
        _rel("MEMBER_OF", "org:rif", "org:orion", d1, "Rif Motion is a member of Orion.", 40),
    ])
    x2 = Extraction(d2, [
        _ent("org:orion", "Orion", d2, kind="other"),
        _ent("org:bank", "Northern Bank", d2, kind="funder"),
    ], [
        _rel("FUNDS", "org:bank", "org:orion", d2, "Northern Bank funds Orion.", 10),
    ])
    return x1, x2


def test_store_support_counting(store):
    """An edge or entity goes only when its last supporting document goes."""
    x1, x2 = _two_documents()
    store.add(x1)
    store.add(x2)
    funds = store.relations(type="FUNDS")
    assert len(funds) == 1 and sorted(e.document for e in funds[0].evidence) == [x1.document.id, x2.document.id]
    store.forget(x1.document.id)
    assert store.entity("org:rif") is None, "Rif Motion was only in the forgotten document"
    assert store.relations(type="MEMBER_OF") == []
    funds = store.relations(type="FUNDS")
    assert len(funds) == 1 and [e.document for e in funds[0].evidence] == [x2.document.id]
    assert store.entity("org:orion").mentions == {x2.document.id: 1}
    store.forget(x2.document.id)
    assert store.entities() == [] and store.relations() == [] and store.documents() == []


def test_replacing_a_document_by_source_keeps_the_others(store):
    x1, x2 = _two_documents()
    store.add(x1)
    store.add(x2)
    d1b = Document(id="doc:00000000000000ff", source="one.txt", title="d1b", language="en",
                   ingested_at="2024-01-02T00:00:00+00:00")
    x1b = Extraction(d1b, [_ent("org:orion", "Orion", d1b), _ent("org:vega", "Vega", d1b)],
                     [_rel("PARTNERS_WITH", "org:vega", "org:orion", d1b, "Vega partners with Orion.", 0)])
    store.add(x1b)
    assert [d.id for d in store.documents()] == sorted([x2.document.id, d1b.id])
    assert store.entity("org:rif") is None and store.relations(type="MEMBER_OF") == []
    assert [e.document for r in store.relations(type="FUNDS") for e in r.evidence] == [x2.document.id]
    (pw,) = store.relations(type="PARTNERS_WITH")
    assert (pw.source, pw.target) == ("org:orion", "org:vega")  # stored once, smaller id first


def test_forgotten_document_leaves_no_alias_or_attribute_behind(store, tmp_path):
    """After forgetting a document the store equals one that never saw it.

    This matters beyond tidiness: `Resolver.for_store` indexes every stored alias, so an
    alias only a forgotten (or replaced, e.g. corrected) document gave keeps pulling new
    mentions into that entity forever."""
    x1, x2 = _two_documents()
    store.add(x1)
    store.add(x2)
    store.forget(x1.document.id)
    with fresh_store(tmp_path, "fresh") as fresh:
        fresh.add(x2)
        expected = fresh.export()
    got = store.export()
    diff = [(e, f) for e, f in zip(got["entities"], expected["entities"]) if e != f]
    assert got == expected, f"entities differ from a store that never saw the document: {diff}"


# --- the CLI -------------------------------------------------------------------------

def _cli_forget_scenario(store_url: str, tmp_path: Path, open_store) -> None:
    files = write_docs(tmp_path / "corpus")
    env = {"ECOGRAPH_HOME": str(tmp_path / "home")}
    runner = CliRunner()
    res = runner.invoke(cli, ["--store", store_url, "ingest", str(tmp_path / "corpus")], env=env)
    assert res.exit_code == 0, res.stderr
    with open_store() as s:
        before = s.export()
        lyra = s.document_by_source(str(files["lyra.txt"]))
    assert_meaningful(before)

    res = runner.invoke(cli, ["--store", store_url, "forget", str(files["orion.txt"])], env=env)
    assert res.exit_code == 0, res.stderr
    assert res.stdout == "" and "forgot" in res.stderr and str(files["orion.txt"]) in res.stderr
    res = runner.invoke(cli, ["--store", store_url, "forget", lyra.id], env=env)  # by document id
    assert res.exit_code == 0, res.stderr
    with open_store() as s:
        after = s.export()
    assert [d["source"] for d in after["documents"]] == [str(files["vega.txt"])]
    with fresh_store(tmp_path, "fresh") as fresh:
        ingest(fresh, [files["vega.txt"]])
        assert support(after) == support(fresh.export())

    res = runner.invoke(cli, ["--store", store_url, "forget", str(tmp_path / "never-ingested.txt")], env=env)
    assert res.exit_code == 1
    lines = [x for x in res.stderr.splitlines() if "never-ingested.txt" in x]
    assert lines and "Traceback" not in res.stderr, res.stderr
    with open_store() as s:
        assert normalised(s.export()) == normalised(after), "a failed forget changed the store"


def test_cli_forget_embedded(tmp_path):
    store = tmp_path / "store"
    _cli_forget_scenario(str(store), tmp_path, lambda: EmbeddedStore(store))


@pytest.mark.neo4j
def test_cli_forget_neo4j(neo4j_store, neo4j_url, tmp_path):
    from contextlib import nullcontext
    _cli_forget_scenario(neo4j_url, tmp_path, lambda: nullcontext(neo4j_store))
