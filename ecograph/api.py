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
from ecograph.dates import between
from ecograph.queries.timeline import timeline
from ecograph.queries.sample import draw_edges, draw_entities
from ecograph.queries.validate import apply_verdicts, score_sample


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

    def ingest(self, paths: Iterable[str] = (), *, force: bool = False, urls_file: str | None = None,
               manifest: str | None = None, offline: bool = False):
        """Read files, folders and web pages (http/https URLs among `paths`, or `urls_file`;
        cached beside the store), and a manifest's rows, into the graph (open with
        `writable=True`); returns the IngestReport, as `ecograph ingest` does."""
        from ecograph.config import curation_file
        from ecograph.curation import Curation
        from ecograph.ingest.resolve import Resolver
        from ecograph.ingest.sources import ingest_sources
        from ecograph.ingest.web import WebClient, cache_dir
        paths = [paths] if isinstance(paths, str) else list(paths)
        resolver = Resolver.for_store(self.store, curation=Curation.load(curation_file(self.store.url)))
        client = WebClient(cache_dir(self.store.url), offline=offline)
        return ingest_sources(self.store, paths, client=client, urls_file=urls_file, manifest=manifest,
                              resolver=resolver, force=force)

    # --- partners -------------------------------------------------------------
    # --- curation (the decisions go to curation.json beside the store, as in the shell) ---------
    def _curation(self):
        from ecograph.config import curation_file
        from ecograph.curation import Curation
        return Curation.load(curation_file(self.store.url))

    def review(self, *, below: float = 0.7, limit: int = 50) -> list[dict]:
        """Low-confidence edges and candidate merges (ranked by evidence), as `ecograph review`."""
        from ecograph.review import candidate_merges, low_confidence_edges
        confirmed = self._curation().confirmed
        return ([{"what": "edge", **r} for r in low_confidence_edges(self.store, below=below, limit=limit,
                                                                    confirmed=confirmed)] +
                [{"what": "merge?", **r} for r in candidate_merges(self.store, limit=limit)])

    def merge(self, keep: str, other: str, *, reason: str = ""):
        from ecograph.queries.decisions import merge_entities
        return merge_entities(self.store, self._curation(), keep, other, reason)

    def set(self, name: str, *, new_name: str | None = None, kind: str | None = None,
            country: str | None = None, reason: str = ""):
        from ecograph.queries.decisions import set_entity
        return set_entity(self.store, self._curation(), name, new_name=new_name, kind=kind,
                          country=country, reason=reason)

    def reject(self, source: str, rtype: str, target: str, *, reason: str = ""):
        from ecograph.queries.decisions import edge_decision
        return edge_decision(self.store, self._curation(), source, rtype, target, confirm=False, reason=reason)

    def confirm(self, source: str, rtype: str, target: str, *, reason: str = ""):
        from ecograph.queries.decisions import edge_decision
        return edge_decision(self.store, self._curation(), source, rtype, target, confirm=True, reason=reason)

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

    # --- time -----------------------------------------------------------------
    def timeline(self, name: str, *, types=None):
        return timeline(self.store, name, types=types)

    @staticmethod
    def between(since=None, until=None):
        """`with g.between("2019", "2020"):` every question inside reads only the relations
        their evidence dates in that window (the CLI's --since/--until)."""
        return between(since, until)
    # --- validation -----------------------------------------------------------
    def sample(self, n: int = 100, *, what: str = "edges", types=None, stratify: str | None = None,
               seed: int | None = None):
        """A reproducible random sample to judge by hand (`ecograph sample`). Write it with
        `ecograph.visualizations.judge.write_sample_csv(s, path)` or `render_judge(s, path)`."""
        if what == "edges":
            return draw_edges(self.store, n, types=types, stratify=stratify, seed=seed)
        return draw_entities(self.store, n, stratify=stratify, seed=seed)

    def score_sample(self, path, other=None, *, apply: bool = False):
        """The figures of a judged sample (`ecograph sample score`): a `validation.Score`
        (`.records()`, `.to_dict()`, `validation.methods_paragraph(score)`). Refused if the
        store changed since the sample was drawn. `apply`: wrong edges become rejects in
        curation.json (open with `writable=True`)."""
        from ecograph.config import curation_file
        from ecograph.curation import Curation
        curation = Curation.load(curation_file(self.store.url))
        sample, result = score_sample(self.store, path, other, curation=curation)
        if apply:
            apply_verdicts(self.store, sample, curation)
        return result

    # --- pages ----------------------------------------------------------------
    def report(self, path, *, focus: str | None = None, depth: int = 2, top: int = 10):
        """Write the ecosystem report (`ecograph report`); returns its path."""
        from ecograph.queries.report import build_report
        from ecograph.visualizations.report import render_report
        return render_report(build_report(self.store, focus=focus, depth=depth, top=top), path)


def open(url: str | None = None, *, writable: bool = False) -> Graph:  # noqa: A001 - mirrors ecograph.open
    """Open a store by URL (a folder, or neo4j://…; default $ECOGRAPH_STORE / $ECOGRAPH_HOME)."""
    from ecograph.store import open_store
    return Graph(open_store(url, writable=writable))
