"""Templates are data: ``templates/*.toml`` read into typed dataclasses and validated.

A template is found by name (a bundled ``NAME.toml``) or by path. A ``briefing.toml`` config and
command-line options then override masthead, tail and meta values (:func:`apply_overrides`).
Errors name the file and the key (and the line for TOML syntax errors).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import TemplateError
from .resources import templates_dir
from .typed import build

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROLES = (
    "title", "kicker", "subtitle", "byline", "heading", "subheading", "body", "lead", "highlight",
    "label", "table", "table_header", "masthead", "masthead_meta", "page_number", "tail",
)


@dataclass(frozen=True)
class Info:
    """The template's name and description (``[template]``)."""

    name: str = ""
    description: str = ""


@dataclass(frozen=True)
class Page:
    """Paper size and margins (``[page]``)."""

    width_mm: float = 210
    height_mm: float = 297
    margin_top_mm: float = 25
    margin_bottom_mm: float = 25
    margin_left_mm: float = 25
    margin_right_mm: float = 25


@dataclass(frozen=True)
class Masthead:
    """The head of the first page (``[masthead]``): a band, the red 简报 head, or none."""

    style: str = "band"  # band | redhead | none
    name: str = "工作简报"
    issue: str = ""
    unit: str = ""
    date: str = ""
    color: str = "#FF0000"
    running_header: bool = False


@dataclass(frozen=True)
class Colors:
    """Accent, rules, box and label colours (``[colors]``)."""

    accent: str = "#1F4E79"
    rule: str = "#1F4E79"
    box_fill: str = "#F2F5F9"
    box_border: str = "#8EA4BF"
    label_fill: str = "#1F4E79"
    label_text: str = "#FFFFFF"


@dataclass(frozen=True)
class Role:
    """The fonts, size and leading of one text role (``[roles.NAME]``)."""

    fonts: list[str] = field(default_factory=lambda: ["Noto Serif SC"])
    latin: str = "Times New Roman"
    size: float = 12
    leading: float = 20
    bold: bool = False


@dataclass(frozen=True)
class Body:
    """Body text rules (``[body]``): indent, justification, the line grid."""

    first_line_indent_chars: int = 2
    justify: bool = True
    chars_per_line: int = 0
    lines_per_page: int = 0


@dataclass(frozen=True)
class PageNumber:
    """Page number format and place (``[page_number]``)."""

    format: str = "— {n} —"
    position: str = "center"  # center | outside
    offset_mm: float = 10


@dataclass(frozen=True)
class Appendix:
    """The targets appendix (``[appendix]``)."""

    enabled: bool = True
    title: str = "附：目标任务一览"


@dataclass(frozen=True)
class Glance:
    """The key-figure panel and charts (``[glance]``)."""

    enabled: bool = True  # the 要点速览 panel and the target-versus-result charts
    title: str = "要点速览"
    charts: bool = True  # the charts alone (in the appendix)


@dataclass(frozen=True)
class Tail:
    """The distribution tail of the last page (``[tail]``: 报 送 发, copies)."""

    enabled: bool = False
    report_to: str = ""
    send_to: str = ""
    issue_to: str = ""
    copies: int = 0
    printer: str = ""  # the 印发 unit (default: the masthead's unit)
    print_date: str = ""  # the 印发 date (default: the masthead's date)


@dataclass(frozen=True)
class Meta:
    """Document metadata (``[meta]``)."""

    author: str = ""


@dataclass(frozen=True)
class Template:
    """A briefing template: page, masthead, colours, roles and switches, as read from TOML."""

    template: Info = field(default_factory=Info)
    page: Page = field(default_factory=Page)
    masthead: Masthead = field(default_factory=Masthead)
    colors: Colors = field(default_factory=Colors)
    roles: dict[str, Role] = field(default_factory=dict)
    body: Body = field(default_factory=Body)
    page_number: PageNumber = field(default_factory=PageNumber)
    appendix: Appendix = field(default_factory=Appendix)
    glance: Glance = field(default_factory=Glance)
    tail: Tail = field(default_factory=Tail)
    meta: Meta = field(default_factory=Meta)
    highlight_labels: list[str] = field(default_factory=list)
    reference_docx: str = ""
    # Where it was read from: resolves reference_docx and names the file in errors.
    source: str = ""

    @property
    def name(self) -> str:
        return self.template.name

    def role(self, name: str) -> Role:
        return self.roles.get(name) or self.roles.get("body") or Role()


