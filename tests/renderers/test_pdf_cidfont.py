"""Faces embedded as CID-keyed TrueType: the subset program, the codes, the ToUnicode map, and
what the PDF says of its fonts."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.renderers.pdf_cidfont import EmbeddedFace, subset, to_unicode_cmap

fontTools = pytest.importorskip("fontTools")
from fontTools.fontBuilder import FontBuilder  # noqa: E402
from fontTools.pens.ttGlyphPen import TTGlyphPen  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SERIF = ROOT / "fonts" / "NotoSerifSC-Regular.ttf"


def _square(x0: int, y0: int, x1: int, y1: int) -> object:
    pen = TTGlyphPen(None)
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()
    return pen.glyph()


@pytest.fixture(scope="module")
def composite_font(tmp_path_factory) -> Path:
    """A TrueType font whose ``C`` is a composite of ``A`` and ``B`` (as accented Latin letters
    are in many installed fonts), and whose ``D`` has no outline."""
    order = [".notdef", "A", "B", "C", "D"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord("A"): "A", ord("B"): "B", ord("C"): "C", ord("D"): "D", 0x4E00: "B"})
    glyphs = {".notdef": _square(50, 0, 450, 700), "A": _square(0, 0, 200, 300), "B": _square(-10, 10, 90, 90),
              "D": TTGlyphPen(None).glyph()}
    comp = TTGlyphPen(glyphs)
    comp.addComponent("A", (1, 0, 0, 1, 0, 0))
    comp.addComponent("B", (1, 0, 0, 1, 300, 200))
    glyphs["C"] = comp.glyph()
    fb.setupGlyf(glyphs)
    # B's outline starts left of its origin: a negative left side bearing.
    fb.setupHorizontalMetrics({".notdef": (500, 50), "A": (600, 0), "B": (700, -10), "C": (800, 0), "D": (250, 0)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Composite Test", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    path = tmp_path_factory.mktemp("font") / "composite.ttf"
    fb.save(str(path))
    return path


def _reportlab_face(path: Path):
    from reportlab.pdfbase.ttfonts import TTFontFace

    return TTFontFace(str(path))


def test_characters_are_numbered_in_order_of_first_use_and_share_a_cid_when_they_share_a_glyph(composite_font):
    e = EmbeddedFace(_reportlab_face(composite_font), "C1")
    assert e.codes("BAB") == ["0001", "0002", "0001"]
    assert e.codes("一") == ["0001"]  # U+4E00 maps to glyph B in this font
    assert e.codes("ZYZ") == ["0003", "0004", "0003"]  # not in the face: .notdef, each its own CID
    assert e.glyphs[3:] == [0, 0]
    assert e.text == ["", "B", "A", "Z", "Y"]  # so copied text keeps them
    assert e.name == "/C1"


def test_the_subset_holds_the_glyphs_in_cid_order_then_the_components_renumbered(composite_font):
    ttf = _reportlab_face(composite_font)
    src = TTFont(str(composite_font))
    gid = {name: i for i, name in enumerate(src.getGlyphOrder())}
    program = subset(ttf, [0, gid["D"], gid["C"]])
    out = TTFont(io.BytesIO(program))
    assert out["maxp"].numGlyphs == 5  # .notdef, D, C, then C's components A and B
    glyf = out["glyf"]
    names = out.getGlyphOrder()
    c = glyf[names[2]]
    assert c.isComposite()
    assert [comp.glyphName for comp in c.components] == [names[3], names[4]]
    assert (c.components[1].x, c.components[1].y) == (300, 200)
    assert glyf[names[1]].numberOfContours == 0  # D: no outline
    for new, old in ((3, "A"), (4, "B"), (0, ".notdef")):
        a, b = glyf[names[new]], src["glyf"][old]
        assert list(a.coordinates) == list(b.coordinates)
    hmtx = out["hmtx"]
    assert [hmtx[n] for n in names] == [(500, 50), (250, 0), (800, 0), (600, 0), (700, -10)]
    assert out["hhea"].numberOfHMetrics == 5
    assert out["cmap"].getcmap(1, 0).cmap == {i: names[i] for i in range(1, 5)}  # code i is glyph i


@pytest.mark.skipif(not SERIF.exists(), reason="bundled fonts not built")
def test_the_subset_of_a_cjk_face_draws_the_same_outlines():
    ttf = _reportlab_face(SERIF)
    src = TTFont(str(SERIF))
    order = src.getGlyphOrder()
    chars = "政府工作报告，。“”（）236.7亿元%"
    e = EmbeddedFace(ttf, "C1")
    e.codes(chars)
    out = TTFont(io.BytesIO(subset(ttf, e.glyphs)))
    names = out.getGlyphOrder()
    assert len(names) == len(e.glyphs)
    for cid, glyph in enumerate(e.glyphs):
        a, b = out["glyf"][names[cid]], src["glyf"][order[glyph]]
        a.expand(out["glyf"])
        b.expand(src["glyf"])
        assert a.numberOfContours == b.numberOfContours
        if a.numberOfContours > 0:
            assert list(a.coordinates) == list(b.coordinates)
        assert out["hmtx"][names[cid]] == src["hmtx"][order[glyph]]
    # The file is whole: checksums as a font validator computes them.
    assert out["head"].indexToLocFormat in (0, 1)
    assert out.reader.tables  # parsed without error


def test_to_unicode_maps_each_cid_to_its_text_in_blocks_of_at_most_100():
    text = [""] + [chr(0x4E00 + i) for i in range(150)] + ["\U0002003E"]
    cmap = to_unicode_cmap(text)
    blocks = re.findall(r"(\d+) beginbfchar\n(.*?)\nendbfchar", cmap, re.S)
    assert [int(n) for n, _ in blocks] == [100, 51]
    assert all(int(n) == len(body.splitlines()) for n, body in blocks)
    assert "<0001> <4E00>" in cmap
    assert "<0097> <D840DC3E>" in cmap  # outside the BMP: a UTF-16 surrogate pair
    assert "<0000>" not in cmap.split("endcodespacerange")[1]  # .notdef stands for nothing


needs_poppler = pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")


@needs_poppler
def test_each_face_is_one_cid_font_in_the_pdf(tmp_path):
    from briefing.model import Summary
    from briefing.renderers.pdf import render
    from briefing.template import load

    s = Summary.from_json((ROOT / "tests" / "fixtures" / "article.summary.json").read_text(encoding="utf-8"))
    p = tmp_path / "a.pdf"
    p.write_bytes(render(s, load("standard")))
    out = subprocess.run(["pdffonts", str(p)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    faces = [r[0].split("+", 1)[1] for r in rows]
    assert len(faces) == len(set(faces)) >= 3  # body, headings, highlight: each once
    assert all(r[1:4] == ["CID", "TrueType", "Identity-H"] for r in rows)


def test_a_face_of_a_truetype_collection_is_subset_from_its_own_tables(composite_font, tmp_path):
    from fontTools.ttLib.ttCollection import TTCollection

    other = TTFont(str(composite_font))
    other["glyf"]["A"].coordinates[0] = (7, 7)  # the second face draws A differently
    other["glyf"]["A"].recalcBounds(other["glyf"])
    ttc = TTCollection()
    ttc.fonts = [TTFont(str(composite_font)), other]
    path = tmp_path / "pair.ttc"
    ttc.save(str(path))
    ttf = _reportlab_face_index(path, 1)
    gid_a = other.getGlyphOrder().index("A")
    out = TTFont(io.BytesIO(subset(ttf, [0, gid_a])))
    assert list(out["glyf"][out.getGlyphOrder()[1]].coordinates)[0] == (7, 7)


def _reportlab_face_index(path: Path, index: int):
    from reportlab.pdfbase.ttfonts import TTFontFace

    return TTFontFace(str(path), subfontIndex=index)
