"""The body's structure: sections from keyword labels, numbered headings, or topics; highlight
blocks inside them. Every body paragraph lands in exactly one place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Highlight, Section
from .align import Unit, align
from .chars import BULLET_START, BULLETS, ends_sentence, width
from .highlights import NARRATIVE_START, split_label
from .reflow import BYLINE_LINE, DATELINE, Para
from .tense import is_definition, is_goal_item

_CN = "一二三四五六七八九十百零〇两"
HEADING_STYLES = [
    # 六、七组道路: two numbers of one thing (groups 6 and 7), not a heading's number
    ("cn、", re.compile(rf"^([{_CN}]+)[、，.．](?![一二三四五六七八九十]{{1,2}}[组号栋期批届队社楼户类季])\s*")),
    ("(cn)", re.compile(rf"^[（(]([{_CN}]+)[）)]\s*")),
    ("第cn部分", re.compile(rf"^(第[{_CN}]+(?:部分|章|篇|节))[、：:\s]*")),
    ("d.", re.compile(r"^(\d{1,2})[.．、](?!\d)\s*")),
    ("(d)", re.compile(r"^[（(](\d{1,2})[）)]\s*")),
]
# A heading about a document: 关于《…》 and the kind of text it is (的说明, 的报告 …).
_DOC_HEADING = re.compile(r"^\S{0,12}关于《[^》]{1,50}》(?:的)?(?:说明|报告|情况|意见|决定|建议)")
# A bullet or a list number opens an item of a list, never a heading of a news article.
_LIST_MARK = re.compile(f"^(?:[{BULLETS}·]|" r"\d{1,2}[.．、]|[-—](?!—))")
ANNEX = re.compile(r"^(?:附件\s*\d*|附[：:]?|附录\s*\d*)(?:[：:\s]|$)")
MAX_HEADING_WIDTH = 60


@dataclass
class Block:
    """A body paragraph with what the structure pass found in it."""

    text: str
    level: int = 0  # 1 section heading, 2 subsection heading, 0 paragraph
    label: str = ""  # highlight label, with ``text`` the rest after the colon
    annex: bool = False


@dataclass
class Body:
    """The text after the head: the lead, then the sections."""

    lead: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


# A report's part named on a line of its own, unnumbered, over its numbered headings
# (2018年工作回顾 / 一、… / 2019年工作安排 / 一、…).
_PART = re.compile(r"^(?:(?:19|20)\d\d年|过去一年|今年|明年)?(?:[\u4e00-\u9fff]{0,4}(?:工作回顾|工作安排|工作任务|工作建议)|政府自身建设)$")


def heading_style(text: str) -> tuple[str, str, str] | None:
    """(style, heading text, run-on rest) when ``text`` opens with a numbered heading, or is a
    report's unnumbered part (style ``part``)."""
    if _PART.match(text):
        return "part", text, ""
    for style, rx in HEADING_STYLES:
        m = rx.match(text)
        if not m:
            continue
        rest = text[m.end():]
        if not rest:
            return None
        if width(text) <= MAX_HEADING_WIDTH and not re.search(r"[。！？；]", text[:-1]):
            return style, text, ""
        # A heading that runs on into its paragraph: the heading ends at the first 。
        cut = text.find("。")
        if 0 < cut <= MAX_HEADING_WIDTH and cut < len(text) - 1:
            return style, text[: cut + 1], text[cut + 1 :]
        # …or, with no stop of its own, where it names a document and what it is about it
        # (二、关于《…纲要（草案）》的说明 run into its first sentence)
        doc = _DOC_HEADING.match(text)
        if doc and width(doc.group(0)) <= MAX_HEADING_WIDTH:
            return style, doc.group(0), text[doc.end():]
        return None
    return None


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def ordinal(heading: str) -> int | None:
    """The number of a numbered heading: 三、 → 3, （十二） → 12, 第二部分 → 2, 4. → 4."""
    m = re.search(r"\d+|[零〇一二两三四五六七八九十百]+", heading)
    if not m:
        return None
    n = m.group(0)
    if n.isdigit():
        return int(n)
    total, cur = 0, 0
    for ch in n:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _CN_DIGITS[ch]
    return total + cur


