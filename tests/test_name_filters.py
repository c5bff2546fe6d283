"""The name filters added for issue 13 (ingest/frames/vetoes.py), one table each: names they must
reject and real organisation names they must keep, in English and French. Invented sentences and
names only; none comes from an evaluation text."""
from __future__ import annotations

import pytest

from helpers import veto_of

# (language, sentence, name, the veto expected: its key, or None for a name that must survive)
SPEAKERS = [
    ("en", "The new hub will open in March, Varkoudis said.", "Varkoudis", "speaker"),
    ("en", "Peltonen stressed the role of young founders in the region.", "Peltonen", "speaker"),
    ("en", "The tour was part of Moravec's visit to the coast.", "Moravec", "speaker"),
    ("fr", "Selon lui, le pôle doublera ses effectifs, Kharbouchi a ajouté que les start-up suivront.",
     "Kharbouchi", "speaker"),
    # bodies that speak or act keep their name
    ("en", "ORVALIS said the call will reopen in May.", "ORVALIS", None),
    ("en", "Zentrix signed an agreement with the port authority.", "Zentrix", None),
    ("fr", "Kelvotech a signé une convention avec la région.", "Kelvotech", None),
]

GLUED_PERSONS = [
    ("en", "The EU Ambassador to Jordan Maria Delacroix opened the fair.", "Jordan Maria Delacroix",
     "glued-person"),
    ("en", "Kelvo Cluster President Youssef Aitbella welcomed the guests.", "Kelvo Cluster President Youssef Aitbella",
     "glued-person"),
    ("en", "The event was opened by director of the Orvalis Lab Karim Benhadda and other guests.",
     "Orvalis Lab Karim Benhadda", "glued-person"),
    # a body named after a person keeps its name
    ("en", "The Fondation Hans Gruber funds the programme.", "Fondation Hans Gruber", None),
    ("fr", "La Fondation Karim Lahlou finance le programme.", "Fondation Karim Lahlou", None),
]

DICTIONARY_WORDS = [
    ("fr", "La journée s'est tenue sous le patronage du ministre de la Culture, en présence des invités.",
     "Culture", "dictionary-word"),
    ("fr", "Les membres du Comité de sélection ont retenu dix projets.", "Comité", "dictionary-word"),
    ("fr", "Le projet a été présenté en Conseil de gouvernement.", "Conseil", "dictionary-word"),
    ("fr", "Les résultats ont été validés par le Jury du concours.", "Jury", "dictionary-word"),
    # one-word names that are no dictionary word, acronyms and coined words stay
    ("fr", "La convention a été signée avec Kelvora à Tunis.", "Kelvora", None),
    ("fr", "La convention a été signée avec ORVAL à Tunis.", "ORVAL", None),
    ("en", "The fund invested in GreenLoop last year.", "GreenLoop", None),
    ("en", "The agreement was signed with Zentrix in Amman.", "Zentrix", None),
]


@pytest.mark.parametrize("lang,sentence,name,expected", SPEAKERS + GLUED_PERSONS + DICTIONARY_WORDS)
def test_name_filter(lang, sentence, name, expected):
    got = veto_of(lang, sentence, name)
    if expected is None:
        assert got is None, f"{name!r} rejected by {got}"
    else:
        assert got == expected
