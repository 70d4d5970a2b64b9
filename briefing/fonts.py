"""Fonts for the PDF, by family name.

A template role names a fallback list of families: fonts installed on the machine first (an office
PC with 方正小标宋, 仿宋_GB2312, 黑体, 楷体 uses them), the bundled faces in ``fonts/`` last. A
bundled family always resolves to the bundled file, so output does not depend on the machine.
Installed fonts are found with fontconfig (``fc-list``) where it exists, else by scanning the
Windows, macOS or XDG font folders (:mod:`briefing.fontscan`). Only TrueType outlines (TTF/TTC)
are usable by ReportLab; a requested family that is installed only as CFF/OpenType is skipped with
a note.

:class:`FontChain` sets each character in the first font of a role that has it (per-character
fallback) and reports the characters no font has; ``--strict`` makes those an error.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FontError, Notice
from .resources import fonts_dir

if TYPE_CHECKING:  # pragma: no cover
    from reportlab.pdfbase.ttfonts import TTFont

# family (casefolded) → (regular file, bold file or None)
BUNDLED: dict[str, tuple[str, str | None]] = {
    "noto serif sc": ("NotoSerifSC-Regular.ttf", "NotoSerifSC-Bold.ttf"),
    "noto serif sc bold": ("NotoSerifSC-Bold.ttf", None),
    "noto serif sc black": ("NotoSerifSC-Black.ttf", None),
    "noto sans sc": ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"),
    "noto sans sc bold": ("NotoSansSC-Bold.ttf", None),
    "lxgw wenkai": ("LXGWWenKai-Regular.ttf", None),
}
#: The last resort when no family of a role resolves at all.
DEFAULT_FAMILY = "Noto Serif SC"
#: The last face of every role: the GB 18030 hanzi that no other bundled face has (e.g. 濛).
FALLBACK_FILE = "NotoSansSC-Fallback.ttf"

REGULAR_WEIGHT, BOLD_WEIGHT = 80, 200  # fontconfig weights


@dataclass(frozen=True)
class FontFile:
    """One face: a file (and the index inside a .ttc)."""

    family: str
    path: Path
    index: int = 0
    bold: bool = False
    bundled: bool = False

    @property
    def key(self) -> str:
        return f"{self.path}#{self.index}"


@dataclass(frozen=True)
class Installed:
    """A face found on the machine: every family name it answers to, its weight and outline format."""

    families: tuple[str, ...]
    path: Path
    index: int
    weight: int
    truetype: bool
    italic: bool = False


# -- discovery ---------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def installed_fonts() -> tuple[Installed, ...]:
    """Every installed face (cached per process)."""
    found = _fontconfig()
    if found is None:
        from .fontscan import scan_dirs

        found = scan_dirs(system_font_dirs())
    return tuple(found)


_FC_LIST: subprocess.Popen[bytes] | None = None


def prefetch_installed() -> None:
    """Start ``fc-list`` now, so its answer is ready when :func:`installed_fonts` is first asked
    (it runs while ReportLab is imported, instead of before)."""
    global _FC_LIST
    if _FC_LIST is not None or installed_fonts.cache_info().currsize:
        return
    exe = shutil.which("fc-list")
    if exe:
        try:
            _FC_LIST = subprocess.Popen([exe, "--format", FC_FORMAT], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        except OSError:
            _FC_LIST = None


def _fontconfig() -> list[Installed] | None:
    global _FC_LIST
    proc, _FC_LIST = _FC_LIST, None
    if proc is None:
        prefetch_installed()
        proc, _FC_LIST = _FC_LIST, None
    if proc is None:
        return None
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None
    if proc.returncode != 0:
        return None
    return parse_fc_list(out.decode("utf-8", "replace"))


FC_FORMAT = "%{family}\t%{weight}\t%{slant}\t%{fontformat}\t%{index}\t%{file}\n"


def parse_fc_list(text: str) -> list[Installed]:
    """Faces from ``fc-list --format FC_FORMAT`` output (family names are comma-separated)."""
    out: list[Installed] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) != 6 or not parts[0]:
            continue
        fams, weight, slant, fmt, index, file = parts
        w, idx, sl = _int(weight, REGULAR_WEIGHT), _int(index, 0), _int(slant, 0)
        out.append(Installed(tuple(f.strip() for f in fams.split(",") if f.strip()), Path(file), idx, w,
                             fmt == "TrueType" and file.lower().endswith((".ttf", ".ttc")), sl > 0))
    return out


def _int(value: str, default: int) -> int:
    """The first number of a fontconfig value (``80``, ``[50 80]`` for a variable range)."""
    try:
        return int(float(value.strip("[]").split()[0]))
    except (ValueError, IndexError):
        return default


def system_font_dirs() -> list[Path]:
    """Font folders of Windows, macOS and XDG desktops that exist here."""
    home = Path.home()
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    dirs += [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
             Path("/Library/Fonts"), home / "Library" / "Fonts",
             Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts", home / ".fonts"]
    return [d for d in dirs if d.is_dir()]


def bundled(family: str, bold: bool = False) -> FontFile | None:
    entry = BUNDLED.get(family.casefold())
    if not entry:
        return None
    name = entry[1] if bold and entry[1] else entry[0]
    path = fonts_dir() / name
    return FontFile(family, path, 0, bold and entry[1] is not None or "bold" in family.casefold(), True) \
        if path.is_file() else None


def find(family: str, bold: bool = False, note: Callable[[str], None] | None = None) -> FontFile | None:
    """The face for a family name: bundled, else installed (TrueType only), nearest weight."""
    hit = bundled(family, bold)
    if hit or family.casefold() in BUNDLED:
        return hit
    want = family.casefold()
    faces = [f for f in installed_fonts() if any(n.casefold() == want for n in f.families)]
    usable = [f for f in faces if f.truetype]
    if faces and not usable and note:
        note(f"font {family} is installed only with CFF/OpenType outlines ({faces[0].path.name}), "
             "which PDF embedding cannot use; skipped")
    if not usable:
        return None
    target = BOLD_WEIGHT if bold else REGULAR_WEIGHT
    best = min(usable, key=lambda f: (f.italic, abs(f.weight - target), str(f.path), f.index))
    return FontFile(family, best.path, best.index, best.weight >= 180, False)


def resolve(families: Iterable[str], bold: bool = False,
            note: Callable[[str], None] | None = None) -> list[FontFile]:
    """The usable faces of a role, in fallback order (never empty)."""
    out: list[FontFile] = []
    for fam in families:
        f = find(fam, bold, note)
        if f and all(f.key != o.key for o in out):
            out.append(f)
    if not out:
        f = bundled(DEFAULT_FAMILY, bold)
        if f is None:
            raise FontError(f"no usable font among {', '.join(families)} and no bundled font",
                            path=str(fonts_dir()), hint="reinstall briefing or rebuild fonts/ with fonts/build.py")
        out.append(f)
    fallback = fonts_dir() / FALLBACK_FILE
    if fallback.is_file():
        out.append(FontFile("Noto Sans SC (fallback)", fallback, 0, False, True))
    return out


# -- ReportLab faces ---------------------------------------------------------------------------
_LOADED: dict[str, tuple[str, Any]] = {}


def load(font: FontFile) -> tuple[str, TTFont]:
    """Register a face with ReportLab once per process; returns (registered name, TTFont)."""
    hit = _LOADED.get(font.key)
    if hit:
        return hit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    name = f"{font.path.stem}-{font.index}"
    taken = {n for n, _ in _LOADED.values()}
    while name in taken:
        name += "_"
    try:
        tt = _ttfont(name, font)
    except (TTFError, OSError) as e:
        raise _unusable(font, e) from None
    pdfmetrics.registerFont(tt)
    _LOADED[font.key] = (name, tt)
    return name, tt


def _unusable(font: FontFile, e: BaseException) -> FontError:
    return FontError(f"cannot use font: {e}", path=str(font.path), hint="remove it from the template's fonts list")


def _ttfont(name: str, font: FontFile) -> TTFont:
    """``TTFont(name, path)`` with the parsed face from the cache (:mod:`briefing.fontcache`)."""
    from reportlab.pdfbase import ttfonts

    from .fontcache import load_face

    face = load_face(font.path, font.index)
    original = ttfonts.TTFontFace
    # TTFont.__init__ parses the file itself; hand it the cached face instead.
    ttfonts.TTFontFace = lambda *a, **k: face  # type: ignore[assignment,misc]
    try:
        # asciiReadable=0: subsets hold only the characters used. With ReportLab's default every
        # face's first subset carries all of ASCII (96 glyphs, used or not): 11% more bytes and
        # 8% more render time on the example.
        return ttfonts.TTFont(name, str(font.path), subfontIndex=font.index, asciiReadable=0)
    finally:
        ttfonts.TTFontFace = original  # type: ignore[misc]


class Face:
    """A face: coverage and advance widths (per 1000 units of em) for layout, and the ReportLab
    font (registered on first use of :attr:`name` or :attr:`font`, so layout alone, as the DOCX
    needs it, never loads ReportLab)."""

    __slots__ = ("file", "cmap", "widths", "default", "ascent", "descent", "_registered")

    def __init__(self, file: FontFile) -> None:
        from .fontcache import metrics

        self.file = file
        try:
            m = metrics(file.path, file.index)
        except Exception as e:  # noqa: BLE001 - ReportLab's TTFError, an OSError, a broken table
            raise _unusable(file, e) from None
        self.cmap: dict[int, int] = m.cmap
        self.widths: dict[int, int] = m.widths
        self.default = float(m.default_width)
        self.ascent, self.descent = m.ascent / 1000, m.descent / 1000
        self._registered: tuple[str, TTFont] | None = None

    @property
    def name(self) -> str:
        """The name the face is registered under with ReportLab."""
        if self._registered is None:
            self._registered = load(self.file)
        return self._registered[0]

    @property
    def font(self) -> TTFont:
        if self._registered is None:
            self._registered = load(self.file)
        return self._registered[1]

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def width(self, ch: str) -> float:
        return self.widths.get(ord(ch), self.default)


def _is_latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x2000 and not (0x1100 <= o < 0x1200)


class FontChain:
    """Per-character fallback across a role's faces (loaded lazily), with an optional Latin face
    for letters and digits. :meth:`face_for` returns ``None`` for a character no face has."""

    def __init__(self, files: list[FontFile], latin: FontFile | None = None) -> None:
        self.files = files
        self.latin_file = latin
        self._faces: list[Face | None] = [None] * len(files)
        self._latin: Face | None = None
        self._memo: dict[str, Face | None] = {}

    def face(self, i: int) -> Face:
        f = self._faces[i]
        if f is None:
            f = self._faces[i] = Face(self.files[i])
        return f

    @property
    def primary(self) -> Face:
        return self.face(0)

    def face_for(self, ch: str) -> Face | None:
        try:
            return self._memo[ch]
        except KeyError:
            pass
        hit: Face | None = None
        if self.latin_file is not None and _is_latin(ch):
            if self._latin is None:
                self._latin = Face(self.latin_file)
            if self._latin.has(ch):
                hit = self._latin
        if hit is None:
            for i in range(len(self.files)):
                if self.face(i).has(ch):
                    hit = self.face(i)
                    break
        self._memo[ch] = hit
        return hit


def load_template_fonts(template: Any) -> None:
    """Load and register the first face of every role of a template (a font problem is then
    one error, before any rendering)."""
    for role in template.roles.values():
        _ = chain(tuple(role.fonts), role.latin, role.bold).primary.name


@functools.lru_cache(maxsize=64)
def chain(families: tuple[str, ...], latin: str = "", bold: bool = False) -> FontChain:
    """The cached chain of a role (the notes of its resolution are in :func:`chain_notes`)."""
    notes: list[str] = []
    files = resolve(families, bold, notes.append)
    latin_file = find(latin, bold, notes.append) if latin else None
    c = FontChain(files, latin_file)
    _NOTES[c] = notes
    return c


_NOTES: dict[FontChain, list[str]] = {}


def chain_notes(c: FontChain) -> list[str]:
    return _NOTES.get(c, [])


def missing_message(chars: Iterable[str], limit: int = 12) -> str:
    """``2 characters in no font: 𠀾 …`` (distinct characters in first-seen order)."""
    seen = list(dict.fromkeys(chars))
    shown = " ".join(f"{c} (U+{ord(c):04X})" for c in seen[:limit])
    more = " …" if len(seen) > limit else ""
    return f"{len(seen)} character{'s' if len(seen) != 1 else ''} in no font: {shown}{more}"


def report_missing(chars: Iterable[str], strict: bool, warn: Callable[[str], None]) -> None:
    chars = list(dict.fromkeys(chars))
    if not chars:
        return
    msg = missing_message(chars)
    if strict:
        raise FontError(msg, hint="install a font that has them and add it to the template, or drop --strict")
    warn(Notice(msg + " (printed as empty boxes)", "missing_glyphs", count=len(chars), chars=" ".join(chars[:12])))