def _top_styles(paras: list[str]) -> list[str]:
    """The heading styles used as section and subsection levels, by order of first appearance;
    a style counts only when it numbers at least two headings in sequence."""
    seen: dict[str, list[str]] = {}
    order: list[str] = []
    for t in paras:
        if ANNEX.match(t):
            break
        hs = heading_style(t)
        if hs:
            if hs[0] not in seen:
                seen[hs[0]] = []
                order.append(hs[0])
            seen[hs[0]].append(t)
    # A style numbers headings when it does at least twice — or once, on a line of its own, as
    # an excerpt's only part does (二、2025年目标任务) — and a list number (1. 2. …) that starts
    # again at 1 numbers the items of lists, not the parts of the text.
    styles = [s for s in order if (len(seen[s]) >= 2 or _stands_alone(seen[s][0], s))
              and not (s.startswith(("d", "(d")) and (_restarts(seen[s]) or _defines(seen[s]) or _packed(paras, s)))
              and not _goals(seen[s])]
    return styles[:2]


def _packed(paras: list[str], style: str) -> bool:
    """Numbered lines under an introduction ending in a colon (…表决通过以下项目：), which mostly
    follow each other with no text between (1.某某工程 / 2.某某项目), are the items of a list."""
    idx = [i for i, t in enumerate(paras) if (hs := heading_style(t)) and hs[0] == style]
    if len(idx) < 3 or idx[0] == 0 or not paras[idx[0] - 1].rstrip().endswith(("：", ":")):
        return False
    return sum(1 for a, b in zip(idx, idx[1:]) if b == a + 1) * 2 > len(idx) - 1


def _goals(headings: list[str]) -> bool:
    """Numbered lines most of which are goals with their amount (1.新建幼儿园20所) are the items
    of a list of goals."""
    return sum(1 for h in headings if is_goal_item(h) and re.search(r"\d", h[3:])) * 2 > len(headings)


def _defines(headings: list[str]) -> bool:
    """Numbered items that each name a term and explain it (a glossary, 名词解释) are entries of
    a list, not the parts of a text."""
    return sum(1 for h in headings if is_definition(h)) * 2 > len(headings)


def _stands_alone(heading: str, style: str) -> bool:
    return style in ("cn、", "第cn部分", "(cn)", "part") and width(heading) <= 30 and not ends_sentence(heading)


def _restarts(headings: list[str]) -> bool:
    nums = [ordinal(h) or 0 for h in headings]
    return any(b <= a for a, b in zip(nums, nums[1:]))


