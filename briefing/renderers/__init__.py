"""Renderers: Summary + Template → bytes. One module per format, each with the same entry point
``render(summary, template, options) -> bytes``. Renderers only read the model; they never
re-parse text."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import UsageError
from ..model import Summary
from ..template import Template

FORMATS = {"pdf": "briefing.renderers.pdf", "docx": "briefing.renderers.docx"}


def _ignore(_: str) -> None:
    pass


@dataclass
class RenderOptions:
    """How strict a render is, and where its warnings go."""

    strict: bool = False  # characters that no font covers become an error
    warn: Callable[[str], None] = field(default=_ignore)  # where warnings go (one line each)


def render(summary: Summary, template: Template, fmt: str, options: RenderOptions | None = None) -> bytes:
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}", hint=f"choose from {', '.join(FORMATS)}")
    module = importlib.import_module(FORMATS[fmt])
    data: bytes = module.render(summary, template, options or RenderOptions())
    return data
