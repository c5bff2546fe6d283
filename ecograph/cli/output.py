"""Rendering rows for stdout: aligned table (default), JSON or CSV. Rows are plain dicts."""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Iterable

import click

FORMATS = ("table", "json", "csv")


def format_options(f):
    """`--json` / `--csv` flags shared by every data command."""
    f = click.option("--csv", "fmt", flag_value="csv", help="CSV on stdout (for pandas / R).")(f)
    f = click.option("--json", "fmt", flag_value="json", help="JSON on stdout.")(f)
    f = click.option("--table", "fmt", flag_value="table", default=True, hidden=True)(f)
    return f


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3g}"
    if isinstance(v, (list, tuple)):
        return "; ".join(_cell(x) for x in v)
    return " ".join(str(v).split())


def _csv_cell(v: Any) -> str:
    """Structured values (a list of evidence records) stay machine-readable as JSON."""
    if isinstance(v, dict) or (isinstance(v, list) and v and isinstance(v[0], dict)):
        return json.dumps(v, ensure_ascii=False)
    return _cell(v)


def emit(rows: Iterable[dict], fmt: str = "table", *, columns: list[str] | None = None,
         stream=None, max_width: int = 80) -> None:
    stream = stream or sys.stdout
    rows = list(rows)
    if fmt == "json":
        json.dump(rows, stream, ensure_ascii=False, indent=2, default=str)
        stream.write("\n")
        return
    cols = columns or (list(rows[0].keys()) if rows else [])
    if fmt == "csv":
        w = csv.writer(stream, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_csv_cell(r.get(c)) for c in cols])
        return
    if not rows:
        click.echo("(no results)", err=True)
        return
    cells = [[_cell(r.get(c)) for c in cols] for r in rows]
    widths = [min(max_width, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(cols)]

    def line(values):
        out = []
        for v, w in zip(values, widths):
            out.append((v if len(v) <= w else v[: w - 1] + "…").ljust(w))
        return "  ".join(out).rstrip()

    stream.write(line(cols) + "\n")
    stream.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        stream.write(line(row) + "\n")
