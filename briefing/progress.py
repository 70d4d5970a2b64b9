"""What a batch shows while it runs and when it ends.

On a terminal: one progress line (count, bar, percent, rate, ETA) redrawn in place on stderr, with
problems printed above it as they happen, then a table of results on stdout. Not on a terminal
(a log file, a pipe) or with ``-q``: one plain line per input instead of the bar.
"""

from __future__ import annotations

import shutil
import sys
import time
import unicodedata
from typing import TextIO

from .batch import BatchResult, Reporter, Result

_STATUS_WORD = {"ok": "built", "updated": "updated", "skipped": "skipped", "failed": "FAILED"}
MAX_TABLE_ROWS = 20


def width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def fit(text: str, cols: int) -> str:
    """``text`` cut (with …) or padded to exactly ``cols`` columns."""
    if width(text) <= cols:
        return text + " " * (cols - width(text))
    out, used = "", 0
    for c in text:
        w = width(c)
        if used + w > cols - 1:
            break
        out += c
        used += w
    return out + "…" + " " * (cols - 1 - used)


def duration(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class ConsoleReporter(Reporter):
    def __init__(self, *, bar: bool, quiet: bool = False, verbose: bool = False,
                 out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.bar, self.quiet, self.verbose = bar, quiet, verbose
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.total = self.count = self.failed = 0
        self.t0 = time.monotonic()
        self.last_draw = 0.0
        self.current = ""
        self.drawn = False

    # -- events ----------------------------------------------------------------------------
    def start(self, total: int, workers: int) -> None:
        self.total, self.t0 = total, time.monotonic()
        if not self.quiet:
            self._above(f"briefing: {total} input{'s' if total != 1 else ''}, {workers} worker{'s' if workers != 1 else ''}")
        self._draw(force=True)

    def problem(self, message: str) -> None:
        self.failed += 1
        self._above(f"briefing: error: {message}")

    def note(self, message: str) -> None:
        if not self.quiet:
            self._above(f"briefing: warning: {message}")

    def done(self, result: Result) -> None:
        self.count += 1
        e = result.entry
        self.current = result.display
        if e.status == "failed":
            self.failed += 1
            if self.bar:
                self._above(f"briefing: error: {e.error}")
            if self.verbose and result.detail:
                self._above(result.detail.rstrip())
        if not self.quiet:
            for w in e.warnings:
                self._above(f"briefing: warning: {result.display}: {w}")
        if not self.bar:
            self._plain(result)
        self._draw()

    def tick(self) -> None:
        self._draw()

    def finish(self, batch: BatchResult) -> None:
        self._clear()
        if self.quiet:
            return
        self.out.write(table(batch, styled=self.out.isatty()))
        self.out.flush()

    # -- drawing ---------------------------------------------------------------------------
    def _plain(self, r: Result) -> None:
        e = r.entry
        n = len(str(self.total))
        head = f"[{self.count:>{n}}/{self.total}]"
        if e.status == "failed":
            self.err.write(f"{head} FAILED  {r.display}: {_problem(r)}\n")
            self.err.flush()
            return
        outs = ", ".join(e.outputs.values())
        self.out.write(f"{head} {_STATUS_WORD[e.status].lower():7} {r.display} → {outs} ({e.seconds:.2f} s)\n")
        self.out.flush()

    def _above(self, line: str) -> None:
        self._clear()
        self.err.write(line + "\n")
        self.err.flush()
        self._draw(force=True)

    def _clear(self) -> None:
        if self.drawn:
            self.err.write("\r\x1b[2K")
            self.err.flush()
            self.drawn = False

    def _draw(self, force: bool = False) -> None:
        if not self.bar or not self.total:
            return
        now = time.monotonic()
        if not force and now - self.last_draw < 0.1 and self.count < self.total:
            return
        self.last_draw = now
        cols = shutil.get_terminal_size((100, 24)).columns
        self.err.write("\r\x1b[2K" + progress_line(self.count, self.total, now - self.t0, self.failed,
                                                   self.current, cols))
        self.err.flush()
        self.drawn = True


def progress_line(done: int, total: int, elapsed: float, failed: int, current: str, cols: int) -> str:
    """`` 57/200 [██████▌      ]  28%  12.3/s  ETA 0:12  2 failed  name``, fitted to ``cols``."""
    rate = done / elapsed if elapsed > 0 and done else 0.0
    eta = duration((total - done) / rate) if rate else "--:--"
    n = len(str(total))
    head = f"{done:>{n}}/{total} "
    tail = f" {100 * done // max(1, total):3d}%  {rate:5.1f}/s  ETA {eta}"
    if failed:
        tail += f"  {failed} failed"
    bar_cols = max(10, min(40, cols - width(head) - width(tail) - 4 - 20))
    filled = bar_cols * done / max(1, total)
    full = int(filled)
    part = " ▏▎▍▌▋▊▉"[int((filled - full) * 8)] if full < bar_cols else ""
    bar = "[" + "█" * full + part + " " * (bar_cols - full - len(part)) + "]"
    line = head + bar + tail
    room = cols - 1 - width(line) - 2
    if current and room > 6:
        line += "  " + fit(current, min(room, width(current)))
    return line if width(line) < cols else fit(line, cols - 1)


def table(batch: BatchResult, *, styled: bool = False, max_rows: int = MAX_TABLE_ROWS) -> str:
    """The closing table: one row per input (failed ones first when there are many), then totals."""
    rows = batch.results
    if len(rows) > max_rows:
        failed = [r for r in rows if r.entry.status == "failed"]
        rows = failed + [r for r in rows if r.entry.status != "failed"][: max(0, max_rows - len(failed))]
    cols = shutil.get_terminal_size((100, 24)).columns
    name_w = min(max([width("input")] + [width(r.display) for r in rows]), max(20, cols // 3))
    lines = [f"{fit('input', name_w)}  {'status':8} {'seconds':>7}  outputs / error"]
    for r in rows:
        e = r.entry
        status = _STATUS_WORD[e.status]
        what = _problem(r) if e.status == "failed" else " ".join(e.outputs.values())
        cell = f"{status:8}"
        if styled:
            import click

            cell = click.style(cell, fg="red" if e.status == "failed" else "green" if e.status != "skipped" else None)
        lines.append(f"{fit(r.display, name_w)}  {cell} {e.seconds:7.2f}  {what}")
    hidden = len(batch.results) - len(rows)
    if hidden:
        lines.append(f"… {hidden} more (all succeeded), see {batch.manifest}")
    lines.append("─" * min(cols - 1, 72))
    lines.append(summary_line(batch))
    return "\n".join(lines) + "\n"


def _problem(r: Result) -> str:
    """The error of a result without the input's name in front (it is in the row already)."""
    err = r.entry.error or ""
    return err[len(r.display) + 2:] if err.startswith(r.display + ": ") else err


def summary_line(batch: BatchResult) -> str:
    built = batch.count("ok") + batch.count("updated")
    total = len(batch.results) + len(batch.problems)
    rate = len(batch.results) / batch.seconds if batch.seconds > 0 else 0.0
    parts = [f"{total} input{'s' if total != 1 else ''}: {built} built"]
    if batch.count("skipped"):
        parts.append(f"{batch.count('skipped')} up to date (skipped)")
    parts.append(f"{batch.failed} failed")
    line = ", ".join(parts) + f" in {batch.seconds:.1f} s ({rate:.1f}/s)"
    if batch.manifest:
        line += f"; manifest: {batch.manifest}"
    return line
