"""A web page saved as one file (``.mhtml`` / ``.mht``: "Web page, single file" in Edge and Chrome,
网页，单个文件 in 360 and QQ browsers): a MIME message whose first ``text/html`` part is the page,
usually quoted-printable, in the page's own charset. The stdlib's email parser undoes both."""

from __future__ import annotations

import email
import email.policy

from ..errors import InputError


def page_of(data: bytes, name: str) -> bytes:
    """The HTML of the saved page, as UTF-8 bytes."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    for part in msg.walk():
        if part.get_content_type() != "text/html":
            continue
        raw = part.get_payload(decode=True)
        if not isinstance(raw, bytes):
            continue
        charset = part.get_content_charset() or "utf-8"
        try:
            html = raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            html = raw.decode("gb18030", errors="replace")  # a page of a Chinese site that named no charset
        return html.encode("utf-8")
    raise InputError("a web page saved as one file (MHTML) that holds no HTML page", path=name,
                     hint="save the page as .html, or its text as .txt", code="html_no_text")
