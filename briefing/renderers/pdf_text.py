"""Setting Chinese text on a ReportLab canvas: layout into lines and drawing them.

ReportLab's ``Paragraph`` is not used for report text: it parses its input as markup, has no
per-character font fallback, no character spacing and Japanese-oriented line breaking. Here text
is laid out character by character: each character in the first font of its role that has it,
lines broken by :mod:`briefing.linebreak`, justified by spreading (or tightening) the character
spacing, which also gives the exact character grid of GB/T 9704 (28 characters on 156 mm).
Input text is never interpreted, so ``<b>`` or ``&amp;`` in a report print as they are.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlab.lib.rl_accel import fp_str

from ..fonts import Face, FontChain
from ..linebreak import HALF_BLANK_END, NARROW_PAIR, is_wide, units, wrap
from ..textutil import xml_clean
from .pdf_cidfont import embedded

if TYPE_CHECKING:  # pragma: no cover
    from reportlab.pdfgen.canvas import Canvas

#: Where the baseline sits in an em box that is centred in its line (ideographic em box of
#: Noto and most Chinese fonts: 0.88 above, 0.12 below the baseline).
EM_ASCENT = 0.88


@dataclass
class TextStyle:
    """How a role's text is set: fonts, size, leading, colour, alignment, grid."""

    chain: FontChain
    size: float
    leading: float
    color: str = "#000000"
    indent_chars: float = 0  # first-line indent, in characters
    align: str = "justify"  # justify | left | center | right
    grid: float = 0.0  # character pitch of the grid for a full-width character; 0 = none
    squeeze: float = 0.5  # how far (in ems) a line may be tightened to keep a mark on it
    dash_rule: bool = True  # draw a text's opening —— as a rule (not for page numbers)
    balance: bool = False  # lines of even length (a heading never ends on one or two characters)


@dataclass
class Line:
    """One laid-out line: its characters with their faces and boxes."""

    text: str
    faces: list[Face | None]
    widths: list[float]  # the box of each character at the style's size, without tracking
    shifts: list[float]  # where the glyph sits in its box (a narrow opening quote sits right)
    scales: list[float]  # horizontal scale of the glyph (1.0, or more for a short em dash)
    adjusts: list[float]  # box less shift less the glyph's drawn advance: moved after the glyph
    tracking: float  # base character spacing (the grid)
    indent: float
    first: bool
    last: bool

    def natural(self) -> float:
        """Visible width: boxes, tracking between characters, less a final mark's blank half."""
        n = len(self.text)
        if not n:
            return 0.0
        w = sum(self.widths) + self.tracking * (n - 1)
        ch = self.text[-1]
        if ch in HALF_BLANK_END and is_wide(ch):
            w -= self.widths[-1] / 2
        return w


#: Quotes that Chinese text sets on a full em, but some Chinese fonts draw proportional.
_OPEN_QUOTES, _CLOSE_QUOTES = "\u201c\u2018", "\u201d\u2019"
_DASH = "\u2014"
_OPENING_RIGHT = frozenset("（《〈「『【“‘")  # glyph in the right half of the em
_PUNCT_AFTER = frozenset("，。、；：？！）》〉」』】”’（《〈「『【“‘")
_PAIR = re.compile(f"[{''.join(sorted(HALF_BLANK_END))}](?=[{''.join(sorted(_PUNCT_AFTER))}])")
#: Height of the middle of the em box above the baseline, and the stroke of a drawn dash (ems).
_DASH_Y, _DASH_STROKE = EM_ASCENT - 0.5, 0.055


@dataclass
class Missing:
    """Characters no font of their role has, collected over one render."""

    chars: list[str] = field(default_factory=list)


def pitch_for(style: TextStyle, width: float) -> float:
    """The grid pitch that fits a whole number of characters in ``width`` (0 without a grid)."""
    if not style.grid:
        return 0.0
    n = max(1, math.floor(width / style.grid + 1e-6))
    return width / n


