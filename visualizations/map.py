"""Interactive ecosystem maps: one self-contained HTML file that opens offline and safely.

The page uses pyvis 0.3.2's vis-network 9.1.2 bundle, inlined, but neither
pyvis's Network objects (map.js builds the vis items from our data block: see
`render_map`) nor its template: we render `assets/map.html.j2`, because pyvis's
stock template
- links Bootstrap from a CDN even with `cdn_resources="in_line"` (no offline use),
- inserts `heading` raw, and
- switches every tooltip to `innerHTML` as soon as one node title contains
  "href" (an XSS hole for any entity named like a link).
Our template has none of these. Every piece of graph text reaches the page
through one of two channels only: JSON inside `<script>` with `<`, `>` and `&`
escaped (so no `</script>` or `<!--` can appear), and, in the browser, sinks
that treat it as text (canvas labels, `innerText` tooltips, `textContent` in
our panels). We therefore do not HTML-escape labels, which would show
`&lt;` on screen; the escaping happens at the HTML boundary instead.
After writing, `check_offline` re-reads the file and refuses any tag that
would load something from another host.
"""
from __future__ import annotations

import json
import os
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

import networkx as nx
import pyvis

from ecograph.facts import country_of, located_countries, sectors_of
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ecograph.dates import evidence_dates
from ecograph.errors import EcographError, NotFound
from ecograph.model import RELATION_PHRASES as PHRASES
from ecograph.urls import web_url

from . import layout

ASSETS = Path(__file__).resolve().parent / "assets"
VIS_LIB = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
LARGE_GRAPH = 300        # above this many nodes: positions from Python, physics off
EDGE_LABEL_LIMIT = 150   # edge labels on canvas only while they stay legible
LABEL_CULL_PX = 8        # node labels smaller than this on screen are not drawn
# Past this many nodes a whole-graph map is refused unless forced: 10,000 nodes make a 19 MB
# page that opens in seconds; a million made a 251 MB page no browser can use.
MAX_NODES = 20_000

# label -> vis shape; the shape says what a node *is*, the colour says which kind
SHAPES = {"Organisation": "dot", "Programme": "diamond", "Place": "triangle",
          "Sector": "square", "Person": "star", "Document": "box"}
KIND_COLOURS = {
    "Organisation": {"cluster": "#d62728", "company": "#1f77b4", "university": "#9467bd",
                     "research": "#8c564b", "government": "#2ca02c", "association": "#e377c2",
                     "funder": "#ff7f0e", "support": "#17becf", "network": "#bcbd22",
                     "other": "#7f7f7f"},
    "Programme": {"programme": "#f2b701", "project": "#e68310", "policy": "#3c9d5d",
                  "fund": "#b5527a", "label": "#7a5195", "event": "#ef5675", "other": "#a0a0a0"},
}
LABEL_COLOURS = {"Organisation": "#7f7f7f", "Programme": "#f2b701", "Place": "#4d908e",
                 "Sector": "#577590", "Person": "#f94144", "Document": "#bbbbbb"}
# relation type -> (colour, dash pattern or False, width, arrow)
EDGE_STYLES = {
    "PARTNERS_WITH": ("#d62728", False, 2.5, False),
    "MEMBER_OF": ("#1f77b4", False, 1.5, True),
    "SUPPORTS": ("#2ca02c", [8, 5], 1.5, True),
    "FUNDS": ("#ff7f0e", False, 3.0, True),
    "RUNS": ("#9467bd", False, 2.0, True),
    "PARTICIPATES_IN": ("#17becf", [3, 4], 1.5, True),
    "PART_OF": ("#8c564b", [12, 4], 1.5, True),
    "LABELLED_BY": ("#e377c2", [6, 3, 2, 3], 1.5, True),
    "LOCATED_IN": ("#9e9e9e", [2, 5], 1.0, True),
    "ACTIVE_IN": ("#a0a030", [2, 5], 1.0, True),
    "MENTIONED_IN": ("#cccccc", [1, 6], 1.0, True),
}
DEFAULT_EDGE_STYLE = ("#888888", [4, 4], 1.0, True)
# views the page offers in one click: relation types shown, nodes left without any hidden
PRESETS = [
    {"key": "clusters", "name": "clusters and their members", "types": ["MEMBER_OF", "PART_OF"]},
    {"key": "partnerships", "name": "partnerships", "types": ["PARTNERS_WITH"]},
    {"key": "funding", "name": "funding chains", "types": ["FUNDS", "RUNS", "PARTICIPATES_IN", "PART_OF"]},
]
FILE_MODE = 0o644  # maps are shared: readable by others (as far as the umask allows)


