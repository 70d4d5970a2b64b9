"""Facts: next period's numeric targets and this period's achieved figures.

Each paragraph is read as *plan* (goals: 力争, 确保, 今年…), *review* (results: 增长27.8%, 建成,
全年…) or *horizon* (multi-year goals, definitions): from its section heading when that says
(工作回顾 / 重点工作 / “十五五”时期), else from the cue words in the paragraph itself. Quantities in
plan paragraphs become targets, in review paragraphs figures.

Not facts: years, dates, ordinals (第四次), anything in quotes (“125”计划), product names (5G),
thresholds inside an indicator (``引进1个100亿元以上的头部企业``: 1个 is the target).
"""

from __future__ import annotations

import re

from ..model import Figure, Highlight, Summary, Target
from .chars import BULLETS, width
from .numbers import Quantity, find_quantities
from .tense import (
    GLOSSARY,
    HORIZON_SENTENCE,
    before_year,
    frame_split,
    goal_year,
    has_past,
    is_bullet_item,
    is_definition,
    is_list_frame,
    is_list_item,
    later_year_plans,
    line_tense,
    opens_with_doing,
    past_sentence,
    prior_of,
    tense_of_heading,
    tense_of_text,
    weak_cues,
)

_SENTENCE_END = re.compile(r"(?<=[。！？；;!?])|(?<=[\u4e00-\u9fff”）)%]\.)(?!\d)")
_GROWTH = re.compile(r"^[、，,]?\s*(?:同比|比上年|较上年|年均)?(?P<dir>增长|下降|增加|减少|提高|降低)$")
# (An ASCII full stop ends a clause too, as a web page or a plain-text copy sets 。; not in a decimal.)
_CLAUSE = re.compile(r"(?:[^，,。；;！？!?：:.]|(?<=\d)\.(?=\d))+")
_LEAD_TRIM = re.compile(
    r"^(?:(?:19|20)\d\d年|的|其中|包括|同时|并|且|和|及|以及|即|为|全年|今年|明年|每学?年|力争|确保|努力|预计|累计|共(?![享建同有])|实现|完成|推动|加快|"
    r"推进|围绕|通过|着力|全力|持续|继续|进一步|再(?!生)|还|均|分别|约|近|让|使|将|"
    # The place that speaks and its modal: 某某区今年将投入 / 某某县计划招引; 某某工程如硬化 (an example's frame)
    r"[\u4e00-\u9fff]{1,6}[省市县区镇乡州](?:今年|明年|全年)?(?:将|计划|要|拟)|[^，、]{1,12}(?:工程|项目|行动)如|"
    f"[{BULLETS}*]|" r"[一二三四五六七八九十]+是|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)])+"
)
_TAIL_TRIM = re.compile(
    r"(?:分别达到|分别达|分别为|分别|达到|达|提高到|提高至|提升到|提升至|增加到|增至|降低到|降至|下降到|"
    r"控制在|稳定在|保持在|保持|为|是|约|超过|超|突破|不少于|不低于|不超过|力争|实现|完成|累计|均|总计|共计|共|在|"
    r"拟按|按|将|首次)+$"
)
_DOING_START = re.compile(r"(?:新增|新建|新开工|建设|建成|完成|实施|打造|引进|培育|开展|改造|提升|推进|开设|发放)")
_BARE_VERB = re.compile(r"实施|建设|建成|开展|推进|新建|新增|打造|改造|提升")
_TIME_WORD = re.compile(r"^(?:年度|年内|全年|当年|今年|每学?年)")
_VERB_HEAD = re.compile(r"^(?:新增|新建|新开工|新培育|建设|建成|完成|实施|打造|引进|培育)")
_OPENERS = "“‘《（("
MAX_PRE = 24  # an indicator names the thing counted: the words right before the number
# Where a long run of words before a number may be cut: after a particle or preposition, never
# inside a word.
_CUT_AFTER = re.compile(r"[的对为在向把和与及或]")
MAX_WHOLE = 32  # with no particle to cut after, a run this long is kept whole
# The verbs of a change from one value to another (从77%提高到80%).
_CHANGE = "(?:提高|增加|扩大|提升|降低|下降|减少|缩小|调整)"
# 从77%提高到 before the goal: where the indicator starts from, not part of its name.
_FROM = re.compile(rf"[从由][^从由]*(?:{_CHANGE}|增长)(?:到|至)?$")
_CLOSERS = "”’》）)"


