"""scripts/pair_reader.py (an experiment, not shipped): the pairs, labels and model fit together — trained on a
held-out set, it reads that same set back (a model that cannot fit its own training data is broken)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_pair_reader_fits_its_training_set(tmp_path):
    spec = importlib.util.spec_from_file_location("pair_reader", ROOT / "scripts" / "pair_reader.py")
    pr = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pr)
    (tmp_path / "set").mkdir()
    for part in ("corpus", "gold"):
        (tmp_path / "set" / part).symlink_to(ROOT / "tests" / "heldout3" / part)
    rows = pr.set_pairs([tmp_path / "set"], pr._scorer())
    related = [r for r in rows if r["label"] != "NONE"]
    assert related and len(rows) > len(related)
    assert not any(f.startswith("bw=") and f[3:] not in ("A", "B", "E", "NAME", "NUM") and f[3].isupper()
                   for r in rows for f in r["feats"])  # no name's words in a feature
    model = pr.fit(rows, l2=1.0, min_count=1)
    right = sum(pr.predict(model, r["feats"])[0] == r["label"] for r in related)
    assert right >= 0.8 * len(related)
