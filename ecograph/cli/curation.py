"""Curation commands: review, merge, split, set, reject, confirm. Decisions go to curation.json beside the store."""
from __future__ import annotations

import click

from . import cli
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
    """List low-confidence edges and candidate merges to check by hand."""
    from ..review import candidate_merges, low_confidence_edges
    from ..store import open_store
    with open_store(ctx.obj["store_url"]) as store:
        confirmed = _curation(ctx).confirmed
        rows = [{"what": "edge", **r} for r in low_confidence_edges(store, below=below, limit=limit,
                                                                   confirmed=confirmed)]
        rows += [{"what": "merge?", **r} for r in candidate_merges(store, limit=limit)]
    emit(rows, fmt, columns=["what", "type", "source", "target", "confidence", "detail"])


@cli.command("merge")
@click.argument("keep")
@click.argument("other")
@click.option("--reason", default="", help="Why (kept in curation.json).")
@click.pass_context
def merge_cmd(ctx, keep: str, other: str, reason: str) -> None:
    """Record that OTHER is the same entity as KEEP, and apply it now."""
    from ecograph.queries.lookup import find_entity
    from ..store import open_store
    cur = _curation(ctx)
    with open_store(ctx.obj["store_url"], writable=True) as store:
        a, b = find_entity(store, keep), find_entity(store, other)
        if a.label != b.label:
            raise click.ClickException(f"cannot merge a {b.label} into a {a.label}")
        cur.merge(b.id, a.id, reason)
        cur.save()
        cur.apply_to_store(store)
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
    from ecograph.queries.lookup import find_entity
    from ..store import open_store
    cur = _curation(ctx)
    with open_store(ctx.obj["store_url"], writable=True) as store:
        e = find_entity(store, name)
        cur.set(e, name=new_name, kind=kind, country=country, reason=reason)
        cur.save()
        cur.apply_to_store(store)
    click.echo(f"set {e.name} ({e.id}); recorded in {cur.path}", err=True)


def _edge_decision(ctx, source: str, rtype: str, target: str, reason: str, confirm: bool):
    from ecograph.queries.lookup import find_entity
    from ..errors import EcographError
    from ..model import RELATION_TYPES, Relation
    from ..store import open_store
    rtype = rtype.upper()
    if rtype not in RELATION_TYPES:
        raise click.BadParameter(f"unknown relation type; one of {', '.join(RELATION_TYPES)}", param_hint="TYPE")
    cur = _curation(ctx)
    with open_store(ctx.obj["store_url"], writable=True) as store:
        s, t = find_entity(store, source), find_entity(store, target)
        if confirm:
            key = Relation(type=rtype, source=s.id, target=t.id).key
            if not store.relations(type=rtype, source=key[1], target=key[2]):
                raise EcographError(f"no {rtype} edge between {s.name} and {t.name} to confirm",
                                    hint="`ecograph review` lists the edges to check")
            cur.confirm(rtype, s.id, t.id, reason)
        else:
            cur.reject(rtype, s.id, t.id, reason)
        cur.save()
        cur.apply_to_store(store)
    return s, t, cur


@cli.command("confirm")
@click.argument("source")
@click.argument("rtype", metavar="TYPE")
@click.argument("target")
@click.option("--reason", default="")
@click.pass_context
def confirm_cmd(ctx, source: str, rtype: str, target: str, reason: str) -> None:
    """Record that the edge SOURCE -TYPE-> TARGET was checked and is right (review stops listing it)."""
    s, t, cur = _edge_decision(ctx, source, rtype, target, reason, confirm=True)
    click.echo(f"confirmed {s.name} -{rtype.upper()}-> {t.name}; recorded in {cur.path}", err=True)


@cli.command("reject")
@click.argument("source")
@click.argument("rtype", metavar="TYPE")
@click.argument("target")
@click.option("--reason", default="")
@click.pass_context
def reject_cmd(ctx, source: str, rtype: str, target: str, reason: str) -> None:
    """Record that the edge SOURCE -TYPE-> TARGET is wrong, and remove it now."""
    s, t, cur = _edge_decision(ctx, source, rtype, target, reason, confirm=False)
    click.echo(f"rejected {s.name} -{rtype.upper()}-> {t.name}; recorded in {cur.path}", err=True)
