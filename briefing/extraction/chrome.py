"""Page chrome at the head and the tail of a text copied from a web page, found by where a line
stands and what shape it has rather than by one site's wording.

Head: a meta label whose value was cut onto the next line (``来源:`` / ``四川日报``) is joined
with it; font-size controls (``【字体：大 中 小】``) and a bare label with nothing after its
colon (``分享：``) that stands among the head lines, not before the text it introduces, go.
Tail: after the last line of the text, a block that holds a navigation mark (``相关链接>>``), an
id (``5f2c9a0e8b7d…``) or an editor's credit (``责任编辑：某某``) is chrome from that line on,
with the related headlines that follow it. Everything taken out is kept in ``dropped``.
"""

from __future__ import annotations

import re

from .chars import SPACES, ends_sentence, width

_META_KEY = re.compile(r"^(来源|稿源|出处|时间|发布时间|日期|发布日期|作者|编辑|责任编辑|记者|通讯员)\s*[：:]$")
_BARE_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,6}\s*[：:]$")
# 【字体：大 中 小】, 字号：默认 加大 减小, [ 大 中 小 ]: a text-size switch, whatever it is called.
_SIZE_SWITCH = re.compile(r"^[【\[(（]?\s*(?:[\u4e00-\u9fff]{0,4}[：:])?\s*(?:(?:[大中小]|默认|加大|减小|还原|放大|缩小)"
                          r"[\s|｜/、]*){2,}[】\])）]?$")
_NAV = re.compile(r"(?:>>|＞＞|》》|»|>|＞|→)\s*$")
_ID = re.compile(r"^(?=[0-9A-Za-z_-]*\d)(?=[0-9A-Za-z_-]*[A-Za-z])[0-9A-Za-z_-]{12,}$")
_CREDIT = re.compile(r"^(?:责任编辑|责编|编辑|审核|审校|校对|终审|初审|复审|来源|稿源)\s*[：:]")
_HEAD_LINES = 12  # the head of a web page: title block, meta lines, widgets
_TAIL_WIDTH = 40  # tail chrome lines are short: marks, ids, credits, headlines


def join_meta_values(lines: list[str]) -> list[str]:
    """``来源:`` on a line and ``四川日报`` on the next → ``来源:四川日报`` (line numbers kept)."""
    out = list(lines)
    for i, ln in enumerate(out[:_HEAD_LINES]):
        if not _META_KEY.match(ln.strip(SPACES)):
            continue
        j = _next_text(out, i)
        if j is not None and j - i <= 2:
            val = out[j].strip(SPACES)
            if width(val) <= 20 and not ends_sentence(val) and not _META_KEY.match(val):
                out[i], out[j] = ln.strip(SPACES) + val, ""
    return out


def drop_head_chrome(lines: list[str], dropped: list[str]) -> list[str]:
    """Blank size switches and bare labels that stand among the head lines (before the first
    sentence of the text)."""
    out = list(lines)
    for i, ln in enumerate(out[:_HEAD_LINES]):
        s = ln.strip(SPACES)
        if not s:
            continue
        if ends_sentence(s) and width(s) > 20:
            break  # the text has begun
        nxt = _next_text(out, i)
        follows = out[nxt].strip(SPACES) if nxt is not None else ""
        # A greeting (各位代表：) opens the text that follows it; a widget's label opens nothing.
        bare = _BARE_LABEL.match(s) and (not follows or not ends_sentence(follows) or width(follows) <= 20)
        if _SIZE_SWITCH.match(s) or bare:
            dropped.append(s)
            out[i] = ""
    return out


def drop_tail_chrome(lines: list[str], dropped: list[str]) -> list[str]:
    """Blank the tail block from its first chrome mark on (see the module doc)."""
    end = len(lines)
    start = end
    for i in range(end - 1, -1, -1):  # the run of short lines after the last sentence
        s = lines[i].strip(SPACES)
        if s and (width(s) > _TAIL_WIDTH or ends_sentence(s)):
            break
        start = i
    first = next((i for i in range(start, end) if _is_mark(lines[i].strip(SPACES))), None)
    if first is None:
        return lines
    out = list(lines)
    for i in range(first, end):
        s = out[i].strip(SPACES)
        if s:
            dropped.append(s)
            out[i] = ""
    return out


def _is_mark(s: str) -> bool:
    return bool(s) and bool(_NAV.search(s) or _ID.match(s) or _CREDIT.match(s))


def _next_text(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].strip(SPACES):
            return j
    return None
