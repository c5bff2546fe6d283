"""The README tells the truth: its "real output from `make demo`" block is what the demo
prints today (scripts/readme_demo.py regenerates it), and every command it shows runs —
the shell blocks as a script in a sandbox, the commands named inline with their
placeholders filled in, the Python block, and the Neo4j block and Cypher against the test
server. Not run here: `make demo` / `make test` / `make bench` themselves (the suite and
tests/test_bench_smoke.py are those)."""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, _need

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = str(Path(sys.executable).parent)
# (the example corpus has no duplicate left since a heading glued to a name joins its node: the merge joins two
# bodies of the sandbox store only to run the command)
DEMO = {"A": "Atlas Mechatronics Cluster", "B": "Cedar Software Cluster", "ORG": "Atlas Mechatronics Cluster",
        "NAME": "Atlas Mechatronics Cluster", "X": "Carthage Green Tech Cluster", "PROGRAMME": "Horizon Europe",
        "QUERY": "atlas", "KEEP": "Cedar Software Cluster", "OTHER": "Beirut Digital Hub",
        "SOURCE": "Atlas Mechatronics Cluster", "TYPE": "PARTNERS_WITH", "TARGET": "Cedar Software Cluster"}


def _script():
    spec = importlib.util.spec_from_file_location("readme_demo", ROOT / "scripts" / "readme_demo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _sandbox(tmp_path: Path) -> dict:
    """reports/ and articles/ (the example corpus), a home, the venv first on PATH."""
    for f in (ROOT / "examples" / "corpus").iterdir():
        dest = tmp_path / ("articles" if f.suffix == ".html" else "reports")
        dest.mkdir(exist_ok=True)
        shutil.copy(f, dest / f.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOGRAPH_")}
    env.update(HOME=str(tmp_path), PATH=BIN + os.pathsep + env.get("PATH", ""), COLUMNS="200")
    return env


# What a person does between two README commands, done here so the next one has its input:
# judge the drawn sample (every other edge wrong), and a second judge who agrees.
JUDGE = """python - <<'PY'
import csv
with open("sample.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
for i, row in enumerate(rows):
    row["verdict"] = "correct" if i % 2 == 0 else "wrong"
for name in ("sample.csv", "second-judge.csv"):
    with open(name, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
PY"""
BEFORE = {"ecograph sample score ": JUDGE}


def _bash(script: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", "set -euo pipefail\n" + script], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_demo_block_matches_the_demo():
    assert _script().main(["--check"]) == 0, "run: .venv/bin/python scripts/readme_demo.py"


def test_demo_block_commands_are_the_readme_ones():
    start, end = _script().block(README)
    commands = [ln for ln in README[start:end].splitlines() if ln.startswith("$ ecograph ")]
    assert len(commands) == 4


def test_shell_blocks_run(tmp_path):
    env = _sandbox(tmp_path)
    lines, pending = [], dict(BEFORE)
    for block in _blocks("bash"):
        if "neo4j://" in block:
            continue  # test_neo4j_block_runs
        for line in block.splitlines():
            if line.startswith("make "):
                continue
            if line.startswith("ecograph import "):  # into an empty store, as its comment says
                line = f'ECOGRAPH_STORE="$PWD/empty-store" {line}'
            for start, step in list(pending.items()):
                if line.startswith(start):
                    lines.append(step)
                    del pending[start]  # once
            lines.append(line)
    assert any(ln.startswith("ecograph report ") for ln in lines)
    done = _bash("\n".join(lines), env, tmp_path)
    assert done.returncode == 0, done.stderr
    for made in ("out/map.html", "out/ecosystem.html", "out/core.html", "graph.json", "graph.graphml",
                 "graph.gexf", "kumu-nodes.csv", "kumu-edges.csv", "empty-store/graph.json"):
        assert (tmp_path / made).exists(), made
    assert "Carthage Green Tech Cluster" in done.stdout  # partners, on stdout
    assert (tmp_path / "ecosystem" / "graph.json").exists()  # ECOGRAPH_HOME=~/ecosystem


def _inline_commands() -> list[str]:
    """`cmd` spans of the "Also:" paragraph (ecograph subcommands) and of the curation one."""
    also = README[README.index("Also: "):]
    also = also[:also.index("\n\n")]
    cmds = ["ecograph " + c for c in re.findall(r"`([^`]+)`", also)]
    curation = README[README.index("### Curation"):]
    curation = curation[:curation.index("\n\n", curation.index("\n\n") + 2)]
    return cmds + [c for c in re.findall(r"`(ecograph [^`]+)`", curation)]


def test_inline_commands_run(tmp_path):
    env = _sandbox(tmp_path)
    env["ECOGRAPH_HOME"] = str(tmp_path / "store")
    commands = _inline_commands()
    assert len(commands) >= 17 and "ecograph reject SOURCE TYPE TARGET" in commands
    filled = [re.sub(r"\b(" + "|".join(DEMO) + r")\b", lambda m: repr(DEMO[m.group(1)]).replace("'", '"'), c)
              for c in commands]
    done = _bash("ecograph ingest --quiet reports/ articles/\n" + "\n".join(filled), env, tmp_path)
    assert done.returncode == 0, (filled, done.stderr)
    assert "Horizon Europe" in done.stdout or "participant" in done.stdout


def test_python_block_runs(tmp_path):
    env = _sandbox(tmp_path)
    env["ECOGRAPH_HOME"] = str(tmp_path / "store")
    assert _bash("ecograph ingest --quiet reports/ articles/", env, tmp_path).returncode == 0
    (code,) = _blocks("python")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_score_command_runs(tmp_path):
    # the scorer and the gold files live outside this repository (../shared/eval): where they
    # are not, there is nothing to run, in CI too
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("the shared scorer ../shared/eval/score.py is not beside this repository")
    m = re.search(r"`(\.venv/bin/python scripts/score\.py [^`]+)`", README)
    command = " ".join(m.group(1).split()).replace(".venv/bin/python", sys.executable)
    done = subprocess.run(command.split(), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


@pytest.mark.neo4j
def test_neo4j_block_runs(tmp_path):
    url = os.environ.get("NEO4J_URI")
    _need(bool(url), "NEO4J_URI is not set: run `make neo4j-start && source .neo4j/env`")
    from ecograph.store.neo4j import Neo4jStore
    env = _sandbox(tmp_path)
    (block,) = [b for b in _blocks("bash") if "neo4j://" in b]
    lines = [ln.replace("neo4j://localhost:7687", url).replace(" docs/", " reports/ articles/")
             for ln in block.splitlines() if not ln.startswith("export NEO4J_")]  # credentials: from the env
    cyphers = [c.strip() for c in _blocks("cypher")[0].split("\n\n")]
    lines += ["ecograph --store \"$NEO4J_URI\" cypher " + _quote(c) for c in cyphers]
    with Neo4jStore(url) as s:
        s.clear()
    try:
        done = _bash("\n".join(lines), env, tmp_path)
    finally:
        with Neo4jStore(url) as s:
            s.clear()
    assert done.returncode == 0, done.stderr
    assert "Carthage Green Tech Cluster" in done.stdout


def _quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"
