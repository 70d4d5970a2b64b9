"""DOCX renderer (python-docx): Summary + Template → DOCX bytes."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from ..model import Highlight, Summary
from ..template import Template
from ..textutil import xml_clean


def render(summary: Summary, template: Template, options: object) -> bytes:
    doc = Document()
    east_asia = template.role("body").fonts[0]
    rfonts = doc.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)
    doc.add_heading(xml_clean(summary.title), 0)
    for p in summary.lead:
        doc.add_paragraph(xml_clean(p))
    for i, sec in enumerate(summary.sections, 1):
        doc.add_heading(xml_clean(f"{i}. {sec.keyword}"), 1)
        for b in sec.blocks():
            for p in b.paragraphs if isinstance(b, Highlight) else [b]:
                doc.add_paragraph(xml_clean(p))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
