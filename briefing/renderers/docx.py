"""DOCX renderer: Summary + Template → a Word/WPS document (OOXML written directly).

Structure is carried by styles (Title, heading 1/2 with outline levels, Body Text, Highlight …) so
the navigation pane and a TOC work and an office can restyle in Word. Page geometry, masthead,
boxes, appendix, footer and the distribution tail follow the template, like the PDF.
"""

from __future__ import annotations

import math
import re

from ..errors import Notice
from ..model import Highlight, Summary
from ..template import Template
from ..textutil import xml_clean
from . import RenderOptions, docx_reference
from .common import (
    APPENDIX_ALIGN,
    APPENDIX_COLUMNS,
    appendix_column_widths,
    appendix_display_rows,
    byline_lines,
    masthead_date,
    numbered_sections,
    text_ems,
    two_even_lines,
)
from .docx_glance import charts_xml, inline_picture, panel_xml
from .docx_header import PICTURE_ID as HEADER_PICTURE_ID
from .docx_header import picture as header_picture
from .docx_package import CoreProps, Package, write
from .docx_styles import font_table_xml, grid, settings_xml, styles_xml, theme_xml
from .docx_tail import append_tail, is_empty_paragraph, tail_xml
from .docx_xml import (
    NS_DECL,
    XML_HEAD,
    Text,
    border,
    field_runs,
    first_line_indent,
    hex_color,
    mm_to_twips,
    paragraph,
    pt_to_twips,
    role_rpr_parts,
    run,
    shading,
    spacing,
)


class _Writer:
    """Builds the body XML of one document."""

    def __init__(self, summary: Summary, t: Template, ids: dict[str, str], esc: Text, pkg: Package) -> None:
        self.s, self.t, self.ids, self.esc, self.pkg = summary, t, ids, esc, pkg
        p = t.page
        self.width = mm_to_twips(p.width_mm) - mm_to_twips(p.margin_left_mm) - mm_to_twips(p.margin_right_mm)
        self.height = mm_to_twips(p.height_mm) - mm_to_twips(p.margin_top_mm) - mm_to_twips(p.margin_bottom_mm)
        self.out: list[str] = []
        self.running_title: str | None = None  # the running header's title: the summary's if None
        self.header_height = 0.0  # points, of the running header's picture

    def para(self, style: str, text: str = "", rpr_parts: dict[str, str] | None = None, **ppr: str) -> None:
        self.out.append(paragraph(self.ids[style], run(text, self.esc, rpr_parts) if text else "", **ppr))

    def spacer(self, pt: float, keep_next: bool = False) -> None:
        """An empty paragraph of a fixed small height: keeps tables apart (Word merges adjacent ones).
        ``keep_next`` before a box: a heading kept with it then stays with the box too."""
        keep = "<w:keepNext/>" if keep_next else ""
        self.out.append(f'<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0" w:line="{pt_to_twips(pt)}" '
                        f'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')

    # -- blocks ----------------------------------------------------------------------------------
    def masthead(self) -> None:
        m, t = self.t.masthead, self.t
        date = masthead_date(m.date, self.s.date)
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{self.width}"/></w:tabs>'
        if m.style == "redhead":
            self.para("Masthead", m.name)
            if m.issue:
                self.para("MastheadMeta", m.issue, jc='<w:jc w:val="center"/>')
            rule = f"<w:pBdr>{border('bottom', m.color, 12, space=4)}</w:pBdr>"
            line = t.role("body").leading
            self.para("MastheadMeta", f"{m.unit}\t{date}" if (m.unit or date) else "",
                      tabs=tabs, pBdr=rule, spacing=spacing(t.role("masthead_meta").leading, 0, line))
        elif m.style == "band":
            white = {"color": '<w:color w:val="FFFFFF"/>'}
            meta = "　".join(x for x in (m.issue, date) if x)
            runs = run(m.name, self.esc, {**role_rpr_parts(t.role("masthead")), **white})
            if meta:
                runs += run(f"\t{meta}", self.esc, {**role_rpr_parts(t.role("masthead_meta")), **white})
            # borders in the band colour pad it; the left and right ones sit in the margin
            bdr = "".join(border(side, m.color, 24, space=4) for side in ("top", "left", "bottom", "right"))
            after = 0 if m.unit else t.role("body").leading
            ppr = {"pBdr": f"<w:pBdr>{bdr}</w:pBdr>", "shd": shading(m.color), "tabs": tabs,
                   "ind": first_line_indent(0, 0), "jc": '<w:jc w:val="left"/>',
                   "spacing": spacing(t.role("masthead").leading, 0, after)}
            self.out.append(paragraph(self.ids["Masthead"], runs, **ppr))
            if m.unit:
                accent = {"color": f'<w:color w:val="{hex_color(t.colors.accent)}"/>'}
                self.para("MastheadMeta", m.unit, accent,
                          spacing=spacing(t.role("masthead_meta").leading, 4, t.role("body").leading))

    def title_block(self) -> None:
        s = self.s
        blocks = [("Kicker", s.kicker), ("Title", s.title), ("Subtitle", s.subtitle)]
        blocks += [("Byline", line) for line in byline_lines(s)]
        blocks = [(st, text) for st, text in blocks if text]
        width = self.width / 20
        blocks = [(st, two_even_lines(text, width, self.t.role(st.lower()).size) if st != "Byline" else text)
                  for st, text in blocks]
        for i, (style, text) in enumerate(blocks):
            if i == len(blocks) - 1:  # one body line between the title block and the text
                role = self.t.role(style.lower())
                self.para(style, text, spacing=spacing(role.leading, 0, self.t.role("body").leading))
            else:
                self.para(style, text)

    def sections(self) -> None:
        for text in self.s.lead:
            self.para("Lead", text)
        panel = panel_xml(self.s, self.t, self.ids, self.esc, self.width)
        if panel:  # spaced like a highlight box
            self.spacer(4)
            self.out.append(panel)
            self.spacer(6)
        for depth, heading, sec in numbered_sections(self.s):
            if heading:
                self.para(f"Heading{min(depth, 4)}", heading)
            for b in sec.blocks():
                if isinstance(b, Highlight):
                    self.box(b)
                else:
                    self.para("BodyText", b)

    def _box_height(self, h: Highlight, inner: int) -> float:
        """Estimated height in twips: every CJK character is one em wide."""
        role, label = self.t.role("highlight"), self.t.role("label")
        per_line = max(1, int(inner / pt_to_twips(role.size)))
        indent = self.t.body.first_line_indent_chars
        lines = sum(math.ceil((len(p) + indent) / per_line) for p in h.paragraphs)
        return pt_to_twips(label.leading + lines * role.leading) + 240

    def _lines_height(self, paragraphs: list[str]) -> int:
        """Estimated height in twips of box paragraphs set in the full width of the box."""
        role = self.t.role("highlight")
        per_line = max(1, int((self.width - 2 * 142) / pt_to_twips(role.size)))
        indent = self.t.body.first_line_indent_chars
        return pt_to_twips(sum(math.ceil((len(p) + indent) / per_line) for p in paragraphs) * role.leading)

    def _box_head(self, h: Highlight, inner: int) -> int:
        """How many paragraphs go with the label into the box's first row: enough for three lines,
        0 when the box has no more paragraphs than that or those would fill half a page."""
        role = self.t.role("highlight")
        per_line = max(1, int(inner / pt_to_twips(role.size)))
        indent = self.t.body.first_line_indent_chars
        lines, n = 0, 0
        while n < len(h.paragraphs) and lines < 3:
            lines += math.ceil((len(h.paragraphs[n]) + indent) / per_line)
            n += 1
        fits = pt_to_twips(lines * role.leading) <= self.height / 2
        return n if n < len(h.paragraphs) and fits else 0

    def box(self, h: Highlight) -> None:
        """A one-cell table: tinted, thin border, the label as a tag. Short boxes keep together."""
        c = self.t.colors
        pad = 142
        cell_w = self.width
        short = self._box_height(h, cell_w - 2 * pad) <= self.height / 3
        edges = "".join(border(side, c.box_border, 6) for side in ("top", "left", "bottom", "right"))
        tag = {"color": f'<w:color w:val="{hex_color(c.label_text)}"/>',
               "shd": shading(c.label_fill)}
        label = run(f" {h.label} ", self.esc, tag) if h.label else ""
        texts = [paragraph(self.ids["Highlight"], run(p, self.esc)) for p in h.paragraphs]
        head_n = 0 if short else self._box_head(h, cell_w - 2 * pad)
        tc = f'<w:tcPr><w:tcW w:w="{cell_w}" w:type="dxa"/>{shading(c.box_fill)}'

        def tr(content: str, keep: bool, mar: str = "") -> str:
            return (f'<w:tr>{"<w:trPr><w:cantSplit/></w:trPr>" if keep else ""}'
                    f"<w:tc>{tc}{mar}</w:tcPr>{content}</w:tc></w:tr>")

        first = paragraph(self.ids["HighlightLabel"], label)
        if short:
            rows = tr(first + "".join(texts), True)
        else:
            # A long box that may split, in rows that join without a seam: its label and first
            # lines form a row that does not split, so the label never stands at a page foot with
            # one line under it; its last paragraph one that does not either, so the box ends in a
            # row of its own (the 版记 after a box holds on to that row, see .docx_tail), unless it
            # is long: a row that may not split moves whole to the next page.
            head = [first, *texts[:head_n]] if head_n else []
            last_n = 1 if len(texts) > head_n + 1 and self._lines_height(h.paragraphs[-1:]) <= self.height / 3 else 0
            middle = ([] if head_n else [first]) + texts[head_n:len(texts) - last_n]
            parts = [(head, True), (middle, False), (texts[len(texts) - last_n:], True)]
            parts = [(p, keep) for p, keep in parts if p]
            rows = ""
            for i, (part, keep) in enumerate(parts):
                mar = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side, cut in
                              (("top", i > 0), ("bottom", i < len(parts) - 1)) if cut)
                rows += tr("".join(part), keep, f"<w:tcMar>{mar}</w:tcMar>" if mar else "")
        self.spacer(4, keep_next=True)
        self.out.append(
            "<w:tbl><w:tblPr>"
            f'<w:tblW w:w="{cell_w}" w:type="dxa"/><w:tblBorders>{edges}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:top w:w="100" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
            f'<w:bottom w:w="100" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{cell_w}"/></w:tblGrid>{rows}</w:tbl>'
        )
        self.spacer(6)

    def appendix(self, title: bool = True) -> None:
        """The targets table, set like the PDF's: widths from the cells, horizontal rules only,
        the header row tinted and repeated on every page, rows that do not split."""
        a = self.t.appendix
        rows = appendix_display_rows(self.s)
        if not (a.enabled and rows):
            return
        if not title:
            pass
        elif grid(self.t):  # GB/T layout: the appendix starts a new page
            self.para("AppendixTitle", a.title, pageBreakBefore="<w:pageBreakBefore/>")
        else:
            self.spacer(self.t.role("body").leading)
            self.para("AppendixTitle", a.title)
        head, body = self.t.role("table_header"), self.t.role("table")
        pad = 140  # 7 pt, as the PDF
        natural = [max(text_ems(r[j]) * (head if i == 0 else body).size * 20
                       for i, r in enumerate([APPENDIX_COLUMNS, *rows])) for j in range(len(APPENDIX_COLUMNS))]
        widths = [int(x) for x in appendix_column_widths(natural, self.width, body.size * 20, pad)]
        widths[2] += self.width - sum(widths)
        c = self.t.colors
        rules = border("top", c.rule, 8) + border("bottom", c.rule, 8) + border("insideH", c.box_border, 2)
        under_head = f"<w:tcBorders>{border('bottom', c.rule, 5)}</w:tcBorders>"

        charts = charts_xml(self.s, self.t, self.ids, self.esc, self.pkg, self.width)

        def row(cells: tuple[str, ...], header: bool, keep: bool = False) -> str:
            style = self.ids["TableHeader" if header else "TableText"]
            tr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
            tcs = ""
            # the last rows keep with the charts after the table (the rows never split anyway), so
            # that no chart is left alone on the last page
            kn = {"keepNext": "<w:keepNext/>"} if keep else {}
            for text, wd, al in zip(cells, widths, APPENDIX_ALIGN):
                extra = under_head + shading(c.box_fill) if header else ""
                jc = "" if header else f'<w:jc w:val="{al}"/>'
                tcs += (f'<w:tc><w:tcPr><w:tcW w:w="{wd}" w:type="dxa"/>{extra}</w:tcPr>'
                        f'{paragraph(style, run(text, self.esc) if text else "", jc=jc, **kn)}</w:tc>')
            return f"<w:tr>{tr}{tcs}</w:tr>"

        grid_cols = "".join(f'<w:gridCol w:w="{wd}"/>' for wd in widths)
        keep_from = len(rows) - 2 if charts else len(rows)
        content = row(APPENDIX_COLUMNS, True) + "".join(row(r, False, i >= keep_from) for i, r in enumerate(rows))
        self.out.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{self.width}" w:type="dxa"/><w:tblBorders>{rules}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="{pad // 2}" w:type="dxa"/>'
            f'<w:left w:w="{pad}" w:type="dxa"/><w:bottom w:w="{pad // 2}" w:type="dxa"/>'
            f'<w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
            f"<w:tblGrid>{grid_cols}</w:tblGrid>{content}</w:tbl>"
        )
        self.out.append(charts)

    def tail(self) -> None:
        """The 版记 at the foot of the last page, kept with the last lines of the text (:mod:`.docx_tail`)."""
        tail = tail_xml(self.t, self.ids, self.esc, self.width, self.s.date)
        if tail is None:
            return
        # blocks may be '' (no charts); a spacer after the last table carries nothing with it
        while self.out and (not self.out[-1] or is_empty_paragraph(self.out[-1])):
            self.out.pop()
        if not self.out:
            self.out.append("")
        self.out[-1] = append_tail(self.out[-1], tail)

    # -- page furniture --------------------------------------------------------------------------
    def footer_xml(self, align: str) -> str:
        t = self.t
        pn = t.role("page_number")
        before, _, after = t.page_number.format.partition("{n}")
        parts = role_rpr_parts(pn)
        runs = (run(before, self.esc, parts) if before else "") + field_runs("PAGE", "1", parts)
        runs += run(after, self.esc, parts) if after else ""
        one_char = pt_to_twips(pn.size)
        ind = {"right": f'<w:ind w:right="{one_char}"/>', "left": f'<w:ind w:left="{one_char}"/>'}.get(align, "")
        p = paragraph(self.ids["Footer"], runs, jc=f'<w:jc w:val="{align}"/>', ind=ind)
        return f"{XML_HEAD}<w:ftr {NS_DECL}>{p}</w:ftr>"

    def header_xml(self, rule: bool, pkg: Package, part: str) -> str:
        """The running header of later pages, as the PDF's: the briefing's name and issue on the
        left in the accent colour, the title on the right in grey, over a rule; a picture of that
        text (:mod:`.docx_header`). The first page's header (``rule`` False) is empty: it carries
        the masthead."""
        c = self.t.colors
        if not rule:
            return f"{XML_HEAD}<w:hdr {NS_DECL}>{paragraph(self.ids['Header'])}</w:hdr>"
        m = self.t.masthead
        left = " ".join(x for x in (m.name, m.issue) if x)
        title = self.s.title if self.running_title is None else self.running_title
        # cleaned first: the title's forbidden characters are counted once, in the title block
        pic = header_picture(self.t, left, xml_clean(title), self.width / 20)
        runs = ""
        if pic:
            self.header_height = pic.height
            rid = pkg.add_media(f"media/{part.replace('.xml', '.png')}", pic.png, part=part)
            runs = inline_picture(rid, HEADER_PICTURE_ID, "header.png", "页眉", pic.alt, *pic.extent, self.esc)
        # an exact line pitch would clip the picture
        ppr = {"pBdr": f"<w:pBdr>{border('bottom', c.rule, 6, space=1)}</w:pBdr>",
               "spacing": '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
               "snapToGrid": '<w:snapToGrid w:val="0"/>', "jc": '<w:jc w:val="left"/>'}
        return f"{XML_HEAD}<w:hdr {NS_DECL}>{paragraph(self.ids['Header'], runs, **ppr)}</w:hdr>"

    def sect_pr(self, pkg: Package) -> str:
        t, p = self.t, self.t.page
        refs = ""
        title_pg = ""
        if t.page_number.position == "outside":
            refs += f'<w:footerReference w:type="default" r:id="{pkg.add("footer1.xml", "footer", self.footer_xml("right"))}"/>'
            refs += f'<w:footerReference w:type="even" r:id="{pkg.add("footer2.xml", "footer", self.footer_xml("left"))}"/>'
        else:
            refs += f'<w:footerReference w:type="default" r:id="{pkg.add("footer1.xml", "footer", self.footer_xml("center"))}"/>'
        if t.masthead.running_header:
            # page 1 carries the masthead, so the running header starts on page 2
            title_pg = "<w:titlePg/>"
            refs = (f'<w:headerReference w:type="default" r:id="{pkg.add("header1.xml", "header", self.header_xml(True, pkg, "header1.xml"))}"/>'
                    f'<w:headerReference w:type="first" r:id="{pkg.add("header2.xml", "header", self.header_xml(False, pkg, "header2.xml"))}"/>'
                    + refs)
            first = self.footer_xml("center" if t.page_number.position != "outside" else "right")
            refs += f'<w:footerReference w:type="first" r:id="{pkg.add("footer3.xml", "footer", first)}"/>'
        top, bottom = mm_to_twips(p.margin_top_mm), mm_to_twips(p.margin_bottom_mm)
        # the running header's rule 4 pt above the type area, as in the PDF (the rule is 1 pt under it)
        header = top - pt_to_twips(self.header_height + 1 + 4) if self.header_height else top // 2
        pn = t.role("page_number")
        footer = max(0, bottom - mm_to_twips(t.page_number.offset_mm) - pt_to_twips(pn.leading))
        body = t.role("body")
        # Only a line pitch: a character grid (linesAndChars) makes LibreOffice put each 16 pt
        # character in two 15.8 pt cells; the 28-character line comes from condensed spacing instead.
        doc_grid = f'<w:docGrid w:linePitch="{pt_to_twips(body.leading)}"/>'
        return (f"<w:sectPr>{refs}"
                f'<w:pgSz w:w="{mm_to_twips(p.width_mm)}" w:h="{mm_to_twips(p.height_mm)}"/>'
                f'<w:pgMar w:top="{top}" w:right="{mm_to_twips(p.margin_right_mm)}" w:bottom="{bottom}" '
                f'w:left="{mm_to_twips(p.margin_left_mm)}" w:header="{header}" w:footer="{footer}" w:gutter="0"/>'
                f'<w:cols w:space="425"/>{title_pg}{doc_grid}</w:sectPr>')


