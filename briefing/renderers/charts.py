"""Target-versus-result bar charts, shared by both renderers.

One horizontal bar chart per unit for the indicators that pair a target with an achieved figure
(:attr:`Summary.pairs`): for each indicator a bar for the result and one for the target, values
printed at the bar ends. :func:`drawing` lays a chart out once as a :class:`Figure` of boxes, rules
and text runs; the PDF renderer turns it into a ``reportlab.graphics`` Drawing (vector) and
:func:`png` rasterizes the same figure for the DOCX over Pillow. This module does not import
ReportLab, so a DOCX alone never loads it.

Why not ReportLab's renderPM: since ReportLab 4.1 it needs the ``rlPyCairo`` backend, whose
``pycairo`` has no Linux or macOS wheels (it builds against the system's cairo headers), and
matplotlib costs more time to import than a whole cold build may take. Pillow is already
installed with ReportLab and draws TrueType text with FreeType, deterministically.

Labels are set with the template's table fonts, per character in the first face of the role's
chain that has the character; text is drawn as it is (graphics strings are never parsed as markup).
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from dataclasses import dataclass, replace
from typing import Any

from ..fonts import Face, FontChain, chain
from ..linebreak import wrap
from ..model import Summary
from ..template import Role, Template
from ..textutil import xml_clean
from .common import format_number, label_phrase, target_value_text

CAPTION = "目标与完成对比"
RESULT, TARGET = "完成", "目标"
DPI = 192
MAX_LABEL_LINES = 4


@dataclass(frozen=True)
class ChartRow:
    """One paired indicator: the result and the target, as numbers and as printed."""

    label: str
    result: float
    target: float
    target_max: float | None
    result_text: str
    target_text: str


@dataclass(frozen=True)
class Chart:
    """The paired indicators of one unit; or, ``mixed``, the indicators whose unit no other pair
    shares, each row on its own scale with its unit printed at its values."""

    unit: str
    rows: tuple[ChartRow, ...]
    # A part of a chart too tall for a page: the whole chart's value range (so every part's bars
    # share one scale) and the part's number (the caption of a later part says 续).
    span: tuple[float, float] | None = None
    part: int = 0
    mixed: bool = False

    @property
    def caption(self) -> str:
        if self.mixed:
            head = f"{CAPTION}（各项按自身量值）"
        else:
            head = f"{CAPTION}（单位：{self.unit}）" if self.unit else CAPTION
        return f"{head}（续）" if self.part else head

    def alt_text(self) -> str:
        """The chart in words (the picture's description in the DOCX)."""
        items = "；".join(f"{r.label}：{RESULT}{r.result_text}，{TARGET}{r.target_text}" for r in self.rows)
        return f"{self.caption}。{items}"


def charts_of(summary: Summary) -> list[Chart]:
    """The paired indicators grouped by unit, in the order of the targets; the label is the
    target's indicator (the name the appendix table uses) as a whole phrase. Pairs that point past
    the lists (a hand-edited summary) are left out. Units that hold one pair each do not get a
    chart of one bar each: they share one chart, last, each row on its own scale."""
    groups: dict[str, list[ChartRow]] = {}
    for p in sorted(summary.pairs, key=lambda p: (p.target, p.figure)):
        if not (0 <= p.target < len(summary.targets) and 0 <= p.figure < len(summary.figures)):
            continue
        t, f = summary.targets[p.target], summary.figures[p.figure]
        text = _with_qualifier(target_value_text(t), _clean(t.qualifier or ""))
        row = ChartRow(label_phrase(_clean(t.indicator or f.indicator)), float(f.value), float(t.value),
                       None if t.value_max is None else float(t.value_max), format_number(f.value), text)
        groups.setdefault(_clean(t.unit), []).append(row)
    singles = [u for u, rows in groups.items() if len(rows) == 1]
    if len(singles) < 2:
        return [Chart(unit, tuple(rows)) for unit, rows in groups.items()]
    out = [Chart(unit, tuple(rows)) for unit, rows in groups.items() if unit not in singles]
    mixed = tuple(replace(groups[u][0], result_text=groups[u][0].result_text + u,
                          target_text=_with_unit(groups[u][0].target_text, u)) for u in singles)
    return out + [Chart("", mixed, mixed=True)]


def _with_unit(text: str, unit: str) -> str:
    """300以上 → 300万亩以上; 不低于2000 → 不低于2000亿元: the unit right after the number."""
    m = re.search(r"[\d.]+(?:[-–~～][\d.]+)?", text)
    return text[: m.end()] + unit + text[m.end():] if m else text + unit


def _clean(text: str) -> str:
    return " ".join(xml_clean(text).split())


def _with_qualifier(value: str, q: str) -> str:
    """不低于2000, 超5700 · 300以上, 4左右: a qualifier reads before or after its number."""
    return f"{q}{value}" if q.startswith(_BEFORE) else f"{value}{q}"


_BEFORE = ("不", "超", "约", "力争", "达到", "高于", "低于", "至少", "最多")


# -- a figure: what both outputs draw ---------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    """A rectangle, filled and/or outlined."""

    x: float
    y: float
    width: float
    height: float
    fill: str | None  # "#RRGGBB"
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float


@dataclass(frozen=True)
class Run:
    """Text at baseline ``y``, all of it in one face."""

    x: float
    y: float
    text: str
    face: Face
    size: float
    color: str


@dataclass
class Figure:
    """A chart in points, origin bottom left (as in PDF)."""

    width: float
    height: float
    contents: list[Box | Rule | Run]
    face: Face  # the body face: the state a PDF drawing starts from
    size: float


@dataclass
class _Font:
    """A role's font chain at its size."""

    chain: FontChain
    size: float
    leading: float


def _font(role: Role) -> _Font:
    return _Font(chain(tuple(role.fonts), role.latin, role.bold), role.size, role.leading)


def _face(f: _Font, ch: str, missing: list[str] | None) -> Face:
    face = f.chain.face_for(ch)
    if face is None:
        if missing is not None and not ch.isspace():
            missing.append(ch)
        return f.chain.primary
    return face


def text_width(text: str, f: _Font) -> float:
    return sum(_face(f, ch, None).width(ch) for ch in text) * f.size / 1000


def _text(d: Figure, x: float, y: float, text: str, f: _Font, color: str, anchor: str = "start",
          missing: list[str] | None = None) -> None:
    """Runs at baseline ``y``, one per stretch of characters in the same face."""
    width = text_width(text, f)
    x -= {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    run, run_face = "", None
    for ch in text:
        face = _face(f, ch, missing)
        if run and face is not run_face:
            assert run_face is not None
            d.contents.append(Run(x, y, run, run_face, f.size, color))
            x += sum(run_face.width(c) for c in run) * f.size / 1000
            run = ""
        run, run_face = run + ch, face
    if run and run_face is not None:
        d.contents.append(Run(x, y, run, run_face, f.size, color))


# -- the chart -----------------------------------------------------------------------------------
def drawing(c: Chart, t: Template, width: float, missing: list[str] | None = None,
            label_width: float = 0.0) -> Figure:
    """The chart ``width`` points wide (its height follows from the rows); the labels take
    ``label_width`` (default: what the chart's own labels need, at most a third of the width)."""
    label, head = _font(t.role("table")), _font(t.role("table_header"))
    size = label.size
    value_font = _Font(label.chain, round(size * 0.9, 2), label.leading)
    col = t.colors
    ink, result_fill, target_fill = "#000000", _hex(col.label_fill), _hex(col.box_border)
    axis = target_fill

    bar, pair_gap, row_gap, gap = _metrics(size)
    values = [v for r in c.rows for v in (r.result, r.target, r.target_max) if v is not None]
    if c.span:
        values += c.span
    value_room = max(text_width(s, value_font) for r in c.rows for s in (r.result_text, r.target_text)) + gap
    label_w = label_width or label_column(c.rows, label, width)
    rows = list(zip(c.rows, _label_lines(c.rows, label, label_w)))
    heights = [_row_height(lines, label) for _, lines in rows]
    top_band = _top_band(head, size)
    height = math.ceil(top_band + sum(heights) + row_gap * len(rows))
    d = Figure(width, height, [], _face(label, "一", None), size)

    # caption left, legend right, on the first line
    base = height - head.leading + (head.leading - head.size) / 2 + head.size * 0.12
    _text(d, 0, base, c.caption, head, ink, missing=missing)
    x = width
    for name, fill in ((TARGET, target_fill), (RESULT, result_fill)):
        x -= text_width(name, label)
        _text(d, x, base, name, label, ink, missing=missing)
        x -= size * 0.8 + 3
        d.contents.append(Box(x, base - size * 0.05, size * 0.8, size * 0.8, fill))
        x -= size

    lo, hi = min(0.0, *values), max(0.0, *values)
    x0, x1 = label_w + gap, width - value_room
    left_room = value_room if lo < 0 else 0.0
    x0 += left_room
    span = (hi - lo) or 1.0
    scale = (x1 - x0) / span
    zero = x0 - lo * scale

    y = height - top_band
    first_top = y
    axis_x = zero
    for (r, lines), h in zip(rows, heights):
        if c.mixed:  # each row on its own scale: its largest value spans the bar area
            own = [v for v in (r.result, r.target, r.target_max) if v is not None]
            rlo, rhi = min(0.0, *own), max(0.0, *own)
            scale = (x1 - x0) / ((rhi - rlo) or 1.0)
            zero = x0 - rlo * scale
        mid = y - h / 2
        ly = mid + len(lines) * label.leading / 2
        for ln in lines:
            _text(d, 0, ly - label.leading + (label.leading - size) / 2 + size * 0.12, ln, label, ink, missing=missing)
            ly -= label.leading
        for k, (value, vmax, text, fill) in enumerate(((r.result, None, r.result_text, result_fill),
                                                       (r.target, r.target_max, r.target_text, target_fill))):
            by = mid + pair_gap / 2 if k == 0 else mid - pair_gap / 2 - bar
            end = zero + value * scale
            d.contents.append(Box(min(zero, end), by, abs(end - zero), bar, fill))
            far = end
            if vmax is not None:  # a target range: the rest of the range as an outline
                far = zero + vmax * scale
                d.contents.append(Box(min(end, far), by, abs(far - end), bar, None, fill, 0.6))
            ty = by + bar / 2 - value_font.size * 0.36
            if value < 0:
                _text(d, min(far, end) - 3, ty, text, value_font, ink, anchor="end", missing=missing)
            else:
                _text(d, max(far, end) + 3, ty, text, value_font, ink, missing=missing)
        y -= h + row_gap
    d.contents.append(Rule(axis_x, first_top + 2, axis_x, y + row_gap - 2, axis, 0.6))
    return d


def _metrics(size: float) -> tuple[float, float, float, float]:
    """Bar thickness, the gap between a row's two bars, the gap between rows, the gap before a value."""
    return round(size * 1.05, 2), 2.0, round(size * 0.8, 2), 6.0


def _top_band(head: _Font, size: float) -> float:
    return head.leading + size * 0.5


def _label_lines(rows: tuple[ChartRow, ...], label: _Font, label_w: float) -> list[list[str]]:
    def adv(ch: str) -> float:
        return _face(label, ch, None).width(ch) * label.size / 1000

    out = []
    for r in rows:
        lines = wrap(r.label, label_w, adv)
        if len(lines) > MAX_LABEL_LINES:  # the whole name stays in the appendix table
            lines = lines[:MAX_LABEL_LINES - 1] + [lines[MAX_LABEL_LINES - 1][:-1] + "…"]
        out.append(lines)
    return out


def _row_height(lines: list[str], label: _Font) -> float:
    bar, pair_gap, _, _ = _metrics(label.size)
    return max(2 * bar + pair_gap, len(lines) * label.leading)


def label_column(rows: tuple[ChartRow, ...], label: _Font, width: float) -> float:
    natural = max(text_width(r.label, label) for r in rows)
    return min(natural, max(width * 0.34, 4 * label.size))


def split(c: Chart, t: Template, label_w: float, max_height: float) -> list[Chart]:
    """``c`` as parts no taller than ``max_height`` (a page), each with as many rows as fit and
    at least one, all on the scale of the whole chart."""
    label, head = _font(t.role("table")), _font(t.role("table_header"))
    row_gap = _metrics(label.size)[2]
    room = max_height - _top_band(head, label.size) - 1
    values = [v for r in c.rows for v in (r.result, r.target, r.target_max) if v is not None]
    span = (min(0.0, *values), max(0.0, *values))
    parts: list[list[ChartRow]] = [[]]
    used = 0.0
    for r, lines in zip(c.rows, _label_lines(c.rows, label, label_w)):
        h = _row_height(lines, label) + row_gap
        if parts[-1] and used + h > room:
            parts.append([])
            used = 0.0
        parts[-1].append(r)
        used += h
    if len(parts) == 1:
        return [c]
    return [Chart(c.unit, tuple(rows), span, k, c.mixed) for k, rows in enumerate(parts)]


def page_room(t: Template) -> float:
    """The height of the page's text area in points, less two body lines (the space before a
    chart and a margin): the tallest a chart may be."""
    p = t.page
    return (p.height_mm - p.margin_top_mm - p.margin_bottom_mm) * 72 / 25.4 - 2 * t.role("body").leading


def drawings(summary: Summary, t: Template, width: float, missing: list[str] | None = None,
             max_height: float | None = None) -> list[tuple[Chart, Figure]]:
    """The charts of a summary with their figures, their bars starting at one x (the labels of
    all in one column); a chart taller than ``max_height`` is split into parts that fit."""
    cs = charts_of(summary)
    if not cs:
        return []
    common = label_column(tuple(r for c in cs for r in c.rows), _font(t.role("table")), width)
    if max_height:
        cs = [part for c in cs for part in split(c, t, common, max_height)]
    return [(c, drawing(c, t, width, missing, common)) for c in cs]


def _hex(color: str) -> str:
    """A template colour as ``#RRGGBB`` (templates may write ``#abc`` or ``abc``)."""
    c = color.strip().lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    return "#" + c.upper()


# -- PNG -----------------------------------------------------------------------------------------
def png(d: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes (identical for identical input)."""
    from PIL import Image, ImageDraw

    k = dpi / 72
    w, h = math.ceil(d.width * k), math.ceil(d.height * k)
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)

    def px(x: float) -> int:
        return round(x * k)

    def py(y: float) -> int:
        return round((d.height - y) * k)

    for shape in d.contents:
        if isinstance(shape, Box):
            box = (px(shape.x), py(shape.y + shape.height), px(shape.x + shape.width) - 1, py(shape.y) - 1)
            if box[2] < box[0] or box[3] < box[1]:
                continue
            stroke = _rgb(shape.stroke)
            draw.rectangle(box, fill=_rgb(shape.fill), outline=stroke,
                           width=max(1, round(shape.stroke_width * k)) if stroke else 0)
        elif isinstance(shape, Rule):
            draw.line((px(shape.x1), py(shape.y1), px(shape.x2), py(shape.y2)), fill=_rgb(shape.color),
                      width=max(1, round(shape.width * k)))
        else:
            font = _pil_font(shape.face, round(shape.size * k, 2))
            draw.text((shape.x * k, (d.height - shape.y) * k), shape.text, font=font, fill=_rgb(shape.color),
                      anchor="ls")
    return _encode_png(img.tobytes(), w, h, dpi)


def _encode_png(rgb: bytes, w: int, h: int, dpi: int) -> bytes:
    """An RGB image as PNG, rows unfiltered. Pillow's own writer first imports all its image
    plugins (30 ms of a cold build) and filters adaptively, which a flat chart does not need."""
    stride = 3 * w
    rows = b"".join(b"\x00" + rgb[i:i + stride] for i in range(0, stride * h, stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ppm = round(dpi / 0.0254)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)) + chunk(b"IDAT", zlib.compress(rows, 3))
            + chunk(b"IEND", b""))


def _rgb(c: str | None) -> tuple[int, int, int] | None:
    if c is None:
        return None
    return (int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16))


_PIL_FONTS: dict[tuple[str, float], Any] = {}


def _pil_font(face: Face, size: float) -> Any:
    from PIL import ImageFont

    f = face.file
    key = (f.key, size)
    font = _PIL_FONTS.get(key)
    if font is None:
        font = _PIL_FONTS[key] = ImageFont.truetype(str(f.path), size, index=f.index)
    return font
