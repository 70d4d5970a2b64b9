"""The 要点速览 panel and the target-versus-result charts, read back from both outputs."""

from __future__ import annotations

import collections
import io
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefing.model import Figure, Pair, Summary, Target
from briefing.renderers import charts as charts_mod
from briefing.renderers.charts import CAPTION, Chart, charts_of, drawing, png
from briefing.renderers.common import format_number, label_phrase, numbered_sections
from briefing.renderers.docx import render as render_docx
from briefing.renderers.glance import cards, columns, growth_text
from briefing.renderers.pdf import render as render_pdf
from briefing.template import Template, load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ARTICLE = FIXTURES / "article-glance.summary.json"  # `briefing extract` of the sample article
BEIJING = FIXTURES / "beijing-glance.summary.json"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
PAGENO = re.compile(r"^[—–\-－\s]*\d+[—–\-－\s]*$")

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def fixture(path: Path) -> Summary:
    return Summary.from_json(path.read_text(encoding="utf-8"))


def with_glance(t: Template, **kw: object) -> Template:
    return replace(t, glance=replace(t.glance, **kw))


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return out.decode("utf-8")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def panel_slice(text: str, s: Summary, t: Template) -> str:
    """The text between the panel's title and the first section heading (page numbers left out)."""
    f = flat("\n".join(ln for ln in text.splitlines() if not PAGENO.match(ln)))
    start = f.index(t.glance.title) + len(t.glance.title)
    return f[start:f.index(flat(numbered_sections(s)[0][1]), start)]


def expected_numbers(s: Summary) -> list[float]:
    out = []
    for i in s.glance:
        f = s.figures[i]
        out.append(float(f.value))
        if f.growth is not None:
            out.append(abs(float(f.growth)))
    return sorted(out)


@pytest.fixture(scope="module")
def article(article_summary: Summary) -> Summary:
    """The sample article as the extractor reads it now."""
    assert article_summary.glance and article_summary.pairs
    return article_summary


# -- the panel ---------------------------------------------------------------------------------------
@needs_poppler
@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
def test_pdf_panel_numbers_are_the_key_figures_of_the_summary(article, tpl):
    t = load(tpl)
    text = pdf_text(render_pdf(article, t))
    part = panel_slice(text, article, t)
    for i in article.glance:
        assert flat(article.figures[i].indicator) in part
    for ind in {flat(article.figures[i].indicator) for i in article.glance}:
        part = part.replace(ind, "")  # an indicator may hold digits of its own (50米)
    assert sorted(float(x) for x in NUMBER.findall(part)) == expected_numbers(article)
    assert ("▲" in part) == any((article.figures[i].growth or 0) > 0 for i in article.glance)


def _panel_table(d: docx.document.Document, title: str):
    for i, tbl in enumerate(d.tables):
        if tbl.rows[0].cells[0].text.strip() == title:
            return i, tbl
    raise AssertionError("no panel table")


@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
def test_docx_panel_is_a_table_of_the_key_figures_right_after_the_lead(article, tpl):
    t = load(tpl)
    d = docx.Document(io.BytesIO(render_docx(article, t)))
    _, tbl = _panel_table(d, t.glance.title)
    # the title row is a header row: it comes again on a page the panel runs over to (and a text
    # without targets still has a table with a header row, which the DOCX checks ask of every file)
    assert tbl.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r._tr.find(f"{W}trPr/{W}tblHeader") is None for r in tbl.rows[1:])
    seen = []
    for row in tbl.rows[1:]:
        for cell in row.cells:
            paras = [p.text for p in cell.paragraphs]
            if any(paras):
                seen.append(paras)
    assert len(seen) == len(article.glance)
    for paras, i in zip(seen, article.glance):
        f = article.figures[i]
        assert float(NUMBER.match(paras[0]).group()) == f.value  # type: ignore[union-attr]
        # the unit is joined to its number (U+2060): it never wraps onto a line of its own
        assert paras[0] == (format_number(f.value) + "".join("\u2060" + ch for ch in f.unit))
        assert paras[1] == label_phrase(f.indicator)
        assert paras[2:] == ([growth_text(f.growth)] if f.growth is not None else [])
    marks = [r for r in tbl._tbl.iter(f"{W}r") if "▲" in "".join(x.text or "" for x in r.iter(f"{W}t"))]
    assert marks and all(r.find(f"{W}rPr/{W}rFonts").get(f"{W}hint") == "eastAsia" for r in marks)
    # the panel follows the lead: the last paragraph with text before it is the lead's last one
    texts = []
    for el in d.element.body.iterchildren():
        if el is tbl._tbl:
            break
        if el.tag == f"{W}p":
            tx = "".join(x.text or "" for x in el.iter(f"{W}t"))
            if tx:
                texts.append(tx)
    assert texts[-1] == article.lead[-1]


