"""DOCX → text with python-docx: the body's paragraphs and tables in document order, one
paragraph a line; a table row is one line, its cells joined by `` | ``."""

from __future__ import annotations

import io

from ..errors import InputError


def read_docx(data: bytes, name: str) -> str:
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    hint = "open it in Word or WPS and save it as .docx again"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("not a Word file: a damaged zip archive", path=name, hint=hint) from None
    if "word/document.xml" not in names:
        raise InputError("not a Word file: a zip archive but not a Word document (no word/document.xml)",
                         path=name, hint=hint)
    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, AttributeError) as e:
        raise InputError(f"not a Word file: python-docx cannot read it ({e})", path=name, hint=hint) from None
    lines: list[str] = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_text(block))
        elif tag == "tbl":
            lines.extend(_table_lines(block))
    text = "\n\n".join(s for s in (ln.strip() for ln in lines) if s)
    if not text:
        raise InputError("the Word file holds no text", path=name, hint="pass a report with text in it")
    return text + "\n"


def _text(el) -> str:  # type: ignore[no-untyped-def]
    """The text of a paragraph element: its runs, tabs and line breaks (w:br as a new line)."""
    out = []
    for node in el.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t" and node.text:
            out.append(node.text)
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
    return "".join(out)


def _table_lines(tbl) -> list[str]:  # type: ignore[no-untyped-def]
    rows = []
    for tr in tbl.iterchildren():
        if tr.tag.rsplit("}", 1)[-1] != "tr":
            continue
        cells = []
        for tc in tr.iterchildren():
            if tc.tag.rsplit("}", 1)[-1] != "tc":
                continue
            paras = [_text(p).strip() for p in tc.iterchildren() if p.tag.rsplit("}", 1)[-1] == "p"]
            cells.append(" ".join(p for p in paras if p))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows
