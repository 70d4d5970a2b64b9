"""PDF renderer (ReportLab): Summary + Template → PDF bytes."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from ..fonts import resolve
from ..model import Highlight, Summary
from ..template import Template
from ..textutil import markup_escape


def render(summary: Summary, template: Template, options: object) -> bytes:
    name, path = resolve(template.role("body").fonts)[0]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    body = ParagraphStyle("body", fontName=name, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    head = ParagraphStyle("head", parent=body, fontSize=16, leading=26, firstLineIndent=0)
    story = [Paragraph(markup_escape(summary.title), head)]
    story += [Paragraph(markup_escape(p), body) for p in summary.lead]
    for i, sec in enumerate(summary.sections, 1):
        story.append(Paragraph(markup_escape(f"{i}. {sec.keyword}"), head))
        for b in sec.blocks():
            for p in b.paragraphs if isinstance(b, Highlight) else [b]:
                story.append(Paragraph(markup_escape(p), body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, invariant=1,
                      title=summary.title).build(story)
    return buf.getvalue()
