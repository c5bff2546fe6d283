"""`ecograph ingest --manifest sources.csv`: what the user knows about each document.

A CSV file with a header row; columns (any order, case-insensitive): `path` (a file,
relative to the manifest's folder unless absolute) or `url` alone (a page to fetch),
and optionally `url`, `date` (or `published`), `title`, `site` (or `publisher`). What a
row states overrides what the document says about itself. A row naming a file that does
not exist is reported as a failure naming the row; the other rows go on.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

from ecograph.errors import EcographError

from .metadata import fields

COLUMNS = ("path", "url", "date", "published", "title", "site", "publisher")


@dataclass
class Manifest:
    sources: list[str] = field(default_factory=list)          # files, in row order
    urls: list[str] = field(default_factory=list)             # url-only rows: pages to fetch
    described: dict[str, dict[str, str]] = field(default_factory=dict)  # source -> fields
    failed: list[tuple[str, str]] = field(default_factory=list)          # (row, problem)


def read_manifest(path: str | os.PathLike) -> Manifest:
    """Read a manifest. Raises EcographError naming the file if it cannot be read at all."""
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except OSError as exc:
        raise EcographError(f"{name}: cannot read the manifest: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise EcographError(f"{name}: not a UTF-8 CSV file ({exc})") from exc
    if not rows:
        raise EcographError(f"{name}: the manifest is empty", hint="a header row: path,url,date,title")
    header = [h.strip().lower() for h in rows[0]]
    if "path" not in header and "url" not in header:
        raise EcographError(f"{name}: the manifest has no 'path' or 'url' column",
                            hint="a header row: path,url,date,title (columns: " + ", ".join(COLUMNS) + ")")
    base = Path(path).parent
    out = Manifest()
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        where = f"{name}, row {line}"
        described = fields((k, v) for k, v in cells.items() if k != "path")
        target = cells.get("path", "")
        if target:
            file = target if os.path.isabs(target) else str(base / target)
            if not os.path.isfile(file):
                out.failed.append((where, f"no such file: {target}"
                                          + (f" (looked for {file})" if file != target else "")))
                continue
            out.sources.append(file)
            out.described[file] = described
        elif described.get("url"):
            out.urls.append(described["url"])
            out.described[described["url"]] = described
        else:
            out.failed.append((where, "neither a path nor a url"))
    return out
