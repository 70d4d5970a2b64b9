"""PDF renderer (ReportLab): Summary + Template → PDF bytes.

Reads only the model and the template. Text is set by :mod:`.pdf_text` (per-character font
fallback, Chinese line breaking, justification, the GB/T 9704 character grid); blocks and page
furniture come from :mod:`.pdf_blocks`, :mod:`.pdf_page` and :mod:`.pdf_table`. The output is
byte-identical for identical input (``invariant``) and embeds subsets of its fonts only.
"""

from __future__ import annotations

import contextlib
import functools
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate
from reportlab.platypus.flowables import CondPageBreak, Flowable

from .. import __version__
from ..fonts import chain, chain_notes, report_missing
from ..model import Highlight, Summary
from ..template import ROLES, Template
from . import RenderOptions
from .common import byline_lines, numbered_sections
from .pdf_blocks import Block, BoxLook, NeedRoom, Row, tag_lines, text_rows
from .pdf_copies import Copies
from .pdf_glance import charts, panel
from .pdf_page import Area, Furniture
from .pdf_table import TableThenCharts, appendix_table
from .pdf_tail import attach_tail, tail_block
from .pdf_text import Missing, TextStyle


def make_styles(t: Template, area: Area) -> dict[str, TextStyle]:
    """One TextStyle per role. With a character grid (``body.chars_per_line``), every role set at
    the body size uses the grid pitch of the type area."""
    body = t.role("body")
    grid = area.width / t.body.chars_per_line if t.body.chars_per_line else 0.0
    out: dict[str, TextStyle] = {}
    for name in ROLES:
        r = t.role(name)
        c = chain(tuple(r.fonts), r.latin, r.bold)
        out[name] = TextStyle(c, r.size, r.leading, "#000000", 0, "justify",
                              grid if grid and abs(r.size - body.size) < 0.01 else 0.0)
    return out


def _with(style: TextStyle, **kw: Any) -> TextStyle:
    return replace(style, **kw)


