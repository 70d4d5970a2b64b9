"""Heads of pasted web and epaper pages: the headline after page chrome, never a timestamp or
metadata line; a metadata table's 文件名称; and the sections of short texts (no list of goals
taken for headings, city names with recurring sub-labels, list numbers that restart)."""

from __future__ import annotations

from briefing import api


def test_a_timestamp_and_source_line_is_never_the_title():
    text = ("新华社受权播发报告\n\n2026-03-16 10:40:34 | 来源:泰州日报\n\n字号变大 | 字号变小\n\n"
            "新华社北京3月13日电 报告指出，今年城镇新增就业1200万人以上。\n")
    s = api.extract_text(text)
    assert (s.kicker, s.title) == ("", "新华社受权播发报告")
    assert "2026-03-16 10:40:34 | 来源:泰州日报".replace(" ", "") in [d.replace(" ", "") for d in s.dropped]


def test_an_epaper_headline_after_its_menu_masthead_and_page_marker():
    text = ("某某晚报 >\n通版阅读请点击:\n展开通版\n收缩通版\n当前版:晚报版6版\n发布日期:2023年01月01日 上一版  下一版\n"
            "明年新增中小学学位2万个\n文章字数:211\n  新增中小学学位2万个、幼儿托位6000个……记者近日获悉，民生实事项目正式确定。\n")
    s = api.extract_text(text)
    assert s.title == "明年新增中小学学位2万个"
    assert [(t.value, t.unit) for t in s.targets] == [(2, "万个"), (6000, "个")]


def test_a_metadata_table_names_the_document():
    text = ("文件名称 | 某区2025年政府工作报告 | ||\n索引号 | /2025-0000 | 公开目录: | 工作报告 |\n"
            "2025年3月21日在某区第十九届\n人民代表大会第四次会议上\n某区人民政府区长 王某\n各位代表:\n"
            "现在，我代表区人民政府向大会报告工作，请予审议。\n")
    s = api.extract_text(text)
    assert s.title == "某区2025年政府工作报告"
    assert s.subtitle == "2025年3月21日在某区第十九届人民代表大会第四次会议上"


def test_a_list_of_goals_one_per_line_is_not_a_run_of_headings():
    text = ("民生清单\n\n今年，全市将办好这些事，一起来看！\n\n新增托位1. 6万个\n\n打通断头路20条\n\n"
            "新改建非机动车道400公里\n\n去年已建成公园30个\n")
    s = api.extract_text(text)
    assert not [x.keyword for x in s.sections if x.keyword in text]
    assert [(t.value, t.unit) for t in s.targets] == [(1.6, "万个"), (20, "条"), (400, "公里")]


def test_city_names_head_sections_and_a_recurring_label_stays_inside():
    text = ("九市今年这样干\n\n各地市今年的目标和工作重点相继出炉。\n\n甲市\n\n●地区生产总值增长6%以上\n\n重点工作\n\n"
            "1.强化科技创新\n\n2.提升城市品质\n\n乙市\n\n●地区生产总值增长8.5%\n\n重点工作\n\n1.建设法治政府\n\n2.改善民生\n")
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["甲市", "乙市"]
    assert [(t.section, t.value, t.qualifier) for t in s.targets] == [(1, 6, "以上"), (2, 8.5, None)]
