"""A section without a keyword (the one topic section of a text with no headings) prints no
heading in either renderer, and the numbers count only the named sections."""

from __future__ import annotations

import io

import docx
import pypdf

from briefing.model import Section, Summary
from briefing.renderers.common import heading_texts, numbered_sections
from briefing.renderers.docx import render as render_docx
from briefing.renderers.pdf import render as render_pdf
from briefing.template import load


def _summary(*keywords: str) -> Summary:
    return Summary(title="某区召开人代会", lead=["导语一段。"],
                   sections=[Section(keyword=k, paragraphs=[f"第{i}部分的正文。"]) for i, k in enumerate(keywords, 1)])


def test_an_unnamed_section_has_no_heading_and_takes_no_number():
    s = _summary("", "托育服务、健身步道")
    assert heading_texts(s.sections) == ["", "一、托育服务、健身步道"]
    assert [h for _, h, _ in numbered_sections(s)] == ["", "一、托育服务、健身步道"]


def test_pdf_prints_no_heading_nor_bookmark_for_an_unnamed_section():
    for name in ("standard", "gbt9704"):
        r = pypdf.PdfReader(io.BytesIO(render_pdf(_summary(""), load(name))))
        text = "".join(p.extract_text() for p in r.pages).replace("\n", "")
        assert "第1部分的正文。" in text
        assert "一、" not in text
        assert [o.title for o in r.outline if not isinstance(o, list)] == ["某区召开人代会"]
        assert not [o for o in r.outline if isinstance(o, list)]  # no section nested under the title


def test_docx_prints_no_heading_paragraph_for_an_unnamed_section():
    for name in ("standard", "gbt9704"):
        d = docx.Document(io.BytesIO(render_docx(_summary(""), load(name))))
        texts = [p.text for p in d.paragraphs]
        assert "第1部分的正文。" in texts
        assert not [t for t in texts if t.startswith("一、")]
        assert not [p for p in d.paragraphs if p.style.name.startswith("Heading") and not p.text.strip()]


def test_an_unnamed_section_survives_the_json_round_trip_under_the_same_schema():
    s = _summary("", "托育服务、健身步道")
    back = Summary.from_json(s.to_json())
    assert back == s and back.schema == "briefing.summary/1" and back.sections[0].keyword == ""
