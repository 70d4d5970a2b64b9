"""The running header of the DOCX's later pages (the briefing's name and issue on the left, the title
on the right) as a picture of its text, drawn as the PDF draws it, with the text as alt text.

Why a picture: the PDF marks its header as an artifact, so text copied or extracted from it runs on
across a page break; a DOCX cannot. LibreOffice's PDF of the DOCX (what the DOCX is checked and often
printed with) gives the header's words to ``pdftotext`` in the middle of every paragraph that runs
over a page break. As a picture it prints the same and leaves the paragraphs whole. The rule under
it stays a paragraph border."""

from __future__ import annotations

from dataclasses import dataclass

from ..linebreak import wrap
from ..template import Template

GREY = "#555555"
PICTURE_ID = 900  # docPr ids are unique in a document: the 版记's is 1, the charts' from 1001
_EMU_PER_PT = 12700
DPI = 300  # print resolution: the text as sharp as a printer sets it (600 cost 10 ms a render, 34 KB)


@dataclass(frozen=True)
class HeaderPicture:
    png: bytes
    width: float  # points
    height: float
    alt: str

    @property
    def extent(self) -> tuple[int, int]:
        """Width and height in EMU."""
        return round(self.width * _EMU_PER_PT), round(self.height * _EMU_PER_PT)


def picture(t: Template, left: str, right: str, width: float) -> HeaderPicture | None:
    """The header ``width`` points wide: ``left`` in the accent colour, ``right`` in grey set flush
    right in the other half (on more lines when it is longer, as the PDF sets it); None when both
    are empty."""
    if not (left or right):
        return None
    from .charts import Figure, _font, _hex, _text, png, text_width  # Pillow and the font files: only here

    f = _font(t.role("masthead_meta"))
    half = width / 2
    lines = wrap(right, half, lambda ch: text_width(ch, f)) if right else []
    height = f.leading * max(1, len(lines))
    d = Figure(width, height, [], f.chain.primary, f.size)
    base = height - f.leading + (f.leading - f.size) / 2 + f.size * 0.12
    if left:
        _text(d, 0, base, left, f, _hex(t.colors.accent))
    for k, line in enumerate(lines):
        _text(d, width, base - k * f.leading, line, f, GREY, anchor="end")
    return HeaderPicture(png(d, DPI), width, height, " ".join(x for x in (left, right) if x))

