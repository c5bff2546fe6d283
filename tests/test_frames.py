"""Parse-based relation frames (ingest/frames): tables of invented English and French sentences →
expected (type, source, target) triples, negatives included (negation, wish, modal, co-occurrence, a
person as an actor), and the frame tables' own checks. None of these sentences comes from a corpus."""
from __future__ import annotations

import json
from functools import partial

import pytest

from ecograph.errors import EcographError
from ecograph.ingest.frames import pipelines
from ecograph.ingest.frames.table import DATA, FrameTableError, parse_table

import helpers
from helpers import t

# a partnership reads both ways
triples = partial(helpers.triples, both_ways=True)


EN = [
    ("Orion Digital Agency (ODA) has concluded a partnership agreement with the Vega Numeric Cluster.",
     [t("PARTNERS_WITH", "Orion Digital Agency", "Vega Numeric Cluster")]),
    ("Alpha Robotics, Beta Labs and the Gamma Institute signed a memorandum of cooperation last week.",
     [t("PARTNERS_WITH", "Alpha Robotics", "Beta Labs"), t("PARTNERS_WITH", "Alpha Robotics", "Gamma Institute"),
      t("PARTNERS_WITH", "Beta Labs", "Gamma Institute")]),
    ("The agreement was signed between John Smith, president of the Sigma Cluster, and Jane Roe, director of the "
     "Omega Institute.", [t("PARTNERS_WITH", "Sigma Cluster", "Omega Institute")]),
    ("The Blue Growth Accelerator is funded by the Northwind Foundation and the Southern Bank.",
     [t("FUNDS", "Northwind Foundation", "Blue Growth Accelerator"), t("FUNDS", "Southern Bank", "Blue Growth Accelerator")]),
    ("Lumen Soft received funding from the Harbor Development Bank.",
     [t("FUNDS", "Harbor Development Bank", "Lumen Soft")]),
    ("The Cedar Innovation Hub supports the Byblos Agritech Cluster.",
     [t("SUPPORTS", "Cedar Innovation Hub", "Byblos Agritech Cluster")]),
    ("Kestrel Ventures joined the Mediterranean Drone Cluster in 2022.",
     [t("MEMBER_OF", "Kestrel Ventures", "Mediterranean Drone Cluster")]),
    ("Members of the Kappa Textile Cluster include Zeta Motors, Eta Systems and the University of Thetaville.",
     [t("MEMBER_OF", "Zeta Motors", "Kappa Textile Cluster"), t("MEMBER_OF", "Eta Systems", "Kappa Textile Cluster")]),
    ("Alpha Robotics, Beta Labs and the Gamma Institute signed a memorandum of cooperation to organise the first "
     "edition of the Delta Forum.",
     [t("RUNS", "Alpha Robotics", "Delta Forum"), t("RUNS", "Beta Labs", "Delta Forum"),
      t("RUNS", "Gamma Institute", "Delta Forum"), t("PARTNERS_WITH", "Beta Labs", "Gamma Institute")]),
    ("The Harbour Cluster runs the Blue Skills Programme together with the Aegean Shipyards Association.",
     [t("RUNS", "Aegean Shipyards Association", "Blue Skills Programme"),
      t("PARTNERS_WITH", "Harbour Cluster", "Aegean Shipyards Association")]),
    ("The Sirius Food Cluster is a partner in the Aqua Valley Project.",
     [t("PARTICIPATES_IN", "Sirius Food Cluster", "Aqua Valley Project")]),
    ("The Coral Robotics Cluster was one of the first beneficiaries of the Green Scale Programme.",
     [t("PARTICIPATES_IN", "Coral Robotics Cluster", "Green Scale Programme")]),
    ("The Seabird Programme is coordinated by the Valletta Enterprise Agency together with the Jordan Export Council.",
     [t("RUNS", "Valletta Enterprise Agency", "Seabird Programme"), t("RUNS", "Jordan Export Council", "Seabird Programme")]),
    ("The Harbor Tech Cluster and the Nile Software Association have agreed to cooperate on export training.",
     [t("PARTNERS_WITH", "Harbor Tech Cluster", "Nile Software Association")]),
]

