"""A combined issue (``--combine``) of the three samples, judged on the files it writes: the
contents list against the pages where the items start, nothing lost, page numbers by parity, the
版记 at the foot of the last page, numbered copies, issue numbers kept between runs."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from briefing.combine import CombineOptions, build_issue, render_issue
from briefing.config import parse_distribution
from briefing.errors import SchemaError
from briefing.issue import Issue
from briefing.model import Highlight, Section, Summary, Target
from briefing.template import apply_overrides, load
from tests.conftest import ARTICLE, REPORTS

INPUTS = [ARTICLE, *REPORTS]
DIST = "报:市委办公厅;送:市人大常委会办公厅，市政协办公厅;发:各区县人民政府;印:30;印发:市政府办公室;日期:2026-03-01"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def template(name: str):
    return apply_overrides(load(name), {"tail": parse_distribution(DIST), "masthead": {"name": "工作简报"}})


def pages(pdf: Path, *args: str) -> list[str]:
    out = subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]  # every page ends with a form feed


PAGENO = re.compile(r"^[—–\-－\s]*\d+[—–\-－\s]*$")


def flat(s: str) -> str:
    """Without white space and page-number lines (a paragraph runs on across a page break)."""
    return re.sub(r"\s+", "", "\n".join(ln for ln in s.splitlines() if not PAGENO.match(ln)))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """The issue in both templates, with the JSON, built once for the module."""
    out: dict[str, dict[str, Path]] = {}
    for name in ("gbt9704", "standard"):
        d = tmp_path_factory.mktemp(name)
        res = build_issue(INPUTS, output_dir=d, formats=("pdf", "docx", "json"), template=template(name),
                          opts=CombineOptions(stem="issue"))
        out[name] = {Path(p).suffix[1:]: Path(p) for p in res.outputs}
    return out


@pytest.fixture(scope="module")
def issue(built) -> Issue:
    return Issue.from_json(built["gbt9704"]["json"].read_text(encoding="utf-8"))


# -- the model ---------------------------------------------------------------------------------
def test_issue_json_round_trips(issue):
    assert Issue.from_json(issue.to_json()) == issue
    assert [Path(s).name for s in issue.sources] == [p.name for p in INPUTS]
    assert issue.name == "工作简报" and len(issue.items) == 3


def test_a_bad_field_of_an_item_is_named_by_its_path(issue):
    data = json.loads(issue.to_json())
    data["items"][1]["sections"][0]["keyword"] = 3
    with pytest.raises(SchemaError) as e:
        Issue.from_dict(data)
    assert e.value.path == "items[1].sections[0].keyword"
    with pytest.raises(SchemaError, match="unsupported schema"):
        Issue.from_dict({**data, "schema": "briefing.summary/1"})


def test_issue_line_adds_the_running_number():
    assert Issue(number="第12期", total="总第112期").issue_line() == "第12期（总第112期）"
    assert Issue(number="第3期").issue_line() == "第3期"


# -- contents and pages --------------------------------------------------------------------------
def _contents(pdf: Path, issue: Issue) -> list[int]:
    """The page number printed after each item's title in the contents list of page 1."""
    lines = [re.sub(r"\s+", "", ln) for ln in pages(pdf, "-layout", "-f", "1", "-l", "1")[0].splitlines()]
    found = []
    for title in issue.item_titles():
        hits = [m for ln in lines if (m := re.fullmatch(re.escape(flat(title)) + r"[.…·]*(\d+)", ln))]
        assert len(hits) == 1, title
        found.append(int(hits[0].group(1)))
    return found


def _starts(texts: list[str], issue: Issue) -> list[int]:
    """The page where each item's first paragraph begins (1-based); its first long one, looked
    for after the page where the item before starts (reports all open with 各位代表：)."""
    out = []
    after = 0
    for item in issue.items:
        first = next(p for p in item.all_paragraphs() if len(p) >= 20)
        head = flat(first)[:20]
        after = next(i for i, t in enumerate(texts, 1) if i > after and head in flat(t))
        out.append(after)
    return out


@needs_poppler
@pytest.mark.parametrize("name", ["gbt9704", "standard"])
def test_contents_lists_the_items_in_order_with_the_page_each_starts_on(built, issue, name):
    pdf = built[name]["pdf"]
    printed = _contents(pdf, issue)
    assert printed == _starts(pages(pdf), issue)
    assert printed == sorted(printed) and printed[0] == 1


