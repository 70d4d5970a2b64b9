"""The appendix table flowable: splitting between pages keeps every row, repeats the header, and
cuts inside a row only when not one whole row fits."""

from __future__ import annotations

from briefing.renderers.pdf_blocks import Row
from briefing.renderers.pdf_table import _PAD, TableLook, TableRow, TargetTable

LOOK = TableLook("#EEEEEE", "#000000", "#888888")


def _cell(lines: int, tag: str) -> list[Row]:
    # Rows stand for text lines here; the tag tells them apart.
    return [Row(20.0, tag=(f"{tag}.{i}", None, "")) for i in range(lines)]  # type: ignore[arg-type]


def _table(line_counts: list[int]) -> TargetTable:
    header = TableRow([_cell(1, "h"), _cell(1, "h")])
    body = [TableRow([_cell(n, f"r{k}a"), _cell(1, f"r{k}b")]) for k, n in enumerate(line_counts)]
    return TargetTable(header, body, [50.0, 100.0], LOOK)


def _tags(t: TargetTable) -> list[str]:
    return [r.tag[0] for row in t.body for cell in row.cells for r in cell if r.tag]


def test_height_is_the_header_and_rows_with_their_padding():
    t = _table([1, 3])
    assert t.wrap(500, 1000) == (150.0, (20 + _PAD) + (20 + _PAD) + (60 + _PAD))


def test_a_split_keeps_every_row_in_order_and_repeats_the_header():
    t = _table([1, 2, 1, 1])
    room = (20 + _PAD) * 2 + (40 + _PAD)  # header, the first row, the second
    first, second = t.split(150, room + 5)
    assert first.header is t.header and second.header is t.header
    assert len(first.body) == 2 and len(second.body) == 2
    assert _tags(first) + _tags(second) == _tags(t)
    assert first.wrap(150, room + 5)[1] <= room + 5


def test_a_row_is_cut_only_when_not_one_whole_row_fits():
    t = _table([2, 5])
    # Room for the header, the first row and two lines of the second: the cut is between rows.
    first, second = t.split(150, (20 + _PAD) + (40 + _PAD) + 40 + _PAD)
    assert len(first.body) == 1 and _tags(second) == _tags(t)[3:]
    # Room for the header and three lines of a five-line first row: the row is cut at a line.
    t = _table([5, 1])
    first, second = t.split(150, (20 + _PAD) + 60 + _PAD)
    assert _tags(first) == ["r0a.0", "r0a.1", "r0a.2", "r0b.0"]
    assert _tags(second) == ["r0a.3", "r0a.4", "r1a.0", "r1b.0"]
    assert first.wrap(150, 1000)[1] <= (20 + _PAD) + 60 + _PAD + 1e-6


def test_no_split_when_nothing_fits_or_everything_does():
    t = _table([3])
    assert t.split(150, 10) == []  # not even the header and one line
    assert t.split(150, 1000) == []  # platypus never asks; nothing to cut either
