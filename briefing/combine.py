"""One 简报 issue from several inputs (``briefing build a.txt b.txt --combine``).

Each input becomes a Summary as in a single build; together they make an :class:`~briefing.issue.Issue`
(masthead values from the template, numbers from ``--issue``/``--total``, ``auto`` taken from the
state kept in the output folder) that the issue renderers set as one document. Everything is
rendered in memory and written in one atomic step with the state file, so a failure writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import reader
from .errors import SchemaError, TemplateError, UsageError
from .issue import ISSUE_SCHEMA, Issue
from .model import Summary
from .template import Template

DEFAULT_FORMATS = ("pdf", "docx")


@dataclass
class CombineOptions:
    """What a combined build adds to a single one (``[combine]`` in briefing.toml, or options)."""

    contents_title: str = "本期要目"
    total: str | None = None  # 总第N期: a number, or auto
    copies: int = 0  # numbered copies of the PDF (份号 000001…)
    copy_files: bool = False  # one PDF per copy instead of all copies in one file
    watermark: str = ""
    stem: str = ""  # the output files' name (default: NAME-第N期, NAME-2026年第N期 when numbered auto)


CONFIG_KEYS: dict[str, tuple[type, ...]] = {
    "enabled": (bool,), "contents_title": (str,), "total": (str, int), "copies": (int,), "copy_files": (bool,),
    "watermark": (str,), "stem": (str,),
}


def check_config(table: Any, source: str) -> dict[str, Any]:
    """The ``[combine]`` table of a briefing.toml, its keys and types checked."""
    if not isinstance(table, dict):
        raise TemplateError("key combine: expected a table like [combine]", path=source)
    for k, v in table.items():
        if k not in CONFIG_KEYS:
            raise TemplateError(f"key combine.{k}: unknown key (known: {', '.join(CONFIG_KEYS)})", path=source)
        if not isinstance(v, CONFIG_KEYS[k]) or (isinstance(v, bool) and bool not in CONFIG_KEYS[k]):
            raise TemplateError(f"key combine.{k}: expected {' or '.join(t.__name__ for t in CONFIG_KEYS[k])}",
                                path=source)
    if table.get("copies", 0) < 0:
        raise TemplateError("key combine.copies: must be 0 or more", path=source)
    return dict(table)


def options(table: dict[str, Any], **given: Any) -> CombineOptions:
    """Options from the config table, then those given on the command line (None: not given)."""
    values: dict[str, Any] = {k: (str(v) if k == "total" else v) for k, v in table.items() if k != "enabled"}
    values.update({k: v for k, v in given.items() if v not in (None, False, 0, "")})
    return CombineOptions(**values)


def read_items(paths: Iterable[str | Path], *, encoding: str | None = None, max_size: int = reader.DEFAULT_MAX_SIZE,
               labels: tuple[str, ...] = ()) -> tuple[list[Summary], list[str]]:
    """The inputs in order → their summaries (a report text extracted, a summary JSON as it is,
    an issue JSON's items), and the input names. The first bad input raises its error."""
    from .api import parse_summary, summary_from_bytes

    items: list[Summary] = []
    names: list[str] = []
    for p in map(Path, paths):
        data = reader.read_bytes(p, max_size=max_size)
        if p.suffix.lower() == ".json" and ISSUE_SCHEMA.encode() in data[:4096]:
            issue = parse_issue(data, name=str(p))
            items += issue.items
            names += issue.sources or [str(p)] * len(issue.items)
            continue
        if p.suffix.lower() == ".json":
            items.append(parse_summary(data, name=str(p)))
        else:
            items.append(summary_from_bytes(data, name=str(p), encoding=encoding, labels=labels))
        names.append(str(p))
    return items, names


def parse_issue(data: bytes, *, name: str) -> Issue:
    try:
        return Issue.from_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise SchemaError(f"not UTF-8 at byte {e.start}", path=name) from None
    except SchemaError as e:
        where = f"{e.path}: " if e.path else ""
        raise SchemaError(f"{where}{e.message}", path=name, hint=e.hint) from None


def render_issue(issue: Issue, template: Template, formats: tuple[str, ...] = DEFAULT_FORMATS, *,
                 strict: bool = False, warn: Callable[[str], None] | None = None,
                 copies: tuple[int, ...] = (), watermark: str = "") -> dict[str, bytes]:
    """Issue → {format: bytes}; the PDF with the given copy numbers and watermark."""
    from .renderers import RenderOptions
    from .renderers import render_issue as render_one

    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "json":
            out["json"] = (issue.to_json() + "\n").encode("utf-8")
            continue
        opts = RenderOptions(strict=strict, warn=warn or (lambda s: None),
                             copies=copies if fmt == "pdf" else (), watermark=watermark if fmt == "pdf" else "")
        out[fmt] = render_one(issue, template, fmt, opts)
    return out


@dataclass
class IssueResult:
    """What a combined build wrote: the files in order, and the issue."""

    outputs: list[str] = field(default_factory=list)
    issue: Issue | None = None


def build_issue(paths: Iterable[str | Path], *, output_dir: str | Path = "output",
                formats: tuple[str, ...] = DEFAULT_FORMATS, template: str | Path | Template = "standard",
                opts: CombineOptions | None = None,
                force: bool = False, strict: bool = False, encoding: str | None = None,
                max_size: int = reader.DEFAULT_MAX_SIZE, labels: tuple[str, ...] = (),
                warn: Callable[[str], None] | None = None) -> IssueResult:
    """Inputs → one issue's files in ``output_dir`` (and the issue-number state), atomically.
    ``template`` is a name, a .toml path or a Template (with the masthead and tail to print)."""
    from .api import get_template
    from .batch_plan import collect
    from .issue_numbers import assign
    from .output import inside, prepare_dir, safe_stem, write_files
    from .renderers.pdf_copies import copy_number

    opts = opts or CombineOptions()
    if (opts.watermark or opts.copies) and "pdf" not in formats:
        raise UsageError("--copies and --watermark are printed on the PDF only", hint="add pdf to --format")
    out_dir = Path(output_dir)
    files, problems = collect(paths, out_dir)
    if problems:
        raise UsageError(problems[0])
    if not files:
        raise UsageError("nothing to combine", hint="name the reports to put in the issue")
    template = get_template(template)
    # highlight labels named here, then those the template names (as a single build reads them)
    labels = tuple(dict.fromkeys([*labels, *template.highlight_labels]))
    items, names = read_items(files, encoding=encoding, max_size=max_size, labels=labels)
    m = template.masthead
    numbers = assign(out_dir, m.name, m.issue, opts.total, m.date)
    issue = Issue(items=items, name=m.name, number=numbers.number, total=numbers.total, unit=m.unit, date=m.date,
                  contents_title=opts.contents_title, sources=names)
    tpl = replace(template, masthead=replace(m, issue=numbers.number))
    stem = safe_stem(opts.stem or "-".join(x for x in (m.name, numbers.label()) if x) or "issue")
    pdf_files = "pdf" in formats and opts.copies > 0 and opts.copy_files
    main = tuple(f for f in formats if not (f == "pdf" and pdf_files))
    numbers_all = tuple(range(1, opts.copies + 1))
    blobs = _render_all(issue, tpl, main, strict, warn, numbers_all, opts.watermark)
    out_dir = prepare_dir(out_dir)
    targets = {inside(out_dir, f"{stem}.{fmt}"): data for fmt, data in blobs.items()}
    for k in numbers_all if pdf_files else ():
        one = render_issue(issue, tpl, ("pdf",), strict=strict, warn=warn, copies=(k,), watermark=opts.watermark)
        targets[inside(out_dir, f"{stem}-{copy_number(k)}.pdf")] = one["pdf"]
    written = write_files(targets, replace=force)
    if numbers.state_path is not None:  # only once the issue is out: a failed build takes no number
        write_files({numbers.state_path: numbers.state}, replace=True)
    return IssueResult(outputs=[str(p) for p in written], issue=issue)


def _render_all(issue: Issue, tpl: Template, formats: tuple[str, ...], strict: bool,
                warn: Callable[[str], None] | None, copies: tuple[int, ...], watermark: str) -> dict[str, bytes]:
    """All formats; the PDF in the forked helper (:mod:`briefing.prefork`) where there is one, while
    this process writes the DOCX: the two take about as long."""
    from . import prefork

    helper = prefork.start(tpl, strict) if "pdf" in formats else None
    if helper is None:
        return render_issue(issue, tpl, formats, strict=strict, warn=warn, copies=copies, watermark=watermark)
    job = prefork.IssueJob(issue, copies, watermark)
    try:
        helper.submit(job)
        rest = tuple(f for f in formats if f != "pdf")
        blobs = render_issue(issue, tpl, rest, strict=strict, warn=warn)
        got = helper.result(job)
    except prefork.PreflightFailed as e:
        raise e.error from None
    finally:
        helper.close()
    if got is None:  # the helper died: render here
        pdf = render_issue(issue, tpl, ("pdf",), strict=strict, warn=warn, copies=copies, watermark=watermark)["pdf"]
    else:
        pdf = got[0]
        for w in got[1]:
            (warn or (lambda s: None))(w)
    return {f: pdf if f == "pdf" else blobs[f] for f in formats}
