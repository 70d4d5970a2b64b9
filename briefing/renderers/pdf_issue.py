"""PDF of a combined issue: one masthead, the contents list (本期要目) with the page each item
starts on, the items one after another (each with its title block, sections and boxes), one
targets appendix grouped by item, one 版记.

The page numbers of the contents are known only after layout: each is drawn as a form XObject
that is defined once the issue is laid out (the numbers take no room that could change it).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import CondPageBreak, Flowable

from ..fonts import report_missing
from ..issue import Issue
from ..model import Summary
from ..template import Template
from . import RenderOptions
from .common import issue_template, item_sections
from .pdf import DocInfo, Setup, body_story, build_pdf
from .pdf_blocks import NeedRoom
from .pdf_glance import charts
from .pdf_page import Furniture, draw_text_line
from .pdf_table import appendix_table
from .pdf_tail import attach_tail, tail_block
from .pdf_text import TextStyle, baseline_offset, draw_line, layout, natural_width


def render(issue: Issue, template: Template, options: RenderOptions | None = None) -> bytes:
    t = issue_template(issue, template)
    setup = Setup.of(t, options)
    found = [0] * len(issue.items)
    entry = _entry_style(setup)

    def numbers(canv: Any) -> None:
        for i, page in enumerate(found):
            _PageNumber.define(canv, i, str(page) if page else "", entry)

    data = build_pdf(setup, flowables(issue, setup, found), _furniture(issue, setup), _info(issue, t), numbers)
    report_missing(setup.missing.chars, setup.options.strict, setup.options.warn)
    return data


def _furniture(issue: Issue, setup: Setup) -> Furniture:
    first = issue.items[0] if issue.items else None
    return Furniture(setup.template, setup.area, setup.styles, "", first.date if first else "")


def _info(issue: Issue, t: Template) -> DocInfo:
    m = t.masthead
    return DocInfo(title=" ".join(x for x in (m.name, m.issue) if x), subject="；".join(issue.item_titles()),
                   keywords=[k for s in issue.items for k in (s.keywords or [x.keyword for x in s.sections])],
                   author=t.meta.author or m.unit)


def flowables(issue: Issue, setup: Setup, found: list[int]) -> list[Flowable]:
    """The story of the issue; ``found`` is filled with the page each item starts on as it is
    drawn, and the contents print those numbers (forms defined once the pages are known)."""
    t, st = setup.template, setup.styles
    lead = st["body"].leading
    grid = bool(t.body.chars_per_line)
    out: list[Flowable] = []
    titles = issue.item_titles()
    if len(issue.items) > 1:
        out += contents(issue.contents_title, titles, setup)
    for i, item in enumerate(issue.items):
        story = setup.story(item, key=f"i{i + 1}.")
        if i and not grid:
            out.append(_Space(lead))
        story.title_block()
        head = list(story.out)
        # the title block starts a new page rather than end one: it needs room for itself and three lines
        out += [NeedRoom(functools.partial(_room, head, 3 * lead)), _Mark(found, i)]
        body_story(story)
        out += story.finish()
    out += appendix(issue, setup, titles)
    attach_tail(out, tail_block(t, st, setup.missing, issue.items[0].date if issue.items else ""), lead)
    return out


def contents(title: str, titles: list[str], setup: Setup) -> list[Flowable]:
    """本期要目: a heading, then each item's title, a dotted leader and its page number."""
    st = setup.styles
    story = setup.story(Summary(title=title))
    story.para(title, "heading", align="center", indent=0, after=0, outline=(title, "contents", 0))
    out: list[Flowable] = story.finish()
    entry = _entry_style(setup)
    for i, text in enumerate(titles):
        out.append(_Entry(text, i, entry, f"i{i + 1}.title", setup))
    out.append(_Rule(st["body"].leading, setup.template.masthead.color))
    return out


