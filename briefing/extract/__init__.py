"""Extraction: raw report text → :class:`~briefing.model.Summary`.

The extractor knows nothing about fonts or pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..model import Section, Summary


@dataclass(frozen=True)
class ExtractOptions:
    labels: tuple[str, ...] = ()  # extra highlight labels named by the user or the template


def extract_summary(text: str, options: ExtractOptions | None = None, *, name: str = "<text>") -> Summary:
    if not text.strip():
        raise InputError("empty input (only whitespace)", path=name, hint="pass a file with the report's text")
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    paras = ["".join(line.strip() for line in p.splitlines()) for p in paras]
    return Summary(title=paras[0], lead=paras[1:2], sections=[Section(keyword="正文", paragraphs=paras[2:])])
