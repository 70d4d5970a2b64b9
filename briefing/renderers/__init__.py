"""Renderers: Summary + Template → bytes. One module per format, each with the same entry point
``render(summary, template, options) -> bytes``. Renderers only read the model; they never
re-parse text."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import UsageError
from ..issue import Issue
from ..model import Summary
from ..template import Template

FORMATS = {"pdf": "briefing.renderers.pdf", "docx": "briefing.renderers.docx"}
ISSUE_FORMATS = {"pdf": "briefing.renderers.pdf_issue", "docx": "briefing.renderers.docx_issue"}


def _ignore(_: str) -> None:
    pass


@dataclass
class RenderOptions:
    """How strict a render is, and where its warnings go."""

    strict: bool = False  # characters that no font covers become an error
    warn: Callable[[str], None] = field(default=_ignore)  # where warnings go (one line each)
    copies: tuple[int, ...] = ()  # PDF: the copy numbers (份号) of the copies to print, in one file
    watermark: str = ""  # PDF: a word set across every page (内部资料)


def render(summary: Summary, template: Template, fmt: str, options: RenderOptions | None = None) -> bytes:
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}", hint=f"choose from {', '.join(FORMATS)}")
    module = importlib.import_module(FORMATS[fmt])
    data: bytes = module.render(summary, template, options or RenderOptions())
    return data


def render_issue(issue: Issue, template: Template, fmt: str, options: RenderOptions | None = None) -> bytes:
    """A combined issue (several summaries) → bytes, by the format's issue renderer."""
    if fmt not in ISSUE_FORMATS:
        raise UsageError(f"unknown output format {fmt!r}", hint=f"choose from {', '.join(ISSUE_FORMATS)}")
    module = importlib.import_module(ISSUE_FORMATS[fmt])
    data: bytes = module.render(issue, template, options or RenderOptions())
    return data
