"""A saved web page → the text of its main content, with trafilatura (navigation, footer,
comments and widgets left out): headings ``<h1>``–``<h4>`` and paragraphs one a line, each list
item a line, a table row a line (cells joined by `` | ``). Imported only when a page is read."""

from __future__ import annotations

from ..errors import InputError


def read_html(data: bytes, name: str, encoding: str | None = None) -> tuple[str, list[str]]:
    """The text of the main content, and its top-level headings below the <h1> title."""
    import trafilatura
    from lxml import etree

    from ..reader import decode

    html = decode(data, encoding=encoding, name=name).text
    xml = trafilatura.extract(html, output_format="xml", include_tables=True, include_formatting=False,
                              include_comments=False, include_images=False, favor_recall=True,
                              with_metadata=False, deduplicate=False)
    if not xml:
        raise InputError("the web page has no main text that could be found", path=name,
                         hint="save the page's text as .txt and pass that", code="html_no_text")
    root = etree.fromstring(xml.encode("utf-8"))
    lines: list[str] = []
    for el in root.iter("head", "p", "item", "row", "quote"):
        if el.tag == "row":
            lines.append(" | ".join(_flat(c) for c in el.iter("cell")))
        elif el.tag == "p" and el.getparent() is not None and el.getparent().tag in ("item", "cell", "quote"):
            continue  # read with its container
        else:
            lines.append(_flat(el))
    heads = [el for el in root.iter("head") if el.get("rend") == "h1"]
    title = _title(html)
    if title and not heads and not any(title in ln for ln in lines[:3]):
        lines.insert(0, title)
    text = "\n\n".join(s for s in (ln.strip() for ln in lines) if s)
    ranks = [(el.get("rend") or "h9", _flat(el)) for el in root.iter("head")]
    top = min((r for r, _ in ranks if r != "h1"), default=None)
    return text + "\n", [h for r, h in ranks if r == top and h]


def _flat(el) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(el.itertext()).split()) if el.tag != "row" else ""


def _title(html: str) -> str:
    import re

    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    if not m:
        return ""
    # 2026年政府工作报告_某某市人民政府网站: the page's own title before the site's name.
    return re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", " ".join(m.group(1).split()))[0]
