"""Page chrome at the head and the tail of a text copied from a web page, found by where a line
stands and what shape it has rather than by one site's wording.

Head: fields set side by side on one line (``2026-03-16 10:40 | 来源：某某日报``) are put on lines
of their own; a meta label whose value was cut onto the next line (``来源:`` / ``四川日报``) is joined
with it; font-size controls (``【字体：大 中 小】``) and a bare label with nothing after its
colon (``分享：``) that stands among the head lines, not before the text it introduces, go.
Tail: after the last line of the text, a block that holds a navigation mark (``相关链接>>``,
``》》点击进入专题《《``), an id (``5f2c9a0e8b7d…``), an editor's credit (``责任编辑：某某``) or, as
its last line, a bare label (``相关报道：``) is chrome from that line on, with the related
headlines that follow it. Everything taken out is kept in ``dropped``.
Lines that are a paragraph long (over 40 characters wide) are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .chars import SPACES, ends_sentence, width
from .tense import simplified

_KEYS = "来源|稿源|出处|时间|发布时间|日期|发布日期|作者|编辑|责任编辑|记者|通讯员"
_META_KEY = re.compile(rf"^(?:{_KEYS})\s*[：:]$")
_META_FIELD = re.compile(rf"^(?:{_KEYS}|浏览次数|点击数|阅读量|访问量)\s*[：:]\s*\S.*$")
_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
# Fields set side by side on one line of a page: `2026-03-16 10:40 | 来源：某某日报`.
_FIELD_SEP = re.compile(r"\s*[|｜]\s*|[ \u3000]{2,}|(?<=】)(?=\S)")
# A label with nothing after its colon, maybe the opening bracket of a switch whose options
# stand on the next lines (`【字体：` / 小 / 中 / 大 / `】`).
_BARE_LABEL = re.compile(r"^[【\[]?[\u4e00-\u9fff]{1,6}\s*[：:]$")
# A breadcrumb's separator on a line of its own, the places on the lines around it.
_CRUMB_SEP = re.compile(r"^[>＞»/]$")
# 【字体：大 中 小】, 字号：默认 加大 减小, [ 大 中 小 ]: a text-size switch, whatever it is called.
_SIZE_SWITCH = re.compile(r"^[【\[(（]?\s*(?:[\u4e00-\u9fff]{0,4}[：:])?\s*(?:(?:[大中小]|默认|加大|减小|还原|放大|缩小)"
                          r"[\s|｜/、]*){2,}[】\])）]?$"
                          r"|^[【\[]?(?:字号|字体|文字)(?:[大中小]|变大|变小|放大|缩小|加大|减小|默认)[】\]]?$")
_NAV = re.compile(r"(?:>>|＞＞|》》|»|>|＞|→)\s*$")
# Past a sentence only a doubled mark is a link for sure: a lone `>` also ends markup pasted as text.
_NAV_SURE = re.compile(r"(?:>>|＞＞|》》|»)\s*$")
# A promo link: 》》点击图片进入专题《《 / >> 更多.
_NAV_OPEN = re.compile(r"^(?:>>|＞＞|》》|»)|《《$")
_ID = re.compile(r"^(?=[0-9A-Za-z_-]*\d)(?=[0-9A-Za-z_-]*[A-Za-z])[0-9A-Za-z_-]{12,}$")
# An editor's credit, maybe bracketed: 责任编辑：某某 / 【编辑:某某】 (a name, not a sentence).
_CREDIT = re.compile(r"^[【\[(（]?(责任编辑|责编|编辑|审核|审校|校对|终审|初审|复审|来源|稿源)\s*[：:]\s*"
                     r"[\u4e00-\u9fff·A-Za-z ]{1,16}[】\])）]?$")
# A newspaper page's credits, the roles side by side without colons: 本版编辑 张某 美编 李某 校对 王某.
_ROLE = r"(?:本版)?(?:责任编辑|美术编辑|编辑|责编|美编|校对|版式|组版|审读|审核|统筹|制图|设计|视觉|摄影)"
_PAGE_CREDITS = re.compile(f"^(?:{_ROLE}[：: ]+[\u4e00-\u9fff·]{{2,4}}(?:[、 ][\u4e00-\u9fff·]{{2,4}})*[ ]*)+$")
# A government portal's footer and page tools, and the label of a list of links after the text.
_FOOTER = re.compile(r"(?:主办|承办|协办|主管|维护)(?:单位)?[：:]|版权所有|网站标识码|ICP备|公网安备|网站地图|联系我们|"
                     r"技术支持[：:]|扫一扫|打印本页|关闭窗口|[【\[](?:打印|关闭|纠错|收藏)[】\]]|"
                     r"^(?:请输入验证码|验证码|发表评论|我要评论|网友评论|评论|登录后评论)[：:]?$|"
                     r"^(?:相关|延伸|推荐)(?:链接|新闻|阅读|文章|报道|文档|稿件)(?:[：:].*)?$")
# A link's label in brackets: 【全文链接】 【相关阅读】 【阅读原文】 (a bare 【原文】 labels the quoted text after it).
_LINK_LABEL = re.compile(r"^[【\[][^】\]]{0,6}(?:链接|全文|阅读|附件|更多)[^】\]]{0,4}[】\]]$")
_HEAD_LINES = 12  # the head of a web page: title block, meta lines, widgets
# A portal may set its breadcrumb, the title again and the meta lines one field a line: the head
# runs on to the first sentence of the text, up to this many lines.
_HEAD_MAX = 30
_TAIL_WIDTH = 40  # tail chrome lines are short: marks, ids, credits, headlines
_TAIL_LINES = 12  # how far up past a sentence a mark that cannot be body text is looked for


def split_fields(lines: list[str], is_widget: Callable[[str], bool]) -> list[str]:
    """A head line of fields side by side (a date, ``来源：…``, a size switch, widget words)
    becomes one line per field, so each is read as it would be on a line of its own."""
    out: list[str] = []
    for i, ln in enumerate(lines):
        parts = [p for p in _FIELD_SEP.split(ln.strip(SPACES)) if p] if i < _HEAD_LINES else []
        if len(parts) > 1 and all(_is_field(p) or is_widget(p) for p in parts):
            out.extend(parts)
        else:
            out.append(ln)
    return out


def _is_field(part: str) -> bool:
    return bool(_META_FIELD.match(part) or _DATE.match(part) or _SIZE_SWITCH.match(part))


def join_meta_values(lines: list[str]) -> list[str]:
    """``来源:`` on a line and ``四川日报`` on the next → ``来源:四川日报`` (line numbers kept)."""
    out = list(lines)
    for i, ln in enumerate(out[:_head_end(out)]):
        if not _META_KEY.match(ln.strip(SPACES)):
            continue
        j = _next_text(out, i)
        if j is not None and j - i <= 2:
            val = out[j].strip(SPACES)
            if width(val) <= 20 and not ends_sentence(val) and not _META_KEY.match(val):
                out[i], out[j] = ln.strip(SPACES) + val, ""
    return out


def drop_head_chrome(lines: list[str], dropped: list[str]) -> list[str]:
    """Blank size switches, bare labels and breadcrumbs set one place a line that stand among the
    head lines (before the first sentence of the text)."""
    out = _drop_breadcrumbs(list(lines), dropped)
    for i, ln in enumerate(out[:_HEAD_MAX]):
        s = ln.strip(SPACES)
        if not s:
            continue
        if ends_sentence(s) and width(s) > 20:
            break  # the text has begun
        nxt = _next_text(out, i)
        follows = out[nxt].strip(SPACES) if nxt is not None else ""
        # A greeting (各位代表：) opens the text that follows it; a widget's label opens nothing.
        bare = _BARE_LABEL.match(s) and (not follows or not ends_sentence(follows) or width(follows) <= 8)
        if _SIZE_SWITCH.match(s) or bare:
            dropped.append(s)
            out[i] = ""
    return out


def _head_end(lines: list[str]) -> int:
    for i, ln in enumerate(lines[:_HEAD_MAX]):
        s = ln.strip(SPACES)
        if ends_sentence(s) and width(s) > 20:
            return i
    return min(len(lines), _HEAD_MAX)


def _drop_breadcrumbs(out: list[str], dropped: list[str]) -> list[str]:
    """``首页`` / ``>`` / ``政务信息`` / ``>`` / ``某某要闻``: a breadcrumb a page set one place a line.
    A separator on a line of its own between two short places marks it; the column's name repeated
    on the line after the last place (the column's heading) goes with it."""
    end = _head_end(out)
    marked: set[int] = set()
    for i in range(end):
        if not _CRUMB_SEP.match(out[i].strip(SPACES)):
            continue
        prev = next((j for j in range(i - 1, -1, -1) if out[j].strip(SPACES)), None)
        nxt = _next_text(out, i)
        if prev is None or nxt is None or not all(_crumb(out[j]) for j in (prev, nxt)):
            continue
        marked.update((prev, i, nxt))
        after = _next_text(out, nxt)
        if after is not None and out[after].strip(SPACES) == out[nxt].strip(SPACES):
            marked.add(after)
    for i in sorted(marked):
        dropped.append(out[i].strip(SPACES))
        out[i] = ""
    return out


def _crumb(line: str) -> bool:
    s = line.strip(SPACES)
    return width(s) <= 12 and not ends_sentence(s) and not _CRUMB_SEP.match(s)


def drop_tail_chrome(lines: list[str], dropped: list[str]) -> list[str]:
    """Blank the tail block from its first chrome mark on (see the module doc). The block is the
    short lines after the last sentence; a mark that cannot be body text (a link, an id, an
    editor's name, not a 来源) is also looked for a few short lines further up, past a closing
    promo line (下载客户端，随时随地看新闻！)."""
    end = len(lines)
    block = reach = end
    in_block, seen = True, 0
    for i in range(end - 1, -1, -1):
        s = lines[i].strip(SPACES)
        if not s:
            continue
        if width(s) > _TAIL_WIDTH:
            break
        in_block = in_block and not ends_sentence(s)
        seen += 1
        if in_block:
            block = i
        if seen <= _TAIL_LINES:
            reach = i
        elif not in_block:
            break
    marks = [i for i in range(min(block, reach), end) if _mark(lines[i].strip(SPACES), past_sentence=i < block)]
    last = next((i for i in range(end - 1, -1, -1) if lines[i].strip(SPACES)), None)
    if last is not None and last >= block and _BARE_LABEL.match(lines[last].strip(SPACES)):
        marks.append(last)  # 相关报道： with nothing after it: the label of links the copy left out
        marks.sort()
    first_text = _next_text(lines, -1)
    if not marks or marks[0] == first_text:
        return lines  # a "tail" that would take the whole text is the text
    out = list(lines)
    for i in range(marks[0], end):
        s = out[i].strip(SPACES)
        if s:
            dropped.append(s)
            out[i] = ""
    return out


def _mark(s: str, past_sentence: bool) -> bool:
    if not s:
        return False
    if (_NAV_SURE if past_sentence else _NAV).search(s) or _NAV_OPEN.search(s) or _ID.match(s) or _LINK_LABEL.match(s):
        return True
    if _PAGE_CREDITS.match(simplified(s)) or (not past_sentence and _FOOTER.search(s)):
        return True  # (a footer's words only after the text's last sentence)
    m = _CREDIT.match(simplified(s))  # 編輯：某某 on a page in traditional characters too
    return m is not None and not (past_sentence and m.group(1) in ("来源", "稿源"))


def _next_text(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].strip(SPACES):
            return j
    return None