class _Story:
    def __init__(self, s: Summary, t: Template, styles: dict[str, TextStyle], missing: Missing,
                 width: float, key: str = "", frame: float = 0.0) -> None:
        self.s, self.t, self.st, self.missing, self.width = s, t, styles, missing, width
        self.key = key  # prefix of the outline keys: one per item of a combined issue
        self.frame = frame  # the height of a page's frame
        self.grid = bool(t.body.chars_per_line)
        self.body_leading = styles["body"].leading
        self.indent = t.body.first_line_indent_chars
        self.align = "justify" if t.body.justify else "left"
        self.para_gap = 0.0 if self.grid else round(self.body_leading * 0.2, 2)
        self.out: list[Flowable] = []
        self._links: list[tuple[list[Flowable], int]] = []

    def para(self, text: str, role: str, *, align: str | None = None, indent: float | None = None,
             before: float = 0, after: float | None = None, outline: tuple[str, str, int] | None = None,
             balance: bool = False) -> Block:
        style = _with(self.st[role], align=align or self.align,
                      indent_chars=self.indent if indent is None else indent, balance=balance)
        missing = self.missing
        b = Block(lambda w: text_rows(text, style, w, missing), space_before=before,
                  space_after=self.para_gap if after is None else after, outline=outline)
        self.out.append(b)
        return b

    def title_block(self) -> None:
        s = self.s
        if s.kicker:
            self.para(s.kicker, "kicker", align="center", indent=0, after=0)
        title = s.title or self.t.masthead.name
        self.para(title, "title", align="center", indent=0, after=0, outline=(title, f"{self.key}title", 0))
        if s.subtitle:
            self.para(s.subtitle, "subtitle", align="center", indent=0, after=0)
        for line in byline_lines(s):
            self.para(line, "byline", align="center", indent=0, after=0)
        if self.out:
            self.out[-1].space_after_ = self.body_leading * (1 if self.grid else 0.8)

    def sections(self) -> None:
        for n, (depth, heading, sec) in enumerate(numbered_sections(self.s), 1):
            role = "heading" if depth == 1 else "subheading"
            before = 0.0 if self.grid else self.body_leading * (0.6 if depth == 1 else 0.3)
            if heading:
                self.heading(heading, role, before=before, key=f"{self.key}s{n}", level=depth)
            for b in sec.blocks():
                if isinstance(b, Highlight):
                    self.highlight(b)
                else:
                    self.para(b, "body")

    def heading(self, text: str, role: str, *, before: float, key: str, level: int) -> None:
        """A heading that starts a new page rather than end one: it needs room for itself and
        the first two lines of what follows (linked in :meth:`finish`)."""
        follow: list[Flowable] = []
        room = NeedRoom(lambda w: h.wrap(w, 1e6)[1] + h.getSpaceBefore() + _head(follow, w))
        self.out.append(room)
        h = self.para(text, role, align="left", indent=self.indent if self.grid else 0, before=before,
                      after=0 if self.grid else 2, outline=(text, key, level), balance=True)
        self._links.append((follow, len(self.out)))

    def finish(self) -> list[Flowable]:
        """The story; platypus consumes the list, so headings learn their next flowable now."""
        for follow, at in self._links:
            follow[:] = self.out[at:at + 1]
        return self.out

    def highlight(self, h: Highlight) -> None:
        st = _with(self.st["highlight"], align=self.align, indent_chars=self.indent)
        label = _with(self.st["label"], color=self.t.colors.label_text, align="left")
        pad = (st.grid / 2) if self.grid else 9.0
        gap = 0.0 if self.grid else round(st.leading * 0.25, 2)
        tag_h = label.leading + (2 if self.grid else 4)
        # On a line grid the box with its padding and the space around it takes whole lines, so
        # the text after it stays on the grid.
        pad_y = 6.0 if self.grid else pad
        around = self.body_leading / 2
        if self.grid:
            chrome = (tag_h if h.label else 0) + 2 * pad_y
            around = (-chrome) % st.leading / 2 or st.leading / 2
        missing = self.missing
        colors = self.t.colors

        def build(w: float) -> list[Row]:
            rows: list[Row] = []
            if h.label:
                n = len(tag_lines(h.label, label, w))
                rows.append(Row(tag_h + label.leading * (n - 1), tag=(h.label, label, colors.label_fill), keep=True))
            for k, p in enumerate(h.paragraphs):
                if k and gap:
                    rows.append(Row(gap, gap=True))
                rows.extend(text_rows(p, st, w, missing))
            return rows

        self.out.append(Block(build, space_before=around, space_after=around,
                              box=BoxLook(colors.box_fill, colors.box_border, pad, pad_y)))

    def appendix(self) -> None:
        a = self.t.appendix
        if not a.enabled or not self.s.targets:
            return
        self.out.append(PageBreak() if self.grid else CondPageBreak(self.body_leading * 8))
        self.para(a.title, "heading", align="left", indent=0, before=0 if self.grid else self.body_leading * 0.6,
                  after=self.body_leading / 2, outline=(a.title, "appendix", 1))
        table = appendix_table(self.s, self.t, self.st, self.missing, self.width)
        after = charts(self.s, self.t, self.st, self.missing, self.width)
        self.out.append(TableThenCharts(table, after, self.frame) if after else table)

    def tail(self) -> None:
        """The 版记 at the foot of the last page, kept with the last lines of the text."""
        attach_tail(self.out, tail_block(self.t, self.st, self.missing, self.s.date), self.body_leading)


def _head(follow: list[Flowable], width: float) -> float:
    f = follow[0] if follow else None
    if isinstance(f, Block):
        return f.head_height(width)
    return 0.0 if f is None else min(f.wrap(width, 1e6)[1], 80.0)


@dataclass
class Setup:
    """What every PDF of a template shares: the type area, a style per role, the characters no
    font has (collected while setting)."""

    template: Template
    area: Area
    styles: dict[str, TextStyle]
    missing: Missing
    options: RenderOptions

    @classmethod
    def of(cls, template: Template, options: RenderOptions | None) -> Setup:
        opts = options or RenderOptions()
        area = Area.of(template)
        styles = make_styles(template, area)
        for n in dict.fromkeys(n for st in styles.values() for n in chain_notes(st.chain)):
            opts.warn(n)
        return cls(template, area, styles, Missing(), opts)

    def story(self, summary: Summary, key: str = "") -> _Story:
        return _Story(summary, self.template, self.styles, self.missing, self.area.width, key, self.area.height)


def summary_story(story: _Story) -> None:
    """Title block, lead, key-figure panel and sections of one summary."""
    story.title_block()
    body_story(story)


def body_story(story: _Story) -> None:
    """Lead, key-figure panel and sections of one summary."""
    for p in story.s.lead:
        story.para(p, "lead")
    story.out.extend(panel(story.s, story.t, story.st, story.missing))
    story.sections()


