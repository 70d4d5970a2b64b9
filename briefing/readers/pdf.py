"""PDF → text lines with their geometry and type style, with pypdfium2 (PDFium).

Why PDFium: one C call per glyph attribute; a one-page
newspaper page reads in about a tenth of pdfplumber's time (pdfminer parses the content stream in
Python). Each glyph gives its character, its loose box (ascent to descent), its font size and
weight. A glyph drawn again over itself, slightly offset (a headline's fake bold) is dropped here,
by position, so doubled runs never reach the text; the line it was in is marked bold.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

from ..errors import InputError

_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold", "medium", "hei")


@dataclass
class Line:
    """One line of text on a page (a run of glyphs on one baseline without a wide gap)."""

    text: str
    x0: float
    x1: float
    bottom: float  # PDF space: y grows upwards
    top: float
    size: float
    bold: bool
    page: int = 0


@dataclass
class PdfPage:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def open_pdf(data: bytes, name: str):  # -> pypdfium2.PdfDocument
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code == raw.FPDF_ERR_PASSWORD:
            raise InputError("the PDF is encrypted (needs a password)", path=name,
                             hint="save an unprotected copy of it first") from None
        raise InputError("damaged PDF: PDFium cannot open it", path=name,
                         hint="re-save or re-export the PDF, or pass its text as .txt") from None


def read_pages(data: bytes, name: str) -> list[PdfPage]:
    doc = open_pdf(data, name)
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            try:
                pages.append(_read_page(page, i))
            finally:
                page.close()
    finally:
        doc.close()
    if not any(p.lines for p in pages):
        raise InputError("no text layer: OCR the file first", path=name,
                         hint="the PDF holds only images of its pages; run OCR (e.g. ocrmypdf) and pass the result")
    return pages


def _read_page(page, index: int) -> PdfPage:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as raw

    width, height = page.get_size()
    tp = page.get_textpage()
    try:
        lines = _lines(tp.raw, raw, index)
    finally:
        tp.close()
    return PdfPage(width, height, lines)


def _lines(tp, raw, page_no: int) -> list[Line]:  # type: ignore[no-untyped-def]
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    rect = raw.FS_RECTF()
    prect = ctypes.byref(rect)
    get_box, get_size, is_gen = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_IsGenerated
    get_char = raw.FPDFText_GetUnicode
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    lines: list[Line] = []
    cur: list[str] = []
    cur_box = [0.0, 0.0, 0.0, 0.0]  # x0, x1, bottom, top
    cur_size = 0.0
    cur_first = -1
    doubled = 0
    prev_r = prev_b = 0.0

    def close() -> None:
        if cur and "".join(cur).strip():
            s = "".join(cur).strip()
            bold = doubled * 3 >= len(s) or _bold(tp, raw, cur_first)
            lines.append(Line(s, cur_box[0], cur_box[1], cur_box[2], cur_box[3], cur_size, bold, page_no))

    prev_h = -1.0
    size = 0.0
    for i in range(n):
        code = get_char(tp, i)
        if code in (0, 10, 13, 0xFFFE, 0xFFFF) or (code == 32 and is_gen(tp, i)):
            continue  # no character (a glyph without a Unicode mapping), or a space PDFium made up
        ch = chr(code)
        get_box(tp, i, prect)
        left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
        h = top - bottom
        if h != prev_h:  # the same font at the same size gives the same loose height: one call less
            size = get_size(tp, i)
            prev_h = h
        if h <= 0:
            h = size or 1.0
        space = code == 32 or ch.isspace()
        if not space:
            # A glyph drawn again over one already seen (within a fifth of its height): fake bold.
            qx, qy = left * 0.5, bottom * 0.5
            cx, cy = int(qx), int(qy)
            ox = cx + 1 if qx - cx >= 0.5 else cx - 1
            oy = cy + 1 if qy - cy >= 0.5 else cy - 1
            tol = 0.2 * h if h < 10 else 2.0
            dup = False
            for cell in ((ch, cx, cy), (ch, ox, cy), (ch, cx, oy), (ch, ox, oy)):
                for (x, y) in seen.get(cell, ()):
                    if -tol < x - left < tol and -tol < y - bottom < tol:
                        dup = True
                        break
            if dup:
                doubled += 1
                continue
            seen.setdefault((ch, cx, cy), []).append((left, bottom))
        if (not cur or abs(bottom - prev_b) > 0.5 * h or left < prev_r - 0.5 * h
                or left - prev_r > (size if size > 1.0 else 1.0)):
            close()
            cur, cur_box, cur_size, cur_first, doubled = [], [left, right, bottom, top], size, i, 0
        elif left - prev_r > 0.25 * size and not space and not cur[-1].isspace():
            cur.append(" ")
        cur.append(ch)
        if not space:
            if right > cur_box[1]:
                cur_box[1] = right
            if bottom < cur_box[2]:
                cur_box[2] = bottom
            if top > cur_box[3]:
                cur_box[3] = top
            if size > cur_size:
                cur_size = size
        prev_r, prev_b = right, bottom
    close()
    return lines


def _bold(tp, raw, i: int) -> bool:  # type: ignore[no-untyped-def]
    if raw.FPDFText_GetFontWeight(tp, i) >= 600:
        return True
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    got = raw.FPDFText_GetFontInfo(tp, i, buf, 128, ctypes.byref(flags))
    fname = buf.raw[: max(0, got - 1)].decode("latin-1", errors="replace").lower()
    return any(b in fname for b in _BOLD_NAMES) or bool(flags.value & (1 << 18))  # ForceBold
