"""The CLI and the Python API are twins (ecograph/api.py): every public `Graph` method has a
command and every command a method, unless a table below says why not; every command has
help text and appears in README.md."""
from __future__ import annotations

import re
from pathlib import Path

import click

from ecograph.api import Graph
from ecograph.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

#: a method and the command that does the same under another name (or as an option)
SAME = {
    "score_sample": "sample score",
    "centrality": "central",       # an alias of `central`
    "profile": "show",             # an alias of `show`
    "member_mix": "members",       # `members --mix`
    "ego_graph": "map",            # `map --focus NAME --depth N` draws it
    "to_networkx": "export",       # the shell writes the graph for other tools (GraphML, GEXF, ...)
}
#: public methods with no command, and why
API_ONLY = {
    "close": "plumbing: releases the store; each command opens and closes its own",
    "records": "plumbing: rows as plain dicts for pandas; the shell's --format json/csv",
    "find": "the entity object for a notebook; the shell's `show` prints it",
    "between": "a context manager; the shell's --since/--until on the commands that read relations",
}
#: commands with no method, and why
CLI_ONLY = {
    "forget": "changes the store by source path; a notebook calls `g.store.forget(doc_id)` (GraphStore)",
    "split": "a curation decision taken before re-ingesting (curation.json); `ecograph.curation.Curation.split`",
    "cypher": "Neo4j only; a notebook calls `g.store.run_read_query(...)`",
    "import": "replaces the store; a notebook calls `g.store.load(data)`",
}


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in sorted(group.commands.items()):
        yield " ".join((*prefix, name)), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


COMMANDS = dict(_commands(cli))
METHODS = sorted(n for n, v in vars(Graph).items() if not n.startswith("_")
                 and (callable(v) or isinstance(v, staticmethod)))


def _command_of(method: str) -> str | None:
    return SAME.get(method) or (method.replace("_", "-") if method.replace("_", "-") in COMMANDS else None)


def test_the_tables_name_real_methods_and_commands():
    assert {"partners", "ingest", "report"} <= set(METHODS) and {"partners", "sample score"} <= set(COMMANDS)
    assert set(SAME) | set(API_ONLY) <= set(METHODS)
    assert set(SAME.values()) | set(CLI_ONLY) <= set(COMMANDS)
    assert not set(SAME) & set(API_ONLY)


def test_every_method_has_a_command_or_a_reason():
    missing = [m for m in METHODS if _command_of(m) is None and m not in API_ONLY]
    assert not missing, f"API methods without a CLI command (add one, or a reason to API_ONLY): {missing}"
    stale = [m for m in API_ONLY if _command_of(m) is not None]
    assert not stale, f"API_ONLY lists methods that now have a command: {stale}"


def test_every_command_has_a_method_or_a_reason():
    paired = {_command_of(m) for m in METHODS}
    missing = [c for c in COMMANDS if c not in paired and c not in CLI_ONLY
               and not isinstance(COMMANDS[c], click.Group) or c in CLI_ONLY and c in paired]
    assert not missing, f"CLI commands without an API method (add one, or a reason to CLI_ONLY): {missing}"


def test_every_command_has_help_and_is_in_the_readme():
    no_help = [c for c, cmd in COMMANDS.items() if not (cmd.help or "").strip()]
    assert not no_help, f"commands without help text: {no_help}"
    absent = [c for c in COMMANDS
              if not re.search(r"(ecograph(\s+--store\s+\S+)?\s+|`)" + re.escape(c) + r"\b", README)]
    assert not absent, f"commands README.md never mentions: {absent}"
