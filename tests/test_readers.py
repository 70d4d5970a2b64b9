"""PDF, Word and web-page inputs read directly: the same summary as from the sample's text,
page furniture into ``dropped``, the articles of a newspaper page, and each bad input in one
clear line with its exit code."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from clitools import assert_clear_failure, cli
from newspaper import OTHER, Article, Page, make_page, report_pdf, sample_article, sample_paragraphs
from newspaper import docx_of as _docx
from newspaper import html_of as _html

from briefing import api
from briefing.errors import InputError
from briefing.readers import read_input, sniff
from tests.conftest import ARTICLE, REPORTS

SAMPLES = [ARTICLE, *REPORTS]
FURNITURE = ["第3版", "2021年1月20日 星期三", "责编：王小明 美编：李华", "3"]


def _without_dropped(summary) -> dict:
    d = summary.to_dict()
    d.pop("dropped")
    return d


@pytest.fixture(scope="module")
def page_pdf() -> bytes:
    return make_page(Page(sample_article(ARTICLE.read_text(encoding="utf-8")), OTHER))


# -- newspaper page ------------------------------------------------------------------------------
def test_newspaper_page_gives_the_summary_of_the_sample_text(page_pdf):
    from_text = api.extract(ARTICLE)
    from_pdf = api.summary_from_bytes(page_pdf, name=str(ARTICLE.with_suffix(".pdf")))
    assert _without_dropped(from_pdf) == _without_dropped(from_text)
    assert from_pdf.dropped == FURNITURE + from_text.dropped


def test_fake_bold_headline_is_read_once_and_as_bold(page_pdf):
    from briefing.readers.pdf import read_pages

    lines = read_pages(page_pdf, "p.pdf")[0].lines
    title = [ln for ln in lines if ln.size == 30]
    assert [ln.text for ln in title] == ["政府工作报告中频现“高新元素”"] and title[0].bold
    body = [ln for ln in lines if ln.size == 9]
    assert body and not any(ln.bold for ln in body)


def test_the_unrelated_article_is_listed_and_kept_out(page_pdf):
    doc = read_input(page_pdf, name="page.pdf")
    assert [(a.title, a.about_report) for a in doc.articles] == [
        ("政府工作报告中频现“高新元素”", True), (OTHER.title, False)]
    assert doc.article == 1 and "图书馆" not in doc.text
    assert "关键词 优化产业承接平台" in doc.text  # the labels under the columns stay with their article


def test_the_report_article_is_the_default_even_when_it_is_not_the_first(tmp_path):
    report = sample_article(ARTICLE.read_text(encoding="utf-8"))
    short = Article(title="短讯：新馆开放", paragraphs=OTHER.paragraphs)
    # The other article first (left columns), the report in the last column only would not fit:
    # swap roles by making the report the page's second article in reading order.
    data = make_page(Page(Article(title=short.title, paragraphs=short.paragraphs * 3), Article(
        title=report.title, paragraphs=report.paragraphs[:3])))
    doc = read_input(data, name="p.pdf")
    assert len(doc.articles) == 2 and doc.article == 2 and doc.articles[1].about_report


def test_extract_list_and_article_by_number_or_word(tmp_path, page_pdf):
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(page_pdf)
    run = cli("extract", pdf, "--list")
    assert run.code == 0
    assert run.stdout.splitlines()[0].startswith("* 1  政府工作报告中频现“高新元素”")
    assert run.stdout.splitlines()[2].startswith("  2  市图书馆新馆开放首日迎客万人")
    for pick in ("2", "图书馆"):
        run = cli("extract", pdf, "--article", pick)
        assert run.code == 0 and '"title": "市图书馆新馆开放首日迎客万人"' in run.stdout
    assert_clear_failure(cli("extract", pdf, "--article", "7"), 2, "no article 7", "--list")
    assert_clear_failure(cli("extract", pdf, "--article", "体育"), 2, "no article's title contains", "--list")


def test_build_says_which_article_of_a_page_it_took_and_that_the_others_are_left_out(tmp_path, page_pdf):
    import json

    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(page_pdf)
    run = cli("build", pdf, "-o", tmp_path / "out", "--format", "json", "-j", "1")
    assert run.code == 0, run.output
    said = "the page holds 2 articles; took 1, “政府工作报告中频现“高新元素””"
    assert said in run.stderr and "--list" in run.stderr and "page.pdf" in run.stderr
    entry = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["files"][0]
    assert any(said in w for w in entry["warnings"])
    quiet = []  # a page of one article, or an article picked by name: nothing to say
    api.summary_from_bytes(page_pdf, name="page.pdf", article=2, warn=quiet.append)
    api.summary_from_bytes(report_pdf(["第一段。", "第二段。"]), name="r.pdf", warn=quiet.append)
    assert quiet == []


def test_the_web_page_says_so_too_when_it_opens_a_page_of_several_articles(page_pdf):
    pytest.importorskip("pypdfium2")
    from briefing.web.docs import Store

    doc = Store().open(page_pdf, "page.pdf", {})
    said = doc.state()["warnings"]
    assert any("这一版共有 2 篇文章，已取第 1 篇" in w["text"] for w in said)
    assert any("the page holds 2 articles" in w["detail"] for w in said)


def _padded(pdf: bytes, size: int) -> bytes:
    """The PDF with an incompressible attachment: a file of ``size`` bytes, mostly not text, as a
    newspaper page's pictures make it."""
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    w.add_attachment("photo.bin", random.Random(3).randbytes(size))
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_a_3mb_pdf_with_little_text_is_built_under_the_default_size_limit(tmp_path, page_pdf):
    # --max-size holds the text to 2 MB: a PDF's or Word file's bytes are mostly pictures and fonts
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(_padded(page_pdf, 3 * 1024 * 1024))
    run = cli("build", pdf, "-o", tmp_path / "out", "--format", "json", "-j", "1")
    assert run.code == 0, run.output
    assert "政府工作报告中频现" in (tmp_path / "out" / "page.json").read_text(encoding="utf-8")
    run = cli("build", pdf, "-o", tmp_path / "out2", "--format", "json", "--max-size", "100k")
    assert_clear_failure(run, 3, "over the 1.6 MB limit for a PDF or Word file", "--max-size")
    with pytest.raises(InputError, match="its text is .* over the 1000 bytes limit"):
        api.summary_from_bytes(page_pdf, name="page.pdf", max_size=1000)
    text = tmp_path / "big.txt"
    text.write_bytes(b"x" * (3 * 1024 * 1024))  # a text file is held to the limit itself
    assert_clear_failure(cli("extract", text), 3, "over the 2 MB limit")


