"""Rebuild paragraphs from broken lines.

Two layouts occur:

* **column text** (copied out of a newspaper PDF): lines cut every 10-16 characters, blank lines
  at column breaks (even mid-sentence), the first line of a paragraph shorter because its indent
  was dropped. A paragraph ends where a line ends a sentence *and* either that line falls short
  of the column or the next line starts short (the dropped indent).
* **line text** (copied from a web page): one paragraph a line, except fragments a page cut out
  (a bold phrase on its own line, ``PM`` / ``2.5``), which are joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import CLOSERS, OPENERS, SPACES, ends_sentence, width

HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．](?![一二三四五六七八九十]{1,2}[组号栋期批届队社楼户类季])|[（(][一二三四五六七八九十百]+[）)]|第[一二三四五六七八九十百]+[部章节篇]分?"
    r"|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|附件\s*\d*|附[：:])"
)


# A reporter credit closing a paragraph: ``…。记者 某某`` / ``（记者 某某 某某）``.
BYLINE_END = re.compile(
    r"(?<=[。！？”])\s*[（(]?(?:本报|本報)?(?:记者|記者|通讯员|通訊員)\s*(?P<rep>[\u4e00-\u9fff]{2,4}(?:[\s、，][\u4e00-\u9fff]{2,4})*)[）)]?$"
)


# A byline on a line of its own: 本报记者 张三 通讯员 李四 / 文/图 记者 张三.
BYLINE_LINE = re.compile(r"^(?:文[/／]?图?|图[/／]?文)?[/／\s]*(?:本报|新华社|[\u4e00-\u9fff·]{2,12}(?:报|報|社|网|網|台|新闻|新聞|媒体|媒體))?(?:记者|記者|通讯员|通訊員)\s*(?P<names>[\u4e00-\u9fff·、\s]{2,40})$")


# 本报讯 / 本报北京1月5日讯 / 新华社北京1月5日电 / 记者 某某 报道, at the start of the lead.
DATELINE = re.compile(
    r"^(?P<src>本报讯|本报[\u4e00-\u9fff\d月日]{0,12}讯|[\u4e00-\u9fff]{2,8}报\s*[-—–]\s*[\u4e00-\u9fff]{2,8}讯|[\u4e00-\u9fff]{2,8}(?:社|网|台|报)[\u4e00-\u9fff\d月日]{0,12}(?:电|讯))"
    r"(?P<paren>[（(](?:记者|通讯员)?\s*(?P<rep>[^）)]{2,20})[）)])?\s*"
)

META_LINE = re.compile(r"^(?:来源|稿源|出处|时间|发布时间|日期|发布日期|作者|编辑|责任编辑)[：:]")


@dataclass
class Para:
    """A paragraph rebuilt from broken lines, with the input lines it came from."""

    text: str
    first_line: int  # 0-based line number in the cleaned input
    last_line: int
    n_lines: int = 1


def join_text(a: str, b: str) -> str:
    """Join two pieces of a broken line: CJK without a space, Latin words with one."""
    if not a:
        return b
    if not b:
        return a
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return f"{a} {b}"
    return a + b


def is_column_text(lines: list[str]) -> bool:
    """Most lines end mid-sentence and most are about as wide as the column (headings, which open
    with their number, and meta lines do not count)."""
    body = [ln for ln in lines if ln.strip(SPACES) and not HEADING_START.match(ln) and not META_LINE.match(ln)]
    if len(body) < 6:
        return False
    widths = sorted(width(ln) for ln in body)
    median = widths[len(widths) // 2]
    full = widths[int(len(widths) * 0.75)]
    near_full = sum(1 for w in widths if abs(w - full) <= 2) / len(widths)
    open_ends = sum(1 for ln in body if not ends_sentence(ln)) / len(body)
    return median <= 60 and open_ends >= 0.5 and near_full >= 0.5


def reflow(lines: list[str], doubled: frozenset[int] = frozenset()) -> list[Para]:
    """Paragraphs from lines. ``doubled``: the lines a PDF's fake bold had printed twice (a headline
    the column cut over lines: one paragraph, whatever the width of its lines)."""
    return reflow_columns(lines, doubled) if is_column_text(lines) else reflow_lines(lines)


def _local_width(widths: list[float | None], i: int, span: int = 8) -> float:
    near = [w for w in widths[max(0, i - span) : i + span + 1] if w is not None]
    if not near:
        return 0.0
    near.sort()
    return near[int(len(near) * 0.75)] if len(near) > 3 else max(near)


def reflow_columns(lines: list[str], doubled: frozenset[int] = frozenset()) -> list[Para]:
    widths: list[float | None] = [width(ln) if ln else None for ln in lines]
    # widths without a closing mark at the end: a column lets it hang past the edge, or sets it inside
    cores: list[float | None] = [width(ln.rstrip(_HANGING)) if ln else None for ln in lines]
    idx = [i for i, ln in enumerate(lines) if ln]
    paras: list[Para] = []
    cur: Para | None = None
    for pos, i in enumerate(idx):
        line = lines[i]
        prev = idx[pos - 1] if pos else None
        heading = _in_heading(cur, lines, widths, prev, i) if cur is not None and prev is not None else None
        if prev is not None and i - prev == 1 and {prev, i} <= doubled and cur is not None and not ends_sentence(cur.text):
            heading = True  # the next line of a headline in fake bold
        if cur is not None and prev is not None and (heading or (heading is None and not _breaks(lines, widths, prev, i, cores))):
            cur.text = join_text(cur.text, line)
            cur.last_line = i
            cur.n_lines += 1
            continue
        cur = Para(line, i, i)
        paras.append(cur)
    return paras


# A heading's next line that only continues it: a word, then a comma (``建设，提升…``); not a
# paragraph's opening adverb (``同时，``).
_HEADING_TAIL = re.compile(
    r"^(?!(?:为此|同时|此外|其中|目前|当前|今年|去年|明年|近年|因此|另外|首先|其次|最后|总之|对此)[，、])"
    r"[\u4e00-\u9fff]{1,3}[，、；]"
)


def _unclosed(text: str) -> bool:
    return sum(text.count(c) for c in "《（(“") > sum(text.count(c) for c in "》）)”")


def _in_heading(cur: Para, lines: list[str], widths: list[float | None], a: int, b: int) -> bool | None:
    """Does a numbered heading that a column cut over lines go on at line b? A heading's lines are
    set large, so they fall short of the column even where the heading goes on: it goes on while a
    bracket (《…》, （…）) is open or the next line only ends its phrase, and ends at the first
    other short line. None when ``cur`` is no open heading (the general rules decide)."""
    if not HEADING_START.match(cur.text) or ends_sentence(cur.text) or b - a > 1:
        return None
    if _unclosed(cur.text) or _HEADING_TAIL.match(lines[b]):
        return True
    col = max(_local_width(widths, a), _local_width(widths, b))
    if cur.n_lines > 1 and col - (widths[a] or 0.0) >= 1.5:
        return False
    return None


_HANGING = "，。、；：？！,.;:?!”’）)》」』"


def _breaks(lines: list[str], widths: list[float | None], a: int, b: int,
            cores: list[float | None] | None = None) -> bool:
    """Does a paragraph end between non-blank lines a and b (b > a)?"""
    la, lb = lines[a], lines[b]
    wa, wb = widths[a] or 0.0, widths[b] or 0.0
    col = max(_local_width(widths, a), _local_width(widths, b))
    blank = b - a > 1
    short_a = col - wa >= 1.5
    if DATELINE.match(lb) or META_LINE.match(lb) or META_LINE.match(la):
        return True
    if HEADING_START.match(lb) and (ends_sentence(la) or col - wa >= 2):
        return True
    if not ends_sentence(la) and not BYLINE_END.search(la):
        if DATELINE.match(la):
            return False
        # A line that ends mid-sentence continues, unless it is a headline, a heading or a label:
        # short and followed by a blank line, or well short of the column and followed by a line
        # of another kind (a full line, a heading, a subtitle) rather than the headline's next line.
        if blank:
            if la[-1].isdigit() and _UNIT_HEAD.match(lb):
                return False  # 2020年4 / blank / 月22日: a number goes on with its unit
            if _subheading_line(lines, widths, a, col):
                return True
            return wa <= col * 0.75 and not _pushed_over(lines, widths, a, col)
        if HEADING_START.match(la) and col - wa >= 1.5:
            return True  # a numbered heading that does not fill its line ends there
        if _set_apart(lines, widths, a, col) and (col - width(lb.rstrip(_HANGING)) >= 1.5 or _wider(la, col) and _wider(lb, col)):
            return True  # a subheading set in the column with no blank line around it
        if wa > col * 0.7 or _FRAGMENT_TAIL.search(la) or _CONTINUATION_HEAD.match(lb):
            return False
        if _short_by(wa, lb, col, full=False):
            return False  # short only by the number or word that opens the next line
        return wb > col * 0.7 or bool(HEADING_START.match(la) or HEADING_START.match(lb) or lb.startswith("—"))
    if lb[0] in CLOSERS or lb[0] in "，。、；：？！%％":
        return False
    if blank and _subheading_line(lines, widths, b, col):
        return True
    # The next line's dropped indent is the surest sign; a sentence end on a line that merely
    # falls a little short of the column (justification, half-width digits) is not.
    indented_b = col - wb >= 1.5
    if cores is not None and not indented_b:
        # a first line that only looks full by a comma hung past the column's edge
        indented_b = max(_local_width(cores, a), _local_width(cores, b)) - (cores[b] or 0.0) >= 1.75
    very_short_a = col - wa >= 3
    return very_short_a or indented_b or (short_a and blank)


def _subheading_line(lines: list[str], widths: list[float | None], k: int, col: float) -> bool:
    """Line k is a subheading set in the column (as wide as it, maybe): a phrase on a line of its
    own between blank lines, after a sentence's end (or a credit), and a paragraph starts after it
    (its first line short by the dropped indent)."""
    t = lines[k]
    if not (0 < k < len(lines) - 2) or lines[k - 1] or lines[k + 1] or width(t) > 24:
        return False
    if ends_sentence(t) or re.search("[，。；;,]", t) or t[-1] in "：:、":
        return False
    above = next((ln for ln in reversed(lines[: k - 1]) if ln), "")
    below = next((j for j in range(k + 2, len(lines)) if lines[j]), None)
    if not above or not (ends_sentence(above) or BYLINE_END.search(above) or BYLINE_LINE.match(above)) or below is None:
        return False
    return col - (widths[below] or 0.0) >= 1.5


def _wider(line: str, col: float) -> bool:
    """Wider than the column even without the marks it may hang past the edge: set in larger type."""
    return width(line.rstrip(_HANGING)) - col >= 1.5


# A keyword in quotes on a line of its own (“某某”), nothing else on it; or its end, the column
# having cut it (“某某某某 / 某某”).
_QUOTED_WORD = re.compile(r"^“[^“”，。；：、,;:]{1,20}”$")
_QUOTE_END = re.compile(r"^[^“”，。；：、,;:]{1,20}”$")
_QUOTE_START = re.compile(r"^“[^“”，。；：、,;:]{1,20}$")


def _set_apart(lines: list[str], widths: list[float | None], a: int, col: float) -> bool:
    """Line a, after a sentence's end (or at the top, or under another such line), is a heading's:
    wider than the column (a subheading in larger type, over one or two lines) or one keyword in
    quotes. A paragraph's line is neither."""
    la = lines[a]
    above = lines[a - 1] if a else ""
    if _QUOTE_END.match(la) and _QUOTE_START.match(above):
        above = lines[a - 2] if a > 1 else ""
    elif not (_wider(la, col) and not re.search("[，。；;,]", la) or _QUOTED_WORD.match(la)):
        return False
    return not above or ends_sentence(above) or _wider(above, col) and not re.search("[，。；;,]", above)


