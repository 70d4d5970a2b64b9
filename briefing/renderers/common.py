"""Helpers both renderers share: numbering of sections, the byline, the appendix rows.

They only read the model and return plain strings, so the PDF and the DOCX print the same words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..issue import Issue
from ..model import Section, Summary, Target
from ..template import Tail, Template

_DIGITS = "零一二三四五六七八九"

APPENDIX_COLUMNS = ("序号", "部分", "指标", "目标值", "单位", "约束")

# a date anywhere in the report's date field, numeric or written out, zero-padded or not, a time
# or the page's words around it ("2026-03-16 10:40:34", "2023年01月01日上一版")
# (a time may follow 日 with no space: 2026年02月10日07时41分)
_DATE = re.compile(r"(?<!\d)(\d{4})\s*(?:[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)")


def masthead_date(issue_date: str, report_date: str) -> str:
    """The date under the masthead and in the 版记: the issue's own as configured, else the
    report's written as GB/T 9704 prints dates (2026-02-02, 2026年02月02日 10:40 → 2026年2月2日);
    nothing when the report's has no whole date in it (a page's stamp or words are never printed)."""
    if issue_date:
        return issue_date
    for m in _DATE.finditer(report_date):
        y, mo, d = (int(g) for g in m.groups() if g)
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y}年{mo}月{d}日"
    return ""


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (positive integers below 10000)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            out += _DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    # 十二, not 一十二, when the number starts with the tens
    return out[1:] if out.startswith("一十") else out


def section_number(n: int, depth: int = 1) -> str:
    """The heading prefix of the n-th section at a depth: 一、 · （一） · 1. · （1）."""
    if depth <= 1:
        return f"{chinese_numeral(n)}、"
    if depth == 2:
        return f"（{chinese_numeral(n)}）"
    if depth == 3:
        return f"{n}."
    return f"（{n}）"


# A heading that already carries its number, as in a government report: 一、 （一） 1. （1）
_NUMBERED = re.compile(r"^\s*(（[一二三四五六七八九十百零〇]+）|[一二三四五六七八九十百零〇]+、|（\d+）|\d+[.．、](?!\d))")


def heading_texts(sections: list[Section], depth: int = 1) -> list[str]:
    """The heading of each section in a list of siblings: numbered 一、二、 … by depth, unless the
    keywords bring their own numbers (then none is numbered, so 附件1 stays unnumbered too). A
    section without a keyword (the one part of a text with no headings) has none: empty, and
    the numbers count only the named ones."""
    if any(_NUMBERED.match(s.keyword) for s in sections):
        return [s.keyword for s in sections]
    out, n = [], 0
    for s in sections:
        n += bool(s.keyword)
        out.append(f"{section_number(n, depth)}{s.keyword}" if s.keyword else "")
    return out


def numbered_sections(summary: Summary) -> list[tuple[int, str, Section]]:
    """(depth, heading text, section) in reading order; numbers restart under each parent; the
    heading text is empty for a section without a keyword (print no heading)."""
    out: list[tuple[int, str, Section]] = []

    def walk(secs: list[Section], depth: int) -> None:
        for heading, s in zip(heading_texts(secs, depth), secs):
            out.append((depth, heading, s))
            walk(s.subsections, depth + 1)

    walk(summary.sections, 1)
    return out


# Words a label may be cut before or after in the text it came from: a verb that led to the number
# (迈上, 达到), a frequency (每年), an auxiliary or adverb before the action (将继续).
_LABEL_TAIL = re.compile(r"(?:每年|每月|年均|累计|全年|如期完成|顺利完成|全面完成|完成|达到|迈上|突破|超过|增至|提高到|保持在|稳定在|保持|实现|继续|共|均)+$")
_LABEL_HEAD = re.compile(r"^(?:将|要|需|还将|继续|持续|再|全年|今年|力争|确保)+(?=.{4})")


def label_phrase(indicator: str) -> str:
    """An indicator as a label that reads as a whole phrase: 地区生产总值迈上 → 地区生产总值,
    城镇新增就业每年 → 城镇新增就业, 将继续实施10大类民生实事项目 → 实施10大类民生实事项目
    (never cut down below four characters)."""
    out = _LABEL_HEAD.sub("", indicator)
    tail = _LABEL_TAIL.search(out)
    if tail and tail.start() >= 4:
        out = out[: tail.start()]
    return out


def format_number(x: float | int) -> str:
    """240 → 240, 2.2 → 2.2, 5.0 → 5 (shortest form that reads back as the same number)."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x) if isinstance(x, float) else str(x)


