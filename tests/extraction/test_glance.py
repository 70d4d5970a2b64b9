"""Target/result pairs and the key figures of the 要点速览 panel."""

from __future__ import annotations

from briefing.extraction.glance import GLANCE_MAX, GLANCE_MIN, key_figures, pair
from briefing.model import Figure, Target


def test_article_pairs_follow_the_stated_rule(article_summary):
    s = article_summary
    got = {(s.targets[p.target].value, s.figures[p.figure].value) for p in s.pairs}
    assert (1000, 870) in got  # 新增高新技术企业
    assert (100, 137) in got  # 新建…创新平台 ↔ 新建…研发平台
    for p in s.pairs:
        assert s.targets[p.target].unit == s.figures[p.figure].unit
    assert len({p.figure for p in s.pairs}) == len(s.pairs)


def test_no_pair_across_units_or_for_unlike_indicators():
    t = [Target(1, "新增高新技术企业", 1000, "家"), Target(1, "打通断头路", 50, "条")]
    f = [Figure(1, "新增高新技术企业", 870, "个"), Figure(1, "签约总额", 5700, "亿元")]
    assert pair(t, f) == []


def test_key_figures_prefer_growth_and_money_and_stay_in_reading_order(article_summary):
    s = article_summary
    g = s.glance
    assert GLANCE_MIN <= len(g) <= GLANCE_MAX
    assert g == sorted(g)
    with_growth = {i for i, f in enumerate(s.figures) if f.growth is not None}
    assert 0 < len(with_growth) <= GLANCE_MAX and with_growth <= set(g)
    assert len({s.figures[i].indicator for i in g}) == len(g)


def test_few_figures_give_a_short_panel():
    f = [Figure(1, "新签约项目", 430, "个"), Figure(1, "签约总额", 5700, "亿元", growth=8.9)]
    assert key_figures(f, []) == [0, 1]


def test_the_panel_shows_the_years_results_before_a_five_year_review():
    """A report reviews the year and then five years (五年来…): a five-year total and its growth
    (贷款余额13万亿元、增长83%) gives way to the year's results in the panel; it only fills it."""
    from briefing import api

    year = "一、2025年工作回顾\n\n过去一年，全省地区生产总值6.7万亿元、增长5.5%，一般公共预算收入5853亿元、增长3.9%，" \
           "技术合同成交额3000亿元、增长15.1%，新增就业90万人，引进项目300个，完成投资1.04万亿元，兑现补贴169亿元，" \
           "发放消费券7亿元。\n\n"
    five = "五年来，全省贷款余额13万亿元、增长83%，进出口总额4万亿元、增长40%。\n\n"
    s = api.extract_text("某省政府工作报告\n\n" + year + five + "二、2026年工作安排\n\n今年地区生产总值增长5%左右。\n")
    shown = {s.figures[i].indicator for i in s.glance}
    assert {"全省地区生产总值", "技术合同成交额"} <= shown and not shown & {"全省贷款余额", "进出口总额"}
    s = api.extract_text("某省政府工作报告\n\n一、工作回顾\n\n" + five +
                         "二、2026年工作安排\n\n今年地区生产总值增长5%左右，进出口总额4.5万亿元左右。\n")
    assert {s.figures[i].indicator for i in s.glance} == {"全省贷款余额", "进出口总额"}  # nothing else to show
    # nor is a five-year total charted against the year's target
    assert any(t.indicator == "进出口总额" for t in s.targets) and not s.pairs
