"""Regression check on extraction quality: every corpus shipped with the project (the development
corpus in ../shared, the held-out sets in tests/heldout*) is ingested and scored by the shared
scorer; no figure may fall below the one recorded in tests/quality_floor.json, and no set may have
more gold entities split over several nodes. Re-record with `scripts/quality.py --record` only when a
change is meant to trade one figure for another, and say so in the commit."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("ecograph_quality", ROOT / "scripts" / "quality.py")
quality = importlib.util.module_from_spec(spec)
spec.loader.exec_module(quality)

FLOOR = json.loads(quality.FLOOR.read_text(encoding="utf-8"))
SETS = quality.corpora()


@pytest.mark.parametrize("name", sorted(FLOOR))
def test_quality_does_not_fall_below_the_recorded_floor(name):
    corpus, gold = SETS[name]
    if not corpus.is_dir() or not (quality.SHARED / "eval" / "score.py").exists():
        pytest.skip(f"{corpus} or the shared scorer is not here")
    got = quality.figures(corpus, gold)
    floor = FLOOR[name]
    worse = {k: (got[k], v) for k, v in floor.items() if k != "split" and got[k] < v - 0.0015}
    assert not worse, f"{name}: below the floor (got, floor): {worse}"
    assert got["split"] <= floor["split"], f"{name}: {got['split']} gold entities split (floor {floor['split']})"
