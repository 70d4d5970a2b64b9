"""Platypus flowables built from laid-out lines: paragraphs, headings, highlight boxes, the tail.

A :class:`Block` is a stack of rows (text lines, a label tag) laid out for the frame width. It
splits between rows, keeping at least two lines on each side of a page break, and a boxed block
draws its own closed border on each part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from reportlab.platypus.flowables import CondPageBreak, Flowable

from .pdf_text import Line, Missing, TextStyle, baseline_offset, draw_line, layout, rgb


@dataclass
class Row:
    """One row of a block: a text line, a label tag, or a gap."""

    height: float
    line: Line | None = None
    style: TextStyle | None = None
    tag: tuple[str, TextStyle, str] | None = None  # label text, style, fill colour
    gap: bool = False  # vertical space between paragraphs: dropped at a page break
    keep: bool = False  # no page break right after this row


@dataclass
class BoxLook:
    """The tint, border and padding of a highlight box."""

    fill: str
    border: str
    pad: float  # left and right
    pad_y: float = -1.0  # top and bottom (default: as pad)
    border_width: float = 0.6

    @property
    def pad_v(self) -> float:
        return self.pad if self.pad_y < 0 else self.pad_y


def text_rows(text: str, style: TextStyle, width: float, missing: Missing | None) -> list[Row]:
    """One row per line; a page may not break after the first line nor before the last one
    (no orphans, no widows)."""
    rows = [Row(style.leading, line, style) for line in layout(text, style, width, missing)]
    if len(rows) > 1:
        rows[0].keep = rows[-2].keep = True
    return rows


class Block(Flowable):
    """Rows laid out by ``build(width)``; optionally boxed, with an outline entry."""

    def __init__(self, build: Callable[[float], list[Row]], *, space_before: float = 0, space_after: float = 0,
                 box: BoxLook | None = None, outline: tuple[str, str, int] | None = None,
                 rows: list[Row] | None = None, width: float = 0,
                 first: bool = True, last: bool = True) -> None:
        super().__init__()
        self._build = build
        self.space_before_ = space_before
        self.space_after_ = space_after
        self.box = box
        self.outline = outline
        self.rows = rows
        self.width = width
        self.first, self.last = first, last
        self.fixed = not (first and last)  # a part of a split block keeps its lines
        self._rows_height: float | None = None  # of a part: set by the split that made it

    # -- geometry ------------------------------------------------------------------------------
    def _inner(self, width: float) -> float:
        return width - 2 * self.box.pad if self.box else width

    def _ensure(self, width: float) -> list[Row]:
        if self.rows is None or (not self.fixed and abs(self.width - width) > 0.01):
            self.rows = self._build(self._inner(width))
            self.width = width
        return self.rows

    def _chrome(self) -> float:
        return 2 * self.box.pad_v if self.box else 0.0

    def getSpaceBefore(self) -> float:  # noqa: N802 (platypus API)
        return self.space_before_ if self.first else 0.0

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.space_after_ if self.last else 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        rows = self._ensure(aw)
        if self._rows_height is None or not self.fixed:
            self._rows_height = sum(r.height for r in rows)
        self.height = self._rows_height + self._chrome()
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        rows = self._ensure(aw)
        room = ah - self._chrome()
        k, used = 0, 0.0
        while k < len(rows) and used + rows[k].height <= room + 1e-6:
            used += rows[k].height
            k += 1
        while k > 0 and (rows[k - 1].keep or rows[k - 1].gap):
            k -= 1
        head, tail = rows[:k], rows[k:]
        while tail and tail[0].gap:
            tail = tail[1:]
        if not any(r.line for r in head) or not tail:
            return []
        # The rest's height from the whole's: a paragraph of many pages is summed once, not once a page.
        whole = self._rows_height if self._rows_height is not None and self.fixed else sum(r.height for r in rows)
        rest = whole - sum(r.height for r in rows[:len(rows) - len(tail)])
        return [self._part(head, first=self.first, last=False),
                self._part(tail, first=False, last=self.last, rows_height=rest)]

    def head_height(self, width: float, lines: int = 2) -> float:
        """Height of the block's top down to its ``lines``-th text line (to keep a heading with it)."""
        rows = self._ensure(width)
        h = self.getSpaceBefore() + (self.box.pad_v if self.box else 0.0)
        for r in rows:
            h += r.height
            if r.line is not None:
                lines -= 1
                if lines <= 0:
                    break
        return h

    def _part(self, rows: list[Row], first: bool, last: bool, rows_height: float | None = None) -> Block:
        part = Block(self._build, space_before=self.space_before_, space_after=self.space_after_, box=self.box,
                     outline=self.outline if first else None,
                     rows=rows, width=self.width, first=first, last=last)
        part._rows_height = rows_height
        return part

    # -- drawing -------------------------------------------------------------------------------
    def draw(self) -> None:
        canv = self.canv
        rows = self.rows or []
        top = self.height
        x0 = 0.0
        if self.box:
            b = self.box
            canv.saveState()
            canv.setFillColor(rgb(b.fill))
            canv.setStrokeColor(rgb(b.border))
            canv.setLineWidth(b.border_width)
            canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
            canv.restoreState()
            top -= b.pad_v
            x0 = b.pad
        if self.outline and self.first:
            title, key, level = self.outline
            canv.bookmarkHorizontal(key, 0, self.height + 4)
            canv.addOutlineEntry(title, key, level=level, closed=False)
        inner = self._inner(self.width)
        for r in rows:
            if r.tag is not None:
                _draw_tag(canv, r, x0, top, inner)
            elif r.line is not None and r.style is not None:
                draw_line(canv, r.line, r.style, x0, top - baseline_offset(r.style), inner)
            top -= r.height


