"""Edits of a summary, as data: what the web page sends when staff correct the extraction.

Each operation is a dict ``{"op": NAME, ...}`` applied by :func:`apply`, which returns a new
:class:`~briefing.model.Summary` and leaves the given one untouched. A section is addressed by
its path of 0-based indexes (``[2]`` the third section, ``[2, 0]`` its first subsection), a
block by its index in the section's reading order (:meth:`Section.blocks`). Targets and figures
name their top-level section 1-based; merging and splitting sections renumber them, and
deleting a target drops its pairs. A bad operation raises :class:`UsageError` with one line
saying what is wrong; nothing is lost by any operation (every paragraph stays in the summary).
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from .errors import UsageError
from .model import Figure, Highlight, Section, Summary, Target

TITLE_FIELDS = ("title", "kicker", "subtitle", "source", "reporter", "date", "speaker")
TARGET_FIELDS = ("indicator", "value", "value_max", "unit", "qualifier", "section")

Block = str | Highlight
_LABEL = re.compile(r"^([^，。；：:,\s]{2,8})[：:](.+)$", re.S)


def apply(summary: Summary, op: dict[str, Any]) -> Summary:
    """The summary after one edit operation (a new object; ``summary`` is not changed)."""
    if not isinstance(op, dict) or not isinstance(op.get("op"), str):
        raise UsageError("an edit must be an object with an 'op' name")
    fn = OPERATIONS.get(op["op"])
    if fn is None:
        raise UsageError(f"unknown edit {op['op']!r}", hint=f"known: {', '.join(OPERATIONS)}")
    out = copy.deepcopy(summary)
    fn(out, op)
    return out


# -- addressing --------------------------------------------------------------------------------
def _path(op: dict[str, Any]) -> list[int]:
    path = op.get("section")
    if isinstance(path, int) and not isinstance(path, bool):
        path = [path]
    if not isinstance(path, list) or not path or not all(isinstance(i, int) and not isinstance(i, bool) for i in path):
        raise UsageError("'section' must be a section index or a list of indexes")
    return path


def _siblings(s: Summary, path: list[int]) -> list[Section]:
    """The list holding the section at ``path`` (checked to exist)."""
    secs = s.sections
    for depth, i in enumerate(path):
        if not 0 <= i < len(secs):
            raise UsageError(f"no section {'.'.join(str(p + 1) for p in path[:depth + 1])}")
        if depth < len(path) - 1:
            secs = secs[i].subsections
    return secs


def _section(s: Summary, path: list[int]) -> Section:
    return _siblings(s, path)[path[-1]]


def _index(op: dict[str, Any], key: str, n: int, what: str) -> int:
    i = op.get(key)
    if not isinstance(i, int) or isinstance(i, bool) or not 0 <= i < n:
        raise UsageError(f"no {what} {i!r} (there are {n})")
    return i


def _text(op: dict[str, Any], key: str, *, empty: bool = False) -> str:
    v = op.get(key)
    if not isinstance(v, str):
        raise UsageError(f"'{key}' must be text")
    v = v.strip()
    if not v and not empty:
        raise UsageError(f"'{key}' must not be empty")
    return v


def set_blocks(sec: Section, blocks: list[Block]) -> None:
    """Store ``blocks`` (reading order) back as paragraphs, highlights and ``order``."""
    sec.paragraphs = [b for b in blocks if isinstance(b, str)]
    sec.highlights = [b for b in blocks if isinstance(b, Highlight)]
    order = ["h" if isinstance(b, Highlight) else "p" for b in blocks]
    sec.order = [] if order == ["p"] * len(sec.paragraphs) + ["h"] * len(sec.highlights) else order


# -- title block -------------------------------------------------------------------------------
def _set_field(s: Summary, op: dict[str, Any]) -> None:
    name = op.get("field")
    if name not in TITLE_FIELDS:
        raise UsageError(f"cannot set field {name!r}", hint=f"one of {', '.join(TITLE_FIELDS)}")
    setattr(s, name, _text(op, "value", empty=name != "title"))


# -- sections ----------------------------------------------------------------------------------
def _rename(s: Summary, op: dict[str, Any]) -> None:
    _section(s, _path(op)).keyword = _text(op, "name")


def _merge_next(s: Summary, op: dict[str, Any]) -> None:
    """The section and the next one (same level) become one, under the first one's name."""
    path = _path(op)
    secs = _siblings(s, path)
    i = path[-1]
    if i + 1 >= len(secs):
        raise UsageError("the last section has no next section to merge with")
    first, second = secs[i], secs.pop(i + 1)
    # The second's text follows whatever the first ends with: its last (sub)subsection, if any.
    tail = first
    while tail.subsections:
        tail = tail.subsections[-1]
    set_blocks(tail, tail.blocks() + second.blocks())
    first.subsections.extend(second.subsections)
    if len(path) == 1:
        _renumber(s, lambda n: n - 1 if n > i + 1 else n)


