"""Highlight blocks: a paragraph that opens with a short label and a colon (``经验做法：…``) or in
brackets (``【经验做法】…``),
plus the paragraphs that continue it. Labels are found generally — a short label that opens at
least two paragraphs — or named by the user/template."""

from __future__ import annotations

import re
from collections import Counter

_LABEL = re.compile(
    r"^(?:(?P<label>[\u4e00-\u9fffA-Za-z0-9（）()·]{2,10}?)[：:]|【(?P<blabel>[\u4e00-\u9fffA-Za-z0-9·]{2,10})】[：:]?)"
    r"(?P<rest>.+)$"
)
# Words that open a paragraph with a colon but are speech, not a label.
_NOT_LABELS = re.compile(r"^(?:各位|同志们|女士们|先生们|朋友们|大家|我们|其中|一是|二是|三是|具体|例如|比如|总之|注|附)")
# A paragraph that goes on narrating a highlight: it opens with a date or a narrative link.
NARRATIVE_START = re.compile(
    r"^(?:(?:19|20)\d{2}年|\d{1,2}月\d{1,2}日|(?:同年|次年|当年|此后|此外|另外|同时|与此同时|随后|其后|目前|截至|近年来|近日|该)"
    r"(?![\u4e00-\u9fff]{0,2}[：:]))"
)


def split_label(text: str) -> tuple[str, str] | None:
    m = _LABEL.match(text)
    if not m:
        return None
    label = m.group("label") or m.group("blabel")
    if _NOT_LABELS.match(label):
        return None
    rest = m.group("rest")
    half = len(label) // 2
    if len(label) % 2 == 0 and half >= 2 and label[:half] == label[half:]:
        # 高新实践高新实践：： the label was set in fake bold; the text after it was not.
        label = label[:half]
        rest = rest[1:] if rest[:1] in "：:" else rest
    return label, rest


def find_labels(paragraphs: list[str], named: tuple[str, ...] = ()) -> set[str]:
    """Labels that open at least two paragraphs, plus those the user named that occur at all."""
    counts: Counter[str] = Counter()
    for p in paragraphs:
        sl = split_label(p)
        if sl:
            counts[sl[0]] += 1
    found = {lb for lb, n in counts.items() if n >= 2}
    for p in paragraphs:
        for lb in named:
            if p.startswith(lb) and p[len(lb) : len(lb) + 1] in ("：", ":"):
                found.add(lb)
    return found
