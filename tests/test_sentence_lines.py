"""Which line breaks join two lines into one sentence (a wrapped line) and which end a sentence."""
import pytest

from ecograph.ingest.sentences import split

# (text, sentences expected, as their first words)
ROWS = [
    # a hyphen glued to its word is a word broken by the page: the lines join
    ("The Kelvo cluster brings together forty manage-\nment schools and three universities today.",
     ["The Kelvo cluster brings together forty manage-\nment schools"]),
    # a connector word at the end of a long line continues on the next
    ("The Kelvo cluster brings together forty members of\nthe Orvalis region and its universities.",
     ["The Kelvo cluster brings together forty members of\nthe Orvalis"]),
    # a dash after a space closes a sub-headline: the paragraph below is a sentence of its own
    ("- Kelvo and Orvalis open a joint training centre for young welders -\n\n\n\n"
     "Kelvo Foundation signed a business agreement with the Orvalis Institute.",
     ["Kelvo and Orvalis open", "Kelvo Foundation signed"]),
    ("– Une convention pour créer un parc technologique dans la région de Kelvo –\n\n"
     "La Fondation Orvalis a signé une convention avec l’Institut Kelvo.",
     ["Une convention pour créer", "La Fondation Orvalis a signé"]),
]

_PARAGRAPH = ("The Kelvo Cluster and the Orvalis Institute of Applied Chemistry have agreed to run a "
              "training centre together for the welders of the region")
_LIST = "\n  • welding\n  • chemistry\n  • logistics\n  • training"
# (text, sentences expected): an empty line between two lines of a text that also has adjacent lines
# (a list, wrapped lines) ends a paragraph even after a long line without final punctuation; a text
# double-spaced throughout (a PDF whose every wrap shows as an empty line) keeps its lines joined
PARAGRAPH_ROWS = [
    ("Signature d’un accord de partenariat entre le Cluster Kelvo et le pôle italien Orvalis Marine Growth\n\n"
     "Un accord a été signé par le Cluster Kelvo et le pôle Orvalis.\n\nLes domaines :" + _LIST + "\n\n"
     + "\n\n".join(["Les deux pôles échangeront leurs membres, leurs projets et leurs idées sur le marché de la mer."] * 5),
     ["Signature d’un accord", "Un accord a été signé", "Les domaines", "welding", "chemistry", "logistics",
      "training"] + ["Les deux pôles"] * 5),
    ("\n\n".join([_PARAGRAPH + " and", "the Orvalis Institute hosts", _PARAGRAPH + " and",
                    "the Kelvo Cluster pays", _PARAGRAPH + "."]),
     [_PARAGRAPH + " and\n\nthe Orvalis Institute hosts", _PARAGRAPH + " and\n\nthe Kelvo Cluster pays",
      _PARAGRAPH + "."]),
]


@pytest.mark.parametrize("text,expected", ROWS + PARAGRAPH_ROWS)
def test_line_joins(text, expected):
    got = [s.text for s in split(text, wrapped=True)]
    assert len(got) == len(expected), got
    for sentence, first_words in zip(got, expected):
        assert sentence.startswith(first_words), (sentence, first_words)

