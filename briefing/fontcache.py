"""A per-user cache of parsed TrueType faces.

ReportLab parses a 4 MB CJK face in about 50 ms (its cmap and widths, in Python), four faces per
briefing: most of a cold ``briefing build``. The parsed face is pickled once into the user's
cache folder (``$BRIEFING_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefing``, else
``~/.cache/briefing``) and loaded from there in about a third of the time; only the newest
KEEP entries are kept. The key holds the
font file's path, size and mtime and the ReportLab version, so a changed font or library never
reads a stale entry. Any problem with the cache (unwritable, corrupt) falls back to parsing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

FORMAT = 1
KEEP = 16  # entries: enough for every bundled face plus a few installed ones


def cache_dir() -> Path | None:
    if os.environ.get("BRIEFING_NO_CACHE"):
        return None
    env = os.environ.get("BRIEFING_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing"


def _scale(units_per_em: int) -> Any:
    # What TTFontFile.extractInfo sets as _pdfScale, as a picklable callable.
    import functools
    import operator

    if units_per_em == 1000:
        return functools.partial(operator.mul, 1)
    return functools.partial(operator.mul, 1000 / units_per_em)


def _entry(path: Path, index: int) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    import reportlab

    st = path.stat()
    key = f"{FORMAT}|{path.resolve()}|{index}|{st.st_size}|{st.st_mtime_ns}|{reportlab.Version}"
    return folder / f"face-{hashlib.sha256(key.encode()).hexdigest()[:24]}.pickle"


def load_face(path: Path, index: int = 0) -> Any:
    """A ReportLab ``TTFontFace`` for the file, from the cache when it holds one."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    try:
        entry = _entry(path, index)
    except OSError:
        entry = None
    if entry is not None:
        try:
            face = pickle.loads(entry.read_bytes())
            if isinstance(face, TTFontFace):
                face._pdfScale = _scale(face.unitsPerEm)
                return face
        except Exception:  # noqa: BLE001 - a bad cache entry is rebuilt, never fatal
            pass
    face = TTFontFace(str(path), subfontIndex=index)
    if entry is not None:
        _store(entry, face)
    return face


def _store(entry: Path, face: Any) -> None:
    from .output import prune_oldest, write_atomic

    scale, face._pdfScale = face._pdfScale, None
    try:
        data = pickle.dumps(face, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001
        return
    finally:
        face._pdfScale = scale
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, data, durable=False)
        # A reinstalled font has a new mtime, so a new key: old entries are never read again.
        prune_oldest(entry.parent, "face-*.pickle", KEEP)
    except Exception:  # noqa: BLE001 - no cache is fine
        pass