def find_facts(summary: Summary) -> None:
    targets: list[Target] = []
    figures: list[Figure] = []
    by_year = later_year_plans([sec.keyword for sec in summary.sections])
    # (section number, 0 for the lead; text; the tense its headings give; in a highlight box)
    # A title as short as a heading (2024年目标任务) heads the lead as a heading heads its part.
    title = summary.title or ""
    # It gives goals only, and less surely than a heading: the lead's past clauses stay results.
    lead_tense = "plan" if title and width(title) <= 16 and tense_of_heading(title) == "plan" else None
    items: list[tuple[int, str, str | None, bool]] = [(0, t, lead_tense, False) for t in summary.lead]
    for n, sec in enumerate(summary.sections, 1):
        sec_tense = tense_of_heading(sec.keyword) or by_year.get(n - 1)
        for depth_sec in [sec, *_walk(sec.subsections)]:
            # A subsection's heading decides only when its part's heading did not.
            tense = sec_tense or tense_of_heading(depth_sec.keyword)
            for b in depth_sec.blocks():
                if isinstance(b, Highlight):
                    items.extend((n, p, "review", True) for p in b.paragraphs)
                else:
                    items.append((n, b, tense, False))
    frame: str | None = None  # the tense a list's introduction passes on to its items
    prior = prior_of(" ".join([summary.title or "", *summary.lead[:1]]))
    plan_year = goal_year(items)
    local: tuple[int, str | None] = (-1, None)  # a short heading line's tense, in its section
    held: str | None = None  # the tense of the last paragraph whose own words said it plainly
    # A glossary (名词解释) explains terms: its entries are not goals nor results.
    glossary = bool(GLOSSARY.search(summary.title or ""))
    for n, text, tense, _in_box in items:
        if glossary and is_definition(text):
            continue
        glossary = bool(GLOSSARY.search(text)) or glossary and not tense
        if frame and not (is_list_item(text) and tense is None):
            frame = None
        if tense is None and (lt := line_tense(text)):
            local = (n, lt)  # 2019年成绩 on a line of its own: what follows reviews
        if tense is None and local[0] == n:
            tense = local[1]
        if is_list_frame(text):
            # 2019年为民兴办10件实事： introduces the list; its own counts are of the list.
            cut = max(text.rfind(c) for c in "。；;！？") + 1
            intro = text[cut:]
            frame = tense or ("plan" if not has_past(intro) else tense_of_text(intro))
            text = text[:cut]
            if not text:
                continue
        parts = _parts(text, tense, frame, prior)
        if tense is None and frame is None and len(parts) == 1 and not is_bullet_item(text):
            # A paragraph with a cue or none (社会保障日益健全。城镇新增就业4.6万人) reads like the one
            # before it, whose words were plain.
            if weak_cues(text):
                parts = [(text, held or parts[0][1])]
            else:
                held = parts[0][1]
        for part, t in parts:
            if t == "horizon":
                continue
            for sentence in _SENTENCE_END.split(part):
                if not sentence or HORIZON_SENTENCE.search(sentence):
                    continue
                weak = tense is None or n == 0  # no heading of its own says the tense
                told = t == "plan" and weak and before_year(sentence, plan_year)
                for f in sentence_facts(sentence):
                    # 记者发现…都带了4本画册: a clause that tells what happened, in a goal paragraph
                    if t == "plan" and not told and not (weak and past_sentence(f.text)):
                        if f.describes:
                            continue
                        targets.append(Target(section=n, indicator=f.indicator, value=f.q.value, unit=f.q.unit,
                                              value_max=f.q.value_max, qualifier=f.q.qualifier, text=f.text))
                        if f.growth is not None and f.rate_aimed:
                            # 收入超1万亿元、增长8％: the rate aimed at is a goal of its own (a result's
                            # rate stays with its figure).
                            targets.append(Target(section=n, indicator=f.indicator + "增长", value=f.growth,
                                                  unit="%", text=f.text))
                    else:
                        figures.append(Figure(section=n or None, indicator=f.indicator, value=f.q.value,
                                              unit=f.q.unit, growth=f.growth, text=f.text))
    summary.targets = targets
    summary.figures = figures


