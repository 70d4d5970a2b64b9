"""Rules from the eleventh held-out round: articles on a work report stored in public GitHub
repositories (tests/fixtures/corpus, the round's texts in SOURCES.md, golds written before the
extraction ran). The made-up text below names no phrase of the real ones."""

from __future__ import annotations

from briefing import api

_LONG = "会议要求，各部门要抓好落实，确保各项工作有序推进，努力实现全年目标任务，为全市发展作出新的更大贡献。"


def test_the_wide_lines_heading_a_compilation_s_stories_are_its_sections() -> None:
    # A page of wire stories, each under a line of its own too wide for a subheading; one story
    # quotes the report's numbered items (（一）…。), which stay paragraphs of that story.
    heads = ["某某市长在市政府工作报告中回顾过去一年全市经济社会发展",
             "某某市长在市政府工作报告中部署今年全市经济社会发展重点任务",
             "某某市长在市政府工作报告中谈今年全市政府自身建设有关工作"]
    text = "某某日报\n\n" + "\n\n".join([
        "3月1日，某某市第十届人民代表大会第三次会议开幕。" + _LONG,
        heads[0], "市长某某在报告中指出，过去一年全市地区生产总值增长6%。" + _LONG, _LONG,
        heads[1], "市长某某在报告中表示，今年要重点抓好以下工作。" + _LONG,
        "（一）着力推动工业经济提质增效。" + _LONG, "（二）全力扩大有效投资规模。" + _LONG,
        "（三）持续增进全市民生福祉。" + _LONG,
        heads[2], "市长某某在报告中强调，要加强政府自身建设。" + _LONG, _LONG,
    ]) + "\n"
    s = api.extract_text(text)
    assert [sec.keyword for sec in s.sections] == heads
    assert any(p.startswith("（二）全力扩大有效投资规模。") for p in s.sections[1].paragraphs)


def test_an_amount_reached_takes_its_thing_from_the_clause_naming_it() -> None:
    # The clause with the amount only reaches it (将达到…); the thing is named two clauses before.
    text = "标题\n\n同时，今年全市社会投资的总额，还会稳步增加，将达到约800亿元，比上年增长9%。\n"
    s = api.extract_text(text)
    got = [(t.indicator, t.value, t.unit, t.qualifier) for t in s.targets]
    assert ("全市社会投资的总额", 800, "亿元", "约") in got
