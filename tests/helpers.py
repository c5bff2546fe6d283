"""What the extraction tests share: extract a short text, and read its relations as
(type, source, target) triples of normalised names."""
from __future__ import annotations

from ecograph.ids import norm
from ecograph.ingest.extract import extract
from ecograph.ingest.types import RawDocument


def run(text: str, lang: str = "en", fmt: str = "txt"):
    """`extract` of `text` as a document "t.<fmt>" titled "t"."""
    return extract(RawDocument(source=f"t.{fmt}", text=text, title="t", language=lang, format=fmt))


def triples(text: str, lang: str = "en", fmt: str = "txt", *, long_forms: bool = False,
            both_ways: bool = False) -> set[tuple[str, str, str]]:
    """The relations found in `text`. `long_forms`: an acronym the text defines stands for
    its name ("PLP" → the name it abbreviates); `both_ways`: PARTNERS_WITH in both directions."""
    r = run(text, lang, fmt)
    long_form = {norm(a): norm(m.canonical or m.text) for m in r.mentions for a in m.aliases} if long_forms else {}

    def name(m) -> str:
        n = norm(m.canonical or m.text)
        return long_form.get(n, n)

    out = set()
    for c in r.candidates:
        s, o = name(c.source), name(c.target)
        out.add((c.type, s, o))
        if both_ways and c.type == "PARTNERS_WITH":
            out.add((c.type, o, s))
    return out


def t(rtype: str, s: str, o: str) -> tuple[str, str, str]:
    """An expected triple, names normalised as `triples` gives them."""
    return (rtype, norm(s), norm(o))


def as_triples(rows) -> set[tuple[str, str, str]]:
    """Expected triples of a table row, names normalised as `triples` gives them."""
    return {t(*r) for r in rows}


def wait_for_line(proc, prefix: str) -> str:
    """The first line of `proc`'s stderr (a text pipe) that starts with `prefix`: waits for
    that event, whatever the machine's speed. Fails if the process ends first."""
    seen = []
    for line in proc.stderr:  # blocks until the child writes a line, or ends
        seen.append(line)
        if line.startswith(prefix):
            return line
    proc.wait()
    raise AssertionError(f"the process ended (code {proc.returncode}) before a line {prefix!r}: "
                         f"{''.join(seen)[-2000:]}")


def veto_of(lang: str, sentence: str, name: str) -> str | None:
    """The name veto (ingest/frames/vetoes.py) that rejects `name` where `sentence` writes it, or None."""
    from ecograph.ingest.frames import veto
    from ecograph.ingest.frames.pipelines import pipeline
    doc = pipeline(lang)(sentence)
    a = sentence.index(name)
    return veto(doc, a, a + len(name), name)


def sigint_as_a_terminal_sends_it() -> None:
    """`preexec_fn` for a child that a test interrupts with SIGINT: a shell started in the
    background ignores SIGINT and its children inherit that, so the test restores the default
    disposition a program run from a terminal has."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)