def _timestamp(date: str) -> str:
    """The core properties' time: the summary's date when it has one, else a fixed instant, so
    the same input always gives the same bytes."""
    m = re.search(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})", date or "")
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}T00:00:00Z"
    return "2000-01-01T00:00:00Z"


def core_props(summary: Summary, t: Template) -> CoreProps:
    m = t.masthead
    keywords = summary.keywords or [sec.keyword for sec in summary.sections]
    return CoreProps(
        title=summary.title,
        subject=" ".join(x for x in (m.name, m.issue) if x) or summary.kicker,
        keywords="; ".join(keywords),
        author=t.meta.author or m.unit,
        description=summary.subtitle,
        timestamp=_timestamp(summary.date),
    )


def render(summary: Summary, template: Template, options: RenderOptions | None = None) -> bytes:
    w = writer(summary, template)
    w.masthead()
    w.title_block()
    w.sections()
    w.appendix()
    w.tail()
    return finish(w, core_props(summary, template), options or RenderOptions())


def writer(summary: Summary, t: Template) -> _Writer:
    """A writer with the package's fixed parts (styles, settings, fonts, theme) in place."""
    esc = Text()
    ref = docx_reference.load(t)
    styles, ids = (ref.styles, ref.ids) if ref else styles_xml(t)
    pkg = Package()
    pkg.add("styles.xml", "styles", styles)
    pkg.add("settings.xml", "settings", settings_xml(t, even_and_odd=t.page_number.position == "outside"))
    pkg.add("fontTable.xml", "fontTable", (ref and ref.font_table) or font_table_xml(t))
    pkg.add("theme/theme1.xml", "theme", (ref and ref.theme) or theme_xml(t))
    if ref and ref.numbering:
        pkg.add("numbering.xml", "numbering", ref.numbering)
    return _Writer(summary, t, ids, esc, pkg)


def finish(w: _Writer, core: CoreProps, options: RenderOptions) -> bytes:
    """The document part from what the writer wrote, and the zipped package."""
    sect = w.sect_pr(w.pkg)
    # The body must end in a paragraph; one of a twip, so that after a full page it adds no page
    # (a table with the 版记's row can end a point above the foot). Not after the 版记's paragraph:
    # nothing fits under it at the foot of the page, it would take a page of its own.
    if not "".join(w.out).endswith("</w:p>"):
        w.spacer(0.05)
    w.pkg.document = (f"{XML_HEAD}<w:document {NS_DECL}><w:body>{''.join(w.out)}"
                      f"{sect}</w:body></w:document>")
    data = write(w.pkg, core)
    if w.esc.removed:
        sample = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(w.esc.removed))
        options.warn(Notice(f"docx: removed {len(w.esc.removed)} character(s) XML does not allow ({sample})",
                            "docx_removed_chars", count=len(w.esc.removed), sample=sample))
    return data
