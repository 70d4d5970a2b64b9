"""The work of one batch job, in a worker process (or in the main one with one worker).

Each job reads, hashes, extracts, renders and writes its own outputs atomically, so only a
small record travels back to the parent. A job is interrupted after the time limit; a bad input
becomes a ``failed`` record, never an exception.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import __version__, manifest, output, reader
from .errors import BriefingError, InputError, OutputError
from .manifest import Entry
from .output import inside, write_files
from .prefork import Helper, PreflightFailed
from .template import Template

DEFAULT_TIMEOUT = 45.0


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
    article: int | str | None = None  # the article of each PDF input (number or title word)

    @property
    def template_sha256(self) -> str:
        return template_fingerprint(self.template)

    def article_of(self, data: bytes) -> int | str | None:
        """The --article for this input: for a PDF only (any other input holds one article)."""
        if self.article is None:
            return None
        from .readers import sniff

        return self.article if sniff(data[:1024]) == "pdf" else None

    def fingerprint(self, data: bytes) -> str:
        """The template's fingerprint, and the article asked for of a PDF: outputs built from
        another article of the page are not up to date."""
        article = self.article_of(data)
        if article is None:
            return self.template_sha256
        return hashlib.sha256(f"{self.template_sha256}|article={article}".encode()).hexdigest()


@dataclass(frozen=True)
class Job:
    """One input of a batch, with its manifest entry from an earlier run."""

    index: int
    path: str  # as the user wrote it (or as found in a folder)
    key: str  # absolute path: the manifest key
    stem: str
    size: int = 0
    previous: Entry | None = None


@dataclass
class Result:
    """What a worker sends back for a job: the manifest entry (and a traceback for a bug)."""

    index: int
    display: str
    entry: Entry
    detail: str | None = None  # a traceback, for an internal error (shown with -v)
    code: int = 0  # the exit code of its failure (3 bad input, 4 bad summary …), 1 when it has none


def template_fingerprint(tpl: Template) -> str:
    return hashlib.sha256(repr(tpl).encode("utf-8")).hexdigest()


# -- collecting inputs -------------------------------------------------------------------------


_SETTINGS: Settings | None = None
_INPUTS: frozenset[str] = frozenset()


def init_worker(settings: Settings, inputs: frozenset[str], parent: int | None = None, tag: str = "",
                preload: bool = True) -> None:
    """Per worker: keep the settings, die with the parent, leave Ctrl-C to the parent, and import
    the renderers now rather than inside the first job (``preload``)."""
    global _SETTINGS, _INPUTS
    _SETTINGS, _INPUTS = settings, inputs
    output.RUN_TAG = tag or output.RUN_TAG  # spawned workers: same temp-file tag as the parent
    if parent is not None:
        _die_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not preload:
        return
    import importlib

    from .renderers import FORMATS

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


def run_job(job: Job, helper: Helper | None = None) -> Result:
    s = _SETTINGS
    assert s is not None, "init_worker() first"
    t0 = time.perf_counter()
    entry = Entry(input=job.key, template=s.template.name or s.template.source,
                  template_sha256=s.template_sha256, version=__version__)
    prev = job.previous
    detail, code = None, 0
    try:
        with _time_limit(s.timeout):
            data = reader.read_bytes(job.path, max_size=s.max_size)
            entry.sha256 = hashlib.sha256(data).hexdigest()
            entry.template_sha256 = s.fingerprint(data)
            if prev and not s.force and manifest.up_to_date(prev, entry.sha256, entry.template_sha256, s.formats,
                                                            s.output_dir):
                entry = replace(prev, status="skipped", error=None, warnings=[], pending={})
            else:
                _build_one(job, data, s, entry, helper)
    except _TimeUp:
        entry.status, code = "failed", InputError.exit_code
        entry.error = (f"{job.path}: gave up after {s.timeout:g} s "
                       "(raise --timeout if this is really one report, or split it)")
    except BriefingError as e:
        entry.status, entry.error, code = "failed", str(e), e.exit_code
    except MemoryError:
        entry.status, entry.error = "failed", f"{job.path}: out of memory (is it really one report?)"
        code = InputError.exit_code
    except Exception as e:  # a bug: the batch goes on; the traceback is shown with -v
        entry.status, code = "failed", 1
        entry.error = f"{job.path}: internal error: {type(e).__name__}: {e}"
        detail = traceback.format_exc()
    if entry.status == "failed" and prev:  # the files of an earlier build are still its own
        entry.outputs = _existing(prev.outputs, s.output_dir)
        entry.stale = _existing(prev.stale, s.output_dir)
        entry.output_sha256 = dict(prev.output_sha256)
    entry.seconds = round(time.perf_counter() - t0, 3)
    return Result(job.index, job.path, entry, detail, code)


def _build_one(job: Job, data: bytes, s: Settings, entry: Entry, helper: Helper | None = None) -> None:
    from . import api
    article = s.article_of(data)
    summary = api.summary_from_bytes(data, name=job.path, encoding=s.encoding, labels=s.labels,
                                     json_summary=job.path.lower().endswith(".json"), article=article,
                                     warn=entry.warnings.append, max_size=s.max_size)
    here = tuple(f for f in s.formats if f != "pdf") if helper else s.formats
    if helper and "pdf" in s.formats:
        helper.submit(summary)
    blobs = api.render(summary, template=s.template, formats=here, strict=s.strict,
                       warn=entry.warnings.append)
    if helper and "pdf" in s.formats:
        got = helper.result(summary)
        if got is None:  # the helper died: render here, after its preflight
            try:
                api.check_fonts(s.template, ("pdf",))
            except BriefingError as e:
                raise PreflightFailed(e) from None
            got = api.render(summary, template=s.template, formats=("pdf",), strict=s.strict,
                             warn=entry.warnings.append)["pdf"], []
        blobs["pdf"] = got[0]
        entry.warnings.extend(got[1])
        blobs = {f: blobs[f] for f in s.formats}
    targets = {fmt: inside(s.output_dir, f"{job.stem}.{fmt}") for fmt in blobs}
    for t in targets.values():
        if str(real_path(t)) in _INPUTS:
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


def real_path(p: Path) -> Path:
    """The absolute, resolved path (the key of an input in the manifest)."""
    try:
        return p.resolve()
    except OSError:
        return p.absolute()
