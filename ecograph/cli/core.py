"""Commands that change the store: ingest, forget."""
from __future__ import annotations

import sys

import click

from . import cli


def open_writable(ctx: click.Context):
    from ..store import open_store
    return open_store(ctx.obj["store_url"], writable=True)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for reading and extraction.")
@click.option("--force", is_flag=True, help="Re-extract documents even when unchanged (after curation or an upgrade).")
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], force: bool, jobs: int) -> None:
    """Read documents (txt, md, html, pdf; folders are walked) into the graph.

    One bad file is reported and skipped; the exit code is 1 if any failed."""
    from ..curation import Curation
    from ecograph.ingest.pipeline import collect_paths, ingest
    from ecograph.ingest.resolve import Resolver
    from ..config import curation_file

    total = len(collect_paths(paths))
    if jobs > 1 and total > 1:
        from ecograph.ingest.workers import prestart
        prestart()  # the workers' server imports and warms the extractor while the store opens
    with open_writable(ctx) as store:
        resolver = Resolver.for_store(store, curation=Curation.load(curation_file(ctx.obj["store_url"])))
        with click.progressbar(length=total, label="ingesting", file=sys.stderr,
                               show_pos=True, item_show_func=lambda s: s and s[-40:]) as bar:
            def progress(source: str) -> None:
                bar.update(1, source)
            report = ingest(store, paths, progress=progress, resolver=resolver, force=force, jobs=jobs)
    for source, why in report.skipped:
        click.echo(f"skipped: {source}: {why}", err=True)
    for source, why in report.failed:
        click.echo(f"error: {source}: {why}", err=True)
    skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
    click.echo(f"{len(report.ingested)} ingested, {len(report.unchanged)} unchanged, "
               f"{len(report.failed)} failed{skipped}; the graph has {report.entities} entities and "
               f"{report.relations} relations", err=True)
    if report.failed:
        ctx.exit(1)


@cli.command("forget")
@click.argument("sources", nargs=-1, required=True)
@click.pass_context
def forget_cmd(ctx: click.Context, sources: tuple[str, ...]) -> None:
    """Remove documents (by source path as ingested, or document id) and what only they support."""
    from ..errors import EcographError
    with open_writable(ctx) as store:
        missing = []
        for s in sources:
            doc = store.get_document(s) or store.document_by_source(s)
            if doc is None:
                missing.append(s)
                continue
            store.forget(doc.id)
            click.echo(f"forgot {doc.source} ({doc.id})", err=True)
        store.flush()
        known = [d.source for d in store.documents()][:10]
    if missing:
        raise EcographError("no ingested document has source " + ", ".join(map(repr, missing)),
                            hint="ingested sources include: " + ", ".join(known) if known else "the store is empty")