def layout(text: str, style: TextStyle, width: float, missing: Missing | None = None) -> list[Line]:
    """Break one paragraph into lines for ``width`` points."""
    text = xml_clean(text).replace("\n", " ").replace("\t", " ")
    size = style.size
    pitch = pitch_for(style, width)
    tracking = pitch - size if pitch else 0.0
    indent = style.indent_chars * (pitch or size)
    info = _metrics(style.chain, size)
    advances: dict[str, float] = {}
    for ch in set(text):
        m = info.get(ch)
        if m is None:
            m = info[ch] = _measure(style.chain, size, ch)
        if m[0] is None and missing is not None and not ch.isspace():
            missing.chars.append(ch)
        advances[ch] = m[1] + tracking
    advance = advances.__getitem__
    pieces = units(text)

    def lines_for(w: float, part: str | list[str] = pieces, first: bool = True) -> list[str]:
        # The last character of a line carries no tracking after it.
        return wrap(part, w + tracking, advance, first_width=(w - indent if first else w) + tracking,
                    squeeze=style.squeeze * size)

    rows = lines_for(width)
    if (style.align == "center" or style.balance) and len(rows) > 1:
        rows = (len(rows) == 2 and _at_a_phrase(text, lines_for, width)) or _balanced(rows, width, lines_for)
    elif style.align == "justify" and len(rows) > 1 and len(rows[-1]) <= RUNT:
        prev_width = width - (indent if len(rows) == 2 else 0.0)
        rows = _without_runt(rows, prev_width + tracking, advance, size)
    out: list[Line] = []
    last = len(rows) - 1
    for i, row in enumerate(rows):
        if not row:
            out.append(Line(row, [], [], [], [], [], tracking, indent if i == 0 else 0.0, i == 0, i == last))
            continue
        # One metric tuple per character, turned into one list per field.
        faces, widths, shifts, scales, _, adjusts = map(list, zip(*[info[c] for c in row]))
        for pair in _PAIR.finditer(row):
            # Adjacent punctuation (clreq 3.1.6): a mark whose right half is blank, followed by
            # another mark (、“ · 。” · ）。), gives up that blank half, so no gap of one and a
            # half ems opens.
            k = pair.start()
            if is_wide(row[k]):
                adjusts[k] -= widths[k] / 2
                widths[k] /= 2
        if i and row[0] in _OPENING_RIGHT and widths[0] >= 0.99 * size:
            # A line (not a paragraph) that starts with an opening mark sets it flush, without
            # the blank half before its glyph.
            widths[0] -= size / 2
            shifts[0] -= size / 2
        out.append(Line(row, faces, widths, shifts, scales, adjusts, tracking, indent if i == 0 else 0.0,
                        i == 0, i == last))
    return out


#: A body paragraph's last line of this many characters or fewer is a runt.
RUNT = 2


def _without_runt(rows: list[str], width: float, advance: Callable[[str], float], size: float) -> list[str]:
    """A paragraph that would end on a line of one or two characters: the line before takes them
    in, tightened by at most one em, or else gives its last units to the last line (loosened);
    ``width`` is the line before's measure (plus one tracking, as :func:`wrap` counts it)."""
    prev, last = rows[-2], rows[-1]
    joined = prev + last
    trim = advance(joined[-1]) / 2 if joined[-1] in HALF_BLANK_END and is_wide(joined[-1]) else 0.0
    if sum(map(advance, joined)) - trim <= width + size:
        return rows[:-2] + [joined]
    pieces = units(prev)
    moved = ""
    while len(pieces) > 1 and len(moved + last) <= RUNT:
        moved = pieces.pop() + moved
    keep = "".join(pieces).rstrip()
    if len(keep) < 2 * len(moved + last):
        return rows  # a short line before: nothing to take from it
    return rows[:-2] + [keep, (moved + last).lstrip()]


_PHRASE_MIN = 4
_PHRASE_END = re.compile(r"[，、；：,;:](?=\S)")


def _at_a_phrase(text: str, lines_for: Callable[..., list[str]], width: float) -> list[str] | None:
    """Two lines broken after a comma (or 、；：) rather than inside a word: of the breaks where
    each part fits its line, the one giving the most even lines; None if there is none."""
    best: list[str] | None = None
    best_diff = 0
    for m in _PHRASE_END.finditer(text):
        head, tail = text[:m.end()].strip(), text[m.end():].strip()
        if min(len(head), len(tail)) < _PHRASE_MIN:
            continue  # not after a heading's number (二、), nor before a last word
        if len(lines_for(width, head)) != 1 or len(lines_for(width, tail, False)) != 1:
            continue
        diff = abs(len(head) - len(tail))
        if best is None or diff < best_diff:
            best, best_diff = [head, tail], diff
    return best


