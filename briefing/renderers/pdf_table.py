"""The appendix table 附：目标任务一览: one row per target, header row repeated on every page,
numbers right-aligned, thin rules. Cells are laid out by :mod:`.pdf_text`, so they follow the
same line-breaking rules and font fallback as the body."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Table, TableStyle

from ..model import Summary
from ..template import Template
from .common import APPENDIX_COLUMNS, appendix_rows
from .pdf_blocks import Block, text_rows
from .pdf_text import Missing, TextStyle, natural_width

_ALIGN = ("center", "left", "left", "right", "center", "center")  # 序号 部分 指标 目标值 单位 约束
_WIDE = (1, 2)  # 部分 and 指标 share what the short columns leave
_MAX_SHORT_EMS = 6.0
# Cell padding. The gap between two columns (twice this) must exceed about one em, or text
# extraction (poppler) reads the neighbouring cells of a row as one line.
_PAD = 7.0


def _cell(text: str, style: TextStyle, align: str, missing: Missing,
          styles: dict[tuple[int, str], TextStyle]) -> Block:
    key = (id(style), align)
    st = styles.get(key)
    if st is None:  # a dataclass replace per cell is a tenth of the table's time
        st = styles[key] = replace(style, indent_chars=0, align=align, grid=0)
    return Block(lambda w: text_rows(text, st, w, missing))


def appendix_table(s: Summary, t: Template, styles: dict[str, TextStyle], missing: Missing, width: float) -> Table:
    head, body = styles["table_header"], styles["table"]
    cell_styles: dict[tuple[int, str], TextStyle] = {}
    data = [[_cell(c, head, "center", missing, cell_styles) for c in APPENDIX_COLUMNS]]
    previous = ""
    for row in appendix_rows(s):
        cells = list(row)
        # The part is named on the first of its rows only, as a printed table would.
        part, cells[1] = cells[1], "" if cells[1] == previous else cells[1]
        previous = part
        data.append([_cell(v, body, a, missing, cell_styles) for v, a in zip(cells, _ALIGN)])
    col = _column_widths([[c for c in APPENDIX_COLUMNS], *appendix_rows(s)], head, body, width)
    table = Table(data, colWidths=col, repeatRows=1, hAlign="LEFT", splitInRow=1)
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


def _column_widths(rows: list[list[str] | tuple[str, ...]], head: TextStyle, body: TextStyle,
                   width: float) -> list[float]:
    """Short columns as wide as their longest cell (at most a few ems); the rest to 部分 and 指标,
    in proportion to their longest cells."""
    natural = [0.0] * len(_ALIGN)
    for i, row in enumerate(rows):
        st = head if i == 0 else body
        for j, text in enumerate(row):
            natural[j] = max(natural[j], natural_width(text, st) if text else 0.0)
    cols = [min(n, _MAX_SHORT_EMS * body.size) + 2 * _PAD + 1 for n in natural]
    rest = width - sum(c for j, c in enumerate(cols) if j not in _WIDE)
    # 指标 reads best unbroken: it gets what it needs, as long as 部分 keeps six characters.
    need = natural[_WIDE[1]] + 2 * _PAD + 1
    part = min(max(rest - need, 6 * body.size + 2 * _PAD), natural[_WIDE[0]] + 2 * _PAD + 1)
    share = [part, rest - part]
    for j, w in zip(_WIDE, share):
        cols[j] = w
    return cols