@needs_poppler
@pytest.mark.parametrize("name", ["gbt9704", "standard"])
def test_every_paragraph_of_every_input_is_in_the_pdf(built, issue, name):
    text = flat("".join(pages(built[name]["pdf"])))
    lost = [p for p in issue.all_paragraphs() if flat(p) not in text]
    assert not lost, lost[0][:40]


def test_every_paragraph_of_every_input_is_in_the_docx(built, issue):
    import docx

    d = docx.Document(str(built["gbt9704"]["docx"]))
    paras = [p.text for p in d.paragraphs] + [p.text for t in d.tables for c in t._cells for p in c.paragraphs]
    text = flat("".join(paras))
    lost = [p for p in issue.all_paragraphs() if flat(p) not in text]
    assert not lost, lost[0][:40]


def _words(pdf: Path, page: int) -> tuple[float, float, list[tuple[str, float, float, float, float]]]:
    """(page width, height, words with xMin, yMin, xMax, yMax) of one page (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    w, h = (float(x) for x in re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html).groups())
    words = [(m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html)]
    return w, h, words


def _number_side(pdf: Path, page: int) -> str:
    w, h, words = _words(pdf, page)
    num = [x for x in words if x[0] == str(page) and x[2] > h * 0.85]
    assert num, f"no page number on page {page}"
    return "right" if num[-1][1] > w / 2 else "left"


@needs_poppler
def test_gbt9704_page_numbers_are_right_on_odd_pages_and_left_on_even_pages(built):
    pdf = built["gbt9704"]["pdf"]
    for page in (1, 2, 3, 4, 7, 10):
        assert _number_side(pdf, page) == ("right" if page % 2 else "left"), page


@needs_poppler
@pytest.mark.parametrize("name", ["gbt9704", "standard"])
def test_the_tail_is_on_the_last_page_at_its_foot(built, name):
    pdf = built[name]["pdf"]
    texts = pages(pdf)
    last = flat(texts[-1])
    for piece in ("报：市委办公厅", "发：各区县人民政府", "市政府办公室", "2026年3月1日印发", "共印30份"):
        assert piece in last
    assert not any("共印30份" in flat(t) for t in texts[:-1])
    w, h, words = _words(pdf, len(texts))
    copies = [x for x in words if x[0].startswith("共印")]
    foot = load(name).page.margin_bottom_mm * 72 / 25.4
    assert h - foot - copies[0][4] < 12  # the tail's last line ends at the foot of the type area


@needs_poppler
def test_the_tail_never_stands_alone_on_a_page(tmp_path):
    """However much text fills the page before it, the tail takes some of it along when it does
    not fit under it."""
    tpl = template("gbt9704")
    alone = []
    for n in range(10, 26):
        s = Summary(title="标题", sections=[Section(keyword="一", paragraphs=["段落文字，用来填满一页纸。" * 2] * n)])
        pdf = tmp_path / f"{n}.pdf"
        pdf.write_bytes(render_issue(Issue(items=[s]), tpl, ("pdf",))["pdf"])
        last = flat(pages(pdf)[-1])
        if "段落文字" not in last:
            alone.append(n)
    assert not alone


@needs_poppler
def test_the_pdf_tail_follows_a_report_built_alone(report_summaries, tmp_path):
    """A report whose last flowable keeps its charts together (KeepTogether wraps with the canvas
    the frame gave the tail's wrapper) ends on the 版记 too."""
    from briefing.renderers import RenderOptions
    from briefing.renderers.pdf import render

    for stem, s in report_summaries.items():
        pdf = tmp_path / f"{stem}.pdf"
        pdf.write_bytes(render(s, template("gbt9704"), RenderOptions()))
        assert "共印30份" in flat(pages(pdf)[-1]), stem


# -- copies and watermark ----------------------------------------------------------------------
@needs_poppler
def test_copies_are_numbered_000001_to_n_top_left_of_their_first_page(tmp_path):
    items = [Summary(title="第一篇", lead=["正文一。"]), Summary(title="第二篇", lead=["正文二。"])]
    data = render_issue(Issue(items=items), template("gbt9704"), ("pdf",), copies=(1, 2, 3), watermark="内部资料")
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(data["pdf"])
    texts = pages(pdf)
    per_copy = len(texts) // 3
    assert len(texts) == 3 * per_copy
    for k in range(3):
        w, h, words = _words(pdf, k * per_copy + 1)
        number = [x for x in words if re.fullmatch(r"\d{6}", x[0])]
        assert [x[0] for x in number] == [f"{k + 1:06d}"]
        assert number[0][1] < w / 3 and number[0][2] < h / 8
        assert flat(texts[k * per_copy]).count("第一篇") == 2  # the contents and the title: the same pages
    # the watermark is an artifact (left out of copied text): it shows as ink on every page
    plain = tmp_path / "p.pdf"
    plain.write_bytes(render_issue(Issue(items=items), template("gbt9704"), ("pdf",), copies=(1, 2, 3))["pdf"])
    for k in (1, per_copy * 3):
        assert _image(pdf, k, tmp_path / "a") != _image(plain, k, tmp_path / "b"), k


def _image(pdf: Path, page: int, stem: Path) -> bytes:
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(stem)], check=True)
    return stem.with_suffix(".pgm").read_bytes()


