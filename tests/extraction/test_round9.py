"""Rules from the ninth held-out round: five more whole 2026 provincial reports (西藏, 吉林, 河南 from
the fjlib portal, 贵州 from guizhou.gov.cn, 青海 from a newspaper's site; tests/fixtures/real, golds
written before the extraction ran): the occasion line in brackets or after ―― (the report's own
heading 政府工作报告 above it is the title, not a kicker), units of computing power and of work done
(190Eflops, 4万P, 60万亩次), and numbers that are no goals — a class (30万千瓦级), a format (3人制),
a bound threshold (10万千瓦及以下), running or strengthening what exists (稳妥运行, 巩固提升, 壮大,
高效运行), a plant's capacity in its name, the size of each thing counted (3座35万千瓦), a place
(在A、B等8个县), a policy's articles (30条政策措施), a slogan (“三个80%”). The made-up texts below
name no phrase of the real ones."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from briefing import api
from tests.conftest import FIXTURES
from tests.extraction.lossless import assert_nothing_lost
from tests.extraction.real_reports import assert_head_read, head_of, score, targets_of

REAL = FIXTURES / "real"
ROUND9 = {
    # report: its score after the fixes (before them: tests/fixtures/real/SOURCES.md). 吉林 and 河南
    # keep counts of listed places or industries (长春、白山2个城市…, …等10个传统产业提质升级) that their
    # golds call no goal; the corpus's convention (加快…等12条线路建设 is a goal) pulls the other way.
    "2026_西藏自治区_政府工作报告": "sections 3/3, subsections 8/8, targets 49/49 (qualifier right 49), extracted 49, "
                            "unmatched 0, misses 0",
    "2026_吉林省_政府工作报告": "sections 4/4, subsections 10/10, targets 58/58 (qualifier right 58), extracted 59, "
                          "unmatched 1, misses 1",
    "2026_贵州省_政府工作报告": "sections 3/3, subsections 18/18, targets 114/114 (qualifier right 112), "
                          "extracted 114, unmatched 0, misses 0",
    "2026_青海省_政府工作报告": "sections 3/3, subsections 12/12, targets 28/28 (qualifier right 28), extracted 28, "
                          "unmatched 0, misses 0",
    "2026_河南省_政府工作报告": "sections 3/3, subsections 15/15, targets 37/38 (qualifier right 36), extracted 41, "
                          "unmatched 4, misses 1",
}
PATHS = [REAL / f"{name}.txt" for name in ROUND9]


@functools.cache
def _summary(path: Path):
    return api.extract(path)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_round9_report_scores_as_pinned(path: Path, tmp_path):
    out = score(_summary(path), path, tmp_path, 0.97).stdout
    assert "score: " + ROUND9[path.stem] in out, out
    # the only misses left are the not_targets and the one target named above
    assert all(line.startswith(("FALSE target", "MISS 1 not_targets", "MISS 2 not_targets", "MISS target", "score"))
               for line in out.splitlines()), out


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_round9_report_head_is_read_its_chrome_dropped_and_nothing_lost(path: Path):
    assert_head_read(path, _summary(path))
    assert_nothing_lost(path.read_text(encoding="utf-8"), _summary(path))


def test_an_occasion_line_in_brackets_makes_the_report_heading_above_it_the_title():
    s = head_of("市长讲话。 某市日报记者 王某 摄\n政府工作报告\n（2026年1月20日在某市第十届人民代表大会第五次会议上）\n"
                "市长 张某某\n")
    assert (s.kicker, s.title) == ("", "政府工作报告")
    assert s.subtitle == "（2026年1月20日在某市第十届人民代表大会第五次会议上）"
    assert s.speaker == "市长 张某某"


def test_an_occasion_line_after_a_double_horizontal_bar_is_the_subtitle():
    s = head_of("政府工作报告\n――2026年1月20日在某市第十届人民代表大会第五次会议上\n市长 张某某\n2026-01-25 08:00:00\n"
                "来源：某市日报\n")
    assert (s.kicker, s.title) == ("", "政府工作报告")
    assert s.subtitle.startswith("――2026年1月20日")
    assert (s.speaker, s.source) == ("市长 张某某", "某市日报")


PLAN = "二、2026年重点工作\n"


def test_computing_power_and_area_worked_times_are_units():
    text = PLAN + "全市算力规模突破20Eflops，智算总规模达到1.5万P，机耕作业面积30万亩次以上。\n"
    assert targets_of(text) == [(20, "Eflops", "突破"), (1.5, "万P", None), (30, "万亩次", "以上")]


def test_a_class_a_format_and_a_bound_threshold_are_no_goals():
    text = PLAN + ("推动60万千瓦级机组改造，建成20个5人制足球场，关停5万千瓦及以下小火电机组，"
                   "新建公园8个。\n")
    assert targets_of(text) == [(20, "个", None), (8, "个", None)]


def test_running_consolidating_or_growing_what_exists_is_no_goal():
    text = PLAN + ("稳妥运行9个边民互市点，运行社区服务中心30个，巩固提升50万亩种植基地，壮大4大产业集群和7条产业链，"
                   "培育壮大特色产业、做大做强2个主导产业，推进3个区域医疗中心高效运行，新开通5个互市点。\n")
    assert targets_of(text) == [(5, "个", None)]


def test_a_plants_capacity_and_the_size_of_each_thing_counted_are_no_goals():
    text = PLAN + ("推动甲公司30万吨乙烯等项目建设，抓好乙集团年产20万吨饲料项目，"
                   "加快2座10万千瓦光热电站建设，新增电力装机200万千瓦。\n")
    assert targets_of(text) == [(2, "座", None), (200, "万千瓦", None)]


def test_the_places_a_goal_is_reached_in_are_not_the_goal():
    text = PLAN + "在甲县、乙县、丙县等3个县建设果蔬基地2万亩。\n"
    assert targets_of(text) == [(2, "万亩", None)]


def test_a_policys_articles_a_count_of_systems_and_a_slogans_figure_are_no_goals():
    text = PLAN + ("全面落实园区改革20条政策措施，落实“两个90%”要求，构建监测、预警、处置3个体系，"
                   "新建标准厂房10万平方米。\n")
    assert targets_of(text) == [(10, "万平方米", None)]


def test_a_newspapers_jump_lines_are_taken_out_of_the_paragraph():
    s = api.extract_text("某市工作报告\n\n一、2025年工作回顾\n去年经受住了考验。（下转第四版）（紧接第一版） 我们坚持人民至上，"
                         "全市生产总值增长5%。\n")
    assert s.sections[0].paragraphs == ["去年经受住了考验。我们坚持人民至上，全市生产总值增长5%。"]
    assert {"（下转第四版）", "（紧接第一版）"} <= set(s.dropped)


def test_the_parts_of_the_economy_run_together_in_a_fenbie_list_are_named_one_each():
    text = PLAN + "主要预期目标是：生产总值增长5%左右，其中一二三产增加值分别增长3%左右、6%左右、5%左右。\n"
    names = [t.indicator for t in api.extract_text(text).targets]
    assert names == ["生产总值增长", "一产增加值", "二产增加值", "三产增加值"]
