"""The PDF of a single-input build, made in a forked helper on the machine's second core.

A cold ``briefing build`` spends most of its time getting ready to write a PDF: importing
ReportLab and loading four CJK faces (about 150 ms) before rendering (about 100 ms), while the
extraction and the DOCX need about as much again, all of it on one core. So the command line
forks a helper as its first step (:func:`early`, when the arguments ask for a build), before it
imports anything heavy. The helper imports the PDF renderer while the parent parses the options
and reads the input; it is then sent the template (and loads its fonts: the batch's font
preflight) and the summary, and sends the PDF's bytes back. The parent still writes every file,
so the atomic-write and manifest rules do not change. Without an early helper (the Python API),
:func:`start` forks one when the template is known.

Used only where ``fork`` is safe and useful: Linux, two or more CPUs, one input, a PDF wanted
(``BRIEFING_NO_FORK=1`` turns it off). If the helper dies or misbehaves, the parent renders the PDF
itself; a BriefingError of the helper (a font problem, a ``--strict`` character) is raised in the
parent as if it had happened there. An unused helper ends when the parent closes its pipe.
"""

from __future__ import annotations

import os
import struct
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # this module is the command line's first import: nothing more than it needs
    from collections.abc import Callable
    from typing import Any

    Warn = Callable[[str], None]

_LEN = struct.Struct("<Q")


