"""Faces embedded as CID-keyed TrueType fonts: one subset per face and PDF, Identity-H.

ReportLab embeds a TrueType face as simple fonts of 256 codes each: a briefing of 1,000 Chinese
characters gets six or seven subsets, each with its own copy of the face's header tables, a
256-entry Widths array and a ToUnicode map, and every string is split by subset as it is drawn
(a third of ReportLab's time for a briefing). Here each face used on a page becomes one Type0
font over one CIDFontType2: characters are numbered (CIDs) in the order they first appear, the
CID is the glyph number in the embedded subset (``/CIDToGIDMap /Identity``), text is written as
two-byte codes, and one ToUnicode map gives copied text back. Acrobat, pdf.js, poppler, PDFium,
MuPDF and pdfminer all read this form; it is what LibreOffice and Word write for CJK text.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from itertools import accumulate, chain
from struct import pack, unpack_from
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import calcChecksum

_COMPOSITE_MORE, _WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO = 0x20, 0x1, 0x8, 0x40, 0x80
_COPIED = ("name", "OS/2", "cvt ", "fpgm", "prep")  # as the face has them (the last three optional)


class _Raw(pdfdoc.PDFObject):
    """A PDF object written as it is (already formatted), as an indirect object."""

    __RefOnly__ = 1

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class EmbeddedFace:
    """One face in one PDF: the CIDs given to its characters so far, and at save time the font
    objects (written by ReportLab's document, which calls :meth:`addObjects`)."""

    def __init__(self, ttf: Any, internal: str) -> None:
        self.ttf = ttf  # ReportLab's TTFontFace (or the cached one)
        self.name = "/" + internal  # resource name, for the Tf operator
        self._internal = internal
        self._hex: dict[str, str] = {}  # character → its code, four hex digits
        self._cid_of_glyph: dict[int, int] = {0: 0}
        self.glyphs: list[int] = [0]  # CID → glyph of the face (CID 0 is .notdef)
        self.text: list[str] = [""]  # CID → the characters it stands for in copied text

    def codes(self, text: str) -> list[str]:
        """The code of each character of ``text`` (four hex digits), numbering new ones."""
        h = self._hex
        try:
            return [h[c] for c in text]
        except KeyError:
            for c in text:
                if c not in h:
                    h[c] = self._number(c)
            return [h[c] for c in text]

    def _number(self, ch: str) -> str:
        glyph = self.ttf.charToGlyph.get(0x20 if ch == "\xa0" else ord(ch), 0)
        # A character the face lacks (reported as missing) is drawn as .notdef, but gets a CID
        # of its own, so that copied text still has it.
        cid = self._cid_of_glyph.get(glyph) if glyph else None
        if cid is None:
            cid = len(self.glyphs)
            if glyph:
                self._cid_of_glyph[glyph] = cid
            self.glyphs.append(glyph)
            self.text.append(ch)
        return f"{cid:04X}"

    # ReportLab's PDFDocument calls this for each of its delayedFonts when it writes the file.
    def addObjects(self, doc: Any) -> None:  # noqa: N802 - ReportLab's name
        ttf = self.ttf
        program = subset(ttf, self.glyphs)
        # The widths layout used (ReportLab's, per character), so that glyphs land where the
        # line was measured.
        cw, dw = ttf.charWidths, ttf.defaultWidth
        widths = [cw.get(ord(t[0]), dw) if t else dw for t in self.text]
        base = _tag(self.glyphs) + "+" + (ttf.name + ttf.subfontNameX).decode("latin-1")
        base_name = pdfdoc.PDFName(base).encode("latin-1")

        def ref(obj: Any) -> bytes:
            return doc.Reference(obj).format(doc)

        def stream(content: bytes, **entries: Any) -> bytes:
            s = pdfdoc.PDFStream(content=content, filters=[pdfdoc.PDFZCompress] if doc.compression else [])
            for k, v in entries.items():
                s.dictionary[k] = v
            return ref(s)

        font_file = stream(program, Length1=len(program))
        flags = (ttf.flags & ~(1 << 5)) | (1 << 2)  # symbolic, as for any embedded subset
        descriptor = ref(_Raw(
            b"<< /Type /FontDescriptor /FontName " + base_name
            + b" /Flags " + _num(flags) + b" /FontBBox [" + b" ".join(_num(v) for v in ttf.bbox)
            + b"] /ItalicAngle " + _num(ttf.italicAngle) + b" /Ascent " + _num(ttf.ascent)
            + b" /Descent " + _num(ttf.descent) + b" /CapHeight " + _num(ttf.capHeight)
            + b" /StemV " + _num(ttf.stemV) + b" /MissingWidth " + _num(ttf.defaultWidth)
            + b" /FontFile2 " + font_file + b" >>"))
        cid_font = ref(_Raw(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + base_name
            + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            + b" /FontDescriptor " + descriptor + b" /DW " + _num(ttf.defaultWidth)
            + b" /W [ 0 [ " + b" ".join(_num(w) for w in widths) + b" ] ] /CIDToGIDMap /Identity >>"))
        to_unicode = stream(to_unicode_cmap(self.text).encode("ascii"))
        font = _Raw(
            b"<< /Type /Font /Subtype /Type0 /BaseFont " + base_name + b" /Encoding /Identity-H"
            + b" /DescendantFonts [ " + cid_font + b" ] /ToUnicode " + to_unicode + b" >>")
        doc.Reference(font, self._internal)
        doc.idToObject["BasicFonts"].dict[self._internal] = font


def embedded(canv: Any, face: Any) -> EmbeddedFace:
    """The embedded font of ``face`` (a :class:`briefing.fonts.Face`) in the canvas's PDF."""
    doc = canv._doc
    faces = doc.__dict__.get("_briefing_faces")
    if faces is None:
        faces = doc._briefing_faces = {}
    ttf = face.font.face
    e = faces.get(id(ttf))
    if e is None:
        # Names of their own (C1, C2 …), apart from ReportLab's F1 … for fonts it embeds itself.
        e = faces[id(ttf)] = EmbeddedFace(ttf, f"C{len(faces) + 1}")
        doc.delayedFonts.append(e)
    return e


def _num(v: float) -> bytes:
    return pdfdoc.fp_str(v).encode("ascii") if type(v) is not int else str(v).encode("ascii")


def _tag(glyphs: list[int]) -> str:
    """Six capital letters naming the subset (PDF 32000 9.6.4), from its glyphs: the same subset
    gets the same name, so identical input still gives identical bytes."""
    digest = hashlib.sha1(pack(f">{len(glyphs)}H", *glyphs)).digest()
    return "".join(chr(65 + b % 26) for b in digest[:6])


def to_unicode_cmap(text: list[str]) -> str:
    """The ToUnicode CMap for two-byte CIDs: CID i stands for ``text[i]`` (CID 0, .notdef, for
    nothing)."""
    entries = [f"<{cid:04X}> <{ord(t):04X}>" if len(t) == 1 and t < "\U00010000"
               else f"<{cid:04X}> <{t.encode('utf-16-be').hex().upper()}>" for cid, t in enumerate(text) if t]
    out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
           "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for k in range(0, len(entries), 100):  # at most 100 entries a block (PDF 32000 9.10.3)
        block = entries[k:k + 100]
        out += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out)


