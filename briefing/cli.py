"""Command line: a thin click layer over :mod:`briefing.api`.

Every BriefingError becomes one line on stderr (``briefing: FILE: problem (hint)``) and its exit
code; a traceback only with ``-v/--verbose``.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import BriefingError

FORMAT_CHOICES = ("pdf", "docx", "json")


def _formats(value: str) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(x.strip().lower() for x in value.split(",") if x.strip()))
    bad = [x for x in items if x not in FORMAT_CHOICES]
    if bad or not items:
        raise click.BadParameter(f"expected a comma list of {', '.join(FORMAT_CHOICES)}, got {value!r}")
    return items


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = kwargs.get("verbose", False)
        try:
            return fn(*args, **kwargs)
        except BriefingError as e:
            if verbose:
                traceback.print_exc()
            click.echo(f"briefing: error: {e}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("briefing: interrupted", err=True)
            sys.exit(130)
        except Exception as e:  # a bug: still one line unless --verbose
            if verbose:
                traceback.print_exc()
            click.echo(f"briefing: internal error: {type(e).__name__}: {e} (run with -v for details)", err=True)
            sys.exit(70)

    return wrapper


def _warn(quiet: bool) -> Callable[[str], None]:
    def warn(msg: str) -> None:
        if not quiet:
            click.echo(f"briefing: warning: {msg}", err=True)

    return warn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefing")
def main() -> None:
    """Turn the raw text of a Chinese report into a printable briefing (简报): PDF and DOCX."""


@main.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the summary JSON here (default: stdout).")
@click.option("--encoding", help="Force the input encoding (default: detect).")
@click.option("--label", "labels", multiple=True, help="A highlight label to look for (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks.")
@handle_errors
def extract(input: Path, output: Path | None, encoding: str | None, labels: tuple[str, ...], verbose: bool) -> None:
    """Extract the structured summary (JSON) from a report text."""
    from . import api

    summary = api.extract(input, encoding=encoding, labels=labels)
    text = summary.to_json() + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from .output import prepare_dir, write_atomic

        prepare_dir(output.parent if str(output.parent) else ".")
        write_atomic(output, text.encode("utf-8"))


@main.command()
@click.argument("summary", type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True)
@click.option("--format", "formats", default="pdf,docx", show_default=True, help="Any of pdf,docx,json.")
@click.option("-t", "--template", default="standard", show_default=True, help="Template name or .toml path.")
@click.option("--force", is_flag=True, help="Replace existing output files.")
@click.option("--strict", is_flag=True, help="Fail when a character is in no font.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks.")
@handle_errors
def render(summary: Path, output_dir: Path, formats: str, template: str, force: bool, strict: bool, verbose: bool) -> None:
    """Render a summary JSON (possibly edited by hand) to PDF/DOCX."""
    from . import api

    result = api.build(summary, output_dir=output_dir, formats=_formats(formats), template=template,
                       force=force, strict=strict, warn=_warn(False))
    for path in result.outputs.values():
        click.echo(path)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True)
@click.option("--format", "formats", default="pdf,docx", show_default=True, help="Any of pdf,docx,json.")
@click.option("-t", "--template", default="standard", show_default=True, help="Template name or .toml path.")
@click.option("--force", is_flag=True, help="Replace existing output files.")
@click.option("--strict", is_flag=True, help="Fail when a character is in no font.")
@click.option("--encoding", help="Force the input encoding (default: detect).")
@click.option("--label", "labels", multiple=True, help="A highlight label to look for (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks.")
@handle_errors
def build(inputs: tuple[Path, ...], output_dir: Path, formats: str, template: str, force: bool, strict: bool,
          encoding: str | None, labels: tuple[str, ...], quiet: bool, verbose: bool) -> None:
    """Extract and render: report text(s) → PDF and DOCX (and the summary JSON with --format json)."""
    from . import api

    fmts = _formats(formats)
    api.get_template(template)  # fail early on a bad template
    for path in inputs:
        result = api.build(path, output_dir=output_dir, formats=fmts, template=template, force=force,
                           strict=strict, encoding=encoding, labels=labels, warn=_warn(quiet))
        if not quiet:
            for out in result.outputs.values():
                click.echo(out)


@main.command()
@click.argument("name", required=False)
def templates(name: str | None) -> None:
    """List the bundled templates, or show one."""
    from .template import available

    known = available()
    if name is None:
        from .template import load

        for n in known:
            click.echo(f"{n:10} {load(n).template.description}")
        return
    if name not in known:
        click.echo(f"briefing: error: unknown template {name!r} (known: {', '.join(known)})", err=True)
        sys.exit(2)
    click.echo(known[name].read_text(encoding="utf-8"), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
