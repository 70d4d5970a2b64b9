"""Rules from the seventh held-out round (articles on a work report or the 两会, copied from web
pages and e-papers, scored before tuning): keyword labels on a web page's lines, a box label
printed in every section, …"""

from __future__ import annotations

from briefing import api
from tests.extraction.shapes import section_keywords


def test_keyword_labels_on_web_lines_need_no_blank_lines_around_them():
    parts = {"产业升级": "推动产业升级，加快建设先进制造业集群", "城市更新": "改造老旧小区，完善社区配套设施",
             "民生保障": "加强养老服务，扩大托育供给"}
    lines = ["本文通过三个关键词解读今年的报告。"]
    for k, (word, goal) in enumerate(parts.items()):
        lines += [f"关键词{'一二三'[k]}:{word}", f"今年将{goal}。"]
    text = "\n".join(lines) + "\n"
    assert section_keywords(text) == ["产业升级", "城市更新", "民生保障"]


def test_a_bracket_label_printed_in_every_section_is_a_box_not_a_section():
    text = ("编者按:报告提出了今年发展的主要预期目标，并在重点工作任务上作了明确安排，其中两个数字备受关注。\n"
            "数字1:8%左右\n【原文】\n地区生产总值增长8%左右。从经济基本面和就业吸纳能力看，这一增速可以实现比较充分的就业。\n"
            "【点评】\n这几年经济运行的平稳性越来越强，实现这一目标是有条件的。\n"
            "数字2:3%左右\n【原文】\n居民消费价格涨幅3%左右。增强消费对经济发展的基础性作用，发展消费新业态新模式。\n")
    assert section_keywords(text) == ["8%左右", "3%左右"]


def test_a_bare_yuanwen_label_before_the_last_paragraph_is_no_link():
    text = ("报告提出了今年发展的主要预期目标，其中居民消费价格涨幅备受关注，代表委员纷纷热议。\n"
            "【原文】\n居民消费价格涨幅3%左右。\n")
    s = api.extract_text(text)
    assert "居民消费价格涨幅3%左右。" in s.all_paragraphs()
    assert [(t.value, t.unit, t.qualifier) for t in s.targets] == [(3, "%", "左右")]
    assert "【阅读原文】" in api.extract_text(text + "【阅读原文】\n").dropped


def test_markdown_headings_and_bold_lead_terms_are_markup():
    text = ("以下是今年政府工作报告的主要内容摘要:\n### 一、去年工作回顾\n去年地区生产总值增长5.2%。\n"
            "### 二、今年的主要预期目标\n- **生产总值增长**:5.5%左右\n- **研发投入强度**:达到3.2%\n"
            "### 三、重点任务\n1. **深化改革开放**:持续激发社会活力。\n")
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["一、去年工作回顾", "二、今年的主要预期目标", "三、重点任务"]
    assert [(t.indicator, t.value, t.unit, t.qualifier) for t in s.targets] == [
        ("生产总值增长", 5.5, "%", "左右"), ("研发投入强度", 3.2, "%", None)]
    assert not any("*" in p or "#" in p for p in s.all_paragraphs())


def test_stars_that_mask_a_name_stay_as_printed():
    s = api.extract_text("**市**区人民代表大会公告\n\n**市**区第六届人民代表大会表决通过了实事项目。\n")
    assert "**市**区第六届人民代表大会表决通过了实事项目。" in s.all_paragraphs()


def test_a_numbered_web_heading_ending_in_a_noun_with_xiang_is_whole():
    text = ("一、去年工作回顾\n\n去年地区生产总值增长5%。\n\n二、今年总体要求和政策取向\n"
            "今年是实施规划的关键一年。主要预期目标是:生产总值增长6%左右。\n")
    assert [x.keyword for x in api.extract_text(text).sections] == ["一、去年工作回顾", "二、今年总体要求和政策取向"]


