from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"
ARTICLE = SAMPLES / "zhengzhou-gaoxin-2021.txt"
REPORTS = [SAMPLES / "2026_北京市_政府工作报告.txt", SAMPLES / "2026_广东省_政府工作报告.txt"]


def gold_of(txt: Path) -> dict:
    return json.loads(txt.with_name(txt.stem + ".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def article_summary():
    from briefing import api

    return api.extract(ARTICLE)


@pytest.fixture(scope="session")
def report_summaries():
    from briefing import api

    return {p.stem: api.extract(p) for p in REPORTS}
