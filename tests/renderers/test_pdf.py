"""The PDF renderer, judged on the PDF it writes: text, fonts, line breaks, grid, furniture."""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from briefing.errors import FontError
from briefing.linebreak import CLOSING, OPENING
from briefing.model import Highlight, Section, Summary, Target
from briefing.renderers import RenderOptions
from briefing.renderers.pdf import render
from briefing.renderers.pdf_blocks import Block, BoxLook, Row
from briefing.template import Template, apply_overrides, load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SUMMARIES = {
    "article": FIXTURES / "article.summary.json",
    "beijing": FIXTURES / "report-beijing.summary.json",
    "guangdong": FIXTURES / "report-guangdong.summary.json",
}
OVERRIDES = {
    "masthead": {"issue": "第3期", "unit": "郑州高新区管委会办公室", "date": "2026年3月1日"},
    "tail": {"report_to": "市委办公厅，市政府办公厅", "send_to": "各区县（市）人民政府", "issue_to": "区属各部门",
             "copies": 120},
}
PAGENO = re.compile(r"^[—–\-－\s]*\d+[—–\-－\s]*$")

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                   reason="poppler-utils not installed")


def summary(name: str) -> Summary:
    return Summary.from_json(SUMMARIES[name].read_text(encoding="utf-8"))


def template(name: str) -> Template:
    return apply_overrides(load(name), OVERRIDES)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every sample in both templates, rendered once for the module."""
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for tpl in ("standard", "gbt9704"):
        t = template(tpl)
        for name in SUMMARIES:
            p = out / f"{tpl}-{name}.pdf"
            p.write_bytes(render(summary(name), t))
            paths[tpl, name] = p
    return paths


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", "", "\n".join(ln for ln in text.splitlines() if not PAGENO.match(ln)))


def all_texts(s: Summary) -> list[str]:
    out = list(s.lead)
    for _, sec in s.all_sections():
        out.append(sec.keyword)
        for b in sec.blocks():
            if isinstance(b, Highlight):
                out.append(b.label)
                out.extend(b.paragraphs)
            else:
                out.append(b)
    out.extend(t.indicator for t in s.targets)
    return [x for x in out if x]


@needs_poppler
@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
@pytest.mark.parametrize("name", list(SUMMARIES))
def test_text_of_the_pdf_holds_every_paragraph_highlight_keyword_and_target(pdfs, tpl, name):
    text = flat(pdftotext(pdfs[tpl, name]))
    lost = [p for p in all_texts(summary(name)) if re.sub(r"\s+", "", p) not in text]
    assert lost == []


@needs_poppler
def test_running_header_does_not_cut_into_copied_text(pdfs):
    # Beijing's paragraphs cross pages under the standard template's running header.
    text = pdftotext(pdfs["standard", "beijing"])
    assert "工作简报 第3期" not in text.split("第3期", 1)[1]  # only the masthead of page 1 has it


@needs_poppler
@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
def test_every_font_is_an_embedded_subset_and_nothing_else_is_referenced(pdfs, tpl):
    rows = pdffonts_rows(pdfs[tpl, "guangdong"])
    assert rows
    for name, emb, sub in rows:
        assert emb == "yes" and sub == "yes", name
        assert re.match(r"[A-Z]{6}\+", name), name
    assert not any("Helvetica" in r[0] for r in rows)


def pdffonts_rows(path: Path) -> list[tuple[str, str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        rows.append((parts[0], parts[-5], parts[-4]))
    return rows


def pdf_lines(path: Path) -> list[list[tuple[str, list[float]]]]:
    """Per page: (text, sizes of its characters) of each text line, as pdfplumber groups them."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as doc:
        for pg in doc.pages:
            lines = []
            for ln in pg.extract_text_lines(return_chars=True):
                tx = ln["text"].strip()
                if tx and not PAGENO.match(tx):
                    lines.append((tx, [c["size"] for c in ln["chars"] if c["text"].strip()]))
            pages.append(lines)
    return pages


@pytest.mark.parametrize("tpl", ["standard", "gbt9704"])
@pytest.mark.parametrize("name", list(SUMMARIES))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_mark(pdfs, tpl, name):
    bad = [tx for page in pdf_lines(pdfs[tpl, name]) for tx, _ in page
           if not set(tx) <= set("—–-－_ ") and (tx[0] in CLOSING or tx[-1] in OPENING)]
    assert bad == []


