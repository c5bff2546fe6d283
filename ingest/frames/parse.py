"""One parse per sentence that names an actor: built once per document, read by the name vetoes
(`vetoes.py`) and the relation frames (`__init__.py`)."""
from __future__ import annotations

from .pipelines import MAX_SENTENCE_CHARS, pipeline


def parse_sentences(lang: str, text: str, spans: list[tuple[int, int]], wanted: list[bool]) -> dict:
    """{sentence index: spaCy Doc of text[start:end]} for the wanted sentences short enough to parse."""
    chosen = [n for n, (a, b) in enumerate(spans) if wanted[n] and b - a <= MAX_SENTENCE_CHARS]
    if not chosen:
        return {}
    nlp = pipeline(lang)
    if nlp is None:
        return {}
    docs = nlp.pipe([text[spans[n][0]:spans[n][1]] for n in chosen], batch_size=64)
    return dict(zip(chosen, docs))
