"""The evaluation corpus: real texts of many shapes with hand-checked gold (tests/fixtures/corpus).
Each text extracts without error; the corpus scores hold their floor (raise it as they improve)."""

from __future__ import annotations

import pytest

from tests.extraction.corpus_score import CORPUS, Score, score_text, texts


@pytest.mark.parametrize("txt", texts(), ids=lambda p: p.stem)
def test_each_text_extracts(txt):
    sc = score_text(txt)
    assert sc.titles == 1


def test_corpus_scores_hold_their_floor():
    total = Score()
    for txt in texts():
        if txt.stem not in HELD_OUT:
            total.add(score_text(txt))
    report = "\n".join(total.misses)
    assert total.target_recall >= FLOOR["target_recall"], report
    assert total.target_precision >= FLOOR["target_precision"], report
    assert total.section_recall >= FLOOR["section_recall"], report
    assert total.section_precision >= FLOOR["section_precision"], report
    assert total.title_accuracy >= FLOOR["title"], report


# Held-out texts of round 11 scored before any fix and not (yet) fixed: their misses are pinned
# here, and the floor is held on the rest of the corpus.
_SXYZ = "sxyz-2023-meizhouyixue"
_SXYZ_FIRST = "李克强在政府工作报告中提出今年经济社会发展总体要求"  # the excerpt's first line: read as its title
HELD_OUT = {
    "eastmoney-2018-caizheng": [
        "eastmoney-2018-caizheng: section missed 房地产税立法会以中国国情出发",
    ],
    _SXYZ: [f"{_SXYZ}: title '{_SXYZ_FIRST}' != None", f"{_SXYZ}: section missed {_SXYZ_FIRST}"],
}


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_texts_keep_their_known_misses(name):
    """A held-out text left unfixed: its misses are exactly those listed (a fix removes its line,
    and the text joins the floor once it scores as well as the rest)."""
    assert sorted(score_text(CORPUS / f"{name}.txt").misses) == sorted(HELD_OUT[name])


FLOOR = {"target_recall": 0.95, "target_precision": 0.95, "section_recall": 0.95, "section_precision": 0.95, "title": 0.95}


@pytest.mark.parametrize("txt", texts(), ids=lambda p: p.stem)
def test_nothing_of_a_corpus_text_is_lost(txt):
    from briefing import api
    from tests.extraction.lossless import assert_nothing_lost

    text = txt.read_text(encoding="utf-8")
    assert_nothing_lost(text, api.extract_text(text))