def test_gbt9704_body_is_a_grid_of_22_lines_of_28_characters(pdfs):
    lengths: collections.Counter[int] = collections.Counter()
    per_page = []
    for page in pdf_lines(pdfs["gbt9704", "beijing"]):
        n16 = 0
        for tx, sizes in page:
            if sizes and collections.Counter(round(s) for s in sizes).most_common(1)[0][0] == 16:
                n16 += 1
                if all("\u4e00" <= c <= "\u9fff" or c in "，。、；：？！“”（）《》" for c in tx):
                    lengths[len(tx)] += 1
        per_page.append(n16)
    assert lengths.most_common(1)[0][0] == 28
    assert max(per_page) == 22


def test_markup_in_the_input_prints_literally(tmp_path):
    nasty = ['<b>粗体</b>', '&amp;', '<font color="red">红</font>', '<para>', 'a<b&c>d']
    s = Summary(title="标记<b>测试</b>", lead=[" ".join(nasty)],
                sections=[Section(keyword="<i>关键词</i>", paragraphs=[" ".join(nasty)],
                                  highlights=[Highlight(label="<u>标签</u>", paragraphs=[" ".join(nasty)])])],
                targets=[Target(section=1, indicator="<b>指标</b>", value=1, unit="&lt;")])
    for tpl in ("standard", "gbt9704"):
        p = tmp_path / f"{tpl}.pdf"
        p.write_bytes(render(s, template(tpl)))
        if shutil.which("pdftotext"):
            text = flat(pdftotext(p))
            for piece in [*nasty, "<i>关键词</i>", "<u>标签</u>", "<b>指标</b>", "&lt;", "标记<b>测试</b>"]:
                assert re.sub(r"\s+", "", piece) in text, piece


