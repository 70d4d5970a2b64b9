"""The head of a report: kicker, title, subtitle, meta lines (来源/时间), speaker, photo captions,
and the byline held in the lead (本报讯 … 记者 某某)."""

from __future__ import annotations

import re

from ..model import Summary
from .chars import BULLETS, SPACES, ends_sentence, width
from .reflow import BYLINE_END, BYLINE_LINE, DATELINE, HEADING_START, Para
from .tense import is_goal_item

# 原标题: a reposted story names the headline it first ran under (the headline again, or an older one).
_META = re.compile(r"^(来源|稿源|出处|时间|发布时间|日期|发布日期|作者|编辑|责任编辑|记者|通讯员|原标题|原題)[：:]\s*(.+)$")
_SPEAKER = re.compile(
    r"^(?P<post>[\u4e00-\u9fff]{0,16}?(?:省长|市长|州长|县长|区长|盟长|旗长|主席|总理|书记|主任|局长|代省长|代市长|副省长|副市长))"
    r"\s*(?P<name>[\u4e00-\u9fff·]{2,5})$"
)
# A photo's caption: its credit or note at the end, or 图：/图为 at the start.
# A caption ends in its credit, bare (记者 某某 摄) or in brackets ((新华网发), （新华社记者 某某 摄）).
_CAPTION = re.compile(r"(?:摄|攝|摄影|供图|图片来源[：:].*|（图[^）]*）|\(图[^)]*\)|资料图片"
                      r"|[（(][^（()）]{1,16}(?:发|發|摄|攝|供图|供圖)[）)])$|^图(?:[：:/／]|为)")
# The occasion line: after a dash (——, or ―― as a newspaper's site sets it), or the date and place
# bare or in brackets as the whole line (（2026年1月27日在某某省第十四届人民代表大会第四次会议上）).
_SUBTITLE = re.compile(r"^(?:——|--|—|－－|―{1,2}|\d{4}年\d{1,2}月\d{1,2}日在"
                       r"|[（(]\d{4}年\d{1,2}月\d{1,2}日在[^（()）]*[）)]$)")
# A page's date, its time as 10:40(:34) or written out (07时41分).
_BARE_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                        r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?|\s*\d{1,2}时\d{1,2}分(?:\d{1,2}秒)?)?"
                        r"(?:\s*星期[一二三四五六日天])?$|^(?:星期|周)[一二三四五六日天]$"
                        r"|^\d{1,2}/\d{1,2}/\d{4}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")  # 05/03/2026 13:49, day first
_GREETING = re.compile(r"^[\u4e00-\u9fff]{2,8}[：:]$")
# A page's stamp: dates, times and ``key: value`` fields (来源/作者/浏览/文章字数/当前版…) with
# little else — never a headline, wherever it stands in the head.
_STAMP_PART = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}月\d{1,2}日|\d{1,2}:\d{2}(?::\d{2})?|"
    r"\b(?:HKT|CST|GMT)\b|(?:https?:)?//[A-Za-z0-9./?=&%_-]+|[上下]一[版篇页]|[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号|"
    r"(?:[\u4e00-\u9fff]{0,4}(?:来源|出处|时间|日期|作者|编辑|记者|浏览|点击|阅读|字数|字号|版|栏目|名称|索引号|文号|分类|机构|有效性|公开[\u4e00-\u9fff]{0,4}))"
    r"\s*[：:]?\s*(?:[^\s|：:]{0,16}(?=\s|\||$))?|[|｜\[\]]"
)
_STAMP_KEY = re.compile(r"来源|发布|时间|日期|作者|编辑|浏览|索引号|文号|分类|机构|有效性|公开")
_STAMP_FIELD = re.compile(rf"(?:{_STAMP_KEY.pattern})[\u4e00-\u9fff]{{0,3}}\s*[：:]")
# A headline row of a document's metadata table: 文件名称 | 某某报告.
_NAME_CELL = re.compile(r"^(?:文件名称|标题|名称|题目)\s*[|｜:：]\s*([^|｜]{4,80}?)\s*[|｜]")
# Chrome a page puts before its headline: a breadcrumb, a menu of short cells, a copyright line.
# A breadcrumb is short places joined by `>`; a `<` on the line is markup pasted as text.
_BREADCRUMB = re.compile(r"^\s*(?:[^<>＞»\n]{0,30}[>＞»]\s*)+[^<>＞»\n]{0,30}$")
_COPYRIGHT = re.compile(r"Copyright|©|版权所有|All rights reserved", re.I)
# An epaper's masthead line: 某某日报 数字报纸 / 电子报阅读机 / 电子版.
_MASTHEAD = re.compile(r"^[\u4e00-\u9fff\s]{0,12}(?:数字报纸?|电子报(?:阅读机)?|电子版|数字版)$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z ]{0,15}")
_SITE = re.compile(r"[\u4e00-\u9fff]{1,6}网")
# A note in brackets on a line of its own before the headline: (资料图片), （图）.
_BRACKETED = re.compile(r"^[（(][^（()）]{1,20}[）)]$")
# A line of dots: what came before it was a teaser or a photo's captions, not the headline.
_ELLIPSIS = re.compile(r"^[…⋯.。·\s]{2,}$")
# A page's stamp glued to the end of the headline's line: 某某项目公布 发布时间:2024-01-18.
_TRAILING_STAMP = re.compile(r"(?<=\S)\s*(?:发布时间|发布日期|来源|稿源|日期|时间)[：:]\s*[^\s：:]{0,24}$")
# A long first headline is an official document's title when it ends like one.
_DOC_TITLE = re.compile(r"(?:通知|报告|意见|方案|决定|办法|公告|通告|清单|要点|规划|纲要|讲话|纪要|实事)》?$")


def is_stamp(t: str) -> bool:
    """A page's date/source/metadata line (``2026-03-16 10:40:34 | 来源:泰州日报``)."""
    if _META.match(t) or _BARE_DATE.match(t):
        return True
    if _SUBTITLE.match(t):
        return False
    if t.count("|") >= 2 and _STAMP_KEY.search(t) or len(_STAMP_FIELD.findall(t)) >= 2:
        return True  # a row of a metadata table: 索引号 | … | 发文字号 | … / 发布机构: … 公开日期: …
    rest = _STAMP_PART.sub("", t)
    return len(rest) < len(t) * 0.6 and width(rest.strip()) <= 8 and len(t) >= 4


def _is_chrome(t: str) -> bool:
    cells = [c for c in re.split(r"\s*[|｜]\s*", t) if c]
    menu = "|" in t and len(cells) >= 2 and all(width(c) <= 6 for c in cells)
    return bool(_BREADCRUMB.search(t) or _COPYRIGHT.search(t) or width(t) <= 24 and _MASTHEAD.match(t)) or menu


def _headline_like(p: Para, first: bool = False) -> bool:
    if not first and p.text.endswith(("|", "｜")):
        return False  # a cell of a table after the headline
    t = p.text.rstrip(" |｜")
    long_ok = first and width(t) <= 80 and bool(_DOC_TITLE.search(t))
    return (
        p.n_lines <= 3
        and (width(t) <= 40 or long_ok)
        and (not ends_sentence(t) or first and t.endswith(("!", "！")) and width(t) <= 40)
        and not is_stamp(t)
        and not re.fullmatch(r"\d{1,3}", t)  # a section's number on a line of its own
        and t[:1] not in BULLETS  # a bullet marks the body's parts and items
        and not HEADING_START.match(t)
        and not _META.match(t)
        and not _GREETING.match(t)
        and not DATELINE.match(t)
        # a sentence that introduces what follows (以下是报告的主要内容摘要：), not a headline
        and not (t.endswith(("：", ":")) and width(t) > 8)
    )