def build_body(paras: list[Para], keyword_labels: list[tuple[int, str]], hl_labels: set[str],
               dated: bool = False) -> Body:
    """``dated``: the head carried the page's date (a web page's dated news story)."""
    paras = _join_cut_items(paras)
    texts = [p.text for p in paras]
    if keyword_labels:
        return _by_keywords(paras, keyword_labels, hl_labels)
    styles = _top_styles(texts)
    parts = _part_heads(paras) if styles else []
    if parts:
        labels = [(paras[i].first_line, paras[i].text) for i in parts]
        return _by_keywords(paras, labels, hl_labels, drop=set(parts))
    if styles:
        return _by_headings(texts, styles, hl_labels)
    numbered = _numbered_by_lines(paras)
    if numbered:
        labels = [(paras[i].first_line, f"{paras[i].text} {paras[i + 1].text}") for i in numbered]
        return _by_keywords(paras, labels, hl_labels, drop={j for i in numbered for j in (i, i + 1)})
    marked = _bullet_heads(paras)
    if marked:
        labels = [(paras[i].first_line, paras[i].text[1:].strip()) for i in marked]
        return _by_keywords(paras, labels, hl_labels, drop=set(marked))
    # The dateline (某某报讯) opens the article: short lines above it are captions, not headings.
    opening = next((i for i, p in enumerate(paras) if DATELINE.match(p.text)), -1)
    heads = [i for i, p in enumerate(paras) if i > opening
             and (_is_subheading(p, hl_labels) or _is_subheading(p, hl_labels, goal_ok=True) and _between_paragraphs(paras, i))
             and not (i + 1 < len(paras) and (_SIGNING.fullmatch(paras[i + 1].text) or _GOES_ON.match(paras[i + 1].text)))]
    heads = _drop_lists(heads)
    # A short line that recurs (重点工作 under each city) labels a part of each section.
    counts: dict[str, int] = {}
    for i in heads:
        counts[paras[i].text] = counts.get(paras[i].text, 0) + 1
    heads, pairs = _pairs(paras, [i for i in heads if counts[paras[i].text] == 1])
    # Short lines that make up most of the text are a list (of goals, of names), not headings.
    items = sum(1 for p in paras if p.n_lines == 1 and is_goal_item(p.text))
    # A news story (it has its dateline) may have one subheading only, well inside its text.
    # So may any text whose one subheading is printed over two lines of a width (set as one).
    # (A web page's story is dated by the stamp in its head rather than a dateline.)
    single = (len(heads) == 1 and ((opening >= 0 or dated) and opening + 1 < heads[0] or heads[0] in pairs)
              and sum(ends_sentence(p.text) for p in paras[heads[0] + 1:]) >= 2)
    if (len(heads) >= 2 or single) and (len(heads) + items) * 2 <= len(paras):
        labels = [(paras[i].first_line, f"{paras[i].text} {paras[i + 1].text}" if i in pairs else paras[i].text)
                  for i in heads]
        return _by_keywords(paras, labels, hl_labels, drop={j for i in heads for j in ((i, i + 1) if i in pairs else (i,))})
    return _by_topics(texts, hl_labels)


# A keyword in quotes, the whole line (a column may cut it over two).
_QUOTED_WORD = re.compile(r"“[^“”，。；：、,;:]{1,22}”")


# A line whose sentence goes on in the next one (报告原文 / 为：…): the web page cut it, no heading.
_GOES_ON = re.compile(r"^(?:为|是)?[：:]")


def _part_heads(paras: list[Para]) -> list[int]:
    """The lines heading the items of a compilation (a page of wire stories on a report, each
    under a line of its own wider than a subheading, 李克强在…中提出今年…): three or more such
    lines, each between paragraphs of running text, with every numbered heading of the text
    (the report's own （一）…。 quoted in one story) inside one of the parts they open."""
    heads = [i for i, p in enumerate(paras) if p.n_lines == 1 and 16 < width(p.text) <= 40
             and heading_style(p.text) is None and not ends_sentence(p.text)
             and not re.search(r"[。；;：:！？!?|｜]", p.text) and not _CAPTION.search(p.text)
             and i + 1 < len(paras) and width(paras[i + 1].text) > 40 and ends_sentence(paras[i + 1].text)
             and (i == 0 or ends_sentence(paras[i - 1].text))]
    if len(heads) < 3:
        return []
    numbered = [i for i, p in enumerate(paras) if heading_style(p.text)]
    part_of = {sum(1 for h in heads if h < i) for i in numbered}
    return heads if len(part_of) <= 1 and 0 not in part_of else []


