"""The appendix table 附：目标任务一览: one row per target, header row repeated on every page,
numbers right-aligned, thin rules. Cells are laid out by :mod:`.pdf_text`, so they follow the
same line-breaking rules and font fallback as the body.

The table is one flowable of its own rather than ReportLab's ``Table``, which measured every
cell six times over the wraps and splits of one table (a tenth of a briefing's render time):
here each cell is laid out once, for its column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.platypus.flowables import Flowable, KeepTogether

from ..model import Summary
from ..template import Template
from .common import APPENDIX_COLUMNS, appendix_rows
from .pdf_blocks import Row, text_rows
from .pdf_text import Missing, TextStyle, baseline_offset, draw_line, natural_width, rgb

_ALIGN = ("center", "left", "left", "right", "center", "center")  # 序号 部分 指标 目标值 单位 约束
_WIDE = (1, 2)  # 部分 and 指标 share what the short columns leave
_MAX_SHORT_EMS = 6.0
# Cell padding. The gap between two columns (twice this) must exceed about one em, or text
# extraction (poppler) reads the neighbouring cells of a row as one line.
_PAD = 7.0


@dataclass
class TableLook:
    """Colours and rule weights of the table."""

    header_fill: str
    rule: str  # above and below the header, below the last row of each page
    row_rule: str  # between body rows
    outer_width: float = 1.0
    header_width: float = 0.6
    row_width: float = 0.3


@dataclass
class TableRow:
    """One row: the lines of each cell, laid out for its column."""

    cells: list[list[Row]]

    @property
    def height(self) -> float:
        return max(sum(r.height for r in c) for c in self.cells) + _PAD

    def split(self, room: float) -> tuple[TableRow, TableRow] | None:
        """The row cut so that its first part is at most ``room`` high, each cell at a line, or
        None if no cell can keep a line in it."""
        heads: list[list[Row]] = []
        tails: list[list[Row]] = []
        for c in self.cells:
            k, used = 0, 0.0
            while k < len(c) and used + c[k].height <= room - _PAD + 1e-6:
                used += c[k].height
                k += 1
            if k == 0 and c:
                return None
            heads.append(c[:k])
            tails.append(c[k:])
        if not any(tails):
            return None
        return TableRow(heads), TableRow(tails)


class TargetTable(Flowable):
    """The header row and body rows at fixed column widths, drawn with horizontal rules."""

    def __init__(self, header: TableRow, body: list[TableRow], columns: list[float], look: TableLook) -> None:
        super().__init__()
        self.header, self.body, self.columns, self.look = header, body, columns, look
        self.width = sum(columns)
        self.height = header.height + sum(r.height for r in body)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        room = ah - self.header.height
        used, k = 0.0, 0
        while k < len(self.body) and used + self.body[k].height <= room + 1e-6:
            used += self.body[k].height
            k += 1
        head, tail = self.body[:k], self.body[k:]
        if not head and tail:  # a row is cut only when not one whole row fits
            cut = tail[0].split(room - used)
            if cut is not None:
                head, tail = [*head, cut[0]], [cut[1], *tail[1:]]
        if not head or not tail:
            return []
        return [TargetTable(self.header, head, self.columns, self.look),
                TargetTable(self.header, tail, self.columns, self.look)]

    def draw(self) -> None:
        canv, look = self.canv, self.look
        top = self.height
        canv.saveState()
        canv.setFillColor(rgb(look.header_fill))
        canv.rect(0, top - self.header.height, self.width, self.header.height, stroke=0, fill=1)
        canv.restoreState()
        edges: list[tuple[float, float, str]] = [(top, look.outer_width, look.rule)]
        for i, row in enumerate([self.header, *self.body]):
            self._cells(row, top)
            top -= row.height
            if i == 0:
                edges.append((top, look.header_width, look.rule))
            elif i == len(self.body):
                edges.append((top, look.outer_width, look.rule))
            else:
                edges.append((top, look.row_width, look.row_rule))
        canv.saveState()
        for y, width, color in edges:
            canv.setStrokeColor(rgb(color))
            canv.setLineWidth(width)
            canv.line(0, y, self.width, y)
        canv.restoreState()

    def _cells(self, row: TableRow, top: float) -> None:
        x = 0.0
        for lines, col in zip(row.cells, self.columns):
            y = top - _PAD / 2
            for r in lines:
                if r.line is not None and r.style is not None:
                    draw_line(self.canv, r.line, r.style, x + _PAD, y - baseline_offset(r.style), col - 2 * _PAD)
                y -= r.height
            x += col


def appendix_table(s: Summary, t: Template, styles: dict[str, TextStyle], missing: Missing,
                   width: float) -> TargetTable:
    head, body = styles["table_header"], styles["table"]
    cell_styles: dict[tuple[int, str], TextStyle] = {}
    rows = appendix_rows(s)
    cols = _column_widths([list(APPENDIX_COLUMNS), *rows], head, body, width)

    def cell(text: str, style: TextStyle, align: str, w: float) -> list[Row]:
        key = (id(style), align)
        st = cell_styles.get(key)
        if st is None:  # one style per column, not a dataclass replace per cell
            st = cell_styles[key] = replace(style, indent_chars=0, align=align, grid=0)
        return text_rows(text, st, w - 2 * _PAD, missing)

    header = TableRow([cell(c, head, "center", w) for c, w in zip(APPENDIX_COLUMNS, cols)])
    out: list[TableRow] = []
    previous = ""
    for row in rows:
        cells = list(row)
        # The part is named on the first of its rows only, as a printed table would.
        part, cells[1] = cells[1], "" if cells[1] == previous else cells[1]
        previous = part
        out.append(TableRow([cell(v, body, a, w) for v, a, w in zip(cells, _ALIGN, cols)]))
    c = t.colors
    return TargetTable(header, out, cols, TableLook(c.box_fill, c.rule, c.box_border))


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


class TableThenCharts(Flowable):
    """The appendix table with the charts after it, as one flowable. Where the two do not fit on
    the page, the table breaks so that its last KEEP_ROWS rows go over with the charts: no chart
    is left alone on the last page. ``frame`` is the height of a whole page's frame."""

    KEEP_ROWS = 2

    def __init__(self, table: TargetTable, after: list[Flowable], frame: float) -> None:
        super().__init__()
        self.table, self.after, self.frame = table, after, frame
        self.width, self.height = table.width, table.height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.height = self.table.wrap(aw, ah)[1] + sum(f.wrap(aw, ah)[1] for f in self.after)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        t = self.table
        room, used, k = ah - t.header.height, 0.0, 0
        while k < len(t.body) and used + t.body[k].height <= room + 1e-6:
            used += t.body[k].height
            k += 1
        charts = sum(f.wrap(aw, self.frame)[1] for f in self.after)
        last_rows = t.header.height + sum(r.height for r in t.body[-self.KEEP_ROWS:])
        if last_rows + charts > self.frame:
            # No page holds the last rows and all the charts: the table breaks where it must and
            # the charts flow after it, the last two kept together.
            after = self.after if len(self.after) < 4 else [*self.after[:-4], KeepTogether(self.after[-4:])]
            if k >= len(t.body):
                return [t, *after]
            if k < 1:
                return [t, *after] if ah >= self.frame - 1e-6 else []
            return [TargetTable(t.header, t.body[:k], t.columns, t.look),
                    TargetTable(t.header, t.body[k:], t.columns, t.look), *after]
        k = min(k, len(t.body) - self.KEEP_ROWS)
        if k >= 1:
            return [TargetTable(t.header, t.body[:k], t.columns, t.look),
                    TableThenCharts(TargetTable(t.header, t.body[k:], t.columns, t.look), self.after, self.frame)]
        return []  # on to the next page, the last rows and the charts together

    def draw(self) -> None:
        y = self.height
        for f in (self.table, *self.after):
            h = f.wrap(self.width, 1e6)[1]
            y -= h
            f.drawOn(self.canv, 0, y)
