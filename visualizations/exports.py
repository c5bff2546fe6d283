"""Exports for other tools: the SCHEMA exchange JSON, GraphML / GEXF (Gephi, yEd, Cytoscape)
and a pair of CSV files for Kumu.

GraphML and GEXF carry a flat, typed copy of the graph, because their writers
take scalars only (a None or a list breaks them or comes back as a string):

nodes  `label` (the display name: Gephi shows the attribute called label),
       `type` (SCHEMA label: Organisation, Programme, ...), `kind`, `country`,
       `founded` (int), `aliases` ("; "-joined), `mentions` (int, total count)
edges  key = relation type; `relation` (the type; not `type`, which GEXF reserves
       for directed/undirected), `label` (the type again, for display), `evidence` (int, number of evidence records),
       `weight` (float, the evidence count again: Gephi sizes edges by it),
       `confidence` (float, the best), `first_source` / `last_source` (source of
       the earliest / latest ingested document backing the relation), `sentence`
       (the first evidence sentence), `method` (its extractor); where known,
       `title` / `url` / `published` (of that sentence's document), `first_seen` /
       `last_seen` (earliest / latest publication date of the evidence documents)
       and `years` (those its sentences state, "; "-joined): `edge_time`

An attribute whose value is unknown is left out for that node, not written as
an empty value, so `networkx.read_graphml(..., force_multigraph=True)` and
`read_gexf` give back exactly these attributes. The node id is the entity id.

XML 1.0 cannot carry most control characters, even escaped (an imported exchange file
may hold them in a name): in GraphML and GEXF each one becomes U+FFFD, and a CR (which
XML parsers turn into LF) becomes LF, so every file is well-formed and reads back as
`xml_text(value)`. JSON and CSV carry every character as it is.

Files are written to a temporary name beside the target and renamed: a full disk or an
interrupt leaves the old file (or none), never half a file.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import IO

import networkx as nx

from ecograph.dates import current_period, evidence_in, relation_time
from ecograph.errors import EcographError
from ecograph.model import SYMMETRIC

FORMATS = ("json", "graphml", "gexf", "csv")
ALIAS_SEP = "; "
KUMU_SEP = "|"    # Kumu splits multi-value fields (tags, aliases) on "|"
# Kumu colours elements by `Type`: the kind (cluster, company, university, city...), the
# entity class beside it; connections: `Direction` is Kumu's "directed" or "mutual"
NODE_COLUMNS = ["Label", "Type", "Class", "Country", "Founded", "Aliases", "ID"]
EDGE_COLUMNS = ["From", "To", "Type", "Direction", "Evidence", "Source", "Confidence"]
# citation and time columns, after Kumu's own (see `edge_time`)
CITE_COLUMNS = {"Title": "title", "URL": "url", "Published": "published",
                "First seen": "first_seen", "Last seen": "last_seen", "Years": "years"}


class ExportError(EcographError):
    """An export could not be written, or an import file cannot be read."""


# --- JSON (the exchange format) --------------------------------------------

def exchange_json(data: dict) -> str:
    """The exchange dict as text: UTF-8-ready, indent 2, non-ASCII kept, newline-terminated."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_exchange(stream: IO[str], name: str = "input") -> dict:
    hint = "import takes the file written by `ecograph export --format json`"
    try:
        data = json.load(stream)
    except ValueError as exc:
        raise ExportError(f"{name}: not JSON ({exc})", hint=hint) from exc
    except RecursionError:  # e.g. 100,000 nested [: the exchange format is 4 levels deep
        raise ExportError(f"{name}: JSON nested too deeply to be an exchange file", hint=hint) from None
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise ExportError(f"{name}: not an ecograph exchange file (schema_version 1 expected)",
                          hint="import takes the file written by `ecograph export --format json`")
    return data


def exchange_within(data: dict) -> dict:
    """The exchange dict as seen through the time window in force (`ecograph.dates.
    between`, the CLI's --since/--until): evidence records outside it left out, and the
    relations left with none. Without a window, `data` itself: the export stays the
    store's own exchange form (documents carry their `published` dates; a relation's
    first/last seen and stated years derive from them, `ecograph.dates.relation_time`)."""
    period = current_period()
    if not period:
        return data
    docs = {d["id"]: d for d in data.get("documents", [])}
    relations = []
    for r in data.get("relations", []):
        evidence = [e for e in r.get("evidence", []) if evidence_in(period, e, docs)]
        if evidence:
            relations.append({**r, "evidence": evidence})
    return {**data, "relations": relations}


# --- GraphML / GEXF ----------------------------------------------------------

