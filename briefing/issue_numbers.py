"""Issue numbers kept from one run to the next: ``--issue auto`` takes the next number of the
briefing's series from a small state file in the output folder (``.briefing-issues.json``), and
``--total auto`` the next running number (总第N期). The numbers restart at 1 each year (a
简报 is numbered per year); the running number never does. The file is written by
:mod:`briefing.output`, in the same atomic step as the issue's files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import UsageError

STATE_NAME = ".briefing-issues.json"
STATE_SCHEMA = "briefing.issue-numbers/1"


@dataclass
class Numbers:
    """The numbers an issue gets, and the state file's new content once it is built."""

    number: str  # 第12期 ('' when none)
    total: str  # 总第112期 ('' when none)
    state_path: Path | None = None
    state: bytes = b""
    year: int = 0  # the year the number counts in (auto numbers only)

    def label(self) -> str:
        """The issue in a file name: 2026年第12期 (auto numbers restart each year), else 第12期."""
        return f"{self.year}年{self.number}" if self.year and self.number else self.number


def _read(path: Path) -> dict[str, dict[str, int]]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        series = data["series"]
        return {str(k): {kk: int(vv) for kk, vv in v.items()} for k, v in series.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise UsageError("cannot read the issue numbers kept here", path=str(path),
                         hint="fix or delete the file, or give --issue N") from None


def _year(issue_date: str) -> int:
    m = re.search(r"(\d{4})", issue_date or "")
    return int(m.group(1)) if m else date.today().year


def _digits(text: str) -> int | None:
    m = re.fullmatch(r"\s*(?:总?第)?\s*(\d+)\s*期?\s*", text or "")
    return int(m.group(1)) if m else None


def assign(output_dir: Path, series: str, issue: str, total: str | None, issue_date: str) -> Numbers:
    """The issue's number and running number: ``issue``/``total`` as given (``auto``: the next
    of the series kept in ``output_dir``), with the state to write after the build."""
    path = output_dir / STATE_NAME
    auto_issue, auto_total = issue.strip().lower() == "auto", (total or "").strip().lower() == "auto"
    if not (auto_issue or auto_total):
        return Numbers(issue, _total_text(total))
    state = _read(path)
    last = state.get(series, {})
    year = _year(issue_date)
    if auto_issue:
        n = last.get("number", 0) + 1 if last.get("year") == year else 1
    else:  # a number given, kept so that the next auto follows it
        n = _digits(issue) or 0
    t = last.get("total", 0) + 1 if auto_total else _digits(total or "")
    entry = {"year": year, "number": n} if n else {}
    if t:
        entry["total"] = t
    elif "total" in last:
        entry["total"] = last["total"]
    state[series] = entry
    body = {"schema": STATE_SCHEMA, "series": state}
    data = (json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return Numbers(f"第{n}期" if n else issue, f"总第{t}期" if t else "", path, data, year if auto_issue else 0)


def _total_text(total: str | None) -> str:
    if not total:
        return ""
    n = _digits(total)
    return f"总第{n}期" if n is not None else total.strip()
