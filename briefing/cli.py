"""Command line: a thin click layer over :mod:`briefing.api`.

Every BriefingError becomes one line on stderr (``briefing: error: FILE: problem (hint)``) and its
exit code; a traceback only with ``-v/--verbose``.
"""

from __future__ import annotations

import sys

from . import prefork


def _as_program() -> bool:
    """Started as ``briefing`` or ``python -m briefing`` (not imported by tests or a program)."""
    arg0 = sys.argv[0].replace("\\", "/") if sys.argv else ""
    name = arg0.rsplit("/", 2)
    return name[-1].startswith("briefing") or (len(name) > 1 and name[-2] == "briefing")


_PROGRAM = _as_program()
# The PDF helper of a build starts importing ReportLab now, on another core (see prefork).
_EARLY = _PROGRAM and prefork.early(sys.argv[1:])

from . import compilecache

if _PROGRAM:
    compilecache.install()  # before the imports below compile their patterns
if _EARLY:
    from .fonts import prefetch_installed

    prefetch_installed()  # the DOCX's chart resolves the template's fonts too

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import BriefingError, InputError, UsageError

FORMAT_CHOICES = ("pdf", "docx", "json")
EXIT_CODES = """\b
Exit codes: 0 all built; 1 some input failed (the others are still built);
2 usage error (bad option); 3 bad input (no such path, nothing to build, a bad file);
4 bad summary JSON; 5 bad template or config; 6 font problem; 7 output not writable.
When every input failed in the same way, the exit code is that failure's (3, 4, …).
"""
EXTRACT_EXIT_CODES = """\b
Exit codes: 0 written; 2 usage error (bad option); 3 bad input (no such file, empty,
binary, undecodable, too large); 7 output not writable (or exists, without --force).
"""
RENDER_EXIT_CODES = """\b
Exit codes: 0 written; 2 usage error (bad option); 3 no such summary file, or unreadable;
4 bad summary JSON; 5 bad template or config; 6 font problem; 7 output not writable.
"""
TEMPLATES_EXIT_CODES = """\b
Exit codes: 0 shown; 2 usage error; 5 unknown or broken template.
"""
FONTS_EXIT_CODES = """\b
Exit codes: 0 shown; 2 usage error; 3 bad TEXTFILE (no such file, binary …); 4 bad summary JSON;
5 bad template; 6 font problem.
"""


# -- option types and shared options -----------------------------------------------------------
class Size(click.ParamType):
    """``20MB``, ``500k``, ``1.5M`` or a number of bytes."""

    name = "size"
    _UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        unit = m.group(2).lower() if m else ""
        if not m or unit not in self._UNITS or float(m.group(1)) <= 0:
            self.fail(f"expected a size like 20MB, 500k or 1048576, got {value!r}", param, ctx)
        return int(float(m.group(1)) * self._UNITS[unit])


