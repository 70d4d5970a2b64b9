"""PDFs made otherwise than the ReportLab newspaper page: Word files set in columns and printed
by LibreOffice, and pages of a scan without a text layer among pages with one."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from clitools import cli
from newspaper import FONTS, sample_paragraphs

from briefing import api
from tests.conftest import ARTICLE, REPORTS

BODY = "全市地区生产总值增长百分之五，城乡居民收入稳步增长，各项工作取得新进展。"


def _mixed_pdf(kinds: str) -> bytes:
    """One page per letter: t a page of text, s a scanned page (an image only), b a blank page."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "LSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LSerif", str(FONTS / "NotoSerifSC-Regular.ttf")))
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    scan = ImageReader(Image.new("L", (60, 80), 200))
    for n, k in enumerate(kinds, 1):
        if k == "t":
            c.setFont("LSerif", 10.5)
            c.drawString(60, 760, f"第{n}页：{BODY}")
        elif k == "s":
            c.drawImage(scan, 40, 40, 515, 760)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_pages_without_a_text_layer_are_named_in_a_warning(tmp_path):
    pdf = tmp_path / "mixed.pdf"
    pdf.write_bytes(_mixed_pdf("tssbts"))
    heard: list[str] = []
    summary = api.extract(pdf, warn=heard.append)
    assert "第1页" in summary.to_json() and "第5页" in summary.to_json()
    assert len(heard) == 1 and "pages 2-3, 6 of 6 have no text layer" in heard[0] and "OCR" in heard[0]
    run = cli("extract", pdf)  # the summary on stdout, the warning on stderr
    assert run.code == 0 and "pages 2-3, 6 of 6 have no text layer" in run.stderr and "warning" not in run.stdout
    run = cli("build", pdf, "-o", tmp_path / "out", "--format", "json", "-j", "1")
    assert run.code == 0 and "pages 2-3, 6 of 6 have no text layer" in run.output, run.output


def test_a_blank_page_is_no_scan():
    heard: list[str] = []
    api.summary_from_bytes(_mixed_pdf("tbt"), name="blank.pdf", warn=heard.append)
    assert heard == []


# -- LibreOffice PDFs of Word files set in 2-3 columns: a bold headline over the columns, a running
# head (date, 版次, 责编) and a page number in the footer -------------------------------------------
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LAYOUTS = [(ARTICLE, 3), (REPORTS[0], 2), (REPORTS[1], 3)]
RUNNING_HEAD = "2026年1月20日 星期二    第3版    责编：王小明"


def _columns_docx(paras: list[str], columns: int, heads: int) -> bytes:
    """The first ``heads`` paragraphs in bold over the page (the last of them, the headline, at
    22 pt), then a continuous section break into ``columns`` columns; numbered headings bold."""
    from copy import deepcopy

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from briefing.extraction.reflow import HEADING_START

    d = Document()
    sec = d.sections[0]
    for i, p in enumerate(paras[:heads]):
        run = d.add_paragraph().add_run(p)
        run.bold, run.font.size = True, Pt(22 if i == heads - 1 else 14)
    d.paragraphs[-1]._p.get_or_add_pPr().append(deepcopy(sec._sectPr))  # ends the one-column section
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), str(columns))
    cols.set(qn("w:space"), "425")
    for old in sec._sectPr.findall(qn("w:cols")):
        sec._sectPr.remove(old)
    sec._sectPr.append(cols)
    kind = OxmlElement("w:type")
    kind.set(qn("w:val"), "continuous")
    sec._sectPr.insert(0, kind)
    for p in paras[heads:]:
        run = d.add_paragraph().add_run(p)
        run.bold = bool(HEADING_START.match(p)) and len(p) < 40
    sec.header.paragraphs[0].text = RUNNING_HEAD
    foot = sec.footer.paragraphs[0].add_run()
    for kind_, text in (("begin", ""), ("", "PAGE"), ("separate", ""), ("", ""), ("end", "")):
        el = OxmlElement("w:fldChar" if kind_ else "w:instrText")
        if kind_:
            el.set(qn("w:fldCharType"), kind_)
        else:
            el.text = text
        if text or kind_:
            foot._r.append(el)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def column_pdfs(tmp_path_factory):
    if not SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("cols")
    docs = []
    for path, n in LAYOUTS:
        paras, labels = sample_paragraphs(path.read_text(encoding="utf-8"))
        heads = 2 if path == ARTICLE else 1  # the article has a kicker over its headline
        docs.append(out / f"{path.stem}.docx")
        docs[-1].write_bytes(_columns_docx(paras + labels, n, heads))
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, docs)], capture_output=True, timeout=300)
    return out


def _paragraphs(d: dict) -> list[str]:
    return [*d["lead"], *(p for s in d["sections"] for p in s["paragraphs"])]


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p, _ in LAYOUTS], ids=lambda p: p.stem)
def test_a_pdf_in_columns_with_running_heads_gives_the_text_s_summary(column_pdfs, path):
    pdf = column_pdfs / f"{path.stem}.pdf"
    assert pdf.exists(), "LibreOffice made no PDF"
    got, want = (s.to_dict() for s in (api.summary_from_bytes(pdf.read_bytes(), name=str(path)), api.extract(path)))
    assert got["dropped"][:3] == ["第3版 责编：王小明", "2026年1月20日 星期二", "1"]  # the furniture, page 1
    got.pop("dropped"), want.pop("dropped")
    if path == ARTICLE:
        assert got == want
        # the bold 22 pt headline (a real bold face) is the one article's title; the kicker over it is no article
        assert [a.title for a in api.list_articles(pdf)] == [want["title"]]
        return
    # The reports: the same title, sections and text. A paragraph that ends a sentence on the last
    # full line of a column, in a document without indents, cannot be told from one that goes on
    # in the next column; it is taken as ended (one split per report here, no text lost).
    assert got["title"] == want["title"]
    assert [s["keyword"] for s in got["sections"]] == [s["keyword"] for s in want["sections"]]
    assert "".join(_paragraphs(got)) == "".join(_paragraphs(want))
    assert len(_paragraphs(got)) - len(_paragraphs(want)) <= 1


@pytest.mark.parametrize("text, unit", [
    ("益”评价，推进", "益”评"),  # a closing quote holds on to the character after it
    ("委“1310”具体部署", "委“1310”具"),  # an opening mark takes the whole unit after it
    ("盖，70%村卫生室", "盖，70%"),
    ("17.7%、17.4%、68%。全省", "17.7%、17.4%、68%。"),  # a list of numbers is not broken
    ("4.0∶37.7∶58.3，第一", "4.0∶37.7∶58.3，"),
    ("务，推进", "务，"),
])
def test_the_first_unbreakable_unit_of_a_line(text, unit):
    from briefing.readers.pdf import unit_length

    assert text[:unit_length(text)] == unit
