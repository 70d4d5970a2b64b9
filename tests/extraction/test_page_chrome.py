"""Web page chrome at the head and tail of a copied report goes to ``dropped``; the source,
speaker and date it hid are filled; nothing of the text is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extraction import extract_summary
from briefing.extraction.chrome import drop_head_chrome, drop_tail_chrome, join_meta_values

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"


def extract(name: str):
    return extract_summary((WEB / name).read_text(encoding="utf-8"), name=name)


def printed(s) -> str:
    return "\n".join([s.title, s.kicker, s.subtitle, *s.all_paragraphs()])


def test_a_web_report_head_fills_source_speaker_and_date_and_keeps_widgets_out_of_the_lead():
    s = extract("report-with-page-chrome.txt")
    assert (s.title, s.source, s.date) == ("政府工作报告", "雅安日报", "2026-02-03 09:15")
    assert s.subtitle.startswith("——2026年1月28日") and s.speaker == "雅安市市长 张明远"
    assert s.lead == ["各位代表：", "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。"]
    assert {"【字体：大 中 小】", "分享："} <= set(s.dropped)


def test_a_web_report_tail_of_editor_links_ids_and_related_headlines_is_dropped():
    s = extract("report-with-page-chrome.txt")
    last = s.sections[-1].paragraphs
    assert last[-1] == "各位代表，让我们团结一心，奋力谱写雅安高质量发展新篇章！"
    for chrome in ("责任编辑：李晓红", "相关链接>>", "相关附件>>", "5f2c9a0e8b7d4c1e9a3b6d2f0e4c8a1b",
                   "雅安市召开2026年全市经济工作会议", "市政府常务会议研究部署春节期间安全生产工作"):
        assert chrome in s.dropped
        assert chrome not in printed(s)


def test_a_news_page_source_on_its_own_line_and_other_widget_names():
    s = extract("news-with-page-chrome.txt")
    assert s.title == "我市召开2026年重点项目建设推进会"
    assert (s.source, s.date, s.reporter) == ("南湖晚报", "2026-03-12 08:30", "王晓东")
    text = printed(s)
    for chrome in ("字号", "分享到", "编辑：陈思", "审核：刘洋", "更多>>", "市领导调研春耕备耕工作", "a7f3e91c02b44d8f"):
        assert chrome not in text
    assert s.all_paragraphs()[-1].endswith("确保一季度新开工项目不少于30个。")


def test_a_greeting_before_its_text_stays_and_a_signature_without_marks_stays():
    lines = ["政府工作报告", "各位代表：", "现在，我代表市人民政府，向大会报告工作，请予审议。"]
    assert drop_head_chrome(lines, []) == lines
    tail = ["……奋力谱写新篇章！", "", "某某市人民政府", "2026年1月28日"]
    assert drop_tail_chrome(tail, []) == tail
    # A source note in the last lines of a column is body text: only a block after the last
    # sentence drops from a 来源 line.
    column = ["图表数据", "来源：省统计局", "全年增长", "百分之六。"]
    assert drop_tail_chrome(column, []) == column


@pytest.mark.parametrize("lines, joined", [
    (["来源:", "四川日报", "正文。"], ["来源:四川日报", "", "正文。"]),
    (["来源：", "", "新华网", "正文。"], ["来源：新华网", "", "", "正文。"]),
    (["来源：", "这是一段很长的正文，不是来源的名字，而且以句号结束。"], None),
])
def test_a_meta_label_takes_its_value_from_the_next_short_line(lines, joined):
    assert join_meta_values(lines) == (joined or lines)


def test_fields_side_by_side_on_a_portal_repost_and_bracketed_tail_marks():
    s = extract("portal-repost-with-page-chrome.txt")
    assert (s.title, s.source, s.date) == ("全文播发2026年市政府工作报告", "临江日报", "2026-02-16 10:40:34")
    text = printed(s)
    for chrome in ("字号变大", "字号变小", "【全文链接】", "临江市2026年政府工作报告", "【编辑:付晓明】",
                   "下载临江新闻客户端，随时随地看新闻！", "快乐分享"):  # past the promo's sentence end too
        assert chrome in s.dropped and chrome not in text
    assert s.all_paragraphs()[-1].endswith("居民消费价格涨幅2%左右。")


def test_a_line_of_fields_is_split_only_when_every_part_is_a_field():
    from briefing.extraction.chrome import split_fields
    from briefing.extraction.lines import is_widget

    assert split_fields(["2026-03-16 10:40 | 来源:某某日报"], is_widget) == ["2026-03-16 10:40", "来源:某某日报"]
    assert split_fields(["【字体：大 中 小】打印"], is_widget) == ["【字体：大 中 小】", "打印"]
    prose = ["全市经济 | 稳中向好，发展质量持续提升。"]
    assert split_fields(prose, is_widget) == prose


def test_markup_pasted_as_text_is_text_not_a_navigation_mark():
    # A line ending in a lone `>` (an HTML tag pasted as text) is no link, and a "tail" that
    # would take every line of the text is the text itself.
    tag = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    s = extract_summary(f"标题{tag}\n\n一、第一部分{tag}\n\n正文段落{tag}，新增企业10家。\n", name="m.txt")
    assert s.title == f"标题{tag}"
    assert any(tag in p for p in s.all_paragraphs())
    assert not s.dropped
