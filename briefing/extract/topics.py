"""Sections by topic when a text has neither keyword labels nor numbered headings, and keywords
made with jieba. jieba costs about a second and 200 MB to load, so it is imported only here and
only when needed."""

from __future__ import annotations

import logging
from functools import lru_cache

from .align import Unit, bigrams

MAX_SECTIONS = 8


@lru_cache(maxsize=1)
def _jieba_analyse():  # type: ignore[no-untyped-def]
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    return jieba.analyse


def keywords(text: str, k: int = 3) -> list[str]:
    """The top TF-IDF words of ``text`` (jieba's own IDF table), longest-first ties."""
    tags = _jieba_analyse().extract_tags(text, topK=k * 3)
    out = [t for t in tags if len(t) >= 2 and not t.isdigit()]
    return out[:k]


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
