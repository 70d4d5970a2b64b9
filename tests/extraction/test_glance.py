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
