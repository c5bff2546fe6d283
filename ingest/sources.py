"""What `ecograph ingest` is given, turned into documents: files and folders, URLs
(arguments and `--urls list.txt`), and a manifest (`--manifest sources.csv`).

Pages are fetched first (`ingest.web`), each into the cache beside the store, then
everything goes through the one ingest loop (`pipeline.ingest`) under its own name: a
page under its URL. A URL that fails is reported with the reason and the others go on.
"""
from __future__ import annotations

import os
from typing import Callable, Iterable

from .manifest import Manifest, read_manifest
from .pipeline import IngestReport, Progress, collect_paths, ingest
from .web import FetchError, WebClient, looks_like_url, read_url_list


def split_args(args: Iterable[str | os.PathLike]) -> tuple[list[str], list[str]]:
    """(paths, urls) from command-line arguments (`web.looks_like_url`)."""
    paths, urls = [], []
    for a in map(str, args):
        (urls if looks_like_url(a) else paths).append(a)
    return paths, urls


def ingest_sources(store, args: Iterable[str | os.PathLike] = (), *, client: WebClient | None = None,
                   urls_file: str | None = None, manifest: str | None = None,
                   progress: Callable[[Progress], None] | None = None, **options) -> IngestReport:
    """Ingest files, folders, URLs and a manifest's rows into `store` (`options`: those of
    `pipeline.ingest`: resolver, force, jobs). URLs need `client` (where pages are cached)."""
    paths, urls = split_args(args)
    listed = read_manifest(manifest) if manifest else Manifest()
    if urls_file:
        urls += read_url_list(urls_file)
    urls += listed.urls
    paths += listed.sources
    named, failed, warnings = {}, [], []
    for url in dict.fromkeys(urls):
        try:
            if client is None:
                raise FetchError(url, "no page cache to fetch into")
            page = client.fetch(url)
        except FetchError as exc:
            failed.append((url, exc.reason))
            continue
        if page.note:
            warnings.append(f"{url}: {page.note}")
        named[page.path] = (url, page.final_url)
        paths.append(page.path)
    if paths or not failed:
        report = ingest(store, paths, progress=progress, described=listed.described, named=named, **options)
    else:  # every source failed before reading: nothing for the loop to do
        report = IngestReport(entities=len(store.entities()), relations=len(store.relations()))
    report.failed[:0] = listed.failed + failed
    report.warnings[:0] = warnings
    return report


def count(args: Iterable[str | os.PathLike], *, urls_file: str | None = None, manifest: str | None = None) -> int:
    """How many documents `ingest_sources` will go through (for a progress bar)."""
    paths, urls = split_args(args)
    listed = read_manifest(manifest) if manifest else Manifest()
    if urls_file:
        urls += read_url_list(urls_file)
    return len(collect_paths(paths + listed.sources)) + len(set(urls + listed.urls))
