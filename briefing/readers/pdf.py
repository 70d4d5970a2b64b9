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
from operator import itemgetter

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
    lead: float = 0.0  # the width of what opens the line and cannot be broken (see unit_length)


@dataclass
class PdfPage:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    pictures: bool = False  # it draws images (a page without text but with them is a scan)


_READY = False


def _pdfium():  # -> the pypdfium2_raw module, the library initialised
    """PDFium's raw ctypes bindings only: the pypdfium2 package's helpers and logging cost about
    a third of its import (a cold `briefing extract page.pdf`), and the reader needs none of them.
    Initialising the library again (when pypdfium2 itself was imported too) is a no-op in PDFium."""
    global _READY
    import pypdfium2_raw as raw

    if not _READY:
        raw.FPDF_InitLibraryWithConfig(raw.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None,
                                                               m_v8EmbedderSlot=0))
        _READY = True
    return raw


def read_pages(data: bytes, name: str) -> list[PdfPage]:
    raw = _pdfium()
    buf = ctypes.create_string_buffer(data, len(data))  # PDFium reads from it while the document is open
    doc = raw.FPDF_LoadMemDocument64(buf, len(data), None)
    if not doc:
        if raw.FPDF_GetLastError() == raw.FPDF_ERR_PASSWORD:
            raise InputError("the PDF is encrypted (needs a password)", path=name,
                             hint="save an unprotected copy of it first", code="pdf_encrypted")
        raise InputError("damaged PDF: PDFium cannot open it", path=name,
                         hint="re-save or re-export the PDF, or pass its text as .txt", code="pdf_damaged")
    try:
        pages = [_read_page(raw, doc, i) for i in range(raw.FPDF_GetPageCount(doc))]
    finally:
        raw.FPDF_CloseDocument(doc)
    if not any(p.lines for p in pages):
        raise InputError("no text layer: OCR the file first", path=name,
                         hint="the PDF holds only images of its pages; run OCR (e.g. ocrmypdf) and pass the result",
                         code="pdf_no_text")
    return pages


def scanned_pages(pages: list[PdfPage]) -> list[int]:
    """The 1-based numbers of the pages that are pictures without a text layer (their text is
    lost unless the file is OCRed); a blank page is not one."""
    return [i for i, p in enumerate(pages, 1) if not p.lines and p.pictures]


def _read_page(raw, doc, index: int) -> PdfPage:  # type: ignore[no-untyped-def]
    page = raw.FPDF_LoadPage(doc, index)
    if not page:
        return PdfPage(0.0, 0.0)
    try:
        width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
        tp = raw.FPDFText_LoadPage(page)
        try:
            lines = _lines(tp, raw, index) if tp else []
        finally:
            if tp:
                raw.FPDFText_ClosePage(tp)
        pictures = not lines and any(raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, k)) == raw.FPDF_PAGEOBJ_IMAGE
                                     for k in range(raw.FPDFPage_CountObjects(page)))
    finally:
        raw.FPDF_ClosePage(page)
    return PdfPage(width, height, lines, pictures)


def _lines(tp, raw, page_no: int) -> list[Line]:  # type: ignore[no-untyped-def]
    """The page's glyphs, fake-bold copies dropped, grouped into lines by baseline and ordered
    by position: the content stream's order is not the reading order (LibreOffice draws a line's
    CJK glyphs first and its Latin quotes after them)."""
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    rect = raw.FS_RECTF()
    prect = ctypes.byref(rect)
    get_box, get_size, is_gen = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_IsGenerated
    get_char, get_origin = raw.FPDFText_GetUnicode, raw.FPDFText_GetCharOrigin
    ox_, oy_ = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox_), ctypes.byref(oy_)
    seen: dict[tuple[str, int, int], list[list]] = {}
    glyphs: list[list] = []  # [baseline, left, right, bottom, top, size, char, index, doubled]
    prev_h = -1.0
    size = drop = 0.0
    for i in range(n):
        code = get_char(tp, i)
        if code in (0, 10, 13, 0xFFFE, 0xFFFF) or (code == 32 and is_gen(tp, i)):
            continue  # no character (a glyph without a Unicode mapping), or a space PDFium made up
        ch = chr(code) if code != 2 else "-"  # PDFium gives a hyphen that ends a line as U+0002
        get_box(tp, i, prect)
        left, bottom, top = rect.left, rect.bottom, rect.top
        h = top - bottom
        if h != prev_h:  # the same font at the same size gives the same loose height: two calls less
            size = get_size(tp, i)
            get_origin(tp, i, pox, poy)
            drop = bottom - oy_.value  # the descent: loose box bottom less the baseline
            prev_h = h
        if h <= 0:
            h = size or 1.0
        if code != 32:
            # A glyph drawn again over one already seen (within a fifth of its height): fake bold.
            qx, qy = left * 0.5, bottom * 0.5
            cx, cy = int(qx), int(qy)
            ox = cx + 1 if qx - cx >= 0.5 else cx - 1
            oy = cy + 1 if qy - cy >= 0.5 else cy - 1
            tol = 0.2 * h if h < 10 else 2.0
            hit = None
            for cell in ((ch, cx, cy), (ch, ox, cy), (ch, cx, oy), (ch, ox, oy)):
                for g in seen.get(cell, ()):
                    if -tol < g[1] - left < tol and -tol < g[3] - bottom < tol:
                        hit = g
                        break
            if hit is not None:
                hit[8] = True
                continue
        g = [bottom - drop, left, rect.right, bottom, top, size, ch, i, False]
        glyphs.append(g)
        if code != 32:
            seen.setdefault((ch, cx, cy), []).append(g)
    return [_line(run, tp, raw, page_no) for row in _rows(glyphs) for run in _runs(row)]


