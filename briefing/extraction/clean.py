"""Line-level repairs before paragraphs are rebuilt: invisible characters, runs doubled by a PDF's
fake bold, and spaces next to CJK characters."""

from __future__ import annotations

import re
from functools import cache

from .chars import CJK_OR_PUNCT, HAN, SPACES, ZERO_WIDTH

_ZW = re.compile(f"[{ZERO_WIDTH}]")
_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SP = f"[{SPACES}]+"
# A space run touching a CJK character or full-width punctuation on either side goes.
_SPACE_NEXT_TO_CJK = re.compile(f"(?<=[{CJK_OR_PUNCT}]){_SP}|{_SP}(?=[{CJK_OR_PUNCT}])")
_MULTI_SPACE = re.compile(r"[ \t\u00a0]{2,}")
_RANGES = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))  # radicals, compatibility ideographs
_RADICAL_OR_COMPAT = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _RANGES) + "]")


# Emoji: the pictographs of the supplementary planes with their selectors, skin tones, keycaps and
# flag tags. A web page or a post sets them after titles and sentences (👋 📈 🌳🌬️); no print face
# has them (they printed as empty boxes) and a 简报 has none. The symbols of the basic plane stay:
# ★ ☆ ■ ▲ mark lists and labels.
_EMOJI = re.compile("[\U0001f000-\U0001faff\ufe0f\u20e3\U000e0020-\U000e007f]")


def normalise(text: str) -> str:
    """Drop zero-width and control characters (keeping newlines) and emoji; give radicals and
    compatibility ideographs that stand for an ordinary ideograph that ideograph."""
    text = _EMOJI.sub("", _CTRL.sub("", _ZW.sub("", text)))
    return text.translate(_ideographs()) if _RADICAL_OR_COMPAT.search(text) else text


@cache
def _ideographs() -> dict[int, str]:
    """Text copied out of a PDF often has a Kangxi radical (⽇ U+2F47) or a compatibility
    ideograph (U+F900…) where the page shows an ordinary ideograph (日): the font drew one glyph
    for both. They read and sort as other characters and most Chinese fonts lack them, so they
    are mapped to what Unicode says they are (their NFKC form), where that is one ideograph."""
    import unicodedata

    han = re.compile(f"[{HAN}]")
    out: dict[int, str] = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi + 1):
            n = unicodedata.normalize("NFKC", chr(cp))
            if len(n) == 1 and n != chr(cp) and han.match(n):
                out[cp] = n
    return out


# 托位1. 6万个: a web page's stray space inside a decimal (a list number stands at a line's start).
_SPLIT_DECIMAL = re.compile(r"([\u4e00-\u9fff]\d+)\. +(\d)")


# A credit that ends its line with names set apart by spaces (记者 王五 李四, 作者:郭某 张某): the
# spaces are the only thing between the names, so they become 、 before spaces next to CJK go.
_NAME = r"(?!通讯员|通訊員|记者|記者|摄影|攝影|报道|報道)[\u4e00-\u9fff·]{2,4}"
_CREDIT_NAMES = re.compile(f"((?:(?<![\u4e00-\u9fff])|(?<=[报報社网網台闻聞体體]))(?:记者|記者|通讯员|通訊員|作者[：:])[{SPACES}]*)"
                           f"((?:{_NAME}[{SPACES}]+)+{_NAME})([{SPACES}]*[）)]?)[{SPACES}]*$")
_SPACE_RUN = re.compile(f"[{SPACES}]+")


def squeeze_spaces(s: str) -> str:
    """Remove spaces next to CJK characters and inside a decimal; keep one space between Latin words."""
    s = _CREDIT_NAMES.sub(lambda m: m.group(1) + _SPACE_RUN.sub("、", m.group(2)) + m.group(3), s)
    s = _SPLIT_DECIMAL.sub(r"\1.\2", s)
    s = _SPACE_NEXT_TO_CJK.sub("", s)
    return _MULTI_SPACE.sub(" ", s).strip(SPACES)


def undouble(line: str) -> str | None:
    """``““两会两会””盘点盘点`` → ``“两会”盘点`` when the whole line is a chain of doubled runs
    (what a PDF's fake bold leaves behind); None when it is not.

    A lone doubled word (看看, 研究研究) is genuine reduplication and stays: the line must be at
    least two doubled runs, or one run of three or more characters.
    """
    s = line.strip(SPACES)
    if len(s) < 4 or len(s) > 120:
        return None
    runs = _split_doubled(s)
    if runs is not None:
        if len(runs) < 2 and len(runs[0]) < 3:
            return None
        return "".join(runs)
    # 关键词关键词 数字经济数字经济: each word between the spaces doubled on its own.
    words = s.split()
    if len(words) < 2:
        return None
    halves = ["".join(h) if (h := _split_doubled(w)) is not None else "" for w in words]
    if any(len(h) < 2 for h in halves):  # 看看 说说: reduplicated words, not fake bold
        return None
    return " ".join(halves)


def _split_doubled(s: str) -> tuple[str, ...] | None:
    if s[0] not in s[1 : len(s) // 2 + 1]:
        return None  # the first run is never repeated (most lines: no cached search set up for them)

    @cache
    def at(i: int) -> tuple[str, ...] | None:
        if i == len(s):
            return ()
        for k in range(1, (len(s) - i) // 2 + 1):
            if s[i : i + k] == s[i + k : i + 2 * k]:
                rest = at(i + 2 * k)
                if rest is not None:
                    return (s[i : i + k], *rest)
        return None

    return at(0)


# Markdown an answer or a notes page is written in: a heading's marks (### 一、…), a bold lead term
# of a line or a list item (- **名称**:值), and a bold mark the page left open (**高质量发展).
# Only at the start of a line and closed before a colon or the line's end: ** also masks names
# (**市**区), which stays as printed.
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?=\S)")
_MD_BOLD_LEAD = re.compile(r"^(\s*(?:[-*+]\s+|\d{1,2}[.．、]\s*)?)\*\*([^*\s][^*]{0,29}?)\*\*(?=[：:\s]|$)")
_MD_OPEN_BOLD = re.compile(r"^(\s*)\*\*(?=[^*\s])(?=[^*]+$)")
# A whole line in emphasis (*某某*): a subheading as a page's Markdown gives it.
_MD_EMPHASIS_LINE = re.compile(r"^\s*\*([^*\s][^*]{0,40}[^*\s])\*\s*$")


# A Markdown picture (![alt](address)), maybe in a table's cell: its alt text, if any, is the text.
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_TABLE_RULE = re.compile(r"^[|\s]*$")


def unmark(line: str) -> str:
    """A line without its Markdown heading and bold-lead marks and pictures (see above); other lines
    as they are."""
    if "![" in line:
        line = _MD_IMAGE.sub(r"\1", line)
        if _TABLE_RULE.match(line):
            return ""
    if "#" not in line and "*" not in line:
        return line
    if em := _MD_EMPHASIS_LINE.match(line):
        return em.group(1)
    line = _MD_HEADING.sub("", line, count=1)
    line = _MD_BOLD_LEAD.sub(r"\1\2", line, count=1)
    return _MD_OPEN_BOLD.sub(r"\1", line, count=1)
