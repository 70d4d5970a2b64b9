"""DOCX → text with python-docx: the body's paragraphs and tables in document order, one
paragraph a line; a table row is one line, its cells joined by `` | ``. Paragraphs with a heading
style or an outline level are the headings; the top level of them is handed on as the sections."""

from __future__ import annotations

import io

from ..errors import InputError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text, and the top-level headings (by heading style or outline level)."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    hint = "open it in Word or WPS and save it as .docx again"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("not a Word file: a damaged zip archive", path=name, hint=hint,
                         code="not_word") from None
    if "word/document.xml" not in names:
        raise InputError("not a Word file: a zip archive but not a Word document (no word/document.xml)",
                         path=name, hint=hint, code="not_word")
    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, AttributeError) as e:
        raise InputError(f"not a Word file: python-docx cannot read it ({e})", path=name, hint=hint,
                         code="not_word") from None
    lines: list[str] = []
    levels: list[tuple[int, str]] = []
    outline = _style_outlines(doc)
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_text(block))
            level = _outline(block, outline)
            if level is not None and lines[-1].strip():
                levels.append((level, lines[-1].strip()))
        elif tag == "tbl":
            lines.extend(_table_lines(block))
    text = "\n\n".join(s for s in (ln.strip() for ln in lines) if s)
    if not text:
        raise InputError("the Word file holds no text", path=name, hint="pass a report with text in it", code="word_empty")
    top = min((lv for lv, _ in levels), default=None)
    return text + "\n", [h for lv, h in levels if lv == top]


def _style_outlines(doc) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Style id → outline level (0 = Heading 1), from the style or its name (heading N); the
    Title style is the document's title, not a section."""
    out: dict[str, int] = {}
    for st in doc.styles.element.iterchildren():
        if st.tag.rsplit("}", 1)[-1] != "style":
            continue
        sid = st.get(_W + "styleId") or ""
        lvl = st.find(f"{_W}pPr/{_W}outlineLvl")
        name = st.find(f"{_W}name")
        nm = (name.get(_W + "val") if name is not None else "") or ""
        if lvl is not None and (v := lvl.get(_W + "val", "")).isdigit() and int(v) < 9:
            out[sid] = int(v)
        elif nm.lower().startswith("heading ") and nm[8:].isdigit():
            out[sid] = int(nm[8:]) - 1
    return out


def _outline(p, styles: dict[str, int]) -> int | None:  # type: ignore[no-untyped-def]
    lvl = p.find(f"{_W}pPr/{_W}outlineLvl")
    if lvl is not None and (v := lvl.get(_W + "val", "")).isdigit():
        return int(v) if int(v) < 9 else None
    st = p.find(f"{_W}pPr/{_W}pStyle")
    return styles.get(st.get(_W + "val", "")) if st is not None else None


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