def _formats(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = tuple(dict.fromkeys(x.strip().lower() for x in value.split(",") if x.strip()))
    bad = [x for x in items if x not in FORMAT_CHOICES]
    if bad or not items:
        raise UsageError(f"--format: expected a comma list of {', '.join(FORMAT_CHOICES)}, got {value!r}")
    return items


def template_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--template, --config and the masthead/tail options, shared by build and render."""
    from .config import DISTRIBUTION_HELP

    opts = [
        click.option("-t", "--template", help="Template name (see `briefing templates`) or a .toml path. "
                                              "Default: [build] template in briefing.toml, else standard."),
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
                     help="A briefing.toml with [masthead], [tail], [meta] and [build] values "
                          "(default: ./briefing.toml if there is one)."),
        click.option("--name", help="Briefing name in the masthead, e.g. 郑州高新区工作简报."),
        click.option("--issue", help="Issue, e.g. 3 (printed 第3期) or 第3期."),
        click.option("--unit", help="Issuing unit under the masthead."),
        click.option("--date", "date_text", help="Issue date: 2026-03-01, today, or as printed (2026年3月1日)."),
        click.option("--distribution", help=DISTRIBUTION_HELP),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


def _resolve_template(template: str | None, config_path: Path | None, name: str | None, issue: str | None,
                      unit: str | None, date_text: str | None, distribution: str | None) -> tuple[Any, Any]:
    from .config import find_config, option_overrides, read_config, resolve_template

    cfg = read_config(find_config(config_path))
    overrides = option_overrides(name=name, issue=issue, unit=unit, date_text=date_text, distribution=distribution)
    return resolve_template(template, cfg, overrides), cfg


def _print_traceback() -> None:
    import traceback  # only with --verbose: it costs a cold start about 10 ms

    traceback.print_exc()


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = kwargs.get("verbose", False)
        try:
            return fn(*args, **kwargs)
        except BriefingError as e:
            if verbose:
                _print_traceback()
            click.echo(f"briefing: error: {e}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("\nbriefing: interrupted (files already written are complete; run again to resume)", err=True)
            sys.exit(130)
        except Exception as e:  # a bug: still one line unless --verbose
            if verbose:
                _print_traceback()
            click.echo(f"briefing: internal error: {type(e).__name__}: {e} (run with -v for details)", err=True)
            sys.exit(70)

    return wrapper


def _warn(quiet: bool) -> Callable[[str], None]:
    def warn(msg: str) -> None:
        if not quiet:
            click.echo(f"briefing: warning: {msg}", err=True)

    return warn


def combine_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--combine and what only a combined issue has (see briefing.combine)."""
    opts = [
        click.option("--combine", is_flag=True, help="Make ONE issue of all inputs: one masthead, 本期要目 with page "
                                                     "numbers, the items in order, one appendix, one 版记. "
                                                     "Also [combine] enabled = true in briefing.toml."),
        click.option("--total", help="With --combine: the running number 总第N期 (a number, or auto: the next "
                                     "one kept in the output folder). --issue auto takes the next issue number."),
        click.option("--copies", type=click.IntRange(min=0), help="With --combine: N numbered copies of the PDF "
                                                                  "(份号 000001… top left of page 1), in one file."),
        click.option("--copy-files", is_flag=True, help="With --copies: one PDF per copy (NAME-000001.pdf …)."),
        click.option("--watermark", help="With --combine: a word set across every page of the PDF, e.g. 内部资料."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


LIST_HELP = "List the articles of each input (a newspaper PDF page may hold several) and stop."
ARTICLE_HELP = "The article of a PDF page to take: its number (see --list) or a word of its title."


def _list_inputs(inputs: tuple[str, ...], output_dir: Path, max_size: int, encoding: str | None = None) -> None:
    """build --list: the articles of every input the build would take, each under its file name."""
    from . import api
    from .batch_plan import collect

    files, problems = collect(inputs, output_dir)
    for msg in problems:
        click.echo(msg, err=True)
    if not files:
        raise InputError("nothing to list", hint="pass report files or folders holding them")
    for i, f in enumerate(files):
        if len(files) > 1:
            click.echo(("\n" if i else "") + str(f))
        if f.suffix.lower() == ".json":
            click.echo("  (a summary: rendered as it is)")
        else:
            _echo_articles(f, api.list_articles(f, max_size=max_size, encoding=encoding))


def _echo_articles(path: Path, infos: list[Any]) -> None:
    """One article a line: its number (``*`` on the one taken by default), size in characters,
    title; its first words under it."""
    from . import api
    from .progress import width as display_width

    default = api.default_article(infos)
    width = max(display_width(a.title or "(no title)") for a in infos)
    for a in infos:
        mark = "*" if a.number == default else " "
        title = a.title or "(no title)"
        pad = " " * (width - display_width(title))
        tags = "  报告" if a.about_report else ""
        click.echo(f"{mark}{a.number:>2}  {title}{pad}  {a.chars:>6,} 字{tags}")
        if a.opening:
            click.echo(f"     {a.opening}")


# -- commands ----------------------------------------------------------------------------------
@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="briefing")
def main() -> None:
    """Turn the raw text of a Chinese report into a printable briefing (简报): PDF and DOCX."""


@main.command(epilog=EXIT_CODES)
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output-dir", type=click.Path(path_type=Path),
              help="Folder for the briefings and manifest.json (default: output).")
@click.option("--format", "formats", help="Comma list of pdf, docx, json (default: pdf,docx).")
@template_options
@click.option("-j", "--workers", type=click.IntRange(min=1), help="Worker processes (default: one per CPU).")
@click.option("--force", is_flag=True, help="Rebuild inputs that are up to date and replace existing files.")
@click.option("--strict", is_flag=True, help="Fail an input when a character is in no font.")
@click.option("--encoding", help="Force the input encoding, e.g. gb18030 (default: detect).")
@click.option("--max-size", type=Size(), default="2MB", show_default=True,
              help="Largest input accepted (a PDF or Word file: 16 times that, its text no more than that).")
@click.option("--label", "labels", multiple=True, help="A highlight label to look for (repeatable).")
@click.option("--timeout", type=click.FloatRange(min=0), default=45, show_default=True,
              help="Give up on an input after this many seconds (0: no limit).")
@click.option("--article", help=ARTICLE_HELP + " In a batch: that of every PDF input.")
@click.option("--list", "list_articles", is_flag=True, help=LIST_HELP)
@combine_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, table or warnings: one plain line per input.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of internal errors.")
@handle_errors
def build(inputs: tuple[str, ...], output_dir: Path | None, formats: str | None, template: str | None,
          config_path: Path | None, name: str | None, issue: str | None, unit: str | None, date_text: str | None,
          distribution: str | None, workers: int | None, force: bool, strict: bool, encoding: str | None,
          max_size: int, labels: tuple[str, ...], timeout: float, article: str | None, list_articles: bool,
          quiet: bool, verbose: bool, **combine: Any) -> None:
    """Build briefings from reports (text, PDF, Word, web page) and summaries (*.json).

    PATH is a file, a folder (searched recursively for *.txt, *.pdf, *.docx, *.html, *.htm, *.mhtml, *.mht and
    *.json) or a glob pattern (quote it: 'reports/**/*.txt'). A newspaper page of several
    articles gives its default one (see `briefing extract --list`). Each input becomes NAME.pdf and NAME.docx in the output folder,
    named after the input file (made safe, and unique with -2, -3). output/manifest.json records
    every input, its sha256, outputs, status, error and time; an input whose outputs are up to date
    is skipped unless --force. A bad input is reported and the others are still built. Files are
    written atomically: an interrupted run leaves only complete files, and running again resumes.
    """
    from . import api
    from .progress import ConsoleReporter

    if list_articles:
        _list_inputs(inputs, output_dir or Path("output"), max_size, encoding)
        return
    tpl, cfg = _resolve_template(template, config_path, name, issue, unit, date_text, distribution)
    fmts = _formats(formats) or cfg.formats or api.DEFAULT_FORMATS
    if cfg.formats and not formats:
        bad = [f for f in fmts if f not in FORMAT_CHOICES]
        if bad:
            raise UsageError(f"[build] formats: unknown format {bad[0]!r}", path=str(cfg.path),
                             hint=f"choose from {', '.join(FORMAT_CHOICES)}")
    out = output_dir or cfg.output_dir or Path("output")
    if combine.pop("combine") or cfg.combine.get("enabled"):
        from .combine import build_issue, options

        if article:
            raise UsageError("--article does not go with --combine",
                             hint="extract the article first (briefing extract PAGE.pdf --article N -o item.json) "
                                  "and combine the .json")
        res = build_issue(inputs, output_dir=out, formats=fmts, template=tpl, opts=options(cfg.combine, **combine),
                          force=force, strict=strict, encoding=encoding, max_size=max_size, labels=labels,
                          warn=_warn(quiet))
        for path in res.outputs:
            click.echo(path)
        return
    if tpl.masthead.issue.strip().lower() == "auto" or any(v for v in combine.values()):
        raise UsageError("--issue auto, --total, --copies and --watermark make one issue: add --combine")
    reporter = ConsoleReporter(bar=sys.stderr.isatty() and not quiet, quiet=quiet, verbose=verbose)
    result = api.build_batch(inputs, output_dir=out, formats=fmts, template=tpl, force=force, strict=strict,
                             encoding=encoding, max_size=max_size, labels=labels, workers=workers,
                             reporter=reporter, timeout=timeout, article=article)
    sys.exit(result.exit_code)


@main.command(epilog=EXTRACT_EXIT_CODES)
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the summary JSON here (default: stdout).")
@click.option("--force", is_flag=True, help="Replace the -o file if it exists.")
@click.option("--encoding", help="Force the input encoding (default: detect).")
@click.option("--max-size", type=Size(), default="2MB", show_default=True,
              help="Largest input accepted (a PDF or Word file: 16 times that, its text no more than that).")
@click.option("--label", "labels", multiple=True, help="A highlight label to look for (repeatable).")
@click.option("--list", "list_articles", is_flag=True, help=LIST_HELP)
@click.option("--article", help=ARTICLE_HELP)
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks.")
@handle_errors
def extract(input: Path, output: Path | None, force: bool, encoding: str | None, max_size: int,
            labels: tuple[str, ...], list_articles: bool, article: str | None, verbose: bool) -> None:
    """Extract the structured summary (JSON) from a report: text, PDF, Word (.docx) or web page.

    Edit the JSON by hand if you like, then `briefing render` it.
    """
    from . import api

    if list_articles:
        _echo_articles(input, api.list_articles(input, max_size=max_size, encoding=encoding))
        return
    summary = api.extract(input, encoding=encoding, labels=labels, max_size=max_size, article=article,
                          warn=lambda msg: _warn(False)(f"{input}: {msg}"))
    text = summary.to_json() + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    from .output import prepare_dir, write_atomic

    prepare_dir(output.parent)
    write_atomic(output, text.encode("utf-8"), force=force)
    click.echo(str(output))


@main.command(epilog=RENDER_EXIT_CODES)
@click.argument("summary", type=click.Path(path_type=Path), metavar="SUMMARY.json")
@click.option("-o", "--output-dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True)
@click.option("--format", "formats", default="pdf,docx", show_default=True, help="Comma list of pdf, docx, json.")
@template_options
@click.option("--force", is_flag=True, help="Replace existing output files.")
@click.option("--strict", is_flag=True, help="Fail when a character is in no font.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks.")
@handle_errors
def render(summary: Path, output_dir: Path, formats: str, template: str | None, config_path: Path | None,
           name: str | None, issue: str | None, unit: str | None, date_text: str | None, distribution: str | None,
           force: bool, strict: bool, verbose: bool) -> None:
    """Render a summary JSON (from `briefing extract`, possibly edited by hand) to PDF/DOCX.

    A JSON or schema error names the line or the field, e.g.
    `sections[3].highlights[0].label: expected a string`.
    """
    from . import api

    tpl, _ = _resolve_template(template, config_path, name, issue, unit, date_text, distribution)
    stem = summary.stem[: -len(".summary")] if summary.stem.endswith(".summary") else summary.stem
    result = api.build(summary, output_dir=output_dir, formats=_formats(formats) or api.DEFAULT_FORMATS,
                       template=tpl, force=force, strict=strict, warn=_warn(False), stem=stem)
    for path in result.outputs.values():
        click.echo(path)


@main.command(epilog=TEMPLATES_EXIT_CODES)
@click.argument("name", required=False)
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks.")
@handle_errors
def templates(name: str | None, verbose: bool) -> None:
    """List the bundled templates, or show one (NAME or a .toml path) as TOML."""
    from .config import with_lines
    from .template import available, load

    known = available()
    if name is None:
        for n, path in known.items():
            tpl = with_lines(lambda p=path: load(p))
            click.echo(f"{n:10} {tpl.template.description}")
        click.echo("\nShow one with `briefing templates NAME`; copy it, edit it, and pass --template FILE.toml.")
        return
    tpl = with_lines(lambda: load(name))  # a clear error for an unknown name or a broken file
    click.echo(Path(tpl.source).read_text(encoding="utf-8"), nl=False)


@main.command(epilog=FONTS_EXIT_CODES)
@click.argument("textfile", required=False, type=click.Path(path_type=Path))
@click.option("-t", "--template", default="standard", show_default=True, help="Template name or .toml path.")
@click.option("--encoding", help="Force the encoding of TEXTFILE (default: detect).")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks.")
@handle_errors
def fonts(textfile: Path | None, template: str, encoding: str | None, verbose: bool) -> None:
    """The font each role of a template uses here, and the characters of TEXTFILE (a report:
    text, PDF, Word or web page; or a summary JSON) that no font has."""
    from .config import resolve_template
    from .fontreport import report

    click.echo(report(resolve_template(template), textfile, encoding=encoding), nl=False)


@main.command(epilog="Exit codes: 0 stopped with Ctrl+C; 2 the port is taken or the host unknown.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free one).")
@click.option("--host", help="Listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0: other machines can connect).")
@click.option("--max-size", type=Size(), default="2MB", show_default=True,
              help="Largest upload or pasted text accepted (as build's: a bigger one takes minutes to render).")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks.")
@handle_errors
def serve(port: int, host: str | None, max_size: int, verbose: bool) -> None:
    """A local web page to paste or drop a report, correct the summary beside a live preview of
    the PDF, and download the PDF, the DOCX and the summary JSON."""
    from .web.serve import serve as run

    run(host, port, max_upload=max_size)


if __name__ == "__main__":  # pragma: no cover
    main()
