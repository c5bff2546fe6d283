"""Money given to a body, and the name written on a noun: an amount contributed, lent or provided to a
body (its own projects counted, "to two X projects"), « prêter N millions à X »; the name after a common
noun and its adjectives (« l'Agence technique norvégienne « Kelvo » »); a noun followed by a demonym and a
name (« le cluster italien Orvalis ») names that body, it refers to none named before; "through its P
Program": the subject runs P. Tables of invented sentences -> expected triples, negatives included."""
from __future__ import annotations

import pytest

from helpers import as_triples, triples

READ = [  # lang, text, triples that must be read
    # an amount contributed, provided or lent to a body funds it
    ("en", "The Zeph Agency contributed €4.5 million to the Orvalis Institute.",
     {("FUNDS", "Zeph Agency", "Orvalis Institute")}),
    ("en", "The Zeph Agency provided more than €4.5 million to two Orvalis Institute projects in Norway.",
     {("FUNDS", "Zeph Agency", "Orvalis Institute")}),
    ("en", "The Nortal Development Bank will lend USD 20 million to the Kelvo Foundation.",
     {("FUNDS", "Nortal Development Bank", "Kelvo Foundation")}),
    ("fr", "La Banque Zeph va prêter 15 millions de dollars à la Fondation Orvalis.",
     {("FUNDS", "Banque Zeph", "Fondation Orvalis")}),
    ("fr", "L’Agence Zeph a accordé 3 millions d’euros à l’Association Kelvo.",
     {("FUNDS", "Agence Zeph", "Association Kelvo")}),
    # the name after the noun's adjectives and an opening quote is the noun's name
    ("fr", "Un accord a été conclu mercredi entre le ministère de l’Énergie et l’Agence technique "
           "norvégienne « KELVO ».", {("PARTNERS_WITH", "ministère de l’Énergie", "KELVO")}),
    # « le cluster italien Orvalis Marine »: a name follows the noun, no reference to the cluster named before
    ("fr", "Le Cluster Kelvo accueille ses membres.\n\nUn accord de partenariat a été signé hier par le Cluster "
           "Kelvo et le cluster italien Orvalis Marine Growth.",
     {("PARTNERS_WITH", "Cluster Kelvo", "Orvalis Marine Growth")}),
]

READ += [
    # "its" on a programme reached through an adjunct is the clause subject's own programme
    ("en", "Build Kelvo supports social entrepreneurs through its Fellowship Program.",
     {("RUNS", "Build Kelvo", "Fellowship Program")}),
    ("fr", "L’Agence Kelvo accompagne les jeunes pousses à travers son programme Nova Start.",
     {("RUNS", "Agence Kelvo", "Nova Start")}),
]

NOT_READ = [  # lang, text, a triple that must not be read
    # with a named object, "its" may be the object's: no owner is read
    ("en", "Kelvo Labs joined the Orvalis Cluster through its Nova Programme.", ("RUNS", "Kelvo Labs", "Nova Programme")),
    # a conjunct's possessive is the conjunct's
    ("en", "Kelvo Labs joined the Orvalis Cluster and its Nova Programme.", ("RUNS", "Kelvo Labs", "Nova Programme")),
    ("fr", "L’Agence Kelvo a rejoint le Cluster Orvalis et son programme Nova Start.",
     ("RUNS", "Agence Kelvo", "Nova Start")),
    # what is contributed or lent is no money
    ("en", "The Zeph Agency contributed ideas to the Orvalis Institute.", ("FUNDS", "Zeph Agency", "Orvalis Institute")),
    ("en", "The Zeph Agency provided training to two Orvalis Institute projects.",
     ("FUNDS", "Zeph Agency", "Orvalis Institute")),
    ("fr", "Le Cluster Kelvo prête ses locaux à l’Association Orvalis.",
     ("FUNDS", "Cluster Kelvo", "Association Orvalis")),
    # a wish to lend is no loan
    ("en", "The Nortal Development Bank may lend USD 20 million to the Kelvo Foundation next year.",
     ("FUNDS", "Nortal Development Bank", "Kelvo Foundation")),
]


@pytest.mark.parametrize("lang,text,expected", READ)
def test_money_given_and_names_on_nouns_are_read(lang, text, expected):
    assert as_triples(expected) <= triples(text, lang, both_ways=True)


@pytest.mark.parametrize("lang,text,triple", NOT_READ)
def test_things_given_and_wishes_give_no_funding(lang, text, triple):
    assert as_triples({triple}) & triples(text, lang, both_ways=True) == set()
