"""The 版记 (distribution tail) of the PDF, at the foot of the last page, and the flowable that
keeps it from standing alone on a page: when it does not fit under the text, the last lines of
the text go over with it."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.platypus.flowables import CondPageBreak, Flowable, PageBreak

from ..template import Template
from .common import imprint, masthead_date, tail_lines
from .pdf_blocks import Block, BottomBlock, Row, text_rows
from .pdf_text import Missing, TextStyle

THICK, THIN = 0.35 * mm, 0.25 * mm  # GB/T 9704 7.3.5.1: the first and last rules thick, the others thin


def tail_block(t: Template, styles: dict[str, TextStyle], missing: Missing, report_date: str = "") -> BottomBlock | None:
    """报/送/发, then the 印发 unit and date and 共印N份, between rules; None when there is nothing."""
    items, copies = tail_lines(t.tail)
    left, right = imprint(t.tail, t.masthead.unit, masthead_date(t.masthead.date, report_date))
    if not (items or copies or left or right):
        return None
    st = replace(styles["tail"], align="left", indent_chars=0)
    to_right = replace(st, align="right")
    tail_rows: list[Row] = []

    def build(w: float) -> list[Row]:
        inset = st.size  # one character in from both edges, as GB/T 9704 sets the 版记
        rows: list[Row] = []
        for item in items:
            rows.extend(_inset(text_rows(item, st, w - 2 * inset, missing), inset))
        tail_rows[:] = []
        if right:  # drawn on the line of the unit: a row of no height first
            for r in text_rows(right, to_right, w - inset, missing):
                tail_rows.append(replace(r, height=0.0))
        if left or right:
            tail_rows.extend(_inset(text_rows(left or "　", st, w - 2 * inset - _width(right, st), missing), inset))
        if copies:
            tail_rows.extend(text_rows(copies, to_right, w - inset, missing))
        return rows + tail_rows

    def rules(rows: list[Row]) -> list[tuple[float, float]]:
        out = [(sum(r.height for r in rows), THICK), (0.0, THICK)]
        lower = sum(r.height for r in tail_rows)
        if items and tail_rows:
            out.append((lower, THIN))
        return out

    return BottomBlock(build, rules)


def _inset(rows: list[Row], inset: float) -> list[Row]:
    for r in rows:
        if r.line is not None:
            r.line.indent += inset
    return rows


def _width(text: str, st: TextStyle) -> float:
    from .pdf_text import natural_width

    return natural_width(text, st) + st.size if text else 0.0


class TailKeeper(Flowable):
    """The last flowable of the text and the tail, as one: drawn together when both fit on the
    page (the text at the top, the tail at the foot); else the text is split so that its last
    lines go to the next page with the tail, or, when it cannot split, moves over whole."""

    def __init__(self, last: Flowable, tail: BottomBlock, leading: float) -> None:
        super().__init__()
        self.last, self.tail, self.leading = last, tail, leading
        self._lh = self._th = 0.0

    def getSpaceBefore(self) -> float:  # noqa: N802 (platypus API)
        return float(self.last.getSpaceBefore())

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        if hasattr(self, "canv"):  # the frame gives it to this wrapper only; KeepTogether wraps with it
            self.last.canv = self.canv
        _, self._lh = self.last.wrap(aw, ah)
        self._th = self.tail.need(aw)
        self.width = aw
        self.height = max(ah, self._need())
        return aw, self.height

    def _need(self) -> float:
        return self._lh + float(self.last.getSpaceAfter()) + self._th

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        frame = self._doctemplateAttr("frame")
        at_top = bool(frame is not None and getattr(frame, "_atTop", False))
        # a block keeps two lines for the page of the tail; other flowables split as they do
        room = min(ah, self._lh - 2 * self.leading - 1e-3) if isinstance(self.last, Block) else ah
        parts = self.last.split(aw, room) if room > 0 else []
        if len(parts) >= 2:
            return [*parts[:-1], TailKeeper(parts[-1], self.tail, self.leading)]
        if at_top:  # nothing to carry over on a fresh page: let them part
            return [self.last, self.tail]
        return []

    def draw(self) -> None:
        self.last.drawOn(self.canv, 0, self.height - self._lh)
        self.tail.wrap(self.width, self._th)
        self.tail.drawOn(self.canv, 0, 0)


def attach_tail(out: list[Flowable], block: BottomBlock | None, leading: float) -> None:
    """Put the tail after the story's last flowable, kept with it (see :class:`TailKeeper`)."""
    if block is None:
        return
    if out and not isinstance(out[-1], (CondPageBreak, PageBreak)):
        out[-1] = TailKeeper(out[-1], block, leading)
    else:
        out.append(block)
