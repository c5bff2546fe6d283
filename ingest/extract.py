"""Extraction entry point: `extract(raw) -> RawExtraction` (filled in by the extraction work)."""
from __future__ import annotations

from .types import RawDocument, RawExtraction


def extract(raw: RawDocument) -> RawExtraction:
    return RawExtraction()
