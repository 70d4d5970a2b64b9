"""Rules from the tenth held-out round: more web and newspaper copies of articles on a work report
or the 两会 (tests/fixtures/corpus, the round's texts in SOURCES.md, golds written before the
extraction ran): a caption that ends in its credit in brackets, a site's Latin word and a repost's
原标题 line under the headline, a column's name over the page's stamp (day-first date), a stamp
with the site's address in it, ▷ summary bullets under the headline. The made-up texts below name
no phrase of the real ones."""

from __future__ import annotations

from briefing import api
from tests.extraction.shapes import section_keywords


def _head(text: str) -> tuple[str, str, list[str]]:
    s = api.extract_text(text)
    return s.kicker, s.title, s.dropped


def test_a_caption_ending_in_its_credit_in_brackets_is_no_headline() -> None:
    text = ("某某市政府工作报告词频图。(某某网发)\n"
            "5日,某某市人民代表大会开幕,市长作政府工作报告。报告中“创新”出现40次。\n"
            "代表们认为,报告务实。(某某)\n")
    kicker, title, dropped = _head(text)
    assert (kicker, title) == ("", "")
    assert "某某市政府工作报告词频图。(某某网发)" in dropped


def test_a_latin_word_and_the_original_headline_line_under_the_headline_are_chrome() -> None:
    text = ("春风扑面来!\n\nSource\n\n  原标题:春风扑面来!\n\n"
            "  某某会议5日开幕,政府工作报告提出今年增长目标为5%左右。\n\n  代表们认为目标积极稳妥。\n")
    s = api.extract_text(text)
    assert (s.kicker, s.title) == ("", "春风扑面来!")
    assert not any("原标题" in p or p == "Source" for p in s.lead)
    assert "Source" in s.dropped


def test_a_column_name_over_the_page_stamp_is_no_kicker() -> None:
    text = ("要闻速递\n\n12/01/2025 09:30\n\n某某区政府工作报告提出今年五项重点任务\n\n"
            "　　某某区人民代表大会今天开幕,区长作政府工作报告,提出今年地区生产总值增长6%左右。\n\n"
            "　　报告提出,全年新增就业1万人以上。\n")
    kicker, title, dropped = _head(text)
    assert (kicker, title) == ("", "某某区政府工作报告提出今年五项重点任务")
    assert "要闻速递" in dropped and "12/01/2025 09:30" in dropped


def test_a_stamp_with_the_sites_address_is_no_headline() -> None:
    text = ("2021-03-08 10:12:30 某某考试网 //www.example.cn/ 文章来源:某某政府网\n"
            "【导读】某某考试网提供以下信息:今年报告有这些看点。\n"
            "今年的报告提出,城镇新增就业1100万人以上。\n")
    kicker, title, _ = _head(text)
    assert (kicker, title) == ("", "")


def test_summary_bullets_under_the_headline_are_not_the_title() -> None:
    text = ("某某解读:报告提出今年十项任务\n\n▷ 报告全文约两万字\n▷ 今年经济增长目标为5%左右\n\n"
            "　　某某表示,报告分为三个部分,今年经济增长目标为5%左右。\n")
    kicker, title, _ = _head(text)
    assert (kicker, title) == ("", "某某解读:报告提出今年十项任务")


def _targets(text: str) -> list[tuple[str, float, str, str | None]]:
    s = api.extract_text("今年重点工作\n\n" + text + "\n")
    return [(t.indicator, t.value, t.unit, t.qualifier) for t in s.targets]


def test_a_bound_followed_by_the_verb_that_sets_it_is_a_goal_not_a_class() -> None:
    got = _targets("今年,某某市财政赤字率拟按2.8%以上安排,一般债券规模按5亿元左右确定。")
    assert [(v, u, q) for _, v, u, q in got] == [(2.8, "%", "以上"), (5, "亿元", "左右")]


def test_a_quoted_sentence_cut_at_its_comma_is_no_name_in_quotes() -> None:
    got = _targets("今年将落实报告部署,“新建社区食堂120个,支持老年助餐”“改造燃气管网200公里”等都是民生实事。")
    assert [(v, u) for _, v, u, _q in got] == [(120, "个"), (200, "公里")]


