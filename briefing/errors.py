"""The error family. Every failure a user can cause is a BriefingError with its own exit code;
the CLI prints ``str(error)`` as one line and exits with ``error.exit_code``."""

from __future__ import annotations

from typing import Any


class BriefingError(Exception):
    """Base class: a problem the user can fix. ``hint`` says what to do; ``code`` and ``params``
    name the kind of problem and its values, for a front end that says it in its own words."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None, code: str = "",
                 params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint
        self.code = code
        self.params = params or {}

    def __str__(self) -> str:
        head = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{head}{self.message}{tail}"


class Notice(str):
    """A warning: its English line (what the CLI prints, a str anywhere one is taken) with its
    kind (``code``) and values (``params``), for a front end that says it in its own words."""

    code: str
    params: dict[str, Any]

    def __new__(cls, text: str, code: str, **params: Any) -> Notice:
        self = super().__new__(cls, text)
        self.code = code
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # a batch worker sends its warnings to the parent
        return (_notice, (str(self), self.code, self.params))


def _notice(text: str, code: str, params: dict[str, Any]) -> Notice:
    return Notice(text, code, **params)


class UsageError(BriefingError):
    """Wrong arguments or options."""

    exit_code = 2


class InputError(BriefingError):
    """The input file is missing, empty, binary, undecodable or too large."""

    exit_code = 3


class SchemaError(BriefingError):
    """A summary JSON that does not follow the schema; ``path`` names the field."""

    exit_code = 4


class TemplateError(BriefingError):
    """A template or config file with a TOML or schema error."""

    exit_code = 5


class FontError(BriefingError):
    """A missing or unusable font file, or characters no font covers under --strict."""

    exit_code = 6


class OutputError(BriefingError):
    """The output cannot be written: not a folder, not writable, disk full, file exists."""

    exit_code = 7