class MapError(EcographError):
    """The map could not be written, or would not be self-contained."""


# --- focused subgraphs -------------------------------------------------------

def node_sectors(G: nx.MultiDiGraph, n) -> list[str]:
    """Names of the sectors a node is ACTIVE_IN (`facts.sectors_of`), each once; a Sector
    node counts as its own sector (the map's sector filter shows it with its members)."""
    attrs = G.nodes[n]
    if attrs.get("label") == "Sector":
        return [attrs.get("name") or str(n)]
    return list(dict.fromkeys(sectors_of(G, n)))


def subgraph(G: nx.MultiDiGraph, *, focus=None, depth: int = 1,
             types: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
             country: str | None = None) -> nx.MultiDiGraph:
    """A copy of G narrowed for a focused map; filters apply in this order:

    - `types`: keep only relations of these types, then drop nodes this leaves
      without any relation (a type filter asks about those relations);
    - `kinds`: keep nodes whose kind or label (case-insensitive) is listed;
    - `country`: keep nodes in that country (attribute or LOCATED_IN), and
      nodes with no country of their own (programmes, sectors, ...) that touch one;
    - `focus` (a node id): the ego network within `depth` hops, ignoring direction.
    The focus node survives every filter. `G.graph` (documents) is copied."""
    H = G.copy()
    if focus is not None and focus not in H:
        raise NotFound(str(focus))
    if types:
        wanted = {t.upper() for t in types}
        H.remove_edges_from([(u, v, k) for u, v, k in list(H.edges(keys=True)) if k not in wanted])
        H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0 and n != focus])
    if kinds:
        wanted = {k.lower() for k in kinds}
        H.remove_nodes_from([n for n, a in list(H.nodes(data=True)) if n != focus
                             and (a.get("kind") or "").lower() not in wanted
                             and (a.get("label") or "").lower() not in wanted])
    if country:
        c = country.casefold()
        located = located_countries(G)
        where = {n: country_of(G, n, located) for n in H}
        inside = {n for n, w in where.items() if w and w.casefold() == c}
        keep = set(inside)
        for n, w in where.items():
            if w is None and any(m in inside for m in nx.all_neighbors(H, n)):
                keep.add(n)
        if focus is not None:
            keep.add(focus)
        H.remove_nodes_from([n for n in list(H) if n not in keep])
    if focus is not None:
        ego = nx.ego_graph(H.to_undirected(as_view=True), focus, radius=max(0, int(depth)))
        H = H.subgraph(ego.nodes).copy()
    H.graph.update(G.graph)
    return H


def without_isolated(G: nx.MultiDiGraph, keep=None) -> nx.MultiDiGraph:
    """G without the nodes that have no relation at all (`keep`, e.g. the focus, stays)."""
    H = G.copy()
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0 and n != keep])
    return H


# --- styling -----------------------------------------------------------------

def group_of(attrs: dict) -> tuple[str, str | None]:
    label = attrs.get("label") or "Other"
    return label, attrs.get("kind") if label in KIND_COLOURS else None


def group_style(label: str, kind: str | None) -> tuple[str, str]:
    colour = KIND_COLOURS.get(label, {}).get(kind or "", LABEL_COLOURS.get(label, "#7f7f7f"))
    return colour, SHAPES.get(label, "dot")


def group_name(label: str, kind: str | None) -> str:
    return f"{label} · {kind}" if kind else label


# --- documents and time --------------------------------------------------------

def document_info(meta: dict) -> dict:
    """What the evidence panel shows of a document: source and title, and where the
    document states them its date, site and URL (http/https only: the panel makes it
    a link, and a javascript: or data: address must never become one)."""
    out = {"source": meta.get("source", ""), "title": meta.get("title", "")}
    for k in ("published", "site"):
        if meta.get(k):
            out[k] = meta[k]
    if web_url(meta.get("url")):
        out["url"] = meta["url"]
    return out


def edge_years(evidence: list[dict], documents: dict) -> list[int]:
    """The years an edge's evidence places it in (`ecograph.dates.evidence_dates`)."""
    years = set()
    for e in evidence:
        published = (documents.get(e.get("document")) or {}).get("published")
        years.update(int(d[:4]) for d in evidence_dates(e.get("sentence", ""), published))
    return sorted(years)


# --- rendering ---------------------------------------------------------------

