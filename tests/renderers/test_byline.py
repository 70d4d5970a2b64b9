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
