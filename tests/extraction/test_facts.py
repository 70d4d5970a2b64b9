"""How a quantity in a plan sentence is named and bounded (invented sentences of the kind
government work reports print; none is from a sample)."""

from __future__ import annotations

from briefing.extraction.facts import sentence_facts


def facts(sentence: str) -> list[tuple[str, float | int, str]]:
    return [(f.indicator, f.q.value, f.q.unit) for f in sentence_facts(sentence)]


def test_a_long_indicator_is_not_cut_inside_a_word():
    [(name, value, unit)] = facts("组织全市基层医疗卫生机构专业技术人员开展规范化培训超3000人次。")
    assert name == "组织全市基层医疗卫生机构专业技术人员开展规范化培训"
    assert (value, unit) == (3000, "人次")


def test_a_very_long_run_is_cut_after_a_particle():
    [(name, _, _)] = facts("面向全省在岗人员、新入职人员和有意愿从事家政服务工作的城乡劳动者开展职业技能培训超2万人次。")
    assert name == "城乡劳动者开展职业技能培训"


def test_from_is_cut_only_when_it_starts_a_baseline():
    [(name, _, _)] = facts("吸引有意愿从事托育服务的人员参加培训超2000人次。")
    assert name.startswith("吸引有意愿从事")
    [(name, value, _)] = facts("农村学校食堂占全部学校食堂的比例从60%提高到75%。")
    assert name == "农村学校食堂占全部学校食堂的比例" and value == 75


def test_respectively_from_a_to_b_names_each_subject_with_its_new_value():
    got = facts("低保对象、特困人员月补助标准分别从每人每月900元、1200元提高到950元、1300元。")
    assert got == [("低保对象", 950, "元"), ("特困人员月补助标准", 1300, "元")]


def test_and_between_two_counts_belongs_to_neither_noun():
    got = facts("新建30个口袋公园和8条滨水绿道。")
    assert [n for n, _, _ in got] == ["新建口袋公园", "滨水绿道"]


def test_batches_and_sessions_are_units_not_part_of_the_name():
    [(name, value, unit)] = facts("开展食品安全抽检超2万批次。")
    assert (name, value, unit) == ("开展食品安全抽检", 2, "万批次")
    [(name, _, unit)] = facts("组织开展科普讲座超500场次。")
    assert name == "组织开展科普讲座" and unit == "场次"


def test_points_of_a_speech_and_service_hours_are_not_goals():
    assert facts("今年要着力把握好4个方面。") == []
    assert facts("坚持3项原则。") == []
    assert facts("心理援助热线每天24小时提供咨询服务。") == []
    assert facts("保障中小学生每天体育活动时间不低于2小时。") == [("保障中小学生每天体育活动时间", 2, "小时")]


def test_an_age_stays_in_the_noun_a_count_is_of():
    [(name, value, unit)] = facts("免费健康检查惠及超20万名3岁以下儿童。")
    assert (name, value, unit) == ("免费健康检查惠及3岁以下儿童", 20, "万名")


def test_a_leading_for_is_not_part_of_the_name():
    [(name, _, _)] = facts("为全市小微企业减免房租超3亿元。")
    assert name == "全市小微企业减免房租"
