"""Score extraction on the development corpus: ingest ../shared/corpus into a fresh
embedded store, export the SCHEMA JSON, run ../shared/eval/score.py on it.

    .venv/bin/python scripts/score.py [--details] [--keep DIR] [--json] [--by-confidence]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", help="folder to keep the store and export in")
    ap.add_argument("--corpus", default=str(SHARED / "corpus"))
    ap.add_argument("--gold", default=str(SHARED / "eval" / "gold"))
    ap.add_argument("--by-confidence", action="store_true",
                    help="also report the precision of core edges by confidence band (issue: confidence means something)")
    a = ap.parse_args()
    from ecograph.ingest.pipeline import ingest
    from ecograph.store.embedded import EmbeddedStore
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="ecograph-score-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "graph.json").unlink(missing_ok=True)
    with EmbeddedStore(work, writable=True) as store:
        report = ingest(store, [a.corpus])
        for src, why in report.failed:
            print(f"failed: {src}: {why}", file=sys.stderr)
        export = store.export()
    out = work / "export.json"
    out.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(out), a.gold]
    if a.details:
        cmd.append("--details")
    if a.json:
        cmd.append("--json")
    rc = subprocess.call(cmd)
    if a.by_confidence:
        print(confidence_report(export, a.gold))
    return rc


CORE = {"PARTNERS_WITH", "MEMBER_OF", "SUPPORTS", "FUNDS", "RUNS", "PARTICIPATES_IN", "PART_OF", "LABELLED_BY"}
BANDS = [(0.8, 1.01), (0.7, 0.8), (0.0, 0.7)]


def confidence_report(export: dict, gold_dir: str) -> str:
    """Precision of predicted (document, core relation) pairs per confidence band, judged by the shared
    scorer's own gold matching. An edge's confidence in a document is its best evidence there."""
    import importlib.util
    import os
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    golds = {}
    for f in sorted(Path(gold_dir).glob("*.json")):
        g = sc.Gold(json.loads(f.read_text(encoding="utf-8")))
        golds[g.document] = g
    by_id = {e["id"]: e for e in export.get("entities", [])}
    doc_name = {d["id"]: os.path.basename(str(d.get("source", ""))) for d in export.get("documents", [])}
    counts = {band: [0, 0] for band in BANDS}  # band -> [correct, predicted]
    for r in export.get("relations", []):
        if r["type"] not in CORE:
            continue
        best: dict[str, float] = {}
        for ev in r.get("evidence", []):
            d = doc_name.get(ev["document"], ev["document"])
            best[d] = max(best.get(d, 0.0), float(ev.get("confidence", 0.0)))
        for d, conf in best.items():
            g = golds.get(d)
            if g is None:
                continue
            names = lambda eid: [by_id[eid]["name"], *by_id[eid].get("aliases", [])] if eid in by_id else []
            s, t = g.match(names(r["source"])), g.match(names(r["target"]))
            ok = s is not None and t is not None and sc.key(r["type"], s, t) in g.relations
            band = next(b for b in BANDS if b[0] <= conf < b[1])
            counts[band][0] += ok
            counts[band][1] += 1
    lines = ["core relations by confidence (precision = correct / predicted)"]
    for (lo, hi), (ok, n) in counts.items():
        label = f">= {lo:.1f}" if hi > 1 else f"{lo:.1f}-{hi:.1f}"
        lines.append(f"  {label:>9}: {ok}/{n} = {ok / n:.2f}" if n else f"  {label:>9}: none")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
