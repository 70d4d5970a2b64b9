"""Chinese line breaking (GB/T 15834-2011, W3C *Requirements for Chinese Text Layout*).

Text is cut into *units* that a line may never break inside:

* a closing mark (``，。、；：？！）》〉」』】”’…—％`` …) sticks to what precedes it, so no line starts
  with one;
* an opening mark (``（《〈「『【“‘`` …) sticks to what follows it, so no line ends with one;
* a Latin word or a number stays whole, and a number keeps its unit (``236.7亿元``, ``27.8%``,
  ``5G``, ``4.5%—5%``, ``第3期``);
* a dash or ellipsis pair (``——``, ``……``) is never split.

Between units a line may break. :func:`wrap` is a greedy wrapper over any measure (points, Word
twips or character counts), so the PDF paragraphs, table cells and boxes, and any other wrapping
code, share one set of rules. ReportLab's own ``wordWrap='CJK'`` is Japanese-oriented and lets
``，；：！？》”…—`` start a line, hence this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
    r"(?:第)?"
    r"[A-Za-z0-9０-９\u00c0-\u024f]+(?:['’.,．\-_/:@&+][A-Za-z0-9０-９\u00c0-\u024f]+)*[%％‰]?"
    rf"(?:[—–\-～~至到](?:{_NUM})[%％‰]?)?"
    rf"(?:(?<=[0-9０-９%％‰])(?:{_UNIT})(?:{_UNIT})?)?"
    r"|—+|…+|\s+|\.{2,}|.",
    re.S,
)


def is_wide(ch: str) -> bool:
    """True for characters set on the full em (ideographs, kana, hangul, full-width forms)."""
    return bool(_WIDE.match(ch))


def units(text: str) -> list[str]:
    """The text cut into pieces no line may break inside; ``"".join(units(t)) == t``.
    A closing mark joins what precedes it and an opening mark what follows it, across spaces."""
    out: list[str] = []
    glue = False  # the last unit ends with an opening mark (and maybe spaces): the next joins it
    for atom in _TOKEN.findall(text):
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
    lines: list[str] = []
    cur: list[str] = []
    cur_w = 0.0
    limit = (width if first_width is None else first_width) + squeeze + 1e-6
    rest = width + squeeze + 1e-6

    def fits(total: float, last: str) -> bool:
        trim = advance(last) / 2 if last in HALF_BLANK_END and is_wide(last) else 0.0
        return total - trim <= limit

    for u in units(text) if isinstance(text, str) else text:
        w = sum(map(advance, u))
        if u.isspace():
            if cur:
                cur.append(u)
                cur_w += w
            continue
        total = cur_w + w
        last = u[-1]
        # fits(), inlined: this loop runs once per unit of every paragraph.
        if cur and (total <= limit or (last in HALF_BLANK_END and fits(total, last))):
            cur.append(u)
            cur_w = total
            continue
        if cur:
            lines.append("".join(cur).rstrip())
            cur, cur_w, limit = [], 0.0, rest
        if fits(w, last):
            cur, cur_w = [u], w
            continue
        for piece in _force_split(u, advance, fits):
            if cur:
                lines.append("".join(cur).rstrip())
                cur, limit = [], rest
            cur, cur_w = [piece], sum(map(advance, piece))
    if cur or not lines:
        lines.append("".join(cur).rstrip())
    return lines


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
