"""The article sample set again in other newspaper columns: its own words (from its gold), cut by
tests/fixtures/corpus/pdfcopy.py at other widths (11–16 characters) and column lengths, the keyword
labels gathered at the bottom as the sample prints them. The scorer the extraction is judged by
must find what it finds in the sample itself: a rule may not hang on the sample's own line breaks."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from briefing import api
from tests.conftest import ARTICLE, FIXTURES, gold_of

_spec = importlib.util.spec_from_file_location("pdfcopy", FIXTURES / "corpus" / "pdfcopy.py")
assert _spec and _spec.loader
pdfcopy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pdfcopy)


def _paragraphs() -> list[str]:
    """The sample as a web page would give it: kicker, headline, lead with its credit, each keyword's
    label, paragraphs and boxes (a box opens with its label), the loose paragraph after section 5."""
    g = gold_of(ARTICLE)
    out = [g["kicker"], g["title"], "本报讯 " + g["lead"][0] + "记者 " + g["reporter"]]
    for k, s in enumerate(g["sections"]):
        out.append("关键词 " + s["keyword"])
        out += s["paragraphs"]
        for h in s["highlights"]:
            out += [(h["label"] + "：" + p) if j == 0 else p for j, p in enumerate(h["paragraphs"])]
        if k == 4:
            out += g["loose_paragraphs"]["paragraphs"]
    return out


def newspaper_copy(width: int, column: int, labels: str = "bottom") -> str:
    """The sample in a column ``width`` characters wide, a blank line every ``column`` lines; the
    keyword labels gathered at the bottom, or in place (``inline``) on their own lines between
    blank lines, or in place and cut by the column when longer than it (``inline-cut``)."""
    pdfcopy.WIDTH, pdfcopy.COLUMN = float(width), column
    kicker, title, *body = _paragraphs()
    half = len(title) // 2
    out = [pdfcopy.doubled(kicker), "", pdfcopy.doubled(title[:half]), pdfcopy.doubled(title[half:]), ""]
    n = 0
    for p in body:
        if p.startswith("关键词"):
            if labels != "bottom":
                cut = labels == "inline-cut" and len(p) > width
                out += ["", *([p[:width], p[width:]] if cut else [p]), ""]
            continue
        for line in pdfcopy.wrap(pdfcopy.full_width(p)):
            if n and n % column == 0:
                out.append("")
            out.append(line)
            n += 1
    if labels == "bottom":
        out.append("")
        for lab in (p for p in body if p.startswith("关键词")):
            out += [lab, ""]
    return "\n".join(out)


@pytest.mark.parametrize("width, column", [(w, c) for w in (11, 12, 13, 14, 15, 16) for c in (17, 24, 31)])
def test_the_article_in_other_columns_scores_as_the_sample(width, column, tmp_path):
    _scores_as_the_sample(newspaper_copy(width, column), tmp_path)


@pytest.mark.parametrize("labels", ["inline", "inline-cut"])
@pytest.mark.parametrize("width", [12, 14, 16])
def test_keyword_labels_in_place_even_cut_by_the_column_score_as_the_sample(labels, width, tmp_path):
    """The labels where their sections start, on lines of their own; a label longer than the
    column cut over two lines (关键词 国家网络安全宣传周 / 成功举办) is still one label."""
    _scores_as_the_sample(newspaper_copy(width, 24, labels), tmp_path)


def _scores_as_the_sample(text: str, tmp_path) -> None:
    s = api.extract_text(text)
    out = tmp_path / "summary.json"
    out.write_text(s.to_json(), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(FIXTURES / "score_article.py"), str(out),
                           str(ARTICLE.with_name(ARTICLE.stem + ".gold.json"))],
                          capture_output=True, text=True, encoding="utf-8")
    assert "sections 8/8, targets 13/13 (+0 false), figures 17/17, misses 0" in proc.stdout, proc.stdout[-600:]


def test_a_headline_in_fake_bold_cut_over_two_lines_is_one_title_in_a_narrow_column():
    """Both lines of the headline were printed twice (fake bold): one headline, even where the
    second line is as wide as the narrow column (it used to end the title after its first line)."""
    text = newspaper_copy(11, 24)
    assert api.extract_text(text).title == gold_of(ARTICLE)["title"]


def test_an_ascii_full_stop_ends_a_goal_as_the_chinese_one_does():
    """A web page or plain-text copy that sets . for 。: the goals of one sentence are not run into
    the next one's (各开发区引进1个…头部企业.开发区引进… was one indicator)."""
    s = api.extract_text("招商引资\n\n今年将实施招商计划,各开发区引进1个100亿元以上的头部企业.开发区引进30亿元以上"
                         "高质量项目均不少于2个.新建省级创新平台100家.全社会研发投入236.7亿元.\n")
    assert [(t.indicator, t.value) for t in s.targets] == [
        ("各开发区引进100亿元以上的头部企业", 1), ("开发区引进30亿元以上高质量项目", 2), ("新建省级创新平台", 100),
        ("全社会研发投入", 236.7)]  # the decimal point is no full stop


@pytest.mark.parametrize("slug", ["郑州日报 A3", "第3版 要闻", "2021年2月26日 星期五"])
def test_the_pages_furniture_before_the_bold_headline_is_no_kicker(slug, tmp_path):
    """The page's name and number, its column or date, copied before the kicker and headline (set
    in fake bold, printed twice): dropped, the kicker and title stay as the sample's."""
    _scores_as_the_sample(f"{slug}\n\n" + newspaper_copy(13, 24), tmp_path)


def test_a_kicker_in_plain_type_over_a_bold_headline_stays_the_kicker():
    """Only a line naming the paper, the page or the day is furniture: a kicker set in plain type
    over the headline in fake bold is still the kicker."""
    lines = newspaper_copy(13, 24).split("\n")
    from briefing.extraction.clean import undouble

    lines[0] = undouble(lines[0]) or lines[0]
    s = api.extract_text("\n".join(lines))
    assert (s.kicker, s.title) == (gold_of(ARTICLE)["kicker"], gold_of(ARTICLE)["title"])


def test_the_pages_credits_after_the_text_are_no_paragraph(tmp_path):
    """本版编辑 张某 美编 李某 at the foot of the page: the page's credits, not the last section's words."""
    _scores_as_the_sample(newspaper_copy(13, 24) + "\n\n本版编辑 张某 美编 李某\n", tmp_path)


@pytest.mark.parametrize("form", ["blank lines", "a paragraph a line", "indented"])
def test_the_article_as_a_web_page_gives_scores_as_the_sample(form, tmp_path):
    """The same article as a web page gives it: a paragraph a line, with or without blank lines or
    an indent. A keyword label whose words end in 地 (确保招商项目落地) stands alone: 地 ends the
    noun 落地, not an adverb run on into the next line."""
    paras = _paragraphs()
    text = {"blank lines": "\n\n".join(paras), "a paragraph a line": "\n".join(paras),
            "indented": "\n".join("\u3000\u3000" + p for p in paras)}[form]
    _scores_as_the_sample(text, tmp_path)
