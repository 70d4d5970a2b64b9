"""Character classes shared by the extraction steps."""

from __future__ import annotations

import re

# CJK ideographs, CJK punctuation, full-width forms, kana: characters that join without spaces.
CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
# Punctuation that is printed full-width in Chinese text even though its code point is not CJK.
WIDE_PUNCT = "“”‘’…—–·•"
CJK_OR_PUNCT = CJK + WIDE_PUNCT
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"

SPACES = " \t\u00a0\u3000\u2002\u2003\u2009\u200a\u202f\u205f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# The marks that open the items of a bulleted list (and its headers, the rarer mark over the commoner).
BULLETS = "■□●○◆◇▲△★☆▶►▷▸•◎※"
BULLET_START = re.compile(f"^[{BULLETS}]")

SENTENCE_END = "。！？!?；;…"
CLOSERS = "”’）)》〉」』】〕］]"
OPENERS = "“‘（(《〈「『【〔［["
# Pictographs (emoji and their variation selector) a page sets after a title or a sentence: 📈 👋 🌳🌬️
EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f"
_TRAILING_EMOJI = re.compile(f"[{EMOJI}{SPACES}]+$")

def width(s: str) -> float:
    """Printed width in em: full-width characters 1, ASCII and half-width 0.5."""
    w = 0.0
    for ch in s:
        if ch in SPACES:
            w += 0.25 if ch == " " else 1
        elif ord(ch) < 0x2000 or "\uff61" <= ch <= "\uffdc":
            w += 0.5
        else:
            w += 1
    return w


def ends_sentence(s: str) -> bool:
    """The text ends a sentence (a stop, maybe closed by quotes or brackets, maybe followed by emoji)."""
    s = _TRAILING_EMOJI.sub("", s).rstrip(SPACES + CLOSERS + "\"'")
    if not s:
        return False
    if s[-1] == "." and len(s) > 1 and not s[-2].isdigit():
        return True  # ASCII full stop after text, not a decimal point
    return s[-1] in SENTENCE_END
