"""Find installed fonts without fontconfig (Windows, macOS): read the family names, weight and
outline format from the ``name``, ``OS/2`` and table directory of every TTF/TTC/OTF file in the
font folders. Only headers are read, a few kilobytes a file."""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .fonts import Installed

_EXTS = (".ttf", ".ttc", ".otf", ".otc")
_FAMILY_IDS = (1, 16)  # family, typographic family
# OS/2 usWeightClass (100-900) → fontconfig weight scale used by fonts.find
_WEIGHTS = ((100, 0), (200, 40), (300, 50), (400, 80), (500, 100), (600, 180), (700, 200), (800, 205),
            (900, 210))


def scan_dirs(dirs: Iterable[Path]) -> list[Installed]:
    out: list[Installed] = []
    for d in dirs:
        try:
            files = sorted(p for p in d.rglob("*") if p.suffix.lower() in _EXTS and p.is_file())
        except OSError:
            continue
        for p in files:
            out.extend(read_faces(p))
    return out


def read_faces(path: Path) -> list[Installed]:
    """The faces of one font file; an unreadable file gives none."""
    try:
        with path.open("rb") as f:
            return list(_faces(f, path))
    except (OSError, struct.error, ValueError, UnicodeDecodeError):
        return []


def _faces(f: BinaryIO, path: Path) -> Iterator[Installed]:
    head = f.read(12)
    if head[:4] == b"ttcf":
        (count,) = struct.unpack(">I", head[8:12])
        offsets = struct.unpack(f">{count}I", f.read(4 * count))
    else:
        offsets = (0,)
    for index, off in enumerate(offsets):
        f.seek(off)
        tag, ntables = struct.unpack(">4sH", f.read(6))
        f.seek(off + 12)
        tables = {}
        for _ in range(ntables):
            t, _sum, toff, tlen = struct.unpack(">4sIII", f.read(16))
            tables[t] = (toff, tlen)
        if b"name" not in tables:
            continue
        names = _family_names(f, *tables[b"name"])
        if not names:
            continue
        weight, italic = _style(f, tables.get(b"OS/2"))
        truetype = b"glyf" in tables and tag != b"OTTO" and path.suffix.lower() in (".ttf", ".ttc")
        yield Installed(tuple(names), path, index, weight, truetype, italic)


def _family_names(f: BinaryIO, off: int, length: int) -> list[str]:
    f.seek(off)
    data = f.read(length)
    _fmt, count, storage = struct.unpack(">HHH", data[:6])
    names: list[str] = []
    for i in range(count):
        pid, eid, _lang, nid, ln, so = struct.unpack(">6H", data[6 + 12 * i: 18 + 12 * i])
        if nid not in _FAMILY_IDS:
            continue
        raw = data[storage + so: storage + so + ln]
        if pid == 3 or pid == 0:
            s = raw.decode("utf-16-be", "replace")
        elif pid == 1 and eid == 0:
            s = raw.decode("mac_roman", "replace")
        else:
            continue
        s = s.strip("\x00 ")
        if s and s not in names:
            names.append(s)
    return names


def _style(f: BinaryIO, os2: tuple[int, int] | None) -> tuple[int, bool]:
    """(fontconfig-scale weight, italic) from OS/2 usWeightClass and fsSelection."""
    if not os2 or os2[1] < 64:
        return 80, False
    f.seek(os2[0] + 4)
    (w,) = struct.unpack(">H", f.read(2))
    f.seek(os2[0] + 62)
    (sel,) = struct.unpack(">H", f.read(2))
    return min(_WEIGHTS, key=lambda p: abs(p[0] - w))[1], bool(sel & 0x201)  # ITALIC | OBLIQUE
