"""Extraction quality on every corpus shipped with the project (the development corpus in ../shared
and the held-out sets in tests/heldout*), scored by ../shared/eval/score.py, against the floor
recorded in tests/quality_floor.json.

    .venv/bin/python scripts/quality.py            # print the figures and compare with the floor
    .venv/bin/python scripts/quality.py --record   # write the current figures as the new floor
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOOR = ROOT / "tests" / "quality_floor.json"


def corpora() -> dict[str, tuple[Path, Path]]:
    out = {"development": (SHARED / "corpus", SHARED / "eval" / "gold")}
    for d in sorted((ROOT / "tests").glob("heldout*")):
        out[d.name] = (d / "corpus", d / "gold")
    return out


def _scorer():
    spec = importlib.util.spec_from_file_location("ecograph_shared_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def figures(corpus: Path, gold: Path) -> dict[str, float]:
    """F1 and precision of entities, core relations and LOCATED_IN/ACTIVE_IN, and the split count."""
    from ecograph.ingest.pipeline import ingest
    from ecograph.store.embedded import EmbeddedStore
    score = _scorer()
    with tempfile.TemporaryDirectory(prefix="ecograph-quality-") as tmp:
        with EmbeddedStore(Path(tmp), writable=True) as store:
            report = ingest(store, [str(corpus)])
            if report.failed:
                raise RuntimeError(f"{corpus}: failed {report.failed}")
            export = store.export()
    golds = {}
    for f in sorted(gold.glob("*.json")):
        g = score.Gold(json.loads(f.read_text(encoding="utf-8")))
        golds[g.document] = g
    t = score.score(export, golds, False)["total"]
    out = {}
    for group, name in (("entities", "entities"), ("relations", "core"), ("attributes", "located_active")):
        out[f"{name}_f1"] = round(t[group]["f1"], 3)
        out[f"{name}_precision"] = round(t[group]["precision"], 3)
    out["split"] = t["duplicates"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--record", action="store_true")
    a = ap.parse_args()
    result = {name: figures(c, g) for name, (c, g) in corpora().items() if c.is_dir()}
    for name, f in result.items():
        print(name, json.dumps(f))
    if a.record:
        FLOOR.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {FLOOR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