def _parts(text: str, tense: str | None, frame: str | None, prior: str) -> list[tuple[str, str]]:
    """The paragraph in its tenses: the heading's, else the list's it is an item of, else its own
    words'; a goal frame (主要预期目标是：) makes the rest of it plan."""
    if tense:
        return [(text, tense)]
    if frame and not has_past(text):
        return [(text, frame)]
    if is_bullet_item(text):
        return [(text, prior)]  # ●地区生产总值增长6%: the list's tense is the text's
    k = frame_split(text)
    if k > 0:
        head = text[:k]
        return [(head, tense_of_text(head, prior)), (text[k:], "plan")]
    return [(text, tense_of_text(text, prior))]


def _walk(secs: list) -> list:  # type: ignore[type-arg]
    out = []
    for s in secs:
        out.append(s)
        out.extend(_walk(s.subsections))
    return out


class Fact:
    def __init__(self, q: Quantity, indicator: str, text: str, growth: float | int | None = None) -> None:
        self.q, self.indicator, self.text, self.growth = q, indicator, text, growth
        self.describes = False  # 总投资35亿元的80项工程: an amount that describes the count after it
        self.rate_aimed = False  # 收入1万亿元、增长8％: a rate joined to the amount, not one against a year


def _quoted(text: str, pos: int) -> bool:
    depth = 0
    for ch in text[:pos]:
        if ch in "“‘":
            depth += 1
        elif ch in "”’" and depth:
            depth -= 1
    return depth > 0


def _excluded(text: str, q: Quantity) -> bool:
    before = text[max(0, q.start - 1) : q.start]
    after = text[q.end : q.end + 1]
    if before == "第" or (before.isascii() and before.isalnum()) or (before and before in ".．"):
        return True
    if after.isascii() and after.isalpha():
        return True
    if after in ("级", "制"):
        return True  # 30万千瓦级煤电机组, 3人制篮球场: a class or a format, not an amount
    if re.search(r"[“‘][一二两三四五六七八九十]{1,2}[个大项]$", text[: q.start]):
        return True  # 落实“三个80%”要求: a slogan that counts its own figures
    if _quoted(text, q.start) and not (text[q.end : q.end + 1] and text[q.end] in "”’") \
            and re.search("[”’]", text[q.end :]):
        # A name in quotes (“为30栋高层公房维修”等项目) is no measure; a quote that closes on the
        # number (‘国内生产总值增长6.5%左右’) quotes the figure or the goal itself, and so does one
        # still open where the clause ends (“新开工改造…3万个，支持…”): a sentence quoted, not a name.
        return True
    if text[max(0, q.start - 2) : q.start] in ("以下", "下列", "上述", "如下"):
        return True
    if q.unit in ("小时", "分钟") and text[max(0, q.start - 2) : q.start] in ("每天", "每日", "全天", "昼夜"):
        return True  # 每天24小时提供服务: when a service runs, not a goal
    if q.unit in ("次", "遍") and "每" in text[: q.start]:
        return True  # 每学年开展1次测评: how often, not how much
    if q.unit == "次" and re.search(r"(?:出现|出現|提及|提到|提)(?:了|的?次数为?|的?次數為?)?$", text[: q.start]):
        return True  # “改革”共出现75次, 今年提及次数为142次: how often a word is in a text
    if q.unit in ("万", "萬") and after == "字":
        return True  # 全文约1.9万字: the length of a text, not a goal
    if re.match(r"[\u4e00-\u9fff]{0,4}(?:参与|参加|出席|列席)", text[q.end :]):
        return True  # 共38家单位参与: who takes part
    if q.is_count and re.match(r"(?:包括|分别是|如下)(?:[：:]|$)|(?:是|为)?[：:]", text[q.end :]):
        return True  # 新增14项包括：… the count of the list that follows
    return False


