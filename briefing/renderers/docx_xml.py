"""OOXML building blocks for the DOCX renderer: units, escaping, and ``w:pPr`` / ``w:rPr`` / runs
written as strings with their children in schema order (Word rejects a file whose children are
out of order, LibreOffice does not, so tests would not catch it)."""

from __future__ import annotations

import re

from ..template import Role
from ..textutil import forbidden_xml_chars, xml_attr, xml_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_DECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Characters Unicode calls ambiguous-width: Word sets them in the Latin font unless the run says
# w:hint="eastAsia", so a Chinese quote mark “ would print narrow in Times New Roman (and the
# ▲▼ of the 要点速览 panel in a symbol font).
_AMBIGUOUS = re.compile("[\u2018\u2019\u201c\u201d\u2010-\u2015\u2016\u2025\u2026\u00b7\u2022\u00b0\u00b1"
                        "\u00d7\u00f7\u00a7\u203b\u2116\u2103\u2030\u2032\u2033\u25a0-\u25ff]")

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
)


def mm_to_twips(mm: float) -> int:
    """Millimetres to twips the way Word stores them (via points rounded to 0.1 pt): 28 mm → 1588,
    37 mm → 2098, 210 mm → 11906, matching GB/T 9704 templates made in Word."""
    return round(round(mm * 72 / 25.4, 1) * 20)


def pt_to_twips(pt: float) -> int:
    return round(pt * 20)


def half_points(pt: float) -> int:
    return round(pt * 2)


def hex_color(color: str) -> str:
    return color.lstrip("#").upper()


class Text:
    """Escapes text for the document and counts the characters XML forbids (removed, not fatal)."""

    def __init__(self) -> None:
        self.removed: list[str] = []

    def __call__(self, s: str) -> str:
        bad = forbidden_xml_chars(s)
        if bad:
            self.removed.extend(bad)
        return xml_text(s)

    def attr(self, s: str) -> str:
        bad = forbidden_xml_chars(s)
        if bad:
            self.removed.extend(bad)
        return xml_attr(s)


_PPR_RANK = {k: i for i, k in enumerate(PPR_ORDER)}
_RPR_RANK = {k: i for i, k in enumerate(RPR_ORDER)}


def _ordered(tag: str, parts: dict[str, str], rank: dict[str, int]) -> str:
    try:
        keys = sorted((k for k, v in parts.items() if v), key=rank.__getitem__)
    except KeyError as e:
        raise ValueError(f"unknown {tag} child: {e}") from None
    return f"<w:{tag}>{''.join(parts[k] for k in keys)}</w:{tag}>" if keys else ""


def ppr(**parts: str) -> str:
    """A ``w:pPr`` from child elements keyed by tag name, written in schema order."""
    return _ordered("pPr", parts, _PPR_RANK)


def rpr(**parts: str) -> str:
    return _ordered("rPr", parts, _RPR_RANK)


def rfonts(role: Role, east_asia: str | None = None) -> str:
    """All four font slots: Latin letters and digits in the role's Latin font, Chinese in its
    first (Windows) family; cs gets the Latin font so Word never falls back to a theme font."""
    ea = east_asia or role.fonts[0]
    return (f'<w:rFonts w:ascii="{xml_attr(role.latin)}" w:hAnsi="{xml_attr(role.latin)}" '
            f'w:eastAsia="{xml_attr(ea)}" w:cs="{xml_attr(role.latin)}"/>')


def role_rpr_parts(role: Role, *, color: str = "", bold: bool | None = None) -> dict[str, str]:
    """rPr children for a role: fonts, bold (explicitly off when the role is not bold, so a style
    based on a bold one does not inherit it), colour, size."""
    b = role.bold if bold is None else bold
    parts = {
        "rFonts": rfonts(role),
        "b": "<w:b/>" if b else '<w:b w:val="0"/>',
        "bCs": "<w:bCs/>" if b else '<w:bCs w:val="0"/>',
        "sz": f'<w:sz w:val="{half_points(role.size)}"/>',
        "szCs": f'<w:szCs w:val="{half_points(role.size)}"/>',
    }
    if color:
        parts["color"] = f'<w:color w:val="{hex_color(color)}"/>'
    return parts


def spacing(line_pt: float, before_pt: float = 0, after_pt: float = 0) -> str:
    """An exact line pitch: renders the same in Word, WPS and LibreOffice, unlike grid snapping."""
    return (f'<w:spacing w:before="{pt_to_twips(before_pt)}" w:after="{pt_to_twips(after_pt)}" '
            f'w:line="{pt_to_twips(line_pt)}" w:lineRule="exact"/>')


def first_line_indent(chars: int, size_pt: float) -> str:
    """A first-line indent in characters (firstLineChars, read by Word and WPS) with the same
    distance in twips for clients that ignore the character unit."""
    if chars <= 0:
        return '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
    return f'<w:ind w:firstLineChars="{chars * 100}" w:firstLine="{pt_to_twips(chars * size_pt)}"/>'


def border(side: str, color: str, eighths: int, space: int = 0, val: str = "single") -> str:
    return f'<w:{side} w:val="{val}" w:sz="{eighths}" w:space="{space}" w:color="{hex_color(color)}"/>'


def shading(fill: str) -> str:
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{hex_color(fill)}"/>'


def run(text: str, esc: Text, rpr_parts: dict[str, str] | None = None) -> str:
    """One run; tabs become ``w:tab`` and line breaks ``w:br``. Text with ambiguous-width punctuation gets
    ``w:hint="eastAsia"`` so the quotes, dashes and ellipses print in the Chinese face."""
    parts = dict(rpr_parts or {})
    if _AMBIGUOUS.search(text):
        fonts = parts.get("rFonts", "")
        parts["rFonts"] = (fonts.replace("<w:rFonts ", '<w:rFonts w:hint="eastAsia" ', 1) if fonts
                           else '<w:rFonts w:hint="eastAsia"/>')
    inner = "".join(_BREAKS.get(p) or (f'<w:t xml:space="preserve">{esc(p)}</w:t>' if p else "")
                    for p in _SPLIT.split(text))
    return f"<w:r>{rpr(**parts)}{inner}</w:r>"


# Tabs and line breaks are elements in a run; a raw CR in w:t would read back as LF. A hyphen stays
# "-" in w:t, also between two names (中国-北欧): Word's w:noBreakHyphen is no character of the text
# (a reader of the XML, and the DOCX checks, lose the hyphen) and LibreOffice 7.4 breaks after it
# all the same. The PDF keeps such a hyphen off a line's end.
_SPLIT = re.compile("(\t|\r\n|\r|\n)")
_BREAKS = {"\t": "<w:tab/>", "\r\n": "<w:br/>", "\r": "<w:br/>", "\n": "<w:br/>"}


def field_runs(instr: str, placeholder: str, rpr_parts: dict[str, str] | None = None) -> str:
    """A complex field (``PAGE``, ``NUMPAGES``) with a cached result Word and LibreOffice update."""
    r = rpr(**(rpr_parts or {}))
    return (f'<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{r}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{r}<w:t>{placeholder}</w:t></w:r>'
            f'<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>')


def paragraph(style_id: str, runs: str = "", **ppr_parts: str) -> str:
    pstyle = f'<w:pStyle w:val="{style_id}"/>'
    return f"<w:p>{ppr(pStyle=pstyle, **ppr_parts)}{runs}</w:p>"