def render(summary: Summary, template: Template, options: RenderOptions | None = None) -> bytes:
    setup = Setup.of(template, options)
    story = setup.story(summary)
    summary_story(story)
    story.appendix()
    story.tail()
    keywords = summary.keywords or [s.keyword for s in summary.sections]
    info = DocInfo(title=summary.title or template.masthead.name,
                   subject=" ".join(x for x in (template.masthead.name, template.masthead.issue, summary.subtitle) if x),
                   keywords=keywords, author=template.meta.author or summary.source or "")
    data = build_pdf(setup, story.finish(), Furniture(template, setup.area, setup.styles, summary.title, summary.date),
                     info)
    report_missing(setup.missing.chars, setup.options.strict, setup.options.warn)
    return data


@dataclass
class DocInfo:
    """The PDF's document information."""

    title: str
    subject: str
    keywords: list[str]
    author: str


def build_pdf(setup: Setup, flowables: list[Flowable], furn: Furniture, info: DocInfo,
              before_save: Callable[[Any], None] | None = None) -> bytes:
    """Lay out the flowables on the template's pages (masthead frame on page 1) → PDF bytes; with
    copy numbers (``options.copies``) every copy after the first repeats the pages as forms."""
    area, styles = setup.area, setup.styles
    mh = furn.masthead_height()
    first = Frame(area.left, area.bottom, area.width, area.height - mh, 0, 0, 0, 0, id="first")
    later = Frame(area.left, area.bottom, area.width, area.height, 0, 0, 0, 0, id="later")
    copies = Copies(setup.options.copies, setup.options.watermark, furn, styles, area)
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=(area.page_w, area.page_h), invariant=1,
        title=info.title, subject=info.subject, keywords=info.keywords, author=info.author,
        creator=f"briefing {__version__}", producer=f"briefing {__version__} (ReportLab)",
        initialFontName=styles["body"].chain.primary.name, initialFontSize=styles["body"].size,
        pageTemplates=[PageTemplate("first", [first], onPage=copies.on_page(furn.first_page),
                                    onPageEnd=copies.page_end, autoNextPageTemplate="later"),
                       PageTemplate("later", [later], onPage=copies.on_page(furn.later_page),
                                    onPageEnd=copies.page_end)],
    )
    doc._doSave = 0  # the copies are added before the file is saved
    with _stream_settings():
        doc.build(flowables, canvasmaker=_canvas_maker())
        copies.finish(doc.canv)
        if before_save is not None:  # forms drawn on pages before they were known (contents page numbers)
            before_save(doc.canv)
        doc.canv.save()
    return buf.getvalue()


class _Flate:
    """ReportLab's FlateDecode filter, made by ISA-L (the ``isal`` package) at its level 2 where
    it is installed, else by zlib at level 2. Deflating the font programs is a tenth of a PDF's
    render time; on the example (435 KB of streams): zlib 6 (ReportLab's) 17 ms for 270 KB,
    zlib 2 9-12 ms for 282 KB, ISA-L 2 about 2.4 ms for 282 KB. Both write standard deflate."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._compress = _deflate()

    def encode(self, text: bytes | str) -> bytes:
        return self._compress(text.encode("utf-8") if isinstance(text, str) else text)

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


def _deflate() -> Callable[[bytes], bytes]:
    try:
        from isal import isal_zlib
    except ImportError:  # a platform without its wheels
        return functools.partial(zlib.compress, level=2)
    return functools.partial(isal_zlib.compress, level=2)


@contextlib.contextmanager
def _stream_settings() -> Iterator[None]:
    """Binary (not ASCII85) streams, compressed by :class:`_Flate`, for the time of one build.
    ReportLab reads both from module globals when it writes the file."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc

    saved = rl_config.useA85, pdfdoc.PDFZCompress
    rl_config.useA85, pdfdoc.PDFZCompress = 0, _Flate()
    try:
        yield
    finally:
        rl_config.useA85, pdfdoc.PDFZCompress = saved


def _canvas_maker() -> Any:
    from reportlab.pdfgen.canvas import Canvas

    class _Canvas(Canvas):
        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            self.setPageCompression(1)
            self.showOutline()

        def bookmarkPage(self, key: str, **kw: Any) -> Any:  # noqa: N802 (ReportLab API)
            # a page drawn into a form (numbered copies, pdf_copies) still takes its bookmarks
            doc = self._doc
            saved, doc.inObject = doc.inObject, ("page" if doc.inObject == "form" else doc.inObject)
            try:
                return super().bookmarkPage(key, **kw)
            finally:
                doc.inObject = saved

    return _Canvas