_BASELINE = re.compile(rf"[从由](?P<span>[^从由]*?){_CHANGE}(?:到|至)")
# Work on what exists: 建好15个主平台, 做优做强5个国家先进制造业集群, 做强生物医药等3个集群,
# 稳妥运行14个边贸点, 巩固提升80万亩基地, 壮大6大产业集群和18条产业链.
_DOING_WELL = re.compile(r"(?:建好|用好|管好)$|(?:^|、)\s*(?:做[优强大精]){1,3}(?:[^，、]{0,12}等)?$"
                         r"|(?:^|、)\s*(?:稳妥|持续|正常)?(?:运行|巩固提升|巩固|壮大)[^，、]{0,16}$")
# …等5个中心高效运行 / 3个实验室高效运营: running what exists, unless the clause builds it.
_RUNNING = re.compile(r"(?:高效|正常|平稳|稳定|稳妥)(?:运行|运营)$")
_BUILDING = re.compile(r"新建|建成|建设|新增|开通|投运|投产|开工|开放|组建|创建")
# A capacity names a plant or a project (吉化120万吨乙烯转型升级项目, 年产60万吨油料等项目建设),
# it is not the goal: a unit of output or power, 年产 before it or 项目 after it in the clause.
_CAPACITY_UNIT = re.compile(r"^(?:万亿|亿|千万|百万|万|千)?(?:吨|千瓦|瓦|兆瓦|千伏)(?:[/／]年)?$")
_GOAL_VERB = re.compile(r"(?:新增|新建|建成|建设|投产|达到|达|突破|超过|超|至|到|为|完成|形成)$")


# Nouns a speech counts its own points with (5个方面, 3项原则): never a quantified goal.
# The articles of a policy (落实…30条政策措施, 十二条措施) count its text, not a goal either.
_ABSTRACT = re.compile(r"方面|原则|要求|关系|特点|阶段|维度|层面|要点|环节|步骤|问题导向|着力点|突破口|(?:政策)?措施|举措|体系")
# 办好15件民生实事 / 33件实事项目: the count of the list's own items.
_LIST_COUNT = re.compile(r"^[^、，]{0,6}实事|^[\u4e00-\u9fff]{0,4}工作(?:任务)?(?![站室组队点区])")
# 等17个项目被确定为…民生实事项目 / 10个项目作为…实事项目: the list's items counted as it is chosen.
_CHOSEN_LIST = re.compile(r"^[\u4e00-\u9fff]{0,4}项目(?:被)?(?:确定为|列为|选定为|作为|成为)(?=.{0,30}实事)")
# 包括A、B、C等6个工程 / 涵盖8个方面: what exists, enumerated, not a goal.
_ENUMERATION = re.compile(r"包括|包含|涵盖|涉及|分为|共有")


def _names_capacity(clause: str, q: Quantity, qs: list[Quantity]) -> bool:
    """35万千瓦 in 3座35万千瓦光热电站 (the size of each thing counted), 120万吨 in 某某120万吨乙烯
    项目 (a plant's capacity in its name): not a goal of its own."""
    k = qs.index(q)
    if k and qs[k - 1].end == q.start and qs[k - 1].is_count:
        return True
    if not _CAPACITY_UNIT.match(q.unit) or _GOAL_VERB.search(clause[: q.start]):
        return False
    return clause[: q.start].endswith("年产") or "项目" in clause[q.end :]


