"""A template's ``reference_docx``: a Word file whose styles the briefing starts from, so an office
can restyle it in Word without code (as pandoc's ``--reference-doc``).

Styles are matched by their name (``heading 1``), not their id: Chinese Word saves Heading 1 with
``w:styleId="1"``. A style the reference defines is used as it is; the styles it lacks are added
from the template. The reference's docDefaults, latent styles, numbering and font table are kept;
its theme keeps its colours but takes the template's Chinese font scheme.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import TemplateError
from ..template import Template
from .docx_styles import font_scheme, font_table_entries, style_defs, style_elements
from .docx_xml import W_NS

_W = f"{{{W_NS}}}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Reference:
    """The parts taken from a user's reference DOCX (styles, theme, fonts, numbering)."""

    styles: str
    ids: dict[str, str]
    theme: str | None
    font_table: str | None
    numbering: str | None


def reference_path(t: Template) -> Path | None:
    if not t.reference_docx:
        return None
    p = Path(t.reference_docx)
    if not p.is_absolute() and t.source:
        p = Path(t.source).parent / p
    if not p.is_file():
        raise TemplateError(f"key reference_docx: no such file {str(p)!r}", path=t.source or None)
    return p


@lru_cache(maxsize=8)
def _read_parts(path: str, mtime: float) -> dict[str, bytes]:
    """The parts of the reference the briefing uses, by role (styles, theme, fontTable, numbering)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as z:
            rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
            out: dict[str, bytes] = {}
            for rel in rels.iter(f"{_REL_NS}Relationship"):
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                if kind in ("styles", "theme", "fontTable", "numbering"):
                    name = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
                    out[kind] = z.read(name)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
        raise TemplateError(f"key reference_docx: not a readable DOCX ({e})", path=path) from None
    if "styles" not in out:
        raise TemplateError("key reference_docx: the document has no styles part", path=path)
    return out


def _text(data: bytes) -> str:
    return data.decode("utf-8")


def merge_styles(t: Template, styles: bytes) -> tuple[str, dict[str, str]]:
    from lxml import etree

    root = etree.fromstring(styles)
    by_name = {}
    taken = set()
    for st in root.iter(f"{_W}style"):
        sid = st.get(f"{_W}styleId", "")
        taken.add(sid)
        name = st.find(f"{_W}name")
        if name is not None and st.get(f"{_W}type") == "paragraph":
            by_name[name.get(f"{_W}val", "").lower()] = sid
    ids: dict[str, str] = {}
    missing: set[str] = set()
    for s in style_defs(t):
        if s.name.lower() in by_name:
            ids[s.id] = by_name[s.name.lower()]
        else:
            ids[s.id] = s.id if s.id not in taken else f"Briefing{s.id}"
            missing.add(s.id)
    for xml in style_elements(t, ids, missing):
        root.append(etree.fromstring(f'<w:wrap xmlns:w="{W_NS}">{xml}</w:wrap>')[0])
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return head + etree.tostring(root, encoding="unicode"), ids


def merge_font_table(t: Template, fonts: bytes) -> str:
    from lxml import etree

    root = etree.fromstring(fonts)
    have = {f.get(f"{_W}name") for f in root.iter(f"{_W}font")}
    for xml in font_table_entries(t):
        el = etree.fromstring(f'<w:wrap xmlns:w="{W_NS}">{xml}</w:wrap>')[0]
        if el.get(f"{_W}name") not in have:
            root.append(el)
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return head + etree.tostring(root, encoding="unicode")


def theme_with_fonts(t: Template, theme: bytes) -> str:
    """The reference theme with the template's font scheme (no Calibri or ＭＳ 明朝 left)."""
    return re.sub(r"<a:fontScheme\b.*?</a:fontScheme>", lambda _: font_scheme(t), _text(theme), count=1,
                  flags=re.S)


def load(t: Template) -> Reference | None:
    path = reference_path(t)
    if path is None:
        return None
    parts = _read_parts(str(path), path.stat().st_mtime)
    styles, ids = merge_styles(t, parts["styles"])
    return Reference(
        styles=styles,
        ids=ids,
        theme=theme_with_fonts(t, parts["theme"]) if "theme" in parts else None,
        font_table=merge_font_table(t, parts["fontTable"]) if "fontTable" in parts else None,
        numbering=_text(parts["numbering"]) if "numbering" in parts else None,
    )