def target_value_text(t: Target) -> str:
    """The 目标值 cell: the number, or a range 4.5～5."""
    v = format_number(t.value)
    return f"{v}～{format_number(t.value_max)}" if t.value_max is not None else v


def target_part(summary: Summary, t: Target) -> str:
    """The 部分 cell: the numbered heading of the top-level section the target belongs to."""
    if 1 <= t.section <= len(summary.sections):
        return heading_texts(summary.sections)[t.section - 1]
    return str(t.section) if t.section else ""


def appendix_rows(summary: Summary) -> list[tuple[str, str, str, str, str, str]]:
    """One row per target, in the order of APPENDIX_COLUMNS."""
    return [
        (str(i), target_part(summary, t), counted_indicator(summary.targets, i - 1), target_value_text(t), t.unit,
         t.qualifier or "")
        for i, t in enumerate(summary.targets, 1)
    ]


# An indicator that ends on its verb names no thing: 区县（市）引进 (3个 of what?).
_BARE_VERB = re.compile(r"(引进|新建|建设|建成|培育|打造|新增|招引|签约|开工|落地|认定|创建)$")
# A size threshold before the thing (5亿元以上的): the elided clause need not share it.
_THRESHOLD = re.compile(r"^[\d.]+[万亿千百]*(?:美元|元)?(?:以上|以下|及以上)?的?")


def counted_indicator(targets: list[Target], i: int) -> str:
    """The indicator of target ``i``, naming what it counts when the text left that to the clause
    before (…开发区引进5亿元以上关联企业均不少于5个、区县（市）引进均不少于3个 → 区县（市）引进关联企业):
    the thing after the same verb in an earlier target of the same section and unit."""
    t = targets[i]
    m = _BARE_VERB.search(t.indicator)
    if not m:
        return t.indicator
    for prev in reversed(targets[max(0, i - 3):i]):
        if prev.section != t.section or prev.unit != t.unit or m.group(1) not in prev.indicator:
            continue
        thing = _THRESHOLD.sub("", prev.indicator.rsplit(m.group(1), 1)[1])
        if len(thing) >= 2:
            return t.indicator + thing
    return t.indicator


def byline_lines(summary: Summary) -> list[str]:
    """Source and reporter (本报讯　记者 孙庆辉), each a line with the speaker; empty parts left out.
    A speech (a work report) names its speaker under the occasion line, and the paper or site it was
    copied from after it, as 来源 (a bare 四川日报 between the two read as the report's author)."""
    reporter = f"记者 {summary.reporter}" if summary.reporter else ""
    credit = "　".join(x for x in (summary.source, reporter) if x)
    if summary.speaker:
        source = f"来源：{summary.source}" if summary.source and not reporter else credit
        return [x for x in (summary.speaker, source) if x]
    return [credit] if credit else []


def appendix_display_rows(summary: Summary) -> list[tuple[str, ...]]:
    """appendix_rows with the part named on the first of its rows only, as a printed table would."""
    out: list[tuple[str, ...]] = []
    previous = None
    for row in appendix_rows(summary):
        out.append((row[0], "" if row[1] == previous else row[1], *row[2:]))
        previous = row[1]
    return out


APPENDIX_ALIGN = ("center", "left", "left", "right", "center", "center")


