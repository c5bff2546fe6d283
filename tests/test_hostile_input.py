"""Hostile input: a corpus generated here (empty, binary, huge, badly encoded, truncated,
script-laden, deeply nested, one giant line, Cypher-looking names, awkward path names,
special files) goes through `ecograph ingest DIR` in a subprocess.

Every file is either ingested or named on stderr in one `error: PATH: reason` line; the
run finishes; the exit code is 1 when anything failed; a store populated before the run
keeps everything it had. The Cypher-looking names also go through the Neo4j store and come
back unchanged, with the rest of the graph intact.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ecograph.ingest.pipeline import ingest
from ecograph.ingest.readers import read
from ecograph.ingest.workers import CHUNK_CHARS
from ecograph.model import Document, Entity, Evidence, Extraction, Relation

ECOGRAPH = str(Path(sys.executable).with_name("ecograph"))
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
RUN_TIMEOUT = 180  # seconds for the whole hostile ingest (50 MB included)

CYPHER_NAMES = ["'}) DETACH DELETE n //", '" OR 1=1 --', "$param", "{id: $x}", "`backtick` Cluster",
                "Robert'); MATCH (n) DETACH DELETE n; //", "\\'; CALL dbms.killQueries([]) //",
                "nul\u0000byte Cluster", "quote \" and ' both", "${jndi:ldap://x}", "}]->(m) SET m.x=1 //"]
SAFE_NAMES = [n for n in CYPHER_NAMES if "\u0000" not in n]  # a NUL makes a text file binary

PARAGRAPH = ("Orion Mechatronics Cluster is funded by the Northern Development Bank. "
             "Rif Motion Systems is a member of Orion Mechatronics Cluster. "
             "Vega Agrifood Cluster signed a partnership agreement with Orion Mechatronics Cluster. "
             "The regional council published its annual report on innovation and exports.\n\n")


def minimal_pdf(text: str) -> bytes:
    """A small valid one-page PDF showing `text` (hand-built: no PDF writer needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf_from_objects(objs)


def pdf_from_objects(objs: list[bytes]) -> bytes:
    """Objects 1..n (1 the catalog) with their cross-reference table and trailer."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def make_hostile(folder: Path) -> dict[str, str]:
    """Write the hostile corpus. Returns {path: expectation}: 'ingested' (must be), 'failed'
    (must be reported), 'any' (either, but named if it fails)."""
    rnd = random.Random(7)
    folder.mkdir(parents=True)
    files: dict[str, str] = {}

    def put(name: str, data: bytes | str, expect: str) -> Path:
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        files[str(p)] = expect
        return p

    put("empty.txt", b"", "failed")
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.randrange(256) for _ in range(20000)), "failed")
    big = PARAGRAPH.encode("utf-8")
    put("big-50mb.txt", big * (50_000_000 // len(big) + 1), "any")
    put("invalid-utf8.txt", PARAGRAPH.encode() + b"Caf\xe9 \xff\xfe\xc3\x28 broken \x80\x81 bytes.\n" + PARAGRAPH.encode(), "any")
    put("latin1.txt", "Le Pôle Énergie Sud est financé par la Banque Européenne d'Investissement. "
                      "Ça coûte cher à Sétif.\n".encode("latin-1"), "ingested")
    put("utf16.txt", ("\ufeff" + PARAGRAPH + "Pôle Énergie Sud coopère avec Orion.\n").encode("utf-16-le"), "ingested")
    put("utf16-nobom.txt", (PARAGRAPH + "Pôle Énergie Sud.\n").encode("utf-16-le"), "any")
    put("nul-names.txt", "Nul\u0000byte Cluster is funded by the Northern Development Bank.\n", "any")
    pdf = minimal_pdf("Orion Mechatronics Cluster is funded by the Northern Development Bank.")
    put("truncated.pdf", pdf[: len(pdf) * 6 // 10], "any")
    put("header-only.pdf", b"%PDF-1.7\n", "failed")
    put("fake.pdf", PARAGRAPH, "any")
    put("scripts.html",
        "<!doctype html><html><head><title>Scripts</title>"
        "<script>document.write('Evil Cluster is funded by Malware Bank.')</script>"
        "<style>body{} /* Stylesheet Cluster is a member of Css Network. */</style></head>"
        "<body onload=\"alert('x')\"><p>Orion Mechatronics Cluster is funded by the Northern Development Bank.</p>"
        "<iframe src=\"javascript:alert(1)\">Iframe Cluster is supported by Frame Bank.</iframe>"
        "<script type=\"text/javascript\">var s = '</scr' + 'ipt>'; // Hidden Cluster</script>"
        "<noscript>Noscript text.</noscript><p>Vega Agrifood Cluster is a member of the "
        "Mediterranean Innovation Network.</p></body></html>", "ingested")
    put("scripts-only.html", "<html><head><script>alert('only a script')</script></head><body></body></html>", "any")
    put("nested.html", "<html><body>" + "<div>" * 50_000 + "Deep Cluster is funded by the Abyss Bank."
        + "</div>" * 50_000 + "</body></html>", "any")
    put("unclosed.html", "<html><body>" + "<div><p><span>" * 20_000 + "Open Cluster.", "any")
    # one line over two extraction chunks long: cut at sentence ends into three pieces, the path
    # any longer line takes (a 2 MB line, ten pieces, cost ~100 s of CI for the same code)
    line = PARAGRAPH.replace("\n", " ")
    put("one-line-long.txt", line * ((2 * CHUNK_CHARS) // len(line) + 10), "any")
    put("brackets.md", "[" * 500_000 + "*" * 500_000 + "_" * 500_000 + "`" * 500_000, "any")
    put("cypher-names.txt", "".join(
        f"{n} Cluster is funded by the {m} Bank. {n} is a member of Orion Mechatronics Cluster.\n\n"
        for n, m in zip(SAFE_NAMES, reversed(SAFE_NAMES))), "ingested")
    put("dossier é/rapport annuel – Ünïcødé 2024.txt", "Cluster Électronique Sud est soutenu par le Ministère de l'Industrie.\n", "ingested")
    put("x'}) DETACH DELETE n /report.txt", PARAGRAPH, "ingested")
    put("Cluster's \"report\" $HOME `id`.md", "# Report\n\n" + PARAGRAPH, "ingested")
    put("--force.txt", PARAGRAPH.replace("Orion", "Dash"), "ingested")
    put("spaces   and\ttab.txt", PARAGRAPH.replace("Orion", "Tab"), "ingested")
    # special files: must be refused, never block or read forever
    os.symlink("/dev/zero", folder / "devzero.txt")
    files[str(folder / "devzero.txt")] = "failed"
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    files[str(folder / "dangling.txt")] = "failed"
    os.mkfifo(folder / "fifo.txt")
    files[str(folder / "fifo.txt")] = "failed"
    return files


def _env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")}
    env["ECOGRAPH_HOME"] = str(tmp_path / "home")
    return env


def _export(store_dir: Path) -> dict:
    return json.loads((store_dir / "graph.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    store = tmp / "store"
    env = _env(tmp)
    res = subprocess.run([ECOGRAPH, "--store", str(store), "ingest", str(EXAMPLES)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    before = _export(store)
    files = make_hostile(tmp / "hostile corpus ü")
    t0 = time.monotonic()
    try:
        res = subprocess.run([ECOGRAPH, "--store", str(store), "ingest", str(tmp / "hostile corpus ü")],
                             env=env, capture_output=True, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`ecograph ingest` on the hostile corpus did not finish in {RUN_TIMEOUT}s; "
                    f"last stderr: {(exc.stderr or b'')[-2000:]!r}")
    took = time.monotonic() - t0
    stderr = res.stderr.decode("utf-8", errors="replace")
    print(f"\nhostile ingest: {took:.1f}s, exit {res.returncode}\n{stderr}")
    return {"files": files, "res": res, "stderr": stderr, "stdout": res.stdout, "before": before,
            "after": _export(store), "took": took, "store": store}


def _outcome(run, kinds=("error", "skipped")) -> tuple[dict, dict]:
    """(path -> stored?, path -> reasons): the `error:` lines, and the `skipped:` ones (a
    link out of the folder, into /dev: deliberately not read, and said so)."""
    stored = {d["source"] for d in run["after"]["documents"]}
    errors: dict[str, list[str]] = {}
    for line in run["stderr"].splitlines():
        for path in run["files"]:
            for kind in kinds:
                if line.startswith(f"{kind}: {path}: "):
                    errors.setdefault(path, []).append(line[len(f"{kind}: {path}: "):])
    return {p: p in stored for p in run["files"]}, errors


@pytest.mark.slow
def test_every_file_is_ingested_or_named_in_one_error_line(hostile_run):
    ingested, errors = _outcome(hostile_run)
    problems = []
    root = os.path.commonpath(list(hostile_run["files"]))
    for path, expect in hostile_run["files"].items():
        name = os.path.relpath(path, root)
        if ingested[path] and path in errors:
            problems.append(f"{name}: both ingested and reported: {errors[path]}")
        elif not ingested[path] and path not in errors:
            problems.append(f"{name}: neither ingested nor named on stderr")
        elif path in errors and (len(errors[path]) != 1 or not errors[path][0].strip()):
            problems.append(f"{name}: expected one error line with a reason, got {errors[path]}")
        elif expect == "ingested" and not ingested[path]:
            problems.append(f"{name}: should have been ingested, failed with {errors[path]}")
        elif expect == "failed" and ingested[path]:
            problems.append(f"{name}: should have been refused, was ingested")
    assert "Traceback" not in hostile_run["stderr"]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_exit_code_and_stdout(hostile_run):
    _, errors = _outcome(hostile_run, kinds=("error",))
    assert errors, "the hostile corpus has files that must fail"
    assert hostile_run["res"].returncode == 1
    assert hostile_run["stdout"] == b"", "stdout is for data; ingest writes none"
    assert f"{len(errors)} failed" in hostile_run["stderr"]


@pytest.mark.slow
def test_the_store_keeps_everything_it_had(hostile_run):
    before, after = hostile_run["before"], hostile_run["after"]
    assert before["relations"], "the examples corpus should give relations to protect"
    docs_after = {d["id"]: d for d in after["documents"]}
    ents_after = {e["id"]: e for e in after["entities"]}
    rels_after = {(r["type"], r["source"], r["target"]): r for r in after["relations"]}
    problems = []
    for d in before["documents"]:
        if docs_after.get(d["id"]) != d:
            problems.append(f"document {d['source']} changed or vanished: {docs_after.get(d['id'])}")
    for e in before["entities"]:
        got = ents_after.get(e["id"])
        if got is None:
            problems.append(f"entity {e['id']} vanished")
            continue
        old_m = {(m["document"], m["count"]) for m in e["mentions"]}
        if not old_m <= {(m["document"], m["count"]) for m in got["mentions"]}:
            problems.append(f"entity {e['id']} lost mentions")
        if got["name"] != e["name"] or not set(e["aliases"]) <= set(got["aliases"]):
            problems.append(f"entity {e['id']} renamed or lost aliases: {e['name']!r} -> {got['name']!r}")
    for r in before["relations"]:
        got = rels_after.get((r["type"], r["source"], r["target"]))
        if got is None:
            problems.append(f"relation {r['type']} {r['source']}->{r['target']} vanished")
        elif not all(ev in got["evidence"] for ev in r["evidence"]):
            problems.append(f"relation {r['type']} {r['source']}->{r['target']} lost evidence")
    assert not problems, "\n".join(problems[:30])


@pytest.mark.slow
def test_ingested_hostile_documents_have_exact_evidence_and_no_script_text(hostile_run):
    after = hostile_run["after"]
    by_id = {d["id"]: d for d in after["documents"]}
    texts = {}
    problems = []
    for r in after["relations"]:
        for ev in r["evidence"]:
            src = by_id[ev["document"]]["source"]
            if src not in texts:
                texts[src] = read(src).text
            if texts[src][ev["start"]:ev["end"]] != ev["sentence"]:
                problems.append(f"{src}: evidence span {ev['start']}:{ev['end']} != sentence {ev['sentence'][:80]!r}")
    dump = json.dumps(after, ensure_ascii=False)
    for hidden in ("Malware", "Evil Cluster", "Stylesheet", "Hidden Cluster", "alert("):
        if hidden in dump:
            problems.append(f"script/style content {hidden!r} reached the graph")
    assert not problems, "\n".join(problems[:30])


def test_decoders_recover_the_text(tmp_path):
    files = {}
    for name, data in (("l1.txt", "Le Pôle Énergie Sud est financé par la Banque Européenne.\n".encode("latin-1")),
                       ("u16.txt", "\ufeffLe Pôle Énergie Sud est financé par la Banque Européenne.\n".encode("utf-16-le")),
                       ("u16be.txt", "\ufeffLe Pôle Énergie Sud est financé par la Banque Européenne.\n".encode("utf-16-be"))):
        (tmp_path / name).write_bytes(data)
        files[name] = tmp_path / name
    for name, p in files.items():
        assert "Pôle Énergie Sud est financé par la Banque Européenne." in read(str(p)).text, name
    html = tmp_path / "s.html"
    html.write_text("<html><head><script>var evil = 'Malware Bank';</script><style>p{}</style></head>"
                    "<body><iframe src='x'>Iframe text</iframe><p>Orion Cluster is funded by Vega Bank.</p>"
                    "</body></html>", encoding="utf-8")
    text = read(str(html)).text
    assert "Orion Cluster is funded by Vega Bank." in text
    assert "Malware" not in text and "p{}" not in text


# --- Cypher-looking names through the stores -------------------------------------------

def _sentinel() -> Extraction:
    d = Document(id="doc:5e5e5e5e5e5e5e5e", source="sentinel.txt", title="Sentinel", language="en",
                 ingested_at="2024-01-01T00:00:00+00:00")
    s = "Sentinel Cluster is funded by Sentinel Bank."
    return Extraction(d, [
        Entity(id="org:sentinel-cluster", label="Organisation", name="Sentinel Cluster", kind="cluster", mentions={d.id: 1}),
        Entity(id="org:sentinel-bank", label="Organisation", name="Sentinel Bank", kind="funder", mentions={d.id: 1}),
    ], [Relation("FUNDS", "org:sentinel-bank", "org:sentinel-cluster",
                 [Evidence(d.id, s, 0, len(s), "test", 0.9)])])


def _hostile_extraction() -> Extraction:
    """Hostile strings everywhere a user's text can go: ids, names, aliases, kinds' neighbours,
    country, document source and title, evidence sentence and method."""
    d = Document(id="doc:'}) DETACH DELETE n //", source="x'}) DETACH DELETE n //\" OR 1=1 --.txt",
                 title="$param `t` {x} \u0000", language="en", ingested_at="2024-01-01T00:00:00+00:00")
    ents, rels = [], []
    for i, n in enumerate(CYPHER_NAMES):
        ents.append(Entity(id=f"org:{n}", label="Organisation", name=n, kind="other",
                           aliases=[n + " alias", "$" + str(i)], country=n, mentions={d.id: i + 1}))
    for a, b in zip(ents, ents[1:]):
        rels.append(Relation("MEMBER_OF", a.id, b.id, [Evidence(d.id, f"{a.name} is a member of {b.name}", 0, 1,
                                                                 "m'}) DETACH DELETE n //", 0.5)]))
    return Extraction(d, ents, rels)


def test_hostile_names_round_trip_unchanged(store):
    store.add(_sentinel())
    sentinel_before = store.export()
    hostile = _hostile_extraction()
    store.add(hostile)
    data = store.export()
    ents = {e["id"]: e for e in data["entities"]}
    assert len(ents) == 2 + len(CYPHER_NAMES), sorted(ents)
    for e in hostile.entities:
        got = ents[e.id]
        assert (got["name"], sorted(got["aliases"]), got.get("country")) == (e.name, sorted(e.aliases), e.country)
    (doc,) = [d for d in data["documents"] if d["id"] == hostile.document.id]
    assert (doc["source"], doc["title"]) == (hostile.document.source, hostile.document.title)
    got_ev = sorted((r["source"], r["target"], ev["sentence"], ev["method"])
                    for r in data["relations"] for ev in r["evidence"] if ev["document"] == hostile.document.id)
    assert got_ev == sorted((r.source, r.target, r.evidence[0].sentence, r.evidence[0].method) for r in hostile.relations)
    # lookups by hostile keys
    assert store.document_by_source(hostile.document.source).id == hostile.document.id
    assert store.get_document(hostile.document.id).source == hostile.document.source
    assert store.entity(hostile.entities[0].id).name == CYPHER_NAMES[0]
    assert [r.target for r in store.relations(source=hostile.entities[0].id)] == [hostile.entities[1].id]
    # forgetting the hostile document gives back exactly the sentinel graph
    assert store.forget(hostile.document.id)
    assert store.export() == sentinel_before


@pytest.mark.neo4j
def test_ingesting_cypher_names_into_neo4j_damages_nothing(neo4j_store, tmp_path):
    neo4j_store.add(_sentinel())
    sentinel_before = neo4j_store.export()
    folder = tmp_path / "x'}) DETACH DELETE n " / "$param `id` {x}"
    folder.mkdir(parents=True)
    f = folder / '" OR 1=1 --.txt'
    text = "".join(f"{n} Cluster is funded by the {m} Bank. {n} is a member of Sentinel Cluster.\n\n"
                   for n, m in zip(SAFE_NAMES, reversed(SAFE_NAMES)))
    f.write_text(text, encoding="utf-8")
    report = ingest(neo4j_store, [f])
    assert report.ingested == [str(f)], report.failed
    data = neo4j_store.export()
    (doc,) = [d for d in data["documents"] if d["source"] == str(f)]
    stored_text = read(str(f)).text
    for r in data["relations"]:
        for ev in r["evidence"]:
            if ev["document"] == doc["id"]:
                assert stored_text[ev["start"]:ev["end"]] == ev["sentence"]
    assert len(data["entities"]) > len(sentinel_before["entities"]), "the hostile names should be entities"
    assert {e["id"] for e in sentinel_before["entities"]} <= {e["id"] for e in data["entities"]}
    assert sentinel_before["relations"][0] in data["relations"]
    assert neo4j_store.forget(doc["id"])
    after = neo4j_store.export()
    # what the documents support (aliases and kinds aside: see test_idempotence) is the sentinel again
    strip = lambda x: ([(e["id"], e["name"], e["mentions"]) for e in x["entities"]], x["relations"], x["documents"])
    assert strip(after) == strip(sentinel_before)


def _resolve_repeated(n: int) -> tuple[list[int], float]:
    """Resolve one statement repeated n times: (evidence records per relation, CPU seconds)."""
    from ecograph.ids import document_id
    from ecograph.ingest.resolve import Resolver
    from ecograph.ingest.types import Candidate, Mention, RawExtraction
    sentence = "Orion Cluster is funded by Vega Bank. "
    text = sentence * n
    mentions, candidates = [], []
    for i in range(n):
        base = i * len(sentence)
        a = Mention("Orion Cluster", base, base + 13, "Organisation")
        b = Mention("Vega Bank", base + 27, base + 36, "Organisation")
        mentions += [a, b]
        candidates.append(Candidate("FUNDS", b, a, base, base + len(sentence) - 1, "test", 0.9))
    doc = Document(id=document_id(text), source="r.txt", title="r", language="en")
    t0 = time.process_time()
    ext = Resolver().resolve(doc, text, RawExtraction(mentions, candidates))
    return [len(r.evidence) for r in ext.relations], time.process_time() - t0


def test_resolver_is_linear_in_repeated_statements():
    """A long document that repeats one statement (a 2 MB line, a 50 MB report) gives one
    relation with many evidence records; resolving it must not be quadratic in their number.
    Measured as a ratio of CPU times in one run (four times the statements: about four times the
    work, sixteen if quadratic), so the machine's speed and load do not decide it."""
    small, big = 1_500, 6_000
    evidence_small, took_small = _resolve_repeated(small)
    evidence_big, took_big = _resolve_repeated(big)
    assert evidence_small == [small] and evidence_big == [big]
    assert took_big < 8 * max(took_small, 0.01), \
        f"{big} repeated statements took {took_big:.2f}s CPU, {small} took {took_small:.2f}s (quadratic?)"
