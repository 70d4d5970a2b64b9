"""DOCX of a combined issue, as the PDF sets it: one masthead, 本期要目 (each item's title with a
PAGEREF field to a bookmark on the item's title, so Word and LibreOffice print the page it starts
on), the items one after another, one targets appendix grouped by item, one 版记."""

from __future__ import annotations

from ..issue import Issue
from ..template import Template
from . import RenderOptions
from .common import issue_template, item_sections
from .docx import _Writer, core_props, finish, writer
from .docx_package import CoreProps
from .docx_xml import field_runs, paragraph, pt_to_twips, run, spacing


def render(issue: Issue, template: Template, options: RenderOptions | None = None) -> bytes:
    t = issue_template(issue, template)
    w = writer(issue.items[0], t)
    w.masthead()
    titles = issue.item_titles()
    if len(issue.items) > 1:
        contents(w, issue.contents_title, titles)
    for i, item in enumerate(issue.items):
        w.s = item
        if i:
            w.spacer(t.role("body").leading)
        at = len(w.out)
        w.title_block()
        if len(w.out) > at:
            k = next((j for j in range(at, len(w.out)) if f'w:val="{w.ids["Title"]}"' in w.out[j]), at)
            w.out[k] = bookmark(w.out[k], i + 1, f"_Item{i + 1}")
        w.sections()
    groups = item_sections(issue)
    for k, (n, item) in enumerate(groups):
        w.s = item
        if k:
            w.out.append(_group_title(w, f"{n}. {titles[n - 1]}"))
            w.appendix(title=False)
        else:
            w.appendix()
            if len(issue.items) > 1:
                w.out.insert(_after_title(w), _group_title(w, f"{n}. {titles[n - 1]}"))
    w.s = issue.items[0]  # the 版记's date is the masthead's, as in the PDF
    w.tail()
    w.running_title = ""  # the pages of several items: the running header names the issue only, as the PDF's
    first = core_props(issue.items[0], t)
    m = t.masthead
    core = CoreProps(title=" ".join(x for x in (m.name, m.issue) if x), subject="；".join(titles),
                     keywords=first.keywords, author=first.author, description=issue.contents_title,
                     timestamp=first.timestamp)
    return finish(w, core, options or RenderOptions())


def contents(w: _Writer, title: str, titles: list[str]) -> None:
    """本期要目: a centred heading, then a line per item: title, dotted tab, PAGEREF."""
    t = w.t
    role = t.role("lead")
    inset = pt_to_twips(2 * role.size)
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{w.width}"/></w:tabs>'
    # no right indent: LibreOffice drops a number whose tab stop lies beyond it
    ind = f'<w:ind w:left="{inset}" w:right="0" w:hanging="0" w:firstLine="0" w:firstLineChars="0"/>'
    w.para("AppendixTitle", title, jc='<w:jc w:val="center"/>', ind='<w:ind w:firstLine="0" w:firstLineChars="0"/>')
    for i, text in enumerate(titles, 1):
        # dirty: Word computes the page on opening; LibreOffice always does
        page = field_runs(f"PAGEREF _Item{i} \\h", "").replace('w:fldCharType="begin"', 'w:fldCharType="begin" w:dirty="true"')
        runs = run(f"{text}\t", w.esc) + page
        w.out.append(paragraph(w.ids["Lead"], runs, tabs=tabs, ind=ind, jc='<w:jc w:val="left"/>'))
    rule = f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="{t.masthead.color.lstrip("#")}"/></w:pBdr>'
    w.out.append(paragraph(w.ids["BodyText"], "", pBdr=rule, spacing=spacing(role.leading / 2, 0, role.leading / 2)))


def bookmark(p: str, n: int, name: str) -> str:
    """The paragraph ``p`` with a bookmark around its runs."""
    head_end = p.find("</w:pPr>")
    cut = head_end + len("</w:pPr>") if head_end >= 0 else len("<w:p>")
    return (f'{p[:cut]}<w:bookmarkStart w:id="{n}" w:name="{name}"/>{p[cut:-len("</w:p>")]}'
            f'<w:bookmarkEnd w:id="{n}"/></w:p>')


def _group_title(w: _Writer, text: str) -> str:
    return paragraph(w.ids["Heading2"], run(text, w.esc), ind='<w:ind w:firstLine="0" w:firstLineChars="0"/>',
                     keepNext="<w:keepNext/>")


def _after_title(w: _Writer) -> int:
    tag = f'w:val="{w.ids["AppendixTitle"]}"'
    return max(i for i, x in enumerate(w.out) if tag in x) + 1
