"""The head of a report: kicker, title, subtitle, meta lines (来源/时间), speaker, photo captions,
and the byline held in the lead (本报讯 … 记者 某某)."""

from __future__ import annotations

import re

from ..model import Summary
from .chars import SPACES, ends_sentence, width
from .reflow import BYLINE_END, DATELINE, HEADING_START, Para

_META = re.compile(r"^(来源|稿源|出处|时间|发布时间|日期|发布日期|作者|编辑|责任编辑|记者|通讯员)[：:]\s*(.+)$")
_SPEAKER = re.compile(
    r"^(?P<post>[\u4e00-\u9fff]{0,16}?(?:省长|市长|州长|县长|区长|盟长|旗长|主席|总理|书记|主任|局长|代省长|代市长|副省长|副市长))"
    r"\s*(?P<name>[\u4e00-\u9fff·]{2,5})$"
)
_CAPTION = re.compile(r"(?:摄|摄影|供图|图片来源[：:].*|（图[^）]*）|\(图[^)]*\))$")
_SUBTITLE = re.compile(r"^(?:——|--|—|－－)")
# A byline on a line of its own: 本报记者 张三 通讯员 李四 / 文/图 记者 张三.
_BYLINE_LINE = re.compile(r"^(?:文[/／]?图?|图[/／]?文)?[/／\s]*(?:本报|新华社)?(?:记者|通讯员)\s*(?P<names>[\u4e00-\u9fff·、\s]{2,40})$")
_BARE_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_GREETING = re.compile(r"^[\u4e00-\u9fff]{2,8}[：:]$")


def _headline_like(p: Para) -> bool:
    t = p.text
    return (
        p.n_lines <= 3
        and width(t) <= 40
        and not ends_sentence(t)
        and not HEADING_START.match(t)
        and not _META.match(t)
        and not _GREETING.match(t)
        and not DATELINE.match(t)
    )


def parse_head(paras: list[Para]) -> tuple[Summary, int]:
    """Read the head into a Summary's head fields (title … speaker, dropped); returns it and the
    index of the first paragraph of the body."""
    head = Summary()
    headlines: list[str] = []
    i = 0
    while i < len(paras):
        t = paras[i].text
        m = _META.match(t)
        if m:
            key, val = m.group(1), m.group(2).strip()
            if key in ("来源", "稿源", "出处") and not head.source:
                head.source = val
            elif key in ("时间", "发布时间", "日期", "发布日期") and not head.date:
                head.date = val
            elif key in ("作者", "记者") and not head.reporter:
                head.reporter = val
            head.dropped.append(t)
        elif _BARE_DATE.match(t):
            # A web page's timestamp on a line of its own.
            head.date = head.date or t
            head.dropped.append(t)
        elif (bm := _BYLINE_LINE.match(t)) and headlines:
            if not head.reporter:
                head.reporter = _first_names(bm.group(0))
            head.dropped.append(t)
        elif _SUBTITLE.match(t) and headlines:
            sub = t
            while i + 1 < len(paras) and _continues_subtitle(sub, paras[i + 1].text):
                i += 1
                sub += paras[i].text
            head.subtitle = sub
        elif (sm := _SPEAKER.match(t)) and headlines:
            # 职务 姓名: the space the line had (squeezed out with the others) is the convention.
            head.speaker = f"{sm.group('post')} {sm.group('name')}"
        elif _CAPTION.search(t) and headlines and width(t) <= 60 and not _GREETING.match(t):
            head.dropped.append(t)
        elif _headline_like(p := _undoubled(paras[i])) and not head.subtitle and not head.speaker \
                and len(headlines) < 3:
            headlines.append(p.text)
        else:
            break
        i += 1
    if len(headlines) > 1 and (once := _undoubled(Para("".join(headlines), 0, 0)).text) != "".join(headlines):
        headlines = [once]  # one headline printed twice, cut over lines
    if len(headlines) == 1:
        head.title = headlines[0]
    elif len(headlines) == 2:
        head.kicker, head.title = headlines
    elif len(headlines) >= 3:
        head.kicker, head.title, extra = headlines[0], headlines[1], headlines[2]
        head.subtitle = head.subtitle or extra
    return head, i


def _undoubled(p: Para) -> Para:
    """A headline a column cut and a PDF's fake bold printed twice: ``XX报告XX报告`` (the lines
    joined, so the line repair did not see it) is the headline once."""
    t = p.text
    half = len(t) // 2
    if half >= 4 and t[:half] == t[len(t) - half:] and t[half:len(t) - half].strip(SPACES) == "":
        return Para(t[:half], p.first_line, p.last_line, p.n_lines)
    return p


def _continues_subtitle(sub: str, nxt: str) -> bool:
    return not ends_sentence(sub) and not _SPEAKER.match(nxt) and not _META.match(nxt) and width(nxt) <= 30 \
        and not HEADING_START.match(nxt) and not _GREETING.match(nxt) and nxt.endswith(("上", "讲话", "报告", "）"))


def take_byline(text: str, head: Summary) -> str:
    """Move a dateline (本报讯) and a reporter credit (记者 某某) out of a lead paragraph."""
    m = DATELINE.match(text)
    if m:
        if not head.source:
            head.source = m.group("src")
        if m.group("rep") and not head.reporter:
            head.reporter = _first_names(m.group("paren"))
            if head.reporter != m.group("rep").strip():
                head.dropped.append(m.group("paren"))  # 通讯员 and the like: kept, not printed
        text = text[m.end():]
    m2 = BYLINE_END.search(text)
    if m2 and not head.reporter:
        head.reporter = m2.group("rep")
        text = text[: m2.start()]
    return text


def _first_names(credit: str) -> str:
    """The reporters' names of a credit: 本报记者张三、王五通讯员李四 → 张三、王五."""
    names = re.sub(r"^.*?记者", "", credit) if "记者" in credit else re.sub(r"^.*?通讯员", "", credit)
    names = re.split(r"通讯员|报道|摄影|摄", names)[0]
    return names.strip(" ：:（）()")
