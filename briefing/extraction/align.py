"""Align keyword labels that stand apart from their sections (all at the bottom, or all at the
top) with the body, in order.

The body is cut into as many contiguous sections as there are keywords. A cut may only fall before
a report paragraph (never inside a highlight block). Among the possible cuts we take the one that
best matches each keyword to its section's text (character bigrams; a keyword quoted verbatim
scores highest) and that prefers cuts right after a highlight block, since a practice box
usually closes what its report paragraph opened.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Unit:
    kind: str  # "p" report paragraph, "h" highlight block, "c" likely continuation of a block
    texts: list[str]


def bigrams(s: str) -> set[str]:
    s = "".join(s.split())
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def cover(keyword: str, text: str, text_bigrams: set[str] | None = None) -> float:
    if not keyword:
        return 0.0
    if keyword in text:
        return 1.5
    kb = bigrams(keyword)
    return len(kb & (text_bigrams if text_bigrams is not None else bigrams(text))) / len(kb)


AFTER_HIGHLIGHT = 0.5
CUT_CONTINUATION = -0.6  # a cut before a paragraph that narrates on from a box is unlikely


def align(keywords: list[str], units: list[Unit]) -> list[int]:
    """Start index (into ``units``) of each keyword's section. Needs len(units) >= len(keywords)."""
    k_n, u_n = len(keywords), len(units)
    neg = float("-inf")
    texts = [" ".join(u.texts) for u in units]
    grams = [bigrams(t) for t in texts]
    covers = [[cover(kw, t, g) for t, g in zip(texts, grams)] for kw in keywords]

    def score(k: int, i: int, j: int) -> float:
        # A "c" that opens a section reads as a report paragraph; elsewhere it is part of a box.
        def plain(idx: int) -> bool:
            return units[idx].kind == "p" or (units[idx].kind == "c" and idx == i)

        best_p = max((covers[k][x] for x in range(i, j) if plain(x)), default=0.0)
        best_h = max((covers[k][x] for x in range(i, j) if not plain(x)), default=0.0)
        return best_p + 0.3 * best_h

    def can_start(b: int) -> bool:
        return units[b].kind in ("p", "c")

    def prior(b: int) -> float:
        if units[b].kind == "c":
            return CUT_CONTINUATION
        return AFTER_HIGHLIGHT if b > 0 and units[b - 1].kind in ("h", "c") else 0.0

    # best[k][i]: best score for sections k.. when section k starts at unit i.
    best = [[neg] * (u_n + 1) for _ in range(k_n + 1)]
    nxt = [[-1] * (u_n + 1) for _ in range(k_n + 1)]
    best[k_n][u_n] = 0.0
    for k in range(k_n - 1, -1, -1):
        for i in range(u_n - 1, -1, -1):
            if k > 0 and not can_start(i):
                continue
            for j in range(i + 1, u_n + 1):
                if j < u_n and k + 1 < k_n and not can_start(j):
                    continue
                if (j == u_n) != (k + 1 == k_n):
                    continue
                rest = best[k + 1][j]
                if rest == neg:
                    continue
                s = score(k, i, j) + (prior(i) if k > 0 else 0.0) + rest
                if s > best[k][i]:
                    best[k][i], nxt[k][i] = s, j
    if best[0][0] == neg:
        # No cut fits the constraints: spread evenly.
        return [round(k * u_n / k_n) for k in range(k_n)]
    starts, i = [], 0
    for k in range(k_n):
        starts.append(i)
        i = nxt[k][i]
    return starts
