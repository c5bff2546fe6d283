"""Commands: map, export, import (registered on the main group).

stdout is data (an export with `-o -`), stderr is talk ("wrote ...")."""
from __future__ import annotations

import io
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .group import cli
from ..errors import EcographError, StoreError
from ..model import LABELS, ORG_KINDS, PLACE_KINDS, PROGRAMME_KINDS

KNOWN_KINDS = sorted(set(ORG_KINDS) | set(PROGRAMME_KINDS) | set(PLACE_KINDS) | {l.lower() for l in LABELS})


@contextmanager
def _store(ctx: click.Context, *, writable: bool = False):
    if not writable:
        from .session import reading
        with reading(ctx) as store:
            yield store
        return
    from ..store import open_store
    store = open_store(ctx.obj["store_url"], writable=writable)
    try:
        yield store
    finally:
        store.close()


def _csv_list(value: str | None, allowed: list[str], what: str, option: str, *,
              upper: bool) -> list[str] | None:
    """"A,b, c" -> ["A", "B", "C"], every item checked against `allowed` (exit 2 otherwise)."""
    if not value:
        return None
    items = [v.strip().upper() if upper else v.strip().lower() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad:
        raise click.BadParameter(f"unknown {what} {', '.join(bad)}; choose from {', '.join(allowed)}",
                                 param_hint=option)
    return items


@cli.command("map")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The HTML file to write (one self-contained file; opens offline).")
@click.option("--focus", metavar="NAME", help="Centre on one entity (name, alias or id): its ego network.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 6),
              help="Hops around --focus.")
@click.option("--types", metavar="TYPE,...",
              help="Only these relation types, e.g. PARTNERS_WITH,MEMBER_OF, or core / all.")
@click.option("--kind", "kinds", metavar="KIND,...", help="Only nodes of these kinds, e.g. cluster,university.")
@click.option("--country", help="Only nodes in this country (and programmes/sectors next to them).")
@click.option("--title", help="Page title (default: ecograph map, or the focus name).")
@click.option("--isolated/--no-isolated", default=True, show_default=True,
              help="Keep nodes that have no relation (on the map after the other filters).")
@click.option("--physics/--no-physics", default=None,
              help="Force live layout on/off (default: on up to 300 nodes, precomputed above).")
@click.option("--force", is_flag=True, help="Draw even past 20,000 nodes (a page that size is barely usable).")
@click.pass_context
def map_cmd(ctx: click.Context, output: str, focus: str | None, depth: int, types: str | None,
            kinds: str | None, country: str | None, title: str | None, physics: bool | None,
            isolated: bool, force: bool) -> None:
    """Draw the graph as an interactive HTML map: legend, search, filters, evidence on click."""
    from ecograph.queries.lookup import find_entity
    from ecograph.dates import timed
    from ecograph.queries.options import relation_types
    from ecograph.visualizations.map import check_size, render_map, subgraph, without_isolated

    try:  # as every command takes them: names, core, all
        type_list = list(relation_types(types, ())) if types else None
    except EcographError as exc:
        raise click.BadParameter(f"{exc}; {exc.hint}", param_hint="--types") from exc
    kind_list = _csv_list(kinds, KNOWN_KINDS, "kind", "--kind", upper=False)
    with _store(ctx) as store:
        focus_entity = find_entity(store, focus) if focus else None
        G = timed(store.to_networkx())  # --since/--until (cli.timeline)
    if G.number_of_nodes() == 0:
        click.echo("warning: the store is empty; the map has nothing to show "
                   "(run `ecograph ingest FOLDER` first)", err=True)
    if focus_entity or type_list or kind_list or country:
        G = subgraph(G, focus=focus_entity.id if focus_entity else None, depth=depth,
                     types=type_list, kinds=kind_list, country=country)
    if not isolated:
        G = without_isolated(G, keep=focus_entity.id if focus_entity else None)
    check_size(G, force=force)
    if not title:
        title = f"ecograph: {focus_entity.name}" if focus_entity else "ecograph map"
    path = render_map(G, output, title=title, physics=physics, focus=focus_entity.id if focus_entity else None)
    click.echo(f"wrote {path}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", err=True)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "gexf", "csv"]), default="json",
              show_default=True, help="json: the exchange format (re-importable); graphml/gexf: Gephi, "
                                      "yEd, Cytoscape; csv: two tables for Kumu.")
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(allow_dash=True),
              help="File to write, '-' for stdout. csv writes STEM-nodes.csv and STEM-edges.csv "
                   "next to FILE, or nodes.csv and edges.csv inside a folder.")
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: str) -> None:
    """Write the whole graph for other tools, or for `ecograph import`."""
    from ecograph.dates import timed
    from ecograph.visualizations import exports

    if fmt == "csv" and output == "-":
        raise click.UsageError("--format csv writes two files: give -o FILE.csv or -o FOLDER/")
    with _store(ctx) as store:
        if fmt == "json":
            data = exports.exchange_within(store.export())  # and --since/--until
            payload = exports.exchange_json(data).encode("utf-8")
            summary = (f"{len(data['entities'])} entities, {len(data['relations'])} relations, "
                       f"{len(data['documents'])} documents")
        else:
            G = timed(store.to_networkx())
            summary = f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
    if fmt == "csv":
        nodes_path, edges_path = exports.write_csv(G, output)
        click.echo(f"wrote {nodes_path} and {edges_path}: {summary}", err=True)
        return
    if fmt != "json":
        payload = exports.graph_bytes(G, fmt)
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)  # bytes: UTF-8 whatever the locale says
        sys.stdout.buffer.flush()
        click.echo(f"exported {summary} ({fmt})", err=True)
        return
    exports.write_atomically(output, lambda f: f.write(payload))  # never half a file
    click.echo(f"wrote {output}: {summary} ({fmt})", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.pass_context
def import_cmd(ctx: click.Context, file: str) -> None:
    """Load an exchange JSON file (from `ecograph export --format json`) into an empty store.

    Importing into a store that already holds data is refused: merging two
    graphs needs their documents, so ingest those instead."""
    from ecograph.visualizations import exports
    from ..config import redact

    if file == "-":
        data = exports.read_exchange(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8"), "stdin")
    else:
        with open(file, encoding="utf-8") as f:  # bad UTF-8 is a ValueError: "not JSON"
            data = exports.read_exchange(f, file)
    from ..exchange import validate
    from ecograph.visualizations.map import MAX_NODES
    for warning in validate(data, "stdin" if file == "-" else file):
        click.echo(f"warning: {warning}", err=True)
    if len(data["entities"]) > MAX_NODES:
        click.echo(f"warning: {len(data['entities'])} entities: `ecograph map` of the whole graph "
                   "will be refused; draw parts with --focus NAME (or pass --force)", err=True)
    with _store(ctx, writable=True) as store:
        docs, ents = store.documents(), store.entities()
        if docs or ents:
            raise StoreError(
                f"the store {redact(store.url)} already holds {len(docs)} documents and {len(ents)} entities; "
                "import only fills an empty store",
                hint="import into a new store (ecograph --store NEW_FOLDER import FILE), "
                     "or re-ingest the documents into this one")
        store.load(data)
        store.flush()
    click.echo(f"imported {len(data.get('entities', []))} entities, {len(data.get('relations', []))} "
               f"relations, {len(data.get('documents', []))} documents", err=True)
