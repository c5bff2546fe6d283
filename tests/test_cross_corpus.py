"""Issue 14: every corpus we have, ingested together into one store. No entity may carry
names that place it in two countries or two cities (a false merge), and the gold entities
split over several nodes are counted (per gold set, with the shared scorer's own matching)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from ecograph.ingest.pipeline import ingest
from ecograph.name_keys import qualifiers
from ecograph.store.embedded import EmbeddedStore

from conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = sorted(p for p in (ROOT / "tests").glob("heldout*") if (p / "corpus").is_dir())
GOLDS = [(CORPUS, CORPUS.parent / "eval" / "gold")] + [(h / "corpus", h / "gold") for h in HELDOUT]
SCORER = CORPUS.parent / "eval" / "score.py"


@pytest.fixture(scope="module")
def combined(tmp_path_factory):
    corpora = [c for c, _ in GOLDS if c.is_dir()] + [ROOT / "examples" / "corpus"]
    if not CORPUS.is_dir():
        pytest.skip(f"development corpus not found at {CORPUS}")
    with EmbeddedStore(tmp_path_factory.mktemp("all"), writable=True) as store:
        report = ingest(store, corpora)
        assert report.ok, report.failed
        return store.export()


def _conflicts(names: list[str]) -> list[tuple[str, str]]:
    """Pairs of names of one entity that place it in two countries, or two cities/regions."""
    out = []
    quals = [(n, qualifiers(n)) for n in names]
    for i, (a, qa) in enumerate(quals):
        for b, qb in quals[i + 1:]:
            for prefix in ("c:", "p:"):
                x, y = {q for q in qa if q.startswith(prefix)}, {q for q in qb if q.startswith(prefix)}
                if x and y and not x & y:
                    out.append((a, b))
    return out


def test_no_entity_carries_names_of_two_countries_or_cities(combined):
    bad = {e["name"]: _conflicts([e["name"], *e.get("aliases", [])]) for e in combined["entities"]
           if e["label"] in ("Organisation", "Programme")}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_split_counts_are_reported(combined, capsys):
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    counts = {}
    for corpus, gold_dir in GOLDS:
        golds = {}
        for f in sorted(gold_dir.glob("*.json")):
            g = scorer.Gold(json.loads(f.read_text(encoding="utf-8")))
            golds[g.document] = g
        counts[corpus.parent.name if corpus != CORPUS else "development"] = \
            scorer.score(combined, golds)["total"]["duplicates"]
    with capsys.disabled():
        print(f"\ngold entities split, all corpora in one store: {counts}")
    # issue 14's bar for the sets we have: at most 3 per set (the development corpus: MDFC and
    # "Moroccan Denim Cluster (MDC)" differ in acronym, so only curation joins them)
    assert all(n <= 3 for n in counts.values()), counts
