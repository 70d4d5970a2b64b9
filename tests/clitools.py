"""Helpers for the CLI tests: run `briefing` in-process (fast) or as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
CLI_FIXTURES = FIXTURES / "cli"
SHORT = CLI_FIXTURES / "short-report.txt"
ARTICLE = FIXTURES / "samples" / "zhengzhou-gaoxin-2021.txt"
ARTICLE_SUMMARY = FIXTURES / "article.summary.json"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def error_lines(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if "error:" in ln or "FAILED" in ln]


def cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """`briefing ARGS` in this process (click's runner; stdout and stderr are not terminals)."""
    from briefing.cli import main

    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        r = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return Run(r.exit_code, r.stdout, r.stderr)


def proc(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
         timeout: float = 120, pythonpath: Path = ROOT) -> Run:
    """`python -m briefing ARGS` as a separate process."""
    e = {**os.environ, "PYTHONPATH": str(pythonpath), **(env or {})}
    r = subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], cwd=cwd, env=e,
                       capture_output=True, text=True, timeout=timeout)
    return Run(r.returncode, r.stdout, r.stderr)


def assert_clear_failure(run: Run, code: int, *needles: str) -> str:
    """Exit ``code``, no traceback, and exactly one error line that says each of ``needles``."""
    assert run.code == code, (run.code, run.output)
    assert "Traceback" not in run.output, run.output
    lines = run.error_lines()
    assert len(lines) == 1, run.stderr
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


def mount_tmpfs(path: Path, size: str, ro: bool = False) -> bool:
    """Mount a tmpfs of ``size`` (e.g. ``64k``) at ``path``, read-only with ``ro``; False where
    that is not possible (not root). The caller unmounts it."""
    if os.geteuid() != 0:
        return False
    path.mkdir(exist_ok=True)
    opts = f"size={size}" + (",ro" if ro else "")
    return subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)], capture_output=True).returncode == 0
