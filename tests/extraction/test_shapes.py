"""Generalisation: inputs of shapes made here, none of them a sample's own layout."""

from __future__ import annotations

import pytest

from briefing import api
from tests.conftest import ARTICLE, FIXTURES, gold_of
from tests.extraction.lossless import assert_nothing_lost
from tests.extraction.shapes import ASCII_PUNCT, wrap_columns

MADE = FIXTURES / "made"


def _gold_article_parts():
    g = gold_of(ARTICLE)
    body = []
    for s in g["sections"]:
        body += s["paragraphs"]
        for h in s["highlights"]:
            body.append(f"{h['label']}：{h['paragraphs'][0]}")
            body += h["paragraphs"][1:]
        if s["keyword"] == g["sections"][4]["keyword"]:
            body += g["loose_paragraphs"]["paragraphs"]
    return g, body


@pytest.mark.parametrize("seed", range(6))
def test_text_wrapped_into_columns_comes_back_whole(seed):
    g, body = _gold_article_parts()
    lead = f"本报讯 {g['lead'][0]}记者 {g['reporter']}"
    head = f"{g['kicker']}\n\n{g['title']}\n\n"
    text = head + wrap_columns([lead, *body], seed, standalone=[f"热词 {s['keyword']}" for s in g["sections"]])
    s = api.extract_text(text)
    assert (s.kicker, s.title, s.reporter, s.lead) == (g["kicker"], g["title"], g["reporter"], g["lead"])
    assert [x.keyword for x in s.sections] == [x["keyword"] for x in g["sections"]]
    loose = g["loose_paragraphs"]["paragraphs"]
    for sec, gs in zip(s.sections, g["sections"]):
        assert [p for p in sec.paragraphs if p not in loose] == gs["paragraphs"]
        assert [h.paragraphs for h in sec.highlights] == [h["paragraphs"] for h in gs["highlights"]]
    assert_nothing_lost(text, s)


def test_gb18030_file_reads_like_utf8(tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode("gb18030"))
    assert api.extract(p) == api.extract_text(text)


@pytest.mark.parametrize("encoding,newline", [("utf-8-sig", "\n"), ("utf-16", "\n"), ("utf-8", "\r\n"), ("utf-8", "\r")])
def test_boms_and_line_ends_read_alike(tmp_path, encoding, newline):
    text = (MADE / "numbered_report.txt").read_text(encoding="utf-8")
    p = tmp_path / "r.txt"
    p.write_bytes(text.replace("\n", newline).encode(encoding))
    assert api.extract(p) == api.extract_text(text)


def test_numbered_headings_make_sections_and_subsections():
    text = (MADE / "numbered_report.txt").read_text(encoding="utf-8")
    s = api.extract_text(text)
    assert s.title == "2026年某县人民政府工作报告"
    assert s.speaker == "县长 王明"
    assert [x.keyword for x in s.sections] == ["一、2025年工作回顾", "二、2026年工作安排"]
    assert [x.keyword for x in s.sections[1].subsections] == ["（一）做强实体经济。", "（二）办好民生实事"]
    # A heading that runs on into its paragraph is cut at the first 。
    assert s.sections[1].subsections[0].paragraphs[0].startswith("新建5G基站300个")
    assert s.lead[-1].startswith("现在，我代表")
    main = {(t.indicator, t.value, t.unit, t.qualifier) for t in s.targets}
    assert ("地区生产总值增长", 6, "%", "左右") in main
    assert ("城镇调查失业率", 5.5, "%", "以内") in main
    assert all(t.section == 2 for t in s.targets)
    assert {f.value for f in s.figures} >= {386.5, 21.3, 6800}
    assert_nothing_lost(text, s)


def test_no_headings_gives_topic_sections_with_jieba_keywords():
    text = (MADE / "no_headings.txt").read_text(encoding="utf-8")
    s = api.extract_text(text)
    assert s.title == "城市更新让老街区焕发新活力"
    assert len(s.sections) >= 2
    assert all(sec.keyword for sec in s.sections)
    assert s.keywords
    assert_nothing_lost(text, s, generated_keywords=True)


