"""Readers (placeholder until the readers work lands)."""
from __future__ import annotations

from pathlib import Path

from ecograph.errors import ReadError
from .types import RawDocument

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}


def read(path: str) -> RawDocument:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(path, str(exc)) from exc
    return RawDocument(source=path, text=text, title=Path(path).stem, language="en")
