"""The DOCX's 要点速览 panel (an editable table of cards after the lead) and the target-versus-
result charts (PNG pictures of the shared Drawings, after the appendix table).

The panel is set like the PDF's: a tinted table with a thin border, the title as a tag in its
first row, then one cell per key figure (value and unit, indicator, growth), thin rules between
cells. Text is in runs of the template's roles, so it can be edited and restyled in Word.
"""

from __future__ import annotations

from ..model import Summary
from ..template import Template
from .common import text_ems
from .docx_package import Package
from .docx_xml import Text, border, paragraph, pt_to_twips, role_rpr_parts, run, shading, spacing
from .glance import Card, cards, charts_enabled, rows

_EMU_PER_PT = 12700
WORD_JOINER = "\u2060"
_CELL_PAD = 100  # twips, left and right inside a card


def _rpr(t: Template, role: str, *, size: float | None = None, color: str = "", bold: bool | None = None) -> dict[str, str]:
    parts = role_rpr_parts(t.role(role), color=color, bold=bold)
    if size is not None:
        parts["sz"] = f'<w:sz w:val="{round(size * 2)}"/>'
        parts["szCs"] = f'<w:szCs w:val="{round(size * 2)}"/>'
    parts["spacing"] = '<w:spacing w:val="0"/>'  # not condensed to the body's character grid
    return parts


def _value_ems(value: str) -> float:
    """A key figure's width in ems as the office may set it: bold serif digits of another face
    (LibreOffice's DejaVu Serif Bold) run to 0.7 em, not the half em of the bundled faces, and a
    quarter em or so may open before the unit (LibreOffice spaces digits from ideographs); too
    narrow a guess wraps the unit away from its number."""
    return sum(0.7 if ch.isascii() else 1.0 for ch in value) + 0.4


def panel_xml(summary: Summary, t: Template, ids: dict[str, str], esc: Text, width: int) -> str:
    """The panel as a table ``width`` twips wide, or ``""`` when there is nothing to show."""
    items = cards(summary, t)
    if not items:
        return ""
    c = t.colors
    grid_rows = rows(items)
    ncol = len(grid_rows[0])
    cell_w = width // ncol
    widths = [cell_w] * (ncol - 1) + [width - cell_w * (ncol - 1)]
    value_size, unit_role = t.role("title").size, t.role("label")
    room = (cell_w - 2 * _CELL_PAD) / 20
    need = max(_value_ems(x.value) * value_size + text_ems(x.unit) * unit_role.size for x in items)
    k = min(1.0, room / need) if need else 1.0
    value_size, unit_size = round(value_size * k, 1), round(unit_role.size * k, 1)
    center = '<w:jc w:val="center"/>'
    no_indent = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
    text_role, growth_role = t.role("table"), t.role("table_header")

    def card(x: Card) -> str:
        runs = run(x.value, esc, _rpr(t, "heading", size=value_size, color=c.accent, bold=True))
        if x.unit:  # a word joiner first: Word and LibreOffice never put the unit on a line of its own
            runs += run(WORD_JOINER + WORD_JOINER.join(x.unit), esc, _rpr(t, "label", size=unit_size, color=c.accent))
        out = paragraph(ids["TableText"], runs, jc=center, ind=no_indent, spacing=spacing(value_size * 1.3))
        out += paragraph(ids["TableText"], run(x.indicator, esc, _rpr(t, "table")), jc=center, ind=no_indent,
                         spacing=spacing(text_role.leading))
        if x.growth:
            out += paragraph(ids["TableText"], run(x.growth, esc, _rpr(t, "table_header", color=c.label_fill)),
                             jc=center, ind=no_indent, spacing=spacing(growth_role.leading))
        return out

    rule = border("top", c.box_border, 4)
    tag = {**_rpr(t, "label", color=c.label_text), "shd": shading(c.label_fill)}
    title = paragraph(ids["HighlightLabel"], run(f" {t.glance.title} ", esc, tag), ind=no_indent,
                      spacing=spacing(t.role("label").leading, 0, 4))
    # the title row is the panel's header row: on a page the panel runs over to, it comes again
    trs = (f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
           f'<w:gridSpan w:val="{ncol}"/>{shading(c.box_fill)}</w:tcPr>{title}</w:tc></w:tr>'
           if t.glance.title.strip() else "")
    for r, row in enumerate(grid_rows):
        tcs = ""
        for i in range(ncol):
            edges = (border("left", c.box_border, 4) if i else "") + (rule if r else "")
            bdr = f"<w:tcBorders>{edges}</w:tcBorders>" if edges else ""
            body = card(row[i]) if i < len(row) else paragraph(ids["TableText"])
            tcs += (f'<w:tc><w:tcPr><w:tcW w:w="{widths[i]}" w:type="dxa"/>{bdr}{shading(c.box_fill)}</w:tcPr>'
                    f"{body}</w:tc>")
        trs += f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{tcs}</w:tr>"
    edges = "".join(border(side, c.box_border, 6) for side in ("top", "left", "bottom", "right"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>{edges}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="80" w:type="dxa"/>'
            f'<w:left w:w="{_CELL_PAD}" w:type="dxa"/><w:bottom w:w="80" w:type="dxa"/>'
            f'<w:right w:w="{_CELL_PAD}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{trs}</w:tbl>")


def charts_xml(summary: Summary, t: Template, ids: dict[str, str], esc: Text, pkg: Package, width: int) -> str:
    """One paragraph per chart, holding its picture (``word/media/chartN.png``), or ``""``."""
    if not charts_enabled(summary, t):
        return ""
    from .charts import drawings, page_room, png

    out = []
    pairs = drawings(summary, t, width / 20, None, page_room(t))
    first = len(pkg.media) + 1  # numbered on from the pictures already in the package (a combined issue)
    for k, (chart, d) in enumerate(pairs):
        n = first + k
        rid = pkg.add_media(f"media/chart{n}.png", png(d))
        cx, cy = round(d.width * _EMU_PER_PT), round(d.height * _EMU_PER_PT)
        # An exact line pitch would clip the picture to one line.
        ppr = {"keepLines": "<w:keepLines/>", "spacing": f'<w:spacing w:before="{pt_to_twips(t.role("body").size)}" '
               'w:after="0" w:line="240" w:lineRule="auto"/>', "snapToGrid": '<w:snapToGrid w:val="0"/>',
               "ind": '<w:ind w:firstLine="0" w:firstLineChars="0"/>', "jc": '<w:jc w:val="left"/>'}
        if k == len(pairs) - 2:  # the last two charts stay together: none alone on the last page
            ppr["keepNext"] = "<w:keepNext/>"
        # docPr ids are unique in a document: the charts' from 1001 (the 版记's text box is 1)
        out.append(paragraph(ids["TableText"], inline_picture(rid, 1000 + n, f"chart{n}.png", chart.caption,
                                                             chart.alt_text(), cx, cy, esc), **ppr))
    return "".join(out)


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def inline_picture(rid: str, pid: int, file: str, name: str, descr: str, cx: int, cy: int, esc: Text) -> str:
    """A picture in the text line (``w:drawing/wp:inline``), with its description as alt text;
    ``pid`` unique in the document, ``cx``, ``cy`` in EMU."""
    name_a, descr_a = esc.attr(name), esc.attr(descr)
    return (f'<w:r><w:drawing><wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{pid}" name="{name_a}" descr="{descr_a}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}"><pic:pic xmlns:pic="{_PIC}">'
            f'<pic:nvPicPr><pic:cNvPr id="{pid}" name="{file}" descr="{descr_a}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>")
