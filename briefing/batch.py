"""Batch builds: many inputs → a folder of briefings, in a process pool.

The parent collects the inputs, gives each a safe and stable output name, and hands jobs to the
workers, largest input first. Each worker imports the renderers once (and, forked on Linux,
inherits the fonts the parent already loaded while checking the template), then for each job
reads, hashes, extracts, renders and writes atomically itself, so only a small record travels
back. A bad input becomes a ``failed`` record and the batch goes on. A worker that dies (killed,
out of memory) breaks only its own job: the jobs that were in flight with it are retried one by
one in a fresh process at the end.
"""

from __future__ import annotations

import gc
import glob
import hashlib
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__, manifest, output, reader
from .errors import BriefingError, OutputError, UsageError
from .manifest import Entry
from .output import Janitor, inside, prepare_dir, sweep_stale, unique_stems, write_files
from .template import Template

INPUT_SUFFIXES = (".txt", ".json")
DEFAULT_TIMEOUT = 45.0
CHECKPOINT_SECONDS = 3.0
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the job; sent once per worker."""

    output_dir: Path
    template: Template
    formats: tuple[str, ...] = ("pdf", "docx")
    force: bool = False
    strict: bool = False
    encoding: str | None = None
    max_size: int = reader.DEFAULT_MAX_SIZE
    labels: tuple[str, ...] = ()
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per input; None: no limit

    @property
    def template_sha256(self) -> str:
        return template_fingerprint(self.template)


@dataclass(frozen=True)
class Job:
    index: int
    path: str  # as the user wrote it (or as found in a folder)
    key: str  # absolute path: the manifest key
    stem: str
    size: int = 0
    previous: Entry | None = None


@dataclass
class Result:
    index: int
    display: str
    entry: Entry
    detail: str | None = None  # a traceback, for an internal error (shown with -v)


@dataclass
class BatchResult:
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
        return 1 if self.failed else 0


class Reporter:
    """What the batch tells the user; the CLI supplies a progress bar or plain lines."""

    def start(self, total: int, workers: int) -> None: ...
    def problem(self, message: str) -> None: ...
    def done(self, result: Result) -> None: ...
    def tick(self) -> None: ...
    def note(self, message: str) -> None: ...
    def finish(self, batch: BatchResult) -> None: ...


def template_fingerprint(tpl: Template) -> str:
    return hashlib.sha256(repr(tpl).encode("utf-8")).hexdigest()


# -- collecting inputs -------------------------------------------------------------------------
def collect(paths: Iterable[str | Path], output_dir: Path, skip: Iterable[Path] = ()) -> tuple[list[Path], list[str]]:
    """Files, folders (searched recursively for ``*.txt`` and ``*.json``) and glob patterns →
    input files in a stable order (each once), and one message per path that gave nothing.
    The output folder and the files in ``skip`` (earlier outputs, the manifest) are never inputs."""
    out_real = _real(output_dir)
    skip_real = {_real(p) for p in skip} | {_real(output_dir / manifest.NAME)}
    found: list[Path] = []
    seen: set[Path] = set()
    problems: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.exists():
            candidates = [p]
        elif _GLOB_CHARS & set(str(raw)):
            candidates = [Path(x) for x in sorted(glob.glob(str(raw), recursive=True))]
            if not candidates:
                problems.append(f"{raw}: no file matches this pattern (check the pattern)")
                continue
        else:
            problems.append(f"{raw}: no such file or folder (check the path)")
            continue
        for c in candidates:
            if c.is_dir():
                files = _walk(c, out_real, skip_real)
                if not files and len(candidates) == 1:
                    problems.append(f"{c}: no .txt or .json inputs in this folder (searched recursively)")
            else:
                files = [c] if _real(c) not in skip_real else []
            for f in files:
                r = _real(f)
                if r not in seen:
                    seen.add(r)
                    found.append(f)
    return found, problems


def _walk(folder: Path, out_real: Path, skip_real: set[Path]) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _real(Path(root, d)) != out_real)
        for n in sorted(names):
            if n.startswith(".") or not n.lower().endswith(INPUT_SUFFIXES):
                continue
            p = Path(root, n)
            if _real(p) not in skip_real:
                files.append(p)
    return files


def _real(p: Path) -> Path:
    try:
        return p.resolve()
    except OSError:
        return p.absolute()


# -- planning ----------------------------------------------------------------------------------
def plan(inputs: list[Path], previous: dict[str, Entry]) -> list[Job]:
    """One job per input with its output stem: an input built here before keeps its name; a new
    one gets its own file name, sanitised and made unique (``-2``, ``-3``) against this run and
    against the names other inputs own in the manifest."""
    keys = [str(_real(p)) for p in inputs]
    current = set(keys)
    used = {e.stem.casefold() for k, e in previous.items() if k not in current and e.stem}
    stems: dict[int, str] = {}
    for i, k in enumerate(keys):
        prev = previous.get(k)
        if prev and prev.stem and prev.stem.casefold() not in used:
            stems[i] = prev.stem
            used.add(prev.stem.casefold())
    rest = [i for i in range(len(inputs)) if i not in stems]
    for i, s in zip(rest, unique_stems([_wanted_stem(inputs[i]) for i in rest], taken=used)):
        stems[i] = s
    jobs = []
    for i, (p, k) in enumerate(zip(inputs, keys)):
        try:
            size = p.stat().st_size
        except OSError:
            size = 0
        jobs.append(Job(i, str(p), k, stems[i], size, previous.get(k)))
    return jobs


def _wanted_stem(p: Path) -> str:
    stem = p.stem
    if p.suffix.lower() == ".json" and stem.lower().endswith(".summary"):
        stem = stem[: -len(".summary")]
    return stem


# -- the work of one job (in a worker) ---------------------------------------------------------
_SETTINGS: Settings | None = None
_INPUTS: frozenset[str] = frozenset()


def init_worker(settings: Settings, inputs: frozenset[str], parent: int | None = None, tag: str = "") -> None:
    """Per worker: keep the settings, die with the parent, leave Ctrl-C to the parent, and import
    the renderers now rather than inside the first job."""
    global _SETTINGS, _INPUTS
    _SETTINGS, _INPUTS = settings, inputs
    output.RUN_TAG = tag or output.RUN_TAG  # spawned workers: same temp-file tag as the parent
    if parent is not None:
        _die_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    import importlib

    from .render import FORMATS

    for fmt in settings.formats:
        if fmt in FORMATS:
            importlib.import_module(FORMATS[fmt])


def _die_with_parent(parent: int) -> None:
    """A worker whose parent was killed (even by SIGKILL) must not go on writing files."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def run_job(job: Job) -> Result:
    s = _SETTINGS
    assert s is not None, "init_worker() first"
    t0 = time.perf_counter()
    entry = Entry(input=job.key, template=s.template.name or s.template.source,
                  template_sha256=s.template_sha256, version=__version__)
    prev = job.previous
    detail = None
    try:
        with _time_limit(s.timeout):
            data = reader.read_bytes(job.path, max_size=s.max_size)
            entry.sha256 = hashlib.sha256(data).hexdigest()
            if prev and not s.force and manifest.up_to_date(prev, entry.sha256, entry.template_sha256, s.formats,
                                                            s.output_dir):
                entry = replace(prev, status="skipped", error=None, warnings=[], pending={})
            else:
                _build_one(job, data, s, entry)
    except _TimeUp:
        entry.status = "failed"
        entry.error = (f"{job.path}: gave up after {s.timeout:g} s "
                       "(raise --timeout if this is really one report, or split it)")
    except BriefingError as e:
        entry.status, entry.error = "failed", str(e)
    except MemoryError:
        entry.status, entry.error = "failed", f"{job.path}: out of memory (is it really one report?)"
    except Exception as e:  # a bug: the batch goes on; the traceback is shown with -v
        entry.status = "failed"
        entry.error = f"{job.path}: internal error: {type(e).__name__}: {e}"
        detail = traceback.format_exc()
    if entry.status == "failed" and prev:  # the files of an earlier build are still its own
        entry.outputs = _existing(prev.outputs, s.output_dir)
        entry.stale = _existing(prev.stale, s.output_dir)
        entry.output_sha256 = dict(prev.output_sha256)
    entry.seconds = round(time.perf_counter() - t0, 3)
    return Result(job.index, job.path, entry, detail)