def test_the_web_page_takes_a_3mb_pdf_and_refuses_a_3mb_text(page_pdf):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from briefing.web.app import create_app

    client = TestClient(create_app(allowed_hosts=["testserver"]))
    h = {"X-Briefing": "1"}
    r = client.post("/api/upload?name=page.pdf", content=_padded(page_pdf, 3 * 1024 * 1024), headers=h)
    assert r.status_code == 200, r.text
    r = client.post("/api/upload?name=big.txt", content=b"x" * (3 * 1024 * 1024), headers=h)
    assert r.status_code == 413 and "上限 2 MB" in r.json()["error"]


def test_build_reads_a_pdf_named_txt_by_its_content(tmp_path, page_pdf):
    f = tmp_path / "page.txt"
    f.write_bytes(page_pdf)
    run = cli("build", f, "-o", tmp_path / "out", "--format", "json", "-j", "1")
    assert run.code == 0, run.output
    assert "政府工作报告中频现" in (tmp_path / "out" / "page.json").read_text(encoding="utf-8")


# -- the three samples as PDF, DOCX and HTML ---------------------------------------------------------
def _report_paragraphs(path: Path) -> list[str]:
    paras, labels = sample_paragraphs(path.read_text(encoding="utf-8"))
    return paras + labels


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_report_pdf_gives_the_summary_of_the_text(path):
    from_pdf = api.summary_from_bytes(report_pdf(_report_paragraphs(path)), name=str(path))
    from_text = api.extract(path)
    assert _without_dropped(from_pdf) == _without_dropped(from_text)
    assert from_pdf.dropped[0] == "- 1 -"  # page numbers are furniture


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("make", [_docx, _html], ids=["docx", "html"])
def test_docx_and_html_give_the_summary_of_the_text(path, make):
    data = make(_report_paragraphs(path))
    got = api.summary_from_bytes(data, name=str(path))
    assert _without_dropped(got) == _without_dropped(api.extract(path))


