"""Score extraction on the development corpus: ingest ../shared/corpus into a fresh
embedded store, export the SCHEMA JSON, run ../shared/eval/score.py on it.

    .venv/bin/python scripts/score.py [--details] [--keep DIR] [--json]
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
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
