"""The Python API the CLI is built on: briefing.extract / render / build stay callable even after
the extraction and renderer packages are imported."""

from __future__ import annotations

import briefing
import briefing.extraction.clean  # noqa: F401 - importing the packages must not shadow the API
import briefing.renderers.pdf  # noqa: F401
from tests.conftest import ARTICLE


def test_extract_render_build_are_functions(tmp_path):
    s = briefing.extract(ARTICLE)
    assert isinstance(s, briefing.Summary) and s.sections
    files = briefing.render(s, template="gbt9704", formats=("pdf", "docx", "json"))
    assert files["pdf"].startswith(b"%PDF") and files["docx"].startswith(b"PK")
    assert briefing.Summary.from_json(files["json"].decode("utf-8")) == s
    result = briefing.build(ARTICLE, output_dir=tmp_path)
    assert sorted(p.rsplit(".", 1)[1] for p in result.outputs.values()) == ["docx", "pdf"]


def test_extract_text_takes_a_string():
    assert briefing.extract_text("标题\n\n正文一段。\n").title == "标题"


def test_a_template_can_name_highlight_labels(tmp_path):
    from briefing.template import load

    src = tmp_path / "my.toml"
    text = load("standard").source
    src.write_text('highlight_labels = ["群众声音"]\n' + open(text, encoding="utf-8").read(), encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("城市更新观察\n\n老街区改造完成。\n\n群众声音：居民说生活方便多了。\n\n下一步继续推进。\n", encoding="utf-8")
    plain = briefing.build(report, output_dir=tmp_path / "a", formats=("json",))
    named = briefing.build(report, output_dir=tmp_path / "b", formats=("json",), template=str(src))
    assert not [h for s in plain.summary.sections for h in s.highlights]
    assert [h.label for s in named.summary.sections for h in s.highlights] == ["群众声音"]


def test_a_template_is_read_once_and_again_when_its_file_changes(tmp_path):
    import os

    from briefing.template import available, load

    assert load("standard") is load("standard")  # parsed once per process
    mine = tmp_path / "mine.toml"
    text = available()["standard"].read_text(encoding="utf-8")
    mine.write_text(text, encoding="utf-8")
    first = load(mine)
    mine.write_text(text.replace('name = "standard"', 'name = "mine"', 1), encoding="utf-8")
    os.utime(mine, ns=(1, 1))  # a new mtime even on a coarse clock
    second = load(mine)
    assert second is not first and second.name == "mine"
