"""Make inputs of the shapes the extractor meets: clean text wrapped into newspaper columns with
random blank lines, ASCII punctuation, other encodings."""

from __future__ import annotations

import random

from briefing import api
from briefing.extraction.chars import width

ASCII_PUNCT = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"})


def wrap_columns(paragraphs: list[str], seed: int, *, standalone: list[str] = ()) -> str:
    """Cut each paragraph into lines of 11-15 em (the first line 2 em shorter: its indent was
    dropped), and put blank lines at random column breaks, mid-sentence included."""
    rng = random.Random(seed)
    col = rng.randint(11, 15)
    lines: list[str] = []
    for p in paragraphs:
        limit = col - 2
        cur = ""
        for ch in p:
            if width(cur + ch) > limit and cur:
                lines.append(cur)
                cur = ""
                limit = col
                if rng.random() < 0.12:
                    lines.append("")  # a column break
            cur += ch
        lines.append(cur)
        if rng.random() < 0.5:
            lines.append("")
    for s in standalone:
        lines += ["", s]
    return "\n".join(lines) + "\n"


def section_keywords(text: str) -> list[str]:
    """The keywords of the sections the extraction makes of ``text``, in order."""
    return [x.keyword for x in api.extract_text(text).sections]