FR = [
    ("Le Cluster Zeta a signé un accord de partenariat avec son homologue français, le Pôle Nova Mer.",
     [t("PARTNERS_WITH", "Cluster Zeta", "Pôle Nova Mer")]),
    ("Une convention-cadre a été signée entre M. Karim Alaoui, président du Cluster Solaris, et Mme Nadia Bennis, "
     "directrice de l'Institut Vega.", [t("PARTNERS_WITH", "Cluster Solaris", "Institut Vega")]),
    ("Le projet Horizon Vert est financé par l'Agence Orion et cofinancé par la Banque Atlas.",
     [t("FUNDS", "Agence Orion", "Horizon Vert"), t("FUNDS", "Banque Atlas", "Horizon Vert")]),
    ("Le Cluster Zeta a conclu un partenariat avec l'Université de Thetaville.",
     [t("PARTNERS_WITH", "Cluster Zeta", "Université de Thetaville")]),
    ("Le Cluster Oasis Numérique est lauréat du programme Horizon Export.",
     [t("PARTICIPATES_IN", "Cluster Oasis Numérique", "Horizon Export")]),
    ("Le Technopark de Sousse accompagne la startup Nexa Robotics depuis deux ans.",
     [t("SUPPORTS", "Technopark de Sousse", "Nexa Robotics")]),
]

NEGATIVE = [
    ("Orion Digital Agency hopes to sign an agreement with the Vega Numeric Cluster.", "en", "PARTNERS_WITH"),
    ("Orion Digital Agency did not sign an agreement with the Vega Numeric Cluster.", "en", "PARTNERS_WITH"),
    ("Orion Digital Agency could partner with the Vega Numeric Cluster next year.", "en", "PARTNERS_WITH"),
    ("Orion Digital Agency and the Vega Numeric Cluster attended the opening ceremony.", "en", None),
    ("Did Orion Digital Agency sign an agreement with the Vega Numeric Cluster?", "en", None),
    ("L'Agence Orion souhaite signer une convention avec le Cluster Zeta.", "fr", "PARTNERS_WITH"),
    ("Le Cluster Zeta n'a pas signé d'accord avec l'Université de Thetaville.", "fr", "PARTNERS_WITH"),
    ("Le Cluster Zeta et l'Université de Thetaville étaient présents à la cérémonie.", "fr", None),
    ("No agreement was signed between the Orion Cluster and the Vega Institute.", "en", "PARTNERS_WITH"),
    ("The Orion Cluster was awarded a grant by the Harbor Development Bank.", "en", "LABELLED_BY"),
]

# the wrong reading a frame must not give (review findings): (sentence, lang, triple that must be absent)
WRONG = [
    ("The Northwind Foundation enabled the Orion Cluster to join the Vega Network.", "en",
     t("MEMBER_OF", "Northwind Foundation", "Vega Network")),
    ("La Fondation Nord a permis au Cluster Solaire de rejoindre le Réseau Vega.", "fr",
     t("MEMBER_OF", "Fondation Nord", "Réseau Vega")),
    ("Le Réseau Vega intègre désormais le Cluster Solaire.", "fr", t("MEMBER_OF", "Réseau Vega", "Cluster Solaire")),
]

# plain statements a hedge word look-alike must not block
NOT_HEDGED = [
    ("With support from the Northwind Foundation, the Orion Cluster trains young engineers.",
     t("SUPPORTS", "Northwind Foundation", "Orion Cluster")),
    ("The Cluster Booster Track, funded by the Northwind Foundation, supports ten clusters.",
     t("FUNDS", "Northwind Foundation", "Cluster Booster Track")),
]


@pytest.mark.parametrize("text,lang,wrong", WRONG)
def test_no_wrong_reading(text, lang, wrong):
    assert wrong not in triples(text, lang)


@pytest.mark.parametrize("text,expected", NOT_HEDGED)
def test_look_alikes_of_hedge_verbs_block_nothing(text, expected):
    assert expected in triples(text, "en")


@pytest.mark.parametrize("text,expected", EN)
def test_english_frames(text, expected):
    got = triples(text, "en")
    assert set(expected) <= got, f"missing {set(expected) - got}"


@pytest.mark.parametrize("text,expected", FR)
def test_french_frames(text, expected):
    got = triples(text, "fr")
    assert set(expected) <= got, f"missing {set(expected) - got}"


@pytest.mark.parametrize("text,lang,rtype", NEGATIVE)
def test_no_edge_from_hedged_or_cooccurring_actors(text, lang, rtype):
    got = {x for x in triples(text, lang) if rtype is None or x[0] == rtype}
    assert not got


