"""The model of a combined issue: several summaries printed as one 简报 (``briefing.issue/1``).

An :class:`Issue` is the items (each a :class:`~briefing.model.Summary`, unchanged) plus what the
issue as a whole carries: its masthead values, the title of its contents list and where the items
came from. Renderers read it as they read a Summary; the JSON round-trips losslessly and a bad
field is reported by its path (``items[1].sections[0].keyword: expected a string``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .errors import SchemaError
from .model import Summary

ISSUE_SCHEMA = "briefing.issue/1"


@dataclass
class Issue:
    """One issue of a briefing made of several items."""

    items: list[Summary] = field(default_factory=list)
    name: str = ""  # the briefing's name in the masthead (工作简报)
    number: str = ""  # 第12期
    total: str = ""  # 总第112期, printed after the number when set
    unit: str = ""  # the issuing unit under the masthead
    date: str = ""  # the issue's date (2026年3月1日)
    contents_title: str = "本期要目"
    # The inputs the items were made from, in item order (kept for the record, not printed).
    sources: list[str] = field(default_factory=list)
    schema: str = ISSUE_SCHEMA

    def issue_line(self) -> str:
        """The masthead's issue line: ``第12期`` or ``第12期（总第112期）``."""
        if self.number and self.total:
            return f"{self.number}（{self.total}）"
        return self.number or self.total

    def item_titles(self) -> list[str]:
        """What the contents list names each item by: its title, else its kicker or first heading."""
        out = []
        for i, s in enumerate(self.items, 1):
            first = s.sections[0].keyword if s.sections else ""
            out.append(s.title or s.kicker or first or f"第{i}篇")
        return out

    def all_paragraphs(self) -> list[str]:
        return [p for s in self.items for p in s.all_paragraphs()]

    # -- JSON ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"schema": self.schema, "name": self.name, "number": self.number, "total": self.total,
                "unit": self.unit, "date": self.date, "contents_title": self.contents_title,
                "sources": list(self.sources), "items": [s.to_dict() for s in self.items]}

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Any) -> Issue:
        if not isinstance(data, dict):
            raise SchemaError("expected a JSON object at the top level", path="$")
        if data.get("schema") != ISSUE_SCHEMA:
            raise SchemaError(f"unsupported schema {data.get('schema')!r}", path="schema",
                              hint=f"this version reads {ISSUE_SCHEMA}")
        unknown = sorted(set(data) - {"schema", "items", *_TEXT_FIELDS, "sources"})
        if unknown:
            raise SchemaError("unknown field", path=unknown[0])
        kw: dict[str, Any] = {}
        for name in _TEXT_FIELDS:
            if name in data:
                if not isinstance(data[name], str):
                    raise SchemaError("expected a string", path=name)
                kw[name] = data[name]
        sources = data.get("sources", [])
        if not isinstance(sources, list) or not all(isinstance(x, str) for x in sources):
            raise SchemaError("expected a list of strings", path="sources")
        items = data.get("items")
        if not isinstance(items, list) or not items:
            raise SchemaError("expected a list of at least one summary", path="items")
        out = []
        for i, raw in enumerate(items):
            try:
                out.append(Summary.from_dict(raw))
            except SchemaError as e:
                where = f"items[{i}]" if e.path in (None, "$") else f"items[{i}].{e.path}"
                raise SchemaError(e.message, path=where, hint=e.hint) from None
        return cls(items=out, sources=list(sources), **kw)

    @classmethod
    def from_json(cls, text: str) -> Issue:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SchemaError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
        return cls.from_dict(data)


_TEXT_FIELDS = ("name", "number", "total", "unit", "date", "contents_title")
