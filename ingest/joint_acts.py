"""Two consequences of SCHEMA.md's rules, drawn from the relations a document's sentences state.

- A joint act is everyone's: organisations that run one programme together, in one sentence ("A, B
  and C have launched P", « P, initié par A et B »), partner with each other.
- A fund named as the doer of an act only an organisation can do (it launches, finances, signs) is an
  organisation, a funder: "the Green Planet Fund has launched a facility"."""
from __future__ import annotations

from itertools import combinations

from ecograph.ids import norm
from ecograph.model import RELATION_TYPES

from .types import Candidate, Mention

# a joint act's partnership is less certain than the act it is drawn from
JOINT_DISCOUNT = 0.9


def joint_partners(candidates: list[Candidate]) -> list[Candidate]:
    """PARTNERS_WITH between every two organisations that, in one sentence, run the same programme.
    Pairs the candidates already relate are left as they are."""
    runners: dict[tuple[int, int, str], list[Candidate]] = {}
    for c in candidates:
        if c.type == "RUNS" and c.source.label == "Organisation":
            runners.setdefault((c.start, c.end, norm(c.target.text)), []).append(c)
    said = {(c.start, frozenset((norm(c.source.text), norm(c.target.text)))) for c in candidates}
    out = []
    for (start, end, _), group in runners.items():
        by_name = {}
        for c in group:
            by_name.setdefault(norm(c.source.text), c)
        for a, b in combinations(by_name.values(), 2):
            if _same_actor(a.source, b.source):
                continue
            key = (start, frozenset((norm(a.source.text), norm(b.source.text))))
            if key in said:
                continue
            said.add(key)
            conf = round(min(a.confidence, b.confidence) * JOINT_DISCOUNT, 3)
            out.append(Candidate("PARTNERS_WITH", a.source, b.source, start, end, "joint-act", conf))
    return out


def _same_actor(a: Mention, b: Mention) -> bool:
    """An acronym and its long form, named side by side, are one organisation."""
    na, nb = norm(a.text), norm(b.text)
    return na == nb or na in {norm(x) for x in b.aliases} or nb in {norm(x) for x in a.aliases}


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
