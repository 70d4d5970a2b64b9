"""briefing: raw report text → structured summary → printable briefing (PDF and DOCX).

The public API (``briefing.extract``, ``briefing.render``, ``briefing.build``) lives in
:mod:`briefing.api`; it is imported on first use so ``briefing extract`` does not pay for
ReportLab and python-docx.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs the command line's cold start 10 ms before its first fork
    from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "build", "build_batch", "build_issue", "extract", "extract_text", "read_input", "render",
           "BriefingError", "Issue", "Summary"]


def __getattr__(name: str) -> Any:
    if name in ("build", "build_batch", "extract", "extract_text", "read_input", "render"):
        from . import api

        return getattr(api, name)
    if name == "BriefingError":
        from .errors import BriefingError

        return BriefingError
    if name == "Summary":
        from .model import Summary

        return Summary
    if name == "build_issue":  # one issue of several items (--combine)
        from .combine import build_issue

        return build_issue
    if name == "Issue":
        from .issue import Issue

        return Issue
    raise AttributeError(name)
