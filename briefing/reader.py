"""Reader: the bytes of an input file → text (str), with the encoding found or forced.

Every way an input can be unusable ends in one :class:`InputError` that says what was seen and
what to do: a missing path, a folder, a device or pipe, a file over the size limit, an empty or
whitespace-only file, binary data (images, old Office files, NUL bytes) and undecodable bytes
(with the byte offset and a hint to pass ``--encoding``). PDF, Word and web pages are read by
:mod:`briefing.readers`, which calls :func:`decode` for text.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

# Ten times the longest government work report: a bigger file is several reports pasted together
# (split it), and one build of it would take more than ten seconds.
DEFAULT_MAX_SIZE = 2 * 1024 * 1024
# A PDF or Word file is mostly pictures and fonts (a newspaper page is often 3-10 MB): the file
# may be this many times the limit, and the text read from it is held to the limit itself.
RICH_FACTOR = 16


def size_limit(head: bytes, max_size: int) -> int:
    """The largest file accepted whose first bytes are ``head``: a PDF or a zip (Word) gets
    ``RICH_FACTOR`` times ``max_size``."""
    return max_size * RICH_FACTOR if head.startswith((b"%PDF", b"PK\x03\x04")) else max_size

_MAGIC = [
    # PDF and DOCX never get here through briefing.readers, which reads them; a caller that
    # wants text only is told so.
    (b"%PDF", "pdf", "a PDF file", "read it with briefing.readers.read_input"),
    (b"PK\x03\x04", "zip", "a zip archive (DOCX/XLSX/ODT?)", "save it as plain text (.txt) first"),
    (b"\xd0\xcf\x11\xe0", "office", "an old Office document (DOC/XLS)", "save it as plain text (.txt) first"),
    (b"\x89PNG", "image", "a PNG image", "pass the report's text, not a picture of it"),
    (b"\xff\xd8\xff", "image", "a JPEG image", "pass the report's text, not a picture of it"),
    (b"GIF8", "image", "a GIF image", "pass the report's text, not a picture of it"),
    (b"{\\rtf", "office", "an RTF document", "save it as plain text (.txt) first"),
    (b"\x1f\x8b", "archive", "a gzip archive", "unpack it first"),
    (b"\x7fELF", "program", "a program (ELF)", "pass the report's text"),
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

_ALLOWED_CONTROLS = set("\t\n\r\f\v")


@dataclass
class Text:
    """Decoded input text and the encoding it was read with."""

    text: str
    encoding: str


def human_size(n: float) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{int(n)} bytes"


def read_bytes(path: str | Path, *, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The raw bytes of an input file, refusing what is not a readable regular file of at most
    ``max_size`` bytes."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", path=name, hint="check the path") from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=name) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a file", path=name)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (a device, pipe or socket)", path=name, hint="pass a .txt file")
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            limit = size_limit(head, max_size)
            check_size(st.st_size, limit, name, rich=limit != max_size)
            data = head + f.read(limit + 1 - len(head))  # the file may have grown since stat()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=name) from None
    check_size(len(data), limit, name, rich=limit != max_size)
    return data


def check_size(size: int, max_size: int, name: str, *, rich: bool = False, what: str = "input") -> None:
    """Refuse ``size`` bytes over ``max_size``: an input file, or (``what="its text"``) the text
    read from a PDF, Word file or web page."""
    if size > max_size:
        raise InputError(
            f"{what} is {human_size(size)}, over the {human_size(max_size)} limit"
            + (f" for a PDF or Word file ({RICH_FACTOR} × --max-size)" if rich else ""),
            path=name,
            hint="a report is rarely over 200 KB: split the file, or raise the limit with --max-size",
            code="too_large", params={"size": size, "limit": max_size, "text": what != "input"},
        )


def decode(data: bytes, *, encoding: str | None = None, name: str = "<input>") -> Text:
    """Bytes → text: a forced encoding, else a BOM, else UTF-8, else GB18030, else a guess."""
    if not data:
        raise InputError("empty file (0 bytes)", path=name, hint="pass a file with the report's text", code="empty")
    result = _forced(data, encoding, name) if encoding else _detect(data, name)
    if not result.text.strip():
        raise InputError("only whitespace, no text", path=name, hint="pass a file with the report's text",
                         code="blank")
    _refuse_control_noise(result.text, name)
    return Text(_normalise_newlines(result.text), result.encoding)


def _forced(data: bytes, encoding: str, name: str) -> Text:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=name, hint="try utf-8, gb18030, big5 or utf-16") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid {encoding} at byte {e.start} (0x{data[e.start]:02x})",
            path=name,
            hint="pass the file's real encoding with --encoding",
            code="undecodable",
        ) from None
    return Text(text.lstrip("\ufeff"), encoding)


def _detect(data: bytes, name: str) -> Text:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Text(data.decode(enc).lstrip("\ufeff"), enc)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"starts with a {enc} byte-order mark but is not valid {enc} at byte {e.start}",
                    path=name,
                    hint="re-save the file or pass --encoding",
                    code="undecodable",
                ) from None
    for magic, kind, what, todo in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"looks like {what}, not text", path=name, hint=todo, code="not_text",
                             params={"kind": kind})
    head = data[:65536]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16
        raise InputError(
            f"binary data (NUL byte at offset {data.index(0)}), not text",
            path=name,
            hint="pass a plain-text .txt file",
            code="binary",
        )
    try:
        return Text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e.start
    if _mostly_utf8(data):
        raise InputError(
            f"not valid UTF-8 at byte {utf8_error} (0x{data[utf8_error]:02x}), though the rest looks like UTF-8",
            path=name,
            hint="the file is damaged or mixes encodings; fix that byte or pass --encoding",
            code="undecodable",
        )
    if _plausible_gb(data):
        try:
            return Text(data.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            pass
    guess = _guess(data)
    if guess:
        return guess
    raise InputError(
        f"cannot decode the text: not UTF-8 (bad byte at offset {utf8_error}) nor GB18030",
        path=name,
        hint="pass the file's encoding with --encoding, e.g. --encoding big5",
        code="undecodable",
    )


def _utf16_without_bom(data: bytes) -> Text | None:
    """UTF-16 text saved without a byte-order mark (its ASCII characters put NUL bytes in it)."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _control_share(text) < 0.01:
            return Text(text, enc)
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Text that is valid UTF-8 but for a few bytes: a damaged file, not another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 0x7F) - bad
    return good >= 20 * bad


