"""The 版记 of the DOCX: 报/送/发, then the 印发 unit and date and 共印N份, between rules (thick
first and last, thin between, GB/T 9704 7.3.5), one character in from both edges.

It stands at the foot of the last page, as in the PDF: a text box without outline or fill
(DrawingML ``wp:anchor``, ``wps:wsp``) aligned to the bottom of the type area (``positionV
relativeFrom="margin"``, ``align bottom``). When the text ends in a paragraph, the box is anchored at
its end and the text wraps above it only: when the last page has no room for it, the last line of
the text (with its anchor) goes over to the next page and the box with it, so it never stands alone
on a page. When the text ends in a table (targets without charts, a box), the box is anchored in a
row added to the table that reserves its room (:func:`_tail_row`). Nothing may follow it: under the
box there is no room, a paragraph after it would open a page of its own.

Tried and dropped, all checked in LibreOffice 7.4: a frame (``w:framePr``) or a floating table
(``w:tblpPr``) is set where it stands in the text, ignoring a bottom position; a box anchored in a
paragraph after a table is laid over the table's last rows; ``w:keepNext`` in a table's last row does
not keep it with the paragraph after the table; a box anchored in a cell of a row that splits is lost."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..template import Template
from .common import imprint, masthead_date, tail_lines
from .docx_xml import NS_DECL, W_NS, Text, border, paragraph, pt_to_twips, run

if TYPE_CHECKING:
    from lxml.etree import _Element

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
    """The last block of the body with the 版记, a text box at the foot of the page in both cases.
    After a paragraph (text or a picture) the box is anchored at the paragraph's end and the text
    wraps above it. After a table it is anchored in a row added to the table (:func:`_tail_row`)."""
    if xml.endswith("</w:p>"):
        # a table in a text box needs a paragraph after it: one of a point, so it takes no room
        box = tail.table + _spacer(1)
        gap = pt_to_twips(tail.leading / 2)
        return xml[: -len("</w:p>")] + _anchor(box, tail.width, pt_to_twips(tail.height), gap) + "</w:p>"
    if xml.endswith("</w:tbl>"):
        return _tail_row(xml, tail)
    return xml


# The invisible column that ties the table's last row to the 版记's row, in twips.
TIE_WIDTH = 20
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _tail_row(xml: str, tail: TailXml) -> str:
    """A table that ends the text, with one more row: borderless, as tall as the 版记 and a line
    above it, holding the box's anchor. The box (in front of the text, laid out on the page, not in
    the cell) stands at the foot of the page, where that row reserved the room, so nothing of the
    table runs under it; when the page has no room for the row, the row goes over to the next page
    and takes the table's last row with it, so the 版记 never stands alone. What ties the two rows:
    ``w:keepNext`` in the last row for Word; for LibreOffice, which ignores that in tables, a cell
    of a column one point wide that spans both rows (``w:vMerge``). The table's own borders become
    its cells' so that they do not frame the added row."""
    from lxml import etree

    w = f"{{{W_NS}}}"
    root = etree.fromstring(f"<w:root {NS_DECL}>{xml}</w:root>")
    tbl = root[0]
    tbl_pr = tbl.find(w + "tblPr")
    edges: dict[str, _Element] = {}
    found = tbl_pr.find(w + "tblBorders") if tbl_pr is not None else None
    if found is not None:
        edges = {etree.QName(e).localname: e for e in found}
        tbl_pr.remove(found)
    width = tbl_pr.find(w + "tblW") if tbl_pr is not None else None
    if width is not None and width.get(w + "type") == "dxa":
        width.set(w + "w", str(int(width.get(w + "w", "0")) + TIE_WIDTH))
    grid = tbl.find(w + "tblGrid")
    span = len(grid)
    etree.SubElement(grid, w + "gridCol").set(w + "w", str(TIE_WIDTH))
    rows = tbl.findall(w + "tr")
    for i, tr in enumerate(rows):
        cells = tr.findall(w + "tc")
        for j, tc in enumerate(cells):
            sides = {"top": edges.get("top") if i == 0 else None,
                     "bottom": edges.get("bottom" if i == len(rows) - 1 else "insideH"),
                     "left": edges.get("left" if j == 0 else "insideV"),
                     "right": edges.get("right") if j == len(cells) - 1 else None}
            _merge_borders(tc, {k: v for k, v in sides.items() if v is not None})
        last = i == len(rows) - 1
        tr.append(etree.fromstring(_tie_cell("restart" if last else None)))
        if last:
            for p_pr in tr.iter(w + "pPr"):
                if p_pr.find(w + "keepNext") is None:
                    p_pr.insert(1 if len(p_pr) and p_pr[0].tag == w + "pStyle" else 0, etree.Element(w + "keepNext"))
            for p in tr.iter(w + "p"):
                if p.find(w + "pPr") is None:
                    p.insert(0, etree.fromstring(f"<w:pPr {NS_DECL}><w:keepNext/></w:pPr>"))
    room = pt_to_twips(tail.height + tail.leading)
    anchor = _anchor(tail.table + _spacer(1), tail.width, pt_to_twips(tail.height), 0,
                     wrap="<wp:wrapNone/>", in_cell=False)
    none = _no_borders()
    tbl.append(etree.fromstring(
        f'<w:tr {NS_DECL}><w:trPr><w:cantSplit/><w:trHeight w:val="{room}" w:hRule="exact"/></w:trPr>'
        f'<w:tc><w:tcPr><w:tcW w:w="{tail.width}" w:type="dxa"/><w:gridSpan w:val="{span}"/>{none}{_NO_MARGINS}'
        '</w:tcPr>'
        f'{_spacer(1)[: -len("</w:p>")]}{anchor}</w:p></w:tc>{_tie_cell("continue")}</w:tr>'))
    # the document's root declares w: and r:
    return re.sub(r' xmlns:[wr]="[^"]*"', "", etree.tostring(tbl, encoding="unicode"))