def test_html_keeps_the_article_only():
    doc = read_input(_html(_report_paragraphs(REPORTS[0])), name="page.html")
    assert doc.kind == "html"
    for chrome in ("政务公开", "版权所有", "京ICP备", "打印"):
        assert chrome not in doc.text


def test_docx_tables_are_lines_and_headings_their_own_lines():
    from docx import Document

    d = Document()
    d.add_heading("一、主要目标", level=1)
    d.add_paragraph("今年的主要预期目标如下。")
    t = d.add_table(rows=2, cols=2)
    for r, row in enumerate([("指标", "目标"), ("地区生产总值增长", "5%左右")]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    doc = read_input(buf.getvalue(), name="r.docx")
    assert doc.text.split("\n\n") == ["一、主要目标", "今年的主要预期目标如下。", "指标 | 目标", "地区生产总值增长 | 5%左右\n"]


def test_kind_is_told_by_content():
    assert sniff(b"%PDF-1.4\n") == "pdf" and sniff(b"PK\x03\x04") == "docx"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html" and sniff(b"<html lang='zh'>") == "html"
    assert sniff("一、总体要求\n<p>不是网页</p>".encode()) == "text"


# -- bad inputs --------------------------------------------------------------------------------
def _encrypted(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for p in PdfReader(io.BytesIO(pdf)).pages:
        w.add_page(p)
    w.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _scanned() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    for y in range(100, 700, 12):  # lines of "print", drawn as shapes: a page image, no text
        c.rect(60, y, 470, 6, fill=1, stroke=0)
    c.showPage()
    c.save()
    return buf.getvalue()


def _not_word_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("data/sheet1.xml", "<sheet/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "name, make, needles",
    [
        ("locked.pdf", lambda pdf: _encrypted(pdf), ["encrypted", "unprotected copy"]),
        ("scan.pdf", lambda pdf: _scanned(), ["no text layer: OCR the file first"]),
        ("cut.pdf", lambda pdf: pdf[: len(pdf) // 50], ["damaged PDF"]),
        ("report.docx", lambda pdf: "一、总体要求\n正文。".encode(), ["not a Word file", "save it as .docx"]),
        ("sheet.docx", lambda pdf: _not_word_zip(), ["not a Word file", "not a Word document"]),
        ("fake.pdf", lambda pdf: b"<html><body>moved</body></html>", ["not a PDF"]),
    ],
    ids=["encrypted", "scanned", "corrupt", "text-as-docx", "zip-as-docx", "html-as-pdf"],
)
def test_bad_rich_input_is_one_clear_line(tmp_path, page_pdf, name, make, needles):
    f = tmp_path / name
    f.write_bytes(make(page_pdf))
    assert_clear_failure(cli("extract", f), 3, name, *needles)


def test_a_glyph_without_unicode_does_not_shift_the_text_after_it():
    # The bundled fonts lack the Kangxi radical ⽇: ReportLab draws a glyph with no Unicode mapping.
    first = "全年各项工作取得新进展，完成投资一百亿元，新增企业一千家，城乡居民收入稳步增长。" * 2
    data = report_pdf([first, "今年⽇常工作稳步推进，完成目标任务。", "关于今年工作的报告"])
    assert read_input(data, name="k.pdf").text.split("\n\n")[1:] == ["今年 常工作稳步推进，完成目标任务。", "关于今年工作的报告\n"]


def test_kangxi_radicals_from_a_rich_input_are_mapped_as_in_text():
    paras = _report_paragraphs(ARTICLE)
    paras[2] = paras[2].replace("日", "\u2f47")  # ⽇, as a PDF's copy or a converted DOCX may give it
    got = api.summary_from_bytes(_docx(paras), name=str(ARTICLE))
    assert "\u2f47" not in got.to_json() and _without_dropped(got) == _without_dropped(api.extract(ARTICLE))


def test_a_folder_of_pdf_docx_and_html_reports_is_built(tmp_path, page_pdf):
    d = tmp_path / "in"
    d.mkdir()
    (d / "page.pdf").write_bytes(page_pdf)
    (d / "report.docx").write_bytes(_docx(_report_paragraphs(REPORTS[0])))
    (d / "page.html").write_bytes(_html(_report_paragraphs(REPORTS[1])))
    (d / "notes.md").write_text("not an input", encoding="utf-8")
    run = cli("build", d, "-o", tmp_path / "out", "--format", "json", "-j", "1")
    assert run.code == 0, run.output
    built = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.json") if p.name != "manifest.json"}
    assert len(built) == 3 and "report.json" in built
    assert sum("政府工作报告中频现" in t for t in built.values()) == 1


def test_html_without_a_headline_in_its_content_takes_the_page_title():
    paras = _report_paragraphs(REPORTS[0])
    page = _html(paras).decode("utf-8").replace(f"<h1>{paras[0]}</h1>", "")
    page = page.replace("<title>网站首页</title>", f"<title>{paras[0]}_北京市人民政府网站</title>")
    assert read_input(page.encode("utf-8"), name="p.html").text.startswith(paras[0] + "\n\n")


def test_fonts_command_reads_a_pdf(tmp_path, page_pdf):
    f = tmp_path / "page.pdf"
    f.write_bytes(page_pdf)
    run = cli("fonts", f)
    assert run.code == 0, run.output


LONG_HEADS = ["坚持创新驱动发展，加快建设具有全国影响力的科技创新中心和先进制造业基地", "持续保障和改善民生。"]
BODY = ["全市研发投入强度达到6.5%，新增高新技术企业3000家，技术合同成交额增长12%。",
        "今年将新建省级以上研发平台100家，培育科技型企业1500家。",
        "城镇新增就业30万人，居民人均可支配收入增长5%。",
        "新建保障性租赁住房6万套，新增养老床位5000张。"]


def _docx_with_heading_styles() -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = Document()
    d.add_heading("关于今年政府工作的报告", 0)
    d.add_paragraph("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。")
    d.add_heading(LONG_HEADS[0], 1)
    d.add_paragraph(BODY[0])
    d.add_paragraph(BODY[1])
    p = d.add_paragraph(LONG_HEADS[1])  # a plain paragraph marked by its outline level only
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(lvl)
    d.add_paragraph(BODY[2])
    d.add_paragraph(BODY[3])
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_heading_styles_and_outline_levels_give_the_sections():
    data = _docx_with_heading_styles()
    doc = read_input(data, name="r.docx")
    assert doc.headings == LONG_HEADS
    s = api.summary_from_bytes(data, name="r.docx")
    assert [(x.keyword, x.paragraphs) for x in s.sections] == [(LONG_HEADS[0], BODY[:2]), (LONG_HEADS[1], BODY[2:])]
    # The same text without the marks: the long headings are not found as sections.
    assert [x.keyword for x in api.extract_text(doc.text).sections] != LONG_HEADS


def test_html_h2_headings_give_the_sections():
    paras = ["关于今年政府工作的报告", "各位代表：现在，我代表市人民政府向大会报告工作，请予审议。",
             LONG_HEADS[0], *BODY[:2], LONG_HEADS[1], *BODY[2:]]
    page = _html(paras, heads={2, 5})
    s = api.summary_from_bytes(page, name="r.html")
    assert [(x.keyword, x.paragraphs) for x in s.sections] == [(LONG_HEADS[0], BODY[:2]), (LONG_HEADS[1], BODY[2:])]


# -- PDFs of another maker: LibreOffice (ragged lines, paragraph spacing, no indents, Latin quotes
# drawn after the line's CJK glyphs, line-end hyphens) ------------------------------------------
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory):
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make PDFs of another maker")
    out = tmp_path_factory.mktemp("lo")
    for p in SAMPLES:
        (out / f"{p.stem}.docx").write_bytes(_docx(_report_paragraphs(p)))
    # a profile of its own: a second soffice on a shared profile exits 0 and converts nothing
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *[str(out / f"{p.stem}.docx") for p in SAMPLES]],
                   capture_output=True, timeout=300)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_a_libreoffice_pdf_gives_the_summary_of_the_text(libreoffice_pdfs, path):
    pdf = libreoffice_pdfs / f"{path.stem}.pdf"
    assert pdf.exists(), "LibreOffice made no PDF"
    got = api.summary_from_bytes(pdf.read_bytes(), name=str(path))
    assert _without_dropped(got) == _without_dropped(api.extract(path))


def test_a_large_heading_in_a_one_column_report_opens_no_article():
    from briefing.readers.pdf import Line, PdfPage
    from briefing.readers.pdf_layout import layout

    def line(text, y, size=10.0, x0=60.0, x1=535.0):
        return Line(text, x0, x1, y, y + size, size, size > 10, 0)

    body = "全年完成投资一百亿元，新增企业一千家，城乡居民收入稳步增长，各项工作取得新进展。"
    lines = [line("第一部分", 760, 20, x1=140), *[line(body, 740 - 14 * i) for i in range(5)],
             line("第二部分", 640, 20, x1=140), *[line(body, 620 - 14 * i) for i in range(5)]]
    articles, _ = layout([PdfPage(595, 842, lines)])
    assert len(articles) == 1  # the same headings on a page in columns would open two


def _mhtml(page: bytes, charset: str) -> bytes:
    """A page saved as one file the way Chrome and Edge write it: a From line, MIME headers, the
    page quoted-printable in its own charset, a picture part after it."""
    import quopri

    html = page.decode("utf-8").replace("charset='utf-8'", f"charset='{charset}'").encode(charset)
    boundary = "----MultipartBoundary--x1y2z3----"
    return (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.gov.cn/zwgk/1.html\r\n"
        "Subject: =?utf-8?Q?report?=\r\nDate: Sun, 6 Dec 2026 10:00:00 -0000\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html; charset={charset}\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://www.example.gov.cn/zwgk/1.html\r\n\r\n"
    ).encode("ascii") + quopri.encodestring(html).replace(b"\n", b"\r\n") + (
        f"\r\n\r\n--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Location: https://www.example.gov.cn/logo.png\r\n\r\niVBORw0KGgo=\r\n\r\n--{boundary}--\r\n"
    ).encode("ascii")


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_a_page_saved_as_one_file_mhtml_gives_the_summary_of_its_html(charset, tmp_path):
    page = _html(_report_paragraphs(REPORTS[0]))
    data = _mhtml(page, charset)
    assert sniff(data) == "mhtml"
    got = api.summary_from_bytes(data, name="page.mhtml")
    assert _without_dropped(got) == _without_dropped(api.summary_from_bytes(page, name="page.html"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.mht").write_bytes(data)
    r = cli("build", "in", "-o", "out", "--format", "json", cwd=tmp_path)
    assert r.code == 0, r.output
    assert (tmp_path / "out" / "page.json").exists()


def test_an_mhtml_without_an_html_part_is_one_clear_line(tmp_path):
    data = _mhtml(b"<html></html>", "utf-8").replace(b"Content-Type: text/html", b"Content-Type: text/css")
    (tmp_path / "p.mhtml").write_bytes(data)
    assert_clear_failure(cli("extract", "p.mhtml", cwd=tmp_path), 3, "holds no HTML page")
