"""The frame tables (`ingest/data/frames_<lang>.json`): read and checked once, at import.

A frame is one row: the trigger lemmas and parts of speech, a handler `mode`, the relation types it
may give (the first whose SCHEMA label rule fits the two ends), the argument roles it reads, and a
confidence. A misspelled mode, role or relation type fails here, not inside one document.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ecograph.model import LABELS, RELATION_TYPES

DATA = Path(__file__).resolve().parent.parent / "data"
MODES = ("joint", "directed", "members_include", "led_under", "at_event", "under_programme")
ROLES = ("agent", "patient", "holder", "self", "poss")  # and "prep:w1,w2" (objects of these prepositions)
_ROW_KEYS = {"name", "lemmas", "pos", "mode", "type", "conf", "source", "target", "object", "governors",
             "particle", "member_nouns", "party_nouns", "co_agents", "modifiers", "unless_modifiers", "partner_nouns",
             "partner_preps", "target_labels", "source_labels"}
_LANG_KEYS = {"language", "container_nouns", "with_preps", "signatory_nouns", "signatory_preps",
              "hedge_modals", "hedge_heads", "consortium_nouns", "made_of", "amount_nouns", "indefinites", "possessives",
              "frames"}


@dataclass(frozen=True)
class Frame:
    name: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    mode: str
    types: tuple[str, ...]
    conf: float
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    object: frozenset[str] = frozenset()     # the verb counts only with one of these as its object
    governors: frozenset[str] = frozenset()  # a noun counts only under one of these words
    particle: frozenset[str] = frozenset()   # "team up", "join forces"
    member_nouns: frozenset[str] = frozenset()
    party_nouns: frozenset[str] = frozenset()  # "the consortium includes A, B and C": the parties partner
    partner_nouns: frozenset[str] = frozenset()  # "the project brings together four partners: …": its partners
    co_agents: bool = False  # "with Y" beside the agent is a co-actor of the act
    modifiers: frozenset[str] = frozenset()  # the trigger counts only with one of these words on it ("lead partner")
    unless_modifiers: frozenset[str] = frozenset()  # ... and not with one of these ("partner", not "lead partner")
    partner_preps: frozenset[str] = frozenset()  # a joint frame's partner after these too: « s'associer à Y »
    target_labels: frozenset[str] = frozenset()  # "is part of P": only a programme (of an organisation, unsaid which)
    source_labels: frozenset[str] = frozenset()  # "funded through X": X pays when an organisation, not a programme


@dataclass(frozen=True)
class FrameTable:
    language: str
    frames: tuple[Frame, ...]
    with_preps: frozenset[str]
    signatory_nouns: frozenset[str]
    signatory_preps: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_heads: frozenset[str]
    container_nouns: frozenset[str]  # "the first edition of P", "la deuxième phase de P": P is meant
    by_lemma: dict = field(default_factory=dict)
    consortium_nouns: frozenset[str] = frozenset()  # "a consortium (composed) of A, B and C" stands for them
    made_of: frozenset[str] = frozenset()  # the participles that open its parties: "composed of", « formé de »
    amount_nouns: frozenset[str] = frozenset()  # "a programme of six million euros launched by A": the programme's
    indefinites: frozenset[str] = frozenset()  # « P, un nouveau programme lancé par A »: an apposition to P
    # the third person's possessives, which stand for an actor of the clause ("its P", « son P »); the first
    # person's ("our", « notre ») speak for the text's own body (`references.OWN`)
    possessives: frozenset[str] = frozenset()


class FrameTableError(ValueError):
    pass


def _check_role(role: str, where: str) -> str:
    if role in ROLES or role.startswith("prep:") and len(role) > 5:
        return role
    raise FrameTableError(f"{where}: unknown role {role!r} (roles: {', '.join(ROLES)}, prep:WORDS)")


def _frame(row: dict, where: str) -> Frame:
    unknown = set(row) - _ROW_KEYS
    if unknown:
        raise FrameTableError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("name", "lemmas", "pos", "mode", "type", "conf"):
        if key not in row:
            raise FrameTableError(f"{where}: missing {key!r}")
    where = f"{where} ({row['name']})"
    if row["mode"] not in MODES:
        raise FrameTableError(f"{where}: unknown mode {row['mode']!r} (modes: {', '.join(MODES)})")
    bad = [t for t in row["type"] if t not in RELATION_TYPES]
    if bad or not row["type"]:
        raise FrameTableError(f"{where}: unknown relation types {bad}")
    for key in ("source_labels", "target_labels"):
        if set(row.get(key, ())) - set(LABELS):
            raise FrameTableError(f"{where}: unknown {key.replace('_', ' ')} {sorted(set(row[key]) - set(LABELS))}")
    if not 0 < float(row["conf"]) <= 1:
        raise FrameTableError(f"{where}: conf must be in (0, 1]")
    if row["mode"] == "directed" and not (row.get("source") and row.get("target")):
        raise FrameTableError(f"{where}: a directed frame needs source and target roles")
    roles = tuple(_check_role(r, where) for r in row.get("source", [])), \
        tuple(_check_role(r, where) for r in row.get("target", []))
    return Frame(row["name"], frozenset(row["lemmas"]), frozenset(row["pos"]), row["mode"], tuple(row["type"]),
                 float(row["conf"]), roles[0], roles[1], frozenset(row.get("object", ())),
                 frozenset(row.get("governors", ())), frozenset(row.get("particle", ())),
                 frozenset(row.get("member_nouns", ())), party_nouns=frozenset(row.get("party_nouns", ())),
                 co_agents=bool(row.get("co_agents", False)), modifiers=frozenset(row.get("modifiers", ())),
                 unless_modifiers=frozenset(row.get("unless_modifiers", ())),
                 partner_nouns=frozenset(row.get("partner_nouns", ())),
                 partner_preps=frozenset(row.get("partner_preps", ())),
                 target_labels=frozenset(row.get("target_labels", ())),
                 source_labels=frozenset(row.get("source_labels", ())))


def parse_table(data: dict, where: str) -> FrameTable:
    unknown = set(data) - _LANG_KEYS
    if unknown:
        raise FrameTableError(f"{where}: unknown keys {sorted(unknown)}")
    frames = tuple(_frame(r, f"{where} frame {n}") for n, r in enumerate(data["frames"]))
    by_lemma: dict[str, list[Frame]] = {}
    for f in frames:
        for lemma in f.lemmas:
            by_lemma.setdefault(lemma, []).append(f)
    return FrameTable(data["language"], frames, frozenset(data["with_preps"]), frozenset(data["signatory_nouns"]),
                      frozenset(data["signatory_preps"]), frozenset(data["hedge_modals"]),
                      frozenset(data["hedge_heads"]), frozenset(data["container_nouns"]), by_lemma,
                      frozenset(data.get("consortium_nouns", ())), frozenset(data.get("made_of", ())),
                      frozenset(data.get("amount_nouns", ())), frozenset(data.get("indefinites", ())),
                      frozenset(data.get("possessives", ())))


@lru_cache(maxsize=4)
def table(lang: str) -> FrameTable | None:
    path = DATA / f"frames_{lang}.json"
    if not path.exists():
        return None
    return parse_table(json.loads(path.read_text(encoding="utf-8")), path.name)


def check_all() -> None:
    """Every shipped table, checked at import of the frames package."""
    for path in sorted(DATA.glob("frames_*.json")):
        table(path.stem.split("_", 1)[1])
