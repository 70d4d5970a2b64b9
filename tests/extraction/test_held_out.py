"""Rules from the fifth held-out round (texts scored before tuning): bounds shared by a 分别 list,
a short title that heads its lead, and page chrome before or glued to a headline (an epaper's
masthead and weekday, a bracketed note, a stamp at the end of the headline's line, a 来源 line
that ends the headline run)."""

from __future__ import annotations

from briefing import api


def _targets(text: str) -> list[tuple[float, str, str | None]]:
    return [(t.value, t.unit, t.qualifier) for t in api.extract_text(text).targets]


def test_a_bound_after_the_last_value_of_a_fenbie_list_holds_for_every_value():
    text = ("主要目标\n\n生产总值增长8%左右，城乡居民收入分别增长7%和9%左右，"
            "失业率、物价涨幅和人口增长率分别控制在4%、3%、5‰以内。\n")
    assert _targets(text) == [(8, "%", "左右"), (7, "%", "左右"), (9, "%", "左右"),
                              (4, "%", "以内"), (3, "%", "以内"), (5, "‰", "以内")]


def test_a_short_title_heads_its_lead_like_a_heading():
    text = "2026年目标任务\n\n实现地区生产总值增长6%以上；规上工业增加值增长9%。财政收入稳定增长。\n"
    s = api.extract_text(text)
    assert s.title == "2026年目标任务"
    assert [(t.value, t.unit, t.qualifier) for t in s.targets] == [(6, "%", "以上"), (9, "%", None)]


def test_an_epaper_masthead_and_weekday_are_not_headlines():
    text = ("2026年03月01日 \n\n某某日报 数字报纸\n\n第3版:区县新闻\n\n新区今年办好十件实事\n\n"
            "本报讯 今年新区将新建公园5个。\n")
    assert api.extract_text(text).title == "新区今年办好十件实事"
    text = ("电子报阅读机\n2026-10-11\n星期六\n当前报纸名称:某某报\n\n某区实事项目票决产生\n\n日期:01-19\n"
            "版面:第02版:两会       上一篇    下一篇\n\n某区实事项目票决产生\n\n本报讯 1月19日，大会票决产生实事项目。\n")
    assert api.extract_text(text).title == "某区实事项目票决产生"


def test_a_stamp_glued_to_the_headline_line_is_cut_off():
    s = api.extract_text("2026年某区为民办实事项目公布 发布时间:2026-01-18\n\n1月17日，代表们票决产生实事项目。\n")
    assert s.title == "2026年某区为民办实事项目公布"
    assert any("2026-01-18" in d for d in s.dropped)


def test_a_source_line_ends_the_headline_run_and_a_bracketed_note_is_no_title():
    text = ("首页 > 聚焦 > 正文\n\n某市今年办实事32项\n\n来源:某某网2026-02-08 11:52:33\n\n(资料图片)\n\n"
            "某某网消息 今年将新建30家养老院。\n")
    s = api.extract_text(text)
    assert (s.kicker, s.title) == ("", "某市今年办实事32项")
    assert "(资料图片)" in "".join(s.dropped) + "".join(s.lead)


def test_a_headline_printed_over_two_lines_after_photo_captions_is_one_title():
    text = ("某镇某村\n六、七组产业道路项目\n某线修复工程\n……\n某县快速按下\n民生实事项目建设“启动键”\n"
            "2026年2月23日,随着县人代会闭幕,全县票决出民生实事项目76件。\n")
    s = api.extract_text(text)
    assert (s.kicker, s.title) == ("", "某县快速按下民生实事项目建设“启动键”")
    assert not [x.keyword for x in s.sections if x.keyword.startswith("六、")]


def test_a_kicker_that_ends_a_phrase_stays_a_kicker():
    s = api.extract_text("区人代会开幕\n今年办好十件民生实事\n\n本报讯 今年区里将新建公园5个。\n")
    assert (s.kicker, s.title) == ("区人代会开幕", "今年办好十件民生实事")


def _headings(text: str) -> list[str]:
    return [x.keyword for x in api.extract_text(text).sections if x.keyword and x.keyword in text]


def test_captions_above_the_dateline_are_not_headings():
    text = ("县长检查指导重点项目建设工作。\n\n代表观摩美丽乡村建设、议报告。\n\n某某花园移民小区\n"
            "某某日报 - 某某之窗讯 编者按:县政府工作报告作了部署。今年将新建学校3所。\n主要目标\n"
            "生产总值增长8%左右,城镇化率提高2个百分点。\n回眸展望\n去年生产总值增长7%。\n")
    assert _headings(text) == ["主要目标", "回眸展望"]


def test_a_single_bracketed_part_of_an_excerpt_is_a_heading():
    text = ("某镇2026年度工作计划\n2026年主要预期目标是:地区生产总值增长7%。\n围绕以上目标,我们将重点做好以下工作:\n"
            "(一)聚焦优化平台,注入工业动力\n优化园区管理机制。加快推进7公顷工业用地报批。\n")
    assert _headings(text) == ["(一)聚焦优化平台,注入工业动力"]


def test_links_to_the_previous_and_next_article_are_page_chrome():
    s = api.extract_text("某市今年办实事32项\n\n今年将新建30家养老院。\n\n下一篇:\n上一篇:某市召开会议\n")
    assert "下一篇:" in s.dropped and "上一篇:某市召开会议" in s.dropped
    assert not [x.keyword for x in s.sections if "篇" in x.keyword]


def test_an_amount_that_describes_a_count_and_the_count_of_a_list_are_not_targets():
    text = ("今年主要目标\n\n年内实施总投资35亿元的80项城建重点工程，新增绿化面积28万平方米。\n\n"
            "具体来说,今年新增14项包括:建设30家智慧养老院,新建20家示范性菜场。\n")
    assert _targets(text) == [(80, "项", None), (28, "万平方米", None), (30, "家", None), (20, "家", None)]


