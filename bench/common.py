"""Timing, statistics, machine facts and the result record every benchmark returns."""
from __future__ import annotations

import datetime as _dt
import gc
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): with few samples, p95 is the worst but honest."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return s[k]


def timed(fn: Callable, reps: int, *, warmup: int = 1) -> list[float]:
    """Seconds per call of `fn`, `reps` times after `warmup` untimed calls; GC off while timing."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(reps):
        gc.collect()
        gc.disable()
        try:
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        finally:
            gc.enable()
    return out


def rss_mb() -> float:
    """Resident set size of this process (MiB), from /proc."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def machine() -> dict:
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "ram": mem, "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def git_rev() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=5).stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


@dataclass
class Result:
    """One benchmark's section of BENCHMARKS.md: a title, a table, notes and target verdicts."""
    name: str
    title: str
    command: str
    rows: list[dict] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, bool | None]] = field(default_factory=list)  # (target, measured, met)
    seconds: float = 0.0
    load_before: str = ""
    date: str = ""

    def table(self) -> str:
        cols = self.columns or (list(self.rows[0]) if self.rows else [])
        if not cols:
            return ""
        out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for r in self.rows:
            out.append("| " + " | ".join(_fmt(r.get(c, "")) for c in cols) + " |")
        return "\n".join(out)

    def markdown(self) -> str:
        parts = [f"## {self.title}", "", f"Command: `{self.command}`  ",
                 f"Run {self.date or machine()['date']}; wall time of this benchmark: {self.seconds:.1f} s; "
                 f"load average before it: {self.load_before}", ""]
        if self.targets:
            parts += ["| target | measured | verdict |", "|---|---|---|"]
            for t, m, ok in self.targets:
                parts.append(f"| {t} | {m} | {'met' if ok else ('NOT met' if ok is False else 'n/a')} |")
            parts.append("")
        tab = self.table()
        if tab:
            parts += [tab, ""]
        fence = False
        for n in self.notes:
            if n.startswith("```"):
                fence = not fence
            parts.append(n if fence or n.startswith(("-", "```", "|", "    ")) or n == "" else f"- {n}")
        parts.append("")
        return "\n".join(parts)


def _fmt(v) -> str:
    if isinstance(v, float):
        if v != v:
            return "–"
        if abs(v) >= 100:
            return f"{v:,.0f}"
        if abs(v) >= 1:
            return f"{v:.2f}"
        return f"{v:.3g}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v).replace("|", "\\|")


def ms(x: float) -> float:
    return x * 1000.0
