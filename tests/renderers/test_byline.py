"""The lines under the title: source, reporter, speaker (both renderers print them)."""

from __future__ import annotations

from briefing.model import Summary
from briefing.renderers.common import byline_lines


def test_a_speech_names_its_speaker_first_and_its_source_as_such():
    """A work report: the speaker under the occasion line, then where the text was copied from as
    来源 (a bare 四川日报 between occasion and speaker read as the report's author); an article keeps
    its dateline and reporter on one line."""
    report = Summary(title="政府工作报告", speaker="某某省人民政府省长 某某", source="某某日报")
    assert byline_lines(report) == ["某某省人民政府省长 某某", "来源：某某日报"]
    article = Summary(title="两会观察", source="本报讯", reporter="孙某某")
    assert byline_lines(article) == ["本报讯　记者 孙某某"]
    assert byline_lines(Summary(title="题")) == []


def test_a_centred_line_of_the_title_block_that_needs_two_lines_gets_two_even_ones():
    """The DOCX leaves wrapping to the client, which left a runt (…会议 / 上）): a title block line
    that needs two lines is broken where they come out even, after a phrase mark near the middle,
    never inside 第十四届 nor before a measure word; one that fits, or needs three, is left alone."""
    from briefing.renderers.common import text_ems, two_even_lines

    occasion = "（2026年1月26日在贵州省第十四届人民代表大会第五次会议上）"
    head, tail = two_even_lines(occasion, 440, 16).split("\n")
    assert head + tail == occasion and abs(text_ems(head) - text_ems(tail)) <= 4
    assert not head.endswith("第") and not tail.startswith(("届", "次"))
    assert two_even_lines("郑州高新区全力打造国家创新高地，推进高质量发展迈上新台阶", 440, 22) == \
        "郑州高新区全力打造国家创新高地，\n推进高质量发展迈上新台阶"
    assert two_even_lines("2026年四川省人民政府工作报告", 440, 22) == "2026年四川省人民政府工作报告"
    assert "\n" not in two_even_lines("很长的标题" * 12, 440, 22)


def test_the_docx_title_block_breaks_a_long_subtitle_evenly():
    import io
    import zipfile

    from briefing.renderers.docx import render
    from briefing.template import load

    s = Summary(title="政府工作报告", subtitle="——2026年1月26日在贵州省第十四届人民代表大会第五次会议上", lead=["正文。"])
    xml = zipfile.ZipFile(io.BytesIO(render(s, load("gbt9704")))).read("word/document.xml").decode()
    assert "在贵州省</w:t><w:br/><w:t xml:space=\"preserve\">第十四届" in xml
