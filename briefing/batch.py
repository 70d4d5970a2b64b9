"""Batch builds: many inputs → a folder of briefings, in a process pool.

The parent collects the inputs and gives each a safe and stable output name
(:mod:`briefing.batch_plan`), and hands jobs to the workers (:mod:`briefing.batch_worker`),
largest input first. Each worker imports the renderers once (and, forked on Linux,
inherits the fonts the parent already loaded while checking the template), then for each job
reads, hashes, extracts, renders and writes atomically itself, so only a small record travels
back. A bad input becomes a ``failed`` record and the batch goes on. A worker that dies (killed,
out of memory) breaks only its own job: the jobs that were in flight with it are retried one by
one in a fresh process at the end.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import manifest, output, prefork
from .batch_plan import INPUT_SUFFIXES, collect, plan, planned_entries
from .batch_worker import DEFAULT_TIMEOUT, Job, Result, Settings, init_worker, run_job, template_fingerprint
from .errors import BriefingError, InputError, OutputError
from .manifest import Entry
from .output import Janitor, prepare_dir, sweep_stale

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future

__all__ = ["DEFAULT_TIMEOUT", "INPUT_SUFFIXES", "BatchResult", "Job", "Reporter", "Result", "Settings", "collect",
           "plan", "run", "template_fingerprint"]



@dataclass
class BatchResult:
    """The outcome of a batch: one result per input, problems that gave no input, timing."""

    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    manifest: Path | None = None
    problems: list[str] = field(default_factory=list)  # paths that gave no input at all

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.entry.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed") + len(self.problems)

    @property
    def exit_code(self) -> int:
        """0 when nothing failed; when nothing was built either and every failure is of one kind,
        that kind's code (a single bad input exits 3, a bad summary 4 …); else 1."""
        codes = {r.code or 1 for r in self.results if r.entry.status == "failed"}
        if self.problems:
            codes.add(InputError.exit_code)
        if not codes:
            return 0
        if len(codes) == 1 and all(r.entry.status == "failed" for r in self.results):
            return codes.pop()
        return 1


class Reporter:
    """What the batch tells the user; the CLI supplies a progress bar or plain lines."""

    def start(self, total: int, workers: int) -> None: ...
    def problem(self, message: str) -> None: ...
    def done(self, result: Result) -> None: ...
    def tick(self) -> None: ...
    def note(self, message: str) -> None: ...
    def finish(self, batch: BatchResult) -> None: ...


def run(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    workers: int | None = None,
    reporter: Reporter | None = None,
    preflight: Callable[[], None] | None = None,
    warm_up: Callable[[], None] | None = None,
    helper: Callable[[], prefork.Helper | None] | None = None,
) -> BatchResult:
    """Build every input under ``paths`` into ``settings.output_dir``; see the module doc."""
    rep = reporter or Reporter()
    t0 = time.perf_counter()
    created = not Path(settings.output_dir).exists()
    out_dir = prepare_dir(settings.output_dir)
    lock = _lock(out_dir)
    janitor = Janitor(out_dir)
    try:
        sweep_stale(out_dir)
        previous, warning = manifest.load(out_dir)
        if warning:
            rep.note(warning)
        skip = [out_dir / n for e in previous.values() for n in manifest.names(e)]
        inputs, problems = collect(paths, out_dir, skip)
        if not inputs:
            raise InputError(problems[0] if len(problems) == 1 else "nothing to build: " + "; ".join(problems))
        jobs = plan(inputs, previous)
        n = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
        # One input: the PDF is prepared and rendered on another core while this process extracts;
        # the helper runs the preflight itself (see prefork).
        pdf_helper = helper() if helper and len(jobs) == 1 else None
        if pdf_helper is None:
            prefork.discard_early()
        if preflight and pdf_helper is None:
            preflight()  # template fonts etc.: fail once, before any work, not once per input
        batch = BatchResult(problems=problems)
        rep.start(len(jobs), n)
        for p in problems:
            rep.problem(p)
        current: dict[str, Entry] = {}
        state = _Checkpoint(out_dir, previous, planned_entries(jobs, settings.formats, out_dir), current)
        state.write(durable=False)

        def record(r: Result) -> None:
            batch.results.append(r)
            current[r.entry.input] = r.entry
            rep.done(r)
            state.maybe_write()

        keys = frozenset(j.key for j in jobs)
        try:
            if n == 1:
                init_worker(settings, keys, preload=False)
                for j in jobs:
                    try:
                        record(run_job(j, pdf_helper))
                    except prefork.PreflightFailed as e:
                        raise e.error from None
            else:
                if warm_up and sys.platform.startswith("linux"):
                    warm_up()  # forked workers inherit it all instead of each loading it
                # Objects the workers inherit stay out of their garbage collector, which would
                # otherwise touch (and so copy) every shared page.
                gc.freeze()
                try:
                    _run_pool(jobs, settings, keys, n, record, rep)
                finally:
                    gc.unfreeze()
        finally:
            if pdf_helper:
                pdf_helper.close()
            batch.results.sort(key=lambda r: r.index)
            batch.seconds = time.perf_counter() - t0
            try:
                batch.manifest = state.write()
            except OutputError as e:  # e.g. the disk filled up: the built files are still fine
                batch.problems.append(str(e))
                rep.problem(str(e))
        rep.finish(batch)
        return batch
    finally:
        janitor.close()
        _unlock(lock)
        if created:  # a run that stopped before writing anything leaves no empty folder behind
            try:
                out_dir.rmdir()
            except OSError:
                pass