def _split(s: Summary, op: dict[str, Any]) -> None:
    """A new section from block ``block`` on (with the subsections), named ``name``."""
    path = _path(op)
    secs = _siblings(s, path)
    i = path[-1]
    sec = secs[i]
    blocks = sec.blocks()
    k = _index(op, "block", len(blocks), "paragraph")
    if k == 0:
        raise UsageError("cannot split before the first paragraph", hint="rename the section instead")
    new = Section(keyword=_text(op, "name"), subsections=sec.subsections)
    sec.subsections = []
    set_blocks(new, blocks[k:])
    set_blocks(sec, blocks[:k])
    secs.insert(i + 1, new)
    if len(path) == 1:
        moved = _texts(new)
        _renumber(s, lambda n: n + 1 if n > i + 1 else n)
        for fact in _facts(s):
            if fact.section == i + 1 and _found(fact.text or fact.indicator, moved):
                fact.section = i + 2


def _texts(sec: Section) -> list[str]:
    out: list[str] = []
    for b in sec.blocks():
        out.extend(b.paragraphs if isinstance(b, Highlight) else [b])
    for sub in sec.subsections:
        out.extend(_texts(sub))
    return out


def _found(phrase: str, paragraphs: list[str]) -> bool:
    return bool(phrase) and any(phrase in p for p in paragraphs)


def _facts(s: Summary) -> list[Target | Figure]:
    return [*s.targets, *s.figures]


def _renumber(s: Summary, fn: Callable[[int], int]) -> None:
    for fact in _facts(s):
        if fact.section:
            fact.section = fn(fact.section)


# -- highlight boxes ---------------------------------------------------------------------------
def _block(s: Summary, op: dict[str, Any], box: bool) -> tuple[Section, list[Block], int]:
    """The section, its blocks and the index of the block ``op`` names, which must be a box
    (``box``) or a paragraph."""
    sec = _section(s, _path(op))
    blocks = sec.blocks()
    k = _index(op, "block", len(blocks), "box" if box else "paragraph")
    if isinstance(blocks[k], Highlight) != box:
        raise UsageError("that block is not a box" if box else "that block is a box already")
    return sec, blocks, k


def _into_box(s: Summary, op: dict[str, Any]) -> None:
    """A paragraph joins the box just before it, else the box just after it, else becomes a box
    of its own (labelled by its own ``标签：`` opening, else by the summary's usual label)."""
    sec, blocks, k = _block(s, op, box=False)
    para = blocks[k]
    assert isinstance(para, str)
    before = blocks[k - 1] if k else None
    after = blocks[k + 1] if k + 1 < len(blocks) else None
    if isinstance(before, Highlight):
        before.paragraphs.append(para)
        del blocks[k]
    elif isinstance(after, Highlight):
        after.paragraphs.insert(0, para)
        del blocks[k]
    else:
        m = _LABEL.match(para)
        label, text = (m.group(1), m.group(2).strip()) if m else (_usual_label(s), para)
        blocks[k] = Highlight(label=label, paragraphs=[text])
    set_blocks(sec, blocks)


def _usual_label(s: Summary) -> str:
    labels = Counter(h.label for _, sec in s.all_sections() for h in sec.highlights if h.label)
    return labels.most_common(1)[0][0] if labels else ""


