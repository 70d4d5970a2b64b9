"""Chinese line breaking (GB/T 15834-2011, W3C *Requirements for Chinese Text Layout*).

Text is cut into *units* that a line may never break inside:

* a closing mark (``，。、；：？！）》〉」』】”’…—％`` …) sticks to what precedes it, so no line starts
  with one;
* an opening mark (``（《〈「『【“‘`` …) sticks to what follows it, so no line ends with one;
* a Latin word or a number stays whole, and a number keeps its unit (``236.7亿元``, ``27.8%``,
  ``5G``, ``4.5%—5%``, ``第3期``, ``第十六届``);
* a dash or ellipsis pair (``——``, ``……``) is never split;
* a hyphen between two ideographs (``中国-北欧``, ``黄冈-鄂州``) joins the names: no break after it.

Between units a line may break. :func:`wrap` is a greedy wrapper over any measure (points, Word
twips or character counts), so the PDF paragraphs, table cells and boxes, and any other wrapping
code, share one set of rules. ReportLab's own ``wordWrap='CJK'`` is Japanese-oriented and lets
``，；：！？》”…—`` start a line, hence this module.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

#: May not start a line (GB/T 15834 点号 and closing 标号, plus their half-width forms).
CLOSING = frozenset(
    "，。、；：？！）》〉」』】〕〗〙〛］｝”’…—％‰·・～"
    ",.;:?!)]}%"
    "\u2014\u2026\u00b7\u30fb\uff09\uff0c\uff0e\uff1a\uff1b\uff1f\uff01\uff05"
)
#: May not end a line.
OPENING = frozenset("（《〈「『【〔〖〘〚［｛“‘([{")

#: Closing marks whose glyph sits in the left half of the em (mainland style): at a line end the
#: right half is blank and may run past the margin without any ink doing so.
HALF_BLANK_END = frozenset("，。、；：）》〉」』】〕〗］｝”’")

#: Full-width forms and CJK ranges take one em; everything else is "Latin" (proportional).
_WIDE = re.compile("[\u1100-\u115f\u2018\u2019\u201c\u201d\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
                   "\U00020000-\U0003fffd]")

# Units a number keeps with it (longest first when matching). Mostly counters and measures from
# Chinese reports; a missing one only costs a break opportunity after the number, never a rule.
_UNITS = sorted(
    """
    万亿元 亿美元 万美元 亿元 万元 千元 元 美元 欧元 万亿 亿 万 千 百
    个百分点 百分点 个 家 项 所 名 位 户 套 座 条 台 辆 架 艘 件 张 份 本 部 篇 场 届 批 类 种 处 栋
    间 张 床 株 棵 头 只 匹 倍 成 人次 人 次 岁 周年 年 月 日 号 时 分钟 分 秒 天 周 小时 期 版 章 节
    平方公里 平方千米 平方米 立方米 公里 千米 厘米 毫米 米 公顷 亩 吨 千克 公斤 克 升 毫升
    千瓦时 万千瓦 千瓦 兆瓦 吉瓦 千伏 伏 度 标箱 微克/立方米 ℃ °C °
    """.split(),
    key=len,
    reverse=True,
)
_UNIT = "|".join(map(re.escape, _UNITS))
_NUM = r"[0-9０-９]+(?:[.,．][0-9０-９]+)*"
# One token: a Latin/number run (letters and digits with inner . , - _ / : ' joining them: 5G,
# PM2.5, COVID-19, www.gov.cn; a percent sign; a number range 4.5%—5%; 第 before a number) with up
# to two units after a number (2049万平方米); or a dash or ellipsis run; or spaces; or one character.
_TOKEN = re.compile(
    r"[\u3400-\u9fff][\-‐‑－][\u3400-\u9fff]|"  # 中国-北欧: no break at the hyphen of a name
    r"(?:第)?"
    r"[A-Za-z0-9０-９\u00c0-\u024f]+(?:['’.,．\-_/:@&+][A-Za-z0-9０-９\u00c0-\u024f]+)*[%％‰]?"
    rf"(?:[—–\-～~至到](?:{_NUM})[%％‰]?)?"
    rf"(?:(?<=[0-9０-９%％‰])(?:{_UNIT})(?:{_UNIT})?)?"
    r"|第[零〇一二两三四五六七八九十百千]+[届次期号章节条款批轮个项]?"  # 第十六届: an ordinal stays whole
    r"|—+|…+|\s+|\.{2,}|.",
    re.S,
)


_WIDE_CHARS = _WIDE.pattern[1:-1]
#: A character followed by another, both neither wide nor space: the inside of a Latin word or a
#: number, which justification must not spread apart.
NARROW_PAIR = re.compile(f"[^\\s{_WIDE_CHARS}](?=[^\\s{_WIDE_CHARS}])")

#: Every character ``str.isspace`` accepts (a test checks the list against Python's).
WHITESPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                       "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_SPECIAL = CLOSING | OPENING | WHITESPACE


def is_wide(ch: str) -> bool:
    """True for characters set on the full em (ideographs, kana, hangul, full-width forms)."""
    return bool(_WIDE.match(ch))


def units(text: str) -> list[str]:
    """The text cut into pieces no line may break inside; ``"".join(units(t)) == t``.
    A closing mark joins what precedes it and an opening mark what follows it, across spaces."""
    out: list[str] = []
    glue = False  # the last unit ends with an opening mark (and maybe spaces): the next joins it
    special = _SPECIAL
    for atom in _TOKEN.findall(text):
        if not glue and atom[0] not in special and atom[-1] not in special:
            out.append(atom)  # most atoms: an ideograph or a word, with no mark or space at an end
            continue
        space = atom.isspace()
        closing = not space and atom[0] in CLOSING
        if out and closing and out[-1].isspace() and len(out) > 1:
            gap = out.pop()
            out[-1] += gap
        if out and (glue or (closing and not out[-1].isspace())):
            out[-1] += atom
            glue = (glue and space) or (not space and atom[-1] in OPENING)
        else:
            out.append(atom)
            glue = not space and atom[-1] in OPENING
    return out


def wrap(
    text: str | list[str],
    width: float,
    advance: Callable[[str], float],
    *,
    first_width: float | None = None,
    squeeze: float = 0.0,
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (``first_width`` for the first line).

    ``advance(ch)`` is the width of one character including any tracking. A final closing mark
    whose right half is blank counts half its advance; a line may exceed the width by up to
    ``squeeze`` (the caller then tightens its spacing). Spaces at a line break are dropped. A unit
    wider than a whole line is broken between characters, still never before a closing mark.
    ``text`` may also be given as its :func:`units`, for a caller that wraps one text to several
    widths.
    """
    pieces = units(text) if isinstance(text, str) else text
    limit = (width if first_width is None else first_width) + squeeze + 1e-6
    rest = width + squeeze + 1e-6

    def fits(total: float, last: str) -> bool:
        trim = advance(last) / 2 if last in HALF_BLANK_END and is_wide(last) else 0.0
        return total - trim <= limit

    # Greedy filling, a line at a time: from the running sum of the widths, the units that fit
    # are found by bisection (in C), not by one Python step per unit. Spaces never break a line
    # themselves, and are dropped at either end of one.
    per_char = list(accumulate(map(advance, "".join(pieces)), initial=0.0))
    at = [per_char[k] for k in accumulate(map(len, pieces), initial=0)]
    n = len(pieces)
    lines: list[str] = []
    s = 0
    carry, carry_w = "", 0.0  # the end of a unit cut over several lines starts the next one
    while True:
        if not carry:
            while s < n and pieces[s].isspace():
                s += 1
            if s >= n:
                break
        base = at[s] - carry_w
        e = max(s, bisect_right(at, base + limit, s) - 1)  # pieces[s:e] fit whole
        while e < n and (pieces[e].isspace() or fits(at[e + 1] - base, pieces[e][-1])):
            e += 1  # a final half-blank mark may use its blank half
        if e > s or carry:
            lines.append((carry + "".join(pieces[s:e])).rstrip())
            s, carry, carry_w, limit = e, "", 0.0, rest
        else:  # one unit wider than the line: cut between characters
            *whole, carry = _force_split(pieces[s], advance, fits)
            if whole:
                lines.extend(p.rstrip() for p in whole)
                limit = rest
            carry_w = sum(map(advance, carry))
            s += 1
    return lines or [""]


def _force_split(u: str, advance: Callable[[str], float], fits: Callable[[float, str], bool]) -> list[str]:
    """Cut an over-long unit (a URL, a long number) between characters, not before a closing mark."""
    pieces: list[str] = []
    start, w = 0, 0.0
    for i, ch in enumerate(u):
        cw = advance(ch)
        if i > start and not fits(w + cw, ch) and ch not in CLOSING and u[i - 1] not in OPENING:
            pieces.append(u[start:i])
            start, w = i, 0.0
        w += cw
    pieces.append(u[start:])
    return pieces


def violations(lines: list[str]) -> list[str]:
    """Lines of one text that start with a closing mark or end with an opening mark, at a break.
    (A text that itself opens with ``——`` or ends with ``（`` is not a breaking fault.)"""
    bad = []
    last = len(lines) - 1
    for i, line in enumerate(lines):
        s = line.strip()
        if s and ((i > 0 and s[0] in CLOSING) or (i < last and s[-1] in OPENING)):
            bad.append(s)
    return bad
