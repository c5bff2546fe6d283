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


@pytest.mark.parametrize("text,expected", ROWS)
def test_line_joins(text, expected):
    got = [s.text for s in split(text, wrapped=True)]
    assert len(got) == len(expected), got
    for sentence, first_words in zip(got, expected):
        assert sentence.startswith(first_words), (sentence, first_words)
