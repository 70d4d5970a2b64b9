"""Body typography of the PDF (issue 17): no runt last line, no break at a name's hyphen."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import api
from briefing.linebreak import wrap
from briefing.renderers.pdf import make_styles
from briefing.renderers.pdf_page import Area
from briefing.renderers.pdf_text import RUNT, layout
from briefing.template import load

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "2026_湖北省_政府工作报告.txt"


def _body(tpl: str):
    t = load(tpl)
    area = Area.of(t)
    return make_styles(t, area)["body"], area.width


@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
def test_no_body_paragraph_ends_on_a_line_of_one_or_two_characters(tpl):
    body, width = _body(tpl)
    paragraphs = [p for p in api.extract(REAL).all_paragraphs() if len(p) > 40]
    paragraphs += ["国" * n + "。" for n in range(20, 90)]
    runts = []
    for p in paragraphs:
        lines = layout(p, body, width)
        if len(lines) > 1 and len(lines[-1].text) <= RUNT:
            runts.append(lines[-1].text)
        for ln in lines:  # a line tightened to take a runt in is tightened by one em at most
            assert ln.natural() <= width - ln.indent + body.size + 1e-6
    assert not runts
    assert "".join(ln.text for ln in layout(paragraphs[0], body, width)) == paragraphs[0]


def test_a_hyphen_inside_a_name_never_ends_a_line():
    text = "国际交流合作不断拓展，入境旅游人次增长40.5%，中国-北欧经贸合作论坛、华创会成果丰硕，支持黄冈-鄂州-黄石建设"
    for w in range(8, 40):
        lines = wrap(text, w, lambda ch: 1.0)
        assert not [ln for ln in lines[:-1] if ln.endswith("-")], (w, lines)
    # a Latin compound keeps its own rule
    assert wrap("COVID-19防控", 4.5, lambda ch: 0.5 if ch.isascii() else 1.0)[0] == "COVID-19"


def test_a_two_line_heading_never_breaks_after_its_number():
    from dataclasses import replace

    t = load("gbt9704")
    st = replace(make_styles(t, Area.of(t))["heading"], balance=True, indent_chars=2)
    lines = [ln.text for ln in layout("二、“十四五”时期发展成就和“十五五”时期主要目标任务", st, Area.of(t).width)]
    assert len(lines) == 2 and lines[0] != "二、" and min(len(x) for x in lines) >= 4
