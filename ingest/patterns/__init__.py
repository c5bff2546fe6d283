"""Relation engine: cue phrases (per language, in `en.py` / `fr.py`) + sentence structure → Candidates.

A sentence is seen as a row of argument mentions (Organisations, Programmes, and the
first-person / anaphoric subjects resolved to one of them) and cue phrases. For each
cue we find its left argument group (the subject: the mention list right before it, or
the sentence subject across an inserted phrase) and its right list (the mention list
right after it, possibly after "such as"/":"), then emit edges by the cue's mode.
Lists distribute. A cue preceded in its sentence by a hedge (negation, wish, need,
condition, forecast), or in a question, gives nothing.

Modules, in data-flow order: `lexicon.py` (the cue lexicons compiled to PhraseMatchers, and the
Sent / Arg rows the engine reads), `engine.py` (the Engine: argument lists, subjects, hedges,
emit, the pass over the document), `relations.py` (the handler of each cue mode, and the
structure-only relation patterns), `places.py` (LOCATED_IN and ACTIVE_IN from places and
sectors), `words.py` (the word sets they share). `Engine` combines the two pattern mixins.
"""
from .engine import Engine
from .lexicon import LEXICONS, Arg, Cue, Sent, _matchers, lexicon
from .words import fronted_participle

__all__ = ["Arg", "Cue", "Engine", "LEXICONS", "Sent", "_matchers", "fronted_participle", "lexicon"]
