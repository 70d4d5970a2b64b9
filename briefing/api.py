"""The Python API. The CLI is a thin layer over these functions; tests use them too.

    summary = briefing.extract("report.txt")
    files = briefing.render(summary, template="gbt9704")          # {"pdf": b"...", "docx": b"..."}
    result = briefing.build("report.txt", output_dir="output")     # writes the files atomically
    batch = briefing.build_batch(["reports/"], output_dir="output", workers=2)  # + manifest.json
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import reader
from .errors import InputError, Notice, SchemaError, UsageError
from .extraction import ExtractOptions, extract_summary
from .model import Section, Summary
from .readers import ArticleInfo, Input, opening_words, pick_article, sniff
from .readers import read_input as read_document
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
    article: int | str | None = None,
    warn: Any = None,
) -> Summary:
    """A report file (text, PDF, Word or web page) → Summary (encoding detected unless given).
    ``article`` picks one article of a newspaper PDF (its number or a word of its title);
    ``warn(message)`` hears what the reader could not read (a PDF's scanned pages)."""
    data = reader.read_bytes(path, max_size=max_size)
    return summary_from_bytes(data, name=str(path), encoding=encoding, labels=labels, article=article, warn=warn,
                              max_size=max_size)


def read_input(data: bytes, *, name: str = "<input>", encoding: str | None = None,
               article: int | str | None = None) -> Input:
    """The bytes of a report (text, PDF, DOCX or HTML; told by content) → its text and what the
    reader found besides (``dropped`` page furniture, a PDF's ``articles``)."""
    return read_document(data, name=name, encoding=encoding, article=article)


def list_articles(path: str | Path, *, max_size: int = reader.DEFAULT_MAX_SIZE,
                  encoding: str | None = None) -> list[ArticleInfo]:
    """The articles of a newspaper PDF (one for any other input), in reading order."""
    doc = read_document(reader.read_bytes(path, max_size=max_size), name=str(path), encoding=encoding)
    if doc.articles:
        return doc.articles
    summary = extract_summary(doc.text, ExtractOptions(facts=False), name=str(path))
    body = [*summary.lead, *(p for s in summary.sections for p in s.paragraphs)]
    return [ArticleInfo(1, summary.title, len(doc.text), "报告" in doc.text, opening_words("\n".join(body[:3])))]


def load_summary(path: str | Path, *, max_size: int = reader.DEFAULT_MAX_SIZE) -> Summary:
    """A summary JSON file (possibly edited by hand) → Summary, with schema errors by field path."""
    return parse_summary(reader.read_bytes(path, max_size=max_size), name=str(path))


def parse_summary(data: bytes, *, name: str = "<summary>") -> Summary:
    """Summary JSON bytes → Summary. Bad JSON is reported with its line and column, a schema
    error with the field's path (``sections[3].highlights[0].label: expected a string``)."""
    if not data.strip():
        raise InputError("empty file", path=name, hint="pass a summary written by `briefing extract`", code="empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SchemaError(f"not UTF-8 at byte {e.start}", path=name, hint="save the JSON as UTF-8",
                          code="json_invalid") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise SchemaError(f"not valid JSON: {e.msg} at line {e.lineno} column {e.colno}", path=name,
                          code="json_invalid") from None
    except RecursionError:
        raise SchemaError("not valid JSON: nested too deeply", path=name, code="json_invalid") from None
    try:
        return Summary.from_dict(raw)
    except SchemaError as e:
        raise SchemaError(f"{e.path}: {e.message}", path=name, hint=e.hint, code="schema",
                          params={"field": e.path}) from None


def default_article(infos: list[ArticleInfo]) -> int:
    """The article taken when none is named: the largest about a report, else the largest."""
    return pick_article(infos, None, "")


def summary_from_bytes(
    data: bytes, *, name: str, encoding: str | None = None, labels: tuple[str, ...] = (), json_summary: bool = False,
    article: int | str | None = None, warn: Any = None, max_size: int | None = None,
) -> Summary:
    """The bytes of one input → Summary: a summary JSON as it is, a report (text, PDF, DOCX,
    HTML) extracted. ``warn`` hears what the reader could not read (a PDF's scanned pages) and
    when a newspaper page's other articles are left out; ``max_size`` holds the text read from a
    PDF, Word file or web page to that many bytes."""
    if json_summary:
        return parse_summary(data, name=name)
    doc = read_document(data, name=name, encoding=encoding, article=article)
    return summary_of_input(doc, name=name, labels=labels, picked=article is not None, warn=warn, max_size=max_size)


def summary_of_input(doc: Input, *, name: str, labels: tuple[str, ...] = (), picked: bool = False, warn: Any = None,
                     max_size: int | None = None) -> Summary:
    """What :func:`read_input` read → Summary (see :func:`summary_from_bytes`; ``picked``: the
    article was named, so the others going unused is no news)."""
    if max_size is not None and doc.kind != "text":
        reader.check_size(len(doc.text.encode("utf-8")), max_size, name, what="its text")
    if warn:
        for w in doc.warnings:
            warn(w)
    if warn and not picked and len(doc.articles) > 1:
        took = doc.articles[(doc.article or 1) - 1]
        warn(Notice(f"the page holds {len(doc.articles)} articles; took {took.number}, “{took.title}”, and left "
                    f"the others out (see them with `briefing extract FILE --list`, pick one with --article)",
                    "articles_left_out", count=len(doc.articles), n=took.number, title=took.title))
    summary = extract_summary(doc.text, ExtractOptions(labels=tuple(labels), headings=tuple(doc.headings)), name=name)
    if doc.dropped:
        summary.dropped = doc.dropped + summary.dropped
    return summary


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
    from .renderers import RenderOptions
    from .renderers import render as render_one

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
    """What :func:`build` made of one input: its outputs by format, and the summary."""

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
    article: int | str | None = None,
) -> BuildResult:
    """One input (a report: text, PDF, Word or web page; or a .json summary) → files in
    ``output_dir``, written atomically. ``article`` picks one article of a newspaper PDF (its
    number or a word of its title; see :func:`list_articles`). Everything is rendered in memory
    first, and every file is staged before any is named, so a failure writes nothing. Raises the
    BriefingError of the first problem."""
    from .output import inside, prepare_dir, safe_stem, write_files

    p = Path(path)
    tpl = get_template(template)
    data = reader.read_bytes(p, max_size=max_size)
    summary = summary_from_bytes(data, name=str(p), encoding=encoding, labels=_labels(labels, tpl),
                                 json_summary=p.suffix.lower() == ".json", article=article, warn=warn,
                                 max_size=max_size)
    blobs = render(summary, template=tpl, formats=formats, strict=strict, warn=warn)
    out_dir = prepare_dir(output_dir)
    name = safe_stem(stem or p.stem)
    targets = {fmt: inside(out_dir, f"{name}.{fmt}") for fmt in blobs}
    written = write_files({targets[f]: blobs[f] for f in blobs}, replace=force)
    return BuildResult(input=str(p), outputs={f: str(t) for f, t in zip(blobs, written)}, summary=summary)


