"""Fonts for the PDF: each template role is a fallback list of family names; the first one
installed on the machine wins, the bundled faces (``fonts/``) come last."""

from __future__ import annotations

from pathlib import Path

from .errors import FontError
from .resources import fonts_dir

BUNDLED = {
    "Noto Serif SC": "NotoSerifSC-Regular.ttf",
    "Noto Serif SC Bold": "NotoSerifSC-Bold.ttf",
    "Noto Sans SC": "NotoSansSC-Regular.ttf",
    "Noto Sans SC Bold": "NotoSansSC-Bold.ttf",
    "LXGW WenKai": "LXGWWenKai-Regular.ttf",
}


def bundled_path(family: str) -> Path | None:
    name = BUNDLED.get(family)
    if not name:
        return None
    p = fonts_dir() / name
    return p if p.is_file() else None


def resolve(families: list[str]) -> list[tuple[str, Path]]:
    """The usable font files for a role, in fallback order."""
    out = [(f, p) for f in families if (p := bundled_path(f))]
    if not out:
        for f in BUNDLED:
            p = bundled_path(f)
            if p:
                out.append((f, p))
                break
    if not out:
        raise FontError(f"no usable font among {', '.join(families)}", path=str(fonts_dir()),
                        hint="reinstall briefing or rebuild fonts/ with fonts/build.py")
    return out
