"""The lines of a PDF page → paragraphs in reading order → articles.

Reading order is a recursive XY cut: a region is cut at every vertical band of white space that
crosses it whole (left to right: articles side by side, the columns), else at every horizontal
one (top to bottom: headline, body, a row of labels), until a block is one column of one
stretch. Vertical first, since a newspaper's articles stand side by side in their columns and
what stands under a column (the labels of its article) belongs to it, not to the next article.
(A table inside a column is read column by column; the report PDFs have none.) Page furniture (running head with date, 版次, 责编;
page number) is what the first cut of a page leaves in its top or bottom strip.

Inside a block a paragraph starts at a change of type style, at an indented line, or after a
line that falls short of the column; a paragraph carries on into the next block (the next column)
when the column ended on a full line and the next one starts flush. Headlines (type much larger
than the body's) open articles on a page set in columns; a kicker set right above a headline goes
with it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..extraction.chars import ends_sentence
from ..extraction.reflow import HEADING_START, join_text
from .pdf import Line, PdfPage

HEAD_STRIP = 0.08  # the top and bottom strips of a page where its furniture stands
FOOT_STRIP = 0.06
HEADLINE = 1.6  # a headline's type is at least this many times the body's


@dataclass
class Para:
    text: str
    size: float
    bold: bool
    x0: float
    x1: float
    bottom: float
    top: float
    page: int
    room: float = float("inf")  # the white space its last line left before the column's right edge
    flush_first: bool = True  # its first line starts at the column's left edge


@dataclass
class Article:
    """One article of a newspaper page (or the whole text of a report PDF)."""

    paragraphs: list[Para] = field(default_factory=list)

    @property
    def title(self) -> str:
        heads = [p for p in self.paragraphs if p.size == max(q.size for q in self.paragraphs)]
        return heads[0].text if heads else ""

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs) + "\n"

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)


def body_size(pages: list[PdfPage]) -> float:
    sizes: Counter[float] = Counter()
    for pg in pages:
        for ln in pg.lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def layout(pages: list[PdfPage]) -> tuple[list[Article], list[str]]:
    """Articles in reading order, and the page furniture taken out."""
    body = body_size(pages)
    furniture: list[str] = []
    paras: list[Para] = []
    indents = [0]  # indented first lines seen so far: whether this document marks paragraphs so
    columned: set[int] = set()
    for n, pg in enumerate(pages):
        lines = _drop_furniture(pg, body, furniture)
        if _in_columns(lines, body):
            columned.add(n)
        for block in _xy_cut(lines, body):
            _add_block(paras, block, body, _frame(block, lines), indents)
    return _articles(paras, body, columned), furniture


def _in_columns(lines: list[Line], body: float) -> bool:
    """A page set in columns (a newspaper page), where a headline opens another article; on a
    page of one column (a report) a large heading is only a heading."""
    widths = sorted(ln.x1 - ln.x0 for ln in lines if abs(ln.size - body) < 0.15 * body)
    if not widths:
        return False
    span = max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)
    return widths[len(widths) // 2] < 0.6 * span


def _drop_furniture(pg: PdfPage, body: float, furniture: list[str]) -> list[Line]:
    bands = _cut(pg.lines, body, horizontal=True)
    keep: list[Line] = []
    for i, band in enumerate(bands):
        low, high = min(ln.bottom for ln in band), max(ln.top for ln in band)
        edge = (i == 0 and low > pg.height * (1 - HEAD_STRIP)) or (i == len(bands) - 1 and high < pg.height * FOOT_STRIP)
        if edge and len(bands) > 1:
            furniture.extend(ln.text for ln in sorted(band, key=lambda ln: (-ln.top, ln.x0)))
        else:
            keep.extend(band)
    return keep


def _cut(lines: list[Line], body: float, horizontal: bool) -> list[list[Line]]:
    """Lines → groups split at white bands crossing the region (top-down or left-right)."""
    if horizontal:
        spans = sorted(((-ln.top, -ln.bottom, ln) for ln in lines), key=lambda t: t[0])
        gap = 0.9 * body
    else:
        spans = sorted(((ln.x0, ln.x1, ln) for ln in lines), key=lambda t: t[0])
        gap = 0.8 * body
    groups: list[list[Line]] = []
    end = float("-inf")
    for lo, hi, ln in spans:
        if not groups or lo - end > gap:
            groups.append([])
        groups[-1].append(ln)
        end = max(end, hi)
    return groups


def _xy_cut(lines: list[Line], body: float) -> list[list[Line]]:
    if not lines:
        return []
    for horizontal in (False, True):
        parts = _cut(lines, body, horizontal)
        if len(parts) > 1:
            return [b for part in parts for b in _xy_cut(part, body)]
    return [sorted(lines, key=lambda ln: (-ln.top, ln.x0))]


def _style(ln: Line | Para, body: float) -> tuple[float, bool]:
    return (round(ln.size / body, 1), ln.bold)


def _frame(block: list[Line], lines: list[Line]) -> tuple[float, float]:
    """The left and right edges of the column a block stands in: its own lines may all be short
    (one-line paragraphs, all indented), so the lines of the same type above and below it in the
    same column count too."""
    left, right = min(ln.x0 for ln in block), max(ln.x1 for ln in block)
    size = block[0].size
    lo, hi = left, right
    for ln in lines:
        if abs(ln.size - size) < 0.1 * size and ln.x0 < right and ln.x1 > left and ln.x0 >= left - 3 * size:
            lo, hi = min(lo, ln.x0), max(hi, ln.x1)
    return lo, hi


def _add_block(paras: list[Para], block: list[Line], body: float, frame: tuple[float, float],
               indents: list[int]) -> None:
    left, right = frame
    multi = len(block) > 1 or right - left > 1.5 * (block[0].x1 - block[0].x0)
    # The line pitch of the block: a wider step between two lines is a paragraph's spacing.
    steps = Counter(round(a.top - b.top, 0) for a, b in zip(block, block[1:]) if abs(a.size - b.size) < 0.5)
    pitch = steps.most_common(1)[0][0] if steps else 0.0
    prev: Line | None = None
    for ln in block:
        indent = ln.x0 - left > 0.8 * ln.size
        indents[0] += indent and multi
        # A numbered heading (一、 （一） 第一部分 …) opens a paragraph even where the line before is full.
        indent = indent or bool(HEADING_START.match(ln.text))
        cur = paras[-1] if paras else None
        if prev is None:
            # The top of a block: carry on the paragraph the last block left open.
            carry = (cur is not None and cur.room < _first_unit(ln) and not indent and _style(cur, body) == _style(ln, body)
                     and ln.size <= 1.2 * body and cur.page <= ln.page
                     # Where paragraphs are not indented, a full last line that ends a sentence
                     # at a column or page break most likely ends its paragraph too.
                     and (indents[0] >= 2 or not ends_sentence(cur.text)))
        else:
            carry = (_style(prev, body) == _style(ln, body) and not indent
                     and prev.top - ln.top < (1.3 * pitch if pitch > 0.8 * ln.size else 2.2 * max(prev.size, ln.size))
                     and (ln.size > 1.2 * body or not multi or right - prev.x1 < _first_unit(ln)))
        if carry and cur is not None:
            cur.text = join_text(cur.text, ln.text)
            cur.x0, cur.x1 = min(cur.x0, ln.x0), max(cur.x1, ln.x1)
            cur.bottom = min(cur.bottom, ln.bottom)
        else:
            paras.append(Para(ln.text, ln.size, ln.bold, ln.x0, ln.x1, ln.bottom, ln.top, ln.page,
                              flush_first=not indent))
        paras[-1].room = right - ln.x1 if multi and ln.size <= 1.2 * body else float("inf")
        prev = ln


def _first_unit(ln: Line) -> float:
    """A line that left less room than its next line's first unbreakable unit before the
    column's edge was broken by wrapping, not by the end of its paragraph."""
    return ln.lead + 0.25 * ln.size


def _articles(paras: list[Para], body: float, columned: set[int]) -> list[Article]:
    out: list[Article] = [Article()]
    for p in paras:
        cur = out[-1]
        headline = p.size >= HEADLINE * body and p.page in columned
        if headline and cur.paragraphs and _has_body(cur, body):
            head: list[Para] = []
            # A kicker right above the headline (same column, just over it) belongs to it.
            while cur.paragraphs and _above(cur.paragraphs[-1], p, body):
                head.insert(0, cur.paragraphs.pop())
            out.append(Article(head))
        out[-1].paragraphs.append(p)
    return [a for a in out if a.paragraphs]


def _has_body(a: Article, body: float) -> bool:
    return any(p.size < 1.2 * body and len(p.text) > 40 for p in a.paragraphs)


def _above(k: Para, h: Para, body: float) -> bool:
    return (k.page == h.page and k.size > 1.1 * body and k.bottom >= h.top
            and k.bottom - h.top < 2 * k.size and k.x0 < h.x1 and h.x0 < k.x1)
