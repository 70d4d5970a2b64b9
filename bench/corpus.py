#!/usr/bin/env python3
"""Score the extraction on the evaluation corpus (tests/fixtures/corpus/): per shape, target
precision and recall, section precision and recall, title accuracy, and the slowest warm extract.

    python bench/corpus.py [-v]        # -v lists every miss and extra
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.extraction.corpus_score import score_corpus, table  # noqa: E402


def main() -> None:
    score_corpus()  # once cold: jieba and the regexes load here, not in the timed pass
    shapes, total = score_corpus()
    if "-v" in sys.argv:
        print("\n".join(total.misses))
    print(table(shapes, total))


if __name__ == "__main__":
    main()
