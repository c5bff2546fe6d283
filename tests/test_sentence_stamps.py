"""A date stamp or a dateline before a page's first sentence is cut off as a heading of its own, so
the parse does not take it for the sentence's subject. Invented sentences."""
import pytest

from ecograph.ingest.sentences import split

CUT = [  # text -> the sentences it splits into
    ("date 2023-04-11 The Vega Cluster and the Orion Agency have launched the Nova programme in Sfax.",
     ["date 2023-04-11", "The Vega Cluster and the Orion Agency have launched the Nova programme in Sfax."]),
    (" date 2024-09 Oran — Une convention de partenariat a été signée entre le pôle Alpha et l'Agence Beta.",
     ["date 2024-09 Oran —", "Une convention de partenariat a été signée entre le pôle Alpha et l'Agence Beta."]),
    ("BEIRUT — The Cedar Incubator and the Orion Fund signed on Monday an agreement on seed funding.",
     ["BEIRUT —", "The Cedar Incubator and the Orion Fund signed on Monday an agreement on seed funding."]),
    ("TUNIS, June 3 (Wire) — The Vega Cluster signed a memorandum with the Orion Technopark yesterday.",
     ["TUNIS, June 3 (Wire) —", "The Vega Cluster signed a memorandum with the Orion Technopark yesterday."]),
    ("RABAT: Le pôle Alpha a signé hier une convention de coopération avec l'Institut Beta de Fès.",
     ["RABAT:", "Le pôle Alpha a signé hier une convention de coopération avec l'Institut Beta de Fès."]),
    ("Published 14/02/2024 | The Orion Agency has joined the Vega Cluster as its twentieth member.",
     ["Published 14/02/2024 |", "The Orion Agency has joined the Vega Cluster as its twentieth member."]),
    ("3 mars 2022 à 10:15 Le pôle Alpha accueille douze nouvelles entreprises dans son incubateur.",
     ["3 mars 2022 à 10:15", "Le pôle Alpha accueille douze nouvelles entreprises dans son incubateur."]),
]

KEPT = [  # a first sentence that opens with no stamp stays whole
    "Orion Digital — the agency that runs the Nova programme — signed with the Vega Cluster in 2020.",
    "2019 marked the tenth anniversary of the Vega Cluster, founded by ten companies in Tunis.",
    "Vega – Members and partners of the cluster gather in Sfax for the general assembly",
    "BEIRUT — short line.",
    "March 2021 saw the Vega Cluster sign an agreement with the Orion Agency in Sfax and Tunis.",
]


@pytest.mark.parametrize("text,expected", CUT)
def test_a_stamp_before_the_first_sentence_is_cut_off(text, expected):
    assert [s.text for s in split(text)] == expected


@pytest.mark.parametrize("text", KEPT)
def test_a_sentence_without_a_stamp_stays_whole(text):
    assert [s.text for s in split(text)] == [text]


def test_the_stamp_is_a_heading_and_offsets_hold():
    text = "date 2023-04-11 The Vega Cluster has joined the Nova network of Mediterranean clusters."
    stamp, sentence = split(text)
    assert stamp.heading and not sentence.heading
    assert text[sentence.start:sentence.end] == sentence.text
