"""Benchmarks 1 and 5: ingest throughput against the bare spaCy pipeline, scaling with
worker processes, and ingestion of a large synthetic corpus with known answers."""
from __future__ import annotations

import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from . import corpus_gen
from .common import ROOT, Result, median, timed

SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def _shared_files(smallest: int | None = None) -> list[Path]:
    """The files of ../shared/corpus by name, or only its `smallest` few (by size: the quick run)."""
    files = sorted(p for p in SHARED_CORPUS.iterdir() if p.is_file() and not p.name.startswith("."))
    if smallest is not None:
        files = sorted(sorted(files, key=lambda p: (p.stat().st_size, p.name))[:smallest])
    return files


def _corpus(folder: Path, n_synth: int, shared_copies: int,
            shared_smallest: int | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """Synthetic documents plus `shared_copies` copies of ../shared/corpus (each copy made
    distinct by a trailing line, so none is skipped as unchanged; only its `shared_smallest`
    smallest files when given). Returns paths and (lang, text)."""
    docs = corpus_gen.generate(n_synth, seed=11)
    paths = corpus_gen.write(docs, folder)
    if SHARED_CORPUS.is_dir() and shared_copies:
        for k in range(shared_copies):
            for src in _shared_files(shared_smallest):
                dst = folder / f"shared-{k:02d}-{src.name}"
                shutil.copyfile(src, dst)
                with open(dst, "a", encoding="utf-8") as f:
                    f.write(f"\n\n(copy {k})\n")
                paths.append(dst)
    from ecograph.ingest.readers import read
    texts = []
    for p in paths:
        raw = read(str(p))
        texts.append((raw.language if raw.language in ("en", "fr") else "en", raw.text))
    return paths, texts


def _spacy_nlp():
    """The function ecograph's extractor gets its trained spaCy pipelines from (issue 13: the trained
    pipeline is the floor the ratio is measured against)."""
    from ecograph.ingest.frames.pipelines import pipeline
    return pipeline


def _ingest_once(paths, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one ingest into a fresh embedded store."""
    from ecograph.ingest.pipeline import ingest
    from ecograph.store.embedded import EmbeddedStore
    tmp = tempfile.mkdtemp(prefix="bench-ingest-")
    try:
        store = EmbeddedStore(Path(tmp) / "store", writable=True)
        t, c = time.perf_counter(), time.process_time()
        rep = ingest(store, [str(p) for p in paths], jobs=jobs)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        store.close()
        if rep.failed:
            raise RuntimeError(f"ingest failed on {rep.failed[:3]}")
        return dt, dc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _clocked(fn) -> tuple[float, float]:
    """(wall, CPU) seconds of one call, with the garbage collector as `ingest()` runs it
    (`ecograph.heap.fewer_collections`): the baseline and the pipeline are timed under the
    same conditions."""
    from ecograph.heap import fewer_collections
    with fewer_collections():
        t, c = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - t, time.process_time() - c


def _runners(paths, texts) -> tuple:
    """The two in-process workloads timed against each other over the same texts: `bare` (the
    trained spaCy pipelines alone) and `extract_only` (ecograph's extractor on the read files).
    Returns (bare, extract_only, nlp, by_lang)."""
    nlp = _spacy_nlp()
    by_lang: dict[str, list[str]] = {}
    for lang, t in texts:
        by_lang.setdefault(lang, []).append(t)

    def bare():
        for lang, ts in by_lang.items():
            for _ in nlp(lang).pipe(ts):
                pass

    from ecograph.ingest.extract import extract
    from ecograph.ingest.readers import read
    raws = [read(str(p)) for p in paths]

    def extract_only():
        for r in raws:
            extract(r)
    return bare, extract_only, nlp, by_lang


def _time_repetitions(bare, extract_only, paths, folder: Path, reps: int) -> dict[str, list]:
    """Per-repetition (wall, CPU[, workers CPU]) of each workload: "spacy", "extract", "warm"
    (ingest in this process), "j1" and "j2" (cold ingest, jobs=1 and 2)."""
    # warm-up (pipelines built, caches filled), then every repetition times the three side by
    # side, seconds apart, so a change in the machine's load hits all of them alike
    bare(), extract_only(), _ingest_once(paths, 1)
    spacy_t, extract_t, warm_t = [], [], []
    for _ in range(reps):
        spacy_t.append(_clocked(bare))
        extract_t.append(_clocked(extract_only))
        warm_t.append(_ingest_once(paths, 1))
    j1, j2 = [], []
    for _ in range(reps):  # cold runs alternate too
        j1.append(_ingest_cold(folder, 1))
        j2.append(_ingest_cold(folder, 2))
    return {"spacy": spacy_t, "extract": extract_t, "warm": warm_t, "j1": j1, "j2": j2}


def _wall(xs):
    return [x[0] for x in xs]


def _cpu(xs):
    return [x[1] for x in xs]


def _throughput_rows(t: dict[str, list], words: int, nlp, by_lang, quick: bool, reps: int) -> list[dict]:
    """The table of section 1: one row per workload, speed relative to the bare spaCy pipeline."""
    spacy_t, extract_t, warm_t, j1, j2 = t["spacy"], t["extract"], t["warm"], t["j1"], t["j2"]
    base = median(_wall(spacy_t))
    rows = []

    def row(what, ts, cpus=None, ratios=None):
        m = median(ts)
        rows.append({"what": what, "reps": len(ts), "median s": m, "min s": min(ts),
                     "CPU s (median)": median(cpus) if cpus else float("nan"),
                     "words/s (median)": words / m,
                     "× spaCy": median(ratios) if ratios else (base / m)})
    from ecograph.ingest.frames.pipelines import pipeline_name
    row(f"`nlp.pipe(texts)` alone with ecograph's trained pipelines "
        f"({', '.join(str(pipeline_name(k)) for k in sorted(by_lang))}; "
        f"components {nlp('en').pipe_names}), warm", _wall(spacy_t), _cpu(spacy_t), [1.0] * reps)
    row("`extract(raw)` only (no read/resolve/store), warm", _wall(extract_t), _cpu(extract_t),
        [a[0] / b[0] for a, b in zip(spacy_t, extract_t)])
    row("`ingest(EmbeddedStore, paths, jobs=1)`, warm (same process, after a warm-up run)",
        _wall(warm_t), _cpu(warm_t), [a[0] / b[0] for a, b in zip(spacy_t, warm_t)])
    row("`ingest(..., jobs=1)`, cold (fresh process, as `ecograph ingest` runs)", _wall(j1), _cpu(j1))
    row("`ingest(..., jobs=2)`, cold (fresh process + 2 forkserver workers; CPU: ingest process only)",
        _wall(j2), _cpu(j2))
    from ecograph.ingest.gazetteers import nlp as blank
    t_blank = timed(lambda: [None for lang, ts in by_lang.items() for _ in blank(lang).pipe(ts)],
                    1 if quick else 3, warmup=1)
    row("context: the blank tokenizer alone (`spacy.blank`, the floor before issue 13)", t_blank)
    return rows


def _throughput_targets(res: Result, t: dict[str, list]) -> float:
    """Set res.targets (pipeline vs spaCy, jobs=2 scaling); add the note on CPU seconds.
    Returns the CPU-seconds ratio of the warm pipeline to spaCy, for the notes."""
    spacy_t, warm_t, j1, j2 = t["spacy"], t["warm"], t["j1"], t["j2"]
    ratio = median([a[0] / b[0] for a, b in zip(spacy_t, warm_t)])
    cpu_ratio = median([a[1] / b[1] for a, b in zip(spacy_t, warm_t)])
    scale = median([a[0] / b[0] for a, b in zip(j1, j2)])
    # what two idle cores would give: the ingest process (resolve + store) is serial, the
    # workers share the cores with it; wall >= max(its CPU, all CPU / 2). Robust to the load
    # other people put on this machine, which the wall-clock ratio is not.
    model = median([(a[1] + a[2]) / max(b[1], (b[1] + b[2]) / 2) for a, b in zip(j1, j2)])
    res.targets = [("pipeline ≥ 0.8× `nlp.pipe` of the trained pipelines (words/s, both warm)", f"{ratio:.3f}×", ratio >= 0.8),
                   ("scaling jobs=2 vs jobs=1 (cold, 2 cores)", f"{scale:.2f}×", None),
                   ("scaling jobs=2 vs jobs=1, from CPU seconds (2 idle cores)", f"{model:.2f}×", None)]
    res.notes.append(f"jobs=2 CPU seconds (median): ingest process {median(_cpu(j2)):.2f}, workers and their "
                     f"forkserver {median([x[2] for x in j2]):.2f}; jobs=1: {median(_cpu(j1)):.2f}. The "
                     "model takes wall = max(ingest process, (ingest process + workers) / 2).")
    return cpu_ratio


def _throughput_notes(res: Result, t: dict[str, list], cpu_ratio: float, cold: dict[str, float],
                      paths, words: int, n_synth: int, copies: int, smallest: int | None = None) -> None:
    """The notes under section 1's table: how the ratios are taken, cold-start costs, the corpus."""
    j1, j2 = t["j1"], t["j2"]
    res.notes.append("× spaCy: the median of per-repetition ratios for the warm rows (spaCy, extract and "
                     "ingest run back to back in each repetition); for the cold rows, the ratio of medians.")
    res.notes.append(f"Ratios are medians of per-repetition ratios (each repetition runs spaCy, extract and "
                     f"ingest back to back); the same ratio in CPU seconds of the process, which other "
                     f"people's load on this shared machine disturbs less: {cpu_ratio:.3f}×. "
                     f"jobs=2 vs jobs=1 per pair of cold runs: {', '.join(f'{a[0] / b[0]:.2f}' for a, b in zip(j1, j2))}.")
    res.notes.append("Cold start of one process (each figure once, fresh interpreter): "
                     + ", ".join(f"{k} {v:.2f} s" for k, v in cold.items())
                     + ". jobs=N workers fork from a forkserver that has imported and warmed the "
                       "extractor once (`ingest/_preload.py`).")
    res.notes.append(f"Corpus: {len(paths)} documents, {words:,} words "
                     f"({n_synth} synthetic from `bench/corpus_gen.py`, seed 11"
                     + (f", plus {copies} copies of ../shared/corpus"
                        + (f" (its {smallest} smallest files)" if smallest else "") if SHARED_CORPUS.is_dir() else
                        "; ../shared/corpus not found") + "); words = whitespace-separated, the same "
                     "texts for every row.")
    res.notes.append("Each ingest repetition starts from a fresh EmbeddedStore in a new temp folder "
                     "(includes reading the files and the final JSON save; the spaCy baseline gets "
                     "the texts already read). jobs=2 includes starting the workers.")
    res.notes.append("The baseline is `nlp.pipe` over the whole texts with the trained pipelines ecograph "
                     "loads (`ingest/frames/pipelines.py`). ecograph parses only the sentences that name an "
                     "actor (and at most 600 characters long), so its extraction can be cheaper than the "
                     "baseline; the gazetteers, name finder and cue rules still run on the blank tokenizer.")


def _stage_notes(res: Result, paths, words: int) -> None:
    """Where the time goes: per stage, in CPU seconds (bench/ingest_stages.py), one warm jobs=1
    run; then a cProfile of one run."""
    from .ingest_stages import breakdown, table
    total, clock, _ = breakdown(paths)
    res.notes.append("")
    res.notes.append("Stages of one warm `ingest(..., jobs=1)` over this corpus (`bench/ingest_stages.py`: "
                     "CPU seconds per stage, each stage's function wrapped, exclusive of nested stages):")
    res.notes.append("")
    res.notes.append(table([("this corpus", total, clock, words)]))
    res.notes.append("")
    res.notes.append("Profile of one `ingest(..., jobs=1)` over this corpus (cProfile, top 15 by own time):")
    res.notes.append("```")
    res.notes.extend(_profile_ingest(paths).splitlines())
    res.notes.append("```")


def run_throughput(quick: bool, command: str) -> Result:
    # the trained-pipeline baseline parses every word at a few thousand words/s: sizes that keep a run
    # near ten minutes on two cores (session 3 used 300 documents and 10 copies against the blank tokenizer)
    # quick (the test suite's smoke run): every code path, on a few documents (the two smallest shared
    # files, one English and one French, instead of its 6,600-word paper), once
    n_synth, copies, reps = (6, 1, 1) if quick else (60, 2, 3)
    smallest = 2 if quick else None
    res = Result("ingest", "1. Ingest throughput: full pipeline vs the bare spaCy pipeline it uses", command)
    tmp = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    try:
        paths, texts = _corpus(tmp / "corpus", n_synth, copies, smallest)
        words = sum(len(t.split()) for _, t in texts)
        bare, extract_only, nlp, by_lang = _runners(paths, texts)
        times = _time_repetitions(bare, extract_only, paths, tmp / "corpus", reps)
        rows = _throughput_rows(times, words, nlp, by_lang, quick, reps)
        cold = _cold_costs()
        res.rows = rows
        res.columns = list(rows[0])
        cpu_ratio = _throughput_targets(res, times)
        _throughput_notes(res, times, cpu_ratio, cold, paths, words, n_synth, copies, smallest)
        _stage_notes(res, paths, words)
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _ingest_cold(folder: Path, jobs: int) -> tuple[float, float, float]:
    """One ingest in a fresh interpreter: imports done before the clock starts, pipelines not built.
    (wall seconds, CPU seconds of the ingest process, CPU seconds of its workers)."""
    import json
    import subprocess
    from .common import PY
    out = subprocess.run([PY, "-m", "bench.ingest_bench", "child", str(folder), str(jobs)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return got["seconds"], got["cpu"], got["workers_cpu"]


def _cold_costs() -> dict[str, float]:
    import json
    import subprocess
    from .common import PY
    out = subprocess.run([PY, "-m", "bench.ingest_bench", "cold"], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _child(argv: list[str]) -> None:
    import json
    if argv[0] == "cold":
        out = {}
        t = time.perf_counter()
        import ecograph.ingest.extract  # noqa: F401
        from ecograph.ingest import entities, patterns
        out["import ecograph.ingest.extract"] = time.perf_counter() - t
        for lang in ("en", "fr"):
            t = time.perf_counter()
            entities.nlp(lang)
            out[f"entities.nlp({lang!r}) (spacy.blank)"] = time.perf_counter() - t
            t = time.perf_counter()
            entities.gazetteer(lang)
            patterns._matchers(lang)
            out[f"gazetteer+matchers({lang!r})"] = time.perf_counter() - t
        print(json.dumps(out))
        return
    folder, jobs = argv[1], int(argv[2])
    from ecograph.ingest.pipeline import ingest
    from ecograph.store.embedded import EmbeddedStore
    tmp = tempfile.mkdtemp(prefix="bench-cold-")
    try:
        store = EmbeddedStore(Path(tmp) / "store", writable=True)
        t, c = time.perf_counter(), time.process_time()
        rep = ingest(store, [folder], jobs=jobs)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        store.close()
        if rep.failed:
            raise SystemExit(f"failed: {rep.failed[:3]}")
        print(json.dumps({"seconds": dt, "cpu": dc, "workers_cpu": _workers_cpu()}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _workers_cpu() -> float:
    """CPU seconds of the jobs=N workers (and their forkserver), once they have exited: stopping
    the forkserver makes this process reap it, which adds what it and the workers it reaped
    used to RUSAGE_CHILDREN. 0 when there were none. (Private multiprocessing API: bench only.)"""
    import resource
    try:
        import multiprocessing.forkserver as fs
        fs._forkserver._stop()
    except Exception:  # noqa: BLE001 - a measurement, never a failure
        return float("nan")
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _profile_ingest(paths, top: int = 15) -> str:
    from ecograph.ingest.pipeline import ingest
    from ecograph.store.embedded import EmbeddedStore
    tmp = tempfile.mkdtemp(prefix="bench-prof-")
    try:
        store = EmbeddedStore(Path(tmp) / "store", writable=True)
        pr = cProfile.Profile()
        pr.enable()
        ingest(store, [str(p) for p in paths], jobs=1)
        pr.disable()
        store.close()
        return _top(pr, top)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _top(pr: cProfile.Profile, top: int, sort: str = "tottime") -> str:
    s = io.StringIO()
    st = pstats.Stats(pr, stream=s)
    st.sort_stats(sort).print_stats(top)
    lines = s.getvalue().splitlines()
    # keep the header line with totals and the table, with shorter paths
    keep = [l for l in lines if l.strip() and not l.startswith(("   Ordered", "   List reduced"))]
    site = str(Path(os.__file__).parent)
    return "\n".join(l.replace(str(ROOT) + "/", "").replace(site + "/site-packages/", "")
                     .replace(site + "/", "") for l in keep)


def run_scale(quick: bool, command: str) -> Result:
    n = 20 if quick else 10_000
    res = Result("scale", f"5. Ingestion at scale: {n:,} synthetic documents, jobs=2, quality vs known answers",
                 command)
    from ecograph.ingest.pipeline import ingest
    from ecograph.store.embedded import EmbeddedStore
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        docs = corpus_gen.generate(n, seed=5)
        corpus_gen.write(docs, tmp / "corpus")
        words = sum(d.words for d in docs)
        store = EmbeddedStore(tmp / "store", writable=True)
        # timed without a profiler (cProfile slows the ingest process, the serial part, ~2x and
        # would make jobs=2 look more bound by it than it is); the stage clock costs ~1 us a call
        from .ingest_stages import Clock, TimedStore, instrumented
        clock = Clock()
        timed_store = TimedStore(store, clock)
        flushes = timed_store.flushes
        with instrumented(clock):
            t, c = time.perf_counter(), time.process_time()
            rep = ingest(timed_store, [str(tmp / "corpus")], jobs=2)
            dt, cpu = time.perf_counter() - t, time.process_time() - c
        clock.own["loop other"] = cpu - sum(clock.own.values())
        q = corpus_gen.score(docs, store)
        store.close()
        size = (tmp / "store" / "graph.json").stat().st_size
        res.rows = [{"documents": len(rep.ingested), "failed": len(rep.failed), "words": words,
                     "seconds": dt, "docs/s": len(rep.ingested) / dt, "words/s": words / dt,
                     "entities": rep.entities, "relations": rep.relations,
                     "store file MB": size / 1e6}]
        res.columns = list(res.rows[0])
        qrows = [{"type": "all core", "expected": q["expected"], "found": q["found"], "correct": q["tp"],
                  "precision": q["precision"], "recall": q["recall"]}]
        for t_, v in q["per_type"].items():
            qrows.append({"type": t_, "expected": v["expected"], "found": v["found"], "correct": v["tp"],
                          "precision": v["precision"], "recall": v["recall"]})
        tab = Result("", "", "", rows=qrows, columns=list(qrows[0])).table()
        res.notes.append(f"One run (a {n:,}-document ingest is long; the throughput benchmark above has the "
                         "repetitions). Cores: 2; the main process resolves and stores while 2 workers extract.")
        res.notes.append("Quality: expected triples are those the templates state (`bench/corpus_gen.py` "
                         "`TEMPLATES`); found = every stored core relation (names compared normalised).")
        res.notes.append("")
        res.notes.append(tab)
        res.targets = [("precision / recall at scale", f"P {q['precision']:.3f} / R {q['recall']:.3f}", None),
                       ("share of the run spent flushing", f"{sum(flushes) / dt:.1%}", None)]
        res.notes.append("")
        res.notes.append(f"The ingest process (resolve + store; the workers read and extract): {cpu:.1f} CPU s "
                         f"of {dt:.1f} s wall. {len(flushes)} flushes took {sum(flushes):.1f} s in all "
                         f"({sum(flushes) / dt:.1%} of the run; the last, final one {flushes[-1]:.2f} s). "
                         "CPU seconds per stage in the ingest process:")
        res.notes.append("")
        res.notes.append("| stage | CPU s | % of the process's CPU |")
        res.notes.append("|---|---|---|")
        for st in ("resolve", "store add", "flush", "loop other"):
            res.notes.append(f"| {st} | {clock.own[st]:.2f} | {100 * clock.own[st] / cpu:.1f} |")
        res.notes.append("")
        res.notes.append("(`loop other`: receiving the workers' results, bookkeeping, waiting on them is not CPU.)")
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    import sys
    _child(sys.argv[1:])
