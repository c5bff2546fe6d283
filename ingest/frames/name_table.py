"""The table of name filters, in the order they are tried: the first filter that rejects a name names
the verdict. The filters live in `vetoes.py` (what the parse says: a person, a common word, a date, a
post, a title line), `name_filters.py` (people, places, posts and categories of issue 13) and
`form_filters.py` (the page's own forms: an amount, a file's name, a headline, a news credit); this
module only orders them, so none imports another's table."""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span

from ecograph.kinds import classify
from .form_filters import is_code_or_amount, is_headline_verb, is_news_credit
from .name_filters import (is_demonym, is_dictionary_word, is_given_name_in_context, is_glued_person,
                           is_indefinite_generic, is_listed_country, is_organ_of, is_plural_head, is_post_at_end,
                           is_propn_dictionary_word, is_region_name, is_remit, is_speaker, is_tagged_person)
from .vetoes import (is_agreement, is_category, is_common_phrase, is_common_word, is_date_or_amount, is_field_label,
                     is_heading_phrase, is_ordinal, is_person, is_place, is_plural_kind, is_post, is_role_phrase,
                     is_truncated)

VETOES: dict[str, Callable[[Span, bool, bool], bool]] = {
    "person": is_person,
    "common-word": is_common_word,
    "date-or-amount": is_date_or_amount,
    "role-phrase": is_role_phrase,
    "heading-phrase": is_heading_phrase,
    "common-phrase": is_common_phrase,
    "field-label": is_field_label,
    "category": is_category,
    "post": is_post,
    "ordinal": is_ordinal,
    "agreement": is_agreement,
    "truncated": is_truncated,
    "plural-kind": is_plural_kind,
    "place": is_place,
    "speaker": is_speaker,
    "given-name-in-context": is_given_name_in_context,
    "code-or-amount": is_code_or_amount,
    "glued-person": is_glued_person,
    "dictionary-word": is_dictionary_word,
    "tagged-person": is_tagged_person,
    "region-name": is_region_name,
    "listed-country": is_listed_country,
    "post-at-end": is_post_at_end,
    "propn-dictionary-word": is_propn_dictionary_word,
    "demonym": is_demonym,
    "organ-of": is_organ_of,
    "plural-head": is_plural_head,
    "headline-verb": is_headline_verb,
    "news-credit": is_news_credit,
    "remit": is_remit,
    "indefinite-generic": is_indefinite_generic,
}


def veto(doc: Doc, a: int, b: int, name: str, heading: bool = False) -> str | None:
    """The name of the first veto that rejects this name, or None. Each filter gets the name's span in
    the parse and whether a word of the name already says what kind of actor it is."""
    sp = doc.char_span(a, b, alignment_mode="expand")
    if sp is None:
        return None
    kind_word = classify(name)[0] is not None
    return next((key for key, fn in VETOES.items() if fn(sp, kind_word, heading)), None)
