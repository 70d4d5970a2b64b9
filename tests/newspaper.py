"""Real newspaper pages made with ReportLab for the PDF reader's tests: an A3 page with a header
band (date, 版次, 责编), a report article set in justified columns under a headline drawn twice
(fake bold), its keyword labels gathered in a grid at the bottom, an unrelated second article in
the last column, and a page number at the foot."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A3
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONTS = Path(__file__).resolve().parent.parent / "fonts"
SERIF, SANS, SANS_BOLD = "TSerif", "TSans", "TSansBold"


def _register() -> None:
    for name, file in ((SERIF, "NotoSerifSC-Regular.ttf"), (SANS, "NotoSansSC-Regular.ttf"),
                       (SANS_BOLD, "NotoSansSC-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    kicker: str = ""
    labels: list[str] = field(default_factory=list)  # gathered at the bottom, in a grid


@dataclass
class Page:
    main: Article
    other: Article | None = None
    columns: int = 5  # the main article takes all but the last column when there is another
    body_size: float = 9.0
    leading: float = 13.0
    furniture: bool = True
    fake_bold_offset: float = 0.35


class Overflow(Exception):
    pass


def _wrap(c: Canvas, text: str, font: str, size: float, width: float, indent: float) -> list[tuple[str, bool]]:
    """Lines of a paragraph: (text, is_last)."""
    lines: list[str] = []
    cur, w, room = "", 0.0, width - indent
    for ch in text:
        cw = c.stringWidth(ch, font, size)
        if w + cw > room + 0.01 and cur:
            lines.append(cur)
            cur, w, room = "", 0.0, width
        cur += ch
        w += cw
    if cur:
        lines.append(cur)
    return [(ln, i == len(lines) - 1) for i, ln in enumerate(lines)]


def _draw(c: Canvas, x: float, y: float, text: str, font: str, size: float, fake_bold: float = 0.0,
          justify_to: float | None = None) -> None:
    c.setFont(font, size)
    space = 0.0
    if justify_to is not None and len(text) > 1:
        space = (justify_to - c.stringWidth(text, font, size)) / (len(text) - 1)
    c.drawString(x, y, text, charSpace=space)
    if fake_bold:
        c.drawString(x + fake_bold, y - fake_bold / 2, text, charSpace=space)


def _flow(c: Canvas, paras: list[str], cols: list[float], col_w: float, top: float, bottom: float,
          size: float, leading: float) -> None:
    ci, y = 0, top
    for p in paras:
        for i, (ln, last) in enumerate(_wrap(c, p, SERIF, size, col_w, 2 * size)):
            if y < bottom:
                ci, y = ci + 1, top
                if ci >= len(cols):
                    raise Overflow("the article does not fit its columns")
            x = cols[ci] + (2 * size if i == 0 else 0)
            _draw(c, x, y, ln, SERIF, size, justify_to=None if last else cols[ci] + col_w - x)
            y -= leading


def make_page(page: Page) -> bytes:
    _register()
    buf = io.BytesIO()
    W, H = A3
    c = Canvas(buf, pagesize=A3)
    margin, gutter = 40.0, 14.0
    n = page.columns
    col_w = (W - 2 * margin - (n - 1) * gutter) / n
    xs = [margin + i * (col_w + gutter) for i in range(n)]
    main_cols = xs[:-1] if page.other else xs
    top = H - 70
    if page.furniture:
        _draw(c, margin, H - 40, "2021年1月20日 星期三", SANS, 9)
        _draw(c, W / 2 - 20, H - 40, "第3版", SANS_BOLD, 11)
        _draw(c, W - margin - 120, H - 40, "责编：王小明 美编：李华", SANS, 9)
        c.line(margin, H - 50, W - margin, H - 50)
        _draw(c, W / 2 - 3, 22, "3", SANS, 9)
    right = main_cols[-1] + col_w
    y = top
    art = page.main
    if art.kicker:
        _draw(c, main_cols[0], y - 14, art.kicker, SANS_BOLD, 14, fake_bold=page.fake_bold_offset)
        y -= 26
    _draw(c, main_cols[0], y - 30, art.title, SANS_BOLD, 30, fake_bold=page.fake_bold_offset)
    y -= 56
    per_row = max(1, len(main_cols) // 2)  # a label spans two columns
    label_rows = (len(art.labels) + per_row - 1) // per_row if art.labels else 0
    bottom = 50 + label_rows * 24 + (20 if label_rows else 0)
    _flow(c, art.paragraphs, main_cols, col_w, y - page.body_size, bottom, page.body_size, page.leading)
    for i, label in enumerate(art.labels):
        r, k = divmod(i, per_row)
        _draw(c, main_cols[2 * k], 50 + (label_rows - 1 - r) * 24, label, SANS_BOLD, 10.5)
    if page.other:
        x = xs[-1]
        c.line(x - gutter / 2, 50, x - gutter / 2, top)
        lines = _wrap(c, page.other.title, SANS_BOLD, 16, col_w, 0)
        yy = top - 16
        for ln, _ in lines:
            _draw(c, x, yy, ln, SANS_BOLD, 16)
            yy -= 22
        _flow(c, page.other.paragraphs, [x], col_w, yy - 10, 50, page.body_size, page.leading)
    assert right <= W
    c.showPage()
    c.save()
    return buf.getvalue()


OTHER = Article(
    title="市图书馆新馆开放首日迎客万人",
    paragraphs=[
        "本报讯 昨日，市图书馆新馆正式对外开放，首日接待读者一万余人次。新馆建筑面积六万平方米，"
        "设有少儿阅览区、古籍修复展示区和数字体验区，藏书量达到三百万册。",
        "馆方介绍，新馆实行全年无休，每天开放十二小时，读者可凭身份证免押金借阅。开馆当天，"
        "不少市民一早便在门口排起长队，一位退休教师说，终于有了离家近又宽敞的读书好去处。",
        "据悉，新馆还将定期举办公益讲座、亲子阅读和非遗展示等活动，打造城市文化客厅。",
    ],
)


def sample_article(text: str) -> Article:
    """The sample's head, paragraphs and keyword-label lines, as the extraction rebuilds them
    from the copied text (so the page carries exactly the sample's paragraphs)."""
    paras, label_lines = sample_paragraphs(text)
    return Article(kicker=paras[0], title=paras[1], paragraphs=paras[2:], labels=label_lines)


def sample_paragraphs(text: str) -> tuple[list[str], list[str]]:
    """A sample's paragraphs (page widgets left out) and its keyword-label lines."""
    from briefing.extraction.clean import normalise, squeeze_spaces
    from briefing.extraction.lines import drop_chrome, find_labels, repair_doubled
    from briefing.extraction.reflow import reflow

    lines = repair_doubled(drop_chrome([ln.rstrip() for ln in normalise(text).split("\n")], []))
    labels = find_labels(lines, ())
    label_lines = [" ".join(lines[lb.line].split()) for lb in labels]
    for lb in labels:
        lines[lb.line] = ""
    return [p.text for p in reflow([squeeze_spaces(ln) for ln in lines])], label_lines


def report_pdf(paragraphs: list[str], *, size: float = 10.5, leading: float = 16.0) -> bytes:
    """A report as a plain A4 PDF: one column, every paragraph indented two characters and
    justified, headings (一、… / （一）…) in bold sans, a page number at each foot."""
    from reportlab.lib.pagesizes import A4

    from briefing.extraction.reflow import HEADING_START

    _register()
    buf = io.BytesIO()
    W, H = A4
    c = Canvas(buf, pagesize=A4)
    left, width, top, bottom = 60.0, W - 120.0, H - 60.0, 70.0
    page = 1

    def foot() -> None:
        _draw(c, W / 2 - 12, 30, f"- {page} -", SERIF, 9)

    y = top
    for p in paragraphs:
        font = SANS_BOLD if HEADING_START.match(p) and len(p) < 40 else SERIF
        for i, (ln, last) in enumerate(_wrap(c, p, font, size, width, 2 * size)):
            if y < bottom:
                foot()
                c.showPage()
                page += 1
                y = top
            x = left + (2 * size if i == 0 else 0)
            _draw(c, x, y, ln, font, size, justify_to=None if last else left + width - x)
            y -= leading
    foot()
    c.showPage()
    c.save()
    return buf.getvalue()


def docx_of(paras: list[str]) -> bytes:
    """A Word file of the paragraphs: numbered headings in Heading 1 / Heading 2 styles."""
    from docx import Document

    from briefing.extraction.reflow import HEADING_START

    d = Document()
    for p in paras:
        if HEADING_START.match(p) and len(p) < 40:
            d.add_heading(p, level=2 if p.startswith(("（", "(")) else 1)
        else:
            d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def html_of(paras: list[str], heads: set[int] | None = None) -> bytes:
    """A saved web page: navigation, a toolbar and a footer around the report in <article>; the
    numbered headings (or the paragraphs numbered in ``heads``) as <h2>."""
    import html

    from briefing.extraction.reflow import HEADING_START

    body = [f"<h1>{html.escape(paras[0])}</h1>"]
    for i, p in enumerate(paras[1:], 1):
        head = i in heads if heads is not None else bool(HEADING_START.match(p)) and len(p) < 40
        tag = "h2" if head else "p"
        body.append(f"<{tag}>{html.escape(p)}</{tag}>")
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>网站首页</title></head><body>"
        "<nav><ul><li><a href='/'>首页</a></li><li><a href='/news'>要闻</a></li><li><a href='/gov'>政务公开</a></li></ul></nav>"
        "<div class='toolbar'>【字号：大 中 小】 打印 关闭</div>"
        f"<article>{''.join(body)}</article>"
        "<footer><p>主办单位：某某人民政府办公厅 版权所有</p><p>网站标识码 1100000088 备案号 京ICP备05060933号</p></footer>"
        "</body></html>"
    )
    return page.encode("utf-8")
