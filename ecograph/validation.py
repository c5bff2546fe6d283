"""Validation samples: the file a researcher judges, and the statistics of the verdicts.

`ecograph sample` draws edges (or entities) at random from a store and writes one row
per item with empty `verdict` / `note` columns (`queries/sample.py` draws,
`visualizations/judge.py` writes the CSV and the HTML judge page). This module reads
those files back and turns the verdicts into the figures a methods section needs:
precision with a Wilson 95 % interval, overall, per relation type and per confidence
band, and Cohen's kappa when two people judged the same sample.

Stratified samples give every stratum its share (`allocate`), so their rows carry a
`weight`: how many items of the population each one stands for. Estimates are
weighted means, and their intervals are Wilson intervals on Kish's effective sample
size (sum w)^2 / sum w^2, which is the plain Wilson interval when the weights are equal.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EcographError

FORMAT = "ecograph-sample v1"
Z95 = 1.959963984540054
VERDICTS = ("correct", "wrong", "unsure")
_VERDICT_SPELLINGS = {"c": "correct", "y": "correct", "yes": "correct", "w": "wrong", "n": "wrong",
                      "no": "wrong", "u": "unsure", "?": "unsure"}
# (low, high, label): the bands scripts/score.py --by-confidence reports, highest first
CONFIDENCE_BANDS = ((0.8, 1.01, "0.80-1.00"), (0.7, 0.8, "0.70-0.79"), (0.0, 0.7, "0.00-0.69"))

# Columns of a sample file, in order. The judge fills the verdict columns; the columns
# after them tie each row to the store it was drawn from (`queries.sample.check`).
EDGE_COLUMNS = ("id", "statement", "sentence", "type", "source", "target", "document",
                "document_source", "confidence", "method", "evidence_count", "verdict", "note",
                "source_id", "target_id", "stratum", "weight", "evidence_key", "sample")
ENTITY_COLUMNS = ("id", "statement", "name", "label", "kind", "aliases", "country", "sentence",
                  "document", "document_source", "similar", "verdict", "kind_verdict", "same_as",
                  "note", "entity_id", "stratum", "weight", "evidence_key", "sample")
JUDGED_COLUMNS = {"edges": ("verdict", "note"), "entities": ("verdict", "kind_verdict", "same_as", "note")}


class SampleError(EcographError):
    """A sample file cannot be read or scored, or no longer matches its store."""


def confidence_band(confidence: float) -> str:
    return next(label for low, high, label in CONFIDENCE_BANDS if low <= confidence < high)


# --- the `sample` column: what was drawn, from what --------------------------

def describe(meta: dict) -> str:
    """The `sample` cell every row carries: 'ecograph-sample v1; what=edges; seed=42; ...'."""
    parts = [FORMAT] + [f"{k}={meta[k]}" for k in ("what", "seed", "stratify", "types", "population", "fingerprint")]
    return "; ".join(parts)


def parse_description(cell: str, where: str) -> dict:
    parts = [p.strip() for p in (cell or "").split(";")]
    if not parts or parts[0] != FORMAT:
        raise SampleError(f"{where}: the 'sample' column does not describe an ecograph sample",
                          hint="score a file written by `ecograph sample` (keep its last columns)")
    meta = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        meta[k.strip()] = v.strip()
    try:
        meta["population"] = int(meta["population"])
        meta["seed"] = int(meta["seed"])
        if meta["what"] not in JUDGED_COLUMNS:
            raise ValueError(meta["what"])
        meta["fingerprint"]  # noqa: B018 - must be present
    except (KeyError, ValueError) as exc:
        raise SampleError(f"{where}: the 'sample' column is damaged ({exc})") from exc
    return meta


# --- reading judged files ------------------------------------------------------

@dataclass
class JudgedSample:
    """A sample file read back: its rows (dicts of str) and what it says it was drawn from."""
    path: str
    meta: dict
    rows: list[dict] = field(default_factory=list)

    @property
    def what(self) -> str:
        return self.meta["what"]


def verdict(value: str | None, where: str) -> str:
    """'' (not judged yet), or one of VERDICTS; short forms (c/w/u, yes/no) accepted."""
    v = (value or "").strip().lower()
    v = _VERDICT_SPELLINGS.get(v, v)
    if v and v not in VERDICTS:
        raise SampleError(f"{where}: verdict {value!r} is not one of {', '.join(VERDICTS)} (or empty)")
    return v


def number(cell) -> float:
    """A number from a cell, also as a spreadsheet in a decimal-comma locale saves it ('0,85')."""
    return float(str(cell).strip().replace(",", "."))


def read_sample(path: str | Path) -> JudgedSample:
    """Read a judged sample file; every problem names the file and the row."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:  # -sig: spreadsheets add a BOM
            header = f.readline()
            f.seek(0)
            # a spreadsheet in a French or German locale saves with ';'
            delimiter = max((",", ";", "\t"), key=header.count)
            rows = list(csv.DictReader(f, delimiter=delimiter))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SampleError(f"{path}: cannot read the sample: {exc}") from exc
    if not rows:
        raise SampleError(f"{path}: the sample has no rows")
    needed = {"id", "verdict", "sample", "weight", "stratum"}
    missing = sorted(needed - set(rows[0]))
    if missing:
        raise SampleError(f"{path}: column(s) {', '.join(missing)} missing",
                          hint="keep every column `ecograph sample` wrote; add verdicts, do not delete columns")
    meta = parse_description(rows[0]["sample"], str(path))
    for i, row in enumerate(rows, start=2):
        where = f"{path}, line {i} (id {row.get('id')!r})"
        if row.get("sample") != rows[0]["sample"]:
            raise SampleError(f"{where}: rows from two different samples in one file")
        for col in ("verdict", "verdict_2", "kind_verdict"):
            if col in row:
                row[col] = verdict(row[col], where)
        try:
            row["weight"] = number(row["weight"] or 1)
        except ValueError as exc:
            raise SampleError(f"{where}: weight {row['weight']!r} is not a number") from exc
    return JudgedSample(str(path), meta, rows)


