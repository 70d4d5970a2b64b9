"""Tense: whether a paragraph states next period's goals (*plan*), this period's results
(*review*) or multi-year aims and definitions (*horizon*).

The section heading decides when it says (工作回顾 / 重点工作 / “十五五”时期); else the
paragraph's own words: a goal frame (``主要预期目标是：``) makes what follows it plan, a paragraph
that introduces a list (ends with a colon) passes its tense on to the short items under it, past
markers (同比, 已, 累计, 今年以来) and future ones (力争, 将, 左右, 以上) are weighed, and a short
item that opens with a verb of doing (新增 / 建成 / 完成 …) and has no past marker is a goal.
"""

from __future__ import annotations

import re

from .chars import BULLET_START, BULLETS, width

_REVIEW_HEAD = re.compile(r"回顾|成就|过去|去年|上年|一年来|总结|成效|成绩|执行情况|完成情况|进展情况")
_HORIZON_HEAD = re.compile(r"十[一二三四五六七八九]五|五年|规划|远景|20[3-9]\d年|名词解释|说明|注释")
_PLAN_HEAD = re.compile(
    r"重点工作|主要工作|工作安排|工作任务|主要任务|今年|明年|计划|部署|目标|民生实事|打算|措施|总体要求|政策取向"
)
# What only this year's plan says, as against the goals of a five-year horizon.
_PLAN_NOW = re.compile(r"重点工作|工作安排|工作任务|今年|明年|民生实事|20[12]\d年")

_PLAN_CUES = re.compile(
    r"力争|确保|努力|争取|争创|计划|预期目标|目标是|(?<!今年以来)今年(?!以来)|明年|将|要|加快|谋划|推动|推进|鼓励|引导|支持|实施|"
    r"围绕|办好|打造|研究出台|持续|新建|提升|提高到|控制在|稳定在|左右|以上|以内|不低于|不少于|不超过|拟|"
    r"预计投入|计划投入|展望"
)
_REVIEW_CUES = re.compile(
    r"(?<!年)(?:增长|下降|增加|减少)\d|同比|比上年|较上年|成功|建成|完成|实现了?|已|累计|全年|过去|去年|一年来|五年来|"
    r"投用|上线运行|落地|开工|投产|验收|挂牌|签约|举办|入驻|达到了|突破|首次|位居|居全国|今年以来|截至|上半年|"
    r"票决|表决|审议|开幕|召开|最终|被评为|获评|入选|荣获|被确定|被列为|被纳入"
)
# Markers that a sentence tells what was done, whatever its verbs.
_PAST = re.compile(
    r"同比|比上年|较上年|已经|已(?![有知])|累计|一年来|五年来|过去|去年|上年|今年以来|截至|回望|回顾|(?<![为])了(?![解])|"
    r"\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)"  # a dated event: news of what happened
)
# Past markers the review cues do not count already: 带了4本画册.
_PAST_ONLY = re.compile(r"(?<![为])了(?![解])|已经|\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)")
HORIZON_SENTENCE = re.compile(r"到20\d\d年|年均增长|年均增速|年均提高|“十[一二三四五六七八九]五”时期|到“十[一二三四五六七八九]五”末")

# A goal frame: the words after it, up to the paragraph's end, are the period's goals.
# 在回顾2015年工作时，某某说： is a speaker's colon, not a frame: no verb of saying before the colon.
# …and the year's goal named, then quoted: 今年发展的预期目标，‘国内生产总值增长6.5%左右’
_FRAME = re.compile(r"(?:目标|任务|实事|安排|工作)[^。；;！？!?]{0,12}(?<![说讲道示出调绍到])[：:]|预期目标[，,](?=[‘“])")
# The marks a list item may open with: bullets, 一是, 1. / 1、, （一）.
_ITEM_MARK = re.compile(rf"^(?:[{BULLETS}·\-—]+\s*|" r"[一二三四五六七八九十]+是|\d{1,2}[.．、]\s*\*?|[（(][一二三四五六七八九十\d]+[）)])")
# Verbs that open a goal in a list of things to do.
_DOING = re.compile(
    r"^(?:全年)?(?:新增|新建|新开工|新改建|新、改建|新改扩建|改扩建|新组建|新推广|新培育|建成|建设|完成|打造|实施|开展|改造|"
    r"培育|推广|打通|加装|启动|整体提升|提升|提档升级|发放|认定|募集|培养|引进|推动|为|对|在|免费开展|铺设|维修|安装|"
    r"硬化|开通|筹集|盘活|推进|办好|增加|创建|举办|组织|招引|落实|力争|确保|推出|开办|交付|改建|投入|补贴)"
)
MAX_ITEM = 60  # an item of a list of goals is one line of this width at most


