"""Shared checks of the held-out rounds on whole real reports (tests/fixtures/real): the scorer's
line for a report, and its head read with the page's chrome left out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, gold_of


def score(summary, path: Path, tmp_path: Path, min_recall: float) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """score_report.py on ``summary`` against the gold beside ``path``."""
    out = tmp_path / "summary.json"
    out.write_text(summary.to_json(), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(FIXTURES / "score_report.py"), str(out), str(path.with_name(path.stem + ".gold.json")),
         "--min-recall", str(min_recall)],
        capture_output=True, text=True, encoding="utf-8",
    )


def assert_head_read(path: Path, s) -> None:
    """Title, subtitle and speaker as the gold says, no kicker; chrome dropped, none in the body."""
    g = gold_of(path)
    assert (s.title, s.subtitle, s.kicker) == (g["title"], g["subtitle"], "")
    assert s.speaker.split() == g["speaker"].split()
    squeezed = {x.replace(" ", "") for x in s.dropped}
    for line in g["chrome_lines"] + g["trailing_chrome_lines"]:
        assert line.replace(" ", "") in squeezed, line
    paragraphs = [p.replace(" ", "") for p in s.all_paragraphs()]
    body = "".join(paragraphs)
    for line in g["chrome_lines"] + g["meta_lines"] + g["trailing_chrome_lines"]:
        ln = line.replace(" ", "")
        assert ln not in paragraphs and (len(ln) <= 3 or ln not in body), line  # 大/中/小 occur in any text
    assert s.lead[0] == "各位代表："


def head_of(text: str):
    """The summary of a made-up report head ``text`` followed by a greeting and one part."""
    from briefing import api

    return api.extract_text(text + "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员提出意见。\n"
                            "一、2025年工作回顾\n过去一年，全市生产总值增长5%。\n")


def targets_of(text: str) -> list[tuple[float, str, str | None]]:
    from briefing import api

    return [(t.value, t.unit, t.qualifier) for t in api.extract_text(text).targets]