class PreflightFailed(BaseException):
    """The helper's preparation failed (e.g. a template font is unusable): the batch's preflight
    error, raised past the per-input error handling."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def usable() -> bool:
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) >= 2
            and not os.environ.get("BRIEFING_NO_FORK"))


class Helper:
    """A forked process: ``warm()`` at once; then ``prepare(payload)`` for the payload of
    :meth:`configure`, and ``render(state, summary, warn)`` for the summary of :meth:`submit`.
    :meth:`result` returns the bytes and warnings of that render."""

    def __init__(self, warm: Callable[[], None], prepare: Callable[[Any], Any],
                 render: Callable[[Any, Any, Warn], bytes]) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - runs in the child; its effects are tested
            code = 0
            try:
                os.close(self._to_child)
                os.close(self._from_child)
                _child(to_child_r, from_child_w, warm, prepare, render)
            except BaseException:  # noqa: BLE001 - the parent sees EOF and renders itself
                code = 1
            finally:
                os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        os.close(to_child_r)
        os.close(from_child_w)
        self._done = self._configured = self._sent = self._broken = False

    def configure(self, payload: Any) -> None:
        """Send what ``prepare`` needs (once)."""
        if not self._configured:
            self._configured = True
            self._post(payload)

    def submit(self, summary: Any) -> None:
        """Send the summary to render (once); the helper starts as soon as it is ready."""
        if not self._sent:
            self._sent = True
            self._post(summary)

    def _post(self, obj: Any) -> None:
        import pickle

        try:
            _send(self._to_child, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError):
            self._broken = True

    def result(self, summary: Any) -> tuple[bytes, list[str]] | None:
        """The helper's (bytes, warnings) for the summary, or None when it failed to answer
        (the caller then renders itself). Raises the helper's BriefingError, and
        :class:`PreflightFailed` when its preparation failed."""
        import pickle

        self.configure(None)
        self.submit(summary)
        reply = None
        try:
            if self._broken:
                return None
            reply = pickle.loads(_receive(self._from_child))
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        finally:
            self.close(answered=reply is not None)
        kind, *rest = reply
        if kind == "ok":
            return rest[0], rest[1]
        if kind == "prepare":
            raise PreflightFailed(rest[0])
        raise rest[0]

    def close(self, answered: bool = False) -> None:
        """Stop the helper and reap it. One that has ``answered`` is left to finish (it saves
        its regex cache, a few milliseconds) and is reaped later, or by init after our exit."""
        if self._done:
            return
        self._done = True
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        if answered:
            _FINISHING.append(self.pid)
            _reap()
            return
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


_FINISHING: list[int] = []


def _reap() -> None:
    for pid in list(_FINISHING):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _FINISHING.remove(pid)


def _child(inbox: int, outbox: int, warm: Callable[[], None], prepare: Callable[[Any], Any],
           render: Callable[[Any, Any, Warn], bytes]) -> None:  # pragma: no cover - child only
    import pickle
    import signal

    from .errors import BriefingError

    # Ctrl-C is the parent's to handle. A parent that dies closes the pipe: the helper's next
    # read ends it, so it needs no PDEATHSIG.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # It never prints, and must not hold the parent's stdout open (``briefing build x | cat``).
    null = os.open(os.devnull, os.O_RDWR)
    for std in (0, 1, 2):
        os.dup2(null, std)
    try:
        warm()
        try:
            state = prepare(pickle.loads(_receive(inbox)))
        except BriefingError as e:
            _receive(inbox)
            _send(outbox, pickle.dumps(("prepare", e)))
            return
        summary = pickle.loads(_receive(inbox))
        warnings: list[str] = []
        try:
            data = render(state, summary, warnings.append)
        except BriefingError as e:
            _send(outbox, pickle.dumps(("error", e)))
            return
        _send(outbox, pickle.dumps(("ok", data, warnings), protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        from . import compilecache

        compilecache.save()  # the patterns ReportLab compiled here, which the parent never sees


# Length-prefixed pickles on raw pipes: multiprocessing.connection does the same, but importing
# it (socket, tempfile, multiprocessing.util) before the fork would cost the cold start 15-30 ms.
def _send(fd: int, data: bytes) -> None:
    view = memoryview(_LEN.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> bytes:
    head = _read_exactly(fd, _LEN.size)
    return _read_exactly(fd, _LEN.unpack(head)[0])


def _read_exactly(fd: int, n: int) -> bytes:
    parts: list[bytes] = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("helper closed the pipe")
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


# -- the PDF helper --------------------------------------------------------------------------------
def _pdf_warm(template: str | None = None) -> None:  # pragma: no cover - child only
    # Only what a PDF needs: not the API module, which would import the whole extractor.
    import importlib

    from . import fonts
    from .errors import BriefingError
    from .renderers import FORMATS
    from .template import load

    fonts.prefetch_installed()  # fc-list runs while ReportLab is imported
    importlib.import_module(FORMATS["pdf"])
    if template is None:
        return
    # The parent sends the template only once it has read the options and its config; meanwhile
    # load the fonts of the one the command line names (or the default). A font problem is
    # reported by prepare(), for the template really used.
    try:
        fonts.load_template_fonts(load(template))
    except BriefingError:
        pass


def _pdf_prepare(payload: tuple[Any, bool]) -> tuple[Any, bool]:  # pragma: no cover - child only
    from .fonts import load_template_fonts

    load_template_fonts(payload[0])
    return payload


def _pdf_render(state: tuple[Any, bool], summary: Any, warn: Warn) -> bytes:  # pragma: no cover
    from .renderers import RenderOptions, render, render_issue

    template, strict = state
    if isinstance(summary, IssueJob):  # a combined issue (briefing.combine)
        opts = RenderOptions(strict=strict, warn=warn, copies=summary.copies, watermark=summary.watermark)
        return render_issue(summary.issue, template, "pdf", opts)
    return render(summary, template, "pdf", RenderOptions(strict=strict, warn=warn))


class IssueJob:
    """What the helper renders for a combined issue: the issue, its copy numbers, its watermark."""

    def __init__(self, issue: Any, copies: tuple[int, ...] = (), watermark: str = "") -> None:
        self.issue, self.copies, self.watermark = issue, copies, watermark


_EARLY: Helper | None = None


def early(argv: list[str]) -> bool:
    """At the start of the command line, before any other import: fork the PDF helper now if
    ``argv`` asks for a build that may write a PDF (True when it did). A wrong guess costs a
    fork; the unused helper ends with the parent."""
    global _EARLY
    if _EARLY is not None or not usable() or not _wants_pdf_build(argv):
        return False
    template = _option(argv, "-t", "--template") or "standard"

    def warm() -> None:  # pragma: no cover - child only
        from . import compilecache

        compilecache.install("pdf")  # as the command line does, in a file of its own
        _pdf_warm(template)

    try:
        _EARLY = Helper(warm, _pdf_prepare, _pdf_render)
    except OSError:
        _EARLY = None
    return _EARLY is not None


def _option(argv: list[str], short: str, long: str) -> str | None:
    """The value of an option in ``argv`` as click would read it (``-t X``, ``--template X``,
    ``--template=X``; the last one wins), without parsing the rest."""
    value = None
    for i, a in enumerate(argv):
        if a.startswith(long + "="):
            value = a.split("=", 1)[1]
        elif a in (short, long) and i + 1 < len(argv):
            value = argv[i + 1]
    return value


def _wants_pdf_build(argv: list[str]) -> bool:
    words = [a for a in argv if not a.startswith("-")]
    if not words or words[0] != "build" or {"-h", "--help"} & set(argv):
        return False
    formats = _option(argv, "--format", "--format")
    return formats is None or "pdf" in formats.lower()


def discard_early() -> None:
    """The build will not use the early helper (several inputs, nothing to render): stop it now,
    rather than leave it holding ReportLab's memory while the batch runs."""
    global _EARLY
    helper, _EARLY = _EARLY, None
    if helper is not None:
        helper.close()


def start(template: Any, strict: bool) -> Helper | None:
    """The PDF helper for a build with this template: the early one if the command line forked
    it, else a new one; None where a helper is not usable."""
    global _EARLY
    _reap()
    helper, _EARLY = _EARLY, None
    if helper is None:
        if not usable():
            return None
        try:
            helper = Helper(_pdf_warm, _pdf_prepare, _pdf_render)
        except OSError:
            return None
    helper.configure((template, strict))
    return helper
