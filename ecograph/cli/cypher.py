"""Commands: cypher (registered on the main group).

A thin shell over `Neo4jStore.run_read_query`: the read-only rule is enforced
in the library (so scripts and notebooks get it too), this module only parses
parameters and prints rows.
"""
from __future__ import annotations

import json

import click

from .group import cli
from .output import emit, format_options


def _parse_params(pairs: tuple[str, ...]) -> dict:
    """`name=value` pairs; a value is JSON when it parses (numbers, lists, null), else a string."""
    params: dict = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--param")
        try:
            params[name] = json.loads(value)
        except ValueError:
            params[name] = value
    return params


@cli.command("cypher")
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter ($NAME); VALUE is JSON if it parses, else a string. Repeatable.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              metavar="SECONDS", help="Stop the query on the server after this long.")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Print at most this many rows (a line on stderr says when the result was cut).")
@format_options
@click.pass_context
def cypher_cmd(ctx: click.Context, query: str, params: tuple[str, ...], timeout: float, limit: int,
               fmt: str) -> None:
    """Run a read-only Cypher QUERY on a Neo4j store and print the rows.

    Statements that would write (CREATE, MERGE, SET, DELETE, LOAD CSV, write
    procedures, schema or admin commands) are refused, and so are procedures and
    SHOW commands outside a short list that only describe the graph's schema.
    Ctrl-C stops the query on the server.

    \b
    Example:
      ecograph --store neo4j://localhost:7687 cypher \\
        "MATCH (o:Organisation {name: \\$name})-[r:PARTNERS_WITH]-(p) RETURN p.name, r.evidence_count" \\
        --param name=CE3M
    """
    from ..config import NEO4J_SCHEMES
    from ..errors import StoreError
    from ..store import open_store

    url = ctx.obj["store_url"]
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in NEO4J_SCHEMES:
        raise StoreError("`ecograph cypher` needs a Neo4j store; the current store is the embedded one",
                         hint="pass --store neo4j://host:port (credentials in NEO4J_USERNAME / "
                              "NEO4J_PASSWORD), or use `ecograph export` and the query commands "
                              "on the embedded store")
    values = _parse_params(params)
    with open_store(url) as store:
        rows = store.run_read_query(query, values, timeout=timeout, limit=limit)
    emit(rows, fmt)
    if getattr(rows, "cut", False):
        click.echo(f"the result was cut at {limit} rows (--limit {limit}): narrow the query "
                   "or raise --limit", err=True)