def test_one_file_per_copy(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("标题一\n\n正文第一段。\n", encoding="utf-8")
    res = build_issue([src], output_dir=tmp_path / "out", formats=("pdf",), template=template("gbt9704"),
                      opts=CombineOptions(copies=2, copy_files=True, stem="issue"))
    assert sorted(Path(p).name for p in res.outputs) == ["issue-000001.pdf", "issue-000002.pdf"]


# -- issue numbers -----------------------------------------------------------------------------
def test_issue_auto_takes_the_next_number_and_the_running_number(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("标题一\n\n正文第一段。\n", encoding="utf-8")
    out = tmp_path / "out"
    tpl = template("gbt9704")
    auto = replace(tpl, masthead=replace(tpl.masthead, issue="auto", date="2026年3月1日"))
    names = []
    for _ in range(2):
        res = build_issue([src], output_dir=out, formats=("json",), template=auto, opts=CombineOptions(total="auto"))
        names.append(Path(res.outputs[0]).name)
        assert res.issue is not None
    assert names == ["工作简报-2026年第1期.json", "工作简报-2026年第2期.json"]
    assert res.issue.issue_line() == "第2期（总第2期）"
    state = json.loads((out / ".briefing-issues.json").read_text(encoding="utf-8"))
    assert state["series"]["工作简报"] == {"year": 2026, "number": 2, "total": 2}
    # a new year starts again at 第1期; the running number goes on
    next_year = replace(auto, masthead=replace(auto.masthead, date="2027年1月5日"))
    res = build_issue([src], output_dir=out, formats=("json",), template=next_year, opts=CombineOptions(total="auto"))
    assert res.issue is not None and res.issue.issue_line() == "第1期（总第3期）"


def test_a_bad_input_fails_the_issue_and_writes_nothing(tmp_path):
    from briefing.errors import InputError

    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text("标题一\n\n正文第一段。\n", encoding="utf-8")
    bad.write_bytes(b"")
    out = tmp_path / "out"
    tpl = template("gbt9704")
    with pytest.raises(InputError):
        build_issue([good, bad], output_dir=out, formats=("pdf", "json"), template=replace(
            tpl, masthead=replace(tpl.masthead, issue="auto")))
    assert not out.exists() or not any(out.iterdir())


# -- the DOCX in a real client -----------------------------------------------------------------
@pytest.fixture(scope="module")
def lo_pdf(built, tmp_path_factory) -> Path:
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the DOCX in a real client")
    out = tmp_path_factory.mktemp("lo")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(built["gbt9704"]["docx"])],
                   capture_output=True, timeout=300)
    pdf = out / "issue.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000, "LibreOffice made no PDF (it exits 0 even then)"
    return pdf


@pytest.mark.slow
@needs_poppler
def test_libreoffice_prints_the_contents_with_the_pages_where_the_items_start(lo_pdf, issue):
    """LibreOffice computes the PAGEREF fields of the contents as it lays the document out."""
    assert _contents(lo_pdf, issue) == _starts(pages(lo_pdf), issue)


@pytest.mark.slow
@needs_poppler
def test_libreoffice_page_count_is_within_one_of_our_pdf(lo_pdf, built):
    assert abs(len(pages(lo_pdf)) - len(pages(built["gbt9704"]["pdf"]))) <= 1


