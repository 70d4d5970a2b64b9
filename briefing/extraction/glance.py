"""What the reader sees first: target/result pairs and the key figures of the 要点速览 panel.

Pairs: a target and an achieved figure of the same indicator — same unit, indicators of at least
four characters besides the verb, and indicator similarity (Dice over character bigrams, after the leading verb 新增/新建/… is set aside) of at
least PAIR_THRESHOLD; one-to-one, most similar first. (jieba tokens would do as well but cost
1.6 s to load, more than a whole cold build may take.)

Key figures: up to GLANCE_MAX figures of the review, at least GLANCE_MIN when there are that many,
chosen by score — a growth rate printed beside it (+2), an amount of money (+1), a figure that
pairs with a target (+1), one of the first figures of its section (+0.5) — one per indicator, in
reading order.
"""

from __future__ import annotations

import re

from ..model import Figure, Pair, Summary, Target

PAIR_THRESHOLD = 0.5
GLANCE_MIN, GLANCE_MAX = 4, 8
_VERB = re.compile(r"^(?:新增|新建|新培育|新引进|新签约|新开工|培育|引进|建设|建成|打造|实现|完成)")
_MONEY = ("元", "美元")


def _bigrams(s: str) -> set[str]:
    s = _VERB.sub("", s)
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams."""
    A, B = _bigrams(a), _bigrams(b)
    return 2 * len(A & B) / max(1, len(A) + len(B))


# A figure that is a running total (达到4808万亩, 累计…, 总数…) measures a stock; a target that
# builds, adds or completes (建设200万亩) measures this year's flow: the two are not one measure.
_STOCK = re.compile(r"达到|累计|总数|总量|总规模|增至|保有|余额|存量|稳定在|保持在|提高到|升至")
# A change measured over several years (较2020年增长90%, 年均增长) is not this year's change.
_MULTI_YEAR = re.compile(r"较\d{4}年|年均|累计|五年|多年")
_FLOW = re.compile(r"^(?:新增|新建|新培育|新引进|新签约|新开工|建设|建成|完成|实施|改造|营造|培育|引进|开工|筹集|招引)")
# Past this ratio two amounts of one unit are not the same measure either (a five-year total
# against one year's goal: 建成高标准农田142万亩 in five years, 建设25万亩 this year).
MAX_PAIR_RATIO = 5.0


def same_measure(t: Target, f: Figure) -> bool:
    if _FLOW.match(t.indicator) and _STOCK.search(f.text) and not _FLOW.match(f.indicator):
        return False
    if _MULTI_YEAR.search(f.text) and not _MULTI_YEAR.search(t.text):
        return False
    a, b = abs(float(t.value)), abs(float(f.value))
    return not (a and b and max(a, b) / min(a, b) > MAX_PAIR_RATIO)


def inside_label(f: Figure) -> bool:
    """A number read from inside its own label (3个过三千亿元城市 → 3000亿元 of 过三千亿元城市):
    the label holds the figure's unit, so the figure names a kind of thing, not an amount."""
    if not f.unit:
        return False
    amount = rf"[零〇一二两三四五六七八九十百千万\d.]+{re.escape(f.unit)}"
    # in the label, or a count's noun it describes in the text: 3个过三千亿元城市
    return re.search(amount, f.indicator) is not None or re.search(
        rf"\d+[个家座所项类][过超逾近]?{amount}[\u4e00-\u9fff]", f.text) is not None


def pair(targets: list[Target], figures: list[Figure], period: frozenset[int] = frozenset()) -> list[Pair]:
    """``period``: figures of a paragraph reviewing several years, never charted against a year's
    target (新增五星级饭店16家 over five years against 10家以上 this year)."""
    cands = []
    for ti, t in enumerate(targets):
        for fi, f in enumerate(figures):
            if fi not in period and t.unit == f.unit and not inside_label(f) and same_measure(t, f) \
                    and min(len(_VERB.sub("", t.indicator)), len(_VERB.sub("", f.indicator))) >= 4:
                sim = similarity(t.indicator, f.indicator)
                if sim >= PAIR_THRESHOLD:
                    cands.append((sim, ti, fi))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_t: set[int] = set()
    used_f: set[int] = set()
    out = []
    for sim, ti, fi in cands:
        if ti in used_t or fi in used_f:
            continue
        used_t.add(ti)
        used_f.add(fi)
        out.append(Pair(target=ti, figure=fi, similarity=round(sim, 3)))
    out.sort(key=lambda p: p.target)
    return out


def key_figures(figures: list[Figure], pairs: list[Pair], period: frozenset[int] = frozenset()) -> list[int]:
    """``period``: figures of a paragraph that reviews several years (五年来…): the panel shows the
    year's results first, a five-year total or its growth (贷款余额13万亿元、增长83%) only to fill it."""
    paired = {p.figure for p in pairs}
    first_of_section: set[int] = set()
    seen_sections: dict[int | None, int] = {}
    for i, f in enumerate(figures):
        seen_sections[f.section] = seen_sections.get(f.section, 0) + 1
        if seen_sections[f.section] <= 2:
            first_of_section.add(i)
    # sentences that state an amount reached beside a mark passed (突破4000亿元、达到4211亿元)
    reached = {f.text for f in figures if not _passed_mark(f)}
    scored = []
    for i, f in enumerate(figures):
        score = 2.0 * (f.growth is not None) + 1.0 * f.unit.endswith(_MONEY) + 1.0 * (i in paired) \
            + 0.5 * (i in first_of_section) - 0.25 * (f.text in reached and _passed_mark(f)) - 10.0 * (i in period)
        scored.append((score, i))
    scored.sort(key=lambda x: (-x[0], x[1]))
    chosen: list[int] = []
    indicators: set[str] = set()
    for _, i in scored:
        ind = figures[i].indicator
        if ind in indicators or inside_label(figures[i]):
            continue
        indicators.add(ind)
        chosen.append(i)
        if len(chosen) == GLANCE_MAX:
            break
    return sorted(chosen)


_PASSED = re.compile(r"(?:突破|超过|超|逾|迈上)\s*$")


def _passed_mark(f: Figure) -> bool:
    """A round mark passed (突破4000亿元) rather than the amount reached (达到4211亿元): of the two
    in one sentence, the amount is the key figure."""
    v = f"{f.value:g}" if isinstance(f.value, float) else str(f.value)
    at = f.text.find(v)
    return at > 0 and _PASSED.search(f.text[:at]) is not None


# A paragraph that reviews several years opens so: 五年来 / 过去五年 / “十四五”时期 / 十四五以来.
_PERIOD_OPENING = re.compile(r"^(?:过去|近|这)?[三五十]年(?:来|间|中|里)|^[“\"]?十[一二三四五]五[”\"]?(?:时期|期间|以来|这五年)")


def period_figures(summary: Summary) -> frozenset[int]:
    """The figures stated in a paragraph that opens as a review of several years."""
    paragraphs = [*summary.lead, *summary.all_paragraphs()]
    out = set()
    for i, f in enumerate(summary.figures):
        home = next((p for p in paragraphs if f.text and f.text in p), "")
        if _PERIOD_OPENING.match(home):
            out.add(i)
    return frozenset(out)


def add_glance(summary: Summary) -> None:
    period = period_figures(summary)
    summary.pairs = pair(summary.targets, summary.figures, period)
    summary.glance = key_figures(summary.figures, summary.pairs, period)
