"""The DOCX style sheet made from a template: docDefaults and paragraph styles with all four font
slots set, Chinese language, exact line pitch; plus the theme font scheme, the font table and the
settings part. Styles carry the formatting so an office can restyle the briefing in Word."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..template import Role, Template
from ..textutil import xml_attr
from .docx_xml import (
    NS_DECL,
    XML_HEAD,
    first_line_indent,
    half_points,
    pt_to_twips,
    rfonts,
    role_rpr_parts,
    rpr,
    spacing,
)

LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'


@dataclass(frozen=True)
class StyleDef:
    """One paragraph style: our id, the name Word knows it by, the role that gives its fonts."""

    id: str
    name: str
    role: str
    based_on: str = "Normal"
    next: str = ""
    outline: int | None = None
    indent: bool = False  # 2-character first-line indent (template body.first_line_indent_chars)
    align: str = "both"
    keep_next: bool = False
    before: float = 0  # in lines of the role's leading
    after: float = 0
    color: str = ""
    builtin: bool = False  # a Word built-in (name in lower case for headings), shown in the gallery


def grid(t: Template) -> bool:
    """A 公文 page set on a character grid (chars_per_line > 0): no space between paragraphs, so
    every line sits on the 22-line grid, and headings indented like the body text."""
    return t.body.chars_per_line > 0


def condense_twips(t: Template) -> int:
    """Character spacing (negative twips) that fits chars_per_line body characters on a line:
    GB/T 9704's 28 characters of 16 pt need 448 pt, its type area is 442.2 pt wide."""
    if not grid(t):
        return 0
    body = t.role("body")
    p = t.page
    width_pt = (p.width_mm - p.margin_left_mm - p.margin_right_mm) * 72 / 25.4
    return min(0, math.floor((width_pt / t.body.chars_per_line - body.size) * 20))


def style_defs(t: Template) -> list[StyleDef]:
    g = grid(t)
    gap = 0.0 if g else 0.6
    red = t.masthead.color
    # as the PDF sets them: paragraphs a fifth of a line apart, headings 2 pt above their text
    # (none of it on the GB/T 9704 grid)
    body = t.role("body").leading
    para_gap = 0.0 if g else 0.2 * body

    def after(role: str, pt: float) -> float:
        return pt / t.role(role).leading
    return [
        StyleDef("Normal", "Normal", "body", based_on="", builtin=True),
        StyleDef("Masthead", "Masthead", "masthead", align="center", keep_next=True, color=red),
        StyleDef("MastheadMeta", "Masthead Meta", "masthead_meta", align="left", keep_next=True),
        StyleDef("Kicker", "Kicker", "kicker", align="center", keep_next=True),
        StyleDef("Title", "Title", "title", next="Subtitle", align="center", keep_next=True, builtin=True),
        StyleDef("Subtitle", "Subtitle", "subtitle", align="center", keep_next=True, builtin=True),
        StyleDef("Byline", "Byline", "byline", align="center", keep_next=True),
        StyleDef("Lead", "Lead", "lead", indent=True, after=after("lead", para_gap)),
        StyleDef("BodyText", "Body Text", "body", indent=True, builtin=True, after=after("body", para_gap)),
        StyleDef("Heading1", "heading 1", "heading", next="BodyText", outline=0, indent=g, align="left",
                 keep_next=True, before=gap * body / t.role("heading").leading, after=after("heading", 0 if g else 2),
                 builtin=True),
        StyleDef("Heading2", "heading 2", "subheading", next="BodyText", outline=1, indent=g, align="left",
                 keep_next=True, before=gap / 2 * body / t.role("subheading").leading,
                 after=after("subheading", 0 if g else 2), builtin=True),
        StyleDef("Heading3", "heading 3", "body", next="BodyText", outline=2, indent=True, align="left",
                 keep_next=True, builtin=True),
        StyleDef("Heading4", "heading 4", "body", next="BodyText", outline=3, indent=True, align="left",
                 keep_next=True, builtin=True),
        # no keepNext inside table cells: LibreOffice then refuses to split the row across pages
        # a little space above the label's tag: its shading (taller than an exact line) never
        # reaches the box's top border
        StyleDef("HighlightLabel", "Highlight Label", "label", align="left", before=0.15),
        StyleDef("Highlight", "Highlight", "highlight", indent=True),
        StyleDef("AppendixTitle", "Appendix Title", "heading", next="BodyText", outline=0, align="left",
                 keep_next=True, after=0 if g else 0.3),
        StyleDef("TableHeader", "Table Header", "table_header", align="center"),
        StyleDef("TableText", "Table Text", "table", align="left"),
        StyleDef("Distribution", "Distribution", "tail", align="left"),
        StyleDef("Header", "header", "masthead_meta", align="right", builtin=True),
        StyleDef("Footer", "footer", "page_number", align="center", builtin=True),
    ]


