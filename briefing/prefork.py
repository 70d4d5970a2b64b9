"""The PDF of a single-input build, made in a forked helper on the machine's second core.

A cold ``briefing build`` spends most of its time getting ready to write a PDF: importing
ReportLab and loading four CJK faces (about 150 ms) before rendering (about 100 ms), while the
extraction and the DOCX need about as much again, all of it on one core. The helper is forked
before any of that: it imports the PDF renderer and loads the template's fonts (the batch's
font preflight) while the parent reads, extracts and renders the DOCX; then it renders the summary
the parent sends and sends the PDF's bytes back. The parent still writes every file, so the
atomic-write and manifest rules do not change.

Used only where ``fork`` is safe and useful: Linux, two or more CPUs, one input, PDF wanted. If the
helper dies or misbehaves, the parent renders the PDF itself; a BriefingError of the helper (a
font problem, a ``--strict`` character) is raised in the parent as if it had happened there.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable

from .model import Summary

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
    """A forked process that runs ``prepare()`` at once, then ``render(summary)`` for the one
    summary it is sent. :meth:`result` returns the bytes and warnings of that render."""

    def __init__(self, prepare: Callable[[], None], render: Callable[[Summary, Callable[[str], None]], bytes]) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - runs in the child; its effects are tested
            code = 0
            try:
                os.close(self._to_child)
                os.close(self._from_child)
                _child(to_child_r, from_child_w, prepare, render)
            except BaseException:  # noqa: BLE001 - the parent sees EOF and renders itself
                code = 1
            finally:
                os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        os.close(to_child_r)
        os.close(from_child_w)
        self._done = self._sent = self._broken = False

    def submit(self, summary: Summary) -> None:
        """Send the summary to render (once); the helper starts as soon as it is ready."""
        if self._sent:
            return
        self._sent = True
        try:
            _send(self._to_child, pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            self._broken = True

    def result(self, summary: Summary) -> tuple[bytes, list[str]] | None:
        """The helper's (bytes, warnings) for the summary, or None when it failed to answer
        (the caller then renders itself). Raises the helper's BriefingError, and
        :class:`PreflightFailed` when its preparation failed."""
        self.submit(summary)
        try:
            if self._broken:
                return None
            reply = pickle.loads(_receive(self._from_child))
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        finally:
            self.close()
        kind, *rest = reply
        if kind == "ok":
            return rest[0], rest[1]
        if kind == "prepare":
            raise PreflightFailed(rest[0])
        raise rest[0]

    def close(self) -> None:
        """Stop the helper (if it still runs) and reap it."""
        if self._done:
            return
        self._done = True
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _child(inbox: int, outbox: int, prepare: Callable[[], None],
           render: Callable[[Summary, Callable[[str], None]], bytes]) -> None:  # pragma: no cover
    from .errors import BriefingError

    # Ctrl-C is the parent's to handle. A parent that dies closes the pipe: the helper's next
    # read ends it (prepare() is short), so it needs no PDEATHSIG.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        prepare()
    except BriefingError as e:
        _receive(inbox)
        _send(outbox, pickle.dumps(("prepare", e)))
        return
    summary = pickle.loads(_receive(inbox))
    warnings: list[str] = []
    try:
        data = render(summary, warnings.append)
    except BriefingError as e:
        _send(outbox, pickle.dumps(("error", e)))
        return
    _send(outbox, pickle.dumps(("ok", data, warnings), protocol=pickle.HIGHEST_PROTOCOL))


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


def start(prepare: Callable[[], None], render: Callable[[Summary, Callable[[str], None]], bytes]) -> Helper | None:
    """A helper, or None where one is not usable (see the module doc)."""
    if not usable():
        return None
    try:
        return Helper(prepare, render)
    except OSError:
        return None