def _balanced(rows: list[str], width: float, lines_for: Callable[..., list[str]]) -> list[str]:
    """Centred lines of even length: the narrowest measure that needs no more lines (a title
    never leaves one character alone on its last line)."""
    lo, hi, best = width * (len(rows) - 1) / len(rows), width, rows
    for _ in range(8):
        mid = (lo + hi) / 2
        trial = lines_for(mid)
        if len(trial) <= len(rows):
            hi, best = mid, trial
        else:
            lo = mid
    return best


# face, box width, glyph shift in the box, horizontal scale, drawn advance of the glyph, and what
# is left to move after the glyph (box less shift less advance)
Metric = tuple[Face | None, float, float, float, float, float]
_METRICS: dict[tuple[FontChain, float], dict[str, Metric]] = {}


def _metrics(chain: FontChain, size: float) -> dict[str, Metric]:
    """Per-process cache of character metrics for a chain at a size."""
    key = (chain, size)
    m = _METRICS.get(key)
    if m is None:
        m = _METRICS[key] = {}
    return m


def _measure(chain: FontChain, size: float, ch: str) -> Metric:
    f = chain.face_for(ch)
    w = glyph = (f or chain.primary).width(ch) * size / 1000
    shift, scale = 0.0, 1.0
    if (ch in _OPEN_QUOTES or ch in _CLOSE_QUOTES) and w < 0.75 * size:
        shift = size - w if ch in _OPEN_QUOTES else 0.0
        w = size
    elif ch == _DASH and 0.5 * size < w < 0.99 * size:
        # A Chinese dash fills its em; —— must read as one unbroken rule.
        scale, w = size / w, size
        glyph = size
    return (f, w, shift, scale, glyph, w - shift - glyph)


def natural_width(text: str, style: TextStyle) -> float:
    """Width of a text set on one line (no breaking, no grid)."""
    info = _metrics(style.chain, style.size)
    total = 0.0
    for ch in text:
        m = info.get(ch)
        if m is None:
            m = info[ch] = _measure(style.chain, style.size, ch)
        total += m[1]
    return total


def draw_line(canv: Canvas, line: Line, style: TextStyle, x: float, baseline: float, width: float) -> None:
    """Draw one line in a box ``width`` wide starting at ``x``, aligned and justified."""
    n = len(line.text)
    if not n:
        return
    avail = width - line.indent
    natural = line.natural()
    spacing = line.tracking
    offset = line.indent
    steps = line.widths
    adjusts = line.adjusts
    if (style.align == "justify" and not line.last or natural > avail) and n > 1:
        # Justified, or a line tightened to keep a mark: the difference is spread over the gaps
        # between characters, but not inside a Latin word or a number (clreq 3.7).
        rigid = [m.start() for m in NARROW_PAIR.finditer(line.text)]
        gaps = n - 1 - len(rigid)
        if gaps <= 0:  # a line of one long word: spread it all the same
            rigid, gaps = [], n - 1
        extra = (avail - natural) / gaps
        spacing += extra
        if rigid:
            steps, adjusts = list(steps), list(adjusts)
            for i in rigid:
                steps[i] -= extra
                adjusts[i] -= extra
    elif style.align == "center":
        offset += (avail - natural) / 2
    elif style.align == "right":
        offset += avail - natural
    pos = x + offset
    color = rgb(style.color)
    start = 0
    actual = ""
    if style.dash_rule and line.first and line.text[0] == _DASH and line.text.strip(_DASH):
        # A text that opens with a dash (a subtitle's ——): draw the dash as a rule, so that no
        # line of the page starts with a closing mark, and give the copied text back its dashes
        # through ActualText on the next glyph.
        k = len(line.text) - len(line.text.lstrip(_DASH))
        w = sum(line.widths[:k]) + spacing * (k - 1)
        y = baseline + _DASH_Y * style.size
        canv.saveState()
        canv.setStrokeColor(color)
        canv.setLineWidth(_DASH_STROKE * style.size)
        canv.line(pos, y, pos + w, y)
        canv.restoreState()
        pos += w + spacing
        start = k
        actual = line.text[:k]
    fallback = style.chain.primary
    # Text operators are written directly: one Tm per run of a face, and TJ adjustments for the
    # characters whose box differs from their glyph's advance (quotes, squeezed punctuation).
    code = [f"BT {fp_str(spacing)} Tc"]
    run_x = pos
    for i in range(start, n):
        if i > start and (line.faces[i] is not line.faces[i - 1] or line.faces[i] is None
                          or line.scales[i] != line.scales[i - 1]):
            _run(canv, code, line, adjusts, start, i, run_x, baseline, style.size, fallback, actual)
            start, run_x, actual = i, pos, ""
        pos += steps[i] + spacing
    _run(canv, code, line, adjusts, start, n, run_x, baseline, style.size, fallback, actual)
    code.append("ET")
    # The fill colour goes in with the text: every drawing of ours sets its own colour first,
    # and canvas.setFillColor costs more than the rest of a short line.
    canv._code.append(_fill_op(style.color) + " ".join(code))


