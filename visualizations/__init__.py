"""Maps and exports: interactive offline HTML maps (pyvis), GraphML / GEXF / CSV / JSON exports."""
from .map import MapError, check_offline, render_map, subgraph
from .exports import ExportError, flat_graph, write_csv, write_gexf, write_graphml

__all__ = ["render_map", "subgraph", "check_offline", "MapError",
           "flat_graph", "write_graphml", "write_gexf", "write_csv", "ExportError"]
