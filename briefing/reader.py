"""Reader: the bytes of an input file → text (str), with the encoding found or forced.

Refuses binary input (PDF, Office/zip, images, NUL bytes) and undecodable bytes with a
message that names what it saw and what to do.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_SIZE = 20 * 1024 * 1024

_MAGIC = [
    (b"%PDF", "a PDF file", "copy its text out (pdftotext) and pass the .txt"),
    (b"PK\x03\x04", "a zip archive (DOCX/XLSX/ODT?)", "save it as plain text (.txt) first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (DOC/XLS)", "save it as plain text (.txt) first"),
    (b"\x89PNG", "a PNG image", "pass the report's text, not a picture of it"),
    (b"\xff\xd8\xff", "a JPEG image", "pass the report's text, not a picture of it"),
    (b"GIF8", "a GIF image", "pass the report's text, not a picture of it"),
    (b"{\\rtf", "an RTF document", "save it as plain text (.txt) first"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


@dataclass
class Text:
    text: str
    encoding: str


def read_path(path: str | Path, *, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Text:
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("no such file", path=name, hint="check the path")
    if p.is_dir():
        raise InputError("is a folder, not a file", path=name)
    size = p.stat().st_size
    if size > max_size:
        raise InputError(
            f"input is {size / 1e6:.1f} MB, over the {max_size / 1e6:.0f} MB limit",
            path=name,
            hint="raise it with --max-size if this is really one report",
        )
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=name) from None
    return decode(data, encoding=encoding, name=name)


def decode(data: bytes, *, encoding: str | None = None, name: str = "<input>") -> Text:
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path=name, hint="try utf-8, gb18030 or utf-16") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(
                f"not valid {encoding} at byte {e.start}", path=name, hint="check --encoding"
            ) from None
        return Text(_normalise_newlines(text.lstrip("\ufeff")), encoding)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Text(_normalise_newlines(data.decode(enc).lstrip("\ufeff")), enc)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"starts with a {enc} byte-order mark but is not valid {enc} at byte {e.start}",
                    path=name,
                    hint="re-save the file or pass --encoding",
                ) from None
    for magic, what, todo in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"looks like {what}, not text", path=name, hint=todo)
    if b"\x00" in data[:65536]:
        raise InputError(
            f"binary data (NUL byte at offset {data.index(0)}), not text",
            path=name,
            hint="pass a plain-text .txt file; for UTF-16 without BOM use --encoding utf-16-le",
        )
    try:
        return Text(_normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e.start
    try:
        return Text(_normalise_newlines(data.decode("gb18030")), "gb18030")
    except UnicodeDecodeError:
        pass
    guess = _guess(data)
    if guess:
        return Text(_normalise_newlines(guess[0]), guess[1])
    raise InputError(
        f"cannot decode the text (not UTF-8 at byte {utf8_error}, nor GB18030)",
        path=name,
        hint="pass --encoding with the file's encoding",
    )


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    text = str(best)
    # A guess that yields control characters is noise, not text.
    if sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f") > len(text) // 100:
        return None
    return text, best.encoding


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
