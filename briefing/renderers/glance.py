"""The cards of the 要点速览 panel, as both renderers print them.

A card is one key figure of :attr:`Summary.glance`: its value, unit, indicator and growth with an
up or down mark (▲增长27.8%, ▼下降11.5%). Indexes past the figures (a hand-edited summary) are left
out; the panel shows nothing when no card remains, or when the template's ``[glance]`` is off.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Summary
from ..template import Template
from ..textutil import xml_clean
from .common import format_number, label_phrase

UP, DOWN = "▲", "▼"
_SIGNS = ("%", "％", "‰")


@dataclass(frozen=True)
class Card:
    """One key figure of the 要点速览 panel, as printed."""

    value: str
    unit: str
    indicator: str
    growth: str = ""


def growth_text(growth: float | None) -> str:
    if growth is None:
        return ""
    if growth > 0:
        return f"{UP}增长{format_number(growth)}%"
    if growth < 0:
        return f"{DOWN}下降{format_number(-growth)}%"
    return "持平"


def cards(summary: Summary, t: Template) -> list[Card]:
    if not t.glance.enabled:
        return []
    out = []
    for i in summary.glance:
        if 0 <= i < len(summary.figures):
            f = summary.figures[i]
            value, unit = format_number(f.value), _clean(f.unit)
            if unit in _SIGNS:  # 4.8%: the sign belongs to the number and is set with it
                value, unit = value + unit, ""
            out.append(Card(value, unit, label_phrase(_clean(f.indicator)), growth_text(f.growth)))
    return out


def columns(n: int) -> int:
    """Cards per row: all in one row up to four, then rows of three (5, 6) or four (7, 8)."""
    if n <= 4:
        return max(1, n)
    return 3 if n <= 6 else 4


def rows(items: list[Card], ncol: int = 0) -> list[list[Card]]:
    k = ncol or columns(len(items))
    return [items[i:i + k] for i in range(0, len(items), k)]


def charts_enabled(summary: Summary, t: Template) -> bool:
    """Charts live in the appendix, after the targets table: they need it shown, the switch on
    and at least one pair."""
    return t.glance.enabled and t.glance.charts and t.appendix.enabled and bool(summary.targets) \
        and bool(summary.pairs)


def _clean(text: str) -> str:
    return " ".join(xml_clean(text).split())