def _runs(heads: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in heads:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _drop_lists(heads: list[int]) -> list[int]:
    """Three or more subheading lines in a row are a list (of words, of names), none a heading."""
    return [i for run in _runs(heads) if len(run) < 3 for i in run]


def _pairs(paras: list[Para], heads: list[int]) -> tuple[list[int], set[int]]:
    """Two subheading lines in a row: of a width and neither numbered (“甲”是“乙”的关联词 /
    “丙”是“丁”的关联词), one heading printed over two lines; else (主要预期目标 / 惠州) the first heads
    nothing."""
    kept, pairs = [], set()
    for run in _runs(heads):
        if len(run) == 1:
            kept.append(run[0])
            continue
        a, b = (paras[j].text for j in run)
        if min(width(a), width(b)) >= 6 and abs(width(a) - width(b)) <= 2 \
                and heading_style(a) is None and heading_style(b) is None:
            pairs.add(run[0])
            kept.append(run[0])
        else:
            kept.append(run[1])
    return kept, pairs


def _bullet_heads(paras: list[Para]) -> list[int]:
    """Short lines under one bullet mark, each followed by items under another (■ 2024年成绩单 /
    ●…): the first mark heads the parts. [] unless there are two or more."""
    marks: dict[str, int] = {}
    for p in paras:
        if BULLET_START.match(p.text):
            marks[p.text[0]] = marks.get(p.text[0], 0) + 1
    if len(marks) < 2:
        return []
    head = min(marks, key=lambda m: marks[m])  # the rarer mark heads, the commoner marks items
    idx = [i for i, p in enumerate(paras[:-1]) if p.text[0] == head and width(p.text) <= 30
           and not ends_sentence(p.text) and paras[i + 1].text[:1] in marks and paras[i + 1].text[0] != head]
    return idx if len(idx) >= 2 else []


_SEQ_NUMBER = re.compile(r"^0?(\d{1,2})$")


def _numbered_by_lines(paras: list[Para]) -> list[int]:
    """Numbers on lines of their own (01, 02 …) in sequence, each before its heading line: the
    indices of the number lines, or [] when the text has no such run."""
    idx = [i for i, p in enumerate(paras[:-1]) if _SEQ_NUMBER.match(p.text)
           and width(paras[i + 1].text) <= 30 and not ends_sentence(paras[i + 1].text)]
    nums = [int(_SEQ_NUMBER.match(paras[i].text).group(1)) for i in idx]  # type: ignore[union-attr]
    ok = len(idx) >= 2 and nums == list(range(nums[0], nums[0] + len(nums))) and nums[0] <= 1
    return idx if ok else []


_ITEM_NUMBER = re.compile(r"^(\d{1,2})[.．、]")
_BARE_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])$")


def _join_cut_items(paras: list[Para]) -> list[Para]:
    """A numbered item cut across two lines by a web page (4.…不断提高创新引领高质 / 量发展效能 /
    5.…): the fragment between two numbers in sequence belongs to the item before it."""
    out: list[Para] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        if _BARE_NUMBER.match(p.text) and i + 1 < len(paras) and not _BARE_NUMBER.match(paras[i + 1].text):
            # (一) on a line of its own, its item on the next: one numbered item
            item = paras[i + 1]
            out.append(Para(text=p.text + item.text, first_line=p.first_line, last_line=item.last_line,
                            n_lines=p.n_lines + item.n_lines))
            i += 2
            continue
        m = _ITEM_NUMBER.match(p.text)
        if m and i + 2 < len(paras) and not ends_sentence(p.text) and p.text[-1] not in "，,、；;：:":
            frag, nxt = paras[i + 1].text, _ITEM_NUMBER.match(paras[i + 2].text)
            if (nxt and int(nxt.group(1)) == int(m.group(1)) + 1 and width(frag) <= 12
                    and not _LIST_MARK.match(frag) and not any(rx.match(frag) for _, rx in HEADING_STYLES)):
                out.append(Para(text=p.text + frag, first_line=p.first_line, last_line=paras[i + 1].last_line,
                                n_lines=p.n_lines + paras[i + 1].n_lines))
                i += 2
                continue
        out.append(p)
        i += 1
    return out


# A photo caption (发布会现场 供图 某某, （资料图片）) is not a heading.
_CAPTION = re.compile(r"供图|[摄攝]影?$|图片来源|资料图片|^[（(]图|版权所有|Copyright|©", re.I)


def _between_paragraphs(paras: list[Para], i: int) -> bool:
    """Line i stands between two paragraphs of running text (a heading worded as a goal, 确保招商项目落地,
    rather than an item of a list of goals, which stands among other short lines)."""
    return all(0 <= j < len(paras) and width(paras[j].text) > 40 and ends_sentence(paras[j].text) for j in (i - 1, i + 1))


