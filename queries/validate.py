"""Judged samples back against their store: check, score, and turn "wrong" verdicts into
curation decisions (`ecograph sample score [--apply]`)."""
from __future__ import annotations

from ecograph.store.protocol import QueryableStore
from ecograph.validation import (JudgedSample, SampleError, Score, read_sample, score,
                                 second_judge)

from .sample import check, row_key


def rejected_keys(curation) -> set[tuple[str, str, str]]:
    """(type, source id, target id) of every edge the curation file rejects."""
    if curation is None:
        return set()
    return {(r["type"], r["source"], r["target"]) for r in curation.rejects}


def score_sample(store: QueryableStore, path, other=None, *, curation=None) -> tuple[JudgedSample, Score]:
    """Read a judged sample (and a second judge's copy), refuse it if the store changed since
    it was drawn (edges rejected in `curation` count as present), and score it."""
    sample = read_sample(path)
    second = second_judge(sample, read_sample(other)) if other is not None else None
    check(store, sample, rejected_keys(curation))
    return sample, score(sample, second)


def apply_verdicts(store: QueryableStore, sample: JudgedSample, curation) -> list[dict]:
    """Record a `reject` in the curation file for every edge judged wrong (by the first judge)
    that is not rejected yet, save the file and apply it to the store. Returns those rows.
    Later ingests re-apply the decisions, so the edges stay out after forget/re-ingest."""
    if sample.what != "edges":
        raise SampleError(f"{sample.path}: --apply works on samples of edges",
                          hint="record entity decisions with `ecograph merge` / `ecograph split`")
    done = rejected_keys(curation)
    new = [r for r in sample.rows if r["verdict"] == "wrong" and row_key(sample, r) not in done]
    for r in new:
        note = f": {r['note']}" if r.get("note") else ""
        curation.reject(r["type"], r["source_id"], r["target_id"],
                        reason=f"judged wrong in validation sample {sample.path} (row {r['id']}){note}")
    if new:
        curation.save()
        curation.apply_to_store(store)
    return new
