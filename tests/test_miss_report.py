"""scripts/miss_report.py: per-method precision and the categories of missed gold relations, on a tiny
invented export and gold."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_missed_relations_are_counted_by_what_is_missing(tmp_path):
    mr = _load(ROOT / "scripts" / "miss_report.py", "miss_report")
    text = "Kelvo Cluster signed with Orvalis Agency. Zeph Bank funds Kelvo Cluster. Nortek Hub joined Lyra Network."
    rel = lambda t, s, o, ev: {"type": t, "source": s, "target": o, "evidence": ev, "start": text.index(ev),
                               "end": text.index(ev) + len(ev)}
    gold = {"document": "d.txt", "entities": [{"name": n, "label": "Organisation", "kind": None, "aliases": []}
                                              for n in ("Kelvo Cluster", "Orvalis Agency", "Zeph Bank", "Nortek Hub",
                                                        "Lyra Network")],
            "relations": [rel("PARTNERS_WITH", "Kelvo Cluster", "Orvalis Agency", "Kelvo Cluster signed"),
                          rel("FUNDS", "Zeph Bank", "Kelvo Cluster", "Zeph Bank funds Kelvo Cluster"),
                          rel("MEMBER_OF", "Nortek Hub", "Lyra Network", "Nortek Hub joined Lyra Network")],
            "attributes": [], "uncertain": []}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "d.json").write_text(json.dumps(gold))
    ent = lambda i, n: {"id": i, "name": n, "label": "Organisation", "aliases": [], "mentions": [{"document": "D"}]}
    ev = lambda m: [{"document": "D", "method": m, "confidence": 0.8, "sentence": "…"}]
    export = {"documents": [{"id": "D", "source": "/x/d.txt"}],
              "entities": [ent("a", "Kelvo Cluster"), ent("b", "Orvalis Agency"), ent("c", "Zeph Bank")],
              "relations": [{"type": "PARTNERS_WITH", "source": "a", "target": "b", "evidence": ev("m1")},
                            {"type": "SUPPORTS", "source": "c", "target": "a", "evidence": ev("m2")}]}
    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    methods, cats, wrong, missed = mr.report(export, tmp_path / "gold", mr._scorer(scorer))
    assert methods["m1"] == [1, 1] and methods["m2"] == [0, 1]
    assert cats == {"found": 1, "pair-edge-wrong-type": 1, "both-missing": 1}
    assert [w[2] for w in wrong] == ["SUPPORTS"]
    assert {m[1] for m in missed} == {"pair-edge-wrong-type", "both-missing"}


def test_score_commit_scores_a_pristine_copy_of_the_commit(tmp_path):
    """scripts/score_commit.sh scores a commit from a `git archive` copy (see the script for why)."""
    import shutil
    import subprocess
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir(), gold.mkdir()
    first = sorted((ROOT / "tests" / "heldout3" / "gold").glob("*.json"))[0]
    doc = json.loads(first.read_text())["document"]
    shutil.copy(first, gold / first.name)
    shutil.copy(ROOT / "tests" / "heldout3" / "corpus" / doc, corpus / doc)
    out = tmp_path / "out"
    run = subprocess.run(["bash", str(ROOT / "scripts" / "score_commit.sh"), "HEAD", str(corpus), str(gold), str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "TOTAL" in (out / "details.txt").read_text()
    export = json.loads((out / "store" / "export.json").read_text())
    assert export["documents"] and export["entities"]
