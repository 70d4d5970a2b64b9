"""Pairs compare one measure, key figures are amounts, labels are whole phrases (issue 17), on a
real provincial report (tests/fixtures/real, see SOURCES.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import api
from briefing.extraction.glance import inside_label, same_measure
from briefing.model import Figure, Target
from briefing.renderers.common import label_phrase

REAL = Path(__file__).parent.parent / "fixtures" / "real"


@pytest.fixture(scope="module")
def hubei():
    return api.extract(REAL / "2026_湖北省_政府工作报告.txt")


def test_a_running_total_is_never_paired_with_this_years_new_target(hubei):
    s = hubei
    paired = [(s.targets[p.target].value, s.figures[p.figure].value) for p in s.pairs]
    assert any(t.value == 200 and t.unit == "万亩" for t in s.targets)
    assert any(f.value == 4808 and f.unit == "万亩" for f in s.figures)
    assert (200, 4808) not in paired
    assert not same_measure(Target(3, "建设高标准农田", 200, "万亩", text="建设高标准农田200万亩以上"),
                            Figure(1, "高标准农田", 4808, "万亩", text="高标准农田达到4808万亩"))
    # the same measure in both years still pairs
    assert same_measure(Target(3, "城镇新增就业", 70, "万人"), Figure(1, "城镇新增就业", 90, "万人", text="城镇新增就业每年超过90万人"))


def test_a_number_read_from_inside_its_own_label_is_no_key_figure(hubei):
    s = hubei
    inside = [f for f in s.figures if "过三千亿元" in f.text and f.unit == "亿元"]
    assert inside and all(inside_label(f) for f in inside)
    assert not any(inside_label(s.figures[i]) for i in s.glance)
    assert not any(inside_label(s.figures[p.figure]) for p in s.pairs)
    assert not inside_label(Figure(1, "10大类民生实事项目", 55, "项"))  # 项 of 项目 is no number's unit


@pytest.mark.parametrize("raw, want", [
    ("地区生产总值迈上", "地区生产总值"),
    ("城镇新增就业每年", "城镇新增就业"),
    ("将继续实施10大类民生实事项目", "实施10大类民生实事项目"),
    ("10大类民生实事项目如期完成", "10大类民生实事项目"),
    ("粮食产量继续", "粮食产量"),
    ("建设高标准农田", "建设高标准农田"),
    ("实现", "实现"),  # never cut to nothing
])
def test_labels_are_whole_phrases(raw, want):
    assert label_phrase(raw) == want


def test_the_panel_and_chart_labels_of_a_real_report_end_on_a_noun(hubei):
    from briefing.renderers.charts import charts_of
    from briefing.renderers.glance import cards
    from briefing.template import load

    labels = [c.indicator for c in cards(hubei, load("standard"))] + [r.label for c in charts_of(hubei) for r in c.rows]
    assert "地区生产总值" in labels
    assert not [x for x in labels if x.endswith(("迈上", "每年", "继续", "完成", "达到"))]


def test_of_a_mark_passed_and_the_amount_reached_the_amount_is_the_key_figure(hubei):
    # 地方一般公共预算收入突破4000亿元、达到4211亿元
    values = {hubei.figures[i].value for i in hubei.glance if hubei.figures[i].indicator == "地方一般公共预算收入"}
    assert values == {4211}
    # a mark passed with no amount beside it is still a key figure (超过6000亿元)
    assert any(hubei.figures[i].value == 6000 for i in hubei.glance)


def test_a_change_over_several_years_and_a_five_year_total_pair_with_no_yearly_target():
    s = api.extract(REAL / "2026_海南省_政府工作报告.txt")
    pairs = {(s.targets[p.target].value, s.targets[p.target].unit, s.figures[p.figure].value) for p in s.pairs}
    # 外国人来琼工作人数较2020年增长90% is no result against 来琼工作外国人增长20%
    assert not any(f == 90 and u == "%" for _, u, f in pairs)
    # 建成高标准农田142万亩 (five years) against 建设高标准农田25万亩 (this year): more than 5x apart
    assert (25, "万亩", 142) not in pairs
    assert (17, "万人", 17.78) in pairs  # 城镇新增就业 of one year against one year's target
