"""Check that nothing of the input is lost: shared by the extraction tests."""

from __future__ import annotations

from collections import Counter

from briefing.extraction.clean import normalise, unmark
from briefing.extraction.lines import repair_doubled, take_jumps
from briefing.model import Highlight, Summary


def input_stream(text: str) -> str:
    """The input's non-whitespace characters, with doubled headline runs repaired and Markdown's
    heading and bold marks (markup, not content) and jump lines taken off."""
    # (a newspaper's jump lines, 下转第四版, are taken out of the text into the dropped list)
    lines = repair_doubled([take_jumps(unmark(ln))[0] for ln in normalise(text).split("\n")])
    return "".join(ch for ch in "".join(lines) if not ch.isspace())


def _ns(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace())


def body_paragraphs(s: Summary) -> list[str]:
    out = list(s.lead)
    for _, sec in s.all_sections():
        for b in sec.blocks():
            out.extend(b.paragraphs if isinstance(b, Highlight) else [b])
    return out


def assert_nothing_lost(text: str, s: Summary, *, generated_keywords: bool = False) -> None:
    stream = input_stream(text)
    pos = 0
    for p in body_paragraphs(s):
        q = _ns(p)
        at = stream.find(q, pos)
        assert at >= 0, f"paragraph not in the input in reading order: {p[:40]!r}"
        pos = at + len(q)
    pieces = [s.title, s.kicker, s.subtitle, s.source, s.reporter, s.date, s.speaker, *s.dropped,
              *body_paragraphs(s)]
    for _, sec in s.all_sections():
        if not generated_keywords:
            pieces.append(sec.keyword)
        pieces.extend(h.label for h in sec.highlights)
    have = Counter(_ns("".join(pieces)))
    missing = Counter(stream) - have
    # label punctuation, and the bars between a web page's fields (`时间 | 来源:…`, split apart)
    allowed = Counter({"：": 10**6, ":": 10**6, "【": 10**6, "】": 10**6, "|": 10**6, "｜": 10**6})
    if s.reporter:
        allowed.update({"记": 1, "記": 1, "者": 1, "（": 1, "）": 1, "(": 1, ")": 1})
    # A keyword label's marker (关键词 / 【】) is not content: the keyword itself is kept.
    lines = [_ns(ln) for ln in normalise(text).split("\n")]
    for _, sec in s.all_sections():
        k = _ns(sec.keyword)
        for ln in lines:
            marker = ln[: len(ln) - len(k)] if ln.endswith(k) else ln.replace(k, "", 1) if ln == f"【{k}】" else None
            if k and marker and len(marker) <= 8 and not any(c in marker for c in "，。；、"):
                allowed.update(Counter(marker))
                break
    lost = missing - allowed
    assert not lost, f"characters lost: {''.join(sorted(lost.elements()))[:80]!r}"