def parse_head(paras: list[Para], doubled: frozenset[int] = frozenset()) -> tuple[Summary, int]:
    """Read the head into a Summary's head fields (title … speaker, dropped); returns it and the
    index of the first paragraph of the body. ``doubled``: the lines a PDF's fake bold printed
    twice (see :func:`_page_slug`)."""
    head = Summary()
    headlines: list[str] = []
    stamped = False  # a stamp after the headlines: the next headline-like line is the body's
    seen: list[str] = []  # the head's lines read so far as title block (a portal repeats them)
    i = _page_slug(paras, doubled, head)
    while i < len(paras):
        t = paras[i].text
        if not headlines and not head.title and (ts := _TRAILING_STAMP.search(t)) and width(t[: ts.start()]) >= 8 \
                and not ends_sentence(t[: ts.start()]) and not re.search("[：:|｜]", t[: ts.start()]):
            # The headline's line ends in the page's stamp: the stamp is dropped, the headline read.
            head.dropped.append(ts.group(0).strip())
            head.date = head.date or ts.group(0).split(":", 1)[-1].split("：", 1)[-1].strip()
            paras[i] = t_para = Para(t[: ts.start()].rstrip(), paras[i].first_line, paras[i].last_line, paras[i].n_lines)
            t = t_para.text
        m = _META.match(t)
        if (headlines or head.title) and _repeats_head(t, headlines, head, seen):
            head.dropped.append(t)  # a portal prints the title block twice, or its last words again
        elif _is_chrome(t) or not headlines and (_is_prompt(paras, i) or _BRACKETED.match(t)):
            head.dropped.append(t)
        elif _ELLIPSIS.match(t) and not head.title:
            head.dropped.extend(headlines)  # captions or a teaser before the headline
            head.dropped.append(t)
            headlines = []
        elif not headlines and not head.title and (nm := _NAME_CELL.match(t)):
            head.title = nm.group(1).strip()
            head.dropped.append(t)
        elif m:
            for key, val in _meta_fields(t):
                if key in ("来源", "稿源", "出处") and not head.source:
                    head.source = val
                elif key in ("时间", "发布时间", "日期", "发布日期") and not head.date:
                    head.date = val
                elif key in ("作者", "记者") and not head.reporter and val not in _NO_NAME:
                    head.reporter = val
            head.dropped.append(t)
            stamped = stamped or bool(headlines)
        elif (_BARE_DATE.match(t) or is_stamp(t)) and not BYLINE_LINE.match(t):
            # A web page's timestamp on a line of its own, or a line of its metadata.
            if _BARE_DATE.match(t):
                head.date = head.date or t
            head.dropped.append(t)
            stamped = stamped or bool(headlines)
        elif bm := BYLINE_LINE.match(t):
            if not head.reporter:
                head.reporter = _first_names(bm.group(0))
            head.dropped.append(t)
        elif _SUBTITLE.match(t) and (headlines or head.title):
            sub = t
            while i + 1 < len(paras) and _continues_subtitle(sub, paras[i + 1].text) \
                    and paras[i + 1].text not in headlines:
                i += 1
                sub += paras[i].text
            seen.append(sub)
            # The occasion and the speaker on one line: …第四次会议上 某某省省长 某某.
            k = sub.rfind("上") + 1
            if 0 < k < len(sub) and not head.speaker and (sm := _SPEAKER.match(sub[k:].strip(SPACES))):
                sub, head.speaker = sub[:k], f"{sm.group('post')} {sm.group('name')}"
            head.subtitle = sub
        elif (sm := _SPEAKER.match(t)) and (headlines or head.title):
            # 职务 姓名: the space the line had (squeezed out with the others) is the convention.
            head.speaker = f"{sm.group('post')} {sm.group('name')}"
        elif _CAPTION.search(t) and (width(t) <= 60 or _CREDITED.search(t) and width(t) <= 120) \
                and not _GREETING.match(t):
            head.dropped.append(t)
        elif head.speaker and _names_speaker(t, head.speaker):
            head.dropped.append(t)  # the speaker's photo: 省长某某作政府工作报告
        elif not headlines and not head.title and width(t) <= 20 and (not _HAN.search(t) or _SITE.fullmatch(t)):
            head.dropped.append(t)  # an ad's slot id (ad9_210*60) or the site's name (央广网) over the headline
        elif _LATIN_WORD.fullmatch(t):
            head.dropped.append(t)  # a site's word left on a line of its own (Source, Share) under the headline
        elif (stamped and len(headlines) == 1 and width(headlines[0]) <= 8 and width(t) > 2 * width(headlines[0])
              and _headline_like(_undoubled(paras[i]), first=True)):
            # 栏目 / 05/03/2026 13:49 / headline: the short line over the page's stamp was its column's name.
            head.dropped.append(headlines.pop())
            headlines.append(_undoubled(paras[i]).text.rstrip(" |｜"))
            stamped = False
        elif (_headline_like(p := _undoubled(paras[i]), first=not headlines) and not head.subtitle
              and not head.speaker and len(headlines) < 3 and not stamped
              and not (headlines and is_goal_item(t))):
            headlines.append(p.text.rstrip(" |｜"))
        else:
            break
        i += 1
    if len(headlines) > 1 and (once := _undoubled(Para("".join(headlines), 0, 0)).text) != "".join(headlines):
        headlines = [once]  # one headline printed twice, cut over lines
    if len(headlines) >= 2 and headlines[1] in headlines[0]:
        # 某某办公室关于印发…的通知 / 关于印发…的通知: the title again without its issuer
        head.dropped.append(headlines.pop(1))
    if len(headlines) == 1 and not head.title and _opens_a_part(headlines[0], paras, i):
        return head, i - 1  # no headline: the text opens with the first of its short subheadings
    if head.title:  # from the metadata table; a headline after it repeats it
        head.dropped.extend(headlines)
    elif len(headlines) == 1:
        head.title = headlines[0]
    elif len(headlines) == 2 and _cut_headline(*headlines):
        head.title = "".join(headlines)
    elif len(headlines) == 2:
        head.kicker, head.title = headlines
    elif len(headlines) >= 3:
        head.kicker, head.title, extra = headlines[0], headlines[1], headlines[2]
        head.subtitle = head.subtitle or extra
    return head, i