def _style_xml(s: StyleDef, t: Template, ids: dict[str, str]) -> str:
    role = t.role(s.role)
    ppr: list[str] = []
    if s.keep_next:
        ppr += ["<w:keepNext/>", "<w:keepLines/>"]
    ppr.append(spacing(role.leading, s.before * role.leading, s.after * role.leading))
    if s.id != "Normal":
        ppr.append(first_line_indent(t.body.first_line_indent_chars if s.indent else 0, role.size))
    align = "both" if s.align == "both" and t.body.justify else ("left" if s.align == "both" else s.align)
    ppr.append(f'<w:jc w:val="{align}"/>')
    if s.outline is not None:
        ppr.append(f'<w:outlineLvl w:val="{s.outline}"/>')
    extra = {"lang": LANG} if s.id == "Normal" else {}
    if s.id == "Normal" and (cs := condense_twips(t)):
        extra["spacing"] = f'<w:spacing w:val="{cs}"/>'
    run = rpr(**role_rpr_parts(role, color=s.color), **extra)
    head = f'<w:name w:val="{xml_attr(s.name)}"/>'
    if s.based_on:
        head += f'<w:basedOn w:val="{ids[s.based_on]}"/>'
    if s.next:
        head += f'<w:next w:val="{ids[s.next]}"/>'
    head += "<w:qFormat/>"
    default = ' w:default="1"' if s.id == "Normal" else ""
    return (f'<w:style w:type="paragraph"{default} w:styleId="{ids[s.id]}">{head}'
            f'<w:pPr>{"".join(ppr)}</w:pPr>{run}</w:style>')


def doc_defaults(t: Template) -> str:
    body = t.role("body")
    run = rpr(rFonts=rfonts(body), sz=f'<w:sz w:val="{half_points(body.size)}"/>',
              szCs=f'<w:szCs w:val="{half_points(body.size)}"/>', lang=LANG)
    # widowControl off and justified, as Chinese Word does; no automatic space between Chinese and
    # Latin or digits (Word's default adds it), so lines hold what the PDF's lines hold.
    # overflowPunct is Word's default, but LibreOffice 7.4 needs it said: without it a 。 that
    # ends a full justified line is not painted at all (it moves the last character down with it)
    return (f"<w:docDefaults><w:rPrDefault>{run}</w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:widowControl w:val="0"/><w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/>'
            '<w:autoSpaceDN w:val="0"/>'
            '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>')


_BASE_STYLES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
    "</w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
)


