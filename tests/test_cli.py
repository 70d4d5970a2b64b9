"""The commands: build options and config, extract, render, templates, fonts, and what a batch
prints (plain lines, the table, the progress line)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from clitools import ARTICLE, ARTICLE_SUMMARY, SHORT, cli

from briefing import config
from briefing.batch import BatchResult, Result
from briefing.errors import UsageError
from briefing.manifest import Entry
from briefing.progress import fit, progress_line, table, width


def pdf_text(p: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True).stdout


# -- help --------------------------------------------------------------------------------------
def test_help_lists_the_commands_and_the_exit_codes() -> None:
    run = cli("--help")
    for c in ("build", "extract", "render", "templates", "fonts"):
        assert c in run.stdout
    b = cli("build", "--help").stdout
    assert "Exit codes: 0 all built; 1 some input failed" in b
    assert "报:A;送:B,C;发:D;印:30" in b
    for opt in ("--output-dir", "--format", "--template", "--config", "--name", "--issue", "--unit", "--date",
                "--distribution", "--workers", "--force", "--strict", "--quiet", "--verbose", "--encoding",
                "--max-size", "--timeout"):
        assert opt in b, opt


@pytest.mark.parametrize("command, codes", [
    ("extract", "0 written; 2 usage error (bad option); 3 bad input"),
    ("render", "4 bad summary JSON; 5 bad template or config"),
    ("templates", "5 unknown or broken template"),
    ("fonts", "3 bad TEXTFILE"),
])
def test_each_command_help_gives_its_own_exit_codes(command: str, codes: str) -> None:
    text = " ".join(cli(command, "--help").stdout.split())
    assert codes in text
    assert "some input failed" not in text  # was: the batch text under every command


def test_help_of_build_and_fonts_names_every_kind_of_input_a_folder_gives() -> None:
    from briefing.batch_plan import INPUT_SUFFIXES

    build_help = " ".join(cli("build", "--help").stdout.split())
    for suffix in INPUT_SUFFIXES:  # was: *.txt and *.json only, after PDF, Word and HTML came in
        assert f"*{suffix}" in build_help, suffix
    fonts_help = " ".join(cli("fonts", "--help").stdout.split())
    for kind in ("PDF", "Word", "web page"):
        assert kind in fonts_help, kind


# -- masthead values: options, briefing.toml -----------------------------------------------------
def test_masthead_and_distribution_options_reach_the_briefing(tmp_path: Path) -> None:
    run = cli("build", ARTICLE, "-o", tmp_path, "-t", "gbt9704", "-j", "1", "--format", "pdf",
              "--name", "高新区工作简报", "--issue", "3", "--unit", "管委会办公室", "--date", "2026-03-01",
              "--distribution", "报:市委办公厅；送：市人大办公厅,市政协办公厅;发:各部门;印:30份")
    assert run.code == 0, run.output
    text = pdf_text(tmp_path / "zhengzhou-gaoxin-2021.pdf")
    for s in ("高新区工作简报", "第3期", "管委会办公室", "2026年3月1日", "报：市委办公厅",
              "送：市人大办公厅，市政协办公厅", "发：各部门", "共印30份"):
        assert s in text, s


def test_distribution_syntax() -> None:
    assert config.parse_distribution("报:A;送:B,C;发:D;印:30") == {
        "enabled": True, "report_to": "A", "send_to": "B，C", "issue_to": "D", "copies": 30}
    assert config.parse_distribution("报送：甲；抄送：乙") == {"enabled": True, "report_to": "甲", "send_to": "乙"}
    for bad in ("报=A", "收:A", "印:三十"):
        with pytest.raises(UsageError):
            config.parse_distribution(bad)


@pytest.mark.parametrize("given, printed", [("2026-03-01", "2026年3月1日"), ("2026/12/31", "2026年12月31日"),
                                            ("2026年3月", "2026年3月")])
def test_dates_are_printed_the_gbt9704_way(given: str, printed: str) -> None:
    assert config.format_date(given) == printed


def test_issue_numbers() -> None:
    assert config.format_issue("12") == "第12期"
    assert config.format_issue("总第105期") == "总第105期"


def test_briefing_toml_in_the_working_folder_is_used_and_options_win(tmp_path: Path) -> None:
    (tmp_path / "briefing.toml").write_text(
        '[build]\ntemplate = "gbt9704"\nformats = ["pdf", "json"]\noutput_dir = "briefings"\n'
        '[masthead]\nname = "配置里的简报"\nunit = "配置单位"\n[tail]\nenabled = true\ncopies = 12\n',
        encoding="utf-8")
    shutil.copy(SHORT, tmp_path / "r.txt")
    run = cli("build", "r.txt", "--unit", "选项单位", "-j", "1", cwd=tmp_path)
    assert run.code == 0, run.output
    out = tmp_path / "briefings"
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "r.json", "r.pdf"]
    assert json.loads((out / "manifest.json").read_text())["files"][0]["template"] == "gbt9704"
    text = pdf_text(out / "r.pdf")
    assert "配置里的简报" in text and "选项单位" in text and "配置单位" not in text and "共印12份" in text


def test_resolve_template_applies_config_then_options(tmp_path: Path) -> None:
    cfg_file = tmp_path / "c.toml"
    cfg_file.write_text('[masthead]\nname = "甲"\nissue = "第1期"\n', encoding="utf-8")
    cfg = config.read_config(cfg_file)
    tpl = config.resolve_template("standard", cfg, config.option_overrides(issue="7"))
    assert (tpl.masthead.name, tpl.masthead.issue) == ("甲", "第7期")


# -- extract, render ---------------------------------------------------------------------------
def test_extract_prints_json_or_writes_it(tmp_path: Path) -> None:
    run = cli("extract", SHORT)
    assert run.code == 0
    assert json.loads(run.stdout)["schema"] == "briefing.summary/1"
    target = tmp_path / "s.json"
    assert cli("extract", SHORT, "-o", target).code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(run.stdout)
    again = cli("extract", SHORT, "-o", target)
    assert again.code == 7 and "exists already" in again.stderr and "--force" in again.stderr
    assert cli("extract", SHORT, "-o", target, "--force").code == 0


def test_render_a_summary(tmp_path: Path) -> None:
    run = cli("render", ARTICLE_SUMMARY, "-o", tmp_path, "--format", "pdf,docx,json", "-t", "gbt9704")
    assert run.code == 0, run.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.docx", "article.json", "article.pdf"]
    from briefing.model import Summary

    again_read = Summary.from_json((tmp_path / "article.json").read_text(encoding="utf-8"))
    assert again_read == Summary.from_json(ARTICLE_SUMMARY.read_text(encoding="utf-8"))
    again = cli("render", ARTICLE_SUMMARY, "-o", tmp_path)
    assert again.code == 7 and "exists already" in again.stderr


# -- templates, fonts --------------------------------------------------------------------------
def test_templates_list_and_show() -> None:
    run = cli("templates")
    assert run.code == 0 and "standard" in run.stdout and "gbt9704" in run.stdout
    shown = cli("templates", "gbt9704")
    assert shown.code == 0 and "[masthead]" in shown.stdout and 'style = "redhead"' in shown.stdout
    bad = cli("templates", "nope")
    assert bad.code == 5 and "unknown template 'nope'" in bad.stderr


def test_fonts_shows_the_font_of_every_role_and_uncovered_characters(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("正文内容\ue000与\U000f0001结束", encoding="utf-8")  # two private-use characters
    run = cli("fonts", text, "-t", "gbt9704")
    assert run.code == 0, run.output
    for role in ("title", "body", "heading", "masthead", "page_number"):
        assert f"\n{role} " in run.stdout
    assert "2 in no font" in run.stdout
    assert "U+E000" in run.stdout and "U+F0001" in run.stdout
    ok = cli("fonts", ARTICLE_SUMMARY)
    assert ok.code == 0 and "every character is in a font" in ok.stdout


# -- what a batch prints -----------------------------------------------------------------------
def test_not_on_a_terminal_one_plain_line_per_input_then_the_table(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SHORT, src / "a.txt")
    (src / "b.txt").write_bytes(b"")
    run = cli("build", src, "-o", tmp_path / "out", "-j", "1")
    assert run.code == 1
    assert "\r" not in run.output and "\x1b" not in run.output  # no progress bar
    assert "[1/2] built   " in run.stdout and "a.txt → a.pdf, a.docx" in run.stdout
    assert "[2/2] FAILED  " in run.stderr and "b.txt: empty file (0 bytes)" in run.stderr
    assert "input" in run.stdout and "status" in run.stdout  # the table
    assert "2 inputs: 1 built, 1 failed" in run.stdout


def test_quiet_prints_the_lines_but_no_table(tmp_path: Path) -> None:
    run = cli("build", SHORT, "-o", tmp_path / "out", "-j", "1", "-q")
    assert run.code == 0
    assert run.stdout.count("\n") == 1 and run.stdout.startswith("[1/1] built")
    assert run.stderr == ""


def test_progress_line_has_count_rate_and_eta() -> None:
    line = progress_line(50, 200, 10.0, 2, "报告.txt", 100)
    assert line.startswith(" 50/200 [")
    assert " 25%" in line and "5.0/s" in line and "ETA 0:30" in line and "2 failed" in line and "报告.txt" in line
    assert width(line) < 100
    assert "ETA --:--" in progress_line(0, 10, 0.0, 0, "", 80)
    assert width(progress_line(7, 10, 3.0, 0, "很长的文件名" * 20, 60)) < 60


def test_table_lists_each_input_with_status_time_and_outputs_or_error() -> None:
    ok = Entry(input="/x/a.txt", outputs={"pdf": "a.pdf"}, status="ok", seconds=0.25)
    bad = Entry(input="/x/b.txt", status="failed", error="in/b.txt: empty file (0 bytes) (pass a file)")
    batch = BatchResult(results=[Result(0, "in/a.txt", ok), Result(1, "in/b.txt", bad)], seconds=2.0,
                        manifest=Path("out/manifest.json"))
    lines = table(batch).splitlines()
    assert lines[1].split()[:4] == ["in/a.txt", "built", "0.25", "a.pdf"]
    assert lines[2].split()[:3] == ["in/b.txt", "FAILED", "0.00"]
    assert lines[2].endswith("empty file (0 bytes) (pass a file)")  # the name is not repeated
    assert lines[-1] == "2 inputs: 1 built, 1 failed in 2.0 s (1.0/s); manifest: out/manifest.json"


def test_cjk_width_and_fitting() -> None:
    assert width("报告a") == 5
    assert fit("报告报告", 5) == "报告…"
    assert width(fit("报告报告", 5)) == 5
    assert fit("ab", 4) == "ab  "


def test_a_folder_named_like_a_template_is_not_taken_for_its_file(tmp_path, monkeypatch) -> None:
    """`-o standard --template standard` run twice: the second run finds a folder called
    "standard" where it runs; the template is still the built-in one, not "no such file"."""
    from briefing.template import load

    monkeypatch.chdir(tmp_path)
    (tmp_path / "standard").mkdir()
    (tmp_path / "other").mkdir()
    assert load("standard").name == "standard"
    with pytest.raises(Exception, match="unknown template 'other'"):
        load("other")
    run = cli("build", str(SHORT), "-o", "standard", "--template", "standard", "--format", "pdf")
    assert run.code == 0, run.stderr