def tag_lines(text: str, style: TextStyle, width: float) -> list[Line]:
    """The lines of a label tag (half an em of padding each side) in a box ``width`` wide."""
    return layout(text, replace(style, align="left", indent_chars=0), width - style.size)


def _draw_tag(canv: Any, row: Row, x: float, top: float, width: float) -> None:
    assert row.tag is not None
    text, style, fill = row.tag
    lines = tag_lines(text, style, width)
    w = max((ln.natural() for ln in lines), default=0.0) + style.size
    h = style.leading * len(lines)
    canv.saveState()
    canv.setFillColor(rgb(fill))
    canv.rect(x, top - h, w, h, stroke=0, fill=1)
    canv.restoreState()
    for ln in lines:
        draw_line(canv, ln, style, x + style.size / 2, top - baseline_offset(style), w - style.size)
        top -= style.leading


class NeedRoom(CondPageBreak):
    """Starts a new page unless ``need(width)`` points are left: keeps a heading together with the
    first lines of what follows it, without moving a whole long block (as keepWithNext would)."""

    def __init__(self, need: Callable[[float], float]) -> None:
        super().__init__(0)
        self._need = need

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.height = self._need(aw)
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            return 0, 0
        w, h = super().wrap(aw, ah)
        return w, h


class BottomBlock(Flowable):
    """Rows pinned to the bottom of the frame (the distribution tail of the last page), with rules
    ``(y from the bottom, width)`` drawn across the frame."""

    def __init__(self, build: Callable[[float], list[Row]], rules: Callable[[list[Row]], list[tuple[float, float]]],
                 rule_color: str = "#000000") -> None:
        super().__init__()
        self._build = build
        self._rules = rules
        self.rule_color = rule_color
        self.rows: list[Row] = []

    def need(self, aw: float) -> float:
        """The height of its rows: what it needs at the foot of a page."""
        self.rows = self._build(aw)
        self.width = aw
        return sum(r.height for r in self.rows)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.height = max(self.need(aw), ah)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canv = self.canv
        top = sum(r.height for r in self.rows)
        canv.saveState()
        canv.setStrokeColor(rgb(self.rule_color))
        for y, lw in self._rules(self.rows):
            canv.setLineWidth(lw)
            canv.line(0, y, self.width, y)
        canv.restoreState()
        for r in self.rows:
            if r.line is not None and r.style is not None:
                draw_line(canv, r.line, r.style, 0, top - baseline_offset(r.style), self.width)
            top -= r.height