def appendix_column_widths(natural: list[float], width: float, em: float, pad: float) -> list[float]:
    """Column widths from each column's widest cell (``natural``, same unit as ``width``): the short
    columns as wide as their cells (at most six ems), the rest to 部分 and 指标; 指标 gets what it
    needs as long as 部分 keeps six characters. ``pad`` is a cell's padding on each side."""
    wide = (1, 2)
    cols = [min(n, 6 * em) + 2 * pad + 1 for n in natural]
    rest = width - sum(c for j, c in enumerate(cols) if j not in wide)
    need = natural[2] + 2 * pad + 1
    part = min(max(rest - need, 6 * em + 2 * pad), natural[1] + 2 * pad + 1)
    cols[1], cols[2] = part, rest - part
    return cols


def text_ems(text: str) -> float:
    """Approximate width in ems: Chinese characters and full-width forms 1, the rest half."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.55 for c in text)


def tail_lines(tail: Tail) -> tuple[list[str], str]:
    """The distribution tail (版记): the 报：/送：/发： lines that have content, and 共印N份 ('' when
    no count is set). Both empty means no tail is printed."""
    if not tail.enabled:
        return [], ""
    items = [k + v for k, v in (("报：", tail.report_to), ("送：", tail.send_to), ("发：", tail.issue_to)) if v]
    return items, f"共印{tail.copies}份" if tail.copies else ""


def imprint(tail: Tail, unit: str, date: str) -> tuple[str, str]:
    """The 印发 line of the 版记 (GB/T 9704 7.3.5.3): the printing unit on the left and the date
    with 印发 on the right; the unit and date default to the masthead's. ('', '') when the tail
    is off or has nothing of its own (no distribution, copies, unit or date): a briefing that
    names no readers gets no 版记."""
    own = (tail.report_to, tail.send_to, tail.issue_to, tail.copies, tail.printer, tail.print_date)
    if not (tail.enabled and any(own)):
        return "", ""
    printer, when = tail.printer or unit, tail.print_date or date
    return printer, f"{when}印发" if when else ""


def issue_template(issue: Issue, t: Template) -> Template:
    """The template with the issue's masthead values (name, 第N期（总第M期）, unit, date) where set."""
    m = t.masthead
    head = replace(m, name=issue.name or m.name, issue=issue.issue_line() or m.issue, unit=issue.unit or m.unit,
                   date=issue.date or m.date)
    return replace(t, masthead=head)


def item_sections(issue: Issue) -> list[tuple[int, Summary]]:
    """The items with targets (1-based item number, summary): the groups of the targets appendix."""
    return [(i, s) for i, s in enumerate(issue.items, 1) if s.targets]


_NUMERALS = "〇零一二三四五六七八九十百千万两"
_NO_LINE_START = "届次年月日号期个项家条件位名类批轮者性化型式上下中内外"
_PHRASE_BREAK = re.compile(r"(?<=[，、；：,;:])(?=\S)|(?<=[\u4e00-\u9fff])(?=[（(《“\u4e00-\u9fff])")


def two_even_lines(text: str, width: float, size: float) -> str:
    """A centred line a renderer lets the client wrap (the DOCX's title block) that needs two lines:
    broken where the two come out most even, after a phrase mark if one is near the middle, so the
    last line is never a runt (…会议上 / 议上）). Unchanged when it fits one line or needs three."""
    ems = text_ems(text)
    if ems * size <= width or ems * size > 1.8 * width or "\n" in text:
        return text
    half = ems / 2
    best, best_key = None, None
    for m in _PHRASE_BREAK.finditer(text):
        at = m.start()
        before, after = text[at - 1], text[at]
        head = text_ems(text[:at])
        if max(head, ems - head) * size > width * 0.98 or before == "第" or after in _NO_LINE_START \
                or (before in _NUMERALS and after in _NUMERALS):
            continue  # not inside 第十四届, 一二三产, nor before a measure word
        bonus = 3.0 if before in "，、；：,;:" else 1.0 if after in "第在和与及" or before == "的" else 0.0
        key = (abs(head - half) - bonus, at)
        if best_key is None or key < best_key:
            best, best_key = m.start(), key
    return text if best is None else text[:best] + "\n" + text[best:]
