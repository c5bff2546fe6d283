"""Where ingest time goes, stage by stage: a per-stage breakdown of one `ingest()` run.

    python -m bench.ingest_stages                         # dev corpus x10, demo corpus x20, 300 synthetic
    python -m bench.ingest_stages --corpus synthetic:2000 --corpus dev:5

Each stage is timed by wrapping the function that does it (CPU time of this process,
`time.process_time`, around the call, exclusive of nested timed stages), not by cProfile:
the profiler's per-call overhead inflates the many small functions of extraction by 2-3x
and distorts the split. CPU time, because this machine is shared: wall time per stage
moves with other people's load, CPU time much less (flush also waits for the disk: its
wall time is reported too). The wraps
are installed on the module attributes the pipeline and extractor look up at call time,
so no library file is changed. Stages:

    read            readers.read (decode, html/pdf parsing, normalisation, language)
    hash            ids.document_id (sha256 of the text; the "unchanged" check)
    tokenise        entities.tokenize (ecograph's regex tokenizer + accent folding)
    sentences       sentences.split
    spacy doc+match spacy Doc built from the tokens + PhraseMatcher runs (gazetteer, misc cues)
    entities        entities.detect minus the spaCy part (name chunking, filters)
    cue patterns    patterns.Engine.run (relation cues)
    tables          tables.extract_structured
    extract other   the rest of extract() (mention building, anaphora, merge)
    resolve         Resolver.resolve + Resolver.learn
    store add       store.add
    flush           store.flush (periodic and final)
    loop other      whatever remains of ingest() (reports, bookkeeping, workers' IPC)
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from .common import ROOT

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
DEMO_CORPUS = ROOT / "examples" / "corpus"
STAGES = ["read", "hash", "tokenise", "sentences", "spacy doc+match", "entities", "cue patterns", "tables",
          "extract other", "resolve", "store add", "flush", "loop other"]


class Clock:
    """Exclusive time per stage: a nested timed call's time is not counted in its caller's stage."""

    def __init__(self, timer=time.process_time) -> None:
        self.timer = timer
        self.own: dict[str, float] = {s: 0.0 for s in STAGES}
        self.calls: dict[str, int] = {s: 0 for s in STAGES}
        self._stack: list[list[float]] = []  # per open call: [children's inclusive seconds]

    def wrap(self, stage: str, fn):
        def timed(*a, **kw):
            self._stack.append([0.0])
            t = self.timer()
            try:
                return fn(*a, **kw)
            finally:
                dt = self.timer() - t
                children = self._stack.pop()[0]
                self.own[stage] += dt - children
                self.calls[stage] += 1
                if self._stack:
                    self._stack[-1][0] += dt
        timed.__wrapped__ = fn
        return timed


@contextmanager
def instrumented(clock: Clock):
    """Install the timing wraps; restore every patched attribute afterwards."""
    from ecograph.ingest import entities, extract, patterns, resolve, workers
    saved: list[tuple[object, str, object]] = []

    def patch(obj, name, stage):
        if obj is None or getattr(obj, name, None) is None:
            return
        orig = getattr(obj, name)
        saved.append((obj, name, orig))
        setattr(obj, name, clock.wrap(stage, orig))

    patch(workers, "read", "read")
    patch(workers, "document_id", "hash")
    patch(extract, "tokenize", "tokenise")
    patch(extract, "split", "sentences")
    patch(extract, "detect", "entities")
    patch(extract, "extract_structured", "tables")
    patch(getattr(patterns, "Engine", None), "run", "cue patterns")
    patch(workers, "extract", "extract other")
    patch(resolve.Resolver, "resolve", "resolve")
    patch(resolve.Resolver, "learn", "resolve")
    # spaCy: the Doc the gazetteer runs on (make_doc) and the PhraseMatcher calls themselves.
    # The extractor is being reorganised: a name that moved is skipped, not an error (its time
    # then shows in the stage around it).
    patch(entities, "make_doc", "spacy doc+match")
    orig_gaz, orig_matchers = getattr(entities, "gazetteer", None), getattr(extract, "_matchers", None)
    if orig_gaz is not None:
        def gazetteer(lang):
            return clock.wrap("spacy doc+match", orig_gaz(lang))
        saved.append((entities, "gazetteer", orig_gaz))
        entities.gazetteer = gazetteer
    if orig_matchers is not None:
        def matchers(lang):
            ms = list(orig_matchers(lang))
            if len(ms) == 4:  # (cues, hedges, misc, table): misc runs on extract()'s own Doc
                ms[2] = clock.wrap("spacy doc+match", ms[2])
            return tuple(ms)
        saved.append((extract, "_matchers", orig_matchers))
        extract._matchers = matchers
    try:
        yield clock
    finally:
        for obj, name, orig in reversed(saved):
            setattr(obj, name, orig)


class TimedStore:
    """An EmbeddedStore whose add/flush are timed (the store's own code is not touched)."""

    def __init__(self, store, clock: Clock):
        self._s, self._c = store, clock
        self.add = clock.wrap("store add", store.add)
        flush = clock.wrap("flush", store.flush)
        self.flushes: list[float] = []  # wall seconds of each flush (it also waits for the disk)

        def timed_flush():
            t = time.perf_counter()
            try:
                flush()
            finally:
                self.flushes.append(time.perf_counter() - t)
        self.flush = timed_flush

    @property
    def flush_wall(self) -> float:
        return sum(self.flushes)

    def __getattr__(self, name):
        return getattr(self._s, name)


def corpus(kind: str, folder: Path, n: int) -> list[Path]:
    """Files for one corpus kind: 'dev' (../shared/corpus, n copies), 'demo' (examples/corpus,
    n copies), 'synthetic' (n documents from corpus_gen, seed 11). Copies get a distinct
    trailing line so none is skipped as an unchanged document."""
    from . import corpus_gen
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "synthetic":
        return corpus_gen.write(corpus_gen.generate(n, seed=11), folder)
    src_dir = SHARED_CORPUS if kind == "dev" else DEMO_CORPUS
    srcs = sorted(p for p in src_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    out = []
    for k in range(n):
        for src in srcs:
            dst = folder / f"{k:03d}-{src.name}"
            data = src.read_bytes()
            # a trailing line the reader keeps: plain text/markdown as is, HTML inside the body
            tail = f"\n\n(copy {k})\n".encode()
            if src.suffix.lower() in (".html", ".htm") and b"</body>" in data:
                data = data.replace(b"</body>", f"<p>(copy {k})</p></body>".encode(), 1)
            else:
                data += tail
            dst.write_bytes(data)
            out.append(dst)
    return out


def breakdown(paths: list[Path], jobs: int = 1) -> tuple[float, Clock, object]:
    """One timed ingest of `paths` into a fresh embedded store (warm process). Returns
    (wall seconds, the clock: CPU seconds per stage, the report); `clock.wall` holds the
    wall seconds and `clock.flush_wall` the flushes' wall seconds."""
    from ecograph.ingest.pipeline import ingest
    from ecograph.store.embedded import EmbeddedStore
    tmp = tempfile.mkdtemp(prefix="bench-stages-")
    clock = Clock()
    try:
        store = EmbeddedStore(Path(tmp) / "store", writable=True)
        timed_store = TimedStore(store, clock)
        with instrumented(clock):
            t, c = time.perf_counter(), clock.timer()
            rep = ingest(timed_store, [str(p) for p in paths], jobs=jobs)
            total, cpu = time.perf_counter() - t, clock.timer() - c
        store.close()
        clock.own["loop other"] = cpu - sum(clock.own.values())
        clock.cpu, clock.wall, clock.flush_wall = cpu, total, timed_store.flush_wall
        return total, clock, rep
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def table(rows: list[tuple[str, float, Clock, int]]) -> str:
    """Markdown: one column pair per corpus, CPU seconds and share of CPU per stage."""
    head = "| stage | " + " | ".join(f"{name} CPU s | %" for name, _, _, _ in rows) + " |"
    sep = "|---|" + "---|---|" * len(rows)
    lines = [head, sep]
    for st in STAGES:
        cells = []
        for _, _, clock, _ in rows:
            cells.append(f"{clock.own[st]:.3f} | {100 * clock.own[st] / clock.cpu:.1f}")
        lines.append(f"| {st} | " + " | ".join(cells) + " |")
    lines.append("| **total CPU** | " + " | ".join(f"**{c.cpu:.3f}** | 100" for _, _, c, _ in rows) + " |")
    lines.append("| wall s (flush wall s) | " + " | ".join(f"{total:.3f} ({c.flush_wall:.3f}) | "
                                                        for _, total, c, _ in rows) + " |")
    lines.append("| words/s (wall) | " + " | ".join(f"{w / total:,.0f} | " for _, total, _, w in rows) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ingest_stages", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", metavar="KIND[:N]",
                    help="dev, demo or synthetic, with N copies (dev, demo) or documents (synthetic); "
                         "repeatable (default: dev:10, demo:20, synthetic:300)")
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args(argv)
    default_n = {"dev": 10, "demo": 20, "synthetic": 300}
    kinds = []
    for spec in a.corpus or list(default_n):
        kind, _, n = spec.partition(":")
        if kind not in default_n:
            ap.error(f"unknown corpus {kind!r}")
        kinds.append((kind, int(n) if n else default_n[kind]))
    tmp = Path(tempfile.mkdtemp(prefix="bench-stages-corpus-"))
    try:
        from ecograph.ingest.readers import read
        rows = []
        # warm-up: pipelines and gazetteers built, so the first corpus is not charged for them
        breakdown(corpus("demo", tmp / "warm", 1))
        for kind, n in kinds:
            paths = corpus(kind, tmp / kind, n)
            words = sum(len(read(str(p)).text.split()) for p in paths)
            total, clock, rep = breakdown(paths, a.jobs)
            if rep.failed:
                print(f"warning: {len(rep.failed)} failed, e.g. {rep.failed[:2]}", file=sys.stderr)
            rows.append((f"{kind} ({len(paths)} docs, {words:,} words)", total, clock, words))
        print(table(rows))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