def _is_baseline(text: str, q: Quantity) -> bool:
    """从77%提高到80%: the value before the verb is where it starts, not the goal."""
    for m in _BASELINE.finditer(text):
        if m.start("span") <= q.start < m.end("span"):
            return True
    return False


def _is_threshold(text: str, q: Quantity) -> bool:
    """A bound measure that modifies a noun: ``100亿元以上的头部企业``, ``10亿元以上高质量项目``."""
    if q.after not in ("以上", "及以上", "以下", "及以下", "以内", "内") or q.is_count:
        return False
    nxt = text[q.end : q.end + 1]
    if _SETS_BOUND.match(text, q.end):
        return False  # 赤字率按3.6%以上安排: the verb that sets the bound follows, no noun it classes
    return nxt == "的" or bool(re.match(r"[\u4e00-\u9fff（(]", nxt))


# The verbs that set a goal at its bound, right after it (按3.6%以上安排, 按5%左右考虑).
_SETS_BOUND = re.compile(r"(?:来|來|予以)?(?:安排|设定|設定|确定|確定|考虑|考慮|掌握|把握|控制)(?![\u4e00-\u9fff]{0,2}的)")


_GROWTH_CLAUSE = re.compile(
    r"^(?:同比|比上年|较上年|[较比](?:20\d\d|上一?)年|分别)?(?P<dir>增长|下降|增加|减少|提高|降低)(?P<num>\d+(?:\.\d+)?)[%％]$"
)


# An item that names its indicator before a colon and gives the value after it (- 生产总值增长：
# 5.5%左右 / 研发投入强度：达到3.2%): one clause, the colon no boundary.
_NAMED_VALUE = re.compile(r"^[^，,。；;！？!?：:]{2,24}[：:](?=\s*(?:达到|达|为|超过|突破)?\s*\d[^，,。；;！？!?：:]*(?:[。；;]|$))")


def _clauses(sentence: str) -> list[str]:
    m = _NAMED_VALUE.match(sentence)
    head, rest = (m.group(0), sentence[m.end():]) if m else ("", sentence)
    out = [cm.group(0) for cm in _CLAUSE.finditer(rest)]
    if head:
        out[:1] = [head + (out[0] if out else "")]
    return out


def sentence_facts(sentence: str) -> list[Fact]:
    facts: list[Fact] = []
    prev = subject = ""
    for raw in _clauses(sentence):
        clause = raw.strip()
        g = _GROWTH_CLAUSE.match(clause)
        if g and facts and facts[-1].growth is None and not facts[-1].q.unit.endswith("%"):
            # 新增企业870家，增长42%: the rate in its own clause belongs to the figure before it.
            sign = -1 if g.group("dir") in ("下降", "减少", "降低") else 1
            v = float(g.group("num"))
            facts[-1].growth = sign * (int(v) if v.is_integer() else v)
            continue
        got = _clause_facts(clause)
        if not got and subject and _REACHES.match(clause):
            # 今年财政支出的规模，仍在扩大，将达到约21万亿元: the clause that names the thing reached
            got = _clause_facts(subject + clause)
        if not re.search(r"\d", clause) and _NAMES_SIZE.fullmatch(clause):
            subject = clause
        for f in got:
            if _TIME_WORD.match(f.indicator) and _BARE_VERB.fullmatch(_TIME_WORD.sub("", f.indicator)) and prev:
                # 加快推进薄弱学校改造工程，年度实施10所以上: the clause before names the thing done
                f.indicator = _clean_indicator(prev) or f.indicator
        facts.extend(got)
        prev = clause
    return facts


# A clause that only reaches an amount (将达到约21万亿元), and one that names a thing's size or
# share on its own (今年财政支出的规模): the first takes its thing from the second.
_REACHES = re.compile(r"^(?:将|预计|预期|有望)(?:达到|达|增至|增加到|提高到)[约近超逾]?\d")
_NAMES_SIZE = re.compile(r"[^，。；的]{0,12}的[\u4e00-\u9fff]{1,4}")