def test_ascii_punctuation_is_read_like_full_width():
    text = (MADE / "inplace_labels.txt").read_text(encoding="utf-8").translate(ASCII_PUNCT)
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["先进制造", "营商环境", "今年目标"]
    assert [h.label for x in s.sections for h in x.highlights] == ["经验做法", "经验做法"]
    t = {(t.value, t.unit, t.qualifier) for t in s.targets}
    assert {(8, "%", "左右"), (50, "个", "不少于"), (200, "家", "以上")} <= t
    assert_nothing_lost(text, s)


def test_keyword_labels_before_their_sections():
    text = (MADE / "inplace_labels.txt").read_text(encoding="utf-8")
    s = api.extract_text(text)
    assert (s.kicker, s.source, s.reporter) == ("“开局之年”观察", "本报讯", "林晓")
    assert s.lead[0].startswith("新区政府工作报告日前发布")
    first = s.sections[0]
    assert first.keyword == "先进制造"
    assert first.highlights[0].label == "经验做法"
    # A paragraph after a box that does not continue it stays outside the box, in place.
    assert "专班还与高校共建实训基地，定向培养技术工人。" in first.paragraphs
    assert [type(b).__name__ for b in first.blocks()] == ["str", "Highlight", "str"]
    assert [t.section for t in s.targets] == [3, 3, 3, 3]
    assert {f.value for f in s.figures} >= {9.6, 45, 320, 1.2}
    assert_nothing_lost(text, s)


def test_user_named_label_makes_a_single_box():
    text = (MADE / "no_headings.txt").read_text(encoding="utf-8").replace("居民张女士说，", "群众声音：居民张女士说，")
    plain = api.extract_text(text)
    named = api.extract_text(text, labels=("群众声音",))
    assert not [h for x in plain.sections for h in x.highlights]
    assert [h.label for x in named.sections for h in x.highlights] == ["群众声音"]


def test_a_list_numbered_again_inside_a_part_is_not_a_new_part():
    text = "\n".join([
        "一、过去一年工作回顾", "全年完成各项任务。",
        "二、今年工作安排", "今年重点办好以下民生实事：",
        "一、新增学位2000个。", "二、新建公园10个。",
        "三、工作要求", "各部门要抓好落实。",
    ])
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["一、过去一年工作回顾", "二、今年工作安排", "三、工作要求"]
    assert s.sections[1].paragraphs == ["今年重点办好以下民生实事：", "一、新增学位2000个。", "二、新建公园10个。"]
    assert {(t.value, t.unit) for t in s.targets} == {(2000, "个"), (10, "个")}


def test_text_without_a_headline_has_no_title_not_its_file_name(tmp_path):
    p = tmp_path / "某区2026年工作要点.txt"
    p.write_text("各位代表：\n现在，我代表区人民政府报告工作。\n一、回顾\n全年新增企业120家。\n二、安排\n新建公园10个。\n", encoding="utf-8")
    assert api.extract(p).title == ""  # issue 17: a file's name (报告-v3-final) is never printed


def test_a_dated_report_paragraph_after_a_box_can_open_the_next_section():
    body = [
        "市场主体数量稳步增长，新登记企业1.2万户。",
        "典型案例：区政务中心推出“一窗通办”，办理时限压缩一半。",
        "2025年，全区外贸进出口总额达到86亿元，外贸稳中提质。",
        "典型案例：区商务局组织企业参加境外展会，签约订单12亿元。",
        "今年，全区将新建口岸服务中心2个，力争外贸增长6%。",
    ]
    text = "“数说”区情\n\n外贸与营商环境观察\n\n本报讯 区政府工作报告发布。记者 周远\n\n" + "\n\n".join(body) \
        + "\n\n关键词 市场主体数量稳步增长\n\n关键词 外贸稳中提质\n\n关键词 口岸服务\n"
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == ["市场主体数量稳步增长", "外贸稳中提质", "口岸服务"]
    assert s.sections[1].paragraphs == [body[2]]
    assert [h.label for h in s.sections[1].highlights] == ["典型案例"]
    assert_nothing_lost(text, s)


def test_standalone_subheadings_of_an_article_make_sections():
    text = "\n".join([
        "湖畔新城这一年", "",
        "本报讯 新城管委会近日发布年度报告。记者 陈路", "",
        "产业集聚提速", "",
        "全年新引进企业86家，工业产值增长12.5%。",
        "园区配套不断完善，新建人才公寓1200套。", "",
        "生态底色更亮", "",
        "新增绿地面积35万平方米，湖区水质稳定在Ⅲ类。", "",
    ])
    s = api.extract_text(text)
    assert s.title == "湖畔新城这一年" and s.reporter == "陈路"
    assert [x.keyword for x in s.sections] == ["产业集聚提速", "生态底色更亮"]
    assert s.sections[0].paragraphs == ["全年新引进企业86家，工业产值增长12.5%。", "园区配套不断完善，新建人才公寓1200套。"]
    assert_nothing_lost(text, s)


