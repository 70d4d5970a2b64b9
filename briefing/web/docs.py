"""The documents the page works on, kept in the server's memory: a summary, the masthead
settings, an undo history, and the current PDF, whose pages become PNG images when asked for.

A newspaper page of several articles keeps its uploaded bytes, so that another of its articles
can be taken (:meth:`Store.choose`); the bytes of the documents used least recently are let go
past ``SOURCE_BUDGET`` (their article can no longer be changed, their summary stays).

Nothing here knows HTTP; :mod:`briefing.web.app` is a thin layer over :class:`Store`. An edit
renders the PDF (tens of milliseconds, warm); a page is rasterized only when the browser asks
for it, which it does for the pages in view, so a long report costs no more per edit than a
short one. A page whose bitmap comes out as before is not encoded again.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import api, edits
from ..errors import UsageError
from ..model import Summary
from ..output import safe_stem
from ..readers import ArticleInfo
from ..template import Template
from .messages import PageError, warning_message

#: The masthead fields the page offers, and the template options they become.
SETTING_KEYS = ("template", "name", "issue", "unit", "date", "distribution")
#: The preview's pixels per PDF point: an A4 page 744 px wide, sharp at the page's column width.
PREVIEW_SCALE = 1.25
MAX_DOCS = 16
MAX_UNDO = 50
#: The uploaded bytes kept for choosing another article of a page, all documents together.
SOURCE_BUDGET = 96 * 1024 * 1024
# ReportLab, the font caches and PDFium are not made for threads: one render at a time.
_LOCK = threading.Lock()


@dataclass
class Doc:
    """One briefing being corrected."""

    id: str
    name: str
    summary: Summary
    settings: dict[str, str]
    history: list[Summary] = field(default_factory=list)
    pdf: bytes = b""
    version: int = 0  # of the PDF: a page's name is its number and this
    page_count: int = 0
    pngs: dict[str, bytes] = field(default_factory=dict)  # bitmap digest → PNG, of recent pages
    pages_done: dict[int, str] = field(default_factory=dict)  # page → digest, for this version
    warnings: list[str] = field(default_factory=list)
    articles: list[ArticleInfo] = field(default_factory=list)  # of a newspaper page: all of them
    article: int | None = None  # the one whose text this is
    source: bytes | None = None  # the page's bytes, while kept (see SOURCE_BUDGET)
    max_size: int | None = None

    @property
    def pages(self) -> list[str]:
        """The current preview pages' names (a new name for every version of the PDF)."""
        return [f"{n}-{self.version}" for n in range(self.page_count)]

    def state(self) -> dict[str, Any]:
        """What the page shows: the summary, the settings and the preview pages."""
        return {"id": self.id, "name": self.name, "summary": self.summary.to_dict(), "settings": self.settings,
                "pages": self.pages, "warnings": [warning_message(w) for w in self.warnings],
                "can_undo": bool(self.history), "articles": [asdict(a) for a in self.articles],
                "article": self.article, "default_article": api.default_article(self.articles) if self.articles else None,
                "can_choose": self.source is not None}


def templates() -> list[dict[str, Any]]:
    """The bundled templates with their masthead defaults, for the page's form."""
    from ..template import available, load

    out = []
    for name in available():
        t = load(name)
        m = t.masthead
        out.append({"name": name, "description": t.template.description,
                    "masthead": {"name": m.name, "issue": m.issue, "unit": m.unit, "date": m.date}})
    return out


def clean_settings(raw: Any) -> dict[str, str]:
    """The settings the page sent, as short strings of the known keys (the template by its
    bundled name only: no file path ever comes from the browser)."""
    from ..template import available

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise PageError("刊头设置必须是一个对象（settings）")
    out = {k: str(raw.get(k) or "").strip()[:200] for k in SETTING_KEYS}
    out["template"] = out["template"] or "standard"
    if out["template"] not in available():
        raise UsageError(f"unknown template {out['template']!r}", hint=f"choose from {', '.join(available())}")
    return out


def template_of(settings: dict[str, str]) -> Template:
    from ..config import option_overrides, resolve_template

    overrides = option_overrides(**{("date_text" if k == "date" else k): (settings.get(k) or None)
                                    for k in SETTING_KEYS if k != "template"})
    return resolve_template(settings.get("template") or "standard", None, overrides)