def _plausible_gb(data: bytes, sample: int = 65536) -> bool:
    """GBK/GB18030 text is mostly the common characters and punctuation of GB2312 (lead byte
    A1-A9 or B0-F7, trail byte A1-FE); other bytes (UTF-16 without a BOM, Big5) decode as
    GB18030 too, but into rare characters."""
    common = total = i = 0
    n = min(len(data), sample)
    while i < n - 1:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        t = data[i + 1]
        if 0x30 <= t <= 0x39:  # a four-byte GB18030 sequence
            total += 1
            i += 4
            continue
        total += 1
        if (0xA1 <= b <= 0xA9 or 0xB0 <= b <= 0xF7) and 0xA1 <= t <= 0xFE:
            common += 1
        i += 2
    return total == 0 or common >= 0.8 * total


def _guess(data: bytes) -> Text | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    text = str(best)
    if _control_share(text) > 0.01:
        return None  # a guess that yields control characters is noise, not text
    return Text(text, best.encoding)


def _control_share(text: str) -> float:
    sample = text[:65536]
    bad = sum(1 for c in sample if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) and c not in _ALLOWED_CONTROLS)
    return bad / max(1, len(sample))


def _refuse_control_noise(text: str, name: str) -> None:
    if _control_share(text) > 0.01:
        raise InputError("binary data (many control characters), not text", path=name, hint="pass a plain-text .txt file",
                         code="binary")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