def _no_borders() -> str:
    return "<w:tcBorders>" + "".join(f'<w:{e} w:val="nil"/>' for e in _EDGES[:4]) + "</w:tcBorders>"


def _tie_cell(merge: str | None) -> str:
    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge or "", "")
    return (f'<w:tc {NS_DECL}><w:tcPr><w:tcW w:w="{TIE_WIDTH}" w:type="dxa"/>{vmerge}{_no_borders()}{_NO_MARGINS}'
            f"</w:tcPr>{_spacer(1)}</w:tc>")


# LibreOffice sets a row's text as far down as the deepest top margin of its cells
_NO_MARGINS = "<w:tcMar>" + "".join(f'<w:{e} w:w="0" w:type="dxa"/>' for e in _EDGES[:4]) + "</w:tcMar>"


def _merge_borders(tc: _Element, sides: dict[str, _Element]) -> None:
    """The cell's borders with ``sides`` (the table's) where the cell sets none, in schema order."""
    from copy import deepcopy

    from lxml import etree

    w = f"{{{W_NS}}}"
    if not sides:
        return
    tc_pr = tc.find(w + "tcPr")
    if tc_pr is None:
        tc_pr = etree.Element(w + "tcPr")
        tc.insert(0, tc_pr)
    have = tc_pr.find(w + "tcBorders")
    own = {etree.QName(e).localname: e for e in have} if have is not None else {}
    merged = etree.Element(w + "tcBorders")
    for name in _EDGES:
        e = own.get(name)
        if e is None and name in sides:
            e = deepcopy(sides[name])
            e.tag = w + name
        if e is not None:
            merged.append(e)
    if have is not None:
        have.getparent().replace(have, merged)
        return
    # tcBorders follows tcW, gridSpan, hMerge and vMerge
    at = 0
    for k, child in enumerate(tc_pr):
        if etree.QName(child).localname in ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge"):
            at = k + 1
    tc_pr.insert(at, merged)


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


def _anchor(content: str, width: int, height: int, gap: int, wrap: str = "<wp:wrapTopAndBottom/>",
            in_cell: bool = True) -> str:
    """A text box of ``content`` at the foot of the type area of the anchor's page, full width,
    text above and below it only (``gap`` twips above it), no outline, fill or insets; it grows if its
    text needs more."""
    cx, cy = width * _EMU_PER_TWIP, height * _EMU_PER_TWIP
    return (
        f'<w:r><w:drawing><wp:anchor xmlns:wp="{_WP}" distT="{gap * _EMU_PER_TWIP}" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="{int(in_cell)}" allowOverlap="0">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>{wrap}'
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