class Store:
    """The open documents, the least recently used dropped past ``MAX_DOCS``."""

    def __init__(self, max_docs: int = MAX_DOCS) -> None:
        self.max_docs = max_docs
        self.docs: OrderedDict[str, Doc] = OrderedDict()

    def get(self, doc_id: str) -> Doc:
        doc = self.docs.get(doc_id)
        if doc is None:
            raise PageError("这份简报已不在服务器上（服务重启过或打开的太多）", hint="请重新粘贴或上传摘要 JSON")
        self.docs.move_to_end(doc_id)
        return doc

    def open(self, data: bytes, name: str, settings: Any, *, summary_json: bool = False,
             max_size: int | None = None) -> Doc:
        """A new document from an upload or pasted text (UTF-8 bytes): a summary JSON as it is,
        anything else through the reader and the extractor (the text of a PDF, Word file or web
        page held to ``max_size``)."""
        clean = clean_settings(settings)
        tpl = template_of(clean)
        doc = Doc(id=secrets.token_urlsafe(12), name=name, summary=Summary(), settings=clean, max_size=max_size)
        if summary_json:
            with _LOCK:
                doc.summary = api.parse_summary(data, name=name)
            self._render(doc, tpl)
        else:
            self._read(doc, data, None, tpl)
            if len(doc.articles) > 1:
                doc.source = data
        self.docs[doc.id] = doc
        while len(self.docs) > self.max_docs:
            self.docs.popitem(last=False)
        self._keep_sources()
        return doc

    def choose(self, doc_id: str, article: Any) -> Doc:
        """Take another article of the document's newspaper page (its number): a new summary,
        read from the page's bytes again; the edits of the one before are not carried over."""
        doc = self.get(doc_id)
        if not doc.articles:
            raise PageError("这份简报只有一篇文章，没有可选的")
        if not isinstance(article, int) or isinstance(article, bool):
            raise PageError("文章编号必须是数字")
        if doc.source is None:
            raise PageError("原文件已不在服务器内存中（打开的文件太多）", hint="请重新拖入这个文件再选文章")
        self._read(doc, doc.source, article, template_of(doc.settings))
        doc.history = []
        return doc

    def _read(self, doc: Doc, data: bytes, article: int | None, tpl: Template) -> None:
        """The document's summary from the bytes of its file (``article``: of a page; None: the
        default one), rendered; what the reader said stays with it until the next edit."""
        read: list[str] = []  # a newspaper page's articles left out: said on opening only
        with _LOCK:
            got = api.read_input(data, name=doc.name, article=article)
            summary = api.summary_of_input(got, name=doc.name, labels=tuple(tpl.highlight_labels),
                                           picked=article is not None, warn=read.append, max_size=doc.max_size)
        doc.summary, doc.articles, doc.article = summary, got.articles, got.article
        self._render(doc, tpl)
        doc.warnings = read + doc.warnings

    def _keep_sources(self) -> None:
        """Let go of the bytes of the least recently used pages past ``SOURCE_BUDGET`` (the
        newest is kept whatever its size)."""
        total, newest = 0, True
        for doc in reversed(self.docs.values()):
            if doc.source is None:
                continue
            if total + len(doc.source) > SOURCE_BUDGET and not newest:
                doc.source = None
            else:
                total += len(doc.source)
            newest = False

    def edit(self, doc_id: str, op: Any) -> Doc:
        doc = self.get(doc_id)
        new = edits.apply(doc.summary, op)
        doc.history = [*doc.history[-(MAX_UNDO - 1):], doc.summary]
        doc.summary = new
        self._render(doc, template_of(doc.settings))
        return doc

    def undo(self, doc_id: str) -> Doc:
        doc = self.get(doc_id)
        if not doc.history:
            raise PageError("没有可以撤销的修改")
        doc.summary = doc.history.pop()
        self._render(doc, template_of(doc.settings))
        return doc

    def configure(self, doc_id: str, settings: Any) -> Doc:
        doc = self.get(doc_id)
        clean = clean_settings(settings)
        self._render(doc, template_of(clean))  # a bad date or distribution changes nothing
        doc.settings = clean
        return doc

    def download(self, doc_id: str, fmt: str) -> tuple[str, bytes]:
        """(file name, bytes) of the PDF, the DOCX or the summary JSON."""
        doc = self.get(doc_id)
        stem = safe_stem(doc.summary.title or doc.name)
        if fmt == "pdf":
            return f"{stem}.pdf", doc.pdf
        if fmt == "json":
            return f"{stem}.summary.json", (doc.summary.to_json() + "\n").encode("utf-8")
        if fmt == "docx":
            with _LOCK:
                data = api.render(doc.summary, template=template_of(doc.settings), formats=("docx",))["docx"]
            return f"{stem}.docx", data
        raise UsageError(f"unknown format {fmt!r}", hint="pdf, docx or json")

    def image(self, doc_id: str, name: str) -> bytes:
        """The PNG of a preview page named as in :attr:`Doc.pages` (an older version's name gets
        the current picture of that page)."""
        doc = self.get(doc_id)
        number = name.split("-", 1)[0]
        if not number.isdigit() or int(number) >= doc.page_count:
            raise UsageError(f"no page {name!r}")
        n = int(number)
        with _LOCK:
            digest = doc.pages_done.get(n)
            if digest is None:
                digest, png = rasterize(doc.pdf, n, doc.pngs)
                doc.pngs[digest] = png
                doc.pages_done[n] = digest
            return doc.pngs[digest]

    def _render(self, doc: Doc, tpl: Template) -> None:
        import pypdfium2 as pdfium

        warnings: list[str] = []
        with _LOCK:
            pdf = api.render(doc.summary, template=tpl, formats=("pdf",), warn=warnings.append)["pdf"]
            opened = pdfium.PdfDocument(pdf)
            count = len(opened)
            opened.close()
            # Keep the pictures of the pages as they were: most come out the same after an edit.
            keep = set(doc.pages_done.values())
            doc.pngs = {d: png for d, png in doc.pngs.items() if d in keep}
            doc.pdf, doc.warnings, doc.page_count = pdf, warnings, count
            doc.version += 1
            doc.pages_done = {}


def rasterize(pdf: bytes, n: int, known: dict[str, bytes]) -> tuple[str, bytes]:
    """(digest of the bitmap, PNG) of page ``n``; a bitmap in ``known`` is not encoded again."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[n]
        bitmap = page.render(scale=PREVIEW_SCALE)
        digest = hashlib.sha256(bitmap.buffer).hexdigest()[:32]
        png = known.get(digest)
        if png is None:
            buf = io.BytesIO()
            bitmap.to_pil().save(buf, "PNG", compress_level=1)
            png = buf.getvalue()
        page.close()
    finally:
        doc.close()
    return digest, png
