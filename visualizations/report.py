"""`ecograph report`: one self-contained HTML page to hand over — what was ingested, the
organisations by kind and country, the top clusters and their members, the brokers,
partnerships by country pair, funders and what they fund, focus maps — and for every
figure the evidence behind it, in an expandable block.

The data comes from `queries.report.build_report`; this module draws it. The page has no script at all (expandable blocks are `<details>`; maps are SVG drawn
here), loads nothing (`map.check_offline`, and a Content-Security-Policy that forbids it),
and every piece of graph text goes through the template's autoescaping.
"""
from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ecograph.model import CORE_TYPES

from .map import (ASSETS, DEFAULT_EDGE_STYLE, EDGE_STYLES, PHRASES, _inline, _write, check_offline, group_of,
                  group_style)

MAP_NEIGHBOURS = 24  # a focus map draws the centre and at most this many neighbours


def render_report(report: dict, path) -> Path:
    """Write the page for `report` (`queries.report.build_report`) to `path` (readable by others: 0644
    under the umask)."""
    view = report["view"]
    data = {k: v for k, v in report.items() if k not in ("view", "map_centres")}
    data["maps"] = [_ego_map(view, n) for n in report["map_centres"]]
    env = Environment(loader=FileSystemLoader(str(ASSETS)),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    css = Markup(_inline((ASSETS / "report.css").read_text(encoding="utf-8"), "report.css"))
    html = env.get_template("report.html.j2").render(r=data, css=css)
    check_offline(html)
    path = Path(path)
    _write(path, html)
    return path


# --- focus maps (SVG) ---------------------------------------------------------------

def _ego_map(view, centre: str, width: int = 960, height: int = 560) -> dict:
    """The centre and its nearest neighbours on a circle around it, one line per relation."""
    edges = [(u, v, k) for u, v, k in view.out_edges(centre, CORE_TYPES)]
    edges += [(u, v, k) for u, v, k in view.in_edges(centre, CORE_TYPES) if u != centre]
    weight: dict[str, int] = defaultdict(int)
    for u, v, k in edges:
        weight[v if u == centre else u] += len(view.G.get_edge_data(u, v, k).get("evidence") or [])
    others = sorted(weight, key=lambda n: (-weight[n], view.sort_key(n)))[:MAP_NEIGHBOURS]
    cx, cy, radius = width / 2, height / 2, min(width, height) / 2 - 70
    pos = {centre: (cx, cy)}
    for i, n in enumerate(sorted(others, key=lambda n: (view.label(n) or "", view.kind(n) or "", view.sort_key(n)))):
        angle = 2 * math.pi * i / max(len(others), 1) - math.pi / 2
        pos[n] = (round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1))
    lines = []
    for u, v, k in edges:
        if u in pos and v in pos:
            colour, dashes, w, _ = EDGE_STYLES.get(k, DEFAULT_EDGE_STYLE)
            lines.append({"type": k, "x1": pos[u][0], "y1": pos[u][1], "x2": pos[v][0], "y2": pos[v][1], "colour": colour,
                          "dash": " ".join(map(str, dashes)) if dashes else "", "width": w,
                          "title": f"{view.name(u)} {PHRASES.get(k, (k,))[0]} {view.name(v)}"})
    dots = []
    for n, (x, y) in pos.items():
        colour, _ = group_style(*group_of(view.G.nodes[n]))
        dots.append({"x": x, "y": y, "r": 16 if n == centre else 9, "colour": colour, "name": view.name(n),
                     "centre": n == centre, "anchor": "middle" if abs(x - cx) < 40 else ("start" if x > cx else "end"),
                     "lx": x if abs(x - cx) < 40 else x + (14 if x > cx else -14),
                     "ly": y + (30 if n == centre else (20 if y >= cy else -14))})
    shown = sorted({(ln["type"], ln["colour"]) for ln in lines})
    return {"name": view.name(centre), "width": width, "height": height, "lines": lines, "dots": dots,
            "hidden": max(0, len(weight) - len(others)),
            "legend": [{"name": PHRASES.get(t, (t,))[0], "colour": c} for t, c in shown]}
