"""scripts/neo4j.sh never puts the generated password on a command line (issue 15): `ps`
shows every process's arguments to every local user. neo4j-admin reads it from the 0600
password file through picocli's @file expansion, which the real AdminTool is checked to do."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = (ROOT / "scripts" / "neo4j.sh").read_text(encoding="utf-8")
LIB = ROOT / ".cache" / "neo4j" / "lib"


def test_the_password_file_is_never_expanded_into_a_commands_arguments():
    offenders = []
    for n, line in enumerate(SCRIPT.splitlines(), 1):
        if '$(cat "$PASS_FILE")' in line or "$pass" in line:
            # allowed: an assignment to an environment variable or a variable, and printf
            # (a shell builtin: no process, nothing in ps)
            if not re.search(r'(\bNEO4J_PASSWORD=|\bpass=|printf |>"\$ENV_FILE")', line):
                offenders.append(f"{n}: {line.strip()}")
    assert not offenders, offenders
    assert re.search(r'set-initial-password "@\$PASS_FILE"', SCRIPT)


def test_neo4j_admin_reads_an_argument_from_an_at_file(tmp_path):
    java = os.environ.get("JAVA") or shutil.which("java")
    if not (java and LIB.is_dir()):
        pytest.skip("Neo4j is not assembled here (run `bash scripts/neo4j.sh start` once)")
    argfile = tmp_path / "arg"
    argfile.write_text("one two")  # two words: expanded, they are one argument too many
    env = {**os.environ, "NEO4J_HOME": str(tmp_path), "NEO4J_CONF": str(tmp_path)}
    r = subprocess.run([java, "-cp", f"{LIB}/*", "org.neo4j.cli.AdminTool", "dbms",
                        "set-initial-password", f"@{argfile}"], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode != 0 and "Unmatched argument" in r.stdout + r.stderr and "'two'" in r.stdout + r.stderr
    assert not (tmp_path / "data").exists()  # nothing was set from the file's literal name
