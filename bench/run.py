"""Run the benchmarks and write BENCHMARKS.md.

    python -m bench.run                  # everything, full size (about half an hour on 2 cores)
    python -m bench.run --quick          # smoke sizes, seconds per benchmark
    python -m bench.run --only queries   # one benchmark (names: see BENCHES)
    python -m bench.run --out /tmp/b.md  # somewhere else than BENCHMARKS.md

Neo4j: the Neo4j benchmarks start a private server from the same jars
(`bench/neo4j_instance.py`, own port, own data under /tmp, removed afterwards) so
they never touch the shared development server. Without the jars they fall back to
the server in NEO4J_URI, touching only nodes under a unique label they create and
delete (`--neo4j env` forces that).
"""
from __future__ import annotations

import argparse
import re
import os
import shlex
import sys
import time
import traceback
from pathlib import Path

from .common import ROOT, Result, git_rev, machine

BENCHES = ["ingest", "neo4j_writes", "queries", "map", "scale"]  # sections 1..5, in this order


class Neo4jTarget:
    """Where the Neo4j benchmarks run: a private instance (started on first use) or NEO4J_URI."""

    def __init__(self, mode: str, pagecache: str = "512m"):
        self.mode, self.pagecache = mode, pagecache
        self.inst = None
        self.env: dict[str, str] | None = None
        self.private = False
        self.problem = ""

    def get(self) -> dict[str, str] | None:
        if self.env is not None or self.problem:
            return self.env
        from . import neo4j_instance
        if self.mode in ("auto", "own") and neo4j_instance.available():
            try:
                self.inst = neo4j_instance.Neo4jInstance(pagecache=self.pagecache).start()
                self.env, self.private = self.inst.env(), True
                return self.env
            except Exception as exc:  # fall back to NEO4J_URI
                self.problem = f"private instance failed: {exc}"
        if self.mode in ("auto", "env") and os.environ.get("NEO4J_URI"):
            self.env = {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD")
                        if k in os.environ}
            return self.env
        self.problem = self.problem or "no Neo4j: no jars in .cache/neo4j/lib and no NEO4J_URI"
        return None

    def close(self):
        if self.inst is not None:
            self.inst.stop()
            self.inst = None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="tiny smoke sizes")
    ap.add_argument("--only", action="append", choices=BENCHES, help="run only this benchmark (repeatable)")
    ap.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"), help="markdown output (default BENCHMARKS.md)")
    ap.add_argument("--neo4j", choices=["auto", "own", "env"], default="auto",
                    help="auto: private instance if the jars exist, else NEO4J_URI")
    ap.add_argument("--neo4j-pagecache", default="512m", metavar="SIZE",
                    help="page cache of the private Neo4j server (default 512m; Neo4j's advice is "
                         "the size of the store files)")
    ap.add_argument("--no-rust-ext", action="store_true", help="skip the neo4j-rust-ext comparison")
    ap.add_argument("--combine", nargs="+", metavar="MD",
                    help="no benchmark: write --out from the sections of earlier outputs (later files win)")
    ap.add_argument("--merge", action="store_true",
                    help="keep the other benchmarks' sections already in --out (re-run one benchmark)")
    a = ap.parse_args(argv)
    argv = sys.argv[1:] if argv is None else argv
    command = "python -m bench.run" + ("" if not argv else " " + " ".join(shlex.quote(x) for x in argv))
    if a.combine:
        combine([Path(x) for x in a.combine], Path(a.out))
        return 0
    names = a.only or BENCHES
    target = Neo4jTarget(a.neo4j, a.neo4j_pagecache)
    results: list[Result] = []
    failures = []
    m0 = machine()
    try:
        for name in names:
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"bench: {name} ...", file=sys.stderr, flush=True)
            t = time.perf_counter()
            started = machine()["date"]
            try:
                r = _run(name, a, command, target)
            except Exception:
                failures.append(name)
                tb = traceback.format_exc()
                print(tb, file=sys.stderr)
                r = Result(name, f"{BENCHES.index(name) + 1}. {name}: FAILED", command, notes=["```", *tb.splitlines(), "```"])
            r.seconds = time.perf_counter() - t
            r.date = started
            r.load_before = load
            results.append(r)
            print(f"bench: {name} done in {r.seconds:.1f} s", file=sys.stderr, flush=True)
    finally:
        target.close()
    _write(Path(a.out), results, m0, command, a.quick, target, merge=a.merge)
    print(f"bench: wrote {a.out}", file=sys.stderr)
    return 1 if failures else 0


