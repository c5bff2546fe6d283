"""Opening the store for a reading command: a missing or empty store is said so (with its
path) instead of "no entity matches"; names matched forgivingly are told on stderr."""
from __future__ import annotations

from contextlib import contextmanager

import click

from ..errors import NotFound, StoreError


@contextmanager
def reading(ctx: click.Context, *, writable: bool = False):
    from ecograph.queries.lookup import approximate_matches
    from ..store import open_store
    store = open_store(ctx.obj["store_url"], writable=writable)
    path = getattr(store, "path", None)  # the embedded store's file; Neo4j has none
    url = str(path.parent.absolute()) if path is not None else ctx.obj["store_url"]
    try:
        _check_present(store, url)
        with approximate_matches() as approximate:
            try:
                yield store
            except NotFound as exc:
                if not store.documents():
                    raise _empty(url) from exc
                raise
            finally:
                for asked, used, eid in approximate:
                    click.echo(f"note: {asked!r} is taken as {used} ({eid}), not an exact name or alias",
                               err=True)
    finally:
        store.close()


def _hint(url: str) -> str:
    return (f"ingest documents first (ecograph --store {url} ingest FILES), "
            "or point --store / ECOGRAPH_STORE at an existing store")


def _empty(url: str) -> StoreError:
    return StoreError(f"the store {url} is empty: no document has been ingested", hint=_hint(url))


def _check_present(store, url: str) -> None:
    path = getattr(store, "path", None)  # the embedded store's file; Neo4j has none
    if path is not None and not path.exists() and not store.documents():
        where = "folder does not exist" if not path.parent.exists() else f"folder has no {path.name}"
        raise StoreError(f"no store at {url}: the {where} (the store is missing)", hint=_hint(url))
