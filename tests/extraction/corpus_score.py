"""Score the extraction on the evaluation corpus (tests/fixtures/corpus/): real texts of many
shapes, each with a gold file checked by hand (title, section headings, every target).

Titles: the extracted title is the gold one (or one of ``title_alt``); a text without a title in
its gold must get none. Sections: the gold headings against the extracted sections whose keyword
is a heading printed in the text (topic sections, named by their words, are not headings and are
not scored). Targets: value, unit, qualifier (and the range's high end) equal, and the gold
phrase and the extracted text or indicator overlap (containment or half their bigrams).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、]|0\d(?!\d))")


def norm(s: str | None) -> str:
    s = re.sub(r"[\s\u3000]", "", s or "")
    return s.translate(str.maketrans("（），：；", "(),:;"))


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def similar(a: str | None, b: str | None) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    A, B = _bigrams(a), _bigrams(b)
    return len(A & B) / max(1, min(len(A), len(B))) >= 0.5


def _heading(s: str) -> str:
    return _NUMBERING.sub("", norm(s)).rstrip("。.")


@dataclass
class Score:
    """Counts for one text or a sum of texts."""

    title_hit: int = 0
    titles: int = 0
    sec_hit: int = 0
    sec_found: int = 0
    sec_gold: int = 0
    tgt_hit: int = 0
    tgt_found: int = 0
    tgt_gold: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, o: Score) -> None:
        for k in ("title_hit", "titles", "sec_hit", "sec_found", "sec_gold", "tgt_hit", "tgt_found", "tgt_gold"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.seconds = max(self.seconds, o.seconds)
        self.misses += o.misses

    @staticmethod
    def ratio(hit: int, n: int) -> float:
        return hit / n if n else 1.0

    @property
    def target_precision(self) -> float:
        return self.ratio(self.tgt_hit, self.tgt_found)

    @property
    def target_recall(self) -> float:
        return self.ratio(self.tgt_hit, self.tgt_gold)

    @property
    def section_precision(self) -> float:
        return self.ratio(self.sec_hit, self.sec_found)

    @property
    def section_recall(self) -> float:
        return self.ratio(self.sec_hit, self.sec_gold)

    @property
    def title_accuracy(self) -> float:
        return self.ratio(self.title_hit, self.titles)


def texts() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def gold_of(txt: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(txt.with_name(txt.stem + ".gold.json").read_text(encoding="utf-8"))


def score_text(txt: Path) -> Score:
    from briefing import api

    gold = gold_of(txt)
    text = txt.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    s = api.extract_text(text)
    sc = Score(seconds=time.perf_counter() - t0)
    name = txt.stem
    # Title
    sc.titles = 1
    want = [gold["title"], *gold.get("title_alt", [])] if gold.get("title") else []
    if (not want and not s.title) or any(norm(s.title) == norm(w) for w in want):
        sc.title_hit = 1
    else:
        sc.misses.append(f"{name}: title {s.title!r} != {gold.get('title')!r}")
    # Sections: only those named by a heading printed in the text
    flat = norm(text)
    found = [x.keyword for x in s.sections if x.keyword and norm(x.keyword) in flat]
    gheads = [_heading(h) for h in gold["sections"]]
    sc.sec_found, sc.sec_gold = len(found), len(gheads)
    j = 0
    for gh in gheads:
        k = j
        while k < len(found) and not (_heading(found[k]) and (gh.startswith(_heading(found[k])) or _heading(found[k]).startswith(gh))):
            k += 1
        if k < len(found):
            sc.sec_hit += 1
            j = k + 1
        else:
            sc.misses.append(f"{name}: section missed {gh}")
    for f in found:
        if not any(_heading(f) and (g.startswith(_heading(f)) or _heading(f).startswith(g)) for g in gheads):
            sc.misses.append(f"{name}: section extra {f}")
    # Targets
    got = s.targets
    sc.tgt_found, sc.tgt_gold = len(got), len(gold["targets"])
    used: set[int] = set()
    for t in gold["targets"]:
        for k, x in enumerate(got):
            if k in used:
                continue
            if (float(x.value) == float(t["value"]) and norm(x.unit) == norm(t["unit"])
                    and (x.qualifier or None) == t["qualifier"]
                    and (t.get("value_max") is None or x.value_max is not None and float(x.value_max) == float(t["value_max"]))
                    and (similar(x.text, t["text"]) or similar(x.indicator, t["text"]))):
                used.add(k)
                sc.tgt_hit += 1
                break
        else:
            sc.misses.append(f"{name}: target missed {t['text']} = {t['value']}{t['unit']} {t['qualifier'] or ''}")
    for k, x in enumerate(got):
        if k not in used:
            sc.misses.append(f"{name}: target extra {x.indicator} = {x.value}{x.unit} {x.qualifier or ''} ‹{x.text}›")
    return sc


def score_corpus() -> tuple[dict[str, Score], Score]:
    """Per-shape sums and the total."""
    shapes: dict[str, Score] = {}
    total = Score()
    for txt in texts():
        sc = score_text(txt)
        shapes.setdefault(gold_of(txt)["shape"], Score()).add(sc)
        total.add(sc)
    return shapes, total


def table(shapes: dict[str, Score], total: Score) -> str:
    rows = [f"{'shape':<16} {'texts':>5} {'tgt P':>6} {'tgt R':>6} {'sec P':>6} {'sec R':>6} {'title':>6} {'max s':>6}"]
    for name, sc in [*sorted(shapes.items()), ("ALL", total)]:
        rows.append(f"{name:<16} {sc.titles:>5} {sc.target_precision:>6.2f} {sc.target_recall:>6.2f} "
                    f"{sc.section_precision:>6.2f} {sc.section_recall:>6.2f} {sc.title_accuracy:>6.2f} {sc.seconds:>6.3f}")
    rows.append(f"targets {total.tgt_hit}/{total.tgt_gold} found {total.tgt_found}; sections {total.sec_hit}/{total.sec_gold} "
                f"found {total.sec_found}; titles {total.title_hit}/{total.titles}")
    return "\n".join(rows)
