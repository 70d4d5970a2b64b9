"""The DOCX renderer, read back with python-docx and as OOXML, and opened by a real client
(LibreOffice headless) when it is installed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from lxml import etree

from briefing.model import Highlight, Section, Summary, Target
from briefing.renderers import RenderOptions
from briefing.renderers.common import (
    APPENDIX_COLUMNS,
    chinese_numeral,
    format_number,
    heading_texts,
    section_number,
    target_value_text,
)
from briefing.renderers.docx import render
from briefing.renderers.docx_xml import PPR_ORDER, RPR_ORDER, mm_to_twips
from briefing.template import load

FIXTURES = Path(__file__).parent.parent / "fixtures"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
TEMPLATES = ("standard", "gbt9704")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def article() -> Summary:
    return Summary.from_json((FIXTURES / "article.summary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report() -> Summary:
    return Summary.from_json((FIXTURES / "report-beijing.summary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(article: Summary) -> dict[str, bytes]:
    return {name: render(article, load(name)) for name in TEMPLATES}


def parts(data: bytes) -> dict[str, etree._Element]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")}


def all_texts(data: bytes) -> list[str]:
    """Every paragraph's text, body and table cells, in document order."""
    body = parts(data)["word/document.xml"]
    return ["".join(t.text or "" for t in p.iter(w("t"))) for p in body.iter(w("p"))]


def style_of(root: etree._Element, name: str) -> etree._Element:
    for st in root.iter(w("style")):
        n = st.find(w("name"))
        if n is not None and n.get(w("val")) == name:
            return st
    raise AssertionError(f"no style named {name}")


# -- content -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", TEMPLATES)
def test_every_paragraph_highlight_and_target_is_in_the_document(built, article, name):
    texts = all_texts(built[name])
    joined = "\n".join(texts)
    for p in article.all_paragraphs():
        assert p in texts, p[:30]
    for sec in article.sections:
        for h in sec.highlights:
            assert f" {h.label} " in texts
    table_rows = _appendix_rows(built[name])
    assert table_rows[0] == list(APPENDIX_COLUMNS)
    assert len(table_rows) == len(article.targets) + 1
    for row, t in zip(table_rows[1:], article.targets):
        assert row[2] == t.indicator and row[3] == target_value_text(t) and row[4] == t.unit
        assert row[5] == (t.qualifier or "")
    assert article.title in texts and article.kicker in texts
    assert "本报讯　记者 孙庆辉" in joined


def _tables(data: bytes) -> list[etree._Element]:
    return list(parts(data)["word/document.xml"].iter(w("tbl")))


def _appendix_rows(data: bytes) -> list[list[str]]:
    for tbl in _tables(data):
        rows = [["".join(t.text or "" for t in tc.iter(w("t"))) for tc in tr.iter(w("tc"))]
                for tr in tbl.iter(w("tr"))]
        if rows and rows[0] == list(APPENDIX_COLUMNS):
            return rows
    raise AssertionError("no appendix table")


def test_python_docx_reads_the_styles_and_headings(built, article):
    d = docx.Document(io.BytesIO(built["standard"]))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{chinese_numeral(i)}、{s.keyword}" for i, s in enumerate(article.sections, 1)]
    assert [p.text for p in d.paragraphs if p.style.name == "Title"] == [article.title]
    body = [p.text for p in d.paragraphs if p.style.name == "Body Text"]
    assert body == [b for s in article.sections for b in s.blocks() if isinstance(b, str)]
    assert d.core_properties.title == article.title


def test_subsections_are_heading_2_numbered_in_parentheses():
    s = Summary(title="T", sections=[
        Section(keyword="总体要求", paragraphs=["甲。"], subsections=[
            Section(keyword="稳增长", paragraphs=["乙。"]), Section(keyword="促改革", paragraphs=["丙。"])]),
        Section(keyword="重点任务", paragraphs=["丁。"])])
    d = docx.Document(io.BytesIO(render(s, load("gbt9704"))))
    heads = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads == [("Heading 1", "一、总体要求"), ("Heading 2", "（一）稳增长"), ("Heading 2", "（二）促改革"),
                     ("Heading 1", "二、重点任务")]


def test_report_headings_that_carry_numbers_are_not_numbered_twice(report):
    texts = all_texts(render(report, load("standard")))
    assert "一、2025年工作回顾" in texts
    assert not any(t.startswith("一、一、") or t.startswith("（一）（一）") for t in texts)
    rows = _appendix_rows(render(report, load("standard")))
    assert rows[1][1] == "三、2026年重点工作"


# -- styles, fonts, language -------------------------------------------------------------------