# 以…为载体 / 以…为主线: the means of a plan, not a goal.
_MEANS = re.compile(r"^[^以]{0,4}以.+为(?:载体|依托|抓手|重点|核心|主线|引领|支撑|基础|平台|牵引|突破口)")


def _clause_facts(clause: str) -> list[Fact]:
    facts = _quantity_facts(clause)
    for f in facts:
        # 总投资35亿元的80项工程: the count is the goal; the amount stays a result's figure.
        f.describes = re.match(r"的\s*\d", clause[f.q.end :]) is not None
    return facts


def _quantity_facts(clause: str) -> list[Fact]:
    if _MEANS.match(clause):
        return []
    qs = [q for q in find_quantities(clause) if not _excluded(clause, q)]
    if not qs:
        return []
    text = clause.strip()
    # 均: one bound shared by several subjects (甲引进30亿元以上、乙引进10亿元以上项目均不少于2个).
    for q in qs:
        if clause[max(0, q.start - 1) : q.start] == "均" and q.is_count:
            subject = clause[: q.start - 1]
            parts = [p for p in subject.split("、") if p]
            tail = _noun_tail(parts[-1]) if len(parts) > 1 else ""
            out = []
            for p in parts:
                ind = _clean_indicator(p if (p == parts[-1] or not tail or p.endswith(tail)) else p + tail)
                out.append(Fact(q, ind, text))
            return out
    # 分别: 水果、蔬菜、茶叶产量分别达2050万吨、4200万吨、19万吨以上
    fb = clause.find("分别")
    if fb > 0:
        # 分别从209元、280元提高到217元、290元: the values before the verb are where they start.
        listed = [q for q in qs if q.start > fb and not _is_baseline(clause, q)]
        subjects = [s for s in clause[:fb].split("、") if s]
        if len(subjects) != len(listed):
            # 财政总收入和地方财政收入分别增长…: 和/及/与 join subjects too; when they still do not
            # pair with the values (城乡居民收入分别增长11%和13%), each value takes the whole subject.
            subjects = [s for s in re.split("[、和及与]", clause[:fb]) if s]
            if len(subjects) != len(listed):
                subjects = _ordinal_subjects(clause[:fb], len(listed)) or [clause[:fb]] * len(listed)
        if len(listed) >= 2:
            subjects = _share_head(subjects)
            # A bound printed once at either end of the list holds for every value (…11%和13%左右).
            closing, opening = listed[-1].after, listed[0].before
            out = []
            for s, q in zip(subjects, listed):
                if closing and not q.after:
                    q.after = closing
                if opening and not q.before:
                    q.before = opening  # 分别不少于1家、1家和7家: the bound opens the list
                out.append(Fact(q, _clean_indicator(s), text))
            return out
    out = []
    prev_end = 0
    last: Fact | None = None
    for q in qs:
        between = clause[prev_end : q.start]
        gm = _GROWTH.match(between.strip())
        if last is not None and q.unit == "%" and gm and not last.q.unit.endswith("%"):
            sign = -1 if gm.group("dir") in ("下降", "减少", "降低") else 1
            last.growth = sign * q.value
            last.rate_aimed = not re.search(r"同比|比上年|较上年|年均", between)
            prev_end = q.end
            continue
        if _is_threshold(clause, q) or _is_baseline(clause, q) or _DOING_WELL.search(clause[: q.start]):
            continue
        if q.is_count and _RUNNING.search(clause) and not _BUILDING.search(clause):
            continue
        if _names_capacity(clause, q, qs):
            continue
        # 新建和改扩建幼儿园、中小学20所: the first count of a clause is of the whole list before it,
        # unless the list's last part has a verb of its own (建设世界级商圈、新增碧道100公里)
        part = between.split("、")[-1]
        whole = prev_end == 0 and last is None and not _DOING_START.match(part)
        pre = _last_words(_FROM.sub("", between if whole else part))
        ind = _clean_indicator(pre)
        noun = _post_noun(clause, q.end) if q.is_count else ""
        size = next((x for x in qs if x.start == q.end), None) if q.is_count and not noun else None
        if size is not None:
            noun = _post_noun(clause, size.end)  # 2座10万千瓦光热电站: the things counted follow their size
        chosen = q.is_count and _CHOSEN_LIST.match(clause[q.end:])
        if noun and (_ABSTRACT.fullmatch(noun) or _LIST_COUNT.match(noun)) or chosen:
            prev_end = q.end  # 把握好5个方面: a count of points in a speech, not a goal
            continue
        if q.is_count and (_ENUMERATION.search(clause[: q.start])
                           or (clause[q.start - 1 : q.start] == "在" or re.match(r"\s*在[^，。；]*等$", clause[: q.start]))
                           and q is not qs[-1]):
            # 涵盖8个方面 / 在17个乡镇硬化道路10万平方米: where, or what there is, not the goal; the
            # place's noun ends before the verb of what is done there (在39个村改造升级…).
            prev_end = q.end + next((i for i in range(1, len(noun)) if opens_with_doing(noun[i:])
                                     and noun[i] not in "为对在"), len(noun))
            continue
        if q.is_count:
            ind = _clean_indicator(ind + noun, tail=False)
        elif (not ind or _BARE_VERB.fullmatch(ind)) and not re.search(r".[为达到至在]$", pre.strip(" 　、，")):
            # 完成6000亩鱼塘改造 / 实施51.5公里“四好农村路”提档升级: the thing is named after the amount
            ind = _clean_indicator(ind + _post_noun(clause, q.end), tail=False)
        if not ind and last is not None:
            # 新增1000处信号灯联网、累计达8000处: the second value is of the same thing.
            ind = _VERB_HEAD.sub("", last.indicator) + re.sub(r"[达为到至在]+$", "", pre.strip())
        if not ind:
            prev_end = q.end
            continue
        vm = _VERB_HEAD.match(last.indicator) if last is not None else None
        own = _VERB_HEAD.match(between.split("、")[-1].strip()) if "、" in between else None
        if own and not opens_with_doing(ind):
            ind = own.group(0) + ind  # 实施项目640个、完成投资3500亿元: the item's own verb, not the list's
        elif vm and "、" in between and not opens_with_doing(ind) and not re.search(r"[达为到至]", between):
            # 新增企业1000家、科技型企业1500家: the list shares its verb.
            ind = vm.group(0) + ind
        last = Fact(q, ind, text)
        out.append(last)
        prev_end = q.end + len(noun)  # the noun after a count is this one's, not the next's
    return out


