"""Readers: the bytes of an input (text, PDF, Word, web page) → the report's text.

Each reader turns its format into the kind of text the extraction already reads well: one
paragraph a line, blank lines between, headings and labels on lines of their own. What the
format tells besides (page furniture taken out, the articles of a newspaper page) comes along in
:class:`Input`. The format is told by the content (magic bytes), not by the file's name; the name
only makes the message clearer when the content is not what it claims.

    from briefing.readers import read_input
    doc = read_input(data, name="page.pdf")             # doc.text, doc.dropped, doc.articles
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError, Notice, UsageError

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|meta)\b",
                         re.IGNORECASE | re.DOTALL)
_REPORT_WORD = "报告"  # what makes an article of a page "about a report" (工作报告, 政府工作报告 …)


@dataclass
class ArticleInfo:
    """One article found on a newspaper page."""

    number: int  # 1-based, in reading order
    title: str
    chars: int
    about_report: bool
    opening: str = ""  # the first words of its body (after the title), to tell articles apart


def opening_words(text: str, title: str = "", limit: int = 24) -> str:
    """The first ``limit`` characters of a text's body (what follows its title, when the title is
    one of its lines), on one line."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title in lines:
        lines = lines[lines.index(title) + 1:]
    body = " ".join(lines)
    return body[:limit] + ("…" if len(body) > limit else "")


@dataclass
class Input:
    """What a reader made of one input."""

    kind: str  # text, pdf, docx, html
    text: str
    encoding: str | None = None
    dropped: list[str] = field(default_factory=list)  # page furniture the reader took out
    articles: list[ArticleInfo] = field(default_factory=list)  # a PDF's articles (all of them)
    article: int | None = None  # the number of the one whose text this is
    headings: list[str] = field(default_factory=list)  # the top-level headings the format marks
    warnings: list[str] = field(default_factory=list)  # what the reader could not read (scanned pages)


# A web page saved as one file: a MIME message of the page and its parts (Chrome writes a From line first).
_MHTML = re.compile(rb"(?im)^MIME-Version:\s*1\.0\s*$(?s:.*)^Content-Type:\s*multipart/related")


def sniff(data: bytes) -> str:
    """The format of the bytes: pdf, docx (any zip: checked when read), mhtml, html or text."""
    head = data[:1024]
    if _MHTML.search(data[:4096]):
        return "mhtml"
    if head.startswith(b"%PDF") or b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    probe = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(probe) or _HTML_START.match(_utf16_ascii(probe)):
        return "html"
    return "text"


def _utf16_ascii(b: bytes) -> bytes:
    return b.replace(b"\x00", b"") if b.startswith((b"\xff\xfe", b"\xfe\xff")) else b""


def read_input(data: bytes, *, name: str = "<input>", encoding: str | None = None,
               article: int | str | None = None) -> Input:
    """Bytes (and a file name, for messages) → :class:`Input`. ``article`` picks one article of a
    newspaper PDF: its number, or a word its title contains; by default the largest one about a
    report (else the largest)."""
    kind = sniff(data)
    _check_name(kind, name)
    if kind == "pdf":
        return _read_pdf(data, name, article)
    if article is not None:
        raise UsageError("--article applies to PDF pages only", path=name)
    if kind == "docx":
        from .docx import read_docx

        text, headings = read_docx(data, name)
        return Input("docx", text, headings=headings)
    if kind in ("html", "mhtml"):
        from .html import read_html

        if kind == "mhtml":
            from .mhtml import page_of

            data, encoding = page_of(data, name), "utf-8"
        text, headings = read_html(data, name, encoding)
        return Input("html", text, headings=headings)
    from ..reader import decode

    decoded = decode(data, encoding=encoding, name=name)
    return Input("text", decoded.text, decoded.encoding)


def _check_name(kind: str, name: str) -> None:
    low = name.lower()
    if low.endswith(".docx") and kind != "docx":
        raise InputError("not a Word file: named .docx but holds no Word document", path=name,
                         hint="open it in Word and save it as .docx again", code="not_word")
    if low.endswith(".pdf") and kind != "pdf":
        raise InputError("not a PDF: named .pdf but does not start like one", path=name,
                         hint="the file is damaged or mislabelled; export the PDF again", code="pdf_damaged")


def _read_pdf(data: bytes, name: str, article: int | str | None) -> Input:
    from .pdf import read_pages, scanned_pages
    from .pdf_layout import layout

    pages = read_pages(data, name)
    articles, furniture = layout(pages)
    infos = [ArticleInfo(i, a.title, a.chars, _REPORT_WORD in a.text, opening_words(a.text, a.title))
             for i, a in enumerate(articles, 1)]
    n = pick_article(infos, article, name)
    warnings: list[str] = []
    scans = scanned_pages(pages)
    if scans:
        which = "page" if len(scans) == 1 else "pages"
        warnings.append(Notice(f"{which} {_numbers(scans)} of {len(pages)} have no text layer (scanned), their "
                               "text is missing: OCR the file first (e.g. ocrmypdf) to read them",
                               "scanned_pages", pages=_numbers(scans), total=len(pages)))
    return Input("pdf", articles[n - 1].text, dropped=furniture, articles=infos, article=n, warnings=warnings)


def _numbers(ns: list[int]) -> str:
    """1, 3, 5-7: page numbers with runs joined."""
    runs: list[list[int]] = []
    for n in ns:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def pick_article(infos: list[ArticleInfo], wanted: int | str | None, name: str) -> int:
    if wanted is None:
        pool = [a for a in infos if a.about_report] or infos
        return max(pool, key=lambda a: a.chars).number
    if isinstance(wanted, int) or str(wanted).isdigit():
        n = int(wanted)
        if 1 <= n <= len(infos):
            return n
        raise UsageError(f"no article {n}: the file has {len(infos)}", path=name,
                         hint="list them with `briefing extract FILE --list`", code="no_article",
                         params={"n": n, "count": len(infos)})
    hits = [a for a in infos if str(wanted) in a.title]
    if not hits:
        raise UsageError(f"no article's title contains {wanted!r}", path=name,
                         hint="list them with `briefing extract FILE --list`")
    return hits[0].number