@pytest.mark.parametrize("name", TEMPLATES)
def test_heading_styles_carry_outline_levels(built, name):
    styles = parts(built[name])["word/styles.xml"]
    for style, level in (("heading 1", "0"), ("heading 2", "1"), ("heading 3", "2"), ("Appendix Title", "0")):
        lvl = style_of(styles, style).find("w:pPr/w:outlineLvl", NS)
        assert lvl is not None and lvl.get(w("val")) == level, style


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_style_and_doc_defaults_set_all_four_font_slots(built, name):
    tpl = load(name)
    styles = parts(built[name])["word/styles.xml"]
    role_of = {"Title": "title", "heading 1": "heading", "heading 2": "subheading", "Body Text": "body",
               "Highlight": "highlight", "Highlight Label": "label", "Table Header": "table_header",
               "Masthead": "masthead", "footer": "page_number", "Normal": "body"}
    for st in styles.iter(w("style")):
        if st.get(w("type")) != "paragraph":
            continue
        f = st.find("w:rPr/w:rFonts", NS)
        assert f is not None, st.get(w("styleId"))
        assert all(f.get(w(k)) for k in ("ascii", "hAnsi", "eastAsia", "cs")), st.get(w("styleId"))
        name_ = st.find(w("name")).get(w("val"))
        if name_ in role_of:
            role = tpl.role(role_of[name_])
            assert f.get(w("eastAsia")) == role.fonts[0] and f.get(w("ascii")) == role.latin
    d = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert d.find("w:rFonts", NS).get(w("eastAsia")) == tpl.role("body").fonts[0]
    assert d.find("w:lang", NS).get(w("eastAsia")) == "zh-CN"
    assert not [a for e in styles.iter(w("rFonts")) for a in e.attrib if "Theme" in a]


@pytest.mark.parametrize("name", TEMPLATES)
def test_theme_and_settings_are_chinese(built, name):
    p = parts(built[name])
    theme = etree.tostring(p["word/theme/theme1.xml"], encoding="unicode")
    for bad in ("Calibri", "等线", "ＭＳ 明朝", "MS Mincho", "Jpan"):
        assert bad not in theme
    assert p["word/theme/theme1.xml"].find(".//a:minorFont/a:ea", NS).get("typeface") == load(name).role("body").fonts[0]
    settings = p["word/settings.xml"]
    assert settings.find("w:themeFontLang", NS).get(w("eastAsia")) == "zh-CN"
    assert settings.find("w:characterSpacingControl", NS).get(w("val")) == "compressPunctuation"


def test_font_table_names_each_face_with_its_alternative(built):
    fonts = parts(built["gbt9704"])["word/fontTable.xml"]
    alt = {f.get(w("name")): (f.find("w:altName", NS).get(w("val")) if f.find("w:altName", NS) is not None else None)
           for f in fonts.iter(w("font"))}
    t = load("gbt9704")
    assert alt["仿宋_GB2312"].split(",")[0] == "仿宋" and alt["方正小标宋简体"].split(",")[0] == "方正小标宋_GBK"
    assert alt["黑体"].split(",")[0] == "SimHei"
    assert "Times New Roman" in alt
    # issue 17: the whole chain, East-Asian faces down to the bundled one that keeps the weight
    assert alt["方正小标宋简体"].split(",") == t.role("title").fonts[1:]
    assert alt["方正小标宋简体"].split(",")[-1].startswith("Noto Serif SC")
    family = {f.get(w("name")): f.find("w:family", NS).get(w("val")) for f in fonts.iter(w("font"))}
    assert family["方正小标宋简体"] == "roman" and family["黑体"] == "swiss"


@pytest.mark.parametrize("name", TEMPLATES)
def test_runs_with_quotes_dashes_and_ellipses_hint_east_asia(built, name):
    body = parts(built[name])["word/document.xml"]
    checked = 0
    for r in body.iter(w("r")):
        text = "".join(t.text or "" for t in r.iter(w("t")))
        if re.search("[“”‘’—…]", text):
            f = r.find("w:rPr/w:rFonts", NS)
            assert f is not None and f.get(w("hint")) == "eastAsia", text[:20]
            checked += 1
    assert checked > 5


def test_body_style_has_exact_leading_and_two_character_indent(built):
    for name in TEMPLATES:
        tpl = load(name)
        st = style_of(parts(built[name])["word/styles.xml"], "Body Text")
        sp, ind = st.find("w:pPr/w:spacing", NS), st.find("w:pPr/w:ind", NS)
        assert sp.get(w("lineRule")) == "exact" and sp.get(w("line")) == str(round(tpl.role("body").leading * 20))
        assert ind.get(w("firstLineChars")) == "200"
        assert ind.get(w("firstLine")) == str(round(2 * tpl.role("body").size * 20))
    assert style_of(parts(built["gbt9704"])["word/styles.xml"], "Body Text").find(
        "w:pPr/w:spacing", NS).get(w("line")) == "560"


def test_gbt9704_body_is_condensed_to_28_characters_a_line(built):
    normal = style_of(parts(built["gbt9704"])["word/styles.xml"], "Normal")
    cs = int(normal.find("w:rPr/w:spacing", NS).get(w("val")))
    assert 28 * (16 + cs / 20) <= (11906 - 1588 - 1474) / 20 < 29 * (16 + cs / 20)
    assert style_of(parts(built["standard"])["word/styles.xml"], "Normal").find("w:rPr/w:spacing", NS) is None


def test_children_are_in_schema_order(built):
    """Word refuses a file whose pPr/rPr children are out of order; LibreOffice does not care."""
    for data in built.values():
        for name, root in parts(data).items():
            for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER)):
                for el in root.iter(w(tag)):
                    seen = [etree.QName(c).localname for c in el]
                    ranks = [order.index(s) for s in seen if s in order]
                    assert ranks == sorted(ranks), f"{name}: {tag} {seen}"


