"""A warm `ecograph` to fork kill victims from: one process imports the CLI and builds the
extractor's state (spaCy, gazetteers: ~3 s of CPU) once, then forks a child per run that
calls the console script's entry point (`ecograph.cli.main`) with the given arguments.

Why: a kill test that starts the console script afresh pays that start-up on every victim,
and its kills, spread over a whole run, wait through it too. A forked child runs the same
code from `main()` on, in its own process that a SIGKILL ends the same way; the ingest
workers (`ecograph.ingest.workers`) are forked from a warm server for the same reason.

Protocol on the server's stdin/stdout, one line each: a JSON request -> the child's pid;
then any line -> the child's exit code once it has ended (negative: killed by that signal).
The child is reaped only when asked, so its pid stays its own until then and a kill
can never reach another process."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SERVER = r"""
import json, os, sys
from ecograph.cli import main
from ecograph.ingest import pipeline, workers
workers.warm()
for line in sys.stdin:
    req = json.loads(line)
    err = os.open(req["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(err, 2)
        os.environ.clear()
        os.environ.update(req["env"])
        if req["flush_each"]:
            pipeline.FLUSH_SECONDS = -1
        sys.argv = ["ecograph", *req["args"]]
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            import traceback
            traceback.print_exc()
            code = 1
        sys.stderr.flush()
        os._exit(code)
    os.close(err)
    sys.stdout.write(f"{pid}\n")
    sys.stdout.flush()
    sys.stdin.readline()
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(f"{os.waitstatus_to_exitcode(status)}\n")
    sys.stdout.flush()
"""


class WarmCli:
    """The server process; `start` a run, then `wait` for it (at most one run at a time)."""

    def __init__(self, env: dict):
        self.proc = subprocess.Popen([sys.executable, "-c", SERVER], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.stderr: Path | None = None

    def _line(self) -> str:
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"the warm ecograph server ended (code {self.proc.wait()})")
        return line

    def start(self, args: list[str], env: dict, stderr: Path, *, flush_each: bool = False) -> int:
        """Fork a child running `ecograph ARGS` (stderr to the file `stderr`); its pid."""
        self.stderr = stderr
        req = {"args": list(map(str, args)), "env": env, "stderr": str(stderr), "flush_each": flush_each}
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        return int(self._line())

    def wait(self) -> tuple[int, str]:
        """(exit code, stderr) of the child `start` forked, once it has ended."""
        self.proc.stdin.write("wait\n")
        self.proc.stdin.flush()
        code = int(self._line())
        return code, self.stderr.read_text(encoding="utf-8", errors="replace")

    def run(self, args: list[str], env: dict, stderr: Path, *, flush_each: bool = False) -> tuple[int, str]:
        self.start(args, env, stderr, flush_each=flush_each)
        return self.wait()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)
        self.proc.stdout.close()