# A photographer's credit ends a caption however long it runs: …（新华社）记者 某某 摄.
_CREDITED = re.compile(r"记者\s*[\u4e00-\u9fff·]{2,4}\s*(?:摄|攝|摄影)$")


def _repeats_head(t: str, headlines: list[str], head: Summary, seen: list[str]) -> bool:
    """The title or the occasion line printed again (a portal's page header and its article
    both), or the title's last words alone (``政府工作报告`` under ``2026年某某省政府工作报告``)."""
    title = head.title or "".join(headlines)
    if t in headlines or t == head.title or t in seen:
        return True
    return width(t) >= 4 and len(t) < len(title) and title.endswith(t) and not ends_sentence(t)


def _names_speaker(t: str, speaker: str) -> bool:
    """A short line in the head that names the speaker again is his photo's caption."""
    name = speaker.rsplit(" ", 1)[-1]
    return len(name) >= 2 and name in t and width(t) <= 40 and not _GREETING.match(t) \
        and not HEADING_START.match(t)


def _opens_a_part(line: str, paras: list[Para], i: int) -> bool:
    """A line of a few characters first in the text (数据呈现), a paragraph right under it and
    another such line further on (观点深一度): the text's parts are labelled, it has no headline."""
    def label(t: str) -> bool:
        return width(t) <= 6 and not _PUNCT.search(t)
    return (i == 1 and label(line) and i < len(paras) and width(paras[i].text) > 40
            and any(label(p.text) for p in paras[i + 1:]))


# Where a line cannot end a phrase: a verb's complement, a preposition, a conjunction, 的.
_OPEN_END = re.compile(r"[下上出起开入到过在对把将向与和及的为给让从]$")
_PUNCT = re.compile(r"[^\u4e00-\u9fff\w]")


def _cut_headline(first: str, second: str) -> bool:
    """One headline printed over two lines (马关县快速按下 / 重大…建设“启动键”), not a kicker over a
    title: the first line is short, bare of any mark, and stops where a phrase cannot end."""
    return 5 <= width(first) <= 12 and not _PUNCT.search(first) and bool(_OPEN_END.search(first)) \
        and not ends_sentence(second)


def _undoubled(p: Para) -> Para:
    """A headline a column cut and a PDF's fake bold printed twice: ``XX报告XX报告`` (the lines
    joined, so the line repair did not see it) is the headline once."""
    t = p.text
    half = len(t) // 2
    if half >= 4 and t[:half] == t[len(t) - half:] and t[half:len(t) - half].strip(SPACES) == "":
        return Para(t[:half], p.first_line, p.last_line, p.n_lines)
    return p


def _is_prompt(paras: list[Para], i: int) -> bool:
    """A page's prompt before its headline (通版阅读请点击：) or a menu of short lines: a short
    line ending in a colon with a short line after it, or two or more lines of a few characters."""
    t = paras[i].text
    nxt = paras[i + 1].text if i + 1 < len(paras) else ""
    if t.endswith(("：", ":")) and width(t) <= 12:
        return bool(nxt) and width(nxt) <= 12 and not ends_sentence(nxt)
    return width(t) <= 4 and bool(nxt) and width(nxt) <= 4 and not is_stamp(t)


