"""Quantities in running text: a number (Arabic, or Chinese via cn2an) with its unit and the bound
words printed next to it (以上 / 左右 / 不少于 …), and ranges (``4.5%—5%``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Counted things: a classifier before the noun it counts (新建20个服务中心).
COUNT_UNITS = (
    "个百分点 个 家 项 栋 座 所 条 台 辆 套 张 处 间 户次 户 人次 人 名 位 只 头 株 棵 架次 架 艘 列 部 件 批次 批 场次 场 "
    "班次 车次 次 种 篇 门 块 根 "
    "支 队 路段 片 类 款 宗 例 对 组 册 本 份 针 剂 床 盏 期 "
    # the same classifiers in traditional characters (a Hong Kong or Taiwan page, a mirror site)
    "個百分點 個 項 棟 臺 輛 張 處 間 戶次 戶 條 場次 場 種 門 塊 隊 類 對 組 冊 劑 盞 艘 頭"
).split()
# Measures: an amount of something (236.7亿元, 27.8%).
MEASURE_UNITS = (
    "微克/立方米 立方米 平方公里 平方千米 平方米 公里 千米 米 公顷 亩 吨 千克 公斤 千瓦时 千瓦 瓦 兆瓦 吉瓦 度 "
    "标准箱 箱 元 美元 欧元 港元 斤 课时 学时 个月 小时 分钟 倍 % ％ ‰ TEU "
    "方 "  # 10亿方 (of gas, of water): cubic metres as the trade says it
    "亩次 "  # 60万亩次 (of machine work): an area worked so many times
    "Eflops EFLOPS EFlops Pflops PFLOPS PFlops "  # computing power: 190Eflops
    "平方公裏 公裏 噸 畝 公頃 千瓦時 歐元 課時 小時 分鐘"
).split()
MAGNITUDES = ("万亿", "亿", "千万", "百万", "万", "千", "萬億", "億", "千萬", "百萬", "萬")

_BASE = sorted(COUNT_UNITS + MEASURE_UNITS, key=len, reverse=True)
# A classifier that opens a word is not a unit (6部门, 人口, 家庭, 所有); a bare 万 before a noun
# is one (200万中小学生, 1000万以上).
UNIT_RE = (
    "(?:(?:(?:" + "|".join(MAGNITUDES) + ")?(?:" + "|".join(re.escape(u) for u in _BASE) + "))"
    "(?<!人(?=口))(?<!部(?=[门署分委]))(?<!所(?=[有属在得]))(?<!家(?=[庭长属]))(?<!方(?=[面案式向法位针略阵舱]))"
    # a rate per span of time: 1400万吨/年 (a capacity), 5万立方米/日
    "(?:[/／](?:年|日|天|月|小时|秒))?"
    "(?:[（(][套间户个人][）)])?"
    # computing power in P (petaflops) after a magnitude only: 4万P, 2.2万P
    "|(?:万|亿)P(?![A-Za-z])|万亿|亿|万|萬億|億|萬)"
)
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千]{2,}|[二两三四五六七八九]|十"
NUMBER = rf"(?:{ARABIC}|百分之[零〇一二两三四五六七八九十百点]+|{CHINESE})"
RANGE_SEP = r"(?:—|－|-|–|~|～|至|到)"

BEFORE_BOUNDS = ("不少于", "不低于", "不超过", "不高于", "力争", "突破", "超过", "超", "约", "近",
                 "不少於", "不低於", "不超過", "不高於", "力爭", "超過", "約")
AFTER_BOUNDS = ("及以上", "及以下", "以上", "左右", "以内", "以下", "上下", "内", "以內", "內")

QUANTITY = re.compile(
    rf"(?P<pre>{'|'.join(BEFORE_BOUNDS)})?"
    rf"(?P<num>{NUMBER})(?:(?P<mag>万|亿|萬|億)?(?P<more>余|多|餘))?(?P<u1>{UNIT_RE})?"
    rf"(?:{RANGE_SEP}(?P<num2>{ARABIC})(?P<u2>{UNIT_RE})?)?"
    rf"(?P<post>{'|'.join(AFTER_BOUNDS)})?"
)


@dataclass
class Quantity:
    """A number with its unit and bound words, as found in a sentence."""

    start: int  # where the number (or its leading bound word) starts
    num_start: int
    end: int  # after the unit and a trailing bound word
    value: float | int
    value_max: float | int | None
    unit: str
    before: str  # 不少于 …
    after: str  # 以上 …
    raw: str

    @property
    def qualifier(self) -> str | None:
        if self.before and self.after:
            return f"{self.before}…{self.after}" if self.before == "力争" else self.after
        return self.before or self.after or None

    @property
    def is_count(self) -> bool:
        base = self.unit.lstrip("万亿千百萬億")
        return base in COUNT_UNITS and base not in ("个百分点", "個百分點") or self.unit in ("万", "亿", "萬", "億")  # 200万中小学生


def parse_number(s: str) -> float | int | None:
    s = s.replace(",", "")
    if re.fullmatch(ARABIC.replace(r"(?:,\d{3})*", ""), s):
        v = float(s)
        return int(v) if v.is_integer() and "." not in s else v
    try:
        import cn2an  # costs ~0.2 s to import: only for Chinese numerals

        if s.startswith("百分之"):
            v = float(cn2an.cn2an(s[3:], "smart"))
        else:
            v = float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError):
        return None
    return int(v) if v.is_integer() else v


def normalise_unit(u: str) -> str:
    return u.replace("％", "%")


def find_quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        num = m.group("num")
        u1, u2 = m.group("u1"), m.group("u2")
        if m.group("mag"):
            # 6万余名: the magnitude belongs to the unit, 余/多 is the bound (more than), as in 1900多个
            u1 = m.group("mag") + (u1 or "")
        unit = u1 or u2
        if num.startswith("百分之"):
            unit = "%"
        if not unit:
            continue
        if m.group("num2") and not u1 and not u2:
            continue
        if re.search("[一二两三四五六七八九]{2}", num):
            continue  # 一二三次产业: a list of ordinals, not a number
        # A Chinese numeral needs a unit of magnitude or several digits to be taken as a number.
        if re.fullmatch(CHINESE, num) and len(num) < 2 and not unit.startswith(("万", "亿")):
            continue
        if re.fullmatch(CHINESE, num) and unit in ("万", "亿", "萬", "億"):
            continue  # 十万山: a Chinese numeral with a bare magnitude names a place; amounts have a unit
        value = parse_number(num)
        if value is None:
            continue
        vmax = parse_number(m.group("num2")) if m.group("num2") else None
        ns = m.start("num")
        out.append(Quantity(
            start=m.start(), num_start=ns, end=m.end(), value=value, value_max=vmax,
            unit=normalise_unit(unit), before=m.group("pre") or "", after=m.group("post") or m.group("more") or "",
            raw=m.group(0),
        ))
    return out
