"""The label and kind of one document's group of mentions (`resolve._Group`): the label the names' own words
or the majority give, and the kind of the strongest evidence (`model.KIND_PRECEDENCE`)."""
from __future__ import annotations

from collections import Counter

from ecograph.ids import norm
from ecograph.kinds import classify
from ecograph.model import ORG_KINDS, PLACE_KINDS, PROGRAMME_KINDS, kind_rank
from ecograph.name_keys import _SWAP, _untagged, body_head, name_key, qualifiers

from .registry import KnownEntity


def _group_label(g) -> str:
    """The mentions' majority label; Organisation and Programme swap only when the names' own
    words say so (every name with a cue word cues the other label: "… Cluster", "… Programme"),
    or, for a programme no name calls one, when a long form is headed by a body noun: "the X
    project" where X stands for "Centre … for …" is that centre's work, said of the centre."""
    label = Counter(m.label for m in g.mentions).most_common(1)[0][0]
    if any(m.label == label and m.kind in ("project", "programme") and classify(m.text)[1] != m.kind
           for m in g.mentions):
        return label  # a page's "Project name: CLUSTER" field, « le programme X-Startup », outweigh the name's words
    if label in _SWAP:
        cued = {classify(n)[0] for n in g.names} - {None}
        if cued == {_SWAP[label]}:
            return _SWAP[label]
        if label == "Programme" and not cued and any(body_head(n) for n in g.names):
            return "Organisation"
    return label


def _group_kind(g, label: str, name: str, known: KnownEntity | None) -> str | None:
    """The registry's kind, else the strongest (`model.KIND_PRECEDENCE`) of what the mentions'
    context and the names' own words say and that fits the label; `other` when nothing does."""
    if known is not None and known.kind and known.label == label:
        return known.kind
    fits = {"Organisation": ORG_KINDS, "Programme": PROGRAMME_KINDS, "Place": PLACE_KINDS}[label]
    # a place-tagged form is weak evidence of kind ("Orion Morocco": a company for its "Morocco"?):
    # a mention's kind that only repeats its own words is judged again on the cleaned names, and
    # the tagged form's own answer counts only when nothing else says anything
    said = [m.kind for m in g.mentions if m.kind != classify(m.text)[1]] + g.kinds + \
        [classify(_untagged(n) or n)[1] for n in _fullest(g.names | {name})]
    said = [k for k in said if k in fits] or \
        [k for k in [m.kind for m in g.mentions] + [classify(n)[1] for n in sorted(g.names)] if k in fits]
    if not said:
        return None if label == "Place" else "other"
    kind = min(said, key=kind_rank)
    if kind == "policy" and not any(m.kind == "policy" and classify(m.text)[1] != "policy" for m in g.mentions) and \
            "policy" not in g.kinds and all(_an_initiative(n) for n in g.names | {name}
                                                 if classify(_untagged(n) or n)[1] == "policy"):
        # only the word 'Initiative' said policy: what else is said, else a programme (unless a nation's)
        kind = min([k for k in said if k != "policy"] or ["programme"], key=kind_rank)
    return _by_the_names(kind, g.names | {name})


def _an_initiative(name: str) -> bool:
    """Is 'Initiative' the only word that makes the name a policy, and the initiative no nation's? "Kelvo Weaving
    Initiative" is a programme; « Initiative Orvalis Innovation » (a country after it), "National Initiative for …"
    and "Kelvo Weaving Strategy Initiative" stay policies."""
    words = norm(name).split()
    if "initiative" not in words or classify(" ".join(w for w in words if w != "initiative"))[1] == "policy":
        return False
    after = words[words.index("initiative") + 1:][:1]
    return not {"national", "nationale", "nacional"} & set(words) and \
        not any(q.startswith("c:") for w in after for q in qualifiers(w))


# A bank lends for development (a funder) only when its name says so; any other bank is a company, whatever
# the page says it funds ("Kelvo Bank financed the fair"). A central bank is government (`classify`).
_BANKS = {"bank", "banque", "banco", "banca"}
_LENDING = {"development", "developpement", "investment", "investissement", "reconstruction", "world", "mondiale"}
# An international association whose members are bodies (parks, agencies, clusters) is a network of them.
_WORLDWIDE = {"international", "internationale", "world", "mondiale", "global", "globale"}
_MEMBER_BODIES = {"parks", "parcs", "technoparks", "technopoles", "agencies", "agences", "clusters", "poles",
                  "universities", "universites", "incubators", "incubateurs", "chambers", "chambres"}


def _by_the_names(kind: str, names: set[str]) -> str:
    """The kind the names themselves settle against the evidence of the pages: a commercial bank is a company,
    an international association of bodies a network (`_BANKS`, `_MEMBER_BODIES`)."""
    words = [set(norm(n).split()) for n in names]
    if kind == "funder" and any(w & _BANKS for w in words) and not any(w & _LENDING for w in words):
        return "company"
    if kind == "association" and any(w & _WORLDWIDE and w & _MEMBER_BODIES for w in words):
        return "network"
    return kind


def _fullest(names: set[str]) -> list[str]:
    """One spelling of each name, the fullest: "X Clusters" (a network of clusters) says the kind, not a
    "X Cluster" that drops its plural."""
    best: dict[str, str] = {}
    for n in sorted(names):
        k = name_key(n)
        if len(n) > len(best.get(k, "")):
            best[k] = n
    return sorted(best.values())
