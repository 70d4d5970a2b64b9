"""The Python API. The CLI is a thin layer over these functions; tests use them too.

    summary = briefing.extract("report.txt")
    files = briefing.render(summary, template="gbt9704")          # {"pdf": b"...", "docx": b"..."}
    result = briefing.build("report.txt", output_dir="output")     # writes the files atomically
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import reader
from .errors import InputError, SchemaError
from .extract import ExtractOptions, extract_summary
from .model import Summary
from .template import Template, apply_overrides, load

DEFAULT_FORMATS = ("pdf", "docx")
ALL_FORMATS = ("pdf", "docx", "json")


def extract_text(text: str, *, labels: tuple[str, ...] = (), name: str = "<text>") -> Summary:
    """Raw report text → Summary."""
    return extract_summary(text, ExtractOptions(labels=tuple(labels)), name=name)


def extract(
    path: str | Path,
    *,
    encoding: str | None = None,
    max_size: int = reader.DEFAULT_MAX_SIZE,
    labels: tuple[str, ...] = (),
) -> Summary:
    """A text file → Summary (encoding detected unless given)."""
    text = reader.read_path(path, encoding=encoding, max_size=max_size)
    return extract_summary(text.text, ExtractOptions(labels=tuple(labels)), name=str(path))


def load_summary(path: str | Path) -> Summary:
    """A summary JSON file (possibly edited by hand) → Summary, with schema errors by field path."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", path=str(p))
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as e:
        raise SchemaError(f"not UTF-8 at byte {e.start}", path=str(p)) from None
    except json.JSONDecodeError as e:
        raise SchemaError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}", path=str(p)) from None
    try:
        return Summary.from_dict(data)
    except SchemaError as e:
        raise SchemaError(f"{e.path}: {e.message}", path=str(p), hint=e.hint) from None


def get_template(template: str | Path | Template = "standard", overrides: dict[str, dict[str, Any]] | None = None) -> Template:
    tpl = template if isinstance(template, Template) else load(template)
    return apply_overrides(tpl, overrides) if overrides else tpl


def render(
    summary: Summary,
    *,
    template: str | Path | Template = "standard",
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    strict: bool = False,
    warn: Any = None,
) -> dict[str, bytes]:
    """Summary → {format: bytes} for pdf, docx and json."""
    from .render import RenderOptions
    from .render import render as render_one

    tpl = get_template(template)
    opts = RenderOptions(strict=strict, warn=warn or (lambda s: None))
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "json":
            out["json"] = (summary.to_json() + "\n").encode("utf-8")
        else:
            out[fmt] = render_one(summary, tpl, fmt, opts)
    return out


@dataclass
class BuildResult:
    input: str
    outputs: dict[str, str] = field(default_factory=dict)
    summary: Summary | None = None


def build(
    path: str | Path,
    *,
    output_dir: str | Path = "output",
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    template: str | Path | Template = "standard",
    force: bool = True,
    strict: bool = False,
    encoding: str | None = None,
    max_size: int = reader.DEFAULT_MAX_SIZE,
    labels: tuple[str, ...] = (),
    stem: str | None = None,
    warn: Any = None,
) -> BuildResult:
    """One input (a .txt report or a .json summary) → files in ``output_dir``, written atomically.
    Everything is rendered in memory first, so a failure writes nothing."""
    from .output import prepare_dir, safe_stem, write_atomic

    p = Path(path)
    if p.suffix.lower() == ".json":
        summary = load_summary(p)
    else:
        summary = extract(p, encoding=encoding, max_size=max_size, labels=labels)
    data = render(summary, template=template, formats=formats, strict=strict, warn=warn)
    out_dir = prepare_dir(output_dir)
    name = stem or safe_stem(p.stem)
    targets = {fmt: out_dir / f"{name}.{fmt}" for fmt in data}
    if not force:
        from .errors import OutputError

        for t in targets.values():
            if t.exists():
                raise OutputError("exists already", path=str(t), hint="pass --force to replace it")
    result = BuildResult(input=str(p), summary=summary)
    for fmt, blob in data.items():
        result.outputs[fmt] = str(write_atomic(targets[fmt], blob))
    return result