def _out_of_box(s: Summary, op: dict[str, Any]) -> None:
    """A box's paragraph becomes a plain paragraph: the first goes before the box, the last after
    it, one in the middle splits the box (the second part keeps no label, so it is not printed
    twice). A box left empty goes; its label is kept as the paragraph's opening."""
    sec, blocks, k = _block(s, op, box=True)
    box = blocks[k]
    assert isinstance(box, Highlight)
    j = _index(op, "paragraph", len(box.paragraphs), "paragraph of the box")
    para = box.paragraphs.pop(j)
    if not box.paragraphs:
        blocks[k] = f"{box.label}：{para}" if box.label else para
    elif j == 0:
        blocks.insert(k, para)
    elif j == len(box.paragraphs):
        blocks.insert(k + 1, para)
    else:
        rest = Highlight(label="", paragraphs=box.paragraphs[j:])
        del box.paragraphs[j:]
        blocks[k + 1:k + 1] = [para, rest]
    set_blocks(sec, blocks)


def _label(s: Summary, op: dict[str, Any]) -> None:
    _, blocks, k = _block(s, op, box=True)
    box = blocks[k]
    assert isinstance(box, Highlight)
    box.label = _text(op, "label", empty=True)


# -- targets and figures -----------------------------------------------------------------------
def _number(v: Any, key: str, *, optional: bool = False) -> int | float | None:
    if optional and (v is None or v == ""):
        return None
    if isinstance(v, str):
        v = v.strip().replace(",", "").replace("，", "")
        try:
            v = float(v)
        except ValueError:
            raise UsageError(f"'{key}' must be a number, got {v!r}", code="not_a_number", params={"value": v}) from None
    if isinstance(v, bool) or not isinstance(v, int | float) or v != v or v in (float("inf"), float("-inf")):
        raise UsageError(f"'{key}' must be a number", code="not_a_number", params={"value": v})
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _target_values(s: Summary, values: Any, t: Target) -> None:
    if not isinstance(values, dict):
        raise UsageError("'values' must be an object")
    for key, v in values.items():
        if key not in TARGET_FIELDS:
            raise UsageError(f"a target has no field {key!r}", hint=f"one of {', '.join(TARGET_FIELDS)}")
        if key == "value":
            t.value = _number(v, key) or 0
        elif key == "value_max":
            t.value_max = _number(v, key, optional=True)
        elif key == "section":
            n = _number(v, key)
            if not isinstance(n, int) or not 1 <= n <= len(s.sections):
                raise UsageError(f"'section' must be 1 to {len(s.sections)}")
            t.section = n
        elif key == "qualifier":
            t.qualifier = _text({key: v or ""}, key, empty=True) or None
        else:
            setattr(t, key, _text({key: v}, key, empty=key == "unit"))


def _set_target(s: Summary, op: dict[str, Any]) -> None:
    _target_values(s, op.get("values"), s.targets[_index(op, "target", len(s.targets), "target")])


def _delete_target(s: Summary, op: dict[str, Any]) -> None:
    i = _index(op, "target", len(s.targets), "target")
    del s.targets[i]
    s.pairs = [p for p in s.pairs if p.target != i]
    for p in s.pairs:
        if p.target > i:
            p.target -= 1


def _add_target(s: Summary, op: dict[str, Any]) -> None:
    values = op.get("values")
    if not isinstance(values, dict) or "indicator" not in values or "value" not in values:
        raise UsageError("a new target needs at least an indicator and a value")
    t = Target(section=1 if s.sections else 0, indicator="", value=0, unit="")
    _target_values(s, values, t)
    s.targets.append(t)


def _set_glance(s: Summary, op: dict[str, Any]) -> None:
    figs = op.get("figures")
    if not isinstance(figs, list):
        raise UsageError("'figures' must be a list of figure indexes")
    for n, _ in enumerate(figs):
        _index({"i": figs[n]}, "i", len(s.figures), "figure")
    s.glance = list(dict.fromkeys(figs))


OPERATIONS: dict[str, Callable[[Summary, dict[str, Any]], None]] = {
    "set_field": _set_field,
    "rename_section": _rename,
    "merge_next": _merge_next,
    "split_section": _split,
    "into_box": _into_box,
    "out_of_box": _out_of_box,
    "set_box_label": _label,
    "set_target": _set_target,
    "delete_target": _delete_target,
    "add_target": _add_target,
    "set_glance": _set_glance,
}