_UNIT_HEAD = re.compile(r"^(?:[年月日时号%％]|万|亿|千|百|个|家|项|人|元|倍|吨|亩|平方|公里|千米|米)")
# A number or a Latin word is never cut at a line's end: a line falls short by it.
_UNCUT = re.compile(r"^(?:[\d.,，%％]*\d[\d.,%％]*|[A-Za-z]+)")


def _pushed_over(lines: list[str], widths: list[float | None], a: int, col: float) -> bool:
    """Line a, inside a paragraph (the line over it is full), falls short of the column only
    because the next line's first number or word (which a column never cuts) did not fit after
    it: a full line, whatever its width. (A digit or % is narrower in our measure than in some
    papers' faces: a point and a half of slack.)"""
    nxt = next((ln for ln in lines[a + 1:] if ln), "")
    return bool(a) and lines[a - 1] != "" and _short_by(widths[a - 1], lines[a], col) \
        and _short_by(widths[a], nxt, col, full=False)


def _short_by(w: float | None, nxt: str, col: float, full: bool = True) -> bool:
    """A line ``w`` wide is full, or (``full`` False: only) short by the uncut number or word ``nxt`` opens with."""
    m = _UNCUT.match(nxt)
    w = w or 0.0
    return (full and col - w < 1.5) or (m is not None and w + width(m.group(0)) > col - 1.5)


