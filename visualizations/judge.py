"""A drawn validation sample on disk: the CSV a researcher judges in a spreadsheet, and an
offline HTML page that shows one item at a time, takes verdicts from the keyboard and
saves them back as the same CSV (a download).

The page follows `map.py`'s rules: our own template with autoescape, the sample in one
JSON data block escaped by `map.script_json`, graph text put on the page only as text
(`textContent`) by `assets/judge.js`, a Content-Security-Policy that forbids every
request, and `map.check_offline` on the result.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ecograph.validation import JUDGED_COLUMNS

from .exports import ExportError, _cell
from .map import ASSETS, _inline, _write, check_offline, script_json

# Keys of the judge page, shown in its help line (judge.js holds the same bindings).
KEYS = {"edges": [("c / 1", "correct"), ("w / 2", "wrong"), ("u / 3", "unsure"), ("0", "clear"),
                  ("→ / j", "next"), ("← / k", "previous"), ("n", "note"), ("s", "save CSV")],
        "entities": [("c / 1", "real organisation / programme"), ("w / 2", "not one"), ("u / 3", "unsure"),
                     ("r / x", "kind right / wrong"), ("d", "same as…"), ("0", "clear"),
                     ("→ / j", "next"), ("← / k", "previous"), ("n", "note"), ("s", "save CSV")]}


def sample_csv(sample, stream: IO[str]) -> None:
    """The sample as CSV: header, then one row per item. Cells a spreadsheet would run as a
    formula get a leading apostrophe (as in the Kumu export)."""
    w = csv.writer(stream, lineterminator="\n")
    w.writerow(sample.columns)
    for row in sample.rows:
        w.writerow([_cell(row.get(c)) for c in sample.columns])


def write_sample_csv(sample, path: str | Path) -> Path:
    """Write the CSV (UTF-8 with a BOM, so spreadsheets read accents right)."""
    path = Path(path)
    buf = io.StringIO()
    sample_csv(sample, buf)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(buf.getvalue(), encoding="utf-8-sig")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def render_judge(sample, path: str | Path, *, title: str = "ecograph validation sample",
                 download_name: str = "sample-judged.csv") -> Path:
    """Write the judge page for `sample` (from `queries.sample.draw_edges/draw_entities`)."""
    what = sample.meta["what"]
    data = {"title": title, "what": what, "meta": sample.meta, "columns": list(sample.columns),
            "judged": list(JUDGED_COLUMNS[what]), "download": download_name,
            "rows": [{**{c: row.get(c, "") for c in sample.columns}, "marks": row.get("_marks")}
                     for row in sample.rows]}
    env = Environment(loader=FileSystemLoader(str(ASSETS)),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    html = env.get_template("judge.html.j2").render(
        page_title=title, keys=KEYS[what], what=what,
        judge_js=Markup(_inline((ASSETS / "judge.js").read_text(encoding="utf-8"), "judge.js")),
        judge_css=Markup(_inline((ASSETS / "judge.css").read_text(encoding="utf-8"), "judge.css")),
        data_json=Markup(script_json(data)))
    check_offline(html)
    path = Path(path)
    _write(path, html)
    return path
