"""A private, throw-away Neo4j server for benchmarks.

Why: the development server started by `scripts/neo4j.sh` is shared, and the test
suite's fixtures wipe it. Benchmarks need a quiet database of their own, so this
starts a second server from the same jars (`.cache/neo4j/lib`, assembled by
`scripts/neo4j.sh start`) on a free port with its own home under /tmp, and
deletes it on stop. Nothing under `.neo4j/` is read or written.

    with Neo4jInstance() as inst:          # starts, waits for Bolt
        os.environ.update(inst.env())      # NEO4J_URI / USERNAME / PASSWORD
        ...
    # stopped (SIGTERM, SIGKILL fallback) and its folder removed

CLI: `python -m bench.neo4j_instance start|stop [--home DIR]` (start prints the env line).
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / ".cache" / "neo4j" / "lib"
MAIN = "org.neo4j.server.CommunityEntryPoint"


def available() -> bool:
    return LIB.is_dir() and any(LIB.glob("neo4j-5.*.jar")) and shutil.which("java") is not None


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Neo4jInstance:
    def __init__(self, home: str | os.PathLike | None = None, *, heap: str = "1g",
                 pagecache: str = "512m", timeout: float = 180.0):
        self.home = Path(home) if home else Path(tempfile.mkdtemp(prefix="ecograph-bench-neo4j-"))
        self.heap, self.pagecache, self.timeout = heap, pagecache, timeout
        self.port: int | None = None
        self.password = secrets.token_hex(12)
        self.proc: subprocess.Popen | None = None
        self.pid: int | None = None

    # --- env ------------------------------------------------------------------
    @property
    def uri(self) -> str:
        return f"neo4j://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": self.password}

    # --- lifecycle ------------------------------------------------------------
    def _conf(self) -> Path:
        conf = self.home / "conf"
        for d in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / d).mkdir(parents=True, exist_ok=True)
        h = self.home
        (conf / "neo4j.conf").write_text(f"""
server.directories.data={h}/data
server.directories.logs={h}/logs
server.directories.run={h}/run
server.directories.lib={LIB}
server.directories.plugins={h}/plugins
server.directories.import={h}/import
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:{self.port}
server.bolt.advertised_address=127.0.0.1:{self.port}
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
server.memory.heap.initial_size={self.heap}
server.memory.heap.max_size={self.heap}
server.memory.pagecache.size={self.pagecache}
db.tx_log.rotation.retention_policy=1 files
""".lstrip())
        return conf

    def start(self) -> "Neo4jInstance":
        if not available():
            raise RuntimeError(f"no Neo4j jars in {LIB} (run `bash scripts/neo4j.sh start` once) or no java")
        self.port = _free_port()
        conf = self._conf()
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(conf)}
        subprocess.run(["java", "-cp", f"{LIB}/*", "org.neo4j.cli.AdminTool", "dbms",
                        "set-initial-password", self.password],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        log = open(self.home / "logs" / "console.log", "ab")
        self.proc = subprocess.Popen(
            ["java", f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
             "-Djdk.nio.maxCachedBufferSize=262144", "-Dio.netty.tryReflectionSetAccessible=true",
             "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
             "--add-opens=java.base/java.lang=ALL-UNNAMED",
             "-cp", f"{LIB}/*", MAIN, f"--home-dir={self.home}", f"--config-dir={conf}"],
            env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
        self.pid = self.proc.pid
        (self.home / "bench.pid").write_text(f"{self.pid}\n")
        (self.home / "env").write_text(" ".join(f"{k}={v}" for k, v in self.env().items()) + "\n")
        try:
            self._wait()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait(self) -> None:
        from neo4j import GraphDatabase
        deadline = time.monotonic() + self.timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"Neo4j exited early; see {self.home}/logs")
            try:
                with GraphDatabase.driver(f"bolt://127.0.0.1:{self.port}", auth=("neo4j", self.password), connection_timeout=3) as d:
                    d.verify_connectivity()
                return
            except Exception as exc:  # not up yet
                last = exc
                time.sleep(0.5)
        raise RuntimeError(f"Neo4j did not answer on Bolt within {self.timeout:.0f} s: {last}")

    def stop(self, *, keep: bool = False) -> None:
        pid = self.pid
        if pid is not None:
            try:
                os.kill(pid, signal.SIGTERM)
                for _ in range(600):
                    if self.proc is not None:
                        if self.proc.poll() is not None:
                            break
                    else:
                        os.kill(pid, 0)
                    time.sleep(0.1)
                else:
                    os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.pid = None
        if not keep:
            shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self) -> "Neo4jInstance":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    import argparse
    ap = argparse.ArgumentParser(prog="python -m bench.neo4j_instance")
    ap.add_argument("action", choices=["start", "stop"])
    ap.add_argument("--home", help="instance folder (start: created; stop: the one start printed)")
    a = ap.parse_args(argv)
    if a.action == "start":
        inst = Neo4jInstance(a.home).start()
        print(f"# home {inst.home} pid {inst.pid}", file=sys.stderr)
        print("export " + " ".join(f"{k}={v}" for k, v in inst.env().items()))
        return 0
    home = Path(a.home or "")
    pidf = home / "bench.pid"
    if not a.home or not pidf.exists():
        print("no such bench instance", file=sys.stderr)
        return 1
    inst = Neo4jInstance(home)
    inst.pid = int(pidf.read_text())
    inst.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
