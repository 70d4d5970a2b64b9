"""Goals against results in texts without the headings of a full report: goal frames, lists
introduced by a colon, short items that open with a verb of doing, past markers; units kept whole;
counts of a list's own items and of what exists are not goals."""

from __future__ import annotations

from briefing import api
from briefing.extraction.numbers import find_quantities


def _targets(text: str) -> list[tuple[float, str, str | None]]:
    return [(t.value, t.unit, t.qualifier) for t in api.extract_text(text).targets]


def test_a_goal_frame_makes_what_follows_it_goals():
    text = ("市长作政府工作报告。\n\n去年地区生产总值增长6%。今年经济社会发展主要预期目标是：地区生产总值增长7.5%左右，"
            "固定资产投资增长11%左右，地方一般公共预算收入增长7.5%。\n")
    assert _targets(text) == [(7.5, "%", "左右"), (11, "%", "左右"), (7.5, "%", None)]


def test_items_under_a_list_introduction_are_goals_and_its_own_count_is_not():
    text = ("为民兴办实事\n\n2019年，市委、市政府为民兴办10件实事：\n\n一是完成农村改厕6万户。\n\n"
            "二是新建农村公路300公里，重点养护600公里。\n")
    assert _targets(text) == [(6, "万户", None), (300, "公里", None), (600, "公里", None)]


def test_short_items_opening_with_a_verb_of_doing_are_goals_unless_past():
    text = "民生清单\n\n新增托位1. 6万个\n\n打通断头路20条\n\n去年已建成公园30个\n"
    assert _targets(text) == [(1.6, "万个", None), (20, "条", None)]


def test_a_dated_event_and_an_enumeration_are_not_goals():
    text = ("实事出炉\n\n2月21日下午，到会的174名人大代表进行票决，项目包括8个方面、33件实事项目。\n\n"
            "完成6000亩鱼塘标准化改造。\n")
    assert _targets(text) == [(6000, "亩", None)]


def test_measure_words_after_wan_and_yi_stay_in_the_unit():
    units = [(q.value, q.unit) for t in ("粮食产量1.4万亿斤", "租赁住房8万套（间）", "9万人口", "路灯1000盏")
             for q in find_quantities(t)]
    assert units == [(1.4, "万亿斤"), (8, "万套（间）"), (9, "万"), (1000, "盏")]


def test_a_sentence_that_opens_on_an_earlier_year_tells_a_result():
    text = ("关键数看今年\n\n2024年国内生产总值增长5%，对全球经济增长贡献率保持在30%左右。"
            "今年政府工作报告提到，2025年国内生产总值增长预期目标为5%左右。\n")
    assert _targets(text) == [(5, "%", "左右")]


def test_a_short_heading_line_gives_its_tense_to_what_follows():
    text = ("2020年某区政府工作报告\n\n区长作报告。\n\n2019年成绩\n\n——抓招商建项目，持续扩大投资，引进亿元以上项目60个。\n")
    assert _targets(text) == []


def test_how_often_who_takes_part_and_a_growth_against_a_year_are_not_goals_of_their_own():
    text = ("璧山民生实事\n\n今年将办好10件重点民生实事，共38家单位参与，预计投入资金2.5亿元，较2024年增长120%。\n\n"
            "开展心理关爱，每学年为6万余名中小学生开展1次心理健康测评，托管服务60期以上。\n")
    assert _targets(text) == [(2.5, "亿元", None), (6, "万名", "余"), (60, "期", "以上")]


def test_a_frame_after_a_past_sentence_still_introduces_goals():
    text = ("本报讯 今年是新一届政府的第一年。\n\n区政府把55项工作任务全部进行了细化。"
            "16项经济工作主要是：30万平方米旧楼房改造工程全面开工，开发就业岗位2000个。\n")
    assert _targets(text) == [(30, "万平方米", None), (2000, "个", None)]


