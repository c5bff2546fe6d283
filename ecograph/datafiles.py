"""Where the core's data files are: the place list (`data/places.tsv`) is shared by name finding
(ingest/gazetteers.py, tables), name matching (`name_keys`) and the review."""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PLACES_TSV = DATA / "places.tsv"
