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
