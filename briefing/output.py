"""The only module that writes files, always atomically, and the one that names output files.

A file is written to a temp file in the same folder (``.NAME.TAG.part``), fsynced, and only
then renamed to its name (``os.replace``), so a reader never sees half a file and a power cut
does not leave an empty one. On an error the temp file is removed. A process killed outright
(SIGKILL) cannot remove its own temp file, so a batch starts a :class:`Janitor` first: a tiny
process that waits until the batch and all its workers are gone, however they ended, and then
removes the temp files of that run. Temp files older than an hour that a crashed run left anyway
are swept at the start of the next run (:func:`sweep_stale`).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import time
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import OutputError

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]')
MAX_NAME_BYTES = 255
# Room kept in a stem for ``-NNN`` and the longest suffix we add, and for the temp name.
_RESERVED_BYTES = len("-999.docx") + len(".TTTTTTTTRRRR.part") + 2
TEMP_SUFFIX = ".part"
_TEMP_NAME = re.compile(r"^\..*\.([0-9a-z]{8})[0-9a-z]{4}\.part$")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
# Every temp name of this process (and of the workers it forks) carries this run tag.
RUN_TAG = "".join(secrets.choice(_ALPHABET) for _ in range(8))


# -- folders -----------------------------------------------------------------------------------
def prepare_dir(path: str | Path) -> Path:
    """Create the output folder and prove it is writable (by writing, since ``os.access`` lies
    for root and on read-only mounts)."""
    d = Path(path)
    if d.exists() and not d.is_dir():
        raise OutputError("output path is a file, not a folder", path=str(d), hint="choose another -o/--output-dir")
    try:
        d.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError("a part of the output path is a file, not a folder", path=str(d),
                          hint="choose another -o/--output-dir") from None
    except OSError as e:
        raise _os_error(e, d, "cannot create the output folder") from None
    try:
        probe = _temp_name(d / "briefing-probe")
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as e:
        raise _os_error(e, d, "output folder is not writable") from None
    return d


def sweep_stale(folder: str | Path, older_than: float = 3600.0, tag: str | None = None) -> list[Path]:
    """Remove the temp files (``.NAME.TAGRAND.part``) of run ``tag``, and any older than
    ``older_than`` seconds (a younger one may belong to a run that is writing right now)."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP_NAME.match(entry.name)
        if not m:
            continue
        try:
            if entry.is_file(follow_symlinks=False) and (
                m.group(1) == tag or now - entry.stat(follow_symlinks=False).st_mtime > older_than
            ):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


class Janitor:
    """A helper process that removes this run's temp files once the run is over, however it ends.

    It blocks reading a pipe whose write end the run holds, and so do the workers forked from it;
    the read returns only when every one of them has exited, even by SIGKILL. It runs in its own
    session, so a Ctrl-C or a kill of the process group does not take it down with the run."""

    def __init__(self, folder: Path) -> None:
        self.pid = 0
        self.fd = -1
        if not hasattr(os, "fork"):
            return  # Windows: stale temp files are swept by the next run
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child; tested by the kill test
            try:
                _close_fds_except(r)  # e.g. the lock on the output folder must not outlive the run
                os.setsid()
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                null = os.open(os.devnull, os.O_RDWR)
                for std in (0, 1, 2):
                    os.dup2(null, std)
                while os.read(r, 64):
                    pass
                sweep_stale(folder, tag=RUN_TAG)
            finally:
                os._exit(0)
        os.close(r)
        self.pid, self.fd = pid, w

    def close(self, timeout: float = 2.0) -> None:
        """The run is over: let the janitor sweep and exit (and reap it)."""
        if self.fd < 0:
            return
        os.close(self.fd)
        self.fd = -1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return
            if pid:
                return
            time.sleep(0.005)


def _close_fds_except(keep: int) -> None:
    try:
        fds: Iterable[int] = [int(x) for x in os.listdir("/proc/self/fd")]
    except OSError:
        fds = range(3, 1024)
    for fd in fds:
        if fd > 2 and fd != keep:
            try:
                os.close(fd)
            except OSError:
                pass


# -- atomic writes -----------------------------------------------------------------------------
class _Staged:
    """Bytes written and fsynced to a temp file beside the target, waiting to be renamed."""

    def __init__(self, target: Path, data: bytes, durable: bool = True) -> None:
        self.target = target
        self.tmp: str | None = _temp_name(target)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.tmp, flags, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if durable:
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            self.discard()
            raise
        os.close(fd)

    def commit(self, replace: bool) -> None:
        assert self.tmp is not None
        if not replace and os.path.lexists(self.target):
            raise FileExistsError(errno.EEXIST, "File exists", str(self.target))
        os.replace(self.tmp, self.target)
        self.tmp = None

    def discard(self) -> None:
        if self.tmp is not None:
            _remove(self.tmp)
            self.tmp = None


