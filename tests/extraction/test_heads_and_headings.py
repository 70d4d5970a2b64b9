"""Headings a newspaper column cut over lines, and titles: what the head and section passes make
of them (issue 17)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from briefing import api
from briefing.extraction import extract_summary

MADE = Path(__file__).parent.parent / "fixtures" / "made"


def _column_report():
    return api.extract(MADE / "column_wrapped_headings.txt")


def test_a_heading_cut_over_three_lines_by_the_column_is_one_part_and_the_numbering_runs_on():
    s = _column_report()
    assert [x.keyword[:2] for x in s.sections] == ["一、", "二、", "三、", "四、"]
    assert s.sections[1].keyword == "二、关于《省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）》的说明"
    # the heading ends where its last short line ends: the part's text is not in it
    assert s.sections[1].paragraphs[0].startswith("根据省委全会精神")


def test_a_subheading_whose_phrase_runs_onto_the_next_line_is_not_cut_there():
    subs = [x.keyword for x in _column_report().sections[1].subsections]
    assert subs == ["（一）着力推动产业升级。", "（二）着力加强核心功能建设，提升城市综合能级和核心竞争力，增强辐射带动作用。"]


def test_a_heading_of_two_lines_without_a_bracket_open_still_ends_at_its_short_line():
    s = _column_report()
    assert s.sections[0].keyword == "一、2020年和“十三五”时期工作回顾"
    assert s.sections[0].paragraphs[0].startswith("过去五年，")  # an opening phrase with a comma is text


HEAD = "——2026年1月27日在某省第十四届人民代表大会第四次会议上\n某省人民政府省长 张三\n"
BODY = "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、过去一年工作回顾\n过去一年，地区生产总值增长5%。\n二、今年重点工作\n今年城镇新增就业70万人以上。\n"


def test_a_title_printed_twice_in_a_row_is_the_title_once():
    s = extract_summary("2026年某省政府工作报告2026年某省政府工作报告\n" + HEAD + BODY)
    assert (s.kicker, s.title) == ("", "2026年某省政府工作报告")


def test_a_doubled_title_cut_over_two_lines_is_the_title_once_not_a_kicker_and_a_title():
    s = extract_summary("2026年某省政府工作报告2026年\n某省政府工作报告\n" + HEAD + BODY)
    assert (s.kicker, s.title) == ("", "2026年某省政府工作报告")


def test_the_file_name_is_never_the_title(tmp_path):
    f = tmp_path / "报告草稿-v3.txt"
    f.write_text(BODY, encoding="utf-8")
    s = api.extract(f)
    assert s.title == ""
    out = api.render(s, template="standard", formats=("pdf", "docx"))
    with zipfile.ZipFile(io.BytesIO(out["docx"])) as z:
        assert not any("草稿" in z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert b"v3" not in out["pdf"]  # the PDF's /Title metadata would hold it in plain text


def test_a_number_a_web_page_cut_onto_its_own_line_joins_both_neighbours():
    text = BODY + "持续改善空气质量，以PM\n2.5\n浓度持续下降为主线，推动协同减排。\n下一段。\n"
    s = extract_summary(text)
    assert "持续改善空气质量，以PM2.5浓度持续下降为主线，推动协同减排。" in s.all_paragraphs()


def test_a_heading_run_into_its_first_sentence_without_a_stop_is_split_at_its_end():
    text = (HEAD + "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、过去一年工作回顾\n过去一年，地区生产总值增长5%。\n"
            "二、关于《某省国民经济和社会发展第十五个五年规划纲要（草案）》的说明根据省委全会精神，省政府编制了规划纲要草案，"
            "提请大会审查，今后五年我们将着力推动高质量发展，加快建设现代化经济体系。\n三、今年重点工作\n今年城镇新增就业70万人以上。\n")
    s = extract_summary(text)
    assert [x.keyword[:2] for x in s.sections] == ["一、", "二、", "三、"]  # not 一、三
    assert s.sections[1].keyword.endswith("》的说明") and s.sections[1].paragraphs[0].startswith("根据省委全会精神")
