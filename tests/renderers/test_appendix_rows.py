"""Appendix rows name what they count (issue 17)."""

from __future__ import annotations

from pathlib import Path

from briefing import api
from briefing.model import Target
from briefing.renderers.common import appendix_display_rows, counted_indicator

ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "samples" / "zhengzhou-gaoxin-2021.txt"


def test_a_row_whose_text_left_the_thing_to_the_clause_before_names_it():
    rows = appendix_display_rows(api.extract(ARTICLE))
    indicators = [r[2] for r in rows]
    assert "区县（市）引进" not in indicators
    assert "区县（市）引进关联企业" in indicators  # …引进5亿元以上关联企业均不少于5个、区县（市）引进均不少于3个


def test_only_a_bare_verb_borrows_and_only_from_its_own_section_and_unit():
    ts = [Target(1, "开发区引进5亿元以上关联企业", 5, "个"), Target(1, "区县引进", 3, "个"),
          Target(2, "区县引进", 3, "个"), Target(1, "区县引进", 3, "家"), Target(1, "新建公园", 10, "个")]
    assert [counted_indicator(ts, i) for i in range(len(ts))] == [
        "开发区引进5亿元以上关联企业", "区县引进关联企业", "区县引进", "区县引进", "新建公园"]