# -- boxes and tables --------------------------------------------------------------------------

def _box_tables(data: bytes) -> list[etree._Element]:
    return [t for t in _tables(data) if t.find(".//w:pStyle[@w:val='HighlightLabel']", NS) is not None]


def test_highlight_box_is_a_tinted_one_cell_table_with_its_label(built, article):
    boxes = _box_tables(built["standard"])
    assert len(boxes) == sum(len(s.highlights) for s in article.sections)
    cell = boxes[0].find(".//w:tc", NS)
    assert len(boxes[0].findall(".//w:tc", NS)) == 1
    assert cell.find("w:tcPr/w:shd", NS).get(w("fill")) == "F2F5F9"
    assert boxes[0].find("w:tblPr/w:tblBorders/w:left", NS).get(w("color")) == "8EA4BF"


def test_short_box_keeps_together_and_long_box_may_split():
    short = Highlight(label="经验做法", paragraphs=["一段简短的经验做法。"])
    long = Highlight(label="典型案例", paragraphs=["很长的案例文字。" * 60] * 4)
    s = Summary(title="T", sections=[Section(keyword="甲", paragraphs=["正文。"], highlights=[short, long])])
    boxes = _box_tables(render(s, load("standard")))
    assert boxes[0].find("w:tr/w:trPr/w:cantSplit", NS) is not None
    # issue 17: a long box splits, but its label stays with its first paragraph, in a first row
    # that does not split (never the label and one line at a page foot)
    head, rest = boxes[1].findall("w:tr", NS)
    assert head.find("w:trPr/w:cantSplit", NS) is not None and rest.find("w:trPr/w:cantSplit", NS) is None
    styles = [p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in head.iter(w("p"))]
    assert styles == ["HighlightLabel", "Highlight"] and len(list(rest.iter(w("p")))) == 3
    # …and a first paragraph of half a page or more is no row of its own
    huge = Highlight(label="典型案例", paragraphs=["很长的案例文字。" * 200] * 2)
    s = Summary(title="T", sections=[Section(keyword="甲", paragraphs=["正文。"], highlights=[huge])])
    assert len(_box_tables(render(s, load("standard")))[0].findall("w:tr", NS)) == 1


@pytest.mark.parametrize("name", TEMPLATES)
def test_appendix_header_row_repeats_and_rows_do_not_split(built, name):
    tbl = next(t for t in _tables(built[name]) if "序号" in "".join(t.find("w:tr", NS).itertext()))
    rows = tbl.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    title = [t for t in all_texts(built[name]) if t == "附：目标任务一览"]
    assert title


def test_no_appendix_without_targets(article):
    texts = all_texts(render(replace(article, targets=[]), load("standard")))
    assert "附：目标任务一览" not in texts