def styles_xml(t: Template, ids: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """The whole styles part, and our style ids (identity here; a reference.docx may rename)."""
    defs = style_defs(t)
    ids = ids or {s.id: s.id for s in defs}
    body = "".join(_style_xml(s, t, ids) for s in defs)
    xml = f"{XML_HEAD}<w:styles {NS_DECL}>{doc_defaults(t)}{body}{_BASE_STYLES}</w:styles>"
    return xml, ids


def style_elements(t: Template, ids: dict[str, str], only: set[str]) -> list[str]:
    """The XML of some of our styles (by our id), for merging into a reference.docx."""
    return [_style_xml(s, t, ids) for s in style_defs(t) if s.id in only]


# -- fonts ---------------------------------------------------------------------------------------

def _font_entries(t: Template) -> dict[str, tuple[str, str]]:
    """Font name → (altName, family): each role's CJK face with the rest of its fallback chain, in
    order and comma-separated as ECMA-376 (17.8.3.1) has it (方正小标宋简体 → 华文中宋,Noto Serif SC
    Bold), so Word and WPS substitute within the chain, down to the bundled face that keeps the
    role's weight; the family (serif ``roman`` or sans ``swiss``) is the bundled face's, the last
    of the chain. Then the Latin faces."""
    out: dict[str, tuple[str, str]] = {}
    for role in t.roles.values():
        alt = ",".join(dict.fromkeys(f for f in role.fonts[1:] if f != role.fonts[0]))
        family = "swiss" if any(k in role.fonts[-1] for k in ("Sans", "黑", "Hei")) else "roman"
        out.setdefault(role.fonts[0], (alt, family))
        out.setdefault(role.latin, ("", "swiss" if role.latin in ("Arial", "Helvetica") else "roman"))
    return out


def font_table_entries(t: Template) -> list[str]:
    entries = []
    for name, (alt, family) in _font_entries(t).items():
        cjk = any(ord(c) > 0x2E7F for c in name + alt)
        alt_xml = f'<w:altName w:val="{xml_attr(alt)}"/>' if alt else ""
        charset = "86" if cjk else "00"
        entries.append(f'<w:font w:name="{xml_attr(name)}">{alt_xml}<w:charset w:val="{charset}"/>'
                       f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>')
    return entries


def font_table_xml(t: Template) -> str:
    return f"{XML_HEAD}<w:fonts {NS_DECL}>{''.join(font_table_entries(t))}</w:fonts>"


def font_scheme(t: Template) -> str:
    """The theme's fonts: headings (major) and body (minor) in the template's faces, Simplified
    Chinese for the Hans script; no Calibri, 等线 or ＭＳ 明朝 for WPS to ask about."""

    def face(tag: str, role: Role) -> str:
        ea = xml_attr(role.fonts[0])
        return (f'<a:{tag}><a:latin typeface="{xml_attr(role.latin)}"/><a:ea typeface="{ea}"/>'
                f'<a:cs typeface="{xml_attr(role.latin)}"/><a:font script="Hans" typeface="{ea}"/>'
                f"</a:{tag}>")

    return (f'<a:fontScheme name="Briefing">{face("majorFont", t.role("heading"))}'
            f'{face("minorFont", t.role("body"))}</a:fontScheme>')


_CLR = (("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
        ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
        ("dk2", '<a:srgbClr val="1F2A44"/>'), ("lt2", '<a:srgbClr val="E7E6E6"/>'),
        ("accent1", '<a:srgbClr val="{accent}"/>'), ("accent2", '<a:srgbClr val="C00000"/>'),
        ("accent3", '<a:srgbClr val="7F7F7F"/>'), ("accent4", '<a:srgbClr val="BF9000"/>'),
        ("accent5", '<a:srgbClr val="2E75B6"/>'), ("accent6", '<a:srgbClr val="548235"/>'),
        ("hlink", '<a:srgbClr val="0563C1"/>'), ("folHlink", '<a:srgbClr val="954F72"/>'))

_FMT = (
    '<a:fmtScheme name="Briefing"><a:fillStyleLst>'
    + '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3
    + "</a:fillStyleLst><a:lnStyleLst>"
    + "".join(f'<a:ln w="{w}"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
              for w in (6350, 12700, 19050))
    + "</a:lnStyleLst><a:effectStyleLst>"
    + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    + "</a:effectStyleLst><a:bgFillStyleLst>"
    + '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' * 3
    + "</a:bgFillStyleLst></a:fmtScheme>"
)


def theme_xml(t: Template) -> str:
    accent = t.colors.accent.lstrip("#").upper()
    clr = "".join(f"<a:{k}>{v.format(accent=accent)}</a:{k}>" for k, v in _CLR)
    return (f'{XML_HEAD}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            f'name="Briefing"><a:themeElements><a:clrScheme name="Briefing">{clr}</a:clrScheme>'
            f"{font_scheme(t)}{_FMT}</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>")


def settings_xml(t: Template, even_and_odd: bool) -> str:
    body = t.role("body")
    return (
        f"{XML_HEAD}<w:settings {NS_DECL}>"
        '<w:zoom w:percent="100"/>'
        f'<w:defaultTabStop w:val="{pt_to_twips(2 * body.size)}"/>'
        + ("<w:evenAndOddHeaders/>" if even_and_odd else "")
        # 标点压缩: Word's default template leaves it at doNotCompress
        + '<w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" '
        'w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" '
        'w:accent6="accent6" w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )
