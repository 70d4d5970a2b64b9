"""The 版记 of the DOCX: 报/送/发, then the 印发 unit and date and 共印N份, between rules (thick
first and last, thin between, GB/T 9704 7.3.5), one character in from both edges.

It follows the text as a one-row table that does not split, a line below the text. It is not
pinned to the foot of the page: LibreOffice 7.4 sets a frame (``w:framePr``) or a floating table
(``w:tblpPr``) where it stands in the text, ignoring a position at the bottom of the page."""

from __future__ import annotations

import re

from ..template import Template
from .common import imprint, masthead_date, tail_lines
from .docx_xml import Text, border, paragraph, pt_to_twips, run

THICK, THIN = 8, 6  # eighths of a point: 0.35 mm and 0.26 mm


def tail_xml(t: Template, ids: dict[str, str], esc: Text, width: int, report_date: str = "") -> str:
    items, copies = tail_lines(t.tail)
    left, right = imprint(t.tail, t.masthead.unit, masthead_date(t.masthead.date, report_date))
    if not (items or copies or left or right):
        return ""
    style = ids["Distribution"]
    inset = pt_to_twips(t.role("tail").size)
    ind = f'<w:ind w:left="{inset}" w:right="{inset}" w:firstLine="0" w:firstLineChars="0"/>'
    cell = "".join(paragraph(style, run(x, esc), ind=ind) for x in items)
    rule = f"<w:pBdr>{border('top', '000000', THIN, space=4)}</w:pBdr>" if items else ""
    if left or right:
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{width - inset}"/></w:tabs>'
        parts = {"pBdr": rule} if rule else {}
        cell += paragraph(style, run(f"{left}\t{right}", esc), tabs=tabs, ind=ind, **parts)
        rule = ""
    if copies:
        parts = {"pBdr": rule} if rule else {}
        cell += paragraph(style, run(copies, esc), ind=ind, jc='<w:jc w:val="right"/>', **parts)
    rules = border("top", "000000", THICK) + border("bottom", "000000", THICK)
    spacer = (f'<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="{pt_to_twips(t.role("body").leading)}" '
              'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
    return (
        f'{spacer}<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>{rules}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>'
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{cell}</w:tc></w:tr></w:tbl>'
    )


_P = re.compile(r"<w:p>(<w:pPr>(<w:pStyle [^>]*/>)?)?")


def keep_with_next(xml: str) -> str:
    """The block before the tail, kept with it: its last paragraph, or the paragraphs of the last
    row of a table, get ``w:keepNext`` (so the tail never opens a page by itself)."""
    if xml.endswith("</w:tbl>"):
        at = xml.rfind("<w:tr>")
    else:
        at = xml.rfind("<w:p>")
    if at < 0:
        return xml
    return xml[:at] + _P.sub(_keep, xml[at:])


def _keep(m: re.Match[str]) -> str:
    if m.group(1) is None:
        return "<w:p><w:pPr><w:keepNext/></w:pPr>"
    return f"<w:p><w:pPr>{m.group(2) or ''}<w:keepNext/>"