# Frequent characters only traditional script writes. A text with one (a Hong Kong paper, a mirror
# page) is read for its cue words in simplified characters: OpenCC, imported only then.
_TRADITIONAL = frozenset("這個們來會時說長過於與實現發經區國對將為從麼關開設進還業產際質總預達爭確劃務標礎")
_t2s = None


def simplified(text: str) -> str:
    """``text`` in simplified characters when it is written in traditional ones (same length,
    else unchanged), so that the cue words below match."""
    global _t2s
    if not any(ch in _TRADITIONAL for ch in text):
        return text
    if _t2s is None:
        import opencc  # ~20 ms, for traditional texts only

        _t2s = opencc.OpenCC("t2s")
    out = _t2s.convert(text)
    return out if len(out) == len(text) else text


def tense_of_heading(keyword: str) -> str | None:
    keyword = simplified(keyword)
    if _REVIEW_HEAD.search(keyword):
        # 2025年工作回顾和2026年工作安排: both in one part, so each paragraph decides.
        # A part that reviews and sets multi-year goals (“十四五”成就和“十五五”目标) gives figures only.
        rest = _REVIEW_HEAD.sub("", keyword)
        return None if _PLAN_HEAD.search(rest) and not _HORIZON_HEAD.search(rest) else "review"
    if _HORIZON_HEAD.search(keyword):
        rest = _HORIZON_HEAD.sub("", keyword)
        # “十五五”时期主要目标和重大任务: the five years' goals, not this year's.
        if not _PLAN_NOW.search(rest):
            return "horizon"
    if _PLAN_HEAD.search(keyword):
        return "plan"
    return None


def later_year_plans(keywords: list[str]) -> dict[int, str]:
    """Headings that name a later year than a reviewing heading are this year's plan
    (一、2025年工作回顾 … 三、2026年经济社会发展总体要求)."""
    years = {i: [int(y) for y in re.findall(r"(20\d\d)年", k)] for i, k in enumerate(keywords)}
    reviewed = [max(ys) for i, ys in years.items() if ys and tense_of_heading(keywords[i]) == "review"]
    if not reviewed:
        return {}
    last = max(reviewed)
    return {i: "plan" for i, ys in years.items() if ys and min(ys) > last and tense_of_heading(keywords[i]) is None}


_NAMED = re.compile(r"《[^》]*》|“[^”]*”")
# A title or lead that announces goals: a paragraph with no cue of its own is one of them.
_ANNOUNCES = re.compile(r"实事|目标|计划|任务|今年|明年|将|要点|安排|部署|清单")


def prior_of(head: str) -> str:
    head = simplified(head)
    return "plan" if _ANNOUNCES.search(head) and not _PAST.search(head) else "review"


def tense_of_text(text: str, prior: str = "review") -> str:
    text = simplified(text)
    text = _NAMED.sub("", text)  # 《实施方案》: a name's words are no cue
    plan = len(_PLAN_CUES.findall(text))
    review = len(_REVIEW_CUES.findall(text))
    if plan > review * 1.5:
        return "plan"
    if is_goal_item(text):
        return "plan"
    if plan == review == 0 and not _PAST.search(text):
        return prior
    return "review"


def opens_with_doing(text: str) -> bool:
    """The text opens with a verb of doing (新增 / 推出 / 开办 …)."""
    text = simplified(text)
    return bool(_DOING.match(text))


def is_goal_item(text: str) -> bool:
    """A short line of a list of things to do: a verb of doing first, no sign of the past."""
    text = simplified(text)
    body = _ITEM_MARK.sub("", text, count=1)
    return width(text) <= MAX_ITEM and bool(_DOING.match(body)) and not _PAST.search(text)


