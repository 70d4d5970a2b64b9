#!/usr/bin/env python3
"""The project's benchmark: a table of medians over repeated runs.

    python bench/run.py [--repeat 7] [--batch 200] [--workers 2]

Measures: cold `briefing build` of the example (both formats, whole process), cold `briefing
extract`, warm per-document extract / PDF / DOCX in one process (both templates), warm extract of
the largest sample report, warm reads of a newspaper PDF page, a DOCX and a web page, the combined issue of
the three samples (``--combine``, and with 30 numbered copies), batch throughput on generated inputs, peak
RSS, output sizes.
Run it from the repository with the package installed (`pip install -e .` or `pip install .`).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "zhengzhou-gaoxin-2021.txt"
SAMPLES = ROOT / "tests" / "fixtures" / "samples"
MADE = ROOT / "tests" / "fixtures" / "made"


def cli() -> list[str]:
    """The ``briefing`` script of the Python running this (not whichever is first on PATH)."""
    exe = Path(sys.executable).with_name("briefing")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing"]


REF: list[float] = []  # reference-loop times taken between the repeats of the current measure
RATIO: list[float] = []  # each repeat's time over the loop run right after it


def median_time(fn, repeat: int, ref: bool = True) -> float:
    """Median of ``repeat`` runs of ``fn``; with ``ref``, the reference loop runs after each, so
    that the row can say how fast the machine was meanwhile."""
    times = []
    REF.clear()
    RATIO.clear()
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        if ref:
            t = time.perf_counter()
            reference_loop()
            REF.append(time.perf_counter() - t)
            RATIO.append(times[-1] / REF[-1])
    return statistics.median(times)


def ref_note() -> str:
    """The machine's speed during the last measure: the reference loop's median, and the median
    of each repeat's time over the loop run right after it (a figure the speed changes of this
    VM move much less: compare it between runs)."""
    return f"{statistics.median(REF) * 1000:.0f} ms | {statistics.median(RATIO):.2f}" if REF else " |"


def run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def make_batch(folder: Path, n: int) -> None:
    """n varied article-sized inputs: the example and the made shapes, re-wrapped into columns of
    other widths, paragraphs dropped or repeated, numbers changed."""
    rng = random.Random(7)
    sources = [EXAMPLE.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in sorted(MADE.glob("*.txt"))]
    for i in range(n):
        text = sources[i % len(sources)]
        lines = text.split("\n")
        if i % 3 == 1:  # renumber: other values, same shapes
            text = "".join(str(rng.randint(1, 9)) if c.isdigit() and rng.random() < 0.3 else c for c in text)
        elif i % 3 == 2:  # drop a few blank lines (column breaks)
            text = "\n".join(ln for ln in lines if ln or rng.random() < 0.7)
        (folder / f"report-{i:03d}.txt").write_text(text, encoding="utf-8")


def reference_loop() -> None:
    """A fixed pure-Python workload. This VM runs at two speeds (about 1.5x apart, switching
    every few minutes); the loop's median during a measure (about 40 ms fast, 65 ms slow) tells
    which one the measure had."""
    x = 0
    for i in range(1_000_000):
        x += i


def read_rows(repeat: int) -> list[tuple[str, ...]]:
    """Warm reads of the rich inputs: the one-page newspaper PDF of the tests (5 columns, two
    articles), and the example as DOCX and as a web page."""
    sys.path.insert(0, str(ROOT / "tests"))
    from newspaper import OTHER, Page, docx_of, html_of, make_page, sample_article

    from briefing.readers import read_input

    text = EXAMPLE.read_text(encoding="utf-8")
    inputs = [("PDF, one-page newspaper (A3, 5 columns, 2 articles)", make_page(Page(sample_article(text), OTHER))),
              ("DOCX, example", docx_of(sample_article(text).paragraphs)),
              ("HTML, example in a page with nav and footer", html_of(sample_article(text).paragraphs))]
    rows = []
    for what, data in inputs:
        read_input(data, name="bench")
        t = median_time(lambda data=data: read_input(data, name="bench"), repeat * 3)
        rows.append((f"warm read {what}", f"{t * 1000:.1f} ms", ref_note()))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    rows: list[tuple[str, ...]] = []
    tmp = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        before = median_time(reference_loop, 5, ref=False)
        out = tmp / "out"
        t = median_time(lambda: run([*cli(), "build", str(EXAMPLE), "-o", str(out), "--force", "-q"]), a.repeat)
        rows.append(("cold `briefing build` example (pdf+docx, process)", f"{t * 1000:.0f} ms", ref_note()))
        t = median_time(lambda: run([*cli(), "extract", str(EXAMPLE), "-o", str(tmp / "s.json"), "--force"]), a.repeat)
        rows.append(("cold `briefing extract` example (process)", f"{t * 1000:.0f} ms", ref_note()))

        from briefing import api

        text = EXAMPLE.read_text(encoding="utf-8")
        api.extract_text(text)
        t = median_time(lambda: api.extract_text(text), a.repeat * 3)
        rows.append(("warm extract, example", f"{t * 1000:.1f} ms", ref_note()))
        big = (SAMPLES / "2026_广东省_政府工作报告.txt").read_text(encoding="utf-8")
        api.extract_text(big)
        t = median_time(lambda: api.extract_text(big), a.repeat)
        rows.append(("warm extract, 96 KB Guangdong report", f"{t * 1000:.1f} ms", ref_note()))
        rows.extend(read_rows(a.repeat))
        summary = api.extract_text(text)
        sizes = {}
        for tpl in ("standard", "gbt9704"):
            for fmt in ("pdf", "docx"):
                data = api.render(summary, template=tpl, formats=(fmt,))[fmt]
                sizes[(tpl, fmt)] = len(data)
                t = median_time(lambda tpl=tpl, fmt=fmt: api.render(summary, template=tpl, formats=(fmt,)),
                                a.repeat * 3)
                rows.append((f"warm render {fmt.upper()}, example, {tpl}", f"{t * 1000:.1f} ms", ref_note()))
        from web import preview_refresh  # bench/web.py

        t, _ = preview_refresh(a.repeat * 3)
        rows.append(("web page: edit + preview refresh, example (HTTP)", f"{t * 1000:.0f} ms"))
        issue_inputs = [EXAMPLE, SAMPLES / "2026_北京市_政府工作报告.txt", SAMPLES / "2026_广东省_政府工作报告.txt"]
        for tpl in ("gbt9704", "standard"):
            cout = tmp / f"combined-{tpl}"
            t = median_time(lambda tpl=tpl, cout=cout: run([*cli(), "build", *map(str, issue_inputs), "--combine", "-t",
                                                            tpl, "-o", str(cout), "--force", "-q"]), a.repeat)
            rows.append((f"cold `briefing build --combine` of the 3 samples (pdf+docx), {tpl}", f"{t * 1000:.0f} ms",
                         ref_note()))
        copies = tmp / "copies"
        t = median_time(lambda: run([*cli(), "build", *map(str, issue_inputs), "--combine", "-t", "gbt9704", "-o",
                                     str(copies), "--force", "-q", "--format", "pdf", "--copies", "30"]), a.repeat)
        rows.append(("cold `briefing build --combine --copies 30` of the 3 samples (pdf)", f"{t * 1000:.0f} ms",
                     ref_note()))
        for f in sorted(copies.glob("*.pdf")):
            rows.append(("output size PDF, 30 copies of the combined issue", f"{f.stat().st_size / 1024:.0f} KB"))
        rows.append(("peak RSS, this process (extract + render)",
                     f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"))

        inputs = tmp / "batch"
        inputs.mkdir()
        make_batch(inputs, a.batch)
        bout = tmp / "bout"
        t0 = time.perf_counter()
        run([*cli(), "build", str(inputs), "-o", str(bout), "--force", "-q", "--workers", str(a.workers)])
        dt = time.perf_counter() - t0
        built = len(list(bout.glob("*.pdf")))
        rows.append((f"batch: {a.batch} inputs, {a.workers} workers, pdf+docx", f"{dt:.1f} s, {built / dt:.1f} briefings/s"))
        rows.append(("peak RSS of one process in the batch",
                     f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"))
        for (tpl, fmt), n in sizes.items():
            rows.append((f"output size {fmt.upper()}, example, {tpl}", f"{n / 1024:.0f} KB"))
        after = median_time(reference_loop, 5, ref=False)
        rows.append(("machine speed: reference loop before / after (lower is faster)",
                     f"{before * 1000:.0f} / {after * 1000:.0f} ms"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    w = max(len(r[0]) for r in rows)
    print(f"| {'measure'.ljust(w)} | median | reference loop meanwhile | time ÷ loop |")
    print(f"|{'-' * (w + 2)}|--------|--------------------------|-------------|")
    for k, v, *note in rows:
        print(f"| {k.ljust(w)} | {v} | {note[0] if note else ' |'} |")


if __name__ == "__main__":
    main()
