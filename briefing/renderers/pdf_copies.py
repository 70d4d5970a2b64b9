"""Numbered copies (份号) and a watermark for the PDF.

N copies in one file would cost N layouts; instead each page of the first copy is drawn into a
form XObject and shown on its page, and every further copy shows the same forms again with only
its own number added: the file grows by a few hundred bytes a page, the time by almost nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reportlab.lib.units import mm

from .pdf_page import Area, Furniture, draw_text_line
from .pdf_text import TextStyle, begin_artifact, end_artifact, natural_width

COPY_DIGITS = 6  # GB/T 9704 7.2.1: 6 Arabic digits, top left of the first page


def copy_number(n: int) -> str:
    return f"{n:0{COPY_DIGITS}d}"


class Copies:
    """Page hooks that add the copy number and the watermark, and repeat the pages per copy."""

    def __init__(self, numbers: tuple[int, ...], watermark: str, furn: Furniture,
                 styles: dict[str, TextStyle], area: Area) -> None:
        self.numbers = tuple(numbers)
        self.forms = len(self.numbers) > 1
        self.watermark = watermark
        self.furn, self.area = furn, area
        self.number_style = replace(styles["heading"], size=16, leading=20, color="#000000")
        mark = styles["title"]
        size = min(72.0, area.width / max(1, len(watermark)) * 0.9)
        self.mark_style = replace(mark, size=size, leading=size * 1.2, color="#000000")
        self.pages = 0

    def on_page(self, draw: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
        def hook(canv: Any, doc: Any) -> None:
            if self.forms:
                canv.beginForm(_form(canv.getPageNumber()))
            draw(canv, doc)

        return hook

    def page_end(self, canv: Any, doc: Any) -> None:
        n = canv.getPageNumber()
        self.pages = n
        if self.forms:
            canv.endForm()
            canv.doForm(_form(n))
        self._over(canv, n, self.numbers[0] if self.numbers else 0)

    def finish(self, canv: Any) -> None:
        """The copies after the first, each its pages again under its own number."""
        for k in self.numbers[1:]:
            for n in range(1, self.pages + 1):
                canv.doForm(_form(n))
                self._over(canv, n, k)
                canv.showPage()

    def _over(self, canv: Any, page: int, copy: int) -> None:
        """What is drawn over a page's form: the watermark (its transparency is a page resource),
        and the copy number on page 1."""
        if self.watermark:
            self._watermark(canv)
        if page == 1 and copy:
            self._number(canv, copy)

    def _number(self, canv: Any, k: int) -> None:
        a, st = self.area, self.number_style
        canv.saveState()
        draw_text_line(canv, copy_number(k), st, a.left, a.top + 3 * mm + st.leading, a.width, "left")
        canv.restoreState()

    def _watermark(self, canv: Any) -> None:
        a, st = self.area, self.mark_style
        w = natural_width(self.watermark, st)
        canv.saveState()
        begin_artifact(canv)
        canv.setFillAlpha(0.12)
        canv.translate(a.page_w / 2, a.page_h / 2)
        canv.rotate(math.degrees(math.atan2(a.page_h, a.page_w)) * 0.6)
        draw_text_line(canv, self.watermark, st, -w / 2 - st.size, st.leading / 2, w + 2 * st.size, "center")
        end_artifact(canv)
        canv.restoreState()


def _form(n: int) -> str:
    return f"briefingPage{n}"