def _labels(labels: Iterable[str], template: Template) -> tuple[str, ...]:
    """Highlight labels named on the command line, then those the template names."""
    return tuple(dict.fromkeys([*labels, *template.highlight_labels]))


def build_batch(
    paths: Iterable[str | Path],
    *,
    output_dir: str | Path = "output",
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    template: str | Path | Template = "standard",
    force: bool = False,
    strict: bool = False,
    encoding: str | None = None,
    max_size: int = reader.DEFAULT_MAX_SIZE,
    labels: tuple[str, ...] = (),
    workers: int | None = None,
    reporter: Any = None,
    timeout: float | None = 45.0,
    article: int | str | None = None,
) -> Any:
    """Files, folders and glob patterns → a folder of briefings with ``manifest.json``, in a
    process pool (``workers``, default: one per CPU). A bad input is recorded as failed and the
    others are still built; inputs whose outputs are up to date are skipped unless ``force``.
    An input that takes longer than ``timeout`` seconds fails (None: no limit).
    ``article`` picks the article of every PDF input (its number or a word of its title); the
    other inputs hold one article each and are built as they are. It is a UsageError when no
    input is a PDF, and a PDF without such an article fails.
    Returns a :class:`briefing.batch.BatchResult` (``exit_code`` 0 when all succeeded)."""
    from . import batch

    bad = [f for f in formats if f not in ALL_FORMATS]
    if bad or not formats:
        raise UsageError(f"unknown output format {bad[0] if bad else ''!r}", hint=f"choose from {', '.join(ALL_FORMATS)}")
    paths = list(paths)
    if article is not None:
        _check_article_applies(paths, Path(output_dir))
    tpl = get_template(template)
    settings = batch.Settings(output_dir=Path(output_dir), template=tpl, formats=tuple(formats), force=force,
                              strict=strict, encoding=encoding, max_size=max_size, labels=_labels(labels, tpl),
                              timeout=timeout or None, article=article)
    return batch.run(paths, settings, workers=workers, reporter=reporter,
                     preflight=lambda: check_fonts(tpl, formats), warm_up=lambda: warm_up(tpl, formats),
                     helper=(lambda: _pdf_helper(tpl, strict)) if "pdf" in formats else None)


def _check_article_applies(paths: Iterable[str | Path], output_dir: Path) -> None:
    """An --article that no input can take is a usage error, not a silent no-op."""
    from .batch_plan import collect

    files, _ = collect(paths, output_dir)
    if files and not any(is_pdf(f) for f in files):
        raise UsageError("--article applies to PDF pages only, and no input is a PDF",
                         path=str(files[0]) if len(files) == 1 else None,
                         hint="leave --article out; a text, Word or web-page input holds one article")


def is_pdf(path: str | Path) -> bool:
    """Whether the file's content is a PDF (by its first bytes, not its name)."""
    try:
        with open(path, "rb") as f:
            return sniff(f.read(1024)) == "pdf"
    except OSError:
        return False


def _pdf_helper(template: Template, strict: bool) -> Any:
    """The forked helper that renders the PDF of a single-input build (:mod:`briefing.prefork`);
    None where that is not usable."""
    from . import prefork

    return prefork.start(template, strict)


def warm_up(template: Template, formats: tuple[str, ...] = DEFAULT_FORMATS) -> None:
    """Load now what every build needs on first use: the extractor's resources (through its
    ``warm_up()`` hook, when it has one), the renderers and their fonts (by rendering a tiny
    briefing). A batch calls this before forking its workers, so they share all of it instead
    of each loading it again."""
    from . import extraction as extract_pkg

    hook = getattr(extract_pkg, "warm_up", None)
    if callable(hook):
        hook()
    render(TINY, template=template, formats=tuple(f for f in formats if f != "json"))


#: A briefing with a bit of everything the renderers set, for warming them up.
TINY = Summary(title="简报 Briefing 2026", lead=["正文，“引号”（括号）100%。Text 123"],
               sections=[Section(keyword="关键词", paragraphs=["段落 paragraph 1."])])


def check_fonts(template: Template, formats: tuple[str, ...] = DEFAULT_FORMATS) -> None:
    """Load the first font of every role of the template now (for a PDF), so a missing or
    unusable font file is one error before a batch starts, not one per input. Forked workers
    then inherit the loaded fonts."""
    if "pdf" not in formats:
        return
    from .fonts import load_template_fonts

    load_template_fonts(template)