# -- line text -------------------------------------------------------------------------------

# (向 ends a phrase in a noun: 政策取向, 发展方向, 问题导向; 在 in 所在, 存在, 现在; 地, the adverb's
# particle, not the noun's end: 落地, 基地, 用地, 各地.)
_FRAGMENT_TAIL = re.compile(
    r"(?:的|之|和|与|及|以及|或|(?<![所存现实])在|对|把|将|为|从|(?<![取方导走趋意动去流倾志])向|是|了|(?<![落基土用园各本外内腹阵产耕湿高场实当两异天田绿营驻圣福])地|得|[A-Za-z]|[，、；：])$")
# (A zero-padded 01 on a line of its own numbers the heading after it: it continues nothing.)
_CONTINUATION_HEAD = re.compile(r"^(?!0\d$)(?:[，。、；：？！%％）)》”’]|是[：:，]|[.\d]+(?:\s|$)|\d+(?:\.\d+)?[^\d\s年月日.、．]{0,1}$)")


_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def reflow_lines(lines: list[str]) -> list[Para]:
    paras: list[Para] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        # a bare number a page cut out of its sentence (PM / 2.5 / 浓度…) joins what follows it too
        after_fragment = paras and paras[-1].n_lines > 1 and _BARE_NUMBER.match(lines[i - 1]) is not None
        if paras and paras[-1].last_line == i - 1 and (after_fragment or continues_line(paras[-1].text, line)):
            p = paras[-1]
            p.text = join_text(p.text, line)
            p.last_line = i
            p.n_lines += 1
            continue
        paras.append(Para(line, i, i))
    return paras


def continues_line(prev: str, line: str) -> bool:
    """A web line that only makes sense joined to the line before it."""
    if ends_sentence(prev) or prev.rstrip(CLOSERS)[-1:] in "：:":
        return bool(_CONTINUATION_HEAD.match(line)) and line[0] in CLOSERS + "，。、；：？！%％"
    if HEADING_START.match(prev) and not _FRAGMENT_TAIL.search(prev):
        return False
    if prev[-1] in OPENERS:
        return True
    if _CONTINUATION_HEAD.match(line):
        return True
    return bool(_FRAGMENT_TAIL.search(prev))
