"""The forked PDF helper of a single-input build: same bytes as rendering in-process, errors come
back as the same errors, and a helper that dies is replaced by rendering here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing import api, prefork
from briefing.errors import FontError
from briefing.model import Section, Summary

pytestmark = pytest.mark.skipif(not prefork.usable(), reason="needs Linux fork and two CPUs")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "zhengzhou-gaoxin-2021.txt"
TINY = Summary(title="标题", sections=[Section(keyword="关键词", paragraphs=["段落。"])])


def _render(summary: Summary, warn) -> bytes:
    warn("a warning from the helper")
    return ("pdf of " + summary.title).encode("utf-8")


def test_the_helper_renders_what_it_is_sent():
    h = prefork.start(lambda: None, _render)
    assert h is not None
    assert h.result(TINY) == ("pdf of 标题".encode(), ["a warning from the helper"])
    with pytest.raises(ChildProcessError):
        os.waitpid(h.pid, 0)  # reaped


def test_an_error_of_the_render_is_raised_here():
    def bad(summary, warn):
        raise FontError("2 characters in no font", path="x.txt")

    h = prefork.start(lambda: None, bad)
    with pytest.raises(FontError, match="2 characters in no font"):
        h.result(TINY)  # type: ignore[union-attr]


def test_a_failed_preparation_is_a_preflight_error():
    def prepare():
        raise FontError("cannot use font", path="fonts/x.ttf")

    h = prefork.start(prepare, _render)
    with pytest.raises(prefork.PreflightFailed) as e:
        h.result(TINY)  # type: ignore[union-attr]
    assert isinstance(e.value.error, FontError) and e.value.error.path == "fonts/x.ttf"


def test_a_helper_that_dies_answers_none():
    def dies(summary, warn):
        os._exit(3)

    h = prefork.start(lambda: None, dies)
    assert h.result(TINY) is None  # type: ignore[union-attr]


def test_a_single_build_uses_the_helper_and_writes_the_same_pdf(tmp_path, monkeypatch):
    started = []
    real = prefork.start

    def counting(*a):
        h = real(*a)
        started.append(h)
        return h

    monkeypatch.setattr(prefork, "start", counting)
    with_helper = api.build_batch([EXAMPLE], output_dir=tmp_path / "a", formats=("pdf", "docx"), workers=1)
    assert with_helper.exit_code == 0 and len(started) == 1 and started[0] is not None
    monkeypatch.setenv("BRIEFING_NO_FORK", "1")
    alone = api.build_batch([EXAMPLE], output_dir=tmp_path / "b", formats=("pdf", "docx"), workers=1)
    assert alone.exit_code == 0
    name = EXAMPLE.stem + ".pdf"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert with_helper.results[0].entry.warnings == alone.results[0].entry.warnings


def test_a_build_whose_helper_dies_still_writes_the_pdf(tmp_path, monkeypatch):
    def dying_helper(template, strict):
        def dies(summary, warn):
            os._exit(3)

        return prefork.start(lambda: None, dies)

    monkeypatch.setattr(api, "_pdf_helper", dying_helper)
    res = api.build_batch([EXAMPLE], output_dir=tmp_path, formats=("pdf",), workers=1)
    assert res.exit_code == 0
    assert (tmp_path / (EXAMPLE.stem + ".pdf")).read_bytes().startswith(b"%PDF")