def test_a_photo_caption_opening_with_tu_or_ending_in_ziliao_tupian_is_no_title():
    for caption in ("图:区长在大会上作政府工作报告 资料图片", "图为大会现场", "大会现场 资料图片"):
        s = api.extract_text(f"{caption}\n本报讯(记者 某某)今年区政府工作报告提出地区生产总值增长6%左右。\n")
        assert not s.title, caption
        assert caption.replace(" ", "") in [d.replace(" ", "") for d in s.dropped]


def test_an_emoji_after_a_stop_still_ends_the_sentence():
    text = ("某县2026工作报告📜\n尊敬的各位领导、各位代表,大家好!👋\n"
            "展望2026年工作目标🎯\n经济高质量发展,确保GDP增长7%,财政收入增长6%。📈💪\n")
    s = api.extract_text(text)
    assert s.title == "某县2026工作报告" and not s.kicker  # emoji are left out of the summary
    assert [(t.value, t.unit) for t in s.targets] == [(7, "%"), (6, "%")]


def test_emoji_are_left_out_and_the_symbols_that_mark_lists_kept():
    """No print face has emoji (they printed as empty boxes); ★ ■ ▲ mark lists and labels and stay."""
    s = api.extract_text("某县工作报告🎯\n\n★ 经济增长🌳🌬️，确保GDP增长7%。👍🏻\n\n■ 民生1️⃣实事。🇨🇳\n")
    text = "".join([s.title, *s.all_paragraphs(), *(x.keyword for _, x in s.all_sections())])
    assert not any(0x1F000 <= ord(c) <= 0x1FAFF or c in "\ufe0f\u20e3" for c in text), text
    assert "★经济增长，确保GDP增长7%。" in text and "■民生1实事。" in text


def test_a_sentence_that_introduces_a_list_is_no_headline():
    s = api.extract_text("以下是今年政府工作报告的主要内容摘要:\n一、主要预期目标\n生产总值增长5.5%左右。\n")
    assert not s.title


def test_a_byline_under_the_dateline_is_the_reporter_not_a_heading():
    text = ("新华社北京3月5日电 题:凝聚共识——报告起草组负责人解读报告\n新华社记者 某某某\n"
            "5日，总理作了政府工作报告。这份报告是如何起草的？\n报告凝聚各方共识\n"
            "“这份报告贯穿了稳中求进工作总基调。”负责人说。\n他说，起草组多次到地方调研。\n")
    s = api.extract_text(text)
    assert s.reporter == "某某某"
    assert "新华社记者某某某" not in [x.keyword.replace(" ", "") for x in s.sections]


def test_a_dated_news_story_may_have_a_single_subheading():
    text = ("本报讯(记者 某某)区政府工作报告今天公布。报告共分三部分。\n"
            "报告指出，今年主要预期目标是地区生产总值增长6%左右。\n梳理意见逾300条\n"
            "起草组共梳理出300多条意见和建议。\n修改后篇幅增加了约730字。\n")
    assert section_keywords(text) == ["梳理意见逾300条"]
    # a page's tail (相关新闻 over links) is no subheading
    tail = ("本报讯(记者 某某)区政府工作报告今天公布。\n报告指出，今年地区生产总值增长6%左右。\n"
            "相关新闻\n友情链接\n某某政务网|某某街道网\n")
    assert "相关新闻" not in section_keywords(tail)


def test_the_headline_printed_again_in_the_page_is_dropped():
    text = ("从这些关键词读懂今年的政府工作报告\n\n今年的报告通过一系列关键词描绘了发展蓝图。\n\n"
            "高质量发展是报告中的高频词。\n\n从这些关键词读懂今年的政府工作报告\n")
    s = api.extract_text(text)
    assert s.title == "从这些关键词读懂今年的政府工作报告"
    assert s.title not in s.all_paragraphs() and s.title not in [x.keyword for x in s.sections]
    assert s.title in s.dropped


def test_the_count_of_projects_chosen_as_the_years_list_is_no_target():
    for text in ("本报讯 区政府提出的“为30栋高层公房维修”等17个项目被确定为今年将要实施的区级民生实事项目。\n",
                 "大会宣布了票决结果，10个项目作为区本级今年民生实事项目重点推进实施。\n"):
        assert all(t.value not in (17, 10) for t in api.extract_text(text).targets), text


def test_how_often_a_word_occurs_is_no_target():
    s = api.extract_text("今年报告的高频词\n\n今年“改革”和“创新”共出现75次，报告提出地区生产总值增长5%左右。\n")
    assert [(t.value, t.unit) for t in s.targets] == [(5, "%")]


def test_a_goal_quoted_after_the_years_goal_is_named_is_a_target():
    text = ("“今年发展的预期目标，‘国内生产总值增长6.5%左右’，后面加了一句话。”委员说。\n\n"
            "“这句话什么意思？比6.5%更好？”旁边一位委员插话。\n")
    assert [(t.indicator, t.value, t.unit, t.qualifier) for t in api.extract_text(text).targets] == [
        ("国内生产总值增长", 6.5, "%", "左右")]
    # a quoted name that holds a number is still no measure
    assert api.extract_text("今年的目标，“为30栋高层公房维修”等项目将开工。\n").targets == []


def test_a_text_that_opens_with_a_short_part_label_has_no_headline():
    text = ("数据呈现\n全年实现地区生产总值5503亿元、增长5.4%，连续10个季度超过全国平均水平，实施重点项目2000多个。\n"
            "观点深一度\n翻开政府工作报告，“信心”二字跃然纸上。\n这份答卷证明，信心源于经济社会发展的“硬成绩”。\n")
    s = api.extract_text(text)
    assert not s.title
    assert [x.keyword for x in s.sections] == ["数据呈现", "观点深一度"]


def test_looking_ahead_zhanwang_introduces_goals():
    text = ("观点\n\n展望未来，政府工作报告持续释放稳增长积极信号：地区生产总值增长5.5%左右、全年计划实施项目2900个、"
            "完成年度投资2400亿元……一组组数据传递出信心。把蓝图变成“施工图”，关键在实干，"
            "以实实在在的行动确保各项工作落地见效、推动事业发展。\n")
    assert [(t.value, t.unit) for t in api.extract_text(text).targets] == [(5.5, "%"), (2900, "个"), (2400, "亿元")]


def test_an_ad_slot_id_or_the_sites_name_over_the_headline_is_no_kicker():
    for top in ("ad9_210*60", "央广网"):
        s = api.extract_text(f"{top}\n\n政府工作报告中这句话很少见\n\n2017年03月06日 来源:新华网\n\n"
                             "新华社北京3月5日电 今年国内生产总值增长6.5%左右。\n")
        assert (s.kicker, s.title) == ("", "政府工作报告中这句话很少见"), top
        assert top in s.dropped


def test_a_byline_under_the_dateline_of_a_story_without_headings_is_the_reporter():
    text = ("新华社北京3月5日电 题:政府工作报告的“增”与“减”引发委员热议\n\n新华社记者熊某某\n\n"
            "“今年发展的预期目标，后面加了一句话。”委员说。\n\n另一位委员也追问。\n")
    s = api.extract_text(text)
    assert s.reporter == "熊某某"
    assert "新华社记者熊某某" not in s.all_paragraphs()


def test_a_markdown_picture_is_its_alt_text_and_an_empty_one_nothing():
    """![](…) | (a picture in a table's cell, no alt text) printed as a paragraph of marks; a
    picture with alt text leaves the words."""
    text = "某市政府工作报告解读\n\n![]() |\n\n今年地区生产总值增长5%左右。\n\n![图为会场](http://x/1.jpg)\n\n![]() |\n"
    s = api.extract_text(text)
    paras = s.all_paragraphs()
    assert not any("![" in p or p.strip(" |") == "" for p in paras), paras
    assert "图为会场" in "".join(paras + s.dropped + [s.title])