def _run(name: str, a, command: str, target: Neo4jTarget) -> Result:
    if name == "ingest":
        from .ingest_bench import run_throughput
        return run_throughput(a.quick, command)
    if name == "scale":
        from .ingest_bench import run_scale
        return run_scale(a.quick, command)
    if name == "neo4j_writes":
        from .neo4j_writes import run
        return run(a.quick, command, target, rust_ext=not a.no_rust_ext)
    if name == "queries":
        from .queries_bench import run
        return run(a.quick, command, target)
    if name == "map":
        from .map_bench import run
        return run(a.quick, command)
    raise ValueError(name)


def _sections(text: str) -> dict[str, str]:
    """Numbered benchmark sections ('## 3. ...') of an earlier BENCHMARKS.md, by number."""
    out, cur, buf = {}, None, []
    for line in text.splitlines():
        m = re.match(r"## (\d+)\. ", line)
        if m or (line.startswith("# ") or line.startswith("## ")) and cur is not None:
            if cur is not None:
                out[cur] = "\n".join(buf).rstrip() + "\n"
            cur, buf = (m.group(1), [line]) if m else (None, [])
            continue
        if cur is not None:
            buf.append(line)
    if cur is not None:
        out[cur] = "\n".join(buf).rstrip() + "\n"
    return out


def _targets_of(section: str) -> list[str]:
    title = section.splitlines()[0][3:].split(":")[0]
    rows, on = [], False
    for line in section.splitlines():
        if line.startswith("| target | measured | verdict |"):
            on = True
            continue
        if on:
            if not line.startswith("|"):
                break
            if not line.startswith("|---"):
                rows.append(f"| {title} {line}")
    return rows


def combine(files: list[Path], out: Path) -> None:
    """One BENCHMARKS.md from several runs' outputs: the first file's header, every numbered
    section from the last file that has it, each section keeping its own command and date."""
    first = files[0].read_text(encoding="utf-8")
    head = first.split("## Summary", 1)[0].rstrip()
    sections: dict[str, str] = {}
    origin: dict[str, str] = {}
    for f in files:
        text = f.read_text(encoding="utf-8")
        mm = re.search(r"Produced by `([^`]*)`.*? on ([^.]*)\.", text)
        for k, v in _sections(text).items():
            sections[k] = v
            origin[k] = f"`{mm.group(1)}` ({mm.group(2)})" if mm else str(f)
    order = sorted(sections, key=int)
    lines = [head, "", "Sections by run: " + "; ".join(f"{k}: {origin[k]}" for k in order) + ".", "",
             "## Summary", "", "| benchmark | target | measured | verdict |", "|---|---|---|---|"]
    for k in order:
        lines.extend(_targets_of(sections[k]))
    lines.append("")
    body = [sections[k] for k in order]
    findings = Path(__file__).with_name("FINDINGS.md")
    if findings.exists():
        body.append(findings.read_text(encoding="utf-8"))
    out.write_text("\n".join(lines) + "\n" + "\n".join(body), encoding="utf-8")


def _write(path: Path, results: list[Result], m: dict, command: str, quick: bool, target: Neo4jTarget,
           *, merge: bool = False) -> None:
    sections = {}
    earlier = ""
    if merge and path.exists():
        old = path.read_text(encoding="utf-8")
        sections = _sections(old)
        mm = re.search(r"Produced by `([^`]*)`.*? on ([^.]*)\.", old)
        if mm:
            earlier = f"`{mm.group(1)}` on {mm.group(2)}"
    for r in results:
        sections[r.title.split(".", 1)[0]] = r.markdown()
    head = [
        "# ecograph benchmarks" + (" (quick smoke sizes: not representative)" if quick else ""),
        "",
        f"Produced by `{command}` (run from the repository root with `.venv/bin/python`), "
        f"commit {git_rev()} plus working tree, on {m['date']}."
        + (f" Sections not re-run there come from {earlier}; each section names its command." if earlier else ""),
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram']} RAM, Python {m['python']}, {m['platform']}. "
        f"Load average at start: {m['load']} (other engineers share this machine: figures are medians "
        "of repetitions, and ratios are measured side by side in the same run).",
        "",
        "Neo4j: " + ("a private Neo4j 5.26 Community server started by `bench/neo4j_instance.py` "
                     f"(same jars as `scripts/neo4j.sh`, heap 1 GiB, page cache {target.pagecache}, own data folder "
                     "under /tmp, deleted afterwards)." if target.private or (merge and not target.env) else
                     ("the server in NEO4J_URI (benchmarks use their own unique labels)." if target.env
                      else (f"not available ({target.problem})." if target.problem else "not used in this run."))),
        "",
        "## Summary",
        "",
        "| benchmark | target | measured | verdict |",
        "|---|---|---|---|",
    ]
    order = sorted(sections, key=int)
    for k in order:
        head.extend(_targets_of(sections[k]))
    head.append("")
    body = [sections[k] for k in order]
    findings = Path(__file__).with_name("FINDINGS.md")
    if findings.exists() and not quick:
        body.append(findings.read_text(encoding="utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(head) + "\n" + "\n".join(body), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