def _is_subheading(p: Para, hl_labels: set[str], goal_ok: bool = False) -> bool:
    """A stand-alone short line of a news article (小标题): one line, no sentence end, no colon;
    worded as a goal (``goal_ok``) when the caller has seen it stands alone."""
    t = p.text
    return ((p.n_lines == 1 or p.n_lines == 2 and _QUOTED_WORD.fullmatch(t) is not None) and width(t) <= 24 and not ends_sentence(t) and t[-1] not in "：:，,、"
            and not split_label(t) and not re.search(r"[。；;]", t) and (goal_ok or not is_goal_item(t))
            and not _LIST_MARK.match(t) and not _CAPTION.search(t) and not t.endswith(("|", "｜"))
            and not BYLINE_LINE.match(t)  # 新华社记者 某某 under the dateline's line
            and not re.match(r"^【[^】]*[：:]", t)
            # a date that signs a notice, its number in brackets ((第2号)): not headings
            and not _SIGNING.fullmatch(t) and bool(re.search(r"[\u4e00-\u9fffA-Za-z]", t)))


# A notice's date and its number in brackets ((第2号)): a line before one is the notice's title
# or its issuer's signature, not a heading.
_SIGNING = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日|[（(][^（()）]{1,12}[）)]")


# -- highlights ------------------------------------------------------------------------------


def _units(texts: list[str], hl_labels: set[str]) -> list[Unit]:
    """Group paragraphs into report paragraphs ("p"), highlight blocks ("h": label and text) and
    paragraphs that likely continue the block before them ("c": they narrate on, opening with a
    date or a link word). A "c" joins its block unless a section is cut before it."""
    units: list[Unit] = []
    for t in texts:
        sl = split_label(t)
        if sl and sl[0] in hl_labels:
            units.append(Unit("h", [sl[0], sl[1]]))
        elif units and units[-1].kind in ("h", "c") and NARRATIVE_START.match(t) and heading_style(t) is None:
            units.append(Unit("c", [t]))
        else:
            units.append(Unit("p", [t]))
    return units


def _fill(sec: Section, units: list[Unit]) -> None:
    for u in units:
        if u.kind == "h":
            sec.highlights.append(Highlight(label=u.texts[0], paragraphs=u.texts[1:]))
            sec.order.append("h")
        elif u.kind == "c" and sec.order and sec.order[-1] == "h":
            sec.highlights[-1].paragraphs.extend(u.texts)
        else:
            sec.paragraphs.extend(u.texts)
            sec.order.extend("p" * len(u.texts))
    if all(k == "p" for k in sec.order) or sec.order == ["p"] * len(sec.paragraphs) + ["h"] * len(sec.highlights):
        sec.order = []


# -- keyword labels ------------------------------------------------------------------------------


def _by_keywords(paras: list[Para], labels: list[tuple[int, str]], hl_labels: set[str],
                 drop: set[int] = frozenset()) -> Body:  # type: ignore[assignment]
    body = Body()
    paras = [p for i, p in enumerate(paras) if i not in drop]
    label_lines = [ln for ln, _ in labels]
    words = [w for _, w in labels]
    first, last = min(label_lines), max(label_lines)
    inside = [p for p in paras if first < p.first_line < last]
    if inside or len(labels) == 1 and any(p.first_line > first for p in paras):  # one subheading: in place
        # Labels stand in place: each opens the paragraphs up to the next label.
        bounds = label_lines + [10**9]
        before = [p.text for p in paras if p.first_line < first]
        body.lead = before
        for k, w in enumerate(words):
            chunk = [p.text for p in paras if bounds[k] < p.first_line < bounds[k + 1]]
            sec = Section(keyword=w)
            _fill(sec, _units(chunk, hl_labels))
            body.sections.append(sec)
        return body
    texts = [p.text for p in paras]
    units = _units(texts, hl_labels)
    lead_n = 1 if units and units[0].kind == "p" and len([u for u in units if u.kind == "p"]) > len(words) else 0
    body.lead = units[0].texts if lead_n else []
    rest = units[lead_n:]
    if len(rest) < len(words):
        starts = list(range(len(rest))) + [len(rest)] * (len(words) - len(rest))
    else:
        starts = align(words, rest)
    for k, w in enumerate(words):
        end = starts[k + 1] if k + 1 < len(words) else len(rest)
        sec = Section(keyword=w)
        _fill(sec, rest[starts[k] : end])
        body.sections.append(sec)
    return body


