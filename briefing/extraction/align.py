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
    """A stretch of the body to place in a section: report paragraphs or a highlight block."""

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
CUT_CONTINUATION = -0.6
MAX_WORK = 4_000_000  # steps of the exact alignment (about 2 s); longer texts are cut greedily  # a cut before a paragraph that narrates on from a box is unlikely


def align(keywords: list[str], units: list[Unit]) -> list[int]:
    """Start index (into ``units``) of each keyword's section. Needs len(units) >= len(keywords)."""
    k_n, u_n = len(keywords), len(units)
    neg = float("-inf")
    if k_n * u_n * u_n > MAX_WORK:
        # A text far longer than any briefing: cut where the keywords match best, in order.
        return _greedy(keywords, units)
    texts = [" ".join(u.texts) for u in units]
    grams = [bigrams(t) for t in texts]
    covers = [[cover(kw, t, g) for t, g in zip(texts, grams)] for kw in keywords]

    def can_start(b: int) -> bool:
        return units[b].kind in ("p", "c")

    def prior(b: int) -> float:
        if units[b].kind == "c":
            return CUT_CONTINUATION
        return AFTER_HIGHLIGHT if b > 0 and units[b - 1].kind in ("h", "c") else 0.0

    # best[k][i]: best score for sections k.. when section k starts at unit i. The section's own
    # score — its best report-paragraph match plus 0.3 × its best box match (a "c" that opens the
    # section reads as a report paragraph) — grows as j runs on, so it is kept as a running max.
    best = [[neg] * (u_n + 1) for _ in range(k_n + 1)]
    nxt = [[-1] * (u_n + 1) for _ in range(k_n + 1)]
    best[k_n][u_n] = 0.0
    for k in range(k_n - 1, -1, -1):
        row = covers[k]
        for i in range(u_n - 1, -1, -1):
            if k > 0 and not can_start(i):
                continue
            lead = prior(i) if k > 0 else 0.0
            best_p = row[i] if units[i].kind in ("p", "c") else 0.0
            best_h = row[i] if units[i].kind == "h" else 0.0
            for j in range(i + 1, u_n + 1):
                if j > i + 1:
                    kind = units[j - 1].kind
                    if kind == "p":
                        best_p = max(best_p, row[j - 1])
                    else:
                        best_h = max(best_h, row[j - 1])
                if j < u_n and k + 1 < k_n and not can_start(j):
                    continue
                if (j == u_n) != (k + 1 == k_n):
                    continue
                rest = best[k + 1][j]
                if rest == neg:
                    continue
                total = best_p + 0.3 * best_h + lead + rest
                if total > best[k][i]:
                    best[k][i], nxt[k][i] = total, j
    if best[0][0] == neg:
        # No cut fits the constraints: spread evenly.
        return [round(k * u_n / k_n) for k in range(k_n)]
    starts, i = [], 0
    for k in range(k_n):
        starts.append(i)
        i = nxt[k][i]
    return starts


def _greedy(keywords: list[str], units: list[Unit]) -> list[int]:
    """Each keyword's section starts at the report paragraph after the previous start that matches
    it best (ties: the first)."""
    starts: list[int] = []
    lo = 0
    for k, kw in enumerate(keywords):
        hi = len(units) - (len(keywords) - k - 1)
        cands = [i for i in range(lo, hi) if units[i].kind == "p"] or [min(lo, len(units) - 1)]
        pick = cands[0] if k == 0 else max(cands, key=lambda i: (cover(kw, " ".join(units[i].texts)), -i))
        starts.append(pick)
        lo = pick + 1
    return starts