def check_size(G: nx.MultiDiGraph, *, force: bool = False, limit: int | None = None) -> None:
    """Refuse (MapError) a map of more than `limit` nodes (default MAX_NODES, or
    $ECOGRAPH_MAP_MAX_NODES) unless `force`: point to the ways of drawing a part."""
    raw = os.environ.get("ECOGRAPH_MAP_MAX_NODES", "").strip()
    limit = limit if limit is not None else int(raw) if raw.isdigit() and int(raw) > 0 else MAX_NODES
    n = G.number_of_nodes()
    if n > limit and not force:
        raise MapError(f"the map would have {n} nodes, more than a browser can use (limit {limit})",
                       hint="draw a part: --focus NAME --depth 2, --kind, --types or --country; "
                            "or pass --force to draw it all anyway")


def render_map(G: nx.MultiDiGraph, path, *, title: str = "ecograph", physics: bool | None = None,
               large_threshold: int = LARGE_GRAPH, seed: int = 7,
               edge_labels: bool | None = None, focus: str | None = None) -> Path:
    """Write G (from `store.to_networkx()` or `subgraph`) as an interactive HTML map.

    physics=None: live physics up to `large_threshold` nodes; above it positions
    come from `layout.positions` and physics is off, so big maps open at once.
    Returns the path written. Raises MapError if the file cannot be written.
    `focus`: the id of the node the map is about (marked, selected when the page opens).

    The page carries each fact once, in the `ecograph-data` block: nodes (with
    degree and position), edges (with evidence), and one style per node group and
    relation type. map.js builds vis-network's node and edge items, tooltips
    included, from it; pre-rendering them here doubled the file for nothing."""
    path = Path(path)
    large = G.number_of_nodes() > large_threshold
    use_physics = (not large) if physics is None else bool(physics)
    pos = layout.positions(G, seed=seed) if (large or not use_physics) else {}
    if edge_labels is None:
        edge_labels = G.number_of_edges() <= EDGE_LABEL_LIMIT
    info_nodes, groups = _node_infos(G, pos)
    all_docs = G.graph.get("documents") or {}
    info_edges, types = _edge_infos(G, all_docs)
    documents = {d: document_info(m) for d, m in all_docs.items()}
    data = {"title": title, "physics": use_physics, "focus": str(focus) if focus in G else None,
            "phrases": PHRASES, "presets": PRESETS, "large": large, "edgeLabels": bool(edge_labels),
            "nodes": info_nodes, "edges": info_edges, "documents": documents,
            "groups": sorted(groups.values(), key=lambda g: (g["name"])),
            "types": sorted(types.values(), key=lambda t: t["type"]),
            "countries": sorted({c for c in (i["country"] for i in info_nodes.values()) if c}),
            "sectors": sorted({s for i in info_nodes.values() for s in i["sectors"]}),
            "years": sorted({y for e in info_edges.values() for y in e.get("years", ())})}
    html = _render_html(title, data, _vis_options(use_physics, large))
    check_offline(html)
    _write(path, html)
    return path


def _node_infos(G: nx.MultiDiGraph, pos: dict) -> tuple[dict, dict]:
    """The page's node records by id (with degree, country, sectors, position when laid out)
    and the style of each node group, with its count, by "label:kind"."""
    located = located_countries(G)
    info_nodes, groups = {}, {}
    for n, attrs in G.nodes(data=True):
        label, kind = group_of(attrs)
        gkey = f"{label}:{kind or ''}"
        g = groups.get(gkey)
        if g is None:
            colour, shape = group_style(label, kind)
            g = groups[gkey] = {"key": gkey, "name": group_name(label, kind),
                                "colour": colour, "shape": shape, "count": 0}
        g["count"] += 1
        country, sectors = country_of(G, n, located), node_sectors(G, n)
        info = {"name": attrs.get("name") or str(n), "label": label, "kind": attrs.get("kind"),
                "group": gkey, "country": country, "sectors": sectors, "degree": G.degree(n),
                "founded": attrs.get("founded"), "aliases": list(attrs.get("aliases") or []),
                "mentions": attrs.get("mentions") or {}}
        if n in pos:
            info["x"], info["y"] = pos[n]
        info_nodes[str(n)] = info
    return info_nodes, groups