def _last_words(pre: str) -> str:
    """At most MAX_PRE characters from the end of ``pre``, cut after a particle if there is one
    in reach (养老护理工作的|社会人员…), never in the middle of a word if it can be helped."""
    if len(pre) <= MAX_PRE:
        return pre
    start = len(pre) - MAX_PRE
    m = _CUT_AFTER.search(pre, start - 1, len(pre) - 2)
    if m:
        return pre[m.end():]
    return pre if len(pre) <= MAX_WHOLE else pre[start:]


# The noun after a classifier runs to the next list mark or number, but an age stays in it
# (50万名3岁以下婴幼儿).
_NOUN = re.compile(r"(?:“[^”、，。；]{0,20}”|[^、，。；\d…]|\d+周?岁(?:及以上|以上|以下)?)*")


def _post_noun(clause: str, end: int) -> str:
    """The noun a count is of: the text after the classifier up to the next list mark, or up to
    a 的 that closes it (年产100万台整机的基地) — but not the 的 of a threshold inside the noun
    (1个100亿元以上的头部企业)."""
    rest = clause[end:]
    m = _NOUN.match(rest)
    noun = m.group(0) if m else ""
    if m and m.end() < len(rest) and rest[m.end()].isdigit() and re.search(r"(?:以上|以下|以内)的", rest):
        noun = re.match(r"[^、，。；]*", rest).group(0)  # type: ignore[union-attr]
    elif m and rest[m.end() : m.end() + 1] == "、" and not re.search(r"\d", rest[m.end():]):
        # 180个都市型、楼宇型体育场地: the list after the count is one noun when no count follows
        noun = re.match(r"[^，。；…]*", rest).group(0)  # type: ignore[union-attr]
    for dm in re.finditer("的", noun):
        if noun[: dm.start()].count("“") > noun[: dm.start()].count("”"):
            continue  # 区级“家门口的好去处”: a 的 inside a quoted name is the name's
        if not re.search(r"(?:以上|以下|以内|及以上)$", noun[: dm.start()]):
            noun = noun[: dm.start()]
            break
    if rest[len(noun) : len(noun) + 1].isdigit() and _BARE_VERB.fullmatch(noun[-2:]) and len(noun) > 2:
        # 6万名中小学生开展1次测评: a bare verb before the next number opens that one's clause.
        noun = noun[:-2]
    # 40个绿美点和6条绿美带: the 和 joins the next count, it is not part of this noun.
    return re.sub(r"(?:以及|和|与|及|或)$", "", noun[:24])


