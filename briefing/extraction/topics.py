"""Sections by topic when a text has neither keyword labels nor numbered headings, and keywords
made with jieba. jieba costs about a second and 200 MB to load, so it is imported only here and
only when needed."""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache

from .align import Unit, bigrams

MAX_SECTIONS = 8


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


MAX_TEXT = 20_000  # characters sampled for keywords: enough to rank words, cheap on huge input
# The verbs and fillers of any Chinese policy text: frequent everywhere, a topic nowhere.
_GENERIC = frozenset(
    "建设 推进 发展 推动 加快 提升 加强 实施 深化 完善 坚持 强化 持续 全面 工作 促进 扩大 优化 支持 落实 培育 打造 "
    "开展 进一步 高质量 实现 提高 增强 健全 构建 着力 积极 深入 不断 切实 统筹 重点 重要 一批 我们 今年 全年 以上 "
    "同时 其中 通过 进行 相关 有关 各类 主要 方面 领域 体系 机制 能力 水平 服务 管理 工程 项目 行动 政策 措施 增长 "
    "本市 全市 全省 全区 全县 我市 我省 我区".split()
)
_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]+$")


def _sample(text: str) -> str:
    if len(text) <= MAX_TEXT:
        return text
    step = len(text) // 10
    return "".join(text[i : i + MAX_TEXT // 10] for i in range(0, len(text), step))


def keywords(text: str, k: int = 3) -> list[str]:
    """The top words of ``text`` by TF-IDF, the IDF taken from the word frequencies of jieba's own
    dictionary (what jieba.analyse does with its idf table, without loading its part-of-speech
    tagger: about 1 s less)."""
    jb = _jieba()
    freq, total = jb.dt.FREQ, jb.dt.total
    counts: dict[str, int] = {}
    for w in jb.lcut(_sample(text)):
        if len(w) >= 2 and _WORD.match(w) and w not in _GENERIC:
            counts[w] = counts.get(w, 0) + 1
    rare = math.log(total)
    scored = sorted(counts, key=lambda w: (-counts[w] * (math.log(total / freq[w]) if freq.get(w) else rare), w))
    return scored[:k]


def _similarity(a: Unit, b: Unit) -> float:
    A, B = bigrams(" ".join(a.texts)), bigrams(" ".join(b.texts))
    return len(A & B) / max(1, min(len(A), len(B)))


def segment(units: list[Unit]) -> list[tuple[int, int, str]]:
    """Cut units into topic sections where neighbouring paragraphs share least; a cut falls only
    before a report paragraph. Each section gets a keyword of its two top words."""
    n = max(1, min(MAX_SECTIONS, round(len(units) / 3)))
    cands = [i for i in range(1, len(units)) if units[i].kind == "p"]
    cands.sort(key=lambda i: _similarity(units[i - 1], units[i]))
    cuts = sorted(cands[: n - 1])
    bounds = [0, *cuts, len(units)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        text = "\n".join(t for u in units[a:b] for t in u.texts)
        out.append((a, b, "、".join(keywords(text, 2)) or "正文"))
    return out
