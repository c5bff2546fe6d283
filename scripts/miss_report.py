"""Where an export's core relations go right and wrong against a gold folder, in counts.

    .venv/bin/python scripts/miss_report.py EXPORT.json GOLD_DIR [--list]

Prints the precision of core edges per extraction method, and each missed gold core relation's category:
both ends found in the document but no edge ("both-present-no-edge"), an edge between them of another type
("pair-edge-wrong-type"), one end not found ("one-missing"), neither found ("both-missing"). The categories
show where recall is lost (relation reading vs names) without reading the documents, so a blind set's figures
can be reported without its text; `--list` prints the wrong and missed edges with their sentences, which
makes the set an error-analysis set.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

CORE = {"PARTNERS_WITH", "MEMBER_OF", "SUPPORTS", "FUNDS", "RUNS", "PARTICIPATES_IN", "PART_OF", "LABELLED_BY"}
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _names(e: dict) -> list[str]:
    return [e["name"], *e.get("aliases", [])]


def report(export: dict, gold_dir: Path, sc) -> tuple[dict, Counter, list, list]:
    """(method -> [correct, predicted], miss category counts, wrong edges, missed relations)."""
    golds, raw = {}, {}
    for f in sorted(gold_dir.glob("*.json")):
        d = json.loads(f.read_text())
        g = sc.Gold(d)
        golds[g.document], raw[g.document] = g, d
    by_id = {e["id"]: e for e in export["entities"]}
    doc_name = {d["id"]: os.path.basename(d["source"]) for d in export["documents"]}
    present = defaultdict(set)  # document -> gold entities an exported node mentioned there matches
    for e in export["entities"]:
        for m in e.get("mentions", []):
            d = doc_name.get(m["document"])
            i = golds[d].match(_names(e)) if d in golds else None
            if i is not None:
                present[d].add(i)
    methods, wrong = defaultdict(lambda: [0, 0]), []
    found, pairs = defaultdict(set), defaultdict(set)
    for r in export["relations"]:
        if r["type"] not in CORE:
            continue
        best = {}
        for ev in r["evidence"]:
            d = doc_name.get(ev["document"])
            if d not in best or ev.get("confidence", 0) > best[d].get("confidence", 0):
                best[d] = ev
        for d, ev in best.items():
            if d not in golds:
                continue
            s, t = golds[d].match(_names(by_id[r["source"]])), golds[d].match(_names(by_id[r["target"]]))
            k = sc.key(r["type"], s, t) if s is not None and t is not None else None
            ok = k in golds[d].relations
            if s is not None and t is not None and not ok:
                pairs[d].add(frozenset((s, t)))  # a wrong edge between the pair: a type (or direction) missed
            if ok:
                found[d].add(k)
            methods[ev.get("method", "?")][0] += ok
            methods[ev.get("method", "?")][1] += 1
            if not ok:
                wrong.append((d, ev.get("method"), r["type"], by_id[r["source"]]["name"], by_id[r["target"]]["name"],
                              ev.get("sentence", "")))
    cats, missed = Counter(), []
    for d, g in golds.items():
        for r in raw[d]["relations"]:
            if r["type"] not in CORE:
                continue
            s, t = g.surface.get(sc.norm(r["source"])), g.surface.get(sc.norm(r["target"]))
            if sc.key(r["type"], s, t) in found[d]:
                cats["found"] += 1
                continue
            ps, pt = s in present[d], t in present[d]
            if ps and pt:
                c = "pair-edge-wrong-type" if frozenset((s, t)) in pairs[d] else "both-present-no-edge"
            else:
                c = "one-missing" if ps or pt else "both-missing"
            cats[c] += 1
            missed.append((d, c, r["type"], r["source"], r["target"], r["evidence"]))
    return methods, cats, wrong, missed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("export", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--scorer", type=Path, default=SCORER, help="the shared score.py (default: ../shared/eval)")
    ap.add_argument("--list", action="store_true", help="print the wrong and missed edges (reads the set)")
    a = ap.parse_args()
    methods, cats, wrong, missed = report(json.loads(a.export.read_text()), a.gold, _scorer(a.scorer))
    print("method                         correct/predicted")
    for m, (ok, n) in sorted(methods.items(), key=lambda x: -x[1][1]):
        print(f"  {m:30s} {ok}/{n}")
    print("gold core relations:", dict(cats))
    if a.list:
        print("\nWRONG")
        for w in wrong:
            print("  ", w)
        print("\nMISSED")
        for m in missed:
            print("  ", m)


if __name__ == "__main__":
    main()