@pytest.mark.slow
@needs_poppler
def test_libreoffice_prints_every_paragraph_and_numbers_pages_by_parity(lo_pdf, issue):
    texts = pages(lo_pdf)
    text = flat("".join(texts))
    lost = [p for p in issue.all_paragraphs() if flat(p) not in text]
    assert not lost, lost[0][:40]
    for page in (1, 2, 5, 8):
        assert _number_side(lo_pdf, page) == ("right" if page % 2 else "left"), page
    last = flat(texts[-1])
    assert "共印30份" in last
    # the tail comes with the last of the text (or the last chart, a picture), not alone on a page
    n = str(len(texts))
    images = subprocess.run(["pdfimages", "-list", "-f", n, "-l", n, str(lo_pdf)], capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert len(last[:last.index("报：")]) > 10 or images


def test_every_chart_of_every_item_is_its_own_picture_in_the_docx(built):
    import zipfile

    with zipfile.ZipFile(built["gbt9704"]["docx"]) as z:
        doc = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    ids = re.findall(r'<wp:docPr id="(\d+)"', doc)  # the pictures and the 版记's text box
    assert len(ids) == len(set(ids)) == len(media) + 1
    assert len(set(re.findall(r'<pic:cNvPr id="(\d+)"', doc))) == len(media) > 3


def test_the_contents_of_the_docx_are_pageref_fields_to_the_item_titles(built, issue):
    import zipfile

    with zipfile.ZipFile(built["gbt9704"]["docx"]) as z:
        doc = z.read("word/document.xml").decode("utf-8")
    refs = re.findall(r"PAGEREF (_Item\d+)", doc)
    assert refs == [f"_Item{i}" for i in range(1, len(issue.items) + 1)]
    for name in refs:
        assert doc.count(f'w:name="{name}"') == 1


# -- the command line --------------------------------------------------------------------------
def test_cli_builds_one_issue_from_several_inputs_and_config(tmp_path):
    from click.testing import CliRunner

    from briefing.cli import main

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("标题一\n\n正文第一段。\n", encoding="utf-8")
    b.write_text("标题二\n\n正文第二段。\n", encoding="utf-8")
    cfg = tmp_path / "briefing.toml"
    cfg.write_text('[combine]\nenabled = true\ntotal = "auto"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["build", str(a), str(b), "--config", str(cfg), "-o", str(tmp_path / "out"),
                                  "--issue", "auto", "--format", "json", "--date", "2026-03-01"])
    assert r.exit_code == 0, r.output
    issue = Issue.from_json((tmp_path / "out" / "工作简报-2026年第1期.json").read_text(encoding="utf-8"))
    assert [s.title for s in issue.items] == ["标题一", "标题二"] and issue.total == "总第1期"


