"""Ctrl-C during `ecograph ingest`: a real SIGINT sent to the real console script once it
has reported a number of finished documents on stderr (an event, not a delay). What was
finished is kept, the exit code is 130, a line says how to resume, and the rerun finds
the kept documents "unchanged". Also: progress lines, an empty folder, a missing store."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess

import pytest

from helpers import sigint_as_a_terminal_sends_it
from test_crash_safety import ECOGRAPH, _env, write_corpus

# 40 documents: with --jobs 2 that is batches of 5, so when document 4 is reported the
# workers hold several batches still to do and the interrupt always lands mid-run
N_DOCS = 40
STOP_AFTER = 4


def _interrupt_after(cmd: list[str], env: dict, n: int, *, group: bool) -> tuple[int, str]:
    """Run `cmd`; once stderr shows document `n` finished, send SIGINT (to the process
    group, as a terminal's Ctrl-C does, when `group`). Returns (exit code, stderr)."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, preexec_fn=sigint_as_a_terminal_sends_it)
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith(f"[{n}/"):
            if group:
                os.killpg(proc.pid, signal.SIGINT)
            else:
                proc.send_signal(signal.SIGINT)
            break
    seen.append(proc.stderr.read())
    return proc.wait(timeout=120), "".join(seen)


def _documents(store: str, env: dict) -> list[str]:
    out = subprocess.run([ECOGRAPH, "--store", store, "export", "--format", "json", "-o", "-"],
                         env=env, capture_output=True, text=True, check=True).stdout
    return sorted(d["source"] for d in json.loads(out)["documents"])


@pytest.mark.parametrize("jobs,group,where", [
    (1, False, "embedded"), (2, True, "embedded"),
    pytest.param(1, True, "neo4j", marks=pytest.mark.neo4j)], ids=["jobs1-sigint", "jobs2-ctrl-c-group", "neo4j"])
def test_ctrl_c_keeps_finished_documents_and_a_rerun_resumes(tmp_path, jobs, group, where, request):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, n=N_DOCS)
    env = _env(tmp_path)
    store = str(tmp_path / "store")
    if where == "neo4j":
        store = request.getfixturevalue("neo4j_store").url  # cleared before and after
    cmd = [ECOGRAPH, "--store", store, "ingest", "--progress", "--jobs", str(jobs), str(corpus)]
    code, err = _interrupt_after(cmd, env, STOP_AFTER, group=group)
    assert code == 130, err
    assert "Traceback" not in err, err
    m = re.search(r"interrupted after (\d+) of (\d+) documents: (\d+) ingested in this run are kept", err)
    assert m, err
    done, total, kept = map(int, m.groups())
    assert total == N_DOCS and STOP_AFTER <= kept == done < N_DOCS, err
    assert "to resume, run the same command again" in err and "ingest --progress" in err
    stored = _documents(store, env)
    assert len(stored) == kept  # exactly what the line says, flushed to disk
    assert stored == sorted(str(p) for p in sorted(corpus.iterdir())[:kept])
    again = subprocess.run(cmd[:-1] + ["--no-progress", str(corpus)], env=env, capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{N_DOCS - kept} ingested, {kept} unchanged, 0 failed" in again.stderr
    assert len(_documents(store, env)) == N_DOCS


def test_progress_lines_only_when_asked(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, n=3)
    env = _env(tmp_path)
    base = [ECOGRAPH, "--store", str(tmp_path / "store"), "ingest"]
    plain = subprocess.run(base + [str(corpus)], env=env, capture_output=True, text=True)
    assert plain.returncode == 0 and plain.stderr.strip().splitlines() == [plain.stderr.strip()], plain.stderr
    forced = subprocess.run(base + ["--progress", "--force", str(corpus)], env=env, capture_output=True, text=True)
    lines = forced.stderr.splitlines()
    assert [ln.split(" ", 1)[0] for ln in lines[:3]] == ["[1/3]", "[2/3]", "[3/3]"], forced.stderr
    assert re.search(r"\[2/3\] ingested .*news-001\.txt \(\d+\.\d docs/s, \d+:\d\d left\)", forced.stderr)
    quiet = subprocess.run(base + ["--quiet", "--force", str(corpus)], env=env, capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_terminal_gets_a_bar_redrawn_in_place(tmp_path):
    """The real command with stderr on a pseudo-terminal: a bar, no per-document lines."""
    import pty
    corpus = tmp_path / "corpus"
    write_corpus(corpus, n=5)
    master, slave = pty.openpty()
    proc = subprocess.Popen([ECOGRAPH, "--store", str(tmp_path / "store"), "ingest", str(corpus)],
                            env=_env(tmp_path), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(timeout=120) == 0
    text = out.decode("utf-8", "replace")
    assert "\r\x1b[K" in text and re.search(r"\d/5 \[[#-]{20}\] \d+\.\d docs/s", text), text
    assert "[1/5]" not in text  # per-document lines are for non-terminals only
    assert "5 ingested, 0 unchanged, 0 failed" in text


def test_terminal_bar_is_drawn_in_place():
    from ecograph.cli.progress import ProgressDisplay
    from ecograph.ingest.pipeline import Progress
    import io
    ticks = iter(range(100))
    out = io.StringIO()
    bar = ProgressDisplay(out, live=True, clock=lambda: float(next(ticks)))
    bar(Progress(0, 4, "a.txt"))
    bar(Progress(1, 4, "a.txt", "ingested"))
    bar(Progress(1, 4, "reports/b.txt"))
    bar.close()
    frames = out.getvalue().split("\r\x1b[K")
    assert frames[-1] == ""  # cleared at the end
    assert frames[-2].startswith("1/4 [#####---------------] ") and frames[-2].endswith("reports/b.txt")
    assert "0.2 docs/s, 0:18 left" in frames[-2]  # 1 document in 6 ticks, 3 to go


def test_empty_folder_says_no_supported_file(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"PK")
    r = subprocess.run([ECOGRAPH, "--store", str(tmp_path / "store"), "ingest", str(tmp_path / "empty")],
                       env=_env(tmp_path), capture_output=True, text=True)
    assert r.returncode == 1
    assert "no supported file found in" in r.stderr and ".pdf" in r.stderr and ".txt" in r.stderr
    assert not (tmp_path / "store").exists()  # no empty store left behind
