"""Imported by the multiprocessing forkserver of `ingest(..., jobs=N)`, never by the ingest
process itself: importing it builds the extractor's per-process state once, so each
worker forked from the server starts with spaCy imported and the gazetteers built
(about 1 s per worker otherwise). See `workers.py`."""
from .workers import warm

warm()
