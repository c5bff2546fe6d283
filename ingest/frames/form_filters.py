"""Name filters of issue 13 for the page's own forms, part of the table in `name_table.py`: a currency or a
month glued to its number, a file's name, a title line's phrase (its capitalised verb), a news
agency's credit in a dateline. None of them names an actor of the text; each is tested with invented
sentences in tests/test_name_filters.py."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ecograph.kinds import MONTH_ABBREVIATIONS, MONTHS
from ..tokens import fold_tokens
from .vetoes import _coined


_CURRENCIES = "jd|jod|egp|usd|eur|mad|tnd|sar|aed|qar|lbp|dzd|mdh|mdt|gbp|[$€£]"  # not da/dh/dt/le: name prefixes
_MONTHS = "|".join(MONTH_ABBREVIATIONS)
_AMOUNT = re.compile(rf"(?:{_CURRENCIES})\d[\d,.]*|(?:{_MONTHS})\d{{1,2}}", re.IGNORECASE)
_FILE = re.compile(r".*(?:_|\.(?:jpe?g|png|gif|pdf|docx?)\b).*", re.IGNORECASE)


def is_code_or_amount(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'JD25, 000', 'EGP80 million', 'May7': a currency or a month glued to its number; 'AIN_Banner_Web',
    'photo-2013.JPG': a file or an image's name. None of them is an actor."""
    if kind_word or len(sp) > 3:
        return False
    first = sp[0].text
    return len(sp) == 1 and _AMOUNT.fullmatch(first) is not None or any(_FILE.fullmatch(t.text) for t in sp)


def is_headline_verb(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Helping Young Founders Grow', 'Building the Orvalis Hub': a title line that capitalises every word
    capitalises its verbs too; a capitalised verb in the span shows that the words are the headline's
    phrase, not a name. An acronym or a coined word keeps it (a name is in it), and so does a kind word
    ('The Kelvo Start-up Programme') unless the verb opens the span."""
    if not (heading or _title_case(sp.doc)) or len(sp) < 2 or sp.doc.lang_ != "en":
        return False
    if any(t.text.isupper() and len(t.text) > 1 or _coined(t.text) for t in sp):
        return False
    doc = sp.doc
    return any(t.pos_ == "VERB" and t.text[:1].isupper() and t.tag_ in _VERB_FORMS and
               (t.i == sp.start or not kind_word) and not _hyphened(doc, t) for t in sp)


def _hyphened(doc, t) -> bool:
    """'Start-up', 'Co-Funded': a word a hyphen joins to the next or the previous one is no verb of a title."""
    return not t.whitespace_ and t.i + 1 < len(doc) and doc[t.i + 1].text == "-" or \
        t.i > 0 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_


_VERB_FORMS = {"VB", "VBD", "VBG", "VBN", "VBZ", "VBP"}


def _title_case(doc) -> bool:
    """A line in Title Case that the splitter took for a sentence (a page's title as its first line):
    at least four words of four letters or more, every one capitalised, and no full stop at its end."""
    words = [t for t in doc if t.is_alpha and len(t) >= 4]
    return len(words) >= 4 and all(t.text[:1].isupper() for t in words) and doc[-1].text not in (".", "!", "?")


def is_news_credit(sp: Span, kind_word: bool, heading: bool) -> bool:
    """'Amman, May 3 (Kelvo News) -', '2024-05-03 (KNA- Kelvo News Agency)', 'ORVAL/Jane Roe': a news
    agency in a dateline's brackets or a photo credit before a slash names the source of the page,
    not an actor of the story."""
    doc = sp.doc
    if sp.end + 1 < len(doc) and doc[sp.end].text == "/" and not doc[sp.end - 1].whitespace_ and \
            doc[sp.end + 1].text[:1].isupper():
        return True  # a photo credit: the agency, a slash, the photographer
    opened = next((k for k in range(sp.start - 1, max(-1, sp.start - 4), -1) if doc[k].text in ("(", ")")), None)
    if opened is None or doc[opened].text != "(" or opened == 0 or opened > 12:
        return False
    return _dateline_date(doc, opened)  # "(…)" right after the dateline's date


_DATE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|[A-Za-z]{3,9}\.?\d{1,2}")


def _dateline_date(doc, k: int) -> bool:
    """The words before token k end on a day's date ('2024-05-03', 'May 3', 'Dec.6', '3 May'), not a
    year alone."""
    m = k - 1
    while m > 0 and not doc[m - 1].whitespace_ and doc[m - 1].text not in ("(", ","):
        m -= 1  # the whole word before the bracket ('2024-05-03' may be five tokens)
    before = doc[m:k].text
    prev = doc[m - 1].lower_.rstrip(".") if m >= 1 else ""
    month = lambda w: w in MONTH_ABBREVIATIONS or " ".join(fold_tokens(w)) in MONTHS  # noqa: E731
    return bool(_DATE.fullmatch(before)) and not before.isdigit() or \
        before.isdigit() and len(before) <= 2 and month(prev) or month(before.lower().rstrip(".")) and prev.isdigit()