def _run_pool(jobs: list[Job], settings: Settings, keys: frozenset[str], n: int,
              record: Callable[[Result], None], rep: Reporter) -> None:
    queue = deque(sorted(jobs, key=lambda j: -j.size))  # big ones first: no lone straggler at the end
    suspects: list[Job] = []
    while queue:
        suspects += _pool_pass(queue, settings, keys, n, record, rep)
    for job in suspects:  # alone, each in a fresh worker: only a job that kills it again fails
        lone = deque([job])
        for j in _pool_pass(lone, settings, keys, 1, record, rep):
            entry = Entry(input=j.key, status="failed",
                          error=f"{j.path}: the worker process died on this input (out of memory? try it alone)")
            record(Result(j.index, j.path, entry))


def _pool_pass(queue: deque[Job], settings: Settings, keys: frozenset[str], n: int,
               record: Callable[[Result], None], rep: Reporter) -> list[Job]:
    """Run jobs from ``queue`` until it is empty or the pool breaks; returns the jobs that were
    in flight when it broke."""
    # Imported here: a single input never needs a pool (about 15 ms of a cold start).
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork") if sys.platform.startswith("linux") else mp.get_context()
    running: dict[Future[Result], Job] = {}
    broken: list[Job] = []
    ex = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=init_worker,
                             initargs=(settings, keys, os.getpid(), output.RUN_TAG))
    try:
        while (queue or running) and not broken:
            while queue and len(running) < 2 * n:
                job = queue.popleft()
                try:
                    running[ex.submit(run_job, job)] = job
                except BrokenProcessPool:
                    broken.append(job)
                    break
            if not running:
                break
            done, _ = wait(running, timeout=0.25, return_when=FIRST_COMPLETED)
            rep.tick()
            for fut in done:
                job = running.pop(fut)
                try:
                    record(fut.result())
                except BrokenProcessPool:
                    broken.append(job)
        broken += running.values()
        running.clear()
    except KeyboardInterrupt:
        for fut in running:
            fut.cancel()
        raise
    finally:
        ex.shutdown(wait=True, cancel_futures=True)
    return broken


class _Checkpoint:
    """Writes the manifest: at the start with the planned files as pending, again as each input
    finishes (atomically, so a killed run resumes without rebuilding what it finished), and at
    the end. A rewrite costs about 4 ms for 200 inputs and 25 ms for 2,000: when the manifest is
    so big that rewriting it would take more than a twentieth of the run, finished inputs are
    gathered and written together."""

    def __init__(self, folder: Path, previous: dict[str, Entry], planned: dict[str, Entry],
                 current: dict[str, Entry]) -> None:
        self.folder, self.previous, self.planned, self.current = folder, previous, planned, current
        self.last, self.cost = time.monotonic(), 0.0

    def maybe_write(self) -> None:
        if time.monotonic() - self.last >= 20 * self.cost:
            try:
                self.write(durable=False)
            except BriefingError:
                pass  # the final write reports it

    def write(self, durable: bool = True) -> Path:
        t0 = time.monotonic()
        entries = manifest.merge(self.previous, {**self.planned, **self.current}, self.folder)
        path = manifest.write(self.folder, entries, durable=durable)
        self.last = time.monotonic()
        self.cost = self.last - t0
        return path


def _lock(folder: Path) -> Any:
    """One batch at a time per output folder (their manifests would overwrite each other)."""
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise OutputError("another briefing build is writing to this folder", path=str(folder),
                          hint="wait for it or choose another -o/--output-dir") from None
    return fd


def _unlock(fd: Any) -> None:
    if fd is not None:
        os.close(fd)
