"""The appendix table 附：目标任务一览: one row per target, header row repeated on every page,
numbers right-aligned, thin rules. Cells are laid out by :mod:`.pdf_text`, so they follow the
same line-breaking rules and font fallback as the body."""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from ..model import Summary
from ..template import Template
from .common import APPENDIX_COLUMNS, appendix_rows
from .pdf_blocks import Block, text_rows
from .pdf_text import Missing, TextStyle

# Relative column widths: 序号 部分 指标 目标值 单位 约束
_WIDTHS = (0.07, 0.27, 0.34, 0.12, 0.11, 0.09)
_ALIGN = ("center", "left", "left", "right", "center", "center")
_PAD = 4.0


def _cell(text: str, style: TextStyle, align: str, missing: Missing) -> Block:
    st = TextStyle(style.chain, style.size, style.leading, style.color, 0, align, 0, style.squeeze)
    return Block(lambda w: text_rows(text, st, w, missing))


def appendix_table(s: Summary, t: Template, styles: dict[str, TextStyle], missing: Missing, width: float) -> Table:
    head, body = styles["table_header"], styles["table"]
    data = [[_cell(c, head, "center", missing) for c in APPENDIX_COLUMNS]]
    for row in appendix_rows(s):
        data.append([_cell(v, body, a, missing) for v, a in zip(row, _ALIGN)])
    col = [width * f for f in _WIDTHS]
    table = Table(data, colWidths=col, repeatRows=1, hAlign="LEFT")
    c = t.colors
    table.setStyle(TableStyle([
        # The table's own cell font is never used for text, but must not pull in Helvetica.
        ("FONT", (0, 0), (-1, -1), body.chain.primary.name, body.size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD / 2),
        ("BACKGROUND", (0, 0), (-1, 0), c.box_fill),
        ("LINEABOVE", (0, 0), (-1, 0), 1.0, c.rule),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, c.rule),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, c.box_border),
        ("LINEBELOW", (0, -1), (-1, -1), 1.0, c.rule),
    ]))
    return table
