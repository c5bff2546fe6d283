"""What one line of a flattened table looks like: the features `tables_rows` scores each line by.

Each line is read from its form, never from the words of one table: a year that can close a name
cell, sector terms (`sectors_prefix`), place names (`place_like`), a list of names separated by
commas or semicolons, a cluster word or an "(ACRONYM)", a word that only ends or only opens a name,
an end that leaves the cell open (a comma, a hyphen, a connector) or a lower-case start that goes on
with the line before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ecograph.ids import fold

from .tables_items import _SUFFIX_LOWER
from .tables_vocab import GENERIC, place_like, place_tokens, places_in, sectors_prefix, term_key


@dataclass
class Line:
    start: int
    end: int
    text: str
    after_break: bool = False   # a repeated header (page break) came just before


def _only_country(s: str) -> bool:
    ps = places_in(s)
    return len(ps) == 1 and ps[0][3] == "country" and len(term_key(s).split()) <= 2


# --- what one line looks like --------------------------------------------------------------------

_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
          r"janvier|fevrier|février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|novembre|decembre|décembre)"
# A year closing a name or year cell: "Cluster / 2014", "(EMC) 2014", "December 2010", "2012".
_ANCHOR = re.compile(r"(?:^|[\s/(,–-])(?:" + _MONTHS + r"\s+)?(1[89]\d{2}|20\d{2})\s*[)/.]?\s*$", re.I)
# ... but not a year in running text ("formed in 2006"): the word before it is a preposition.
_PROSE_BEFORE_YEAR = {"in", "since", "from", "to", "until", "by", "of", "and", "en", "depuis", "au", "de", "et",
                      "le", "the", "than", "between", "entre", "after", "before", "avant", "apres", "après"}
_DATE = re.compile(r"(?:" + _MONTHS + r"\s+)?(?:1[89]\d{2}|20\d{2})", re.I)
_ACRONYM = re.compile(r"\([A-Z][A-Za-z0-9&-]{1,9}\)")
_YEAR_ONLY = re.compile(r"^\s*(?:" + _MONTHS + r"\s+)?(1[89]\d{2}|20\d{2})\s*$", re.I)
_OPEN_WORDS = {"of", "and", "for", "the", "de", "du", "des", "d", "et", "la", "le", "les", "l", "in", "en", "à",
               "a", "with", "to", "on", "or", "ou", "pour", "avec", "&", "al", "el", "sur", "by", "par", "from"}
_CLUSTER_CUE = re.compile(r"\b(?:[Cc]luster|CLUSTER|[Pp][oô]le|P[OÔ]LE|[Tt]echnop[oô]le|[Aa]gropole|[Hh]aliop[oô]le)\b|"
                          r"\([A-Z][A-Za-z0-9&-]{1,9}\)")
_CUE_WORDS = {"cluster", "clusters", "pole", "poles", "technopole", "agropole", "haliopole"}
_SENT_END = re.compile(r"(?<!\betc)(?<!\bInc)(?<!\bCo)(?<!\bLtd)[.!]\)?$")
# Words that may close an organisation's name and are no name alone (category words, company
# suffixes): a line that starts with them continues the name on the line before ("Cairo /
# University", "Data / Systems").
_CLOSERS = GENERIC | _SUFFIX_LOWER | {"co", "corp", "ltd", "inc", "sa", "sarl", "sas", "plc", "gmbh", "spa", "srl"}
# Words that open a name and are no name alone: a line that ends with one, after a separator,
# leaves that name open ("Menzel Temime, / Institut / Supérieur des …").
_OPENERS = _CLOSERS | {"institut", "universite", "ecole", "chambre", "ministere", "agence", "societe", "compagnie",
                       "groupement", "federation", "banque", "bank", "ministry", "chamber", "agency", "society",
                       "foundation", "fondation", "office"}
# Words that head an organisation's name: a line holding one is no region cell ("Business School").
_ORG_HEADS = {"university", "universite", "school", "ecole", "college", "institute", "institut", "centre", "center",
              "company", "compagnie", "societe", "group", "groupe", "ltd", "sa", "sarl", "inc", "corporation",
              "industries", "systems", "services", "labs", "laboratory", "laboratoire", "bank", "banque", "chamber",
              "chambre", "ministry", "ministere", "association", "federation", "agency", "agence", "authority",
              "office", "foundation", "fondation", "academy", "faculty", "faculte"}


@dataclass
class Feat:
    wide: bool
    place: bool
    country: bool
    anchor: int | None      # a year that can close a name cell
    year_only: bool
    sector_full: bool       # the line is made of sector terms
    lower: bool             # starts lower-case: the cell goes on
    head: bool              # starts with a name-closing word or "(": the name of the line before goes on
    open_end: bool          # ends with a comma, hyphen, slash or connector: the cell goes on
    sent_end: bool
    member_like: bool       # capitalised names separated by commas or semicolons, or one name and a comma
    listy: bool             # two capitalised names or more separated by commas or semicolons
    cue: bool
    sep: bool               # holds a list separator
    lowers: int             # lower-case words that are no connector: a name has few, a sentence many
    org: bool               # holds a word that heads an organisation's name ("School", "Ltd"): no place
    bare_head: bool = False     # the last name on the line is a head word alone ("Institut", "University")
    content: bool = False       # a word besides a cluster word, a connector, a date or an (ACRONYM)
    ends_sep: bool = False


def _feat(ln: Line, wide: bool) -> Feat:
    s = ln.text.strip()
    words = re.findall(r"[\w'’&-]+", s)
    low = [fold(w) for w in words]
    m = _ANCHOR.search(s)
    anchor = None
    if m and len(words) <= 8 and not wide:
        before = re.findall(r"[\w'’]+", s[:m.start(1)])
        before = [fold(w) for w in before if not re.fullmatch(_MONTHS, w, re.I)]
        if not before or before[-1] not in _PROSE_BEFORE_YEAR:
            anchor = int(m.group(1))
    first_alpha = next((c for c in s if c.isalpha()), "")
    chunk0 = re.sub(r"\([A-Z][A-Za-z0-9&-]{1,9}\)", " ", re.split(r"[,;:]", s, maxsplit=1)[0])
    c0 = [fold(w).strip("'’.-") for w in re.findall(r"[\w'’.&-]+", chunk0)]
    pt = place_tokens()
    head = s.startswith("(") or bool(c0) and all((w in _CLOSERS or w in _OPEN_WORDS) and w not in pt for w in c0) \
        and not _YEAR_ONLY.match(s)
    chunks = [c.strip() for c in re.split(r"[,;]", s) if c.strip()]
    caps = sum(1 for c in chunks if c[:1].isupper() or c[:1].isdigit())
    member_like = (len(chunks) >= 2 and caps >= 2) or (s.endswith((",", ";")) and caps >= 1 and s[:1].isupper())
    last = re.split(r"[,;:]", s)[-1]
    cl = [fold(w).strip("'’.-") for w in re.findall(r"[\w'’.&-]+", re.sub(r"\([^()]*\)", " ", last))]
    # the last name on the line is a head word alone ("…, Institut"): see `_opens_name`
    bare_head = bool(cl) and last.strip()[:1].isupper() and all(w in _OPENERS or w in _OPEN_WORDS for w in cl) \
        and not _YEAR_ONLY.match(s) and not any(w in pt for w in cl) and not re.search(r"[.)]\s*$", s)
    secs = sectors_prefix(s)
    sector_full = bool(secs) and not re.sub(r"[\W_]+|\band\b|\bet\b", "", s[secs[-1][1]:])
    return Feat(
        wide=wide, place=place_like(s), country=_only_country(s), anchor=anchor,
        year_only=bool(_YEAR_ONLY.match(s)), sector_full=sector_full,
        lower=first_alpha.islower() and not s[:1].isdigit(), head=head,
        open_end=bool(re.search(r"[,;:/&–-]$", s)) or bool(low) and low[-1] in _OPEN_WORDS,
        content=any(fold(w) not in _CUE_WORDS and fold(w) not in _OPEN_WORDS
                    for w in re.findall(r"[^\W\d_]+", _DATE.sub(" ", _ACRONYM.sub(" ", s)))),
        bare_head=bare_head, ends_sep=bool(re.search(r"[,;:]$", s)),
        sent_end=bool(_SENT_END.search(s)), member_like=member_like, listy=len(chunks) >= 2 and caps >= 2, cue=bool(_CLUSTER_CUE.search(s)),
        sep=bool(re.search(r"[,;:]", s)),
        org=any(w in _ORG_HEADS for w in low),
        lowers=sum(1 for w in words if w[:1].islower() and fold(w) not in _OPEN_WORDS and fold(w) not in _CUE_WORDS))


def _opens_name(feats: list[Feat]) -> None:
    """A line whose last name is a head word alone that opens a name ("Menzel Temime, / Institut" or
    "…, Institut") leaves that name open: the next line goes on with it. The same word closing a
    name ("Cairo / University", "Science and / Technology") leaves nothing open."""
    for k, f in enumerate(feats):
        if f.bare_head and not f.ends_sep and (f.sep or k > 0 and feats[k - 1].ends_sep):
            f.open_end = True


def _continues(prev: Feat, cur: Feat) -> bool:
    return prev.open_end or cur.lower or cur.head
