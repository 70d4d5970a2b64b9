"""The document model at the centre of the pipeline.

Extraction produces a :class:`Summary`; renderers only read it. The JSON form is versioned by
``schema`` and round-trips losslessly (``Summary.from_dict(s.to_dict()) == s``). ``from_dict``
validates and reports the first bad field by its path, e.g. ``sections[3].highlights[0].label``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import SchemaError
from .typed import build

SCHEMA = "briefing.summary/1"

Number = int | float


@dataclass
class Highlight:
    """A labelled block (``经验做法：…``) and the paragraphs that continue it."""

    label: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Section:
    """One keyword / numbered heading with its report paragraphs and highlight blocks.

    ``order`` keeps the reading order of paragraphs and highlights: a list of ``"p"`` and ``"h"``,
    the n-th ``"p"`` standing for ``paragraphs[n]``. Empty means all paragraphs, then highlights.
    An empty ``keyword`` is a part without a heading (the one topic section of a text that has no
    headings): the renderers print none and number only the named sections.
    """

    keyword: str
    paragraphs: list[str] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    order: list[str] = field(default_factory=list)

    def blocks(self) -> list[str | Highlight]:
        """Paragraphs and highlights in reading order."""
        order = self.order or ["p"] * len(self.paragraphs) + ["h"] * len(self.highlights)
        paras, hls = iter(self.paragraphs), iter(self.highlights)
        out: list[str | Highlight] = []
        for kind in order:
            item: str | Highlight | None = next(paras, None) if kind == "p" else next(hls, None)
            if item is not None:
                out.append(item)
        out.extend(paras)
        out.extend(hls)
        return out


@dataclass
class Target:
    """A quantified goal for the coming period."""

    section: int
    indicator: str
    value: Number
    unit: str
    value_max: Number | None = None
    qualifier: str | None = None
    text: str = ""


@dataclass
class Figure:
    """An achieved result of the period under review."""

    section: int | None
    indicator: str
    value: Number
    unit: str
    growth: Number | None = None
    text: str = ""


@dataclass
class Pair:
    """A target and an achieved figure of the same indicator (indexes into the summary lists)."""

    target: int
    figure: int
    similarity: float = 0.0


@dataclass
class Summary:
    """The structured summary of one report: what every renderer reads (schema ``briefing.summary/1``)."""

    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    source: str = ""
    reporter: str = ""
    date: str = ""
    speaker: str = ""
    lead: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    # Indexes into ``figures``: the key figures of the 要点速览 panel, in reading order.
    glance: list[int] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    # Lines dropped as page chrome, meta lines or captions: kept so nothing vanishes unseen.
    dropped: list[str] = field(default_factory=list)
    schema: str = SCHEMA

    # -- JSON ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {"schema": d.pop("schema"), **d}

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Any) -> Summary:
        if not isinstance(data, dict):
            raise SchemaError("expected a JSON object at the top level", path="$")
        schema = data.get("schema", SCHEMA)
        if schema != SCHEMA:
            hint = (f"this version reads {SCHEMA}" if schema != "briefing.issue/1" else
                    "this is a combined issue: render it with `briefing build FILE --combine`")
            raise SchemaError(f"unsupported schema {schema!r}", path="schema", hint=hint)
        return _build(cls, data, "")

    @classmethod
    def from_json(cls, text: str) -> Summary:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SchemaError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
        return cls.from_dict(data)

    # -- views used by renderers and tests ----------------------------------------------------
    def all_sections(self) -> list[tuple[int, Section]]:
        """Sections and subsections with their depth (1 = top level), in reading order."""
        out: list[tuple[int, Section]] = []

        def walk(secs: list[Section], depth: int) -> None:
            for s in secs:
                out.append((depth, s))
                walk(s.subsections, depth + 1)

        walk(self.sections, 1)
        return out

    def all_paragraphs(self) -> list[str]:
        """Every paragraph of the summary (lead, sections, highlights), in reading order."""
        out = list(self.lead)
        for _, sec in self.all_sections():
            for b in sec.blocks():
                out.extend(b.paragraphs if isinstance(b, Highlight) else [b])
        return out


def _build(cls: Any, data: Any, path: str) -> Any:
    obj = build(cls, data, path, SchemaError)
    for i, sec in enumerate(getattr(obj, "sections", [])):
        _check_tree(sec, f"{path}sections[{i}]")
    if isinstance(obj, Summary):
        _check_references(obj)
    return obj


def _check_references(s: Summary) -> None:
    """Section numbers and list indexes point at something (a hand edit that removed a section
    or a target would otherwise misfile or silently drop facts)."""
    n = len(s.sections)
    numbers: list[tuple[str, int | None]] = [(f"targets[{i}].section", t.section) for i, t in enumerate(s.targets)]
    numbers += [(f"figures[{i}].section", f.section) for i, f in enumerate(s.figures)]
    for path, number in numbers:
        if number is not None and not 1 <= number <= n:
            raise SchemaError(f"section {number} is out of range: the summary has {n} section{'s' if n != 1 else ''}"
                              " (numbered from 1)", path=path, hint="fix the number or remove the entry")
    for i, p in enumerate(s.pairs):
        for field_name, index, size in (("target", p.target, len(s.targets)), ("figure", p.figure, len(s.figures))):
            if not 0 <= index < size:
                raise SchemaError(f"index {index} is out of range: there are {size} {field_name}s (indexed from 0)",
                                  path=f"pairs[{i}].{field_name}", hint="fix the index or remove the pair")
    for i, index in enumerate(s.glance):
        if not 0 <= index < len(s.figures):
            raise SchemaError(f"index {index} is out of range: there are {len(s.figures)} figures (indexed from 0)",
                              path=f"glance[{i}]", hint="fix the index or remove it")


def _check_tree(sec: Section, path: str) -> None:
    _check_order(sec, path)
    for i, sub in enumerate(sec.subsections):
        _check_tree(sub, f"{path}.subsections[{i}]")


def _check_order(sec: Section, path: str) -> None:
    if not sec.order:
        return
    bad = [k for k in sec.order if k not in ("p", "h")]
    if bad:
        raise SchemaError(f"expected only 'p' and 'h', got {bad[0]!r}", path=f"{path}.order")
    if sec.order.count("p") != len(sec.paragraphs) or sec.order.count("h") != len(sec.highlights):
        raise SchemaError("does not match the number of paragraphs and highlights", path=f"{path}.order")
