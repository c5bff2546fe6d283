"""The programme a clause is set in: "X was launched in 2019 under the P programme", « X, créé dans le
cadre du programme P »: what the clause is about takes part in P (an organisation) or is part of it
(a programme). Only a passive clause or a participle says whose act it is; an active clause ("A trains
start-ups under P") leaves open whether A runs P or takes part in it, so it gives nothing."""
from __future__ import annotations

from spacy.tokens import Token

from .handlers import verb_above, handler
from .roles import hedged, is_passive, patients
from .table import Frame, FrameTable

_REACH = 8  # tokens from the trigger to the programme's name: « dans le cadre de la deuxième phase du programme P »


@handler("under_programme")
def under_programme(t: Token, frame: Frame, tab: FrameTable, by_words, read) -> list[tuple]:
    programme = _programme_after(t, read)
    verb = verb_above(t)  # (« dans le cadre de »: through « cadre »)
    if programme is None or verb is None or not is_passive(verb) or hedged(verb, tab.hedge_modals, tab.hedge_heads):
        return []
    # a participle on a noun is about that noun, not the names coordinated with it (« avec A, le projet P,
    # cofinancé … » : P alone)
    listed = verb.dep_ not in ("acl", "acl:relcl")
    return [(x, programme) for tok in patients(verb) for x in read(tok, listed) if x.m is not programme.m]


def _programme_after(t: Token, read):
    """The programme (not an event) named first after t, before any verb."""
    doc = t.doc
    for k in range(t.i + 1, min(len(doc), t.i + _REACH)):
        if doc[k].pos_ in ("VERB", "AUX"):
            return None
        named = read(doc[k], listed=False)
        if named:
            x = named[0]
            return x if x.m.label == "Programme" and x.m.kind != "event" else None
    return None
