"""The only module that writes files: atomically (temp file in the same folder, fsync,
``os.replace``), so a crash or SIGKILL never leaves a half-written output. Also turns input
file names into safe, unique output names."""

from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import OutputError

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_NAME_BYTES = 255


def prepare_dir(path: str | Path) -> Path:
    d = Path(path)
    if d.exists() and not d.is_dir():
        raise OutputError("output path is a file, not a folder", path=str(d), hint="choose another -o/--output-dir")
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the output folder: {e.strerror}", path=str(d)) from None
    if not os.access(d, os.W_OK):
        raise OutputError("output folder is not writable", path=str(d), hint="choose another -o/--output-dir")
    return d


def write_atomic(path: str | Path, data: bytes, *, force: bool = True) -> Path:
    """Write ``data`` to ``path`` via a temp file + rename. With ``force=False`` an existing file
    is an error instead of being replaced."""
    target = Path(path)
    if not force and target.exists():
        raise OutputError("exists already", path=str(target), hint="pass --force to replace it")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".part", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        _remove(tmp)
        if e.errno == errno.ENOSPC:
            raise OutputError("disk full while writing", path=str(target), hint="free some space") from None
        raise OutputError(f"cannot write: {e.strerror}", path=str(target)) from None
    except BaseException:
        _remove(tmp)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def safe_stem(name: str) -> str:
    """A file-name stem that is safe on Linux, macOS and Windows and fits 255 bytes with a suffix."""
    stem = unicodedata.normalize("NFC", name)
    stem = _UNSAFE.sub("_", stem).strip(" .")
    stem = stem.replace("..", "_")
    if not stem:
        stem = "briefing"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    budget = MAX_NAME_BYTES - len(".manifest.json.part") - 8
    while len(stem.encode("utf-8")) > budget:
        stem = stem[:-1]
    return stem


def unique_stems(names: list[str]) -> list[str]:
    """Safe stems, made unique in order with deterministic ``-2``, ``-3`` (case-insensitive)."""
    seen: set[str] = set()
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
