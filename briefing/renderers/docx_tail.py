"""The 版记 of the DOCX: 报/送/发, then the 印发 unit and date and 共印N份, between rules (thick
first and last, thin between, GB/T 9704 7.3.5), one character in from both edges.

It stands at the foot of the last page, as in the PDF: a text box without outline or fill
(DrawingML ``wp:anchor``, ``wps:wsp``) aligned to the bottom of the type area (``positionV
relativeFrom="margin"``, ``align bottom``), text wrapping above and below it only, anchored at the
end of the text's last paragraph. The text never runs under it; when the last page has no room for
it, the last line of the text (with its anchor) goes over to the next page and the box with it, so
it never stands alone on a page. Nothing may follow it: under the box there is no room, a paragraph
after it would open a page of its own. When the text ends in a table (targets without charts, a
box), the 版记 follows it inline instead, kept with its last row (see :func:`append_tail`). A frame (``w:framePr``) or a floating table (``w:tblpPr``)
would be simpler, but LibreOffice 7.4 sets both where they stand in the text, ignoring a bottom
position."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..template import Template
from .common import imprint, masthead_date, tail_lines
from .docx_xml import Text, border, paragraph, pt_to_twips, run

THICK, THIN = 8, 6  # eighths of a point: 0.35 mm and 0.26 mm
THIN_SPACE = 4  # points between the thin rule and the 印发 line
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_EMU_PER_TWIP = 635
TAIL_DRAWING_ID = 1  # docPr ids are unique in a document: the charts' start at 1000


@dataclass(frozen=True)
class TailXml:
    """The 版记 as a one-row table that does not split, and what placing it needs."""

    table: str
    width: int  # twips
    height: float  # points
    leading: float  # the body's line pitch, points


def tail_xml(t: Template, ids: dict[str, str], esc: Text, width: int, report_date: str = "") -> TailXml | None:
    """The 版记, or None when there is none (:func:`append_tail` places it)."""
    items, copies = tail_lines(t.tail)
    left, right = imprint(t.tail, t.masthead.unit, masthead_date(t.masthead.date, report_date))
    if not (items or copies or left or right):
        return None
    role = t.role("tail")
    style = ids["Distribution"]
    inset = pt_to_twips(role.size)
    ind = f'<w:ind w:left="{inset}" w:right="{inset}" w:firstLine="0" w:firstLineChars="0"/>'
    cell = "".join(paragraph(style, run(x, esc), ind=ind) for x in items)
    rule = f"<w:pBdr>{border('top', '000000', THIN, space=THIN_SPACE)}</w:pBdr>" if items else ""
    if left or right:
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{width - inset}"/></w:tabs>'
        parts = {"pBdr": rule} if rule else {}
        cell += paragraph(style, run(f"{left}\t{right}", esc), tabs=tabs, ind=ind, **parts)
        rule = ""
    if copies:
        parts = {"pBdr": rule} if rule else {}
        cell += paragraph(style, run(copies, esc), ind=ind, jc='<w:jc w:val="right"/>', **parts)
    rules = border("top", "000000", THICK) + border("bottom", "000000", THICK)
    table = (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>{rules}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>'
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{cell}</w:tc></w:tr></w:tbl>'
    )
    chars = (width - 2 * inset) / pt_to_twips(role.size)
    lines = sum(_lines(x, chars) for x in items) + (1 if left or right else 0) + (1 if copies else 0)
    rules_pt = 2 * THICK / 8 + (THIN_SPACE + THIN / 8 if items and (left or right or copies) else 0)
    return TailXml(table, width, lines * role.leading + rules_pt + 1, t.role("body").leading)


def append_tail(xml: str, tail: TailXml) -> str:
    """The last block of the body with the 版记. After a paragraph (text or a picture) it is a text
    box anchored at the paragraph's end, at the foot of the page. After a table it follows inline,
    a line below, the table's last row kept with it: LibreOffice lays a table out under a box
    anchored after it (they overlap), a box anchored in a cell vanishes when its row splits, and
    Word 2013+ keeps a wrapping box in its cell."""
    if xml.endswith("</w:p>"):
        # a table in a text box needs a paragraph after it: one of a point, so it takes no room
        box = tail.table + _spacer(1)
        gap = pt_to_twips(tail.leading / 2)
        return xml[: -len("</w:p>")] + _anchor(box, tail.width, pt_to_twips(tail.height), gap) + "</w:p>"
    return keep_with_next(xml) + _spacer(tail.leading, keep=True) + tail.table


def _spacer(line_pt: float, keep: bool = False) -> str:
    return (f'<w:p><w:pPr>{"<w:keepNext/>" if keep else ""}<w:spacing w:before="0" w:after="0" '
            f'w:line="{pt_to_twips(line_pt)}" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')


def is_empty_paragraph(xml: str) -> bool:
    """A paragraph without runs (a spacer): nothing to carry the 版记's anchor."""
    return (xml.startswith("<w:p>") and xml.endswith("</w:p>") and xml.count("<w:p>") == 1
            and "<w:r>" not in xml and "<w:r " not in xml)


def _lines(text: str, chars_per_line: float) -> int:
    """Lines a 版记 line takes: a CJK character is one em, other characters half of one."""
    ems = sum(1 if ord(c) > 0x2E7F else 0.5 for c in text)
    return max(1, math.ceil(ems / max(1.0, math.floor(chars_per_line))))


def _anchor(content: str, width: int, height: int, gap: int) -> str:
    """A text box of ``content`` at the foot of the type area of the anchor's page, full width,
    text above and below it only (``gap`` twips above it), no outline, fill or insets; it grows if its
    text needs more."""
    cx, cy = width * _EMU_PER_TWIP, height * _EMU_PER_TWIP
    return (
        f'<w:r><w:drawing><wp:anchor xmlns:wp="{_WP}" distT="{gap * _EMU_PER_TWIP}" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{TAIL_DRAWING_ID}" name="版记"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_WPS}"><wps:wsp xmlns:wps="{_WPS}">'
        '<wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" '
        'anchorCtr="0"><a:spAutoFit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
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