def test_byline_on_its_own_line_and_in_the_dateline():
    text = "新区这一年\n\n本报记者 张敏 通讯员 李强\n\n本报讯 新区发布年度报告，全年新增企业120家。\n"
    s = api.extract_text(text)
    assert (s.title, s.reporter) == ("新区这一年", "张敏")
    assert s.lead == ["新区发布年度报告，全年新增企业120家。"]
    assert any("李强" in d for d in s.dropped)
    assert_nothing_lost(text, s)
    text2 = "新区这一年\n\n本报讯（记者 张敏 通讯员 李强） 新区发布年度报告。\n"
    s2 = api.extract_text(text2)
    assert (s2.source, s2.reporter, s2.lead) == ("本报讯", "张敏", ["新区发布年度报告。"])
    assert_nothing_lost(text2, s2)


def test_a_part_that_reviews_and_plans_decides_per_paragraph():
    text = "\n".join([
        "某县政府工作报告",
        "一、2025年工作回顾和2026年工作安排",
        "过去一年，全县地区生产总值增长6.1%，新增市场主体3200户。",
        "今年，我们将力争地区生产总值增长6%左右，新建学校3所。",
        "二、加强政府自身建设",
        "持续推进依法行政。",
    ])
    s = api.extract_text(text)
    assert {(t.value, t.unit) for t in s.targets} == {(6, "%"), (3, "所")}
    assert {(f.value, f.unit) for f in s.figures} == {(6.1, "%"), (3200, "户")}


def test_bracketed_highlight_labels():
    text = (MADE / "inplace_labels.txt").read_text(encoding="utf-8").replace("经验做法：", "【经验做法】")
    s = api.extract_text(text)
    assert [h.label for x in s.sections for h in x.highlights] == ["经验做法", "经验做法"]
    assert s.sections[0].highlights[0].paragraphs[0].startswith("新区组建产业链专班")
    assert_nothing_lost(text, s)


def test_web_page_chrome_around_a_report_is_dropped():
    text = "\n".join([
        "当前位置：首页 > 政务公开 > 政府工作报告", "【字号：大 中 小】", "【打印本页】【关闭窗口】", "2026-01-20 09:30",
        "2026年某市政府工作报告", "发布时间：2026-01-20", "各位代表：", "现在，我代表市人民政府报告工作。",
        "一、2025年工作回顾", "全市生产总值增长5.1%。", "二、2026年工作安排", "新建公园10个。",
        "扫一扫在手机打开当前页",
    ])
    s = api.extract_text(text)
    assert s.title == "2026年某市政府工作报告" and s.date == "2026-01-20 09:30"
    body = "".join(s.all_paragraphs())
    assert "首页" not in body and "打印" not in body and "扫一扫" not in body
    assert [x.keyword for x in s.sections] == ["一、2025年工作回顾", "二、2026年工作安排"]
    assert_nothing_lost(text, s)


def test_a_report_hard_wrapped_like_a_pdf_page_keeps_its_structure():
    from briefing.extraction.chars import width
    from tests.conftest import REPORTS

    src = REPORTS[0]
    out = []
    for line in src.read_text(encoding="utf-8").split("\n"):
        cur, limit = "", 36  # a 38-em line, the first one indented by 2
        for ch in line:
            if width(cur + ch) > limit and cur:
                out.append(cur)
                cur, limit = "", 38
            cur += ch
        out.append(cur)
    s = api.extract_text("\n".join(out))
    g = gold_of(src)
    assert [x.keyword for x in s.sections] == [x["heading"] for x in g["sections"]]
    assert [x.keyword for x in s.sections[2].subsections] == g["sections"][2]["subheadings"]
    got = {(t.value, t.unit, t.qualifier) for t in s.targets}
    assert {(t["value"], t["unit"], t["qualifier"]) for t in g["targets"] if t["group"] == "main"} <= got


