"""What a name says about its bearer: label (Organisation / Programme) and kind, from its words.

Names in this domain carry their type ("… Cluster", "Ministry of …", "Université …",
"… Fund", "Plan …"). These cue words are checked in order of specificity; a name
with no cue gets `None` and the caller decides from context (a member list holds
companies, "the X programme" is a programme).
"""
from __future__ import annotations

import re

from ecograph.ids import fold

# (kind, label, cue words/prefixes matched on whole folded words). Order matters: first hit wins.
_CUES: list[tuple[str, str, tuple[str, ...]]] = [
    ("label", "Programme", ("label", "labels", "certification", "accreditation")),
    ("fund", "Programme", ("fund", "fonds", "facility")),
    ("policy", "Programme", ("plan", "strategy", "strategie", "pact", "pacte", "policy", "politique",
                             "scheme", "schema", "vision", "roadmap", "initiative", "agenda")),
    ("event", "Programme", ("forum", "fair", "salon", "expo", "exhibition", "summit", "sommet",
                            "conference", "days", "week", "semaine", "awards", "hackathon", "show")),
    ("programme", "Programme", ("programme", "program", "track", "voucher", "scheme", "challenge",
                                "competition", "concours", "bootcamp", "mentoring")),
    ("project", "Programme", ("project", "projet", "horizon")),
    ("cluster", "Organisation", ("cluster", "clusters", "pole", "poles", "agropole", "haliopole",
                                 "technopole", "competitiveness")),
    ("funder", "Organisation", ("bank", "banque", "cooperation", "cooperation", "development agency",
                                "agence francaise de developpement", "donor", "foundation", "fondation")),
    ("government", "Organisation", ("ministry", "ministere", "minister", "government", "gouvernement",
                                    "municipality", "commune", "wilaya", "prefecture", "directorate",
                                    "direction", "office", "agency", "agence", "authority", "autorite",
                                    "council", "conseil", "commission", "court", "cour", "region")),
    ("university", "Organisation", ("university", "universite", "universidad", "school", "ecole",
                                    "college", "faculty", "faculte", "academy", "academie", "institute of technology",
                                    "polytechnic", "polytechnique", "business school", "ensa", "encg")),
    ("research", "Organisation", ("research", "recherche", "laboratory", "laboratoire", "lab", "labs",
                                  "institute", "institut", "centre technique", "technical centre",
                                  "technical center", "observatory")),
    ("support", "Organisation", ("incubator", "incubateur", "accelerator", "accelerateur", "technopark",
                                 "technoparc", "hub", "innovation centre", "innovation center",
                                 "cite de l innovation", "park", "parc", "startup", "start up")),
    ("network", "Organisation", ("network", "reseau", "consortium", "platform", "plateforme", "alliance",
                                 "union for")),
    ("association", "Organisation", ("association", "federation", "chamber", "chambre", "confederation",
                                     "union", "syndicate", "syndicat", "ngo", "ong", "club", "society of")),
    ("company", "Organisation", ("group", "groupe", "sa", "sarl", "ltd", "inc", "corporation", "corp",
                                 "company", "industries", "holding", "technologies", "systems",
                                 "engineering", "consulting", "services", "solutions", "international",
                                 "maroc", "morocco")),
]
_CUE_RE = [(kind, label, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"))
           for kind, label, words in _CUES]

# The company cues are weak: "Maroc" ends many agency names too. Checked last, only as a fallback.
_WEAK = {"company"}


def classify(name: str) -> tuple[str | None, str | None]:
    """(label, kind) a name's own words imply, or (None, None)."""
    f = re.sub(r"[^\w\s]", " ", fold(name))
    for kind, label, rx in _CUE_RE:
        if kind in _WEAK:
            continue
        if rx.search(f):
            return label, kind
    for kind, label, rx in _CUE_RE:
        if kind in _WEAK and rx.search(f):
            return label, kind
    return None, None
