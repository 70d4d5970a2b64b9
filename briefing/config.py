"""``briefing.toml`` and the masthead options: which template, and the values that fill it.

A ``briefing.toml`` in the working folder is read by default (``--config`` names another)::

    [build]                      # defaults for `briefing build`; options on the command line win
    template = "gbt9704"         # a bundled name, or a .toml path (relative to this file)
    formats = ["pdf", "docx"]
    output_dir = "output"

    [masthead]                   # any key of the template's [masthead], [tail] and [meta]
    name = "郑州高新区工作简报"
    issue = "第3期"
    unit = "郑州高新区管委会办公室"

    [tail]
    report_to = "市委办公厅"
    send_to = "市人大办公厅，市政协办公厅"
    issue_to = "各部门"
    copies = 30
    printer = "市政府办公室"      # the 印发 line (default: the masthead's unit and date)
    print_date = "2026年3月1日"

    [combine]                    # `briefing build --combine`: see briefing.combine
    enabled = true
    total = "auto"

Errors name the file, the line and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import TemplateError, UsageError
from .template import Template, apply_overrides, load, load_config

CONFIG_NAME = "briefing.toml"
_BUILD_KEYS = {"template": str, "formats": list, "output_dir": str}

# --distribution "报:市委办公厅;送:市人大办公厅,市政协办公厅;发:各部门;印:30"
_DIST_KEYS = {
    "报": "report_to", "报送": "report_to",
    "送": "send_to", "抄送": "send_to",
    "发": "issue_to", "发至": "issue_to", "分送": "issue_to",
    "印": "copies", "共印": "copies", "份": "copies",
    "印发": "printer", "印发机关": "printer", "印发日期": "print_date", "日期": "print_date",
}
DISTRIBUTION_HELP = (
    "The distribution lines at the end (GB/T 9704 tail): '报:A;送:B,C;发:D;印:30' "
    "(报 = report_to, 送 = send_to, 发 = issue_to, 印 = copies, 印发 = printing unit, 日期 = its date; "
    "; or ； between parts, : or ： after the key)."
)


@dataclass
class Config:
    """A ``briefing.toml``: template overrides and defaults for the command line."""

    path: Path | None = None
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    template: str | None = None
    formats: tuple[str, ...] | None = None
    output_dir: Path | None = None
    combine: dict[str, Any] = field(default_factory=dict)  # [combine]: see briefing.combine


def find_config(explicit: str | Path | None = None, cwd: str | Path | None = None) -> Path | None:
    """The config to read: ``explicit`` (must exist) or ``briefing.toml`` in ``cwd``."""
    if explicit is not None:
        p = Path(explicit)
        if not p.is_file():
            raise UsageError("no such config file", path=str(p), hint="check --config")
        return p
    p = Path(cwd or ".") / CONFIG_NAME
    return p if p.is_file() else None


def read_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = with_lines(lambda: load_config(path))
    cfg = Config(path=path)
    build = data.pop("build", {})
    if "combine" in data:
        from .combine import check_config

        cfg.combine = with_lines(lambda: check_config(data.pop("combine"), str(path)))
    for k, v in build.items():
        if k not in _BUILD_KEYS:
            raise _keyed(path, f"build.{k}", f"unknown key (known: {', '.join(_BUILD_KEYS)})")
        if not isinstance(v, _BUILD_KEYS[k]):
            raise _keyed(path, f"build.{k}", "expected a list of strings" if k == "formats" else "expected a string")
    if "template" in build:
        spec = build["template"]
        rel = path.parent / spec
        cfg.template = str(rel) if spec.endswith(".toml") and not Path(spec).is_absolute() else spec
    if "formats" in build:
        cfg.formats = tuple(str(x) for x in build["formats"])
    if "output_dir" in build:
        cfg.output_dir = path.parent / build["output_dir"]
    cfg.overrides = data
    with_lines(lambda: apply_overrides(Template(), data, str(path)))  # report bad keys before any work
    return cfg


def option_overrides(
    *, name: str | None = None, issue: str | None = None, unit: str | None = None,
    date_text: str | None = None, distribution: str | None = None,
) -> dict[str, dict[str, Any]]:
    """Masthead and tail values given as command-line options."""
    masthead = {"name": name, "issue": format_issue(issue), "unit": unit, "date": format_date(date_text)}
    out: dict[str, dict[str, Any]] = {}
    if any(v is not None for v in masthead.values()):
        out["masthead"] = {k: v for k, v in masthead.items() if v is not None}
    if distribution is not None:
        out["tail"] = parse_distribution(distribution)
    return out


def format_issue(issue: str | None) -> str | None:
    """``3`` → ``第3期``; anything else as written."""
    if issue is None:
        return None
    issue = issue.strip()
    return f"第{int(issue)}期" if issue.isdigit() else issue


def format_date(text: str | None) -> str | None:
    """``2026-03-01`` or ``today`` → ``2026年3月1日`` (GB/T 9704 writes dates in Arabic numerals,
    without leading zeros); anything else as written."""
    if text is None:
        return None
    text = text.strip()
    if text.lower() == "today":
        d = date.today()
        return f"{d.year}年{d.month}月{d.day}日"
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if m:
        y, mo, da = (int(x) for x in m.groups())
        try:
            date(y, mo, da)
        except ValueError:
            raise UsageError(f"--date: no such day {text!r}", code="no_such_day", params={"date": text}) from None
        return f"{y}年{mo}月{da}日"
    return text


def parse_distribution(text: str) -> dict[str, Any]:
    """``报:A;送:B,C;发:D;印:30`` → tail values (and the tail switched on)."""
    tail: dict[str, Any] = {"enabled": True}
    for part in re.split(r"[;；]", text):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"([^:：]+)[:：](.*)", part)
        if not m or m.group(1).strip() not in _DIST_KEYS:
            raise UsageError(
                f"--distribution: cannot read {part!r}",
                hint="write it like '报:市委办公厅;送:市人大办公厅,市政协办公厅;发:各部门;印:30'",
                code="bad_distribution", params={"part": part},
            )
        key, value = _DIST_KEYS[m.group(1).strip()], m.group(2).strip()
        if key == "print_date":
            tail[key] = format_date(value)
        elif key == "copies":
            digits = value.rstrip("份").strip()
            if not digits.isdigit():
                raise UsageError(f"--distribution: copies must be a number, got {value!r}", hint="e.g. 印:30",
                                 code="bad_distribution", params={"part": part})
            tail[key] = int(digits)
        else:
            tail[key] = value.replace(",", "，")
    return tail


def resolve_template(
    spec: str | Path | None, config: Config | None = None, options: dict[str, dict[str, Any]] | None = None
) -> Template:
    """The template to render with: ``spec`` (or the config's, or ``standard``) with the config's
    values and then the options' values applied."""
    config = config or Config()
    chosen = spec if spec is not None else (config.template or "standard")
    tpl = with_lines(lambda: load(chosen))
    if config.overrides:
        tpl = with_lines(lambda: apply_overrides(tpl, config.overrides, str(config.path)))
    if options:
        tpl = apply_overrides(tpl, options, "<options>")
    return tpl


def with_lines(fn: Any) -> Any:
    """Run ``fn``; a TemplateError that names a key of a TOML file gets that key's line."""
    try:
        return fn()
    except TemplateError as e:
        m = re.match(r"key ([^:]+): (.*)", e.message)
        if m and e.path and Path(e.path).is_file():
            line = key_line(Path(e.path), m.group(1))
            if line:
                raise TemplateError(f"line {line}: {e.message}", path=e.path, hint=e.hint) from None
        raise


def _keyed(path: Path, key: str, message: str) -> TemplateError:
    line = key_line(path, key)
    where = f"line {line}: " if line else ""
    return TemplateError(f"{where}key {key}: {message}", path=str(path))


_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def key_line(path: Path, dotted: str) -> int | None:
    """The 1-based line where ``dotted`` (``roles.body.size``) is set or its table starts."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    want = _norm(dotted)
    table = ""
    best = None
    for i, line in enumerate(lines, 1):
        if m := _TABLE.match(line):
            table = _norm(m.group(1))
            if table == want:
                best = best or i
            continue
        if m := _KEY.match(line):
            full = f"{table}.{_norm(m.group(1))}" if table else _norm(m.group(1))
            if full == want:
                return i
            if want.startswith(full + ".") and best is None:
                best = i
    return best


def _norm(key: str) -> str:
    return ".".join(p.strip().strip("\"'") for p in key.split("."))