# What a 分别 list's subjects measure, printed once after the last (交通、水利投资分别…).
_MEASURE_HEAD = re.compile(r"(?:投资|收入|支出|余额|总额|产值|增加值|产量|零售额|销售额|人数|数量|面积|规模|比重|占比)$")


def _share_head(subjects: list[str]) -> list[str]:
    """``交通、水利投资分别达到845亿元、486.3亿元``: 交通投资 and 水利投资, not 交通."""
    head = _MEASURE_HEAD.search(subjects[-1]) if len(subjects) >= 2 and subjects[-1] != subjects[0] else None
    if not head:
        return subjects
    # Only a bare short subject (交通, 一产) is a qualifier of the head; a longer one names its own thing.
    return [x + head.group(0) if len(x) <= 4 and not re.search(r"[数值额量率比]$", x) and not _MEASURE_HEAD.search(x)
            else x for x in subjects[:-1]] + subjects[-1:]


# 一二三产增加值 / 一二三次产业增加值: the parts of the economy run together, one value each.
_ORDINAL_RUN = re.compile(r"(?<![一二三四五六七八九十])([一二三]{2,3})(产业|产|次产业)")


def _ordinal_subjects(subject: str, n: int) -> list[str] | None:
    """``一二三产增加值分别增长3.5%、6%、5%``: 一产增加值, 二产增加值, 三产增加值."""
    m = _ORDINAL_RUN.search(subject)
    if not m or len(m.group(1)) != n:
        return None
    return [subject[: m.start()] + d + m.group(2) + subject[m.end():] for d in m.group(1)]


def _noun_tail(part: str) -> str:
    m = re.search(r"(?:以上|以下)([\u4e00-\u9fff]+)$", part)
    return m.group(1) if m else ""


def _clean_indicator(s: str, tail: bool = True) -> str:
    s = _FROM.sub("", s).strip(" 　、，")
    s = re.sub(r"^[-*+·•]\s*", "", s)  # a list item's mark
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_TRIM.sub("", s)
        if tail:
            s = _TAIL_TRIM.sub("", s)
        s = s.strip(" 　、，：:")  # …and a named value's colon (研发投入强度：达到3.2%)
    # Quotations one after another (…服务能力”“新开工改造…): the quantity's is the last one opened.
    if (k := s.rfind("”“")) >= 0 and "”" not in s[k + 2 :]:
        s = s[k + 2 :]
    # Unbalanced quotes or brackets left over from the clause cut.
    if s and s[0] in _CLOSERS:
        s = s[1:]
    if s and s[-1] in _OPENERS:
        s = s[:-1]
    if s and s[0] in _OPENERS and not any(c in s for c in _CLOSERS):
        s = s[1:]  # ‘国内生产总值增长6.5%左右’: the quote opened before the name closes after the value
    return s
