"""Each mention's name and keys before resolution groups a document's mentions (moved out of `resolve`):
`_prepare` rewrites the names as the documents mean them, `_mention_keys` gives the keys a mention joins
others of its document by."""
from __future__ import annotations

from ecograph.ids import norm
from ecograph.name_keys import (_SWAP, _head_only, _significant, clean_name, despaced, loose_key, name_key,
                                programme_key, split_acronym_dash, strip_country_tag)

from .doc_links import family_tails, paren_acronyms, quoted_continuations, split_glued_acronym
from .name_cues import hereinafter_aliases, managers_acronyms
from .registry import KnownEntity
from .short_forms import tagged_twins
from .types import Mention


def _prepare(mentions: list[Mention], reg: dict[str, KnownEntity], text: str) -> set[int]:
    """Each mention's name as the documents mean it, before grouping: typography and a place tag off
    (`clean_name`; the twins it tells apart keep it: returned), an acronym glued to it split off, a bracketed
    acronym of its own added and one that is its
    manager's dropped, a programme's family acronyms restored, a name the quotes cut in two joined."""
    twins = tagged_twins(mentions, text)
    for i, m in enumerate(mentions):
        if m.label == "Organisation" or (m.label == "Programme" and not (m.canonical or m.text).isupper()):
            name, extra = clean_name(m.canonical or m.text, untag=m.label == "Organisation" and i not in twins)
            glued = split_glued_acronym(name)
            name, extra = (glued[0], [*extra, glued[1]]) if glued else (name, extra)
            if extra or name != (m.canonical or m.text):
                m.canonical, m.aliases = name, sorted(set(m.aliases) | set(extra))
    for i, acronym in {**paren_acronyms(mentions, text), **hereinafter_aliases(mentions, text)}.items():
        mentions[i].aliases = sorted({*mentions[i].aliases, acronym})
    for i, acronym in managers_acronyms(mentions, text).items():
        mentions[i].aliases = [a for a in mentions[i].aliases if a != acronym]
    tails = _family_tails(reg)
    for m in mentions:
        full = tails.get(norm(m.canonical or m.text)) if m.label == "Programme" else None
        if full:  # a programme named without its family's acronyms
            m.aliases, m.canonical = sorted({*m.aliases, m.canonical or m.text}), full
    for _, j, joined in quoted_continuations(mentions, text, reg):
        mentions[j].aliases = sorted({*mentions[j].aliases, mentions[j].canonical or mentions[j].text})
        mentions[j].canonical = joined  # the name the quotes cut in two
    return twins


def _mention_keys(m: Mention, reg: dict[str, KnownEntity], twin: bool = False) -> set[str]:
    """The keys a mention joins others of its document by: its names, "^" programme key, "~" loose
    keys, "@" registry entry (and the registry's other names)."""
    sp = split_acronym_dash(m.canonical or m.text) or split_glued_acronym(m.canonical or m.text)
    if sp:
        m.canonical, m.aliases = sp[0], sorted(set(m.aliases) | {sp[1]})
    keys = {name_key(m.canonical or m.text)} | {name_key(a) for a in m.aliases}
    pk = programme_key(m.canonical or m.text)
    if m.label == "Programme" or m.label == "Organisation" and _long_programme_key(pk):
        keys.add("^" + pk)
    if m.label in _SWAP:
        keys |= {"#" + k for k in map(despaced, (m.canonical or m.text, *m.aliases)) if k}
        for k in {loose_key(m.canonical or m.text), loose_key(m.text)}:
            if k and _significant(k):
                keys.add("~" + k)
        n = None if twin else strip_country_tag(norm(m.canonical or m.text))
        if n and _significant(loose_key(n)) and not _head_only(loose_key(n)):
            keys.add("~" + loose_key(n))  # (two "Université de X" never meet as "université")
    known = reg.get(norm(m.canonical or m.text))
    if known is not None and known.label in (m.label, _SWAP.get(m.label)):
        keys.add("@" + known.name)
        keys |= {"#" + k for k in map(despaced, (known.name, *known.aliases)) if k}
        # the registry's other names join too ("USMBA" meets "University … of Fes")
        for n in (known.name, *known.aliases):
            if known.label == "Programme" and _long_programme_key(programme_key(n)):
                keys.add("^" + programme_key(n))
            for v in (n, strip_country_tag(norm(n))):
                if v and _significant(loose_key(v)) and not _head_only(loose_key(v)):
                    keys.add("~" + loose_key(v))
    return keys


_TAILS: list = [None, {}]  # [the registry index, its family tails]: the last one computed


def _family_tails(reg: dict) -> dict[str, str]:
    """`doc_links.family_tails` of the registry, computed once per registry (the cache holds the
    registry itself: an id alone may be reused by the next dict)."""
    if _TAILS[0] is not reg:
        _TAILS[:] = [reg, family_tails(reg)]
    return _TAILS[1]


def _long_programme_key(key: str) -> bool:
    """A programme key long enough to name one programme under either label: an Organisation
    mention "Orvalis Sea Basin Network" is the known "Orvalis Sea Basin Network Programme", while
    "Zephyr" (a company?) does not meet "Zephyr Program"."""
    return len(key.split()) >= 3