def test_a_person_who_signs_is_no_organisation():
    got = triples("Mr John Smith signed an agreement with the Vega Numeric Cluster.", "en")
    assert not any("john smith" in (s, o) for _, s, o in got)


def _shipped(lang):
    return json.loads((DATA / f"frames_{lang}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d["frames"][0].update(mode="jiont"), "unknown mode"),
    (lambda d: d["frames"][0].update(type=["PARTNER_WITH"]), "unknown relation types"),
    (lambda d: d["frames"][4].update(source=["agnet"]), "unknown role"),
    (lambda d: d["frames"][0].update(colour="red"), "unknown keys"),
    (lambda d: d["frames"][0].pop("lemmas"), "missing 'lemmas'"),
    (lambda d: d["frames"][0].update(source_labels=["Organization"]), "unknown source labels"),
    (lambda d: d["frames"][0].update(target_labels=["Programm"]), "unknown target labels"),
])
def test_a_misspelled_frame_fails_when_the_table_is_read(mutate, message):
    for lang in ("en", "fr"):
        parse_table(_shipped(lang), lang)  # the shipped tables pass
        bad = _shipped(lang)
        mutate(bad)
        with pytest.raises(FrameTableError, match=message):
            parse_table(bad, lang)


def test_a_named_pipeline_that_is_not_installed_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("ECOGRAPH_SPACY_EN", "en_no_such_pipeline")
    pipelines._load.cache_clear()
    try:
        with pytest.raises(EcographError, match="en_no_such_pipeline"):
            pipelines.pipeline("en")
    finally:
        monkeypatch.delenv("ECOGRAPH_SPACY_EN")
        pipelines._load.cache_clear()


def test_dictionary_words_read_from_the_folder_are_the_loaded_lemmatizers():
    """`common_words` reads the lemmatizer's tables from the pipeline's folder while the pipeline
    is not loaded (an English text's filters want the French words too: ~1 s, not ~5 s)."""
    for lang in ("en", "fr"):
        on_disk = pipelines.lookups_in_folder(lang, None)
        assert on_disk is not None, lang
        table = pipelines.pipeline(lang).get_pipe("lemmatizer").lookups.get_table("lemma_index")
        assert dict(on_disk.get_table("lemma_index").items()) == dict(table.items()), lang
        assert pipelines.common_words(lang)
    assert pipelines.lookups_in_folder("en", "none") is None


def test_frames_can_be_turned_off(monkeypatch):
    text = "Orion Digital Agency (ODA) has concluded a partnership agreement with the Vega Numeric Cluster."
    monkeypatch.setenv("ECOGRAPH_SPACY_EN", "none")
    pipelines._load.cache_clear()
    try:
        r = helpers.run(text, "en")
        assert not any(c.method.startswith("frame-") for c in r.candidates)
    finally:
        monkeypatch.delenv("ECOGRAPH_SPACY_EN")
        pipelines._load.cache_clear()


from ecograph.ingest.frames.name_table import VETOES, veto  # noqa: E402
from ecograph.ingest.frames.pipelines import pipeline  # noqa: E402