def appendix(issue: Issue, setup: Setup, titles: list[str]) -> list[Flowable]:
    """One targets appendix: under its heading, each item's table (and charts) under the item's title."""
    t = setup.template
    groups = item_sections(issue)
    if not (t.appendix.enabled and groups):
        return []
    grid = bool(t.body.chars_per_line)
    lead = setup.styles["body"].leading
    story = setup.story(issue.items[0], key="appendix.")
    story.out.append(PageBreak() if grid else CondPageBreak(lead * 8))
    story.para(t.appendix.title, "heading", align="left", indent=0, before=0 if grid else lead * 0.6,
               after=lead / 2, outline=(t.appendix.title, "appendix", 0))
    for n, item in groups:
        if len(issue.items) > 1:
            name = f"{n}. {titles[n - 1]}"
            story.out.append(CondPageBreak(lead * 5))
            story.para(name, "subheading", align="left", indent=0, before=lead / 2, after=lead / 4,
                       outline=(name, f"appendix{n}", 1), balance=True)
        story.out.append(appendix_table(item, t, setup.styles, setup.missing, setup.area.width))
        story.out.extend(charts(item, t, setup.styles, setup.missing, setup.area.width))
    return story.finish()


def _room(head: list[Flowable], extra: float, width: float) -> float:
    return sum(float(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()) for f in head) + extra


class _Mark(Flowable):
    """Takes no room; records the page it lands on."""

    def __init__(self, found: list[int], i: int) -> None:
        super().__init__()
        self.found, self.i = found, i

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.found[self.i] = self.canv.getPageNumber()


class _Space(Flowable):
    """Vertical space that is dropped at the top of a page."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.h = height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        return (0, 0) if frame is not None and getattr(frame, "_atTop", False) else (aw, self.h)

    def draw(self) -> None:
        pass


def _entry_style(setup: Setup) -> TextStyle:
    return replace(setup.styles["lead"], indent_chars=0, align="left", balance=False)


class _PageNumber:
    """The page number of a contents entry: a form XObject, drawn on the page before its number is
    known and defined once the whole issue is laid out, so one layout pass does."""

    @staticmethod
    def name(i: int) -> str:
        return f"briefingContents{i}"

    @staticmethod
    def define(canv: Any, i: int, text: str, st: TextStyle) -> None:
        w = natural_width(text, st) if text else 0.0
        canv.beginForm(_PageNumber.name(i), lowerx=-w - st.size, lowery=-st.leading, upperx=st.size, uppery=st.leading)
        if text:  # right-aligned at the form's origin, its baseline on the origin
            draw_text_line(canv, text, st, -w - st.size, baseline_offset(st), w + st.size, "right")
        canv.endForm()


class _Entry(Flowable):
    """One line of the contents: the title (wrapped), a dotted leader, the page number; a link."""

    def __init__(self, text: str, i: int, style: TextStyle, key: str, setup: Setup) -> None:
        super().__init__()
        self.text, self.i, self.style, self.key, self.missing = text, i, style, key, setup.missing
        self.lines: list[Any] = []

    def _num_w(self) -> float:
        return self.style.size * 3

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        inset = self.style.size * 2
        self.lines = layout(self.text, self.style, aw - inset - self._num_w(), self.missing)
        self.width, self.height = aw, self.style.leading * max(1, len(self.lines))
        return aw, self.height

    def draw(self) -> None:
        canv, st = self.canv, self.style
        inset = st.size * 2
        top = self.height
        x_end = inset
        for ln in self.lines:
            base = top - baseline_offset(st)
            draw_line(canv, ln, st, inset, base, self.width - inset - self._num_w())
            x_end = inset + ln.natural()
            top -= st.leading
        base = top + st.leading - baseline_offset(st)
        right = self.width - st.size * 2.5  # room for three digits
        if right - x_end > st.size:
            canv.saveState()
            canv.setLineWidth(1.2)
            canv.setLineCap(1)
            canv.setDash([0.01, 4])
            canv.line(x_end + st.size * 0.5, base + st.size * 0.1, right, base + st.size * 0.1)
            canv.restoreState()
        canv.saveState()
        canv.translate(self.width, base)
        canv.doForm(_PageNumber.name(self.i))
        canv.restoreState()
        if canv._doc.inObject != "form":  # a page drawn as a form (numbered copies) takes no links
            canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)


class _Rule(Flowable):
    """A thin rule under the contents list, with half a line above and a line below."""

    def __init__(self, leading: float, color: str) -> None:
        super().__init__()
        self.leading, self.color = leading, color

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.leading

    def draw(self) -> None:
        from .pdf_text import rgb

        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(rgb(self.color))
        canv.setLineWidth(0.5)
        y = self.leading / 2
        canv.line(0, y, self.width, y)
        canv.restoreState()