def test_target_values_format_ranges_and_numbers():
    assert target_value_text(Target(section=1, indicator="x", value=4.5, value_max=5, unit="%")) == "4.5～5"
    assert target_value_text(Target(section=1, indicator="x", value=2.0, unit="%")) == "2"
    assert format_number(1126.6) == "1126.6" and format_number(1000) == "1000"
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 21, 100, 105)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五"]
    assert [section_number(3, d) for d in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert heading_texts([Section(keyword="一、甲"), Section(keyword="附件1 乙")]) == ["一、甲", "附件1 乙"]


# -- page furniture ----------------------------------------------------------------------------

def _footers(data: bytes) -> dict[str, etree._Element]:
    p = parts(data)
    rels = {r.get("Id"): r.get("Target") for r in p["word/_rels/document.xml.rels"]}
    sect = p["word/document.xml"].find(".//w:body/w:sectPr", NS)
    return {ref.get(w("type")): p["word/" + rels[ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]]
            for ref in sect.findall("w:footerReference", NS)}


def _footer_text(ftr: etree._Element) -> str:
    out = ""
    for r in ftr.iter(w("r")):
        instr = r.find(w("instrText"))
        if instr is not None:
            out += "{" + instr.text.strip() + "}"
        elif r.find(w("fldChar")) is None:
            out += "".join(t.text or "" for t in r.iter(w("t")))
    return re.sub(r"\{PAGE\}1", "{PAGE}", out)


def test_standard_footer_is_a_centred_page_field(built):
    f = _footers(built["standard"])
    assert _footer_text(f["default"]) == "— {PAGE} —"
    assert f["default"].find(".//w:jc", NS).get(w("val")) == "center"


def test_gbt9704_footer_is_right_on_odd_pages_and_left_on_even_pages(built):
    f = _footers(built["gbt9704"])
    assert _footer_text(f["default"]) == _footer_text(f["even"]) == "— {PAGE} —"
    assert f["default"].find(".//w:jc", NS).get(w("val")) == "right"
    assert f["even"].find(".//w:jc", NS).get(w("val")) == "left"
    assert parts(built["gbt9704"])["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None


@pytest.mark.parametrize("name", TEMPLATES)
def test_page_size_and_margins_match_the_template(built, name):
    tpl = load(name)
    sect = parts(built[name])["word/document.xml"].find(".//w:body/w:sectPr", NS)
    size, mar = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    p = tpl.page
    assert (size.get(w("w")), size.get(w("h"))) == (str(mm_to_twips(p.width_mm)), str(mm_to_twips(p.height_mm)))
    for k, v in (("top", p.margin_top_mm), ("bottom", p.margin_bottom_mm), ("left", p.margin_left_mm),
                 ("right", p.margin_right_mm)):
        assert mar.get(w(k)) == str(mm_to_twips(v))
    if name == "gbt9704":
        assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
        assert [mar.get(w(k)) for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1588", "1474"]


def test_gbt9704_masthead_is_red_with_issue_and_rule(built):
    body = parts(built["gbt9704"])["word/document.xml"].find("w:body", NS)
    paras = body.findall("w:p", NS)
    assert "".join(paras[0].itertext()) == "工作简报"
    assert paras[0].find(".//w:pStyle", NS).get(w("val")) == "Masthead"
    masthead = style_of(parts(built["gbt9704"])["word/styles.xml"], "Masthead")
    assert masthead.find("w:rPr/w:color", NS).get(w("val")) == "FF0000"
    assert "".join(paras[1].itertext()) == "第1期"
    rule = paras[2].find("w:pPr/w:pBdr/w:bottom", NS)
    assert rule.get(w("color")) == "FF0000" and rule.get(w("val")) == "single"


def test_gbt9704_masthead_shows_unit_left_and_date_right(article):
    tpl = load("gbt9704")
    tpl = replace(tpl, masthead=replace(tpl.masthead, unit="郑州高新区管委会办公室", date="2026年3月1日"))
    body = parts(render(article, tpl))["word/document.xml"].find("w:body", NS)
    line = body.findall("w:p", NS)[2]
    assert "".join(line.itertext()) == "郑州高新区管委会办公室2026年3月1日"
    assert line.find(".//w:r/w:tab", NS) is not None
    assert line.find("w:pPr/w:tabs/w:tab", NS).get(w("val")) == "right"


def test_gbt9704_tail_lists_distribution_and_copies(article):
    tpl = load("gbt9704")
    tpl = replace(tpl, tail=replace(tpl.tail, report_to="市委办公厅", send_to="各区政府", copies=40))
    data = render(article, tpl)
    texts = [t for t in all_texts(data) if t]
    assert texts[-3:] == ["报：市委办公厅", "送：各区政府", "共印40份"]
    tail = _tables(data)[-1]
    assert tail.find("w:tr/w:trPr/w:cantSplit", NS) is not None
    assert {e.tag for e in tail.find("w:tblPr/w:tblBorders", NS)} == {w("top"), w("bottom")}


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _tail_doc(s: Summary) -> etree._Element:
    tpl = load("gbt9704")
    tpl = replace(tpl, tail=replace(tpl.tail, report_to="市委办公厅", copies=40))
    return parts(render(s, tpl))["word/document.xml"].find("w:body", NS)


def test_gbt9704_tail_after_text_is_a_text_box_at_the_foot_of_the_type_area():
    """After a paragraph, the 版记 is a text box anchored at the end of the body's last paragraph,
    aligned to the bottom of the margin box, text above and below it only; nothing after it."""
    s = Summary(title="标题", sections=[Section(keyword="一", paragraphs=["正文第一段。", "正文最后一段。"])])
    body = _tail_doc(s)
    paras = body.findall("w:p", NS)
    ns = {**NS, "wp": WP, "wps": _WPS}
    assert "正文最后一段。" in "".join(paras[-1].find("w:r", NS).itertext())
    anchor = paras[-1].find("w:r/w:drawing/wp:anchor", ns)
    assert anchor is not None and anchor.get("behindDoc") == "0"
    v = anchor.find("wp:positionV", ns)
    assert v.get("relativeFrom") == "margin" and v.find("wp:align", ns).text == "bottom"
    assert anchor.find("wp:positionH", ns).get("relativeFrom") == "margin"
    assert anchor.find("wp:wrapTopAndBottom", ns) is not None
    box = anchor.find(".//wps:txbx/w:txbxContent", ns)
    assert "共印40份" in "".join(box.itertext())
    assert [e.tag for e in body][-2:] == [w("p"), w("sectPr")]


_TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark")


def _tail_after_table(s: Summary) -> tuple[etree._Element, list[etree._Element]]:
    """The table that ends the body (with the 版记's row) and its rows, checked for what holds for
    every such table: a 1-twip paragraph closes the body, the box is anchored in the added row."""
    body = _tail_doc(s)
    blocks = [e for e in body if e.tag in (w("p"), w("tbl"))]
    table, closing = blocks[-2], blocks[-1]
    assert table.tag == w("tbl") and not closing.findall(".//w:t", NS)
    assert closing.find("w:pPr/w:spacing", NS).get(w("line")) == "1"
    rows = table.findall("w:tr", NS)
    for tc in table.iter(w("tc")):
        names = [etree.QName(e).localname for e in tc.find("w:tcPr", NS)]
        assert names == sorted(names, key=_TCPR_ORDER.index), names  # Word rejects another order
    return table, rows


def test_gbt9704_tail_after_a_table_stands_in_a_row_added_to_it_tied_to_its_last_row():
    """After a table (here the targets without charts) the 版记 is a text box in front of the text at
    the foot of the page, anchored in a row added to the table, borderless and exactly as tall as
    the 版记 and a line, so the table never runs under the box. The added row holds to the table's
    last row: keepNext there (Word), and a cell one point wide spanning both rows (LibreOffice)."""
    s = Summary(title="标题", sections=[Section(keyword="一", paragraphs=["正文。"])],
                targets=[Target(section=1, indicator=f"指标{k}", value=k, unit="个") for k in range(3)])
    table, rows = _tail_after_table(s)
    assert len(rows) == 1 + 3 + 1  # header, targets, the 版记's row
    ns = {**NS, "wp": WP, "wps": _WPS}
    anchor = rows[-1].find(".//wp:anchor", ns)
    assert anchor is not None and anchor.get("layoutInCell") == "0"
    assert anchor.find("wp:wrapNone", ns) is not None
    v = anchor.find("wp:positionV", ns)
    assert v.get("relativeFrom") == "margin" and v.find("wp:align", ns).text == "bottom"
    assert "共印40份" in "".join(anchor.itertext())
    height = rows[-1].find("w:trPr/w:trHeight", NS)
    box = int(anchor.find("wp:extent", ns).get("cy")) / 635  # EMU to twips
    assert height.get(w("hRule")) == "exact" and int(height.get(w("val"))) > box
    assert rows[-1].find("w:trPr/w:cantSplit", NS) is not None
    # the tie: the last target row's paragraphs keep with the next row, and one narrow column's
    # cell starts a vertical merge there that the 版记's row continues
    last, added = rows[-2], rows[-1]
    assert "指标2" in "".join(last.itertext())
    assert all(p.find("w:pPr/w:keepNext", NS) is not None for p in last.iter(w("p")))
    grid = [int(c.get(w("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert grid[-1] == 20 and int(table.find("w:tblPr/w:tblW", NS).get(w("w"))) == sum(grid)
    assert last.findall("w:tc", NS)[-1].find("w:tcPr/w:vMerge", NS).get(w("val")) == "restart"
    merged = added.findall("w:tc", NS)[-1].find("w:tcPr/w:vMerge", NS)
    assert merged is not None and merged.get(w("val")) is None
    assert int(added.findall("w:tc", NS)[0].find("w:tcPr/w:gridSpan", NS).get(w("val"))) == len(grid) - 1
    # the table's rules moved onto its cells, so that they frame the targets and not the added row
    assert table.find("w:tblPr/w:tblBorders", NS) is None
    bottoms = [tc.find("w:tcPr/w:tcBorders/w:bottom", NS) for tc in last.findall("w:tc", NS)[:-1]]
    assert all(b is not None and b.get(w("val")) == "single" for b in bottoms)
    assert all(b.get(w("val")) == "nil" for tc in added.findall("w:tc", NS)
               for b in tc.find("w:tcPr/w:tcBorders", NS))


def test_gbt9704_tail_after_a_long_box_holds_on_to_the_row_of_its_last_paragraph():
    """A long box ends in a row of its own, its last paragraph, that does not split: that row, not
    the whole box, goes over to the next page with the 版记 when the page has no room for it."""
    para = "段落文字，用来填满一页纸。" * 4
    s = Summary(title="标题", sections=[Section(keyword="一", paragraphs=["正文。"], order=["p", "h"],
                                              highlights=[Highlight(label="经验做法", paragraphs=[para] * 8)])])
    _, rows = _tail_after_table(s)
    texts = ["".join(r.itertext()) for r in rows]
    assert texts[0].startswith(" 经验做法 ") and texts[-2] == para and "共印40份" in texts[-1]
    assert rows[-2].find("w:trPr/w:cantSplit", NS) is not None
    assert rows[-3].find("w:trPr/w:cantSplit", NS) is None  # the middle of the box may split
    # the rows join without a seam: no cell margin where they meet
    for upper, lower in zip(rows[:-2], rows[1:-1]):
        assert upper.find("w:tc/w:tcPr/w:tcMar/w:bottom", NS).get(w("w")) == "0"
        assert lower.find("w:tc/w:tcPr/w:tcMar/w:top", NS).get(w("w")) == "0"
    edges = {etree.QName(b).localname for r in rows[:-1] for b in r.find("w:tc/w:tcPr/w:tcBorders", NS)}
    assert edges == {"top", "left", "bottom", "right"}


def test_empty_tail_is_left_out_as_in_the_pdf(built):
    assert not any(t.startswith(("报：", "共印")) for t in all_texts(built["gbt9704"]))


def test_standard_has_band_masthead_and_no_tail(built):
    texts = all_texts(built["standard"])
    assert texts[0] == "工作简报"
    assert not any(t.startswith("报：") for t in texts)
    sect = parts(built["standard"])["word/document.xml"].find(".//w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None  # running header from page 2


# -- package -----------------------------------------------------------------------------------

def test_identical_input_gives_identical_bytes(article):
    a, b = render(article, load("gbt9704")), render(article, load("gbt9704"))
    assert a == b
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(a)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_core_properties(article):
    tpl = load("gbt9704")
    tpl = replace(tpl, meta=replace(tpl.meta, author="市政府办公室"))
    s = replace(article, keywords=["高新区", "创新"], date="2021年3月2日")
    props = docx.Document(io.BytesIO(render(s, tpl))).core_properties
    assert props.title == article.title
    assert props.subject == "工作简报 第1期"
    assert props.keywords == "高新区; 创新"
    assert props.author == "市政府办公室"
    assert props.created.isoformat().startswith("2021-03-02")


def test_characters_xml_forbids_are_removed_with_a_warning():
    warnings: list[str] = []
    s = Summary(title="标题\x00", sections=[Section(keyword="甲\x0b", paragraphs=["正文\x01内容<b>&amp;\ufffe"])])
    data = render(s, load("standard"), RenderOptions(warn=warnings.append))
    texts = all_texts(data)
    assert "正文内容<b>&amp;" in texts and "标题" in texts
    assert len(warnings) == 1 and "4 character" in warnings[0] and "U+0000" in warnings[0]


def test_reference_docx_styles_win_and_missing_styles_are_added(article, tmp_path):
    ref = docx.Document()
    ref.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0x12, 0x34, 0x56)
    ref.save(tmp_path / "ref.docx")
    # a relative reference_docx is found beside the template file
    toml = 'reference_docx = "ref.docx"\n' + Path(load("standard").source).read_text(encoding="utf-8")
    (tmp_path / "office.toml").write_text(toml, encoding="utf-8")
    tpl = load(tmp_path / "office.toml")
    d = docx.Document(io.BytesIO(render(article, tpl)))
    assert d.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0x12, 0x34, 0x56)
    boxed = [p for t in d.tables for c in t._cells for p in c.paragraphs if p.style.name == "Highlight"]
    assert boxed and all(p.style.paragraph_format.first_line_indent for p in boxed)
    theme = zipfile.ZipFile(io.BytesIO(render(article, tpl))).read("word/theme/theme1.xml").decode()
    assert "Calibri" not in theme and "ＭＳ" not in theme


def test_reference_docx_matches_styles_by_name_not_id(article, tmp_path):
    """Chinese Word saves Heading 1 with styleId "1"."""
    ref = docx.Document()
    ref.save(tmp_path / "ref.docx")
    z = zipfile.ZipFile(tmp_path / "ref.docx")
    items = {n: z.read(n) for n in z.namelist()}
    items["word/styles.xml"] = items["word/styles.xml"].replace(b'w:styleId="Heading1"', b'w:styleId="1"')
    with zipfile.ZipFile(tmp_path / "zh.docx", "w") as out:
        for n, b in items.items():
            out.writestr(n, b)
    tpl = replace(load("standard"), reference_docx=str(tmp_path / "zh.docx"))
    body = parts(render(article, tpl))["word/document.xml"]
    used = {e.get(w("val")) for e in body.iter(w("pStyle"))}
    assert "1" in used and "Heading1" not in used


def test_missing_reference_docx_is_a_template_error(article):
    from briefing.errors import TemplateError

    with pytest.raises(TemplateError, match="reference_docx"):
        render(article, replace(load("standard"), reference_docx="/nonexistent/ref.docx"))


# -- a real client -----------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def libreoffice_pdfs(built, article, report, tmp_path_factory):
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the DOCX in a real client")
    out = tmp_path_factory.mktemp("lo")
    files = {f"article-{n}": data for n, data in built.items()}
    files["report-gbt9704"] = render(report, load("gbt9704"))
    files["report-standard"] = render(report, load("standard"))
    files["tail-gbt9704"] = render(article, _with_tail(load("gbt9704")))
    for stem, data in files.items():
        (out / f"{stem}.docx").write_bytes(data)
    # a profile of its own: a second soffice on a shared profile exits 0 and converts nothing
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *[str(out / f"{s}.docx") for s in files]],
                   capture_output=True, timeout=300)
    return {stem: out / f"{stem}.pdf" for stem in files}


@pytest.mark.slow
@pytest.mark.parametrize("stem", ["article-standard", "article-gbt9704", "report-gbt9704", "report-standard"])
def test_libreoffice_prints_every_paragraph(libreoffice_pdfs, article, report, stem):
    """Every paragraph in the text of LibreOffice's PDF, whole: nothing (a running header) comes
    between the lines of a paragraph that runs over a page break (the report has many)."""
    pdf = libreoffice_pdfs[stem]
    assert pdf.exists() and pdf.stat().st_size > 1000, "LibreOffice made no PDF (it exits 0 even then)"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = re.sub(r"[—–\-]\d+[—–\-]", "", _norm(text))
    s = article if stem.startswith("article") else report
    lost = [p for p in s.all_paragraphs() + [sec.keyword for _, sec in s.all_sections()] if _norm(p) not in flat]
    assert not lost, lost[0][:40]


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_paragraph_is_in_the_document_xml_with_its_tags_stripped(article, report, name):
    """What reads the text of document.xml by dropping its tags (as the DOCX checks do) finds every
    paragraph and heading as typed: no character is an element (a hyphen, a space)."""
    for s in (article, report):
        xml = zipfile.ZipFile(io.BytesIO(render(s, load(name)))).read("word/document.xml").decode()
        text = _norm(re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n")))
        lost = [p for p in s.all_paragraphs() + [sec.keyword for _, sec in s.all_sections()] if _norm(p) not in text]
        assert not lost, lost[0][:40]


def _with_tail(tpl):
    # this tail fills the appendix page to its last line (a trailing paragraph would add a page)
    return replace(tpl, masthead=replace(tpl.masthead, issue="第3期", unit="郑州高新区管委会办公室"),
                   tail=replace(tpl.tail, report_to="市委、市政府", send_to="各区县（市）政府，市直各单位",
                                issue_to="区直各部门", copies=60))


@pytest.mark.slow
def test_libreoffice_ends_on_the_tail_without_an_empty_page(libreoffice_pdfs):
    out = subprocess.run(["pdftotext", str(libreoffice_pdfs["tail-gbt9704"]), "-"], capture_output=True,
                         text=True).stdout
    last = _norm(out.split("\f")[-2])  # pdftotext ends every page with a form feed
    assert "共印60份" in last and "附：目标任务一览" in _norm(out)


@pytest.mark.slow
@pytest.mark.parametrize("stem", ["article-standard", "article-gbt9704", "report-gbt9704", "report-standard"])
def test_libreoffice_page_count_is_within_one_of_our_pdf(libreoffice_pdfs, article, report, stem):
    pypdf = pytest.importorskip("pypdf")
    from briefing.renderers.pdf import render as render_pdf

    s = article if stem.startswith("article") else report
    ours = pypdf.PdfReader(io.BytesIO(render_pdf(s, load(stem.split("-")[1]), RenderOptions()))).pages
    theirs = pypdf.PdfReader(str(libreoffice_pdfs[stem])).pages
    assert abs(len(theirs) - len(ours)) <= 1, (len(theirs), len(ours))


# -- robustness --------------------------------------------------------------------------------

def test_empty_summary_renders_a_valid_document():
    for name in TEMPLATES:
        d = docx.Document(io.BytesIO(render(Summary(), load(name))))
        assert d.sections[0].page_width is not None


def test_heading_stays_with_a_box_that_opens_its_section():
    s = Summary(title="T", sections=[Section(keyword="甲", highlights=[Highlight(label="做法", paragraphs=["内容。"])])])
    body = parts(render(s, load("standard")))["word/document.xml"].find("w:body", NS)
    kids = list(body)
    i = next(i for i, k in enumerate(kids) if "".join(k.itertext()) == "一、甲")
    assert kids[i + 1].find("w:pPr/w:keepNext", NS) is not None and kids[i + 2].tag == w("tbl")
    assert style_of(parts(render(s, load("standard")))["word/styles.xml"], "heading 1").find(
        "w:pPr/w:keepNext", NS) is not None


_ANY_TEXT = hs.text(hs.one_of(hs.characters(blacklist_categories=("Cs",)), hs.sampled_from("\t\r\n“…<&")),
                    max_size=40)


@settings(max_examples=40, deadline=None)
@given(title=_ANY_TEXT, para=_ANY_TEXT, label=_ANY_TEXT, unit=_ANY_TEXT)
def test_any_text_gives_a_document_python_docx_opens_with_the_text_kept(title, para, label, unit):
    from briefing.textutil import xml_clean

    s = Summary(title=title, lead=[para], sections=[
        Section(keyword=label or "甲", paragraphs=[para], highlights=[Highlight(label=label, paragraphs=[para])])],
        targets=[Target(section=1, indicator=label, value=1.5, unit=unit)])
    data = render(s, load("gbt9704"))
    texts = all_texts(data)
    docx.Document(io.BytesIO(data))
    kept = re.sub("[\t\r\n]", "", xml_clean(para))
    if kept:
        assert kept in texts


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_masthead_prints_a_numeric_report_date_as_a_chinese_date(name):
    texts = all_texts(render(Summary(title="题", date="2026-02-02", lead=["正文。"]), load(name)))
    assert any("2026年2月2日" in t for t in texts)
    assert not any("2026-02-02" in t for t in texts)


def test_standard_running_header_has_the_name_and_the_title_as_the_pdf(built, article):
    """Issue 17: the header of later pages shows the briefing's name (accent, left) and the title
    (grey, right) over a rule, as the PDF; as a picture of that text with the text as alt text, so
    that LibreOffice's PDF of the DOCX does not put it inside paragraphs that run over a page."""
    from PIL import Image

    data = built["standard"]
    p = parts(data)
    rels = p["word/_rels/document.xml.rels"]
    sect = p["word/document.xml"].find(".//w:body/w:sectPr", NS)
    R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    target = {r.get("Id"): r.get("Target") for r in rels}
    ref = {h.get(w("type")): target[h.get(R + "id")] for h in sect.findall("w:headerReference", NS)}
    later, first = p["word/" + ref["default"]], p["word/" + ref["first"]]
    assert not "".join(later.itertext()) and not "".join(first.itertext())  # no text to copy
    assert first.find(".//w:drawing", NS) is None
    ns = {**NS, "wp": WP}
    doc_pr = later.find(".//wp:inline/wp:docPr", ns)
    name = load("standard").masthead.name
    assert doc_pr.get("descr") == f"{name} {article.title}"
    assert later.find(".//w:pPr/w:pBdr/w:bottom", NS) is not None  # the rule
    # the picture: related from the header part, as wide as the type area, the name in the accent
    # colour on the left and the title in grey on the right
    blip = later.find(".//a:blip", NS).get(R + "embed")
    part_rels = zipfile.ZipFile(io.BytesIO(data)).read(f"word/_rels/{ref['default']}.rels")
    png = {r.get("Id"): r.get("Target") for r in etree.fromstring(part_rels)}[blip]
    img = Image.open(io.BytesIO(zipfile.ZipFile(io.BytesIO(data)).read(f"word/{png}"))).convert("RGB")
    cx = int(later.find(".//wp:inline/wp:extent", ns).get("cx"))
    assert cx == round((mm_to_twips(210) - mm_to_twips(25) * 2) / 20 * 12700)
    accent = tuple(int(load("standard").colors.accent.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    colours = {img.getpixel((x, y)) for x in range(img.width) for y in range(0, img.height, 2)}
    left = {img.getpixel((x, y)) for x in range(img.width // 2) for y in range(img.height)}
    right = {img.getpixel((x, y)) for x in range(img.width // 2, img.width) for y in range(img.height)}
    assert accent in left and accent not in right and (85, 85, 85) in right and len(colours) > 10


@pytest.mark.parametrize("name, charts", [("beijing-glance.summary.json", True), ("report-beijing.summary.json", False)])
def test_the_last_appendix_rows_keep_with_the_charts(name, charts):
    s = Summary.from_json((FIXTURES / name).read_text(encoding="utf-8"))
    table = next(t for t in _tables(render(s, load("gbt9704"))) if "序号" in "".join(t.find("w:tr", NS).itertext()))
    keeps = [tr.find(".//w:keepNext", NS) is not None for tr in table.findall("w:tr", NS)]
    assert keeps[-2:] == [charts, charts] and not any(keeps[:-2])  # no chart alone on the last page
    body = parts(render(s, load("gbt9704")))["word/document.xml"]
    pictures = [p for p in body.iter(w("p")) if p.find(".//w:drawing", NS) is not None]
    # of the charts, the last two keep together (a chain through all would leave a page empty)
    assert [p.find("w:pPr/w:keepNext", NS) is not None for p in pictures] == [False] * (len(pictures) - 2) + [True, False][-len(pictures):] if charts else not pictures


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_box_label_tag_keeps_clear_of_the_border(built, name):
    # the tag's shading is as tall as the label face's ascent and descent (about 1.45 em), taller
    # than the label's exact line: the space above it keeps it off the box's top border
    styles = parts(built[name])["word/styles.xml"]
    label = styles.find(".//w:style[@w:styleId='HighlightLabel']", NS)
    role = load(name).role("label")
    before = int(label.find("w:pPr/w:spacing", NS).get(w("before")))
    assert before / 20 + (role.leading - 1.45 * role.size) / 2 >= 1.0


def test_a_hyphen_inside_a_name_is_text_of_the_paragraph():
    """中国-北欧 keeps its "-" as a character of the text (w:t), as every other hyphen: a
    w:noBreakHyphen is lost to whatever reads the text of the XML (the DOCX checks strip the tags),
    and LibreOffice breaks after it anyway."""
    s = Summary(title="T", sections=[Section(keyword="甲", paragraphs=["中国-北欧经贸合作论坛、COVID-19防控。"])])
    data = render(s, load("standard"))
    body = parts(data)["word/document.xml"]
    p = next(p for p in body.iter(w("p")) if "北欧" in "".join(p.itertext()))
    assert not list(p.iter(w("noBreakHyphen")))
    assert "".join(p.itertext()) == "中国-北欧经贸合作论坛、COVID-19防控。"


@pytest.mark.parametrize("name", TEMPLATES)
def test_paragraph_and_heading_spacing_is_the_pdfs(built, name):
    """Paragraphs a fifth of a body line apart and headings 0.6 (0.3) of a line above and 2 pt
    under their text, as the PDF sets them off the grid; nothing of it on the GB/T 9704 grid. With
    less, LibreOffice fit a long report on a page or two fewer than the PDF."""
    t = load(name)
    styles = parts(built[name])["word/styles.xml"]
    body = t.role("body").leading
    grid = name == "gbt9704"

    def spacing(style: str) -> tuple[float, float]:
        sp = style_of(styles, style).find("w:pPr/w:spacing", NS)
        return int(sp.get(w("before"), "0")) / 20, int(sp.get(w("after"), "0")) / 20

    for style in ("Body Text", "Lead"):
        assert spacing(style)[1] == pytest.approx(0 if grid else 0.2 * body, abs=0.05)
    assert spacing("heading 1") == pytest.approx((0, 0) if grid else (0.6 * body, 2), abs=0.05)
    assert spacing("heading 2") == pytest.approx((0, 0) if grid else (0.3 * body, 2), abs=0.05)
