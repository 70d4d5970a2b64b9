"""The edit operations of the web page (briefing.edits): each does what it says, keeps every
paragraph, renumbers the facts, and refuses a bad operation with one line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from briefing import edits
from briefing.errors import UsageError
from briefing.model import Figure, Highlight, Pair, Section, Summary, Target

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def article() -> Summary:
    return Summary.from_json((FIXTURES / "article.summary.json").read_text(encoding="utf-8"))


def small() -> Summary:
    return Summary(
        title="标题",
        sections=[
            Section("甲", paragraphs=["甲一，新增企业10家。", "甲二"],
                    highlights=[Highlight("经验做法", ["框一", "框二", "框三"])], order=["p", "h", "p"]),
            Section("乙", paragraphs=["乙一"]),
            Section("丙", paragraphs=["丙一"], subsections=[Section("丙子", paragraphs=["丙子一"])]),
        ],
        targets=[Target(1, "新增企业", 10, "家", text="新增企业10家"), Target(2, "乙指标", 5, "个"),
                 Target(3, "丙指标", 3, "项")],
        figures=[Figure(3, "丙成果", 7, "个"), Figure(None, "导语数", 1, "个")],
        pairs=[Pair(0, 0), Pair(2, 0)],
        glance=[0],
    )


def words(s: Summary) -> Counter[str]:
    """Every character of the text, to check that nothing is lost (labels may become text)."""
    text = "".join(s.all_paragraphs())
    text += "".join(h.label for _, sec in s.all_sections() for h in sec.highlights)
    return Counter(text.replace("：", ""))


def test_apply_returns_a_new_summary_and_leaves_the_old_one(article):
    before = article.to_json()
    out = edits.apply(article, {"op": "rename_section", "section": 0, "name": "新名字"})
    assert out.sections[0].keyword == "新名字"
    assert article.to_json() == before


def test_set_field_changes_the_title_block_and_refuses_other_fields():
    s = edits.apply(small(), {"op": "set_field", "field": "kicker", "value": " 两会盘点 "})
    assert s.kicker == "两会盘点"
    with pytest.raises(UsageError, match="cannot set field"):
        edits.apply(s, {"op": "set_field", "field": "sections", "value": "x"})
    with pytest.raises(UsageError, match="must not be empty"):
        edits.apply(s, {"op": "set_field", "field": "title", "value": "  "})


def test_rename_addresses_subsections_by_path():
    s = edits.apply(small(), {"op": "rename_section", "section": [2, 0], "name": "新子"})
    assert s.sections[2].subsections[0].keyword == "新子"
    with pytest.raises(UsageError, match="no section 3.2"):
        edits.apply(s, {"op": "rename_section", "section": [2, 1], "name": "x"})


def test_merge_next_keeps_reading_order_and_renumbers_the_facts():
    s0 = small()
    s = edits.apply(s0, {"op": "merge_next", "section": 0})
    assert [x.keyword for x in s.sections] == ["甲", "丙"]
    assert s.all_paragraphs() == s0.all_paragraphs()
    assert [t.section for t in s.targets] == [1, 1, 2]
    assert [f.section for f in s.figures] == [2, None]
    with pytest.raises(UsageError, match="no next section"):
        edits.apply(s, {"op": "merge_next", "section": 1})


def test_merge_into_a_section_with_subsections_appends_to_its_last_subsection():
    s0 = small()
    s0.sections.append(Section("丁", paragraphs=["丁一"]))
    s = edits.apply(s0, {"op": "merge_next", "section": 2})
    assert s.all_paragraphs() == s0.all_paragraphs()
    assert s.sections[2].subsections[0].paragraphs == ["丙子一", "丁一"]


def test_split_makes_a_section_of_the_rest_and_moves_the_facts_found_there():
    s0 = small()
    s = edits.apply(s0, {"op": "split_section", "section": 0, "block": 0 + 1, "name": "新部分"})
    assert [x.keyword for x in s.sections] == ["甲", "新部分", "乙", "丙"]
    assert s.sections[0].paragraphs == ["甲一，新增企业10家。"]
    assert [type(b).__name__ for b in s.sections[1].blocks()] == ["Highlight", "str"]
    assert s.all_paragraphs() == s0.all_paragraphs()
    assert [t.section for t in s.targets] == [1, 3, 4]
    # The target's phrase is in the first half: it stays; split after it, it moves.
    s = edits.apply(s0, {"op": "split_section", "section": 0, "block": 1, "name": "x"})
    s2 = edits.apply(edits.apply(s0, {"op": "rename_section", "section": 0, "name": "甲"}),
                     {"op": "split_section", "section": 0, "block": 1, "name": "x"})
    assert s.targets[0].section == s2.targets[0].section == 1
    moved = small()
    moved.sections[0].paragraphs.reverse()
    s = edits.apply(moved, {"op": "split_section", "section": 0, "block": 1, "name": "x"})
    assert s.targets[0].section == 2
    with pytest.raises(UsageError, match="before the first"):
        edits.apply(s0, {"op": "split_section", "section": 0, "block": 0, "name": "x"})


def test_paragraph_joins_the_box_before_it_then_after_it():
    s = edits.apply(small(), {"op": "into_box", "section": 0, "block": 2})
    assert s.sections[0].highlights[0].paragraphs == ["框一", "框二", "框三", "甲二"]
    assert s.sections[0].order == []
    s = edits.apply(small(), {"op": "into_box", "section": 0, "block": 0})
    assert s.sections[0].highlights[0].paragraphs[0] == "甲一，新增企业10家。"


def test_a_lone_paragraph_becomes_a_box_labelled_by_its_opening_or_the_usual_label():
    s0 = small()
    s0.sections[1].paragraphs = ["主要做法：先做这个。", "普通段落"]
    s = edits.apply(s0, {"op": "into_box", "section": 1, "block": 0})
    assert s.sections[1].highlights == [Highlight("主要做法", ["先做这个。"])]
    s = edits.apply(s0, {"op": "into_box", "section": 1, "block": 1})
    assert s.sections[1].highlights[0].label == "经验做法"
    assert s.all_paragraphs() == s0.all_paragraphs()
    with pytest.raises(UsageError, match="box already"):
        edits.apply(small(), {"op": "into_box", "section": 0, "block": 1})


@pytest.mark.parametrize("j, kinds", [(0, ["p", "p", "h", "p"]), (2, ["p", "h", "p", "p"]),
                                      (1, ["p", "h", "p", "h", "p"])])
def test_out_of_box_puts_the_paragraph_where_it_reads(j, kinds):
    s0 = small()
    s = edits.apply(s0, {"op": "out_of_box", "section": 0, "block": 1, "paragraph": j})
    sec = s.sections[0]
    assert ["h" if isinstance(b, Highlight) else "p" for b in sec.blocks()] == kinds
    assert s.all_paragraphs() == s0.all_paragraphs()
    if j == 1:
        assert [h.label for h in sec.highlights] == ["经验做法", ""]


def test_out_of_a_one_paragraph_box_keeps_the_label_as_text():
    s0 = small()
    s0.sections[0].highlights[0].paragraphs = ["唯一"]
    s = edits.apply(s0, {"op": "out_of_box", "section": 0, "block": 1, "paragraph": 0})
    assert s.sections[0].highlights == []
    assert "经验做法：唯一" in s.sections[0].paragraphs
    assert words(s) == words(s0)


def test_box_label_can_be_changed_or_cleared():
    s = edits.apply(small(), {"op": "set_box_label", "section": 0, "block": 1, "label": ""})
    assert s.sections[0].highlights[0].label == ""
    with pytest.raises(UsageError, match="not a box"):
        edits.apply(small(), {"op": "set_box_label", "section": 0, "block": 0, "label": "x"})


def test_set_target_reads_numbers_typed_as_text():
    s = edits.apply(small(), {"op": "set_target", "target": 1,
                              "values": {"value": "1,200.5", "unit": "亿元", "qualifier": "以上", "value_max": ""}})
    t = s.targets[1]
    assert (t.value, t.unit, t.qualifier, t.value_max) == (1200.5, "亿元", "以上", None)
    s = edits.apply(s, {"op": "set_target", "target": 1, "values": {"value": "30", "qualifier": ""}})
    assert s.targets[1].value == 30 and isinstance(s.targets[1].value, int) and s.targets[1].qualifier is None
    with pytest.raises(UsageError, match="must be a number"):
        edits.apply(s, {"op": "set_target", "target": 1, "values": {"value": "很多"}})
    with pytest.raises(UsageError, match="no field"):
        edits.apply(s, {"op": "set_target", "target": 1, "values": {"text": "x"}})
    with pytest.raises(UsageError, match="no target 9"):
        edits.apply(s, {"op": "set_target", "target": 9, "values": {}})


def test_delete_target_drops_and_reindexes_its_pairs():
    s = edits.apply(small(), {"op": "delete_target", "target": 0})
    assert [t.indicator for t in s.targets] == ["乙指标", "丙指标"]
    assert [(p.target, p.figure) for p in s.pairs] == [(1, 0)]


def test_add_target_needs_an_indicator_and_a_value_in_a_real_section():
    s = edits.apply(small(), {"op": "add_target", "values": {"indicator": "新指标", "value": "8", "unit": "个",
                                                               "section": 2}})
    assert s.targets[-1] == Target(2, "新指标", 8, "个")
    with pytest.raises(UsageError, match="at least"):
        edits.apply(small(), {"op": "add_target", "values": {"indicator": "x"}})
    with pytest.raises(UsageError, match="'section' must be 1 to 3"):
        edits.apply(small(), {"op": "add_target", "values": {"indicator": "x", "value": 1, "section": 7}})


def test_set_glance_takes_known_figures_once_each():
    s = edits.apply(small(), {"op": "set_glance", "figures": [1, 0, 1]})
    assert s.glance == [1, 0]
    with pytest.raises(UsageError, match="no figure 5"):
        edits.apply(small(), {"op": "set_glance", "figures": [5]})


@pytest.mark.parametrize("op", [None, {}, {"op": 3}, {"op": "explode"}, {"op": "rename_section", "section": "1"},
                                {"op": "rename_section", "section": [True], "name": "x"}])
def test_bad_operations_are_refused_with_a_usage_error(op):
    with pytest.raises(UsageError):
        edits.apply(small(), op)


def test_the_edited_summary_round_trips_through_json(article):
    s = article
    for op in ({"op": "merge_next", "section": 5}, {"op": "split_section", "section": 0, "block": 1, "name": "拆"},
               {"op": "out_of_box", "section": 1, "block": 0, "paragraph": 0},
               {"op": "delete_target", "target": 0}):
        s = edits.apply(s, op)
    assert Summary.from_json(s.to_json()) == s
    assert words(s) == words(article)
