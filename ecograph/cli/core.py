"""Commands that change the store: ingest, forget."""
from __future__ import annotations

import sys

import click

from . import cli


def open_writable(ctx: click.Context):
    from ..store import open_store
    return open_store(ctx.obj["store_url"], writable=True)


@cli.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--urls", "urls_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="A text file of web pages to fetch and ingest, one URL a line.")
@click.option("--manifest", type=click.Path(dir_okay=False), metavar="CSV",
              help="A CSV of documents and what you know of them: columns path (or url), url, date, title, site.")
@click.option("--offline", is_flag=True, help="Read pages from the cache beside the store only; never fetch.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for reading and extraction.")
@click.option("--force", is_flag=True, help="Re-extract documents even when unchanged (after curation or an upgrade).")
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], force: bool, jobs: int, manifest: str | None,
               urls_file: str | None, offline: bool) -> None:
    """Read documents into the graph: files (txt, md, html, pdf), folders (walked), and
    web pages (http/https URLs; fetched politely and cached beside the store).

    One bad file or URL is reported and skipped; the exit code is 1 if any failed."""
    from ..curation import Curation
    from ecograph.ingest import sources
    from ecograph.ingest.resolve import Resolver
    from ecograph.ingest.web import WebClient, cache_dir
    from ..config import curation_file

    if not paths and not manifest and not urls_file:
        raise click.UsageError("give files, folders or URLs to ingest, or --urls FILE, or --manifest CSV")
    total = sources.count(paths, urls_file=urls_file, manifest=manifest)
    if jobs > 1 and total > 1:
        from ecograph.ingest.workers import prestart
        prestart()  # the workers' server imports and warms the extractor while the store opens
    client = WebClient(cache_dir(ctx.obj["store_url"]), offline=offline)
    with open_writable(ctx) as store:
        resolver = Resolver.for_store(store, curation=Curation.load(curation_file(ctx.obj["store_url"])))
        with click.progressbar(length=total, label="ingesting", file=sys.stderr,
                               show_pos=True, item_show_func=lambda s: s and s[-40:]) as bar:
            def progress(source: str) -> None:
                bar.update(1, source)
            report = sources.ingest_sources(store, paths, client=client, urls_file=urls_file, manifest=manifest,
                                            progress=progress, resolver=resolver, force=force, jobs=jobs)
    for message in report.warnings:
        click.echo(f"warning: {message}", err=True)
    for source, why in report.failed:
        click.echo(f"error: {source}: {why}", err=True)
    click.echo(f"{len(report.ingested)} ingested, {len(report.unchanged)} unchanged, "
               f"{len(report.failed)} failed; the graph has {report.entities} entities and "
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
