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
    stamp = "".join(d.replace(" ", "") for d in s.dropped)  # kept whole, or split into its fields
    assert "2026-03-1610:40:34" in stamp and "来源:泰州日报" in stamp


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
    assert not [x.keyword for x in s.sections if x.keyword and x.keyword in text]
    assert [(t.value, t.unit) for t in s.targets] == [(1.6, "万个"), (20, "条"), (400, "公里")]


def test_city_names_head_sections_and_a_recurring_label_stays_inside():
    text = ("九市今年这样干\n\n各地市今年的目标和工作重点相继出炉。\n\n甲市\n\n●地区生产总值增长6%以上\n\n重点工作\n\n"
            "1.强化科技创新\n\n2.提升城市品质\n\n乙市\n\n●地区生产总值增长8.5%\n\n重点工作\n\n1.建设法治政府\n\n2.改善民生\n")
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["甲市", "乙市"]
    assert [(t.section, t.value, t.qualifier) for t in s.targets] == [(1, 6, "以上"), (2, 8.5, None)]


def test_numbers_on_lines_of_their_own_number_the_headings_after_them():
    text = ("某区发布民生实事!\n每一件都和市民生活息息相关。\n01\n交通畅行实事\n▶新增公共停车位800个。\n"
            "02\n幸福宜居实事\n▶改造老旧小区20个。\n")
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["01 交通畅行实事", "02 幸福宜居实事"]
    assert [(t.section, t.value) for t in s.targets] == [(1, 800), (2, 20)]


def test_a_numbered_item_cut_across_two_lines_is_joined():
    text = ("重点工作\n\n1.强化科技创新支撑能力\n\n2.不断提高创新引领高质\n\n量发展效能\n\n3.改善人民生活品质\n")
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["1.强化科技创新支撑能力", "2.不断提高创新引领高质量发展效能",
                                              "3.改善人民生活品质"]


def test_captions_and_credits_are_not_headings():
    text = ("某区实事\n\n记者从发布会上获悉，今年将办好10件实事。\n\n发布会现场 供图 某区委宣传部\n\n"
            "新增残疾人就业40人，实施无障碍改造60户。\n\n公园一角 供图 某区委宣传部\n\n建设3个口袋公园。\n\n【编辑:某某】\n")
    s = api.extract_text(text)
    assert not [x.keyword for x in s.sections if x.keyword and x.keyword.replace(" ", "") in text.replace(" ", "")]


def test_a_breadcrumb_metadata_fields_and_a_repeated_title_before_the_body():
    text = ("当前位置:首页\n> 政务公开 > 政策文件 > 其他文件\n发布机构: 市政府办公室 公开日期: 2025-02-18\n"
            "某市人民政府办公室关于印发实事项目的通知\n字号:\n关于印发实事项目的通知\n某政办发〔2025〕6号\n各区人民政府:\n"
            "现将实事项目印发给你们，请认真组织实施。\n")
    s = api.extract_text(text)
    assert (s.kicker, s.title) == ("", "某市人民政府办公室关于印发实事项目的通知")


def test_a_rarer_bullet_heads_the_items_of_a_commoner_one():
    text = ("报告摘要与导读\n\n■ 2024年成绩单\n\n●粮食总产达到557亿斤\n\n●10大类52项民生实事全部超额完成\n\n"
            "■ 2025年主要预期目标\n\n●经济增长6%左右\n\n●城镇新增就业70万人以上\n")
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["2024年成绩单", "2025年主要预期目标"]
    assert [(t.value, t.unit, t.qualifier) for t in s.targets] == [(6, "%", "左右"), (70, "万人", "以上")]
