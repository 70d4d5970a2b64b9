"""Line-level passes over the raw text before paragraphs are rebuilt: page chrome, keyword-label
lines (``关键词 …``, ``【…】``) which may stand anywhere, and the doubled-headline repair."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import BULLETS, SPACES, ends_sentence, width
from .clean import squeeze_spaces, undouble
from .reflow import continues_line, is_column_text

# Widgets of a web page copied along with the text. Short and distinctive, so safe to drop
# wherever a line consists of nothing else.
_WIDGETS = {
    "下载", "打印", "全屏", "收藏", "分享", "分享到", "关闭", "关闭窗口", "打印本页", "返回顶部", "返回",
    "加大", "还原", "减小", "大", "中", "小", "默认", "扫一扫", "微信", "微博", "QQ空间", "】", "【", "】【",
    "字号", "【打印】", "【关闭】", "【收藏】", "【大】", "【中】", "【小】", "上一篇", "下一篇", "纠错",
    "登录", "注册", "登录/注册", "登录 | 注册", "登录|注册",
}
_WIDGET_RE = re.compile(
    r"^(?:【\s*字号[：:].*|字号[：:]\s*[大中小\s]*|【?\s*(?:打印本页|关闭窗口|打印|关闭|收藏|分享)\s*】?(?:\s*【?\s*(?:打印本页|关闭窗口|打印|关闭|收藏|分享)\s*】?)*"
    r"|(?:浏览|阅读|访问)(?:次数|量)[：:]?\s*\d*|责任编辑[：:].{0,12}|扫一扫.{0,20}|分享到[：:]?.{0,20}"
    r"|(?:当前位置|您的位置|所在位置)[：:].{0,60}|首页\s*[>＞»/].{0,60})$"
    # A newspaper page's furniture: 2021年2月5日 星期五 / 责编：某某 美编：某某 / A3版
    r"|^.{0,20}\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天].{0,30}$"
    r"|^(?:(?:责编|责任编辑|美编|编辑|校对|版式|组版|审读)[：:]\s*[\u4e00-\u9fff]{2,4}\s*){2,}$"
    r"|^[A-Z]\d{1,2}$|^\d{1,2}\s*版$"
    # A link to the page's neighbours: 上一篇: / 下一篇：某某新闻
    r"|^[上下]一[篇页条]\s*[：:].{0,60}$"
)

_BULLET = BULLETS + "·"
_LABEL_BRACKET = re.compile(rf"^[{_BULLET}]?\s*【([^【】]{{2,30}})】$")
_LABEL_PREFIX = re.compile(
    rf"^[{_BULLET}]?\s*【?([\u4e00-\u9fff]{{2,4}}?)([一二三四五六七八九十]|\d{{1,2}})?】?\s*(?:[：:]|[{SPACES}]+|(?<=】))\s*(\S.{{1,40}})$"
)


@dataclass
class Label:
    """A keyword label found on a line of its own."""

    line: int
    text: str
    more: tuple[int, ...] = ()  # the lines a column cut a long label onto


def is_widget(line: str) -> bool:
    s = line.strip(SPACES)
    return s in _WIDGETS or bool(_WIDGET_RE.match(s))


# A newspaper's jump lines, copied into the text where the story breaks off and goes on:
# （下转第四版） / （紧接第一版） / （上接1版）. Print-edition furniture, not the report's words.
_JUMP = re.compile(r"[（(](?:下转|上接|紧接|接|转|续)第?[一二三四五六七八九十\d]{1,3}版[）)][ \u3000]*")


def drop_chrome(lines: list[str], dropped: list[str]) -> list[str]:
    """Blank out widget lines and take jump lines out of the text; keeps line numbers stable."""
    out = []
    for ln in lines:
        if ln.strip(SPACES) and is_widget(ln):
            dropped.append(ln.strip(SPACES))
            out.append("")
            continue
        ln, jumps = take_jumps(ln)
        dropped.extend(jumps)
        out.append(ln)
    return out


def take_jumps(line: str) -> tuple[str, list[str]]:
    """The line without its jump lines (…行动指南。（下转第四版）（紧接第一版） 我们…), and those."""
    if "版" not in line or not (jumps := _JUMP.findall(line)):
        return line, []
    return _JUMP.sub("", line), [j.strip(SPACES) for j in jumps]


# A label set in fake bold at the start of a line: 高新实践高新实践：：2020年… → 高新实践：2020年…
_DOUBLED_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,8})(?P=label)(?P<colon>[：:])(?P=colon)?")


def repair_doubled(lines: list[str]) -> list[str]:
    return repair_doubled_marked(lines)[0]


def repair_doubled_marked(lines: list[str]) -> tuple[list[str], frozenset[int]]:
    """The lines with their fake-bold runs undoubled, and the indexes of the lines that were wholly
    doubled (a headline's or a subheading's: printed twice)."""
    out, doubled = [], set()
    for i, ln in enumerate(lines):
        u = undouble(ln)
        if u is None:
            u = _DOUBLED_LABEL.sub(r"\g<label>\g<colon>", ln, count=1)
        else:
            doubled.add(i)
        out.append(u)
    return out, frozenset(doubled)


def _label_tails(lines: list[str], cands: dict[int, tuple[str, str]]) -> dict[int, int]:
    """Label lines a column cut: a candidate as wide as the column (a blank line before it), then one
    short line that ends no sentence, then a blank line: that line ends the label
    (关键词 国家网络安全宣传周 / 成功举办)."""
    widths = sorted(width(ln.strip(SPACES)) for ln in lines if ln.strip(SPACES))
    if not widths:
        return {}
    col = widths[int(len(widths) * 0.75)]
    out = {}
    for i in cands:
        j = i + 1
        if not (0 < i and j + 1 <= len(lines)) or lines[i - 1].strip(SPACES) or j in cands:
            continue
        tail = lines[j].strip(SPACES)
        after = lines[j + 1].strip(SPACES) if j + 1 < len(lines) else ""
        if (tail and not after and width(lines[i].strip(SPACES)) >= col - 2 and width(tail) <= col / 2
                and not ends_sentence(tail) and not re.search("[，。；、]", tail)):
            out[i] = j
    return out


def find_labels(lines: list[str], extra_prefixes: tuple[str, ...] = ()) -> list[Label]:
    """Keyword-label lines: ``【…】`` on a line of its own, or ``PREFIX …`` / ``PREFIX一：…`` where
    the same short prefix opens at least two lines that stand whole (blank or another label line
    before and after), or was named by the user. A prefix whose lines mostly run on into the next
    line opens paragraphs instead (a highlight label such as ``经验做法：``)."""
    cands: dict[int, tuple[str, str]] = {}
    for i, raw in enumerate(lines):
        s = raw.strip(SPACES)
        if not s or len(s) > 44 or ends_sentence(s) or "，" in s:
            continue
        m = _LABEL_BRACKET.match(s)
        if m and not re.search(r"[：:]", m.group(1)):  # 【编辑：某某】 is a credit, not a label
            cands[i] = ("【】", squeeze_spaces(m.group(1)))
            continue
        m = _LABEL_PREFIX.match(s)
        if m:
            cands[i] = (m.group(1), squeeze_spaces(m.group(3)))

    # In a web page's text (a paragraph a line) a label stands whole where it neither continues
    # the line before nor runs on into the next one; in column text only blank lines or other
    # labels around it tell.
    by_line = bool(cands) and not is_column_text(lines)
    cont = {} if by_line else _label_tails(lines, cands)
    for i, j in cont.items():
        cands[i] = (cands[i][0], cands[i][1] + squeeze_spaces(lines[j].strip(SPACES)))

    def whole(i: int) -> bool:
        def ok(j: int) -> bool:
            return j < 0 or j >= len(lines) or not lines[j].strip(SPACES) or j in cands
        if by_line:
            s = lines[i].strip(SPACES)
            return (ok(i - 1) or not continues_line(lines[i - 1].strip(SPACES), s)) and (
                ok(i + 1) or not continues_line(s, lines[i + 1].strip(SPACES)))
        return ok(i - 1) and ok(cont.get(i, i) + 1)

    groups: dict[str, list[int]] = {}
    for i, (prefix, _) in cands.items():
        groups.setdefault(prefix, []).append(i)
    chosen: dict[str, list[int]] = {}
    for prefix, idx in groups.items():
        whole_idx = [i for i in idx if whole(i)]
        named = prefix in extra_prefixes
        if named or (len(whole_idx) >= 2 and len(whole_idx) * 3 >= len(idx) * 2):
            chosen[prefix] = idx if named else whole_idx
    # A label printed again and again (【原文】 … 【原文】) marks a kind of box in every section,
    # not a section: where another kind of label names the sections, it is no section label.
    distinct = {p for p, idx in chosen.items() if len({cands[i][1] for i in idx}) == len(idx)}
    out: list[Label] = []
    for prefix, idx in chosen.items():
        if prefix in distinct or not distinct or prefix in extra_prefixes:
            out.extend(Label(i, cands[i][1], (cont[i],) if i in cont else ()) for i in idx)
    out.sort(key=lambda lb: lb.line)
    return out
