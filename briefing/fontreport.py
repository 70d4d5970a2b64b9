"""``briefing fonts``: which font each role of a template gets on this machine, and which
characters of a text no font has (they would print as empty boxes)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from . import fonts, reader
from .template import ROLES, Template


def report(tpl: Template, textfile: Path | None = None, *, encoding: str | None = None) -> str:
    notes: list[str] = []
    chains = {}
    lines = [f"template {tpl.name or '?'} ({tpl.source})", ""]
    rows: list[tuple[str, ...]] = [("role", "size", "font used", "file", "fallbacks")]
    for role in ROLES:
        r = tpl.role(role)
        chain = fonts.chain(tuple(r.fonts), r.latin, r.bold)
        chains[role] = chain
        notes += [n for n in fonts.chain_notes(chain) if n not in notes]
        first = chain.files[0]
        where = "bundled" if first.bundled else "installed"
        wanted = r.fonts[0]
        used = first.family if first.family.casefold() == wanted.casefold() else f"{first.family} (wanted {wanted})"
        rest = ", ".join(f.family for f in chain.files[1:]) or "-"
        rows.append((role, f"{r.size:g}pt", used + (" bold" if r.bold else ""), f"{first.path.name} ({where})", rest))
    lines += _columns(rows)
    for n in notes:
        lines.append(f"note: {n}")
    if textfile is not None:
        lines.append("")
        lines += _coverage(textfile, encoding, chains)
    return "\n".join(lines) + "\n"


def _coverage(textfile: Path, encoding: str | None, chains: dict[str, fonts.FontChain]) -> list[str]:
    text = _text_of(textfile, encoding)
    chars = sorted({c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")})
    nowhere = [c for c in chars if all(ch.face_for(c) is None for ch in chains.values())]
    out = [f"{textfile}: {len(text)} characters, {len(chars)} distinct"]
    body_missing = [c for c in chars if chains["body"].face_for(c) is None]
    if not nowhere and not body_missing:
        out.append("every character is in a font")
        return out
    if nowhere:
        out.append(f"{len(nowhere)} in no font (printed as empty boxes; --strict fails on them):")
        out += [f"  {c}  U+{ord(c):04X}  {unicodedata.name(c, '?')}  ×{text.count(c)}" for c in nowhere[:100]]
        if len(nowhere) > 100:
            out.append(f"  … {len(nowhere) - 100} more")
    partly = [c for c in body_missing if c not in nowhere]
    if partly:
        shown = " ".join(partly[:40]) + (" …" if len(partly) > 40 else "")
        out.append(f"{len(partly)} missing from the body fonts but found in another role's font: {shown}")
    return out


def _text_of(path: Path, encoding: str | None) -> str:
    if path.suffix.lower() == ".json":
        from .api import load_summary

        s = load_summary(path)
        return "\n".join([s.title, s.kicker, s.subtitle, s.source, s.reporter, *s.all_paragraphs(),
                          *(t.indicator for t in s.targets), *(f.indicator for f in s.figures)])
    from .readers import read_input

    return read_input(reader.read_bytes(path), name=str(path), encoding=encoding).text


def _columns(rows: list[tuple[str, ...]]) -> list[str]:
    from .progress import fit, width

    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(fit(cell, widths[i]) if i < len(row) - 1 else cell for i, cell in enumerate(row)).rstrip()
            for row in rows]
