"""The 版记 of the DOCX: 报/送/发, then the 印发 unit and date and 共印N份, between rules (thick
first and last, thin between, GB/T 9704 7.3.5), one character in from both edges.

It stands at the foot of the last page, as in the PDF: a text box without outline or fill
(DrawingML ``wp:anchor``, ``wps:wsp``) aligned to the bottom of the type area (``positionV
relativeFrom="margin"``, ``align bottom``), text wrapping above and below it only, anchored at the
end of the text's last paragraph. The text never runs under it; when the last page has no room for
it, the last line of the text (with its anchor) goes over to the next page and the box with it, so
it never stands alone on a page. Nothing may follow it: under the box there is no room, a paragraph
after it would open a page of its own. A frame (``w:framePr``) or a floating table (``w:tblpPr``)
would be simpler, but LibreOffice 7.4 sets both where they stand in the text, ignoring a bottom
position."""

from __future__ import annotations

import math
import re

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


def tail_xml(t: Template, ids: dict[str, str], esc: Text, width: int, report_date: str = "") -> str:
    """The 版记 as a run holding its text box (:func:`append_tail` places it), or '' when there is none."""
    items, copies = tail_lines(t.tail)
    left, right = imprint(t.tail, t.masthead.unit, masthead_date(t.masthead.date, report_date))
    if not (items or copies or left or right):
        return ""
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
    height = lines * role.leading + 3 * (THICK / 8) + (THIN_SPACE + THIN / 8 if items and (left or right or copies) else 0)
    # a table in a text box needs a paragraph after it: one of a point, so it takes no room
    box = table + '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>' \
                  '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
    return _anchor(box, width, pt_to_twips(height + 1), pt_to_twips(role.leading / 2))


def append_tail(xml: str, tail: str) -> str:
    """The last block of the body with the 版记's anchor: in its last paragraph, so the box is on
    the page where the text ends and goes over with its last line when the box leaves no room for
    it; after a table (a box anchored in a cell would stand in the cell), in an empty paragraph the
    table's last row keeps with."""
    if xml.endswith("</w:p>"):
        return xml[: -len("</w:p>")] + tail + "</w:p>"
    return (keep_with_next(xml) + '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            f'<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr>{tail}</w:p>')


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