def second_judge(first: JudgedSample, other: JudgedSample) -> dict[str, str]:
    """Row id -> the other file's verdict, refusing files that are not the same sample."""
    if other.meta != first.meta:
        raise SampleError(f"{other.path} is not the same sample as {first.path}",
                          hint="both judges must judge copies of one file from `ecograph sample`")
    theirs = {r["id"]: r for r in other.rows}
    if set(theirs) != {r["id"] for r in first.rows}:
        raise SampleError(f"{other.path} and {first.path} do not hold the same rows")
    return {i: r["verdict"] for i, r in theirs.items()}


# --- statistics ----------------------------------------------------------------

def wilson(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion p observed on n items (n may be an effective size)."""
    if n <= 0:
        return (math.nan, math.nan)
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(max(p * (1 - p) / n + z2 / (4 * n * n), 0.0))
    # at p = 0 or 1 one bound is exact; floating point would leave it a hair off
    return (0.0 if p <= 0 else max(0.0, centre - half), 1.0 if p >= 1 else min(1.0, centre + half))


@dataclass
class Proportion:
    """One line of a score: how many judged, how many said yes, the estimate and its interval."""
    measure: str
    group: str
    judged: int
    correct: int
    wrong: int
    unsure: int
    value: float | None
    low: float | None
    high: float | None
    n_effective: float | None = None


def proportion(measure: str, group: str, items: list[tuple[str, float]]) -> Proportion:
    """items: (verdict, weight). Unsure and unjudged items are counted, not estimated on."""
    sure = [(v == "correct", w) for v, w in items if v in ("correct", "wrong")]
    counts = {v: sum(1 for x, _ in items if x == v) for v in VERDICTS}
    if not sure:
        return Proportion(measure, group, 0, 0, 0, counts["unsure"], None, None, None, None)
    total = sum(w for _, w in sure)
    p = sum(w for ok, w in sure if ok) / total
    n_eff = total * total / sum(w * w for _, w in sure)
    low, high = wilson(p, n_eff)
    return Proportion(measure, group, len(sure), counts["correct"], counts["wrong"], counts["unsure"],
                      p, low, high, n_eff)


def cohen_kappa(pairs: list[tuple[str, str]]) -> dict:
    """Cohen's kappa over the items both judges gave a verdict (correct/wrong/unsure)."""
    pairs = [(a, b) for a, b in pairs if a and b]
    n = len(pairs)
    if n == 0:
        return {"n": 0, "agreement": None, "kappa": None}
    observed = sum(a == b for a, b in pairs) / n
    expected = sum((sum(a == c for a, _ in pairs) / n) * (sum(b == c for _, b in pairs) / n)
                   for c in VERDICTS)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return {"n": n, "agreement": observed, "kappa": kappa}


# --- scores ----------------------------------------------------------------------

@dataclass
class Score:
    """The figures of one judged sample (`score`); `records()` for tables, `to_dict()` for JSON."""
    path: str
    meta: dict
    items: int
    judged_by_two: bool
    lines: list[Proportion]
    agreement: dict | None = None

    def records(self) -> list[dict]:
        out = [dict(vars(p)) for p in self.lines]
        if self.agreement is not None:
            a = self.agreement
            out.append({"measure": "Cohen's kappa", "group": "two judges", "judged": a["n"],
                        "value": a["kappa"], "agreement": a["agreement"]})
        return out

    def to_dict(self) -> dict:
        return {"sample": self.path, "what": self.meta["what"], "seed": self.meta["seed"],
                "stratify": self.meta["stratify"], "types": self.meta["types"],
                "population": self.meta["population"], "size": self.items,
                "lines": [dict(vars(p)) for p in self.lines], "agreement": self.agreement}


def score(sample: JudgedSample, second: dict[str, str] | None = None) -> Score:
    """Precision (edges) or correctness, kind accuracy and duplicate rate (entities), with
    Wilson intervals; Cohen's kappa against `second` (row id -> verdict) or a `verdict_2` column.
    The first judge's verdicts give the estimates."""
    rows = sample.rows
    if second is None and "verdict_2" in rows[0]:
        second = {r["id"]: r["verdict_2"] for r in rows}
    lines = _edge_lines(rows) if sample.what == "edges" else _entity_lines(rows)
    agreement = cohen_kappa([(r["verdict"], second.get(r["id"], "")) for r in rows]) if second else None
    return Score(sample.path, sample.meta, len(rows), second is not None, lines, agreement)


def _grouped(measure: str, rows: list[dict], key, order=None) -> list[Proportion]:
    groups: dict[str, list] = {}
    for r in rows:
        groups.setdefault(key(r), []).append((r["verdict"], r["weight"]))
    names = [g for g in (order or sorted(groups)) if g in groups]
    return [proportion(measure, g, groups[g]) for g in names]


def _edge_lines(rows: list[dict]) -> list[Proportion]:
    def band(r):
        try:
            return confidence_band(number(r.get("confidence") or 0))
        except ValueError:
            return "unknown"
    return ([proportion("precision", "all edges", [(r["verdict"], r["weight"]) for r in rows])]
            + _grouped("precision by type", rows, lambda r: r.get("type") or "?")
            + _grouped("precision by confidence", rows, band, [b[2] for b in CONFIDENCE_BANDS] + ["unknown"]))


def _entity_lines(rows: list[dict]) -> list[Proportion]:
    real = [r for r in rows if r["verdict"] == "correct"]
    kind = [(r.get("kind_verdict", ""), r["weight"]) for r in real]
    dupes = [("correct" if (r.get("same_as") or "").strip() else "wrong", r["weight"]) for r in real]
    return ([proportion("correct entity", "all entities", [(r["verdict"], r["weight"]) for r in rows])]
            + _grouped("correct entity by kind", rows, lambda r: f"{r.get('label')}:{r.get('kind') or '-'}")
            + [proportion("kind right", "correct entities", kind),
               proportion("duplicate of another", "correct entities", dupes)])


# --- the methods paragraph -------------------------------------------------------

def _fig(p: Proportion) -> str:
    if p.value is None:
        return "not estimable (no edge judged correct or wrong)"
    return f"{p.value:.2f} (95 % CI {p.low:.2f}–{p.high:.2f}, n = {p.judged})"


_STRATA_WORDS = {"edges": {"type": "relation type", "confidence": "confidence band", "document": "source document"},
                 "entities": {"type": "label and kind", "document": "the document mentioning them most"}}


def methods_paragraph(s: Score) -> str:
    """A paragraph of figures for a methods section (no judgement of what they mean)."""
    m, what = s.meta, ("edges" if s.meta["what"] == "edges" else "entities")
    head = s.lines[0]
    types = "" if m["types"] in ("", "ALL") else f" of type {m['types'].replace(',', ', ')}"
    drawn = f"a random sample of {s.items} of the {m['population']} {what}{types} in the graph (seed {m['seed']}"
    if m["stratify"] not in ("", "none"):
        drawn += (f"; stratified by {_STRATA_WORDS[what].get(m['stratify'], m['stratify'])} with equal allocation, "
                  "estimates weighted by stratum size, intervals on the effective sample size")
    judged = head.judged + head.unsure
    against = ("its evidence sentence" if what == "edges"
               else "a sentence naming it, its documents and the names of similar entities")
    parts = [f"We validated the graph on {drawn}). Each item was judged against {against}: "
             f"{head.correct} correct, {head.wrong} wrong, {head.unsure} unsure"
             + (f", {s.items - judged} not judged" if s.items > judged else "") + "."]
    if what == "edges":
        parts.append(f"Precision was {_fig(head)}, unsure edges excluded; 95 % intervals are Wilson score intervals.")
        by_type = [p for p in s.lines if p.measure == "precision by type" and p.value is not None]
        if by_type:
            parts.append("By relation type: " + "; ".join(f"{p.group}: {_fig(p)}" for p in by_type) + ".")
        by_band = [p for p in s.lines if p.measure == "precision by confidence" and p.value is not None]
        if by_band:
            parts.append("By extraction confidence: " + "; ".join(f"{p.group}: {_fig(p)}" for p in by_band) + ".")
    else:
        kind, dupes = s.lines[-2], s.lines[-1]
        parts.append(f"The share of real organisations or programmes was {_fig(head)}; among those, "
                     f"the kind was right for {_fig(kind)} and {dupes.correct} were duplicates of "
                     "another entity. 95 % intervals are Wilson score intervals.")
    a = s.agreement
    if a is not None and a["n"]:
        kappa = "undefined (one category only)" if a["kappa"] is None else f"{a['kappa']:.2f}"
        parts.append(f"Two annotators judged the sample independently; on the {a['n']} {what} both judged "
                     f"they agreed on {a['agreement']:.0%} (Cohen's kappa = {kappa}).")
    return " ".join(parts)
