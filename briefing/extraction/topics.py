"""Sections by topic when a text has neither keyword labels nor numbered headings, named as a
reader would head them; and keywords made with jieba. jieba costs about a second and 200 MB to
load, so it is imported only here and only when needed.

A section's heading is its most telling recurring noun phrase (adjacent words that recur:
老旧小区改造) or word, and the next one that says something else, in their order in the text
(托育服务、健身步道). Words are weighed by TF-IDF, the IDF taken from the word frequencies of jieba's
own dictionary (what jieba.analyse does, without loading its part-of-speech tagger: it costs
0.3 s to load and as much again to tag a long text, and its name tag is unreliable), and by how
much a word belongs to this section rather than to all of them. Word classes that never name a
topic are in :mod:`.topic_words`. A section with nothing to name is merged into its neighbour;
a text of one section gets no heading (``keyword`` empty: the renderers print none)."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from . import topic_words as tw
from .align import Unit, bigrams
from .tense import simplified, tense_of_heading

MAX_SECTIONS = 8
MAX_TEXT = 20_000  # characters sampled for keywords: enough to rank words, cheap on huge input
MAX_BODY = 160_000  # characters of a body read for headings (as much as 8 sampled sections)
MAX_PHRASE = 8  # characters of a noun phrase in a heading
LEAD_SHARE = 0.5  # of the weight of a name the lead uses too: what the whole text is about (its place, its 实事)
_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]+$")


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@dataclass
class _Tok:
    word: str  # in simplified characters
    shown: str  # as printed
    kind: str  # "t" may name a topic, "m" a modifier and "g" a generic word only in a phrase,
    # "s" a noun's last character (充电|桩) only at a phrase's end, "x" never


@dataclass
class _Cand:
    words: tuple[str, ...]
    shown: str
    first: int  # index of its first occurrence
    count: int = 0


Counted = dict[tuple[str, ...], _Cand]  # a stretch's candidates by their words


def _tokens(texts: list[str]) -> list[list[tuple[str, str]]]:
    """jieba's words of each text: (simplified, as printed). A text in traditional characters is
    cut in simplified ones, where jieba's dictionary is, and keeps its own characters. The texts
    are cut in one go, apart at a character no text holds (NUL, which the reader refuses)."""
    whole = _SEP.join(t.replace(_SEP, " ") for t in texts)
    simple = simplified(whole)
    rows: list[list[tuple[str, str]]] = [[]]
    at = 0
    for w in _jieba().lcut(simple):
        if w == _SEP:
            rows.append([])
        else:
            rows[-1].append((w, whole[at : at + len(w)]))
        at += len(w)
    return rows


_SEP = "\x00"


def _classify(units: list[list[tuple[str, str]]]) -> list[list[_Tok]]:
    """Each word's kind, knowing the whole text (an unknown word counts only if it recurs)."""
    freq = _jieba().dt.FREQ
    seen: dict[str, int] = {}
    for toks in units:
        for w, _ in toks:
            seen[w] = seen.get(w, 0) + 1
    own: dict[str, str] = {}
    out = []
    for toks in units:
        row = []
        for i, (w, shown) in enumerate(toks):
            kind = own.get(w)
            if kind is None:
                kind = own[w] = _own_kind(w, freq.get(w, 0), seen[w])
            if kind != "x":
                prev = toks[i - 1][0] if i else ""
                nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
                if tw.after_number(w, prev) or (kind != "s" and tw.titled(w, prev, nxt, freq.get(w, 0))):
                    kind = "x"
            row.append(_Tok(w, shown, kind))
        out.append(row)
    return out


def _own_kind(w: str, freq: int, count: int) -> str:
    """A word's kind whatever its neighbours."""
    if w in tw.NOUN_SUFFIXES:
        return "s"
    if len(w) < 2 or not _WORD.match(w) or tw.never(w) or tw.name_like(w, freq >= 10):
        return "x"
    if not freq and (count < 2 or tw.cut_across(w)):
        return "x"  # an unknown word jieba joined once, or across a boundary
    return "g" if w in tw.GENERIC else "m" if w in tw.MODIFIERS else "t"


@lru_cache(maxsize=1)
def _idf_table() -> tuple[dict[str, int], float]:
    jb = _jieba()
    return jb.dt.FREQ, float(jb.dt.total)


@lru_cache(maxsize=1 << 16)
def _idf(w: str) -> float:
    freq, total = _idf_table()
    f = freq.get(w, 0)
    return math.log(total / f) if f else math.log(total)


def _candidates(toks: list[_Tok]) -> Counted:
    """Count the words that may name a topic and the phrases they make with their neighbours: a
    run of two to four words that opens on a topical word or a modifier, holds a topical word,
    and ends on a topical or a generic one, the only generic one, or on a noun's last character
    after a topical word (公办幼儿园, 老旧小区改造, 充电桩; not 推进老旧小区, 公办, 实事项目人大代表)."""
    into: Counted = {}
    for i, t in enumerate(toks):
        if t.kind not in "tm":
            continue
        if t.kind == "t":
            _add(into, (t.word,), t.shown, i)
        words: tuple[str, ...] = (t.word,)
        shown, topical = t.shown, t.kind == "t"
        last = t.kind
        for nxt in toks[i + 1 : i + 4]:
            if nxt.kind == "x" or (nxt.kind == "s" and last != "t") or len(shown) + len(nxt.shown) > MAX_PHRASE:
                break
            words, shown, last = (*words, nxt.word), shown + nxt.shown, nxt.kind
            topical = topical or nxt.kind == "t"
            if topical and nxt.kind != "m":
                _add(into, words, shown, i)
            if nxt.kind in "gs":
                break  # a generic word or a noun's last character ends a phrase (实事项目|人大代表 are two)
    return into


