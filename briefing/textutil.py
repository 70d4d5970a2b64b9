"""The one place that cleans and escapes text for output formats.

* :func:`xml_clean` drops characters XML 1.0 forbids (python-docx raises on them).
* :func:`xml_text` and :func:`xml_attr` escape text for the DOCX's XML.

The PDF needs no escaping: its renderer lays text out itself and never hands input to ReportLab's
Paragraph markup parser, so ``<b>``, ``&amp;`` or ``<font color=…>`` print literally (tested).
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


def xml_text(text: str) -> str:
    """Escape text for an XML text node (``&``, ``<``, ``>``; quotes stay literal)."""
    return _xml_escape(xml_clean(text))


def xml_attr(text: str) -> str:
    """Escape text for a double-quoted XML attribute value."""
    return _xml_escape(xml_clean(text), {'"': "&quot;"})
