"""Curation decisions placeholder (filled in by the curation work)."""
from __future__ import annotations

from pathlib import Path


class Curation:
    @classmethod
    def load(cls, path: Path) -> "Curation | None":
        return None