def _doc_order(G: nx.MultiDiGraph) -> dict[str, tuple]:
    docs = G.graph.get("documents") or {}
    return {d: (m.get("ingested_at") or "", d) for d, m in docs.items()}


# Characters XML 1.0 cannot hold at all (not even as &#x1;): C0 controls but tab, LF and
# CR, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value) -> str:
    """`value` as text an XML 1.0 file can carry and give back unchanged (see module doc)."""
    s = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("\ufffd", s)


def flat_graph(G: nx.MultiDiGraph, *, text=str) -> nx.MultiDiGraph:
    """G from `store.to_networkx()` with scalar, typed attributes only (see module doc);
    every string goes through `text` (`xml_text` for the XML formats)."""
    docs = G.graph.get("documents") or {}
    order = _doc_order(G)
    F = nx.MultiDiGraph()
    F.graph.update({"generator": "ecograph", "schema_version": 1})
    for n, a in G.nodes(data=True):
        attrs = {"label": text(a.get("name") or n), "type": text(a.get("label") or "")}
        if a.get("kind"):
            attrs["kind"] = text(a["kind"])
        if a.get("country"):
            attrs["country"] = text(a["country"])
        if a.get("founded") is not None:
            attrs["founded"] = int(a["founded"])
        if a.get("aliases"):
            attrs["aliases"] = text(ALIAS_SEP.join(str(x) for x in a["aliases"]))
        attrs["mentions"] = int(sum((a.get("mentions") or {}).values()))
        F.add_node(text(n), **attrs)
    for u, v, k, a in G.edges(keys=True, data=True):
        evidence = list(a.get("evidence") or [])
        rtype = text(a.get("type") or k)
        attrs = {"relation": rtype, "label": rtype, "evidence": len(evidence), "weight": float(len(evidence)),
                 "confidence": float(a.get("confidence") or 0.0)}
        if evidence:
            by_time = sorted(evidence, key=lambda e: (order.get(e["document"], ("", e["document"])),
                                                      e.get("start", 0)))
            first_doc, last_doc = by_time[0]["document"], by_time[-1]["document"]
            attrs["first_source"] = text(docs.get(first_doc, {}).get("source") or first_doc)
            attrs["last_source"] = text(docs.get(last_doc, {}).get("source") or last_doc)
            attrs["sentence"] = text(by_time[0].get("sentence") or "")
            attrs["method"] = text(by_time[0].get("method") or "")
            attrs.update((key, text(value)) for key, value in edge_time(by_time, docs).items())
        F.add_edge(text(u), text(v), key=text(k), **attrs)
    return F


def write_graphml(G: nx.MultiDiGraph, target: str | os.PathLike | IO[bytes]) -> None:
    _to_target(lambda f: nx.write_graphml(flat_graph(G, text=xml_text), f, encoding="utf-8",
                                          prettyprint=True), target)


def write_gexf(G: nx.MultiDiGraph, target: str | os.PathLike | IO[bytes]) -> None:
    _to_target(lambda f: nx.write_gexf(flat_graph(G, text=xml_text), f, encoding="utf-8",
                                       prettyprint=True), target)


def _to_target(write, target) -> None:
    if hasattr(target, "write"):
        write(target)
    else:
        write_atomically(target, write)


def write_atomically(path: str | os.PathLike, write, *, mode: str = "wb", **open_args) -> None:
    """`write(file)` into a temporary file beside `path`, then rename it to `path`; on any
    failure (a full disk: ENOSPC) the temporary file goes and `path` is left as it was.
    Raises `ExportError` naming `path` for the operating system's errors."""
    write_all([(path, write)], mode=mode, **open_args)


def write_all(files, *, mode: str = "wb", **open_args) -> None:
    """`write_atomically` for several (path, write) pairs that belong together (the two
    Kumu tables): every one is written to its temporary file before any is renamed."""
    done: list[tuple[str, Path]] = []
    path = None
    try:
        for path, write in files:
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}-", suffix=".tmp", dir=path.parent)
            done.append((tmp, path))
            with os.fdopen(fd, mode, **open_args) as f:
                write(f)
        for tmp, target in done:
            os.replace(tmp, target)
    except BaseException as exc:
        for tmp, _ in done:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise


def edge_time(evidence: list[dict], docs: dict) -> dict[str, str]:
    """Citation and time attributes of an edge (the known ones only): title/url/published
    of the first evidence document that states a URL (else of the first one), and
    `ecograph.dates.relation_time`."""
    cited = [docs.get(e["document"]) or {} for e in evidence]
    first = next((d for d in cited if d.get("url")), cited[0] if cited else {})
    out = {k: str(first[k]) for k in ("title", "url", "published") if first.get(k)}
    when = relation_time(evidence, docs)
    for k in ("first_seen", "last_seen"):
        if when[k]:
            out[k] = str(when[k])
    if when["years"]:
        out["years"] = ALIAS_SEP.join(map(str, when["years"]))
    return out