def test_a_clause_that_tells_what_happened_in_a_goal_paragraph_is_not_a_goal():
    text = ("今年办好十件实事\n\n今年新增停车位300个。记者发现代表的材料袋里都带了4本画册，这是今年的一份礼物。\n")
    assert _targets(text) == [(300, "个", None)]


def test_a_glossary_of_the_report_gives_no_goals_and_no_sections():
    text = ("《政府工作报告》名词解释\n1.规上工业企业:指年主营业务收入在2000万元以上的工业企业。\n"
            "2.“小巨人”企业:指营业收入在1亿元至4亿元之间的排头兵企业。\n3.百千工程:集中打造100个示范村、提升1000个整治村。\n")
    s = api.extract_text(text)
    assert s.targets == [] and not [x for x in s.sections if x.keyword and x.keyword in text]  # topic sections only


def test_indicator_names_keep_their_list_and_lose_list_marks():
    text = ("实事清单\n\n今年将办好以下实事：\n\n1.*新建和改扩建幼儿园、中小学20所\n\n2.*新建180个都市型、楼宇型体育场地\n\n"
            "3.*建成20个“15分钟就业服务圈”社区就业服务站点\n\n4.*实施51.5公里“四好农村路”提档升级\n")
    names = [t.indicator for t in api.extract_text(text).targets]
    assert names == ["新建和改扩建幼儿园、中小学", "新建都市型、楼宇型体育场地", "建成“15分钟就业服务圈”社区就业服务站点",
                     "实施“四好农村路”提档升级"]


def test_past_measures_of_a_review_are_not_goals_and_keep_their_words():
    text = ("林业这一年\n\n去年，省林草局等6部门联合印发《实施方案》，出台支持林下经济发展21条措施，"
            "我省被确定为全国林业改革试点4个省份之一。\n\n今年将新增造林100万亩，力争森林覆盖率达到46%。\n")
    s = api.extract_text(text)
    assert [(t.indicator, t.value, t.unit) for t in s.targets] == [("新增造林", 100, "万亩"), ("森林覆盖率", 46, "%")]
    assert not any("等门" in f.indicator for f in s.figures)  # 6部门 is no count of 部


def test_targets_packed_behind_category_labels_in_one_paragraph():
    text = ("某市今年目标\n\n会议提出今年主要预期目标。总量支撑型指标方面，地区生产总值增长6%左右，固定资产投资增长8%；"
            "质量效益型指标方面，一般公共预算收入增长5%，研发投入强度达到3.2%；民生保障型指标方面，城镇新增就业12万人以上。\n")
    assert _targets(text) == [(6, "%", "左右"), (8, "%", None), (5, "%", None), (3.2, "%", None), (12, "万人", "以上")]


def test_bracket_numbers_alone_on_a_line_number_the_item_after_them():
    text = "某区2025年工作安排\n(一)\n新增学位3000个。\n(二)\n改造老旧小区40个,惠及居民1.2万户。\n(三)\n新建公园5座。\n"
    s = api.extract_text(text)
    assert [(t.indicator, t.value) for t in s.targets] == [("新增学位", 3000), ("改造老旧小区", 40), ("惠及居民", 1.2),
                                                         ("新建公园", 5)]


def test_a_paragraph_whose_words_do_not_say_its_tense_reads_like_the_one_before():
    text = ("(五)精益求精打造宜居城市。国土空间总体规划获批，全市新改建道路59条，成功创建省四星级智慧城市。\n"
            "(六)用心用情发展民生事业。社会保障日益健全。城镇新增就业4.6万人，社会保险覆盖面持续扩大。\n")
    s = api.extract_text(text)
    assert s.targets == [] and [f.value for f in s.figures] == [59, 4.6]


def test_a_bound_that_opens_a_fenbie_list_holds_for_every_value():
    text = "高新区工作规划\n\n全年主要预期目标是：新增20亿元企业、10亿元企业、亿元企业分别不少于1家、1家和7家。\n"
    assert _targets(text) == [(1, "家", "不少于"), (1, "家", "不少于"), (7, "家", "不少于")]
