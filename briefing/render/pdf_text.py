"""Setting Chinese text on a ReportLab canvas: layout into lines and drawing them.

ReportLab's ``Paragraph`` is not used for report text: it parses its input as markup, has no
per-character font fallback, no character spacing and Japanese-oriented line breaking. Here text
is laid out character by character: each character in the first font of its role that has it,
lines broken by :mod:`briefing.linebreak`, justified by spreading (or tightening) the character
spacing, which also gives the exact character grid of GB/T 9704 (28 characters on 156 mm).
Input text is never interpreted, so ``<b>`` or ``&amp;`` in a report print as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..fonts import Face, FontChain
from ..linebreak import HALF_BLANK_END, is_wide, wrap
from ..textutil import xml_clean

if TYPE_CHECKING:  # pragma: no cover
    from reportlab.pdfgen.canvas import Canvas

#: Where the baseline sits in an em box that is centred in its line (ideographic em box of
#: Noto and most Chinese fonts: 0.88 above, 0.12 below the baseline).
EM_ASCENT = 0.88


@dataclass
class TextStyle:
    chain: FontChain
    size: float
    leading: float
    color: str = "#000000"
    indent_chars: float = 0  # first-line indent, in characters
    align: str = "justify"  # justify | left | center | right
    grid: float = 0.0  # character pitch of the grid for a full-width character; 0 = none
    squeeze: float = 0.5  # how far (in ems) a line may be tightened to keep a mark on it


@dataclass
class Line:
    text: str
    faces: list[Face | None]
    widths: list[float]  # the box of each character at the style's size, without tracking
    shifts: list[float]  # where the glyph sits in its box (a narrow opening quote sits right)
    tracking: float  # base character spacing (the grid)
    indent: float
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
    unit = pitch or size
    indent = style.indent_chars * unit
    chain = style.chain
    fallback = chain.primary
    faces: dict[str, Face | None] = {}
    adv: dict[str, float] = {}
    shift: dict[str, float] = {}
    for ch in set(text):
        f = chain.face_for(ch)
        faces[ch] = f
        if f is None and missing is not None and not ch.isspace():
            missing.chars.append(ch)
        w = (f or fallback).width(ch) * size / 1000
        shift[ch] = 0.0
        if (ch in _OPEN_QUOTES or ch in _CLOSE_QUOTES) and w < 0.75 * size:
            shift[ch] = size - w if ch in _OPEN_QUOTES else 0.0
            w = size
        adv[ch] = w

    def advance(ch: str) -> float:
        return adv[ch] + tracking

    # The last character of a line carries no tracking after it.
    rows = wrap(text, width + tracking, advance, first_width=width - indent + tracking,
                squeeze=style.squeeze * size)
    out: list[Line] = []
    for i, row in enumerate(rows):
        out.append(Line(row, [faces[c] for c in row], [adv[c] for c in row], [shift[c] for c in row],
                        tracking, indent if i == 0 else 0.0, i == len(rows) - 1))
    return out


def draw_line(canv: Canvas, line: Line, style: TextStyle, x: float, baseline: float, width: float) -> None:
    """Draw one line in a box ``width`` wide starting at ``x``, aligned and justified."""
    n = len(line.text)
    if not n:
        return
    avail = width - line.indent
    natural = line.natural()
    spacing = line.tracking
    offset = line.indent
    justify = style.align == "justify" and not line.last
    if justify and n > 1:
        spacing += (avail - natural) / (n - 1)
    elif natural > avail and n > 1:  # a squeezed last line
        spacing += (avail - natural) / (n - 1)
    elif style.align == "center":
        offset += (avail - natural) / 2
    elif style.align == "right":
        offset += avail - natural
    fallback = style.chain.primary
    t = canv.beginText(x + offset, baseline)
    t.setCharSpace(spacing)
    pos = x + offset
    start = 0
    start_x = pos
    for i in range(n):
        shifted = line.shifts[i] != 0.0 or line.faces[i] is None
        # A run ends at a change of face and around a character placed inside a wider box.
        if i > start and (line.faces[i] is not line.faces[start] or shifted or line.shifts[i - 1] != 0.0
                          or line.faces[i - 1] is None):
            _run(t, line, start, i, start_x, baseline, style.size, fallback)
            start, start_x = i, pos
        pos += line.widths[i] + spacing
    _run(t, line, start, n, start_x, baseline, style.size, fallback)
    canv.setFillColor(style.color)
    canv.drawText(t)


def _run(t: Any, line: Line, i: int, j: int, x: float, baseline: float, size: float, fallback: Face) -> None:
    face = line.faces[i] or fallback
    t.setTextOrigin(x + line.shifts[i], baseline)
    t.setFont(face.name, size)
    t.textOut(line.text[i:j])


def baseline_offset(style: TextStyle) -> float:
    """Distance from the top of a line box to the baseline: the em box centred in the leading."""
    return (style.leading - style.size) / 2 + style.size * EM_ASCENT


def text_width(text: str, style: TextStyle) -> float:
    """Natural width of a one-line text (for centring headers and the masthead)."""
    lines = layout(text, style, 1e9)
    return lines[0].natural() if lines else 0.0