def subset(ttf: Any, glyphs: list[int]) -> bytes:
    """A TrueType program with ``glyphs`` of ``ttf`` as glyphs 0, 1, 2 … (so a CID is its glyph
    number), followed by the components of composite glyphs. Glyphs are copied, not parsed, but
    for renumbering components."""
    base = ttf.get_table_pos("glyf")[0]
    data = ttf._ttf_data
    pos = ttf.glyphPos
    order = list(glyphs)
    new = {g: i for i, g in enumerate(order)}
    pieces = [data[base + pos[g]:base + pos[g + 1]] for g in order]
    # A composite glyph (numberOfContours < 0: the high bit of its first byte) names its
    # components by number: they are appended and the references renumbered.
    k = 0
    while True:
        found = [i for i in range(k, len(pieces)) if pieces[i] and pieces[i][0] & 0x80]
        if not found:
            break
        k = len(pieces)
        for i in found:
            pieces[i] = _renumber(bytes(pieces[i]), new, order)
        pieces += [data[base + pos[g]:base + pos[g + 1]] for g in order[k:]]
    if any(len(p) & 1 for p in pieces):  # loca's short format counts in words
        pieces = [p + b"\0" if len(p) & 1 else p for p in pieces]
    offsets = list(accumulate(map(len, pieces), initial=0))
    n = len(order)
    if offsets[-1] // 2 > 0xFFFF:
        loca, loca_format = _big_endian(offsets, "L"), 1
    else:
        loca, loca_format = _big_endian([o >> 1 for o in offsets]), 0
    hmetrics = ttf.hmetrics
    tables: dict[str, bytes] = {}
    for tag in _COPIED:
        try:
            tables[tag] = bytes(ttf.get_table(tag))
        except KeyError:
            pass
    post = bytes(ttf.get_table("post"))
    tables["post"] = b"\x00\x03\x00\x00" + post[4:16] + b"\x00" * 16  # no glyph names
    # ReportLab keeps the (signed) left side bearings as read, unsigned: both fields go back as such.
    tables["hmtx"] = _big_endian(chain.from_iterable([hmetrics[g] for g in order]))
    tables["hhea"] = _set_ushort(bytes(ttf.get_table("hhea")), 34, n)
    tables["maxp"] = _set_ushort(bytes(ttf.get_table("maxp")), 4, n)
    # A cmap is not needed with /CIDToGIDMap /Identity; some consumers still want one: code i
    # is glyph i (format 6, Macintosh Roman platform, as ReportLab writes it).
    tables["cmap"] = pack(">11H", 0, 1, 1, 0, 0, 12, 6, 10 + 2 * n, 0, 0, n) + _big_endian(range(n))
    tables["glyf"] = b"".join(pieces)
    tables["loca"] = loca
    head = bytearray(ttf.get_table("head"))
    head[8:12] = b"\0\0\0\0"
    head[50:52] = pack(">H", loca_format)
    tables["head"] = bytes(head)
    return _font_file(tables)