def _run(canv: Canvas, code: list[str], line: Line, adjusts: list[float], i: int, j: int, x: float,
         baseline: float, size: float, fallback: Face, actual: str = "") -> None:
    font = embedded(canv, line.faces[i] or fallback)
    scale = line.scales[i]
    code.append(f"1 0 0 1 {fp_str(x)} {fp_str(baseline)} Tm {font.name} {fp_str(size)} Tf")
    if scale != 1.0:
        code.append(f"{fp_str(scale * 100)} Tz")
    hexes = font.codes(line.text[i:j])
    shifts = line.shifts
    # The characters that need more than their advance: a shift before the glyph, an adjustment
    # after it, or the ActualText of a drawn dash. Only those are visited.
    special = [m for m, (sh, after) in enumerate(zip(shifts[i:j], adjusts[i:j]))
               if sh or after > 1e-6 or after < -1e-6]
    if actual and (not special or special[0] != 0):
        special.insert(0, 0)
    if not special:
        code.append(f"<{''.join(hexes)}> Tj")
    else:
        per_em = 1000 / size / scale
        items: list[str] = []
        chunk = 0
        for m in special:
            c = i + m
            shift, after = shifts[c], adjusts[c]
            marked = bool(actual) and m == 0
            if shift or marked:
                if m > chunk:
                    items.append(f"<{''.join(hexes[chunk:m])}>")
                if shift:
                    items.append(fp_str(-shift * per_em))
                chunk = m
            if marked:
                if items:
                    code.append(f"[{' '.join(items)}] TJ")
                code.append(f"/Span <</ActualText {_pdf_text(actual + line.text[c])}>> BDC <{hexes[m]}> Tj EMC")
                items, chunk = [], m + 1
            if after > 1e-6 or after < -1e-6:
                if m + 1 > chunk:
                    items.append(f"<{''.join(hexes[chunk:m + 1])}>")
                items.append(fp_str(-after * per_em))
                chunk = m + 1
        if len(hexes) > chunk:
            items.append(f"<{''.join(hexes[chunk:])}>")
        if items:
            code.append(f"[{' '.join(items)}] TJ")
    if scale != 1.0:
        code.append("100 Tz")


def draw_run(canv: Canvas, face: Face, size: float, x: float, baseline: float, text: str, color: str) -> None:
    """Text in one face at ``(x, baseline)`` as it is: no breaking, no spacing (chart labels)."""
    font = embedded(canv, face)
    canv._code.append(f"{_fill_op(color)}BT 1 0 0 1 {fp_str(x)} {fp_str(baseline)} Tm {font.name} {fp_str(size)} Tf "
                      f"<{''.join(font.codes(text))}> Tj ET")


def _pdf_text(s: str) -> str:
    """A PDF text string (UTF-16BE with BOM, hex) for marked-content properties."""
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def begin_artifact(canv: Canvas) -> None:
    """Start page furniture (a running header) that text extraction and copying should skip:
    an artifact, in a span whose ActualText is empty (poppler reads ActualText only on spans).
    End it with :func:`end_artifact`."""
    canv._code.append("/Artifact <</Type /Pagination>> BDC /Span <</ActualText ()>> BDC")


def end_artifact(canv: Canvas) -> None:
    canv._code.append("EMC EMC")


@functools.lru_cache(maxsize=64)
def _fill_op(hex_color: str) -> str:
    """The PDF operator that sets ``#RRGGBB`` as the fill colour."""
    c = rgb(hex_color)
    return f"{fp_str(c.red)} {fp_str(c.green)} {fp_str(c.blue)} rg "


@functools.lru_cache(maxsize=64)
def rgb(hex_color: str) -> Any:
    """A ReportLab colour for ``#RRGGBB`` (parsing a colour string costs more than drawing a line)."""
    from reportlab.lib.colors import HexColor

    return HexColor(hex_color)


def baseline_offset(style: TextStyle) -> float:
    """Distance from the top of a line box to the baseline: the em box centred in the leading."""
    return (style.leading - style.size) / 2 + style.size * EM_ASCENT