def test_a_chinese_numeral_in_a_place_name_is_no_amount_and_class_hours_are_a_unit():
    text = ("今年办好十件实事\n\n建设某镇、十万山瑶族乡公租房108套。配送文艺指导不少于1800课时。\n")
    assert _targets(text) == [(108, "套", None), (1800, "课时", "不少于")]


def _names(text: str) -> list[str]:
    return [t.indicator for t in api.extract_text(text).targets]


def test_indicator_names_are_whole_words_without_the_speaker_or_a_frame():
    text = ("今年办好十件实事\n\n新增400个公共充电桩、10个共享充电桩示范小区。推出5处以上区级“家门口的好去处”。"
            "打造100个“美育”课堂、推出5000场艺术普及活动。某某区今年将新建公园5个。"
            "农村道路工程如硬化道路86条。\n")
    assert _names(text) == ["新增公共充电桩", "新增共享充电桩示范小区", "推出区级“家门口的好去处”",
                            "打造“美育”课堂", "推出艺术普及活动", "新建公园", "硬化道路"]


def test_a_place_count_a_frequency_and_a_bare_verb_leak_into_no_name():
    text = ("今年办好十件实事\n\n在39个村改造升级10千伏线路16.66公里。每学年为6万余名中小学生开展1次心理健康测评。"
            "四是加快推进全县薄弱学校改造工程，年度实施10所以上。\n")
    assert _names(text) == ["改造升级10千伏线路", "中小学生", "全县薄弱学校改造工程"]


def test_an_unnumbered_report_part_heads_its_numbered_headings():
    text = ("政府工作报告\n\n各位代表:\n\n现在,我代表区人民政府向大会报告工作,请予审议。\n\n2025年工作回顾\n\n"
            "2025年,全区预计实现地区生产总值1200亿元,增长8%。\n\n一、强化高位拼搏,经济发展质效并进\n\n"
            "引进金融机构18家。\n\n二、坚持民生优先,社会事业全面进步\n\n新增学位3000个。\n\n2026年工作安排\n\n"
            "今年地区生产总值增长6%左右。\n")
    s = api.extract_text(text)
    assert [(x.keyword, [y.keyword for y in x.subsections]) for x in s.sections] == [
        ("2025年工作回顾", ["一、强化高位拼搏,经济发展质效并进", "二、坚持民生优先,社会事业全面进步"]),
        ("2026年工作安排", []),
    ]
    assert [(t.value, t.unit, t.qualifier) for t in s.targets] == [(6, "%", "左右")]


def test_a_speakers_colon_after_work_is_no_goal_frame():
    text = ("县人代会开幕\n\n县长作政府工作报告。在回顾2025年工作时,县长说:2025年,全年实现生产总值83.91亿元、增长10.8%,"
            "完成财政总收入4.17亿元。\n")
    assert _targets(text) == []


def test_a_notice_listing_projects_has_no_sections_and_its_login_menu_is_no_title():
    items = "\n".join(f"{n}.某区某某{n}号道路改造工程" for n in range(1, 6))
    text = ("登录/注册\n区人大代表票决出2026年民生实事项目\n3月21日上午,大会宣布了民生实事项目票决结果。\n"
            f"某区人民代表大会公告\n(第2号)\n大会于2026年3月21日表决通过本区2026年民生实事项目:\n{items}\n现予公告。\n"
            "某区人民代表大会\n2026年3月21日\n")
    s = api.extract_text(text)
    assert s.title == "区人大代表票决出2026年民生实事项目"
    assert not [x.keyword for x in s.sections if x.keyword and x.keyword in text]


def test_a_text_in_traditional_characters_is_read_like_a_simplified_one():
    text = ("大會現場 某某 攝\n【某某報網訊】2月19日,某區人民代表大會開幕。\n"
            "區長在報告中說,2025年全區地區生產總值達到379.95億元、增長9.3%;社會消費品零售總額實現206.36億元、增長12.1%。\n"
            "區長提出了2026年主要預期目標:地區生產總值增長9%,城鎮登記失業率控制在4%以內,新增停車位500個以上、街頭綠地3-5處。\n")
    summary = api.extract_text(text)
    got = [(t.value, t.unit, t.qualifier, t.value_max) for t in summary.targets]
    assert got == [(9, "%", None, None), (4, "%", "以內", None), (500, "個", "以上", None), (3, "處", None, 5)]
    assert not summary.title  # the photo's caption before the dateline is no headline


def test_months_are_a_duration_not_a_count_of_things():
    from briefing.extraction.numbers import find_quantities

    assert [(q.value, q.unit) for q in find_quantities("连续13个月正增长，3个项目1个月内完成")] == [
        (13, "个月"), (3, "个"), (1, "个月")]


def test_an_editors_credit_in_traditional_characters_ends_the_text():
    s = api.extract_text("某縣今年將辦好十件民生實事\n今年全縣新增停車位500個以上。(記者 某某)\n來源:某某日報\n編輯:某某\n")
    assert s.dropped[-2:] == ["來源:某某日報", "編輯:某某"]


def test_an_amount_describing_a_count_is_a_figure_of_a_result_but_not_a_goal():
    from briefing import api

    done = api.extract_text("标题\n\n去年，总投资846.7亿元的79个重点项目开工建设。\n")
    assert (846.7, "亿元") in [(f.value, f.unit) for f in done.figures]
    plan = api.extract_text("2026年主要目标\n\n今年将新开工总投资35亿元的80项工程。\n")
    assert [(t.value, t.unit) for t in plan.targets] == [(80, "项")]