def test_traditional_percentage_points_and_word_counts() -> None:
    got = _targets("今年,主要指標按照高於全省1個百分點以上來安排。報告全文約2.1萬字,「改革」一詞共出現40次。")
    assert [(v, u, q) for _, v, u, q in got] == [(1, "個百分點", "以上")]



_WORDS_PAGE = ("某某会议今天开幕,代表们听取了政府工作报告。\n"
               "记者梳理报告中的高频词,看看今年有哪些看点。\n"
               "“新质生产力”\n今年报告中被提及六次,是报告中的新词。\n"
               "“城市更新”\n报告提出,今年将继续推进城镇老旧小区改造。\n"
               "“银发经济”\n报告提出,发展银发经济,办好老年助餐服务。\n"
               "网友最关注的词分别为:\n“就业”\n“教育”\n“城市更新”\n“医疗”\n")


def test_quoted_keyword_lines_head_sections_and_a_list_of_quoted_words_does_not() -> None:
    assert section_keywords(_WORDS_PAGE) == ["“新质生产力”", "“城市更新”", "“银发经济”"]


def test_a_line_whose_sentence_goes_on_in_the_next_heads_nothing() -> None:
    text = _WORDS_PAGE.replace("“城市更新”\n报告提出,今年", "报告原文\n为:今年")
    assert "报告原文" not in section_keywords(text)


def test_two_lines_of_a_width_are_one_heading_over_two_lines() -> None:
    text = ("【导读】本站提供以下信息:今年报告有这些关键词。\n"
            "“就业”是“民生”的高度关联词\n“投资”是“项目”的高度关联词\n"
            "分析显示,就业和投资是今年报告的重点。\n今年城镇新增就业1200万人以上。\n"
            "今年拟安排中央预算内投资7000亿元。\n")
    assert section_keywords(text) == ["“就业”是“民生”的高度关联词 “投资”是“项目”的高度关联词"]


def test_quoted_keywords_in_newspaper_columns_stand_apart_from_their_paragraphs() -> None:
    # 13 characters a line, each paragraph's first line two shorter (its indent dropped on copy)
    lines = ["某某会议今天开幕，代表们", "听取了政府工作报告。记者梳", "理报告中的高频词。",
             "“新质生产力”", "今年报告中被提及六次，", "是报告中出现的新词，也是代", "表们热议的话题。",
             "“城市更新与老旧小区", "改造提升”", "报告提出，今年将继续", "推进城镇老旧小区改造，", "惠及群众十万户。"]
    assert section_keywords("\n".join(lines) + "\n") == ["“新质生产力”", "“城市更新与老旧小区改造提升”"]


def test_how_often_a_word_is_mentioned_is_no_figure() -> None:
    s = api.extract_text("“开放”\n\n从历年报告看,今年提及次数为86次,排名第三。\n\n“创新”\n\n今年提及的次数为55次。\n")
    assert [f for f in s.figures if f.unit == "次"] == [] and s.targets == []


def test_a_dated_web_story_may_have_one_subheading_in_emphasis_marks() -> None:
    text = ("某某网\n\n2026-03-05 13:49\n\n某某:报告突出四个方面\n\n"
            "　　某某表示,报告全文分为四个部分,今年突出开好局。\n\n"
            "*报告强调财政更加注重保障民生*\n\n"
            "　　一是财政支出更多投向民生。今年将提高基础养老金。\n\n"
            "　　二是加大对基层的转移支付。资金直达市县基层。\n")
    assert section_keywords(text) == ["报告强调财政更加注重保障民生"]


def test_a_quoted_goal_after_other_quotations_is_named_from_its_own_opening_mark() -> None:
    s = api.extract_text("今年重点工作\n\n今年报告提出“推进城市更新”“改造燃气管网200公里”等民生实事。\n")
    assert [(t.indicator, t.value) for t in s.targets] == [("改造燃气管网", 200)]
