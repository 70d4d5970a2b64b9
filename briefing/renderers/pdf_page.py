"""The page furniture of a template: the masthead on page 1 (a coloured band, or the red 简报
报头 of GB/T 9704), the running header of later pages and the page number ``— N —``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.units import mm

from ..template import Template
from .common import masthead_date
from .pdf_text import (
    TextStyle,
    baseline_offset,
    begin_artifact,
    draw_line,
    end_artifact,
    layout,
    natural_width,
    rgb,
)


@dataclass
class Area:
    """The type area (版心) in points, origin at the page's bottom left."""

    page_w: float
    page_h: float
    left: float
    bottom: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.bottom + self.height

    @classmethod
    def of(cls, t: Template) -> Area:
        p = t.page
        return cls(p.width_mm * mm, p.height_mm * mm, p.margin_left_mm * mm, p.margin_bottom_mm * mm,
                   (p.width_mm - p.margin_left_mm - p.margin_right_mm) * mm,
                   (p.height_mm - p.margin_top_mm - p.margin_bottom_mm) * mm)


def draw_text_line(canv: Any, text: str, style: TextStyle, x: float, top: float, width: float, align: str) -> float:
    """Draw a one-line text in a box of ``width`` at ``top``; returns the height used."""
    st = replace(style, indent_chars=0, align=align, grid=0, squeeze=0, dash_rule=False)
    lines = layout(text, st, width) if text else []
    for ln in lines:
        draw_line(canv, ln, st, x, top - baseline_offset(st), width)
        top -= st.leading
    return st.leading * max(1, len(lines))


class Furniture:
    """Draws the masthead, running header and page numbers; knows the masthead's height."""

    def __init__(self, t: Template, area: Area, styles: dict[str, TextStyle], title: str, date: str) -> None:
        self.t = t
        self.area = area
        self.s = styles
        self.title = title
        self.m = t.masthead
        self.date = masthead_date(self.m.date, date)

    # -- masthead --------------------------------------------------------------------------------
    def masthead_height(self) -> float:
        style = self.m.style
        if style == "redhead":
            h = self.s["masthead"].leading + self.s["masthead_meta"].leading * (2 if self.m.issue else 1)
            return h + self.s["body"].leading  # the red rule sits in the last half line, then a blank line
        if style == "band":
            return self._band_h() + self.s["body"].leading * (1.5 if self.m.unit else 0.75)
        return 0.0

    def _band_h(self) -> float:
        return self.s["masthead"].leading + 12

    def first_page(self, canv: Any, doc: Any) -> None:
        canv.saveState()
        if self.m.style == "redhead":
            self._redhead(canv)
        elif self.m.style == "band":
            self._band(canv)
        canv.restoreState()
        self.page_number(canv, doc)

    def _redhead(self, canv: Any) -> None:
        a, m = self.area, self.m
        red = m.color
        top = a.top
        big = _fit(_recolor(self.s["masthead"], red), m.name, a.width)
        top -= draw_text_line(canv, m.name, big, a.left, top, a.width, "center")
        meta = self.s["masthead_meta"]
        if m.issue:
            top -= draw_text_line(canv, m.issue, meta, a.left, top, a.width, "center")
        draw_text_line(canv, m.unit, meta, a.left, top, a.width, "left")
        draw_text_line(canv, self.date, meta, a.left, top, a.width, "right")
        top -= meta.leading
        y = top - self.s["body"].leading / 4
        canv.setStrokeColor(rgb(red))
        canv.setLineWidth(0.5 * mm)
        canv.line(a.left, y, a.left + a.width, y)

    def _band(self, canv: Any) -> None:
        a, m = self.area, self.m
        h = self._band_h()
        canv.setFillColor(rgb(m.color))
        canv.rect(a.left, a.top - h, a.width, h, stroke=0, fill=1)
        meta = _recolor(self.s["masthead_meta"], "#FFFFFF")
        pad = 10.0
        right = "　".join(x for x in (m.issue, self.date) if x)
        room = a.width - 2 * pad - (natural_width(right, meta) + meta.size if right else 0)
        big = _fit(_recolor(self.s["masthead"], "#FFFFFF"), m.name, room)
        draw_text_line(canv, m.name, big, a.left + pad, a.top - (h - big.leading) / 2, room, "left")
        if right:
            mt = a.top - (h - meta.leading) / 2
            draw_text_line(canv, right, meta, a.left + pad, mt, a.width - 2 * pad, "right")
        if m.unit:
            under = _recolor(self.s["masthead_meta"], self.t.colors.accent)
            draw_text_line(canv, m.unit, under, a.left, a.top - h - 4, a.width, "left")

    # -- later pages ---------------------------------------------------------------------------
    def later_page(self, canv: Any, doc: Any) -> None:
        if self.m.running_header and self.m.style != "none":
            canv.saveState()
            begin_artifact(canv)  # copied text runs on across a page break without the header
            a = self.area
            meta = _recolor(self.s["masthead_meta"], self.t.colors.accent)
            y = a.top + 6 + meta.leading
            left = " ".join(x for x in (self.m.name, self.m.issue) if x)
            draw_text_line(canv, left, meta, a.left, y, a.width / 2, "left")
            draw_text_line(canv, self.title, _recolor(meta, "#555555"), a.left + a.width / 2, y, a.width / 2, "right")
            canv.setStrokeColor(rgb(self.t.colors.rule))
            canv.setLineWidth(0.6)
            canv.line(a.left, a.top + 4, a.left + a.width, a.top + 4)
            end_artifact(canv)
            canv.restoreState()
        self.page_number(canv, doc)

    def page_number(self, canv: Any, doc: Any) -> None:
        pn = self.t.page_number
        n = canv.getPageNumber()
        text = pn.format.replace("{n}", str(n))
        st = self.s["page_number"]
        a = self.area
        top = a.bottom - pn.offset_mm * mm + (st.leading - st.size) / 2
        canv.saveState()
        if pn.position == "outside":
            inset = st.size  # one character in from the edge of the type area
            if n % 2:
                draw_text_line(canv, text, st, a.left, top, a.width - inset, "right")
            else:
                draw_text_line(canv, text, st, a.left + inset, top, a.width - inset, "left")
        else:
            draw_text_line(canv, text, st, a.left, top, a.width, "center")
        canv.restoreState()


def _fit(style: TextStyle, text: str, width: float) -> TextStyle:
    """The style, set smaller if needed for ``text`` to fit on one line of ``width`` (a long
    briefing name in the masthead keeps one line and the masthead its height)."""
    w = natural_width(text, style)
    if w <= width or w <= 0:
        return style
    k = width / w * 0.999
    return replace(style, size=style.size * k, leading=style.leading)


def _recolor(style: TextStyle, color: str) -> TextStyle:
    return replace(style, color=color)