def test_cards_mark_growth_up_and_down_and_set_a_percent_sign_with_its_number():
    assert growth_text(27.8) == "▲增长27.8%"
    assert growth_text(-11.5) == "▼下降11.5%"
    assert growth_text(0) == "持平"
    assert growth_text(None) == ""
    s = Summary(figures=[Figure(1, "城镇调查失业率", 4.1, "%"), Figure(1, "研发投入", 236.7, "亿元", 27.8)],
                glance=[0, 1, 7])  # 7: past the list, left out
    got = cards(s, load("standard"))
    assert [(c.value, c.unit, c.growth) for c in got] == [("4.1%", "", ""), ("236.7", "亿元", "▲增长27.8%")]
    assert [columns(n) for n in range(1, 9)] == [1, 2, 3, 4, 3, 3, 4, 4]


@needs_poppler
def test_gbt9704_body_after_the_panel_stays_on_the_28_point_grid():
    import pdfplumber

    s = fixture(BEIJING)
    tops_by_run = []
    for on in (True, False):
        data = render_pdf(s, with_glance(load("gbt9704"), enabled=on))
        tops: list[float] = []
        with pdfplumber.open(io.BytesIO(data)) as doc:
            for pg in doc.pages[:4]:
                lines = pg.extract_text_lines(return_chars=True)
                title = max(ln["top"] for ln in lines if any(round(c["size"]) == 22 for c in ln["chars"])) \
                    if pg.page_number == 1 else 0
                for ln in lines:
                    sizes = collections.Counter(round(c["size"]) for c in ln["chars"] if c["text"].strip())
                    if sizes and sizes.most_common(1)[0][0] == 16 and ln["top"] > title:
                        tops.append(round(ln["top"] % 28, 1))
        tops_by_run.append(set(tops))
    assert len(tops_by_run[0]) == 1  # one grid, before and after the panel, on every page
    assert tops_by_run[0] == tops_by_run[1]


# -- the charts ---------------------------------------------------------------------------------------
def test_pairs_make_one_chart_per_unit_and_units_of_one_pair_share_one_chart():
    s = fixture(BEIJING)
    got = charts_of(s)
    units = [s.targets[p.target].unit for p in s.pairs]
    shared = [u for u in dict.fromkeys(units) if units.count(u) > 1]
    assert [c.unit for c in got if not c.mixed] == [u for u in dict.fromkeys(
        s.targets[p.target].unit for p in sorted(s.pairs, key=lambda p: p.target)) if u in shared]
    assert all(len(c.rows) >= 2 for c in got)  # issue 17: no chart of one bar per unit
    (mixed,) = [c for c in got if c.mixed]
    assert len(mixed.rows) == len(units) - sum(units.count(u) for u in shared) and mixed is got[-1]
    texts = {r.label: r.target_text for c in got for r in c.rows}
    # a qualifier reads before or after; in the shared chart the unit follows each number
    assert texts["面向民间资本推介重大项目总投资"] == "不低于2000亿元"
    assert texts["实施老楼加装电梯"] == "800台以上"
    assert texts["一般公共预算收入增长"] == "4左右"
    a = charts_of(fixture(ARTICLE))
    assert len(a) == 1 and a[0].unit == "家"
    assert [(r.label, r.result_text, r.target_text) for r in a[0].rows][0] == ("新增高新技术企业", "870", "1000")
    bad = Summary(targets=[Target(1, "x", 1, "个")], figures=[Figure(1, "x", 2, "个")], pairs=[Pair(0, 5), Pair(3, 0)])
    assert charts_of(bad) == []


@needs_poppler
@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
def test_pdf_chart_follows_the_appendix_table_with_values_at_the_bar_ends(tpl):
    s = fixture(ARTICLE)
    t = load(tpl)
    text = flat(pdf_text(render_pdf(s, t)))
    appendix = text[text.index(flat(t.appendix.title)):]
    chart = appendix[appendix.index(f"{CAPTION}（单位：家）"):]
    assert text.count(CAPTION) == 1
    for r in charts_of(s)[0].rows:
        assert r.label in chart and r.result_text in chart and r.target_text in chart


def test_docx_chart_is_a_png_picture_after_the_appendix_table():
    s = fixture(BEIJING)
    data = render_docx(s, load("standard"))
    z = zipfile.ZipFile(io.BytesIO(data))
    n = len(charts_of(s))
    media = sorted(x for x in z.namelist() if x.startswith("word/media/chart"))
    assert media == sorted(f"word/media/chart{i}.png" for i in range(1, n + 1))
    assert all(z.read(m).startswith(b"\x89PNG\r\n\x1a\n") for m in media)
    assert 'Extension="png" ContentType="image/png"' in z.read("[Content_Types].xml").decode()
    rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    images = {r.get("Id"): r.get("Target") for r in rels if r.get("Type", "").endswith("/image")}
    doc = z.read("word/document.xml").decode()
    embeds = re.findall(r'r:embed="(rId\d+)"', doc)
    assert [images[e] for e in embeds] == [f"media/chart{i}.png" for i in range(1, n + 1)]
    assert doc.count("<w:drawing>") == n
    assert doc.index("<w:drawing>") > doc.index("附：目标任务一览")
    d = docx.Document(io.BytesIO(data))
    assert len(d.inline_shapes) == n
    first = d.inline_shapes[0]
    assert abs(first.width.pt - (210 - 50) / 25.4 * 72) < 1  # the text width of the page
    assert 'descr="目标与完成对比（单位：%）。一般公共预算收入增长：完成4.8，目标4左右' in doc


@needs_poppler
def test_no_chart_in_either_output_when_nothing_pairs():
    s = replace(fixture(ARTICLE), pairs=[])
    t = load("standard")
    text = pdf_text(render_pdf(s, t))
    assert CAPTION not in flat(text) and t.glance.title in text  # the panel stays
    data = render_docx(s, t)
    z = zipfile.ZipFile(io.BytesIO(data))
    assert not [x for x in z.namelist() if x.startswith("word/media/chart")]
    assert "<w:drawing>" not in z.read("word/document.xml").decode()  # the running header's is in its part


@needs_poppler
def test_the_template_switch_turns_panel_and_charts_off_in_both_outputs(tmp_path):
    s = fixture(ARTICLE)
    toml = (Path(load("standard").source).read_text(encoding="utf-8")
            .replace("[glance]\nenabled = true", "[glance]\nenabled = false"))
    (tmp_path / "off.toml").write_text(toml, encoding="utf-8")
    off = load(tmp_path / "off.toml")
    assert off.glance.enabled is False
    for t, panel, chart in ((load("standard"), True, True), (off, False, False),
                            (with_glance(load("standard"), charts=False), True, False)):
        text = flat(pdf_text(render_pdf(s, t)))
        doc = zipfile.ZipFile(io.BytesIO(render_docx(s, t))).read("word/document.xml").decode()
        assert (t.glance.title in text, t.glance.title in doc) == (panel, panel)
        assert (CAPTION in text, "<w:drawing>" in doc) == (chart, chart)


def test_chart_labels_print_markup_literally():
    nasty = '<b>粗体</b>&amp;<font color="red">'
    s = Summary(targets=[Target(1, nasty, 10, "个")], figures=[Figure(1, nasty, 8, "个")], pairs=[Pair(0, 0)])
    chart = charts_of(s)[0]
    d = drawing(chart, load("standard"), 400)
    assert flat(nasty) in "".join(getattr(x, "text", "") for x in d.contents)  # wrapped at its space
    doc = zipfile.ZipFile(io.BytesIO(render_docx(s, load("standard")))).read("word/document.xml")
    pic = etree.fromstring(doc).find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    assert pic is not None and nasty in pic.get("descr", "")
    if shutil.which("pdftotext"):
        assert flat(nasty) in flat(pdf_text(render_pdf(s, load("standard"))))


def test_negative_values_and_target_ranges_are_drawn():
    s = Summary(targets=[Target(1, "地区生产总值增长", 4.5, "%", value_max=5.0)],
                figures=[Figure(1, "地区生产总值增长", -1.2, "%")], pairs=[Pair(0, 0)])
    chart = charts_of(s)[0]
    assert chart.rows[0].target_text == "4.5～5" and chart.rows[0].target_max == 5.0
    d = drawing(chart, load("gbt9704"), 400)
    assert {"-1.2", "4.5～5"} <= {getattr(x, "text", "") for x in d.contents}
    assert png(d).startswith(b"\x89PNG")


# -- bytes -----------------------------------------------------------------------------------------------
def test_png_has_the_drawing_size_and_the_same_bytes_every_time():
    from PIL import Image

    chart: Chart = charts_of(fixture(ARTICLE))[0]
    d = drawing(chart, load("standard"), 450)
    a, b = png(d), png(drawing(chart, load("standard"), 450))
    assert a == b
    im = Image.open(io.BytesIO(a))
    assert im.size == (round(450 * charts_mod.DPI / 72), round(d.height * charts_mod.DPI / 72))


def test_identical_input_gives_identical_bytes_with_panel_and_charts_even_in_another_process():
    s = fixture(ARTICLE)
    for tpl in ("standard", "gbt9704"):
        assert render_pdf(s, load(tpl)) == render_pdf(s, load(tpl))
        assert render_docx(s, load(tpl)) == render_docx(s, load(tpl))
    code = ("import sys, hashlib; from pathlib import Path; from briefing.model import Summary; "
            "from briefing.template import load; from briefing.renderers.docx import render; "
            f"s = Summary.from_json(Path({str(ARTICLE)!r}).read_text(encoding='utf-8')); "
            "sys.stdout.write(hashlib.sha256(render(s, load('standard'))).hexdigest())")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    import hashlib

    assert other == hashlib.sha256(render_docx(s, load("standard"))).hexdigest()


def test_charts_code_is_loaded_only_when_a_chart_is_drawn():
    code = ("import sys; from pathlib import Path; from briefing.model import Summary; "
            "from briefing.template import load; from briefing.renderers import pdf, docx; "
            f"s = Summary.from_json(Path({str(ARTICLE)!r}).read_text(encoding='utf-8')); s.pairs = []; "
            "pdf.render(s, load('standard')); docx.render(s, load('gbt9704')); "
            "print(sorted(m for m in ('briefing.renderers.charts', 'PIL.ImageFont', 'reportlab.graphics.shapes') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- many pairs ------------------------------------------------------------------------------------------
def many_pairs(n: int) -> Summary:
    return Summary(title="两份报告合在一起", lead=["导语。"],
                   targets=[Target(1, f"第{i}类项目建设数量", i + 10, "个") for i in range(n)],
                   figures=[Figure(1, f"第{i}类项目建设数量", i + 5, "个") for i in range(n)],
                   pairs=[Pair(i, i) for i in range(n)])


@pytest.mark.parametrize("name", ["standard", "gbt9704"])
def test_a_chart_taller_than_a_page_is_split_into_parts_on_one_scale(name):
    s, t = many_pairs(200), load(name)
    width = 400.0
    parts = charts_mod.drawings(s, t, width, None, charts_mod.page_room(t))
    assert len(parts) > 5
    assert all(d.height <= charts_mod.page_room(t) for _, d in parts)
    assert [r for c, _ in parts for r in c.rows] == list(charts_of(s)[0].rows)  # every pair, in order
    assert [c.part for c, _ in parts] == list(range(len(parts)))
    assert parts[0][0].caption.endswith("）") and all(c.caption.endswith("（续）") for c, _ in parts[1:])
    assert {c.span for c, _ in parts} == {(0.0, 209.0)}


@pytest.mark.parametrize("name", ["standard", "gbt9704"])
def test_a_report_with_200_pairs_builds_both_outputs(name):
    s, t = many_pairs(200), load(name)
    pdf = render_pdf(s, t)  # was: LayoutError, a chart flowable taller than the frame
    doc = docx.Document(io.BytesIO(render_docx(s, t)))
    pictures = doc.inline_shapes
    assert len(pictures) > 5
    assert all(p.height.pt <= charts_mod.page_room(t) + 1 for p in pictures)
    if shutil.which("pdftotext"):
        text = flat(pdf_text(pdf))
        assert text.count(flat(CAPTION)) == len(pictures)
        assert all(f"第{i}类项目建设数量" in text for i in range(200))


@needs_poppler
@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
@pytest.mark.parametrize("path", [ARTICLE, BEIJING], ids=["article", "beijing"])
def test_no_chart_is_left_alone_on_the_last_page(tpl, path):
    # the article's table fills its page in gbt9704: its last rows go over with the chart
    data = render_pdf(fixture(path), load(tpl))
    pages = [p for p in pdf_text(data).split("\f") if p.strip()]
    last = flat(pages[-1])
    assert CAPTION in "".join(flat(p) for p in pages)
    if CAPTION in last:
        assert last.count(CAPTION) >= 2 or flat(load(tpl).appendix.title) in last or "序号" in last


@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
def test_docx_key_figure_and_unit_fit_their_card_with_the_offices_wider_digits(tpl):
    # issue 17: LibreOffice sets the digits in a wider bold face and spaces them from the unit;
    # the card's value and unit are sized so that they still fit on one line (2359.6亿元)
    s, t = fixture(ARTICLE), load(tpl)
    d = render_docx(s, t)
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(d)).read("word/document.xml"))
    W_ = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tbl = next(x for x in body.iter(f"{W_}tbl") if t.glance.title in "".join(x.itertext()))
    cell = tbl.findall(f"{W_}tr")[1].find(f"{W_}tc")
    width = int(cell.find(f"{W_}tcPr/{W_}tcW").get(f"{W_}w")) - 200  # less the cell's padding
    for tc in [c for tr in tbl.findall(f"{W_}tr")[1:] for c in tr.findall(f"{W_}tc")]:
        p = tc.find(f"{W_}p")
        runs = p.findall(f"{W_}r") if p is not None else []
        if len(runs) < 2:
            continue
        (value, vsize), (unit, usize) = [("".join(r.itertext()), int(r.find(f"{W_}rPr/{W_}sz").get(f"{W_}val")) / 2)
                                         for r in runs[:2]]
        ems = sum(0.7 if ch.isascii() else 1.0 for ch in value) + 0.4
        assert ems * vsize + len(unit.replace("\u2060", "")) * usize <= width / 20 + 1e-6
