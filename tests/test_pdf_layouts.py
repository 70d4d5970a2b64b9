"""PDFs made otherwise than the ReportLab newspaper page: pages of a scan without a text layer
among pages with one."""

from __future__ import annotations

import io

from clitools import cli
from newspaper import FONTS

from briefing import api

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
