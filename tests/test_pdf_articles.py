"""Choosing the article of a newspaper PDF page in build as in extract (--article, --list), in the
Python API, and the article list as a user reads it."""

from __future__ import annotations

import json

import pytest
from clitools import assert_clear_failure, cli
from newspaper import OTHER, Page, make_page, sample_article

from briefing import api
from tests.conftest import ARTICLE

REPORT_TITLE = "政府工作报告中频现“高新元素”"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    pdf = folder / "page.pdf"
    pdf.write_bytes(make_page(Page(sample_article(ARTICLE.read_text(encoding="utf-8")), OTHER)))
    return pdf


def _title(path) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["title"]


def test_build_takes_the_article_asked_for_by_number_or_word(tmp_path, page):
    out = tmp_path / "out"
    for pick in ("2", "图书馆"):
        run = cli("build", page, "-o", out, "--format", "json", "-j", "1", "--article", pick, "--force")
        assert run.code == 0, run.output
        assert _title(out / "page.json") == OTHER.title
    # Without --article the default again, and rebuilt although the page did not change: the
    # outputs were made from another article.
    run = cli("build", page, "-o", out, "--format", "json", "-j", "1")
    assert run.code == 0 and "skipped" not in run.output, run.output
    assert _title(out / "page.json") == REPORT_TITLE


def test_build_with_an_article_the_page_lacks_fails_that_input(tmp_path, page):
    run = cli("build", page, "-o", tmp_path / "out", "--format", "json", "-j", "1", "--article", "9")
    assert run.code == 2 and "no article 9: the file has 2" in run.output and "--list" in run.output
    assert not (tmp_path / "out" / "page.json").exists()


def test_build_article_applies_to_every_pdf_of_a_batch_and_leaves_text_inputs_as_they_are(tmp_path, page):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(page.read_bytes())
    (folder / "b.pdf").write_bytes(page.read_bytes())
    (folder / "c.txt").write_bytes(ARTICLE.read_bytes())
    run = cli("build", folder, "-o", tmp_path / "out", "--format", "json", "-j", "1", "--article", "图书馆")
    assert run.code == 0, run.output
    out = tmp_path / "out"
    assert [_title(out / f"{n}.json") for n in "abc"] == [OTHER.title, OTHER.title, REPORT_TITLE]


def test_build_article_with_no_pdf_input_is_a_usage_error(tmp_path):
    run = cli("build", ARTICLE, "-o", tmp_path / "out", "--article", "2")
    assert_clear_failure(run, 2, "--article applies to PDF pages only", "leave --article out")
    assert not (tmp_path / "out").exists()


def test_api_build_and_extract_take_an_article(tmp_path, page):
    assert api.extract(page, article="图书馆").title == OTHER.title
    result = api.build(page, output_dir=tmp_path, formats=("json",), article=2)
    assert result.summary is not None and result.summary.title == OTHER.title
    assert api.build(page, output_dir=tmp_path, formats=("json",)).summary.title == REPORT_TITLE


def test_article_list_reads_as_a_table_with_sizes_and_first_words(page):
    run = cli("extract", page, "--list")
    assert run.code == 0, run.output
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"* 1  {REPORT_TITLE}") and lines[0].endswith("字  报告")
    assert "2,924 字" in lines[0]
    assert lines[1].strip().startswith("本报讯一年一度的郑州市政府工作报告") and lines[1].endswith("…")
    assert lines[2].startswith(f"  2  {OTHER.title}") and "209 字" in lines[2] and "报告" not in lines[2]
    assert lines[3].strip().startswith(OTHER.paragraphs[0][:10])
    # the sizes stand in one column on a terminal (CJK characters are two cells wide)
    from briefing.progress import width

    assert width(lines[0][:lines[0].index("字")]) == width(lines[2][:lines[2].index("字")])


def test_build_list_lists_each_input_under_its_name_and_writes_nothing(tmp_path, page):
    run = cli("build", page, ARTICLE, "-o", tmp_path / "out", "--list")
    assert run.code == 0, run.output
    lines = run.stdout.splitlines()
    assert lines[0] == str(page) and lines[1].startswith(f"* 1  {REPORT_TITLE}")
    at = lines.index(str(ARTICLE))
    assert lines[at + 1].startswith(f"* 1  {REPORT_TITLE}")
    assert lines[at + 2].strip().startswith("一年一度的郑州市政府工作报告")  # the text's words, repaired
    assert not (tmp_path / "out").exists()


def test_a_text_input_of_an_article_batch_stays_up_to_date(tmp_path, page):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(page.read_bytes())
    (folder / "c.txt").write_bytes(ARTICLE.read_bytes())
    out = tmp_path / "out"
    assert cli("build", folder, "-o", out, "--format", "json", "-j", "1").code == 0
    run = cli("build", folder, "-o", out, "--format", "json", "-j", "1", "--article", "2")
    assert run.code == 0, run.output
    status = {e["input"].rsplit("/", 1)[-1]: e["status"]
              for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]}
    assert status == {"a.pdf": "updated", "c.txt": "skipped"}


def test_list_of_a_text_reads_it_in_the_encoding_forced_with_encoding(tmp_path):
    # --encoding reaches the listing as it reaches the build: UTF-8 bytes forced as Latin-1 read
    # as Latin-1 (C1 control characters, refused), where the detection alone reads them right.
    (tmp_path / "r.txt").write_bytes("某市政府工作报告\n\n今年新增就业岗位一万个。\n".encode())
    for command in ("extract", "build"):
        assert "某市政府工作报告" in cli(command, "r.txt", "--list", cwd=tmp_path).output, command
        r = cli(command, "r.txt", "--list", "--encoding", "latin-1", cwd=tmp_path)
        assert r.code == 3 and "binary data" in r.output, (command, r.output)
