"""Curation commands: review, merge, split, set, reject, confirm. Decisions go to curation.json beside
the store; each command is a thin shell over `ecograph.curation` (which `ecograph.api.Graph` calls too)."""
from __future__ import annotations

import click

from .group import cli
from .output import emit, format_options


def _curation(ctx):
    from ..config import curation_file
    from ..curation import Curation
    return Curation.load(curation_file(ctx.obj["store_url"]))


@cli.command("review")
@click.option("--below", default=0.7, show_default=True, help="Confidence under which an edge is listed.")
@click.option("--limit", default=50, show_default=True)
@format_options
@click.pass_context
def review_cmd(ctx, below: float, limit: int, fmt: str) -> None:
    """List low-confidence edges and candidate merges (ranked by evidence) to check by hand."""
    from ..review import candidate_merges, low_confidence_edges
    from ..store import open_store
    with open_store(ctx.obj["store_url"]) as store:
        rows = [{"what": "edge", **r} for r in low_confidence_edges(store, below=below, limit=limit,
                                                                   confirmed=_curation(ctx).confirmed)]
        rows += [{"what": "merge?", **r} for r in candidate_merges(store, limit=limit)]
    emit(rows, fmt, columns=["what", "type", "source", "target", "confidence", "detail"])


@cli.command("merge")
@click.argument("keep")
@click.argument("other")
@click.option("--reason", default="", help="Why (kept in curation.json).")
@click.pass_context
def merge_cmd(ctx, keep: str, other: str, reason: str) -> None:
    """Record that OTHER is the same entity as KEEP, and apply it now."""
    from ..queries.decisions import merge_entities
    from ..store import open_store
    cur = _curation(ctx)
    with open_store(ctx.obj["store_url"], writable=True) as store:
        a, b = merge_entities(store, cur, keep, other, reason)
    click.echo(f"merged {b.name} ({b.id}) into {a.name} ({a.id}); recorded in {cur.path}", err=True)


@cli.command("split")
@click.argument("name")
@click.option("--label", default="Organisation", show_default=True)
@click.option("--reason", default="")
@click.pass_context
def split_cmd(ctx, name: str, label: str, reason: str) -> None:
    """Record that the surface name NAME is an entity of its own (takes effect at the next ingest)."""
    cur = _curation(ctx)
    cur.split(name, label, reason)
    cur.save()
    click.echo(f"recorded: {name!r} stands alone; re-ingest with `ecograph ingest --force PATH` "
               f"or rebuild to apply ({cur.path})", err=True)


@cli.command("set")
@click.argument("name")
@click.option("--name", "new_name", default=None, help="The canonical name (the old one stays an alias).")
@click.option("--kind", default=None, help="The kind (one of the label's kinds, see SCHEMA.md).")
@click.option("--country", default=None, help="The country.")
@click.option("--reason", default="")
@click.pass_context
def set_cmd(ctx, name: str, new_name: str | None, kind: str | None, country: str | None, reason: str) -> None:
    """Fix the canonical name, kind or country of the entity NAME, and apply it now."""
    from ..queries.decisions import set_entity
    from ..store import open_store
    cur = _curation(ctx)
    with open_store(ctx.obj["store_url"], writable=True) as store:
        e = set_entity(store, cur, name, new_name=new_name, kind=kind, country=country, reason=reason)
    click.echo(f"set {e.name} ({e.id}); recorded in {cur.path}", err=True)


def _edge(ctx, source: str, rtype: str, target: str, reason: str, confirm: bool) -> None:
    from ..queries.decisions import edge_decision
    from ..store import open_store
    cur = _curation(ctx)
    with open_store(ctx.obj["store_url"], writable=True) as store:
        s, t = edge_decision(store, cur, source, rtype, target, confirm=confirm, reason=reason)
    what = "confirmed" if confirm else "rejected"
    click.echo(f"{what} {s.name} -{rtype.upper()}-> {t.name}; recorded in {cur.path}", err=True)


@cli.command("confirm")
@click.argument("source")
@click.argument("rtype", metavar="TYPE")
@click.argument("target")
@click.option("--reason", default="")
@click.pass_context
def confirm_cmd(ctx, source: str, rtype: str, target: str, reason: str) -> None:
    """Record that the edge SOURCE -TYPE-> TARGET was checked and is right (review stops listing it)."""
    _edge(ctx, source, rtype, target, reason, confirm=True)


@cli.command("reject")
@click.argument("source")
@click.argument("rtype", metavar="TYPE")
@click.argument("target")
@click.option("--reason", default="")
@click.pass_context
def reject_cmd(ctx, source: str, rtype: str, target: str, reason: str) -> None:
    """Record that the edge SOURCE -TYPE-> TARGET is wrong, and remove it now."""
    _edge(ctx, source, rtype, target, reason, confirm=False)