# (sentence, name in it, the veto that must reject it or None when the name must stay)
VETO_TABLE = [
    ("en", "Mr Karim Haddad signed the agreement for the Vega Numeric Cluster.", "Karim Haddad", "person"),
    ("en", "Maria Ben Salah Director General opened the forum.", "Maria Ben Salah Director General", "person"),
    ("en", "Read more about the programme on our website.", "Read", "common-word"),
    ("en", "Participate in the second call before March.", "Participate", "common-word"),
    ("en", "The deadline is 12 Feb 2025.", "Feb", "date-or-amount"),
    ("en", "She was appointed Cluster Manager of the Vega Numeric Cluster in 2020.",
     "Cluster Manager of the Vega Numeric Cluster", "role-phrase"),
    ("en", "Lumen Soft received funding from the Harbor Development Bank.", "Lumen Soft", None),
    ("en", "Meet JoMedica, the cluster of medical device makers.", "JoMedica", None),
    ("en", "Kestrel Ventures joined the Mediterranean Drone Cluster in 2022.", "Kestrel Ventures", None),
    ("fr", "La société Nour Tech est membre du Cluster Agro Souss.", "Nour Tech", None),
    # a kind noun right before one word the tagger calls a noun names it
    ("fr", "Le programme Kelvo, lancé par l’Agence Orvalis, accompagne les PME.", "Kelvo", None),
    ("en", "Read the report of the Kelvo project. Read more.", "Read", "common-word"),
    ("fr", "M. Karim Alaoui, président du Cluster Solaris, a signé la convention.", "Karim Alaoui", "person"),
    ("fr", "La Direction Générale des Entreprises a signé une convention avec le Cluster Solaire.",
     "Direction Générale des Entreprises", None),
    # a post, then the person who holds it; a post of a place
    ("en", "BTI Director Sami Haddad opened the session.", "BTI Director Sami Haddad", "post"),
    ("en", "The Mayor of Numidia City welcomed the delegation.", "Mayor of Numidia City", "role-phrase"),
    # a place the pipeline reads as one, with no word of an organisation
    ("fr", "Le projet est actif en Afrique et dans la Méditerranée du Sud.", "Méditerranée du Sud", "place"),
    ("fr", "Le projet est actif en Afrique et dans la Méditerranée du Sud.", "Afrique", "place"),
    ("en", "The Lyra Network met Berytech in Beirut.", "Berytech", None),
    ("fr", "Le Technopark a signé avec Glovo et Kappa Invest.", "Glovo", None),  # an actor, whatever the tag
    ("en", "The cluster did not take part in Agrimeca in Hanover this year.", "Agrimeca", None),  # an event
    # a title only a person holds, or a post, before a name; a post in the commas beside it; who speaks
    ("en", "Prime Minister Samir Haddad and the Vega Cluster will witness the launch.", "Prime Minister Samir Haddad",
     "post"),
    ("en", "His Majesty King Karim stressed that investing in research matters.", "Majesty King Karim", "post"),
    ("en", "Her Excellency Leila Mansour, the Minister of Industry, attended.", "Excellency Leila Mansour", "person"),
    ("fr", "Le forum est le premier du genre, selon Nadia Benali, présidente de l'Association Kappa.", "Nadia Benali",
     "person"),
    ("fr", "Le Président de la Chambre Alpha, Karim Saleh, abonde dans le même sens.", "Karim Saleh", "person"),
    ("en", "The Prime Minister Office launched the programme.", "Prime Minister Office", None),
    ("en", "The agreement was signed by Orion Ventures, the founder of the Vega Cluster.", "Orion Ventures", None),
    ("en", "The programme is funded by Kappa Consulting and run in Tunis.", "Kappa Consulting", None),
]


@pytest.mark.parametrize("lang,sentence,name,expected", VETO_TABLE)
def test_name_vetoes(lang, sentence, name, expected):
    assert helpers.veto_of(lang, sentence, name) == expected


def test_a_title_line_without_entities_is_no_name_but_a_coined_name_in_it_is():
    doc = pipeline("en")("Triumphs and Hidden Treasures")
    assert veto(doc, 0, len("Triumphs and Hidden Treasures"), "Triumphs and Hidden Treasures", True) == "heading-phrase"
    doc = pipeline("en")("Meet JoMedica at the fair")
    assert veto(doc, 5, 13, "JoMedica", True) is None
    assert set(VETOES) == {"person", "common-word", "date-or-amount", "role-phrase", "heading-phrase",
                           "common-phrase", "field-label", "category", "post", "ordinal", "agreement", "truncated",
                           "plural-kind", "place", "speaker", "glued-person", "dictionary-word", "tagged-person",
                           "region-name", "listed-country", "post-at-end", "propn-dictionary-word", "demonym",
                           "organ-of", "plural-head", "given-name-in-context", "code-or-amount",
                           "headline-verb", "news-credit", "remit", "indefinite-generic"}


@pytest.mark.parametrize("lang,line,name,expected", [
    ("en", "Nadia Haddad (University of Sfax) and Marco Bellini (University of Bologna)", "Marco Bellini", "person"),
    ("en", "The report was written by Leila Mansour for the cluster.", "Leila Mansour", "person"),
    ("en", "Karim Labs joined the cluster in 2021.", "Karim Labs", None),
])
def test_person_signals(lang, line, name, expected):
    doc = pipeline(lang)(line)
    a = line.index(name)
    assert veto(doc, a, a + len(name), name) == expected
