"""The reporter field (the article scorer compares it exactly): credits in the places and forms real
pages print them. Made-up texts, one per shape."""

from __future__ import annotations

from briefing import api
from tests.extraction.lossless import assert_nothing_lost

BODY = "今年我县将实施十件民生实事，全年新增停车位500个以上，改造老旧小区20个。\n\n"


def test_a_credit_closing_the_story_names_the_reporter():
    text = "某县发布今年民生实事\n\n" + BODY + "新词背后有新意，承载着建设的底气和担当。    记者 胡某某\n"
    s = api.extract_text(text)
    assert s.reporter == "胡某某"
    assert all("记者" not in p for p in s.all_paragraphs())
    assert_nothing_lost(text, s, generated_keywords=True)


def test_a_credit_in_traditional_characters_names_the_reporter():
    text = "某縣公布十件民生實事\n\n" + "全年新增停車位500個以上，改造老舊小區20個。（記者 沈某）\n"
    s = api.extract_text(text)
    assert s.reporter == "沈某" and "記者" not in "".join(s.all_paragraphs())


def test_several_reporters_set_apart_by_spaces_are_listed_with_the_enumeration_comma():
    s = api.extract_text("解放日报·上观新闻记者 王某乐 孟某舒 胡某阳\n\n某市政府工作报告发布\n\n" + BODY)
    assert s.reporter == "王某乐、孟某舒、胡某阳"
    s = api.extract_text("某市两会观察\n来源: 某某网   作者:郭某岩 张某\n\n" + BODY)
    assert s.reporter == "郭某岩、张某" and s.source == "某某网"


def test_a_metadata_line_of_several_fields_gives_each_its_value_and_the_site_is_no_reporter():
    s = api.extract_text("某县人民代表大会隆重开幕 |\n作者:本站 发布时间:2025-02-11 浏览:149次 |\n\n" + BODY)
    assert s.reporter == "" and s.date == "2025-02-11"


def test_words_after_a_reporter_in_a_sentence_are_not_names():
    s = api.extract_text("某市观察\n\n据记者 了解 情况，今年新增停车位500个以上。\n")
    assert "据记者了解情况" in "".join(s.all_paragraphs())
