"""A per-user cache of parsed TrueType faces.

ReportLab parses a 4 MB CJK face in about 50 ms (its cmap and widths, in Python), four faces per
briefing: most of a cold ``briefing build``. The parsed tables of a face are stored once in the
user's cache folder (``$BRIEFING_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefing``, else
``~/.cache/briefing``) and read back in about 3 ms with ``marshal``, which builds the dicts and
lists in C (a pickle took 10-20 ms a face; marshal of flat lists zipped back into dicts, 6 ms).
The font bytes themselves are mapped from the font file only when the PDF's subset is made, and
the glyph-to-character map (used only for shaping) is made only when asked for. Only the newest KEEP entries are kept. The key holds the font file's path, size and
mtime and the ReportLab version, so a changed font or library never reads a stale entry. Any
problem with the cache (unwritable, corrupt) falls back to parsing.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import mmap
import os
from pathlib import Path
from typing import Any, NamedTuple

FORMAT = 3
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


_LAZY = ("_ttf_data", "glyphToChar", "_pdfScale")  # never stored


# Faces read in this process: (path, index) → their attributes, the dicts rebuilt.
_READ: dict[tuple[str, int], dict[str, Any]] = {}


class Metrics(NamedTuple):
    cmap: dict[int, int]  # code point → glyph
    widths: dict[int, int]  # code point → advance, in 1/1000 em
    default_width: int
    ascent: int
    descent: int


def metrics(path: Path, index: int = 0) -> Metrics:
    """What layout needs of a face. From the cache this does not import ReportLab, so a DOCX
    (which measures its chart labels) never loads it; on a miss the face is parsed and stored."""
    attrs = _read(path, index)
    if attrs is None:
        attrs = vars(load_face(path, index))
    return Metrics(attrs["charToGlyph"], attrs["charWidths"], attrs["defaultWidth"], attrs["ascent"],
                   attrs["descent"])


def load_face(path: Path, index: int = 0) -> Any:
    """A ReportLab ``TTFontFace`` for the file, from the cache when it holds one."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

    attrs = _read(path, index)
    if attrs is not None:
        cls: Any = _cached_face_class()
        face = cls.__new__(cls)
        face.__dict__.update({k: TTFNameBytes(v[1]) if _is_name(v) else v for k, v in attrs.items()})
        face._pdfScale = _scale(face.unitsPerEm)
        return face
    face = TTFontFace(str(path), subfontIndex=index)
    try:
        entry = _entry(path, index)
    except OSError:
        entry = None
    if entry is not None:
        _store(entry, face)
    _READ[(str(path), index)] = vars(face)
    return face


def _read(path: Path, index: int) -> dict[str, Any] | None:
    key = (str(path), index)
    hit = _READ.get(key)
    if hit is not None:
        return hit
    try:
        entry = _entry(path, index)
        if entry is None:
            return None
        attrs = _thaw(marshal.loads(entry.read_bytes()))
    except Exception:  # noqa: BLE001 - a missing or bad entry is rebuilt, never fatal
        return None
    _READ[key] = attrs
    return attrs


def _is_name(v: Any) -> bool:
    return type(v) is tuple and len(v) == 2 and v[0] == "TTFNameBytes"


def _freeze(face: Any) -> dict[str, Any]:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    out: dict[str, Any] = {}
    for k, v in vars(face).items():
        if k in _LAZY:
            continue
        if isinstance(v, TTFNameBytes):  # a bytes subclass, which marshal does not take
            v = ("TTFNameBytes", bytes(v))
        out[k] = v
    return out


def _thaw(data: dict[str, Any]) -> dict[str, Any]:
    for k in ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "filename", "unitsPerEm", "defaultWidth",
              "ascent", "descent"):
        if k not in data:
            raise ValueError(f"cache entry without {k}")
    return data


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
                # Mapped, not read: a subset touches only the glyphs it uses. Slices are bytes.
                with open(self.filename, "rb") as f:
                    self._ttf_data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                return self._ttf_data
            if name == "glyphToChar":
                g2c: dict[int, list[int]] = {}
                for ch, g in self.charToGlyph.items():
                    g2c.setdefault(g, []).append(ch)
                self.glyphToChar = g2c
                return g2c
            raise AttributeError(name)

    return CachedFace