def is_bullet_item(text: str) -> bool:
    """An item of a bulleted list (●地区生产总值增长6%以上) that says nothing of the past."""
    text = simplified(text)
    return bool(BULLET_START.match(text)) and not _PAST.search(text)


def is_list_frame(text: str) -> bool:
    """A paragraph that introduces the list under it: it ends with a colon."""
    return text.rstrip().endswith(("：", ":"))


def is_list_item(text: str) -> bool:
    return width(text) <= MAX_ITEM * 2 and text.count("。") <= 1 and not is_list_frame(text)


def frame_split(text: str) -> int:
    """Where the goals of a paragraph start when a goal frame (主要预期目标是：) introduces them,
    else -1."""
    text = simplified(text)
    m = _FRAME.search(text)
    if not m:
        return -1
    start = max(0, m.start() - 12, *(text.rfind(c, 0, m.start()) + 1 for c in "。；;！？"))
    if _PAST.search(text[start : m.start()]) and "目标" not in m.group(0):
        return -1  # 主要做了以下工作： introduces what was done
    return m.end()


def has_past(text: str) -> bool:
    text = simplified(text)
    return bool(_PAST.search(text))


_YEAR = re.compile(r"(20\d\d)\s*年")
_GOAL_WORDS = re.compile(r"今年|预期|目标|计划|将|力争|确保")


def goal_year(items: list[tuple[int, str, str | None, bool]]) -> int | None:
    """The year the text sets goals for: the latest year named in a sentence about goals."""
    years = [int(y) for _, text, _, _ in items for s in re.split(r"[。！？；;]", text)
             if _GOAL_WORDS.search(s) and not HORIZON_SENTENCE.search(s) for y in _YEAR.findall(s)]
    return max(years) if years else None


def before_year(sentence: str, year: int | None) -> bool:
    """A sentence that opens on an earlier year than the goals' (2024年我国国内生产总值增长5%)
    tells a result."""
    sentence = simplified(sentence)
    m = _YEAR.search(sentence[:8])
    return bool(year and m and int(m.group(1)) < year and not _FRAME.search(sentence))


def line_tense(text: str) -> str | None:
    """The tense a short heading line without a number gives what follows it (2019年成绩)."""
    text = simplified(text)
    if width(text) > 24 or re.search(r"[。！？；;，,：:]", text) or is_goal_item(text):
        return None
    return tense_of_heading(text)


def past_sentence(sentence: str) -> bool:
    """A sentence of a goal paragraph that tells what happened (记者发现…都带了4本画册)."""
    sentence = simplified(sentence)
    past = len(_PAST_ONLY.findall(sentence))
    return past > 0 and past >= len(_PLAN_CUES.findall(sentence))


# 3.规上工业企业：指年主营业务收入在2000万元以上的工业企业。 — a numbered term and what it means.
_DEFINITION = re.compile(r"^\d{1,2}[.．、]\s*[\u4e00-\u9fff“”‘’\"()（）A-Za-z\d·+]{1,24}[：:]")
GLOSSARY = re.compile(r"名词解释|名词注释|名词解读|小词典|术语|注释")


def is_definition(text: str) -> bool:
    text = simplified(text)
    return bool(_DEFINITION.match(text)) and len(text) > 16


# The cues that say a goal outright (a bound, a year to come, a resolve), as against verbs of
# doing (持续, 推进, 实施) that a review uses as well.
_STRONG_PLAN = re.compile(
    r"力争|确保|争取|目标|计划|今年|明年|将|要|拟|预计投入|计划投入|左右|以上|以内|不低于|不少于|不超过|提高到|控制在"
)


def weak_cues(text: str) -> bool:
    """A paragraph whose words hardly say its tense: no cue but verbs of doing, no goal item."""
    text = simplified(text)
    text = _NAMED.sub("", text)
    return (not _STRONG_PLAN.search(text) and not _REVIEW_CUES.search(text) and not _PAST.search(text)
            and not is_goal_item(text) and frame_split(text) < 0)