def _big_endian(values: Any, code: str = "H") -> bytes:
    a = array(code, values)
    if a.itemsize != {"H": 2, "L": 4}[code]:  # "L" is 8 bytes on some platforms
        return pack(f">{len(a)}{code}", *a)
    if sys.byteorder == "little":
        a.byteswap()
    return a.tobytes()


def _renumber(glyph: bytes, new: dict[int, int], order: list[int]) -> bytes:
    """A composite glyph with its components given their new numbers (new ones appended)."""
    out = bytearray(glyph)
    p = 10
    flags = _COMPOSITE_MORE
    while flags & _COMPOSITE_MORE:
        flags, component = unpack_from(">HH", out, p)
        target = new.get(component)
        if target is None:
            target = new[component] = len(order)
            order.append(component)
        out[p + 2:p + 4] = pack(">H", target)
        p += 4 + (4 if flags & _WORDS else 2)
        if flags & _SCALE:
            p += 2
        elif flags & _XY_SCALE:
            p += 4
        elif flags & _TWO_BY_TWO:
            p += 8
    return bytes(out)


def _set_ushort(data: bytes, offset: int, value: int) -> bytes:
    return data[:offset] + pack(">H", value) + data[offset + 2:]


def _font_file(tables: dict[str, bytes]) -> bytes:
    """An sfnt file of ``tables``, with their checksums and the head's checkSumAdjustment."""
    tags = sorted(tables)
    n = len(tags)
    search = 1
    selector = 0
    while search * 2 <= n:
        search *= 2
        selector += 1
    header = [pack(">LHHHH", 0x00010000, n, search * 16, selector, n * 16 - search * 16)]
    offset = 12 + 16 * n
    body: list[bytes] = []
    head_at = 0
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = offset
        header.append(tag.encode("latin-1") + pack(">LLL", calcChecksum(data), offset, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    out = bytearray(b"".join(header) + b"".join(body))
    out[head_at + 8:head_at + 12] = pack(">L", (0xB1B0AFBA - calcChecksum(bytes(out))) & 0xFFFFFFFF)
    return bytes(out)
