"""What `ecograph report` shows, as plain data: what was ingested, the organisations by kind and
country, the top clusters and their members, the brokers, partnerships by country pair, funders and
what they fund — and for every figure the evidence behind it. `visualizations/report.py` draws it."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone

import networkx as nx

from ecograph.model import CORE_TYPES, RELATION_PHRASES as PHRASES

from .lookup import find_entity
from .structure import central_in, clusters_in
from .view import GraphView

ORG = "Organisation"
EVIDENCE_SHOWN = 3   # sentences per relation in an evidence block ("and N more" after)
UNKNOWN = "unknown"


def build_report(store, *, focus: str | None = None, depth: int = 2, top: int = 10) -> dict:
    """Everything the page shows, as plain data. `focus`: a name (forgiving) or id; the
    report then covers its neighbourhood within `depth` hops."""
    G = store.to_networkx()
    centre = None
    if focus:
        centre = find_entity(store, focus)
        G = _neighbourhood(G, centre.id, depth)
    view = GraphView(store, graph=G)
    clusters = clusters_in(view, top=top)
    centres = [centre.id] if centre else [c.id for c in clusters[:3]]
    return {
        "title": f"{centre.name}: ecosystem report" if centre else "Ecosystem report",
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "focus": centre.name if centre else None, "depth": depth,
        "documents": _documents(view, whole=centre is None),
        "kinds": _grouped(view, lambda n: view.kind(n) or UNKNOWN),
        "countries": _grouped(view, lambda n: view.country(n) or UNKNOWN),
        "clusters": [_cluster(view, c) for c in clusters],
        "brokers": [_broker(view, b) for b in central_in(view, by="betweenness", top=top) if b.betweenness > 0],
        "pairs": _partnerships(view),
        "funders": _funders(view),
        "map_centres": [n for n in centres if n in view.G],
        "view": view,  # the focus maps are drawn from it (visualizations/report.py)
    }


def _neighbourhood(G: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """The part of G within `depth` hops of `centre`, whatever the direction; `G.graph` (documents) kept."""
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), centre, cutoff=depth)
    H = G.subgraph(near).copy()
    H.graph = dict(G.graph)
    return H


def _cite(view, u, v, k) -> dict:
    ev = view.evidence(u, v, k)
    return {"shown": [{"sentence": e.get("sentence", ""), "source": e["source"], "method": e.get("method", ""),
                       "confidence": f"{float(e.get('confidence') or 0):.2f}"} for e in ev[:EVIDENCE_SHOWN]],
            "more": max(0, len(ev) - EVIDENCE_SHOWN), "count": len(ev)}


def _documents(view, *, whole: bool) -> dict:
    docs = view.G.graph.get("documents") or {}
    if not whole:  # only the documents behind what the focused report shows
        used = {e.get("document") for _, _, a in view.G.edges(data=True) for e in a.get("evidence") or []}
        docs = {d: m for d, m in docs.items() if d in used}
    rows = sorted(({"source": m.get("source") or d, "title": m.get("title") or "", "language": m.get("language") or "",
                    "published": m.get("published") or "", "site": m.get("site") or "",
                    "ingested": (m.get("ingested_at") or "")[:10]} for d, m in docs.items()),
                  key=lambda r: r["source"])
    dates = sorted(r["published"] for r in rows if r["published"])
    ingested = sorted(r["ingested"] for r in rows if r["ingested"])
    languages = defaultdict(int)
    for r in rows:
        languages[r["language"] or UNKNOWN] += 1
    return {"rows": rows, "count": len(rows), "languages": sorted(languages.items(), key=lambda t: (-t[1], t[0])),
            "published": (dates[0], dates[-1]) if dates else None,
            "ingested": (ingested[0], ingested[-1]) if ingested else None}


def _grouped(view, key) -> list[dict]:
    groups: dict[str, list[str]] = defaultdict(list)
    for n in view.nodes(ORG):
        groups[key(n)].append(n)
    out = []
    for k, members in groups.items():
        members.sort(key=view.sort_key)
        out.append({"key": k, "count": len(members),
                    "entries": [{"name": view.name(n), "kind": view.kind(n) or "", "country": view.country(n) or "",
                               "documents": len(view.G.nodes[n].get("mentions") or {})} for n in members]})
    return sorted(out, key=lambda g: (g["key"] == UNKNOWN, -g["count"], g["key"]))


def _cluster(view, c) -> dict:
    members = sorted(view.in_edges(c.id, ("MEMBER_OF",)), key=lambda e: view.sort_key(e[0]))
    return {"name": c.cluster, "country": c.country or "", "members": c.members, "partners": c.partners,
            "programmes": c.programmes, "degree": c.degree,
            "entries": [{"name": view.name(u), "kind": view.kind(u) or "", "evidence": _cite(view, u, v, k)}
                      for u, v, k in members]}


def _ties(view, n) -> list[dict]:
    out = [(PHRASES.get(k, (k, k))[0], v, (n, v, k)) for _, v, k in view.out_edges(n, CORE_TYPES)]
    out += [(PHRASES.get(k, (k, k))[1], u, (u, n, k)) for u, _, k in view.in_edges(n, CORE_TYPES) if u != n]
    out.sort(key=lambda t: (t[0], view.sort_key(t[1])))
    return [{"phrase": p, "other": view.name(o), "evidence": _cite(view, *edge)} for p, o, edge in out]


def _broker(view, b) -> dict:
    return {"rank": b.rank, "name": b.name, "kind": b.kind or "", "betweenness": f"{b.betweenness:.3f}",
            "degree": b.degree, "entries": _ties(view, b.id)}


def _partnerships(view) -> list[dict]:
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for u, v, k in view.edges(("PARTNERS_WITH",)):
        ends = sorted([(view.country(u) or UNKNOWN, u), (view.country(v) or UNKNOWN, v)])
        pairs[(ends[0][0], ends[1][0])].append({"a": view.name(ends[0][1]), "b": view.name(ends[1][1]),
                                                "evidence": _cite(view, u, v, k)})
    return sorted(({"a": a, "b": b, "cross": a != b, "count": len(items),
                    "entries": sorted(items, key=lambda i: (i["a"].casefold(), i["b"].casefold()))}
                   for (a, b), items in pairs.items()), key=lambda p: (-p["count"], p["a"], p["b"]))


def _funders(view) -> list[dict]:
    funded: dict[str, list] = defaultdict(list)
    for u, v, k in view.edges(("FUNDS",)):
        funded[u].append({"name": view.name(v), "label": view.label(v) or "", "kind": view.kind(v) or "",
                          "evidence": _cite(view, u, v, k)})
    return sorted(({"name": view.name(f), "kind": view.kind(f) or "", "country": view.country(f) or "",
                    "count": len(items), "entries": sorted(items, key=lambda i: i["name"].casefold())}
                   for f, items in funded.items()), key=lambda f: (-f["count"], f["name"].casefold()))
