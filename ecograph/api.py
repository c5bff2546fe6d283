"""The notebook API: `g = ecograph.open()` and then the same questions as the shell.

    import ecograph, pandas as pd
    g = ecograph.open()                       # or ecograph.open("neo4j://localhost:7687")
    pd.DataFrame(g.records(g.partners("CE3M", depth=2)))
    g.path("CE3M", "GIZ")                     # hops, each with its evidence sentence and source

Each method calls the function the CLI command of the same name calls, so a
notebook and the shell give the same rows (the CLI prints a subset of columns).
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

# Functions from their modules, not the package: an editable install may expose
# `ecograph.queries` as a namespace package whose __init__ (and re-exports) never runs.
from ecograph.queries.ego import ego, ego_graph
from ecograph.queries.membership import clusters, member_mix, members
from ecograph.queries.partners import common_partners, cross_border, partners
from ecograph.queries.paths import path
from ecograph.queries.profile import profile
from ecograph.queries.programmes import chains, participants, programmes
from ecograph.queries.search import search
from ecograph.queries.structure import centrality, communities, connected_clusters, isolated, stats
from ecograph.queries.view import records
from ecograph.queries.lookup import find_entity


class Graph:
    """A store with the research questions as methods. Use as a context manager, or `close()`."""

    def __init__(self, store):
        self.store = store

    def __repr__(self) -> str:
        return f"<ecograph.Graph {self.store.url}>"

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # --- plumbing -------------------------------------------------------------
    @staticmethod
    def records(rows) -> list[dict]:
        """Result rows as plain dicts: `pandas.DataFrame(g.records(rows))`."""
        return records(rows)

    def find(self, name: str, *, label: str | None = None):
        """The entity `name` designates (forgiving; raises NotFound with suggestions, or Ambiguous)."""
        return find_entity(self.store, name, label=label)

    def to_networkx(self) -> nx.MultiDiGraph:
        return self.store.to_networkx()

    def ingest(self, paths: Iterable[str], *, force: bool = False):
        """Read documents into the graph (open with `writable=True`); returns the IngestReport."""
        from ecograph.config import curation_file
        from ecograph.curation import Curation
        from ecograph.ingest.pipeline import ingest
        from ecograph.ingest.resolve import Resolver
        paths = [paths] if isinstance(paths, str) else list(paths)
        resolver = Resolver.for_store(self.store, curation=Curation.load(curation_file(self.store.url)))
        return ingest(self.store, paths, resolver=resolver, force=force)

    # --- partners -------------------------------------------------------------
    def partners(self, org: str | None = None, *, depth: int = 1, types=None):
        return partners(self.store, org, depth=depth, types=types)

    def common_partners(self, a: str, b: str, *, types=None):
        return common_partners(self.store, a, b, types=types)

    def cross_border(self, org: str | None = None, *, types=None):
        return cross_border(self.store, org, types=types)

    # --- membership -----------------------------------------------------------
    def members(self, cluster: str, *, kind=None):
        return members(self.store, cluster, kind=kind)

    def member_mix(self, cluster: str):
        return member_mix(self.store, cluster)

    def clusters(self, org: str):
        return clusters(self.store, org)

    # --- programmes -----------------------------------------------------------
    def programmes(self, org: str, *, types=None):
        return programmes(self.store, org, types=types)

    def participants(self, programme: str, *, types=("PARTICIPATES_IN",), parts: bool = True):
        return participants(self.store, programme, types=types, parts=parts)

    def chains(self, funder=None, participant=None, *, programme: str | None = None):
        return chains(self.store, funder, participant, programme=programme)

    # --- paths and neighbourhoods ---------------------------------------------
    def path(self, a: str, b: str, *, types=None, all_shortest: bool = False, limit: int = 10):
        return path(self.store, a, b, types=types, all_shortest=all_shortest, limit=limit)

    def ego(self, name: str, *, depth: int = 1, types=None):
        return ego(self.store, name, depth=depth, types=types)

    def ego_graph(self, name: str, *, depth: int = 1, types=None) -> nx.MultiDiGraph:
        return ego_graph(self.store, name, depth=depth, types=types)

    # --- structure ------------------------------------------------------------
    def central(self, *, by: str = "degree", top: int | None = 20, types=None, label: str | None = "Organisation"):
        return centrality(self.store, by=by, top=top, types=types, label=label)

    centrality = central

    def communities(self, *, types=None, resolution: float = 1.0):
        return communities(self.store, types=types, resolution=resolution)

    def top_clusters(self, *, top: int | None = 20):
        return connected_clusters(self.store, top=top)

    def isolated(self):
        return isolated(self.store)

    def stats(self):
        return stats(self.store)

    # --- entities -------------------------------------------------------------
    def search(self, query: str | None = None, *, label: str | None = None, kind=None,
               country: str | None = None, sector: str | None = None, limit: int | None = 20):
        return search(self.store, query, label=label, kind=kind, country=country, sector=sector, limit=limit)

    def show(self, name: str):
        return profile(self.store, name)

    profile = show

    # --- pages ----------------------------------------------------------------
    def report(self, path, *, focus: str | None = None, depth: int = 2, top: int = 10):
        """Write the ecosystem report (`ecograph report`); returns its path."""
        from ecograph.visualizations.report import render_report
        return render_report(self.store, path, focus=focus, depth=depth, top=top)


def open(url: str | None = None, *, writable: bool = False) -> Graph:  # noqa: A001 - mirrors ecograph.open
    """Open a store by URL (a folder, or neo4j://…; default $ECOGRAPH_STORE / $ECOGRAPH_HOME)."""
    from ecograph.store import open_store
    return Graph(open_store(url, writable=writable))