def _edge_infos(G: nx.MultiDiGraph, all_docs: dict) -> tuple[dict, dict]:
    """The page's edge records by "e<i>" (evidence, years, bend) and the style of each
    relation type, with its count, by type."""
    info_edges, types = {}, {}
    pair_count: dict[frozenset, int] = {}
    for i, (u, v, k, attrs) in enumerate(G.edges(keys=True, data=True)):
        rtype = attrs.get("type") or str(k)
        t = types.get(rtype)
        if t is None:
            colour, dashes, width, arrow = EDGE_STYLES.get(rtype, DEFAULT_EDGE_STYLE)
            t = types[rtype] = {"type": rtype, "colour": colour, "dashes": dashes, "width": width,
                                "arrow": arrow, "count": 0}
        t["count"] += 1
        info = {"type": rtype, "from": str(u), "to": str(v),
                "evidence": list(attrs.get("evidence") or []), "confidence": attrs.get("confidence")}
        years = edge_years(info["evidence"], all_docs)
        if years:
            info["years"] = years  # for the year filter: when its evidence places it
        # several relation types between one pair: bend each by a different amount
        pair = frozenset((u, v))
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        if nth:
            info["bend"] = nth
        info_edges[f"e{i}"] = info
    return info_edges, types


def _vis_options(physics: bool, large: bool) -> dict:
    """Network-wide vis options; what every node or edge shares lives here, not per item."""
    opts = {
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        # labels under LABEL_CULL_PX on screen are not drawn (they appear on zoom); map.js
        # sizes each label by the node's relations
        "nodes": {"font": {"size": 14, "face": "sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}, "borderWidth": 1,
                  "scaling": {"label": {"drawThreshold": LABEL_CULL_PX, "maxVisible": 28}}},
        "edges": {"selectionWidth": 2, "color": {"opacity": 0.85},
                  "arrows": {"to": {"scaleFactor": 0.6}},
                  # straight lines on big maps: curves cost a bezier per edge per frame
                  "smooth": {"enabled": False} if large else {"enabled": True, "type": "continuous"},
                  "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "align": "middle"}},
        # improvedLayout clusters and runs Kamada-Kawai on load even when positions are given
        "layout": {"improvedLayout": not large, "randomSeed": 7},
    }
    if physics:
        opts["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                           "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120,
                                                "avoidOverlap": 0.3},
                           "stabilization": {"enabled": True, "iterations": 400, "fit": True}}
    else:
        opts["physics"] = {"enabled": False}
    return opts


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def script_json(obj) -> str:
    """JSON safe inside any <script>: no `<`, `>` or `&` survive, so neither `</script>`
    nor `<!--` can close or confuse the element; JSON.parse restores the text."""
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        s = s.replace(ch, esc)
    return s


def _inline(code: str, what: str) -> str:
    """Guard for code we inline ourselves: it must not end its own <script>/<style>."""
    if "</script" in code.lower() or "</style" in code.lower():
        raise MapError(f"{what} cannot be inlined: it contains a closing tag")
    return code


def _render_html(title: str, data: dict, options: dict) -> str:
    """Our own template (autoescape on for every {{ }}), not pyvis's `generate_html`,
    for the reasons above."""
    env = Environment(loader=FileSystemLoader(str(ASSETS)),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    return env.get_template("map.html.j2").render(
        page_title=title,
        vis_js=Markup(_inline((VIS_LIB / "vis-network.min.js").read_text(encoding="utf-8"), "vis-network")),
        vis_css=Markup(_inline((VIS_LIB / "vis-network.css").read_text(encoding="utf-8"), "vis css")),
        map_js=Markup(_inline(_asset("map.js"), "map.js")),
        map_css=Markup(_inline(_asset("map.css"), "map.css")),
        data_json=Markup(script_json(data)),
        options_json=Markup(script_json(options)),
    )


class _ExternalRefs(HTMLParser):
    """Collects src/href attributes that would make the browser fetch something."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "data", "action", "srcset", "poster") and value:
                v = value.strip().lower()
                if not v.startswith(("data:", "blob:", "#")):
                    self.found.append(f"<{tag} {name}={value!r}>")


def check_offline(html: str) -> None:
    """Raise MapError if any tag in the page loads a resource (http(s), protocol-relative,
    or even a relative file): the map must be one file that works with no network."""
    p = _ExternalRefs()
    p.feed(html)
    p.close()
    if p.found:
        raise MapError("the map would load external resources: " + ", ".join(p.found[:5]),
                       hint="this is a bug in ecograph's map template; please report it")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(path: Path, html: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".map-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(html)
            os.chmod(tmp, FILE_MODE & ~_umask())  # mkstemp makes it 0600
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise MapError(f"cannot write the map to {path}: {exc.strerror or exc}") from exc
