"""A consequence of SCHEMA.md's label rules, drawn from the relations a document's sentences state: a
fund named as the doer of an act only an organisation can do (it launches, finances, signs) is an
organisation, a funder ("the Green Planet Fund has launched a facility")."""
from __future__ import annotations

from ecograph.ids import norm
from ecograph.model import RELATION_TYPES

from .types import Candidate, Mention


def funds_that_act(candidates: list[Candidate], mentions: list[Mention]) -> None:
    """Relabel, in place, a fund that is the source of a relation only an organisation can be the
    source of; every mention of that name in the document follows (one label per name)."""
    acting = {norm(c.source.text) for c in candidates
              if c.source.label == "Programme" and c.source.kind == "fund"
              and "Programme" not in RELATION_TYPES[c.type][0]}
    if not acting:
        return
    for m in mentions:
        if m.label == "Programme" and m.kind == "fund" and norm(m.text) in acting:
            m.label, m.kind = "Organisation", "funder"