def _rows(glyphs: list[list]) -> list[list[list]]:
    """Glyphs on one baseline (within a quarter of their size), each row ordered left to right."""
    glyphs.sort(key=itemgetter(0), reverse=True)
    rows: list[list[list]] = []
    base = float("inf")
    for g in glyphs:
        if base - g[0] > 0.25 * (g[5] or 1.0):
            rows.append([])
            base = g[0]
        rows[-1].append(g)
    for r in rows:
        r.sort(key=itemgetter(1))
    return rows


def _runs(row: list[list]) -> list[list[list]]:
    """A row cut where the white space between two glyphs is wider than the type (a gutter)."""
    runs: list[list[list]] = [[row[0]]]
    right = row[0][2]
    run = runs[0]
    for g in row[1:]:
        if g[1] - right > (g[5] if g[5] > 1.0 else 1.0):
            run = []
            runs.append(run)
        run.append(g)
        if g[2] > right:
            right = g[2]
    return runs


def _line(run: list[list], tp, raw, page_no: int) -> Line:  # type: ignore[no-untyped-def]
    out: list[str] = []
    x0 = y0 = float("inf")
    x1 = y1 = right = size = -float("inf")
    doubled = ink = 0
    first = None
    for g in run:
        ch = g[6]
        if ch == " ":
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if out and g[1] - right > 0.25 * g[5] and out[-1] != " ":
            out.append(" ")
        out.append(ch)
        if first is None:
            first = g
        ink += 1
        doubled += g[8]
        if g[2] > right:
            right = g[2]
        if g[1] < x0:
            x0 = g[1]
        if g[3] < y0:
            y0 = g[3]
        if g[4] > y1:
            y1 = g[4]
        if g[5] > size:
            size = g[5]
    x1 = right
    if first is None:  # spaces only (cannot happen: a run starts at a glyph with ink or a space)
        first = run[0]
        x0, x1, y0, y1, size = first[1], first[2], first[3], first[4], first[5]
    text = "".join(out).strip()
    head = [g for g in run[:16] if g[6] != " "]
    k = unit_length("".join(g[6] for g in head))
    lead = max((g[2] for g in head[:k]), default=x0) - x0
    return Line(text, x0, x1, y0, y1, size, doubled * 3 >= max(ink, 1) or _bold(tp, raw, first[7]), page_no,
                lead=lead)


# Punctuation that may not open a line (it goes with the character before it) and that may not
# end one (it goes with the character after it): the line-breaking rules of Chinese type.
_NO_START = set("，。、；：？！）》」』】〕〉”’…—·%‰∶,.;:?!)]}")
_NO_END = set("（《「『【〔〈“‘([{")
_QUOTES = set("”’")


def unit_length(text: str) -> int:
    """How many characters open ``text`` that a line break cannot part: a run of Latin letters
    and digits (5.4%), or one character; with the closing punctuation after it (务”) and, when
    an opening mark follows, the mark and the unit after it (进“双, 委“1310”具)."""
    i = 0
    while i < len(text) - 1 and text[i] in _NO_END:  # “十四五”: the opening mark goes with 十
        i += 1
    start = i
    while i < len(text) and (text[i].isascii() and text[i].isalnum() or (i > start and text[i] in ".%")):
        i += 1
    i = max(i, start + 1)
    closed = i
    while i < len(text) and text[i] in _NO_START:
        i += 1
    while i > closed and i < len(text) and text[i].isascii() and text[i].isalnum():
        # 赛，123名, 盖，70%村, 17.7%、17.4%、68%。: no break between closing punctuation and the
        # number after it, nor inside a list of numbers
        while i < len(text) and (text[i].isascii() and text[i].isalnum() or text[i] in ".%‰"):
            i += 1
        closed = i
        while i < len(text) and text[i] in _NO_START:
            i += 1
    if any(c in _QUOTES for c in text[closed:i]) and i < len(text) and text[i] not in _NO_END:
        i += 1  # 效益”评: a closing quote holds on to what follows too (Unicode line breaking, class QU)
    if i < len(text) and text[i] in _NO_END:  # 委“1310”具: the mark, and the whole unit after it
        j = i
        while j < len(text) and text[j] in _NO_END:
            j += 1
        return j + unit_length(text[j:]) if j < len(text) else j
    return i


def _bold(tp, raw, i: int) -> bool:  # type: ignore[no-untyped-def]
    if raw.FPDFText_GetFontWeight(tp, i) >= 600:
        return True
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    got = raw.FPDFText_GetFontInfo(tp, i, buf, 128, ctypes.byref(flags))
    fname = buf.raw[: max(0, got - 1)].decode("latin-1", errors="replace").lower()
    return any(b in fname for b in _BOLD_NAMES) or bool(flags.value & (1 << 18))  # ForceBold