# -- numbered headings ------------------------------------------------------------------------------


def _by_headings(texts: list[str], styles: list[str], hl_labels: set[str]) -> Body:
    body = Body()
    level_of = {s: i + 1 for i, s in enumerate(styles)}
    pending: list[str] = []
    top: Section | None = None
    sub: Section | None = None
    i = 0

    def flush() -> None:
        nonlocal pending
        if not pending:
            return
        target = sub or top
        if target is None:
            body.lead.extend(pending)
        else:
            extra = Section(keyword="")
            _fill(extra, _units(pending, hl_labels))
            _merge(target, extra)
        pending = []

    # A heading must continue its level's numbering (一、二、三…); a list that starts again at 一
    # inside a part is text, not a new part.
    expected: dict[int, int | None] = {1: None, 2: None}

    def in_sequence(level: int, heading: str) -> bool:
        if level_of.get("part") == level:
            expected[level + 1 if level < 2 else level] = None
            return True  # unnumbered parts: no sequence to keep
        n = ordinal(heading)
        want = expected[level]
        # One number may be missing (a heading lost in a page cut); a restart may not.
        if n is None or (want is not None and not want <= n <= want + 1):
            return False
        expected[level] = n + 1
        if level == 1:
            expected[2] = None
        return True

    while i < len(texts):
        t = texts[i]
        if ANNEX.match(t) and width(t) <= 20:
            flush()
            name = t
            if i + 1 < len(texts) and width(texts[i + 1]) <= 30 and heading_style(texts[i + 1]) is None \
                    and not re.search(r"[。；，]", texts[i + 1]):
                name = f"{t} {texts[i + 1]}"
                i += 1
            top, sub = Section(keyword=name), None
            body.sections.append(top)
            annex = []
            i += 1
            while i < len(texts) and not (ANNEX.match(texts[i]) and width(texts[i]) <= 20):
                annex.append(texts[i])
                i += 1
            _fill(top, _units(annex, hl_labels))
            continue
        hs = heading_style(t)
        lvl = level_of.get(hs[0], 0) if hs else 0
        if hs and lvl and in_sequence(lvl, hs[1]):
            flush()
            heading, rest = hs[1], hs[2]
            if lvl == 1:
                top, sub = Section(keyword=heading), None
                body.sections.append(top)
            else:
                sub = Section(keyword=heading)
                if top is None:
                    top = Section(keyword="")
                    body.sections.append(top)
                top.subsections.append(sub)
            if rest:
                pending.append(rest)
        else:
            pending.append(t)
        i += 1
    flush()
    return body


def _merge(target: Section, extra: Section) -> None:
    base_order = target.order or ["p"] * len(target.paragraphs) + ["h"] * len(target.highlights)
    extra_order = extra.order or ["p"] * len(extra.paragraphs) + ["h"] * len(extra.highlights)
    target.paragraphs.extend(extra.paragraphs)
    target.highlights.extend(extra.highlights)
    order = base_order + extra_order
    simple = ["p"] * len(target.paragraphs) + ["h"] * len(target.highlights)
    target.order = [] if order == simple else order


# -- topics ------------------------------------------------------------------------------


def _by_topics(texts: list[str], hl_labels: set[str]) -> Body:
    from .topics import segment

    body = Body()
    units = _units(texts, hl_labels)
    if len(units) == 1 and units[0].kind == "p":
        body.lead = units[0].texts  # one paragraph: all lead, no sections
        return body
    if len(units) <= 1:
        sec = Section(keyword="")
        _fill(sec, units)
        body.sections.append(sec)
        return body
    lead_n = 1 if units[0].kind == "p" else 0
    body.lead = units[0].texts if lead_n else []
    rest = units[lead_n:]
    for start, end, keyword in segment(rest, body.lead):
        sec = Section(keyword=keyword)
        _fill(sec, rest[start:end])
        body.sections.append(sec)
    return body