def test_newspaper_page_furniture_is_dropped():
    g = gold_of(ARTICLE)
    text = "A3\n2021年2月5日 星期五\n\n" + ARTICLE.read_text(encoding="utf-8") + "\n责编：王某 美编：李某\n"
    s = api.extract_text(text)
    assert (s.kicker, s.title, s.lead) == (g["kicker"], g["title"], g["lead"])
    assert {"A3", "2021年2月5日 星期五", "责编：王某 美编：李某"} <= set(s.dropped)
    assert [x.keyword for x in s.sections] == [x["keyword"] for x in g["sections"]]


def test_keyword_labels_doubled_by_fake_bold():
    g = gold_of(ARTICLE)
    text = ARTICLE.read_text(encoding="utf-8")
    for s in g["sections"]:
        text = text.replace(f"关键词 {s['keyword']}", f"关键词关键词 {s['keyword'] * 2}")
    s = api.extract_text(text)
    assert [x.keyword for x in s.sections] == [x["keyword"] for x in g["sections"]]


def test_highlight_labels_doubled_by_fake_bold():
    g = gold_of(ARTICLE)
    text = ARTICLE.read_text(encoding="utf-8").replace("高新实践：", "高新实践高新实践：：")
    s = api.extract_text(text)
    for sec, gs in zip(s.sections, g["sections"]):
        assert [(h.label, h.paragraphs) for h in sec.highlights] == [(h["label"], h["paragraphs"]) for h in gs["highlights"]]
    assert_nothing_lost(text, s)


def test_gathered_labels_over_a_very_long_text_are_aligned_quickly():
    import time

    body = "\n\n".join(f"本段说明第{i}项工作进展，全年新增企业{i}家。" for i in range(1500))
    labels = "\n\n".join(f"关键词 重点任务{i}" for i in range(6))
    t = time.perf_counter()
    s = api.extract_text("标题\n\n" + body + "\n\n" + labels)
    assert time.perf_counter() - t < 30  # a bound against a cubic blow-up, not a speed measurement
    assert len(s.sections) == 6 and all(sec.paragraphs for sec in s.sections)


def test_radicals_and_compatibility_ideographs_copied_out_of_a_pdf_become_ordinary_ideographs():
    # What some PDFs give on copy: Kangxi radicals (⽇ ⼈ ⾏ ⽣) and a compatibility ideograph (U+F9B5
    # 例), drawn with the same glyphs as 日 人 行 生 例.
    text = ("市⼈⺠政府⼯作报告\n\n今年全市⽣产总值增长6%左右，⽇均客流突破⼗万⼈次，"
            "各类案\uf9b5⾏政审批时限压缩⼀半。\n")
    s = api.extract_text(text)
    body = "".join(p for _, sec in s.all_sections() for p in sec.paragraphs) + "".join(s.lead) + s.title
    assert "生产总值" in body and "日均" in body and "案例" in body and "行政" in body and "一半" in body
    assert not any("\u2f00" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" for ch in body)
    assert "⺠" in s.title  # a radical with no ideograph of its own (U+2EA0) stays as it is
    assert_nothing_lost(text, s)


def test_a_portals_footer_and_a_list_of_related_links_after_the_report_are_chrome():
    """After the text's last sentence: a government portal's footer (主办/承办, 网站标识码, ICP备,
    扫一扫, 打印本页/关闭窗口), a 相关链接 label with the links under it and a comment box's prompts
    (我要评论, 请输入验证码) are page chrome, not the last section's paragraphs; the same words inside
    the text stay."""
    review = "".join(f"第{k}项工作取得新进展，全市生产总值增长5.1%。\n" for k in range(1, 40))
    body = ("各位代表：\n现在，我代表市人民政府报告工作。\n一、2025年工作回顾\n" + review +
            "二、2026年工作安排\n新建公园10个，扫一扫码即可预约入园。\n")
    tails = ["\n【打印本页】【关闭窗口】\n扫一扫在手机打开当前页\n主办：某某市人民政府办公厅 承办：某某市大数据中心\n"
             "网站标识码：1100000088 某ICP备05060933号\n",
             "\n相关链接：\n2025年政府工作报告\n2024年政府工作报告\n",
             "\n我要评论\n请输入验证码\n"]
    for tail in tails:
        text = "2026年某市政府工作报告\n" + body + tail
        s = api.extract_text(text)
        last = s.sections[-1].paragraphs
        assert last == ["新建公园10个，扫一扫码即可预约入园。"], last
        assert_nothing_lost(text, s)