def _build_one(job: Job, data: bytes, s: Settings, entry: Entry) -> None:
    from . import api

    summary = api.summary_from_bytes(data, name=job.path, encoding=s.encoding, labels=s.labels,
                                     json_summary=job.path.lower().endswith(".json"))
    blobs = api.render(summary, template=s.template, formats=s.formats, strict=s.strict,
                       warn=entry.warnings.append)
    targets = {fmt: inside(s.output_dir, f"{job.stem}.{fmt}") for fmt in blobs}
    for t in targets.values():
        if str(_real(t)) in _INPUTS:
            raise OutputError("the output would replace an input", path=str(t),
                              hint="choose another -o/--output-dir")
    prev = job.previous
    existed = [t for t in targets.values() if os.path.lexists(t)]
    if not s.force:
        for t in existed:
            mine = manifest.owns(prev, t)
            if mine is None:
                raise OutputError("was changed since it was built", path=str(t),
                                  hint="keep your copy under another name, or pass --force to replace it")
            if not mine:
                raise OutputError("exists already and was not built from this input", path=str(t),
                                  hint="pass --force to replace it, or choose another -o/--output-dir")
    write_files({targets[f]: blobs[f] for f in blobs}, replace=True)
    entry.outputs = {f: t.name for f, t in targets.items()}
    entry.output_sha256 = {t.name: hashlib.sha256(blobs[f]).hexdigest() for f, t in targets.items()}
    entry.status = "updated" if existed else "ok"
    if prev:  # files of formats not built this time still belong to this input
        same = (prev.sha256, prev.template_sha256, prev.version) == (entry.sha256, entry.template_sha256,
                                                                       entry.version)
        for f, n in {**prev.stale, **prev.outputs}.items():
            if f in entry.outputs or not (s.output_dir / n).exists():
                continue
            (entry.outputs if same and f in prev.outputs else entry.stale)[f] = n
            if n in prev.output_sha256:
                entry.output_sha256[n] = prev.output_sha256[n]