def test_cli_refuses_issue_options_without_combine_and_a_bad_combine_key(tmp_path):
    from click.testing import CliRunner

    from briefing.cli import main

    a = tmp_path / "a.txt"
    a.write_text("标题一\n\n正文第一段。\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["build", str(a), "--copies", "3", "-o", str(tmp_path / "out")])
    assert r.exit_code == 2 and "add --combine" in r.output
    cfg = tmp_path / "briefing.toml"
    cfg.write_text("[combine]\ncopies = \"x\"\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["build", str(a), "--config", str(cfg), "-o", str(tmp_path / "out")])
    assert r.exit_code == 5 and "combine.copies" in r.output and "line 2" in r.output
    r = CliRunner().invoke(main, ["build", str(a), str(a), "--combine", "--article", "2", "-o", str(tmp_path / "o2")])
    assert r.exit_code == 2 and "--article does not go with --combine" in r.output
    assert not (tmp_path / "o2").exists()


def test_no_tail_without_a_distribution_even_with_a_masthead_unit_and_date():
    from briefing.renderers.common import imprint

    tail = load("gbt9704").tail
    assert imprint(tail, "市政府办公室", "2026年3月1日") == ("", "")
    tail = apply_overrides(load("gbt9704"), {"tail": parse_distribution("印:30")}).tail
    assert imprint(tail, "市政府办公室", "2026年3月1日") == ("市政府办公室", "2026年3月1日印发")


def test_the_pdf_made_in_the_forked_helper_is_the_one_made_here(tmp_path):
    """build_issue renders the PDF in the prefork helper (on another core, while the DOCX is
    written here); its bytes are those of an in-process render."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("标题一\n\n正文第一段。\n", encoding="utf-8")
    b.write_text("标题二\n\n正文第二段。\n", encoding="utf-8")
    tpl = template("gbt9704")
    res = build_issue([a, b], output_dir=tmp_path / "out", formats=("pdf", "docx"), template=tpl,
                      opts=CombineOptions(copies=2, watermark="内部资料", stem="x"))
    assert res.issue is not None and len(res.issue.items) == 2
    here = render_issue(res.issue, tpl, ("pdf",), copies=(1, 2), watermark="内部资料")["pdf"]
    assert (tmp_path / "out" / "x.pdf").read_bytes() == here


# -- the DOCX 版记 at the foot of the last page, in a real client --------------------------------
TAIL_TEXT = "报：市委办公厅送：市人大常委会办公厅，市政协办公厅发：各区县人民政府市政府办公室2026年3月1日印发共印30份"
# (one-line paragraphs, lines of the last paragraph): the last page nearly empty, nearly full, overfull;
# a last paragraph of one line, of a few, and one that runs over a page break
FILLS = [(n, k) for n in (3, 9, 10, 11, 20, 32, 33) for k in (1, 3)] + [(6, 12), (20, 12)]


def _fill(n: int, last_lines: int = 1) -> Summary:
    paras = ["段落文字，用来填满一页纸。" * 2] * n + ["最后一段的文字，跨越好几行。" * 2 * last_lines]
    return Summary(title="标题", sections=[Section(keyword="一", paragraphs=paras)])


# text that ends in a box or in the targets table without charts, at the places a sweep over
# lengths found hard in LibreOffice 7.4: (paragraphs before, box paragraphs, box paragraph length in
# 13-character units): a short box that, with the 版记's row, fills the page to the point
# (4, 2, 2); long boxes that split and end in a row on the next page (3, 8, 4), (9, 8, 4); a box
# longer than a page (4, 20, 4). Targets: the table ends a little above the foot (13, 37), its last
# row opens a page (43), the 版记's row alone would open one (45).
BOX_ENDS = ((2, 3, 4), (4, 2, 2), (3, 8, 4), (9, 8, 4), (4, 20, 4))
TABLE_ENDS = (13, 20, 37, 43, 45)


def _box_end(n: int, k: int = 3, length: int = 4) -> Summary:
    para = "段落文字，用来填满一页纸。"
    return Summary(title="标题", sections=[Section(keyword="一", paragraphs=[para] * n, order=["p"] * n + ["h"],
                                                 highlights=[Highlight(label="经验做法", paragraphs=[para * length] * k)])])


def _table_end(m: int) -> Summary:
    return Summary(title="标题", sections=[Section(keyword="一", paragraphs=["正文。"])],
                   targets=[Target(section=1, indicator=f"指标{k}", value=k, unit="个") for k in range(m)])


@pytest.fixture(scope="module")
def lo_tails(built, tmp_path_factory) -> dict[str, Path]:
    """LibreOffice's PDFs of DOCX files whose last page holds more or less text before the 版记:
    fills of one-line paragraphs ending in a long one, and the three samples built alone."""
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the DOCX in a real client")
    from briefing import api
    from briefing.renderers.docx import render

    out = tmp_path_factory.mktemp("lo-tails")
    tpl = template("gbt9704")
    docs = {f"fill-{n}-{k}": render_issue(Issue(items=[_fill(n, k)]), tpl, ("docx",))["docx"] for n, k in FILLS}
    docs.update({p.stem: render(api.extract(p), tpl) for p in INPUTS})
    docs.update({"box-{}-{}-{}".format(*b): render(_box_end(*b), tpl) for b in BOX_ENDS})
    docs.update({f"table-{m}": render(_table_end(m), tpl) for m in TABLE_ENDS})
    for stem, data in docs.items():
        (out / f"{stem}.docx").write_bytes(data)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out), *[str(out / f"{s}.docx") for s in docs]],
                   capture_output=True, timeout=600)
    return {stem: out / f"{stem}.pdf" for stem in docs}


def _tail_at_foot(pdf: Path, template_name: str = "gbt9704") -> None:
    """The 版记 only on the last page, its bottom rule at the foot of the type area, text or a
    picture above it on that page, and nothing of the text under or between its rules."""
    pdfplumber = pytest.importorskip("pdfplumber")
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice made no PDF of {pdf.name}"
    texts = pages(pdf)
    assert not any("共印30份" in flat(t) for t in texts[:-1]), pdf.name
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[-1]
        h = float(page.height)
        words = page.extract_words()
        first = min((x["top"] for x in words if x["text"].startswith("报：")), default=h)
        # the 版记's rules: the last one above its first line, and those under it (a table's above are not)
        rules = sorted(r["top"] for r in page.lines + page.rects if r["width"] > page.width / 2 and r["top"] > h / 2)
        rules = [r for r in rules if r >= max([r for r in rules if r < first], default=h)]
        assert len(rules) >= 2, f"{pdf.name}: no 版记 rules in the lower half of the last page"
        top, bottom = rules[0], rules[-1]
        foot = h - load(template_name).page.margin_bottom_mm * 72 / 25.4
        assert -1 < foot - bottom < 12, f"{pdf.name}: the 版记 ends {foot - bottom:.0f} pt above the foot"
        inside = [x for x in words if top < (x["top"] + x["bottom"]) / 2 < bottom]
        assert flat("".join(x["text"] for x in inside)) == TAIL_TEXT, pdf.name
        above = [x for x in words if x["bottom"] < top]
        assert above or page.images, f"{pdf.name}: the 版记 is alone on its page"
        assert all(im["bottom"] <= top + 1 for im in page.images), pdf.name


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize("stem", [f"fill-{n}-{k}" for n, k in FILLS] + [p.stem for p in INPUTS])
def test_libreoffice_sets_the_tail_at_the_foot_of_the_last_page(lo_tails, stem):
    _tail_at_foot(lo_tails[stem])


@pytest.mark.slow
@needs_poppler
def test_libreoffice_sets_the_tail_of_the_issue_at_the_foot_of_its_last_page(lo_pdf):
    _tail_at_foot(lo_pdf)


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize("stem", ["box-{}-{}-{}".format(*b) for b in BOX_ENDS] + [f"table-{m}" for m in TABLE_ENDS])
def test_libreoffice_sets_the_tail_after_a_table_at_the_foot_of_the_last_page(lo_tails, stem):
    """After a table (a box, the targets) the 版记 stands at the foot too, the table's last row
    with it on the last page, and no page follows it."""
    _tail_at_foot(lo_tails[stem])
    last = flat(pages(lo_tails[stem])[-1])
    assert len(last[:last.index("报：")]) > 5
    if stem.startswith("table-"):
        assert f"指标{int(stem.split('-')[1]) - 1}" in last


def test_the_tail_of_the_issue_prints_the_date_of_the_masthead_in_both_outputs(tmp_path):
    """The 印发 date of an issue's 版记 is the first item's, as under the masthead, in the PDF and
    in the DOCX alike, even when the last item has no date of its own."""
    items = [Summary(title="第一篇", date="2026-02-02", lead=["正文一。"]), Summary(title="第二篇", lead=["正文二。"])]
    tpl = apply_overrides(load("gbt9704"), {"tail": parse_distribution("报:市委办公厅;印发:市政府办公室;印:30")})
    out = render_issue(Issue(items=items), tpl, ("pdf", "docx"))
    (tmp_path / "i.pdf").write_bytes(out["pdf"])
    body = docx.Document(io.BytesIO(out["docx"])).element.body
    assert "2026年2月2日印发" in "".join(body.itertext())
    if shutil.which("pdftotext"):
        assert "2026年2月2日印发" in flat("".join(pages(tmp_path / "i.pdf")))


def test_the_running_header_of_an_issue_names_the_issue_not_an_item(tmp_path):
    """An issue's pages carry several items: the running header of the standard template names the
    briefing and issue only, in the DOCX as in the PDF (a single briefing's names its title)."""
    items = [Summary(title="第一篇标题", lead=["正文一。" * 300]), Summary(title="第二篇标题", lead=["正文二。" * 300])]
    tpl = load("standard")
    out = render_issue(Issue(items=items, name="工作简报", number="第12期"), tpl, ("pdf", "docx"))
    package = zipfile.ZipFile(io.BytesIO(out["docx"]))
    headers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/header")]
    assert any("工作简报" in h for h in headers)
    assert not any("第一篇标题" in h or "第二篇标题" in h for h in headers)
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(io.BytesIO(out["pdf"])) as doc:
        top = tpl.page.margin_top_mm * 72 / 25.4  # the header stands above the type area
        heads = ["".join(c["text"] for c in page.chars if c["bottom"] < top) for page in doc.pages[1:]]
    assert len(heads) >= 2 and all("工作简报" in h for h in heads)
    assert not any("第一篇标题" in h or "第二篇标题" in h for h in heads)
