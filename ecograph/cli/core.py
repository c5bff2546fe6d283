"""Commands that change the store: ingest, forget."""
from __future__ import annotations

import shlex
import sys

import click

from .group import cli


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
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Show progress on stderr [default: a bar when stderr is a terminal]; "
                   "forced off a terminal: one line per document.")
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary; only errors.")
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], force: bool, jobs: int,
               show_progress: bool | None, quiet: bool, manifest: str | None, urls_file: str | None,
               offline: bool) -> None:
    """Read documents into the graph: files (txt, md, html, pdf), folders (walked), and
    web pages (http/https URLs; fetched politely and cached beside the store).

    One bad file or URL is reported and skipped; the exit code is 1 if any failed. Ctrl-C
    keeps the documents finished so far (exit code 130); the same command then resumes."""
    from ..curation import Curation
    from ecograph.ingest import sources
    from ecograph.ingest.pipeline import Interrupted, files_to_ingest
    from ecograph.ingest.web import WebClient, cache_dir
    from ecograph.ingest.resolve import Resolver
    from ..config import curation_file
    from .progress import ProgressDisplay

    if not paths and not manifest and not urls_file:
        raise click.UsageError("give files, folders or URLs to ingest, or --urls FILE, or --manifest CSV")
    local, urls = sources.split_args(paths)
    if not (urls or manifest or urls_file):
        files_to_ingest(local)  # no supported file at all: said before the store is created
    if jobs > 1 and sources.count(paths, urls_file=urls_file, manifest=manifest) > 1:
        from ecograph.ingest.workers import prestart
        prestart()  # the workers' server imports and warms the extractor while the store opens
    live = sys.stderr.isatty()
    display = None if quiet or show_progress is False or not (show_progress or live) \
        else ProgressDisplay(sys.stderr, live=live)
    try:
        with open_writable(ctx) as store:
            resolver = Resolver.for_store(store, curation=Curation.load(curation_file(ctx.obj["store_url"])))
            report = sources.ingest_sources(
                store, paths, client=WebClient(cache_dir(ctx.obj["store_url"]), offline=offline),
                urls_file=urls_file, manifest=manifest, progress=display, resolver=resolver, force=force, jobs=jobs)
    except Interrupted as stop:
        _interrupted(stop, display)
        ctx.exit(130)
    finally:
        if display:
            display.close()
    for source, why in report.skipped:  # deliberately not read (links out of a folder, /proc…)
        click.echo(f"skipped: {source}: {why}", err=True)
    for message in [] if quiet else report.warnings:
        click.echo(f"warning: {message}", err=True)
    for source, why in report.failed:
        click.echo(f"error: {source}: {why}", err=True)
    if not quiet:
        skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
        click.echo(f"{len(report.ingested)} ingested, {len(report.unchanged)} unchanged, "
                   f"{len(report.failed)} failed{skipped}; the graph has {report.entities} entities and "
                   f"{report.relations} relations", err=True)
    if report.failed:
        ctx.exit(1)


def _interrupted(stop, display) -> None:
    if display:
        display.close()
    r = stop.report
    done = len(r.ingested) + len(r.unchanged) + len(r.failed)
    for source, why in r.failed:
        click.echo(f"error: {source}: {why}", err=True)
    again = " ".join(shlex.quote(a) for a in ["ecograph", *sys.argv[1:]])
    click.echo(f"interrupted after {done} of {stop.total} documents: {len(r.ingested)} ingested in this run "
               f"are kept ({len(r.unchanged)} were already there, {len(r.failed)} failed)", err=True)
    click.echo(f"to resume, run the same command again (finished documents are skipped as unchanged):\n  {again}",
               err=True)


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
