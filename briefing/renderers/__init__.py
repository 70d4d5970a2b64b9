"""Renderers: Summary + Template → bytes. One module per format, each with the same entry point
``render(summary, template, options) -> bytes``. Renderers only read the model; they never
re-parse text."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Summary
from ..template import Template

if TYPE_CHECKING:  # the issue model is loaded only by a combined build
    from ..issue import Issue

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
    return _render(FORMATS, summary, template, fmt, options)


def render_issue(issue: Issue, template: Template, fmt: str, options: RenderOptions | None = None) -> bytes:
    """A combined issue (several summaries) → bytes, by the format's issue renderer."""
    return _render(ISSUE_FORMATS, issue, template, fmt, options)


def _render(modules: dict[str, str], doc: Summary | Issue, template: Template, fmt: str,
            options: RenderOptions | None) -> bytes:
    if fmt not in modules:
        raise UsageError(f"unknown output format {fmt!r}", hint=f"choose from {', '.join(modules)}")
    data: bytes = importlib.import_module(modules[fmt]).render(doc, template, options or RenderOptions())
    return data
