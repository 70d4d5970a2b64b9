"""Every non-whitespace character of each input reaches the summary, paragraphs in reading order
(except dropped chrome, which is kept in ``dropped``, repaired doubled runs, and labels moved into
fields)."""

from __future__ import annotations

import pytest

from briefing import api
from tests.conftest import ARTICLE, REPORTS
from tests.extraction.lossless import assert_nothing_lost


@pytest.mark.parametrize("path", [ARTICLE, *REPORTS], ids=lambda p: p.stem)
def test_samples_lose_nothing(path):
    text = path.read_text(encoding="utf-8")
    assert_nothing_lost(text, api.extract_text(text))


def test_a_paragraph_missing_from_the_summary_is_detected():
    text = ARTICLE.read_text(encoding="utf-8")
    s = api.extract_text(text)
    s.sections[2].paragraphs.pop()
    with pytest.raises(AssertionError):
        assert_nothing_lost(text, s)
