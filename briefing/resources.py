"""Where the bundled templates and fonts are: inside the installed wheel (``briefing/_data``)
or, in a source checkout, the repository's top-level ``templates/`` and ``fonts/``."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _PKG / "_data" / name
    if installed.is_dir():
        return installed
    return _PKG.parent / name


def templates_dir() -> Path:
    return _find("templates")


def fonts_dir() -> Path:
    return _find("fonts")