def test_identical_input_gives_a_byte_identical_pdf_even_in_another_process():
    s, t = summary("article"), template("gbt9704")
    first = render(s, t)
    assert render(s, t) == first
    code = (
        "import sys; from briefing.model import Summary; from briefing.template import load, apply_overrides;"
        "from briefing.renderers.pdf import render; import json;"
        f"t = apply_overrides(load('gbt9704'), json.loads({__import__('json').dumps(__import__('json').dumps(OVERRIDES))}));"
        f"s = Summary.from_json(open({str(SUMMARIES['article'])!r}, encoding='utf-8').read());"
        "sys.stdout.buffer.write(render(s, t))"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert other == first


def test_metadata_outline_and_page_numbers(pdfs):
    import pypdf

    s = summary("article")
    r = pypdf.PdfReader(pdfs["standard", "article"])
    meta = r.metadata
    assert meta.title == s.title
    assert meta.creator == f"briefing {__version__}"
    assert "第3期" in meta.subject
    assert s.sections[0].keyword in meta["/Keywords"]
    top = r.outline
    titles = [o.title for o in _flatten(top)]
    assert titles[0] == s.title
    assert f"一、{s.sections[0].keyword}" in titles
    assert f"八、{s.sections[7].keyword}" in titles
    assert titles[-1] == "附：目标任务一览"
    assert isinstance(top[1], list)  # sections nest under the title
    for i, page in enumerate(r.pages, 1):
        assert f"— {i} —" in page.extract_text()


def _flatten(items):
    for it in items:
        if isinstance(it, list):
            yield from _flatten(it)
        else:
            yield it


@needs_poppler
def test_gbt9704_masthead_on_page_one_and_distribution_tail_on_the_last_page(pdfs):
    path = pdfs["gbt9704", "article"]
    first = pdftotext(path, "-f", "1", "-l", "1")
    for piece in ("工作简报", "第3期", "郑州高新区管委会办公室", "2026年3月1日"):
        assert piece in first
    tail = [p for p in pdftotext(path).split("\f") if p.strip()][-1]
    for piece in ("报：市委办公厅，市政府办公厅", "送：各区县（市）人民政府", "发：区属各部门", "共印120份"):
        assert piece in re.sub(r"\s+", "", tail)


@needs_poppler
def test_appendix_table_header_repeats_on_every_page_it_spans(pdfs):
    path = pdfs["standard", "guangdong"]
    pages = pdftotext(path).split("\f")
    start = next(i for i, p in enumerate(pages) if "附：目标任务一览" in p)
    table_pages = [p for p in pages[start:] if p.strip()]
    assert len(table_pages) >= 2
    for p in table_pages:
        assert all(h in p for h in ("序号", "部分", "指标", "目标值", "单位", "约束"))


def test_a_long_highlight_box_splits_with_its_border_on_both_parts_and_loses_no_line():
    st = render_style()
    rows = [Row(20, tag=("高新实践", st, "#000000"), keep=True)]
    from briefing.renderers.pdf_blocks import text_rows

    rows += text_rows("高新区" * 200, st, 400, None)
    box = Block(lambda w: rows, box=BoxLook("#EEEEEE", "#888888", 8))
    w, h = box.wrap(416, 1e6)
    head, tail = box.split(416, h / 2)
    assert head.box and tail.box
    assert head.rows[0].tag and not any(r.tag for r in tail.rows)
    assert head.rows + tail.rows == rows
    head.wrap(416, h / 2)
    assert head.height <= h / 2


def render_style():
    from briefing.fonts import chain
    from briefing.renderers.pdf_text import TextStyle

    return TextStyle(chain(("Noto Serif SC",)), 12, 20)


def test_a_character_in_no_font_warns_and_strict_fails():
    s = Summary(title="生僻字", lead=["这里有一个\U0002A6A5字。"])
    warnings: list[str] = []
    render(s, load("standard"), RenderOptions(warn=warnings.append))
    assert any("1 character in no font: \U0002A6A5" in w for w in warnings)
    with pytest.raises(FontError):
        render(s, load("standard"), RenderOptions(strict=True))



@needs_poppler
def test_a_character_in_no_font_is_still_in_the_copied_text(tmp_path):
    p = tmp_path / "rare.pdf"
    p.write_bytes(render(Summary(title="生僻字", lead=["这里有一个\U0002A6A5字。"]), load("standard")))
    assert "这里有一个\U0002A6A5字。" in pdftotext(p)


def test_sample_pdf_stays_small(pdfs):
    assert pdfs["standard", "article"].stat().st_size <= 500_000
    assert pdfs["gbt9704", "article"].stat().st_size <= 500_000


def test_adjacent_punctuation_is_squeezed_and_a_line_start_opening_mark_is_flush():
    from briefing.renderers.pdf_text import layout

    st = render_style()
    [line] = layout("论坛、“强网杯”全国", st, 1000)
    i = line.text.index("、")
    assert line.widths[i] == pytest.approx(st.size / 2)  # 、 gives up its blank half before “
    lines = layout("一二三四五六七八“九十”", st, 8 * st.size)
    second = lines[1]
    assert second.text.startswith("“")
    assert second.shifts[0] == pytest.approx(-st.size / 2)  # drawn half an em to the left
    assert second.widths[0] == pytest.approx(st.size / 2)


def test_gbt9704_lines_hold_28_characters_by_character_spacing():
    from briefing.renderers.pdf import make_styles
    from briefing.renderers.pdf_page import Area
    from briefing.renderers.pdf_text import layout

    t = load("gbt9704")
    area = Area.of(t)
    body = make_styles(t, area)["body"]
    lines = layout("国" * 100, body, area.width)
    assert [len(ln.text) for ln in lines[:-1]] == [28, 28, 28]
    assert lines[0].tracking < 0  # 28 × 16 pt is wider than 156 mm: the pitch is condensed
    assert body.size + lines[0].tracking == pytest.approx(area.width / 28)  # a pitch of 156 mm / 28


def test_an_installed_font_named_first_is_used_and_a_cff_only_one_is_noted(monkeypatch, tmp_path):
    from dataclasses import replace

    from briefing import fonts
    from briefing.resources import fonts_dir

    faces = [
        fonts.Installed(("测试楷体",), fonts_dir() / "LXGWWenKai-Regular.ttf", 0, 80, True),
        fonts.Installed(("测试仿宋",), tmp_path / "fangsong.otf", 0, 80, False),
    ]
    monkeypatch.setattr(fonts, "installed_fonts", lambda: tuple(faces))
    t = load("standard")
    roles = dict(t.roles)
    roles["body"] = replace(roles["body"], fonts=["测试仿宋", "测试楷体", "Noto Serif SC"])
    notes: list[str] = []
    pdf = render(Summary(title="题", lead=["正文一段。"], sections=[Section(keyword="甲", paragraphs=["乙丙丁。"])]),
                 replace(t, roles=roles), RenderOptions(warn=notes.append))
    assert any("测试仿宋" in n and "CFF" in n for n in notes)
    if shutil.which("pdffonts"):
        p = tmp_path / "x.pdf"
        p.write_bytes(pdf)
        assert any("WenKai" in name for name, _, _ in pdffonts_rows(p))


def test_oversized_input_splits_across_pages_instead_of_failing():
    s = Summary(title="长", sections=[Section(keyword="甲" * 60, paragraphs=["乙" * 4000],
                                             highlights=[Highlight(label="标签" * 40, paragraphs=["丙" * 5000])])],
                targets=[Target(section=1, indicator="丁" * 2500, value=1, unit="个")])
    for tpl in ("standard", "gbt9704"):
        pdf = render(s, template(tpl))
        assert pdf.startswith(b"%PDF")


def test_streams_are_standard_deflate_with_or_without_isal(monkeypatch):
    import sys
    import zlib

    from briefing.renderers import pdf as pdf_module

    data = "正文 text 1234 ".encode() * 500
    fast = pdf_module._deflate()(data)
    monkeypatch.setitem(sys.modules, "isal", None)  # as where its wheels do not exist
    plain = pdf_module._deflate()(data)
    assert zlib.decompress(fast) == zlib.decompress(plain) == data
    assert len(fast) < len(data) / 10 and len(plain) < len(data) / 10


def test_justification_spreads_the_gaps_between_ideographs_not_inside_numbers_or_words(tmp_path):
    import pdfplumber

    text = ("今年全市地区生产总值达到12345.67亿元，比上年增长5.5%，其中数字经济核心产业增加值突破3456.7亿元，"
            "COVID-19疫情以来新增5G基站12000个，GDP总量连续三年位居全省前列，研发投入强度达到2.85%。") * 3
    p = tmp_path / "j.pdf"
    p.write_bytes(render(Summary(title="题", sections=[Section(keyword="甲", paragraphs=[text])]), template("standard")))
    narrow, wide = [], []
    with pdfplumber.open(p) as doc:
        for line in doc.pages[0].extract_text_lines(return_chars=True):
            chars = [c for c in line["chars"] if c["size"] > 11]  # body text only
            if len(chars) < 30:
                continue  # headings and the paragraph's last line
            for a, b in zip(chars, chars[1:]):
                gap = b["x0"] - a["x1"]
                if a["text"].isascii() and b["text"].isascii() and a["text"].strip() and b["text"].strip():
                    narrow.append(gap)
                elif not a["text"].isascii() and not b["text"].isascii():
                    wide.append(gap)
    assert narrow and wide
    assert max(abs(g) for g in narrow) < 0.05  # 12345.67, 5.5%, COVID-19, 5G, GDP set solid
    assert max(wide) > 0.2  # the justified lines took up their slack between ideographs


def test_a_two_line_heading_breaks_after_its_comma_and_other_headings_are_balanced():
    from dataclasses import replace

    from briefing.renderers.pdf_text import layout

    st = replace(render_style(), align="left", balance=True)
    width = 20 * st.size
    text = "（一）深入推进城乡融合发展，加快建设宜居宜业和美乡村走深走实"  # 31 characters
    assert [ln.text for ln in layout(text, st, width)] == ["（一）深入推进城乡融合发展，", "加快建设宜居宜业和美乡村走深走实"]
    plain = layout(text, replace(st, balance=False), width)
    assert len(plain[0].text) >= 20 and len(plain[-1].text) <= 11  # unbalanced: a full line, the rest
    lines = layout("（二）" + "甲乙丙丁戊己庚辛壬癸" * 2 + "子丑", st, width)  # 25 characters, no comma
    assert len(lines) == 2 and abs(len(lines[0].text) - len(lines[1].text)) <= 1


@needs_poppler
def test_a_numeric_report_date_is_printed_as_a_chinese_date_under_the_masthead(tmp_path):
    from briefing.renderers.common import masthead_date

    assert masthead_date("", "2026-02-02") == "2026年2月2日"
    assert masthead_date("", "2026.1.26") == "2026年1月26日"
    assert masthead_date("", "2026年1月26日") == "2026年1月26日"
    assert masthead_date("2026年3月1日", "2026-02-02") == "2026年3月1日"  # the issue's own date wins
    assert masthead_date("", "2026-13-40") == ""  # not a date: left out
    # what web pages and e-papers put in the date field: a time, zero padding, the page's words
    assert masthead_date("", "2026-03-16 10:40:34") == "2026年3月16日"
    assert masthead_date("", "2023年01月01日上一版下一版") == "2023年1月1日"
    assert masthead_date("", "发布时间：2024 年 3 月 1 日") == "2024年3月1日"
    assert masthead_date("", "上一版下一版") == masthead_date("", "2024年3月") == ""
    p = tmp_path / "d.pdf"
    p.write_bytes(render(Summary(title="题", date="2026-02-02", lead=["正文。"]), load("gbt9704")))
    assert "2026年2月2日" in pdftotext(p, "-f", "1", "-l", "1")