def write_files(files: Mapping[Path, bytes], *, replace: bool = True, durable: bool = True) -> list[Path]:
    """Write several files as one step: every file is staged (written and fsynced) before any is
    given its name, so a full disk or a kill while staging changes nothing visible. With
    ``replace=False`` an existing file is an error (and nothing is written). ``durable=False``
    skips the fsync: still atomic for a killed process, not for a power cut."""
    targets = [Path(p) for p in files]
    for t in targets:
        # A rename over a device, a pipe or a folder would replace it (as root, even /dev/null).
        if os.path.exists(t) and not os.path.isfile(t):
            raise OutputError("is not a regular file (a device, pipe or folder): not replaced", path=str(t),
                              hint="give the path of a file to write")
    if not replace:
        for t in targets:
            if os.path.lexists(t):
                raise OutputError("exists already", path=str(t), hint="pass --force to replace it")
    staged: list[_Staged] = []
    current = targets[0] if targets else Path(".")
    try:
        for t in targets:
            current = t
            staged.append(_Staged(t, files[t], durable))
        for s in staged:
            current = s.target
            s.commit(replace)
        if durable:
            _fsync_dirs({t.parent for t in targets})
    except FileExistsError:
        raise OutputError("exists already", path=str(current), hint="pass --force to replace it") from None
    except OSError as e:
        raise _os_error(e, current, "cannot write") from None
    finally:
        for s in staged:
            s.discard()
    return targets


def write_atomic(path: str | Path, data: bytes, *, force: bool = True, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically. With ``force=False`` an existing file is an error
    instead of being replaced."""
    return write_files({Path(path): data}, replace=force, durable=durable)[0]


def _fsync_dirs(dirs: Iterable[Path]) -> None:
    for d in dirs:
        try:
            fd = os.open(d, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass  # not supported for folders on some systems (Windows, some network mounts)
        finally:
            os.close(fd)


def _temp_name(target: Path) -> str:
    rand = "".join(secrets.choice(_ALPHABET) for _ in range(4))
    head = target.name.encode("utf-8")[:100].decode("utf-8", "ignore")
    return str(target.parent / f".{head}.{RUN_TAG}{rand}{TEMP_SUFFIX}")


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _os_error(e: OSError, path: Path, what: str) -> OutputError:
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError("disk full while writing", path=str(path), hint="free some space and run again")
    if e.errno == errno.EROFS:
        return OutputError(f"{what}: read-only file system", path=str(path), hint="choose another -o/--output-dir")
    if e.errno in (errno.EACCES, errno.EPERM):
        return OutputError(f"{what}: permission denied", path=str(path), hint="choose another -o/--output-dir")
    if e.errno == errno.ENOTDIR:
        return OutputError(f"{what}: a part of the path is a file, not a folder", path=str(path))
    return OutputError(f"{what}: {e.strerror or e}", path=str(path))


# -- names -------------------------------------------------------------------------------------
def safe_stem(name: str) -> str:
    """A file-name stem that is safe on Linux, macOS and Windows: no path separators, ``..``,
    control or invisible characters, no reserved device names, no leading dot or dash, and short
    enough (in UTF-8 bytes) for a 255-byte name with a suffix."""
    stem = unicodedata.normalize("NFC", name)
    stem = _UNSAFE.sub("_", stem)
    stem = re.sub(r"\.{2,}", "_", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .-_")
    if not stem:
        stem = "briefing"
    if stem.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    budget = MAX_NAME_BYTES - _RESERVED_BYTES
    if len(stem.encode("utf-8")) > budget:
        stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return stem


def unique_stems(names: list[str], taken: Iterable[str] = ()) -> list[str]:
    """Safe stems, made unique in order with deterministic ``-2``, ``-3`` (case-insensitively,
    since Windows and macOS folders are), avoiding ``taken`` too."""
    seen = {t.casefold() for t in taken}
    out = []
    for n in names:
        base = safe_stem(n)
        stem, i = base, 1
        while stem.casefold() in seen:
            i += 1
            stem = f"{base}-{i}"
        seen.add(stem.casefold())
        out.append(stem)
    return out


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing anything that would land outside ``folder``."""
    target = folder / name
    if Path(name).name != name or target.resolve().parent != folder.resolve():
        raise OutputError("output name leaves the output folder", path=name)
    return target


def prune_oldest(folder: Path, pattern: str, keep: int) -> None:
    """Delete all but the ``keep`` newest files matching ``pattern`` (a cache that must not grow
    without end). Errors are ignored: a file another process removed first is fine."""
    try:
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in files[keep:]:
        try:
            old.unlink()
        except OSError:
            pass
