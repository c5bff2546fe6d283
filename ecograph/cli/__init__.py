"""The `ecograph` command line: thin shells over the library, errors translated at one point
(`group.EcographGroup`).

stdout carries data (tables, JSON, CSV); stderr carries talk (progress, summaries, errors).
Each command group lives in its own module and registers itself on `group.cli` when imported.
"""
from __future__ import annotations

from . import core, curation, cypher, maps, query, report, sample, timeline  # noqa: F401  (each adds its commands)
from .group import cli

timeline.add_period_options()  # --since/--until on the commands that read relations

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="ecograph")