# --- CSV for Kumu ------------------------------------------------------------

def _cell(value) -> str:
    """Text for a CSV cell, on one line (a sentence may span lines in its document). A
    leading = + - @ makes spreadsheets run the cell as a formula ("CSV injection"), so
    such text gets a leading apostrophe."""
    s = "" if value is None else " ".join(str(value).split())
    if s and s[0] in "=+-@\t\r":
        return "'" + s
    return s


def csv_paths(target: str | os.PathLike) -> tuple[Path, Path]:
    """`out/g.csv` -> out/g-nodes.csv, out/g-edges.csv; a folder -> folder/nodes.csv, folder/edges.csv."""
    t = Path(target)
    if t.is_dir() or str(target).endswith(("/", os.sep)):
        return t / "nodes.csv", t / "edges.csv"
    return t.with_name(f"{t.stem}-nodes.csv"), t.with_name(f"{t.stem}-edges.csv")


def kumu_tables(G: nx.MultiDiGraph) -> tuple[list[list[str]], list[list[str]]]:
    """Rows (with header) of the Kumu elements and connections tables.

    Kumu joins a connection's From/To to an element's Label, so From/To hold
    names. Two entities may share a name (an acronym used by two bodies, a
    company and its programme): for those, and only those, From/To hold the
    entity ID instead, which Kumu also matches against the elements' ID column.
    """
    docs = G.graph.get("documents") or {}
    order = _doc_order(G)
    names: dict[str, int] = {}
    for _, a in G.nodes(data=True):
        key = str(a.get("name") or "")
        names[key] = names.get(key, 0) + 1

    def ref(n) -> str:
        name = str(G.nodes[n].get("name") or "")
        return name if name and names.get(name) == 1 else str(n)

    node_rows = [NODE_COLUMNS]
    for n, a in sorted(G.nodes(data=True), key=lambda t: str(t[0])):
        node_rows.append([_cell(a.get("name") or n), _cell(a.get("kind") or str(a.get("label") or "").lower()),
                          _cell(a.get("label")),
                          _cell(a.get("country")),
                          "" if a.get("founded") is None else str(int(a["founded"])),
                          _cell(KUMU_SEP.join(a.get("aliases") or [])), _cell(n)])
    edge_rows = [EDGE_COLUMNS + list(CITE_COLUMNS)]
    for u, v, k, a in sorted(G.edges(keys=True, data=True), key=lambda t: (str(t[2]), str(t[0]), str(t[1]))):
        evidence = sorted(a.get("evidence") or [],
                          key=lambda e: (order.get(e["document"], ("", e["document"])), e.get("start", 0)))
        sources: list[str] = []
        for e in evidence:
            s = str(docs.get(e["document"], {}).get("source") or e["document"])
            if s not in sources:
                sources.append(s)
        rtype = a.get("type") or k
        edge_rows.append([_cell(ref(u)), _cell(ref(v)), _cell(rtype), "mutual" if rtype in SYMMETRIC else "directed",
                          _cell(evidence[0].get("sentence") if evidence else ""),
                          _cell(KUMU_SEP.join(sources)),
                          f"{float(a.get('confidence') or 0.0):.3f}"] + _cite_cells(evidence, docs))
    return node_rows, edge_rows


def _cite_cells(evidence: list[dict], docs: dict) -> list[str]:
    when = edge_time(evidence, docs)
    return [_cell(when.get(k, "").replace(ALIAS_SEP, KUMU_SEP)) for k in CITE_COLUMNS.values()]


def write_csv(G: nx.MultiDiGraph, target: str | os.PathLike) -> tuple[Path, Path]:
    """Write the two Kumu tables next to `target` (see `csv_paths`); returns their paths."""
    nodes_path, edges_path = csv_paths(target)
    node_rows, edge_rows = kumu_tables(G)
    # plain UTF-8, no BOM: a BOM would become part of the first header for most readers
    write_all([(path, lambda f, rows=rows: csv.writer(f).writerows(rows))
               for path, rows in ((nodes_path, node_rows), (edges_path, edge_rows))],
              mode="w", encoding="utf-8", newline="")
    return nodes_path, edges_path


def graph_bytes(G: nx.MultiDiGraph, fmt: str) -> bytes:
    """GraphML or GEXF as bytes (for stdout)."""
    buf = io.BytesIO()
    (write_graphml if fmt == "graphml" else write_gexf)(G, buf)
    return buf.getvalue()