class _TimeUp(BaseException):
    """Raised by the alarm in the middle of a job; a BaseException so no ``except Exception``
    in the pipeline can swallow it."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the job after ``seconds`` (POSIX main thread only; elsewhere no limit)."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise _TimeUp()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _existing(files: dict[str, str], folder: Path) -> dict[str, str]:
    return {f: n for f, n in files.items() if (folder / n).exists()}


def _planned(jobs: list[Job], formats: tuple[str, ...], folder: Path) -> dict[str, Entry]:
    """The entries a run starts with: every job's earlier entry (or a new one), with the files it
    is about to write as ``pending``, so a killed run still knows them as its own. A file that
    exists and is someone else's is not claimed."""
    out = {}
    for j in jobs:
        e = replace(j.previous) if j.previous else Entry(input=j.key, status="pending")
        own = {n.casefold() for n in manifest.names(e)}
        e.pending = {}
        for fmt in formats:
            name = f"{j.stem}.{fmt}"
            if name.casefold() not in own and not os.path.lexists(folder / name):
                e.pending[fmt] = name
        out[j.key] = e
    return out


# -- running -----------------------------------------------------------------------------------
def run(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    workers: int | None = None,
    reporter: Reporter | None = None,
    preflight: Callable[[], None] | None = None,
    warm_up: Callable[[], None] | None = None,
) -> BatchResult:
    """Build every input under ``paths`` into ``settings.output_dir``; see the module doc."""
    rep = reporter or Reporter()
    t0 = time.perf_counter()
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
            raise UsageError(problems[0] if len(problems) == 1 else "nothing to build: " + "; ".join(problems))
        if preflight:
            preflight()  # template fonts etc.: fail once, before any work, not once per input
        jobs = plan(inputs, previous)
        n = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
        batch = BatchResult(problems=problems)
        rep.start(len(jobs), n)
        for p in problems:
            rep.problem(p)
        current: dict[str, Entry] = {}
        state = _Checkpoint(out_dir, previous, _planned(jobs, settings.formats, out_dir), current)
        state.write(durable=False)

        def record(r: Result) -> None:
            batch.results.append(r)
            current[r.entry.input] = r.entry
            rep.done(r)
            state.maybe_write()

        keys = frozenset(j.key for j in jobs)
        try:
            if n == 1:
                init_worker(settings, keys)
                for j in jobs:
                    record(run_job(j))
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
    import multiprocessing as mp

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
    """Writes the manifest: at the start with the planned files as pending, every few seconds
    while the run goes on (so a killed run resumes without rebuilding what it finished),
    and at the end."""

    def __init__(self, folder: Path, previous: dict[str, Entry], planned: dict[str, Entry],
                 current: dict[str, Entry]) -> None:
        self.folder, self.previous, self.planned, self.current = folder, previous, planned, current
        self.last = time.monotonic()

    def maybe_write(self) -> None:
        if time.monotonic() - self.last > CHECKPOINT_SECONDS:
            try:
                self.write(durable=False)
            except BriefingError:
                pass  # the final write reports it

    def write(self, durable: bool = True) -> Path:
        self.last = time.monotonic()
        entries = manifest.merge(self.previous, {**self.planned, **self.current}, self.folder)
        return manifest.write(self.folder, entries, durable=durable)


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
