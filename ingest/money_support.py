"""Support that the text says is money is funding (SCHEMA.md: SUPPORTS is support "without the text saying
it is money"). One step over the relation candidates of a document, whichever reader found them."""
from __future__ import annotations

import re
from dataclasses import replace

from .types import Candidate

# "provides financial support to X", « apporte un soutien financier à X », "supports X with $48M"
# (the amount right after the supported one, no other verb between: "supported by A and financed with
# EUR 3 million by B" is B's money)
_MONEY_SUPPORT = re.compile(
    r"\b(?:financial(?:ly)?\s+(?:support|assistance|backing|help)|"
    r"(?:support|assist|back)(?:s|ed|ing)?\b(?:(?!\band\b)[^.;,]){0,60}?"
    r"\bwith\s+(?:an?\s+)?(?:[$€£]|(?:EUR|USD|US\$|MAD|TND|EGP|JOD|DZD)\s?)\s?\d|"
    r"(?:soutien|appui|aide|accompagnement|concours)\s+financi[eè]re?s?|soutenu[es]?\s+financièrement)", re.I)


def money_support_is_funding(candidates: list[Candidate], text: str) -> list[Candidate]:
    """SUPPORTS candidates of a sentence that calls the support money become FUNDS."""
    out = []
    for c in candidates:
        if c.type == "SUPPORTS" and _MONEY_SUPPORT.search(text, c.start, c.end):
            c = replace(c, type="FUNDS")
        out.append(c)
    return out