def _continues_subtitle(sub: str, nxt: str) -> bool:
    return not ends_sentence(sub) and not _SPEAKER.match(nxt) and not _META.match(nxt) and width(nxt) <= 30 \
        and not HEADING_START.match(nxt) and not _GREETING.match(nxt) and nxt.endswith(("上", "讲话", "报告", "）"))


def take_byline_line(text: str, head: Summary) -> bool:
    """A paragraph that is only a byline (新华社记者 某某): its names are the reporter (unless one was
    found), the line goes to ``dropped``. False for any other paragraph."""
    bm = BYLINE_LINE.match(text)
    if not bm or width(text) > 24:
        return False
    head.reporter = head.reporter or _first_names(bm.group(0))
    head.dropped.append(text)
    return True


# What a page's furniture names: the paper, the page (A3, 第3版, 03版), the day; a kicker set in
# plain type names none of them and stays.
_SLUG = re.compile(r"(?:日报|晚报|时报|报$|[A-Z]\d{1,2}|第?\d{1,2}版|版$|星期|周[一二三四五六日]|(?:19|20)\d\d[年.-]|\d{1,2}月\d{1,2}日|^\d{1,3}$)")


def _page_slug(paras: list[Para], doubled: frozenset[int], head: Summary) -> int:
    """A newspaper page copied out of a PDF sets its kicker and headline in fake bold (each line
    printed twice); short plain lines before them that name the paper, the page or the day (郑州日报
    A3, 2021年2月26日 星期五) are the page's furniture, not a kicker: dropped. Returns the index of
    the first paragraph after them."""
    first = next((k for k, p in enumerate(paras[:6]) if p.first_line in doubled), None)
    if not first or not all(width(p.text) <= 20 and _SLUG.search(p.text) for p in paras[:first]):
        return 0
    head.dropped.extend(p.text for p in paras[:first])
    return first


# The fields of a page's metadata line, several to a line at times (作者:本站 发布时间:… 浏览:149次 |).
_FIELD = re.compile(r"(来源|稿源|出处|发布时间|发布日期|时间|日期|责任编辑|编辑|作者|记者|通讯员|浏览|阅读|点击)(?:次数|量)?[：:]\s*")
# What a site writes where a name goes: no reporter.
_NO_NAME = frozenset(("本站", "本网", "本台", "网站", "管理员", "admin", "佚名", "未知"))


def _meta_fields(line: str) -> list[tuple[str, str]]:
    marks = list(_FIELD.finditer(line))
    ends = [x.start() for x in marks[1:]] + [len(line)]
    return [(x.group(1), line[x.end():end].strip(" |｜")) for x, end in zip(marks, ends)]


def take_end_credit(text: str, head: Summary) -> str:
    """Move a reporter's credit at the end of a paragraph (…担当。 记者 某某, （記者 某某）) out of it."""
    m = BYLINE_END.search(text)
    if m and not head.reporter:
        head.reporter = m.group("rep")
        return text[: m.start()]
    return text


def take_byline(text: str, head: Summary) -> str:
    """Move a dateline (本报讯) and a reporter credit (记者 某某) out of a lead paragraph."""
    m = DATELINE.match(text)
    if m:
        # The dateline names the source, unless it only says 本报 (this paper) and the page's 来源
        # (kept in dropped either way) has already named the paper.
        src = m.group("src")
        if not head.source or not (src.startswith("本报") or src in (head.source, head.source + "讯")):
            head.source = src
        if m.group("rep") and not head.reporter:
            head.reporter = _first_names(m.group("paren"))
            if head.reporter != m.group("rep").strip():
                head.dropped.append(m.group("paren"))  # 通讯员 and the like: kept, not printed
        text = text[m.end():]
    return take_end_credit(text, head)


def _first_names(credit: str) -> str:
    """The reporters' names of a credit: 本报记者张三、王五通讯员李四 → 张三、王五."""
    credit = credit.replace("記者", "记者").replace("通訊員", "通讯员")
    names = re.sub(r"^.*?记者", "", credit) if "记者" in credit else re.sub(r"^.*?通讯员", "", credit)
    names = re.split(r"通讯员|报道|摄影|摄|攝", names)[0]
    return names.strip(" ：:（）()")
