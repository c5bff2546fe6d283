"""Garbage-collector settings for the bulk phases: ingest, opening and saving a store.

These phases allocate millions of objects (tokens, spans and candidates that die young;
entities, relations and evidence that live on) beside a large long-lived heap. At
CPython's default thresholds a young collection runs every 700 allocations and the older
generations keep walking the whole heap: measured at ~20 % of an ingest's CPU and ~45 %
of opening a 30k-organisation embedded store (BENCHMARKS.md). The data builds few
reference cycles, so fewer, larger young collections hold little extra memory.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_collections(thresholds: tuple[int, int, int] = THRESHOLDS) -> Iterator[None]:
    """Collect garbage less often inside the block; the caller's settings are put back
    after (nesting is fine: the outermost block restores the original ones)."""
    before = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*before)
