"""A per-user cache of parsed TrueType faces.

ReportLab parses a 4 MB CJK face in about 50 ms (its cmap and widths, in Python), four faces per
briefing: most of a cold ``briefing build``. The parsed tables of a face are stored once in the
user's cache folder (``$BRIEFING_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefing``, else
``~/.cache/briefing``) and read back in about 3 ms: ``marshal`` of flat lists, not a pickle of
dicts (a pickle took 10-20 ms a face). The font bytes themselves are read from the font file only
when the PDF's subset is made, and the glyph-to-character map (used only for shaping) only when
asked for. Only the newest KEEP entries are kept. The key holds the font file's path, size and
mtime and the ReportLab version, so a changed font or library never reads a stale entry. Any
problem with the cache (unwritable, corrupt) falls back to parsing.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

FORMAT = 2
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
    return folder / f"face-{hashlib.sha256(key.encode()).hexdigest()[:24]}.marshal"


_DICTS = ("charToGlyph", "charWidths")  # stored as (keys, values)
_LAZY = ("_ttf_data", "glyphToChar", "_pdfScale")  # never stored


def load_face(path: Path, index: int = 0) -> Any:
    """A ReportLab ``TTFontFace`` for the file, from the cache when it holds one."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    try:
        entry = _entry(path, index)
    except OSError:
        entry = None
    if entry is not None:
        try:
            return _thaw(marshal.loads(entry.read_bytes()))
        except Exception:  # noqa: BLE001 - a bad cache entry is rebuilt, never fatal
            pass
    face = TTFontFace(str(path), subfontIndex=index)
    if entry is not None:
        _store(entry, face)
    return face


def _freeze(face: Any) -> dict[str, Any]:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    out: dict[str, Any] = {}
    for k, v in vars(face).items():
        if k in _LAZY:
            continue
        if k in _DICTS:
            v = (list(v), list(v.values()))
        elif k == "hmetrics":
            v = ([a for a, _ in v], [b for _, b in v])
        elif isinstance(v, TTFNameBytes):
            v = ("TTFNameBytes", bytes(v))
        out[k] = v
    return out


def _thaw(data: dict[str, Any]) -> Any:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    cls: Any = _cached_face_class()
    face = cls.__new__(cls)
    attrs = face.__dict__
    for k, v in data.items():
        if k in _DICTS:
            v = dict(zip(*v))
        elif k == "hmetrics":
            v = list(zip(*v))
        elif type(v) is tuple and len(v) == 2 and v[0] == "TTFNameBytes":
            v = TTFNameBytes(v[1])
        attrs[k] = v
    for k in ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "filename", "unitsPerEm"):
        if k not in attrs:
            raise ValueError(f"cache entry without {k}")
    face._pdfScale = _scale(face.unitsPerEm)
    return face


def _store(entry: Path, face: Any) -> None:
    from .output import prune_oldest, write_atomic

    try:
        data = marshal.dumps(_freeze(face))
    except Exception:  # noqa: BLE001 - an unexpected attribute type: no cache
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, data, durable=False)
        # A reinstalled font has a new mtime, so a new key: old entries are never read again.
        prune_oldest(entry.parent, "face-*.marshal", KEEP)
    except Exception:  # noqa: BLE001 - no cache is fine
        pass


@functools.cache
def _cached_face_class() -> type:
    # Made on first use: ReportLab is imported only when a face is loaded.
    from reportlab.pdfbase.ttfonts import TTFontFace

    class CachedFace(TTFontFace):
        """A face read from the cache: what was not stored is made on first use."""

        def __getattr__(self, name: str) -> Any:
            if name == "_ttf_data":
                with open(self.filename, "rb") as f:
                    self._ttf_data = f.read()
                return self._ttf_data
            if name == "glyphToChar":
                g2c: dict[int, list[int]] = {}
                for ch, g in self.charToGlyph.items():
                    g2c.setdefault(g, []).append(ch)
                self.glyphToChar = g2c
                return g2c
            raise AttributeError(name)

        def get_table(self, tag: str) -> bytes:
            # makeSubset copies the whole glyf table (3-4 MB) for every subset of 256
            # characters, seven or more per briefing; the bytes are immutable, so copy once.
            tables = self.__dict__.setdefault("_table_bytes", {})
            data = tables.get(tag)
            if data is None:
                data = tables[tag] = super().get_table(tag)
            return data

    return CachedFace