def available() -> dict[str, Path]:
    """Bundled template names → files."""
    return {p.stem: p for p in sorted(templates_dir().glob("*.toml"))}


# Templates read in this process, by file and its size and mtime: ``render(s, template="gbt9704")``
# in a loop would otherwise parse and check the TOML (7 ms) for every document. Templates are
# frozen; the cached one is shared.
_LOADED: dict[tuple[str, int, int], Template] = {}


def load(name_or_path: str | Path = "standard") -> Template:
    spec = str(name_or_path)
    path = Path(spec)
    # a folder of that name (an output folder called "standard") is no template file
    if not (spec.endswith(".toml") or path.is_file()):
        known = available()
        if spec not in known:
            raise TemplateError(
                f"unknown template {spec!r}", hint=f"known: {', '.join(known) or 'none'}, or a path to a .toml file"
            )
        path = known[spec]
    try:
        st = path.stat()
        key: tuple[str, int, int] | None = (str(path), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None  # read_toml names the problem
    hit = _LOADED.get(key) if key else None
    if hit is not None:
        return hit
    data = read_toml(path)
    tpl = replace(from_dict(data, str(path)), source=str(path))
    if key:
        if len(_LOADED) >= 16:
            _LOADED.clear()
        _LOADED[key] = tpl
    return tpl


def read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise TemplateError("no such file", path=str(path))
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise TemplateError(f"TOML syntax error: {e}", path=str(path)) from None
    except UnicodeDecodeError as e:
        raise TemplateError(f"not UTF-8 at byte {e.start}", path=str(path)) from None


def from_dict(data: dict[str, Any], source: str = "<template>") -> Template:
    try:
        tpl: Template = build(Template, data, "", TemplateError, strict_keys=True)
    except TemplateError as e:
        raise TemplateError(f"key {e.path}: {e.message}", path=source, hint=e.hint) from None
    _validate(tpl, source)
    return tpl


def _validate(t: Template, source: str) -> None:
    def bad(key: str, msg: str) -> TemplateError:
        return TemplateError(f"key {key}: {msg}", path=source)

    for r in t.roles:
        if r not in ROLES:
            raise bad(f"roles.{r}", f"unknown role (known: {', '.join(ROLES)})")
    for r, role in t.roles.items():
        if not role.fonts:
            raise bad(f"roles.{r}.fonts", "needs at least one font")
        if role.size <= 0 or role.leading <= 0:
            raise bad(f"roles.{r}", "size and leading must be positive")
    if t.masthead.style not in ("band", "redhead", "none"):
        raise bad("masthead.style", "expected band, redhead or none")
    if t.page_number.position not in ("center", "outside"):
        raise bad("page_number.position", "expected center or outside")
    if "{n}" not in t.page_number.format:
        raise bad("page_number.format", "must contain {n}")
    for f in fields(Colors):
        v = getattr(t.colors, f.name)
        if not (len(v) == 7 and v.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in v[1:])):
            raise bad(f"colors.{f.name}", f"expected a colour like #1F4E79, got {v!r}")
    p = t.page
    if p.margin_left_mm + p.margin_right_mm >= p.width_mm or p.margin_top_mm + p.margin_bottom_mm >= p.height_mm:
        raise bad("page", "margins leave no room for text")


CONFIG_SECTIONS = {"masthead": Masthead, "tail": Tail, "meta": Meta}


def apply_overrides(t: Template, overrides: dict[str, dict[str, Any]], source: str = "<options>") -> Template:
    """Replace masthead/tail/meta values (from briefing.toml or CLI options), type-checked."""
    changes: dict[str, Any] = {}
    for section, values in overrides.items():
        if section not in CONFIG_SECTIONS:
            raise TemplateError(
                f"key {section}: unknown section (known: {', '.join(CONFIG_SECTIONS)})", path=source
            )
        current = getattr(t, section)
        merged = {f.name: getattr(current, f.name) for f in fields(current)}
        merged.update({k: v for k, v in values.items() if v is not None})
        try:
            changes[section] = build(CONFIG_SECTIONS[section], merged, section, TemplateError, strict_keys=True)
        except TemplateError as e:
            raise TemplateError(f"key {e.path}: {e.message}", path=source) from None
    return replace(t, **changes)


def load_config(path: Path) -> dict[str, dict[str, Any]]:
    data = read_toml(path)
    for k, v in data.items():
        if not isinstance(v, dict):
            raise TemplateError(f"key {k}: expected a table like [masthead]", path=str(path))
    return data