def _add(into: Counted, words: tuple[str, ...], shown: str, at: int) -> None:
    c = into.get(words)
    if c is None:
        c = into[words] = _Cand(words, shown, at)
    c.count += 1


_SHARE = {"t": 1.0, "m": 0.5}  # of a word's IDF in a phrase's weight: a modifier's half, a generic word's none


def _ranked(cands: Counted, spread: dict[tuple[str, ...], int], n_parts: int, in_lead: Counted,
            kinds: dict[str, str]) -> list[_Cand]:
    """Candidates best first: what recurs before what does not. A phrase counts only when it
    recurs; it weighs its topical words' IDF (a modifier's half), and a little more when it ends
    on what is done or on a noun's last character (老旧小区改造 over 老旧小区 when both recur as
    often); a generic word adds nothing (民生实事 over 民生实事项目). What spreads over all
    sections weighs less than what is this one's own, and what the lead names too (the text's
    place and subject) less again."""
    scored = []
    for key, c in cands.items():
        if len(key) > 1 and c.count < 2:
            continue
        idf = (sum(_idf(w) * _SHARE.get(kinds.get(w, "g"), 0.0) for w in key)
               + (0.5 if key[-1] in tw.ACTIONS or kinds.get(key[-1]) == "s" else 0.0))
        weight = c.count * idf * (1 + math.log(n_parts / spread[key])) * (LEAD_SHARE if key in in_lead else 1.0)
        scored.append((c.count < 2, -weight, len(key), c.first, c))
    scored.sort(key=lambda x: x[:4])
    return [x[-1] for x in scored]


def _overlaps(a: _Cand, b: _Cand) -> bool:
    return bool(set(a.words) & set(b.words)) or a.shown in b.shown or b.shown in a.shown


def _pick(ranked: list[_Cand], k: int) -> list[_Cand]:
    chosen: list[_Cand] = []
    for c in ranked:
        if len(chosen) == k:
            break
        # A name we make must not pass for the author's heading of a review or a plan
        # (民生实事, 工作成效): the figures' tense would follow it.
        if tense_of_heading(c.shown) is None and not any(_overlaps(c, o) for o in chosen):
            chosen.append(c)
    return chosen


def _names(sections: list[Counted], k: int, kinds: dict[str, str], lead: Counted | None = None, *,
           ordered: bool = True) -> list[list[str]]:
    """The k best non-overlapping names of each section (as printed), in their order in it (or
    best first: not ``ordered``). The ``lead`` is not named; what it names too weighs less."""
    parts = [*sections, lead] if lead is not None else sections
    spread: dict[tuple[str, ...], int] = {}
    for cands in parts:
        for key in cands:
            spread[key] = spread.get(key, 0) + 1
    names = []
    for cands in sections:
        best = _pick(_ranked(cands, spread, len(parts), lead or {}, kinds), k)
        names.append([c.shown for c in (sorted(best, key=lambda c: c.first) if ordered else best)])
    return names


def _kinds(rows: list[list[_Tok]]) -> dict[str, str]:
    return {t.word: t.kind for row in rows for t in row}


def _sample(text: str) -> str:
    if len(text) <= MAX_TEXT:
        return text
    step = len(text) // 10
    return "".join(text[i : i + MAX_TEXT // 10] for i in range(0, len(text), step))


def keywords(text: str, k: int = 3) -> list[str]:
    """The k most telling words or recurring phrases of ``text``, best first, none in another."""
    toks = _classify(_tokens([_sample(text)]))
    return _names([_candidates(toks[0])], k, _kinds(toks), ordered=False)[0]


def _similarity(a: Unit, b: Unit) -> float:
    A, B = bigrams(" ".join(a.texts)), bigrams(" ".join(b.texts))
    return len(A & B) / max(1, min(len(A), len(B)))


def segment(units: list[Unit], context: list[str] | None = None) -> list[tuple[int, int, str]]:
    """Cut units into topic sections where neighbouring paragraphs share least; a cut falls only
    before a report paragraph. Each section is headed by its two best names joined by 、; one
    without two (a line or two of a list) joins the next (the last, the one before); a lone
    section has no heading.
    ``context``: the lead's paragraphs (what the whole text is about, so no section's own topic)."""
    n = max(1, min(MAX_SECTIONS, round(len(units) / 3)))
    cands = [i for i in range(1, len(units)) if units[i].kind == "p"]
    cands.sort(key=lambda i: _similarity(units[i - 1], units[i]))
    bounds = [0, *sorted(cands[: n - 1]), len(units)]
    if len(bounds) == 2:
        return [(0, len(units), "")]
    cap = max(200, MAX_BODY // len(units))
    rows = _classify(_tokens([*("\n".join(u.texts)[:cap] for u in units), "\n".join(context or ())]))
    kinds, lead = _kinds(rows), _candidates(rows[-1])
    counted: dict[tuple[int, int], Counted] = {}  # a section's candidates, kept over the merges
    while True:
        spans = list(zip(bounds, bounds[1:]))
        for a, b in spans:
            if (a, b) not in counted:
                counted[a, b] = _candidates([t for row in rows[a:b] for t in row])
        names = _names([counted[span] for span in spans], 2, kinds, lead)
        empty = next((i for i, ns in enumerate(names) if len(ns) < 2), None)
        if empty is None:
            break
        del bounds[empty + 1 if empty + 1 < len(bounds) - 1 else empty]
        if len(bounds) == 2:
            return [(0, len(units), "")]
    return [(a, b, "、".join(ns)) for a, b, ns in zip(bounds, bounds[1:], names)]
