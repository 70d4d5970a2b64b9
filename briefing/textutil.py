"""The one place that cleans and escapes text for output formats.

* :func:`xml_clean` drops characters XML 1.0 forbids (python-docx raises on them).
* :func:`markup_escape` makes any input string safe as ReportLab paragraph markup: ``<b>``,
  ``&amp;`` or ``<font color=…>`` in a report print literally (CVE-2023-33733 came through
  unescaped markup).
"""

from __future__ import annotations

import re


def _xml_escape(text: str, entities: dict[str, str] | None = None) -> str:
    # as xml.sax.saxutils.escape, whose import pulls in urllib.request (about 50 ms at start-up)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for k, v in (entities or {}).items():
        text = text.replace(k, v)
    return text


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def forbidden_xml_chars(text: str) -> list[str]:
    return _XML_FORBIDDEN.findall(text)


def xml_clean(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text)


def markup_escape(text: str) -> str:
    """Escape text for ReportLab Paragraph markup (also drops XML-forbidden characters)."""
    return _xml_escape(xml_clean(text), {'"': "&quot;"})


def xml_text(text: str) -> str:
    """Escape text for an XML text node (``&``, ``<``, ``>``; quotes stay literal)."""
    return _xml_escape(xml_clean(text))


def xml_attr(text: str) -> str:
    """Escape text for a double-quoted XML attribute value."""
    return _xml_escape(xml_clean(text), {'"': "&quot;"})
