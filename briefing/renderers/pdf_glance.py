"""The PDF's 要点速览 panel (after the lead) and target-versus-result charts (in the appendix).

The panel is drawn on the canvas like a highlight box: a tinted box with the title as a tag and
the key figures in cells (value and unit, indicator, growth), text set by :mod:`.pdf_text`. On a
line grid (GB/T 9704) the panel with the space around it takes whole lines, inside its own height
(space before a flowable is dropped at the top of a page), so the body text after it stays on the
grid. The charts are the shared Drawings of :mod:`.charts`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reportlab.platypus.flowables import Flowable, Spacer

from ..model import Summary
from ..template import Template
from .glance import Card, cards, charts_enabled, columns, rows
from .pdf_text import (
    Line,
    Missing,
    TextStyle,
    baseline_offset,
    draw_line,
    draw_run,
    layout,
    natural_width,
    rgb,
)

if TYPE_CHECKING:  # pragma: no cover
    from .charts import Figure

_PAD = 8.0  # box padding, left and right
_CELL_PAD = 5.0  # inside a cell, each side
_TAG_GAP = 6.0  # below the tag
_UNIT_GAP = 1.5  # between a value and its unit


class GlancePanel(Flowable):
    """The panel. At a page break it splits between rows of cards, each part a closed box; the
    part after the break has no title tag."""

    def __init__(self, items: list[Card], t: Template, styles: dict[str, TextStyle], missing: Missing,
                 grid: float = 0.0, ncol: int = 0, title: bool = True) -> None:
        super().__init__()
        self.items, self.t, self.styles, self.missing, self.grid = items, t, styles, missing, grid
        self.ncol = ncol or columns(len(items))
        self.title = title
        c = t.colors
        self.tag = replace(styles["label"], color=c.label_text, align="left", indent_chars=0, grid=0)
        head = styles["heading"]
        self.value = replace(head, size=t.role("title").size, color=c.accent, align="left", indent_chars=0, grid=0)
        self.unit = replace(styles["label"], color=c.accent, align="left", indent_chars=0, grid=0)
        self.text = replace(styles["table"], align="center", indent_chars=0, grid=0)
        self.growth = replace(styles["table_header"], color=c.label_fill, align="center", indent_chars=0, grid=0)
        self.around = 0.0 if grid else styles["body"].leading * 0.5
        self._laid: tuple[float, Any] | None = None

    # -- layout ------------------------------------------------------------------------------------
    def _layout(self, width: float) -> Any:
        if self._laid and abs(self._laid[0] - width) < 0.01:
            return self._laid[1]
        inner = width - 2 * _PAD
        grid_rows = rows(self.items, self.ncol)
        cell_w = inner / self.ncol
        text_w = cell_w - 2 * _CELL_PAD
        # One size for all values (the template's title size) and units: both smaller if a value
        # and its unit would not fit a cell.
        need = max(natural_width(c.value, self.value) + _UNIT_GAP + natural_width(c.unit, self.unit)
                   for c in self.items)
        k = min(1.0, text_w / need) if need > 0 else 1.0
        value = replace(self.value, size=round(self.value.size * k, 2), leading=round(self.value.size * k * 1.3, 2))
        unit = replace(self.unit, size=round(self.unit.size * k, 2))
        title = self.t.glance.title.strip() if self.title else ""
        tag_lines = layout(title, self.tag, inner - self.tag.size, self.missing) if title else []
        tag_h = self.tag.leading * len(tag_lines) + 4 + _TAG_GAP if tag_lines else 0.0
        laid_rows = []
        for row in grid_rows:
            cells = []
            for c in row:
                ind = layout(c.indicator, self.text, text_w, self.missing) if c.indicator else []
                gro = layout(c.growth, self.growth, text_w, self.missing) if c.growth else []
                cells.append((c, ind, gro))
            h = max(value.leading + self.text.leading * len(ind) + self.growth.leading * len(gro)
                    for _, ind, gro in cells) + 2 * _CELL_PAD
            laid_rows.append((h, cells))
        box = _PAD + tag_h + sum(h for h, _ in laid_rows) + _PAD
        laid = (value, unit, tag_lines, tag_h, cell_w, laid_rows, box, self._around(box))
        self._laid = (width, laid)
        return laid

    def _around(self, box: float) -> float:
        """Space above and below the box; on a grid, what makes the whole take whole lines."""
        if not self.grid:
            return self.around
        extra = (-box) % self.grid
        return (extra if extra >= 8 else extra + self.grid) / 2

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        *_, box, around = self._layout(aw)
        self.width = aw
        self.height = box + (2 * around if self.grid else 0.0)
        return aw, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (platypus API)
        return 0.0 if self.grid else self.around

    def getSpaceAfter(self) -> float:  # noqa: N802
        return 0.0 if self.grid else self.around

    def split(self, aw: float, ah: float) -> list[Flowable]:
        laid_rows, box = self._layout(aw)[5:7]
        used = box - sum(h for h, _ in laid_rows)
        k = 0
        while k < len(laid_rows) - 1:
            grown = used + laid_rows[k][0]
            if grown + (2 * self._around(grown) if self.grid else 0.0) > ah + 1e-6:
                break
            used, k = grown, k + 1
        if k == 0:
            return []
        cut = k * self.ncol
        return [GlancePanel(self.items[:cut], self.t, self.styles, self.missing, self.grid, self.ncol, self.title),
                GlancePanel(self.items[cut:], self.t, self.styles, self.missing, self.grid, self.ncol, False)]

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self) -> None:
        canv, c = self.canv, self.t.colors
        value, unit, tag_lines, tag_h, cell_w, laid_rows, box, around = self._layout(self.width)
        y0 = around if self.grid else 0.0
        top = y0 + box
        canv.saveState()
        canv.setFillColor(rgb(c.box_fill))
        canv.setStrokeColor(rgb(c.box_border))
        canv.setLineWidth(0.6)
        canv.rect(0, y0, self.width, box, stroke=1, fill=1)
        if tag_lines:  # the title as a tag, as a highlight box shows its label
            tag_w = max(ln.natural() for ln in tag_lines) + self.tag.size
            canv.setFillColor(rgb(c.label_fill))
            canv.rect(_PAD, top - _PAD - self.tag.leading * len(tag_lines), tag_w,
                      self.tag.leading * len(tag_lines), stroke=0, fill=1)
        canv.restoreState()
        y = top - _PAD
        for ln in tag_lines:
            draw_line(canv, ln, self.tag, _PAD + self.tag.size / 2, y - baseline_offset(self.tag), tag_w)
            y -= self.tag.leading
        y = top - _PAD - tag_h
        for r, (h, cells) in enumerate(laid_rows):
            canv.saveState()
            canv.setStrokeColor(rgb(c.box_border))
            canv.setLineWidth(0.4)
            if r:
                canv.line(_PAD, y, self.width - _PAD, y)
            for i in range(1, len(cells)):
                x = _PAD + i * cell_w
                canv.line(x, y - _CELL_PAD, x, y - h + _CELL_PAD)
            canv.restoreState()
            for i, (card, ind, gro) in enumerate(cells):
                self._cell(card, ind, gro, value, unit, _PAD + i * cell_w, y - _CELL_PAD, cell_w)
            y -= h

    def _cell(self, card: Card, ind: list[Line], gro: list[Line], value: TextStyle, unit: TextStyle, x: float,
              top: float, w: float) -> None:
        canv = self.canv
        vw, uw = natural_width(card.value, value), natural_width(card.unit, unit)
        start = x + (w - vw - _UNIT_GAP - uw) / 2
        base = top - baseline_offset(value)
        for ln in layout(card.value, value, vw + 1, self.missing):
            draw_line(canv, ln, value, start, base, vw + 1)
        if card.unit:
            for ln in layout(card.unit, unit, uw + 1, self.missing):
                draw_line(canv, ln, unit, start + vw + _UNIT_GAP, base, uw + 1)
        top -= value.leading
        inner_x, inner_w = x + _CELL_PAD, w - 2 * _CELL_PAD
        for ln in ind:
            draw_line(canv, ln, self.text, inner_x, top - baseline_offset(self.text), inner_w)
            top -= self.text.leading
        for ln in gro:
            draw_line(canv, ln, self.growth, inner_x, top - baseline_offset(self.growth), inner_w)
            top -= self.growth.leading


def panel(summary: Summary, t: Template, styles: dict[str, TextStyle], missing: Missing) -> list[Flowable]:
    """The panel after the lead, or nothing (no key figures, or ``[glance] enabled = false``)."""
    items = cards(summary, t)
    if not items:
        return []
    body = styles["body"]
    return [GlancePanel(items, t, styles, missing, body.leading if t.body.chars_per_line else 0.0)]


def charts(summary: Summary, t: Template, styles: dict[str, TextStyle], missing: Missing,
           width: float) -> list[Flowable]:
    """The charts after the appendix table, each after a little space, or nothing."""
    if not charts_enabled(summary, t):
        return []
    from .charts import drawings

    out: list[Flowable] = []
    for fig in drawings(summary, t, width, missing.chars):
        out += [Spacer(0, styles["body"].leading * 0.75), vector(fig)]
    return out


def vector(fig: Figure) -> Flowable:
    """A chart figure as a flowable that draws its shapes, and its text in the PDF's embedded
    faces (as the body is set, so a chart adds no font of its own)."""
    return _FigureFlowable(fig)


class _FigureFlowable(Flowable):
    def __init__(self, fig: Figure) -> None:
        super().__init__()
        self.fig = fig
        self.width, self.height = fig.width, fig.height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.fig.width, self.fig.height

    def draw(self) -> None:
        from .charts import Box, Rule

        canv = self.canv
        canv.saveState()
        for s in self.fig.contents:
            if isinstance(s, Box):
                if s.fill:
                    canv.setFillColor(rgb(s.fill))
                if s.stroke:
                    canv.setStrokeColor(rgb(s.stroke))
                    canv.setLineWidth(s.stroke_width)
                canv.rect(s.x, s.y, s.width, s.height, stroke=1 if s.stroke else 0, fill=1 if s.fill else 0)
            elif isinstance(s, Rule):
                canv.setStrokeColor(rgb(s.color))
                canv.setLineWidth(s.width)
                canv.line(s.x1, s.y1, s.x2, s.y2)
            elif s.text:
                draw_run(canv, s.face, s.size, s.x, s.y, s.text, s.color)
        canv.restoreState()
