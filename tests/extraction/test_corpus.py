"""The evaluation corpus: real texts of many shapes with hand-checked gold (tests/fixtures/corpus).
Each text extracts without error; the corpus scores hold their floor (raise it as they improve)."""

from __future__ import annotations

import pytest

from tests.extraction.corpus_score import score_corpus, score_text, texts


@pytest.mark.parametrize("txt", texts(), ids=lambda p: p.stem)
def test_each_text_extracts(txt):
    sc = score_text(txt)
    assert sc.titles == 1


def test_corpus_scores_hold_their_floor():
    _, total = score_corpus()
    report = "\n".join(total.misses)
    assert total.target_recall >= FLOOR["target_recall"], report
    assert total.target_precision >= FLOOR["target_precision"], report
    assert total.section_recall >= FLOOR["section_recall"], report
    assert total.section_precision >= FLOOR["section_precision"], report
    assert total.title_accuracy >= FLOOR["title"], report


FLOOR = {"target_recall": 0.95, "target_precision": 0.95, "section_recall": 0.95, "section_precision": 0.95, "title": 0.95}


@pytest.mark.parametrize("txt", texts(), ids=lambda p: p.stem)
def test_nothing_of_a_corpus_text_is_lost(txt):
    from briefing import api
    from tests.extraction.lossless import assert_nothing_lost

    text = txt.read_text(encoding="utf-8")
    assert_nothing_lost(text, api.extract_text(text))
