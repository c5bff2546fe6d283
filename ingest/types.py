"""What extraction hands to resolution: mentions and relation candidates with character spans.

Offsets are Python string indices into the document text (end exclusive), so
`text[start:end]` is always the cited span.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawDocument:
    """A document after reading: its text and what we know about it."""
    source: str          # the path or URL as given on the command line
    text: str
    title: str
    language: str        # "en" / "fr"
    format: str = "txt"  # txt, md, html, pdf
    # what the document says about itself (ingest/metadata.py); None when it does not say
    url: str | None = None
    published: str | None = None   # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    site: str | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. a date it states that we cannot read


@dataclass
class Mention:
    """One occurrence of a named thing in the text."""
    text: str            # surface form as written (whitespace normalised)
    start: int
    end: int
    label: str           # Organisation, Programme, Place, Sector, Person
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)  # e.g. the acronym defined right after it
    canonical: str | None = None  # a preferred name when a pattern knows it (sector vocabulary, place names)
    country: str | None = None
    founded: int | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Candidate:
    """A relation the text states, between two mentions, with the span that states it."""
    type: str
    source: Mention
    target: Mention
    start: int           # evidence span (the sentence, table row or list segment)
    end: int
    method: str          # stable extractor name, e.g. "en-cue-partnership", "member-table"
    confidence: float


@dataclass
class RawExtraction:
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
