"""How `ecograph ingest` shows its progress on stderr: a bar redrawn in place on a terminal,
one line per document when forced elsewhere (`--progress`), nothing otherwise."""
from __future__ import annotations

import shutil
import time
from typing import Callable, TextIO

from ecograph.ingest.pipeline import Progress

REDRAW_SECONDS = 0.1  # a terminal bar is redrawn at most this often (and on the last document)
BAR_WIDTH = 20


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


class ProgressDisplay:
    """Renders `Progress` events: `live=True` redraws one line (a terminal), else one line
    per finished document. `close()` clears a live line."""

    def __init__(self, stream: TextIO, *, live: bool, clock: Callable[[], float] = time.monotonic):
        self.stream, self.live, self.clock = stream, live, clock
        self.started = clock()
        self.last_draw = float("-inf")
        self.drawn = False

    def rate(self, done: int) -> float:
        elapsed = self.clock() - self.started
        return done / elapsed if elapsed > 0 else 0.0

    def figures(self, p: Progress) -> str:
        rate = self.rate(p.done)
        left = f", {_duration((p.total - p.done) / rate)} left" if rate > 0 and p.done < p.total else ""
        return f"{rate:.1f} docs/s{left}"

    def __call__(self, p: Progress) -> None:
        if not self.live:
            if p.outcome is not None:
                print(f"[{p.done}/{p.total}] {p.outcome} {p.source} ({self.figures(p)})",
                      file=self.stream, flush=True)
            return
        now = self.clock()
        if now - self.last_draw < REDRAW_SECONDS and p.done < p.total:
            return
        self.last_draw = now
        filled = BAR_WIDTH * p.done // max(p.total, 1)
        head = f"{p.done}/{p.total} [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {self.figures(p)}  "
        width = shutil.get_terminal_size((80, 24)).columns - 1
        room = width - len(head)
        name = p.source if len(p.source) <= room else "…" + p.source[-max(room - 1, 0):]
        self.stream.write("\r\x1b[K" + (head + name)[:width])
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.live and self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
