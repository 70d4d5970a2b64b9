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


def _nothing() -> None:
    pass


def _render(state, summary: Summary, warn) -> bytes:
    warn("a warning from the helper")
    return (f"{state} of " + summary.title).encode("utf-8")


def _helper(prepare=lambda payload: payload, render=_render) -> prefork.Helper:
    return prefork.Helper(_nothing, prepare, render)


def test_the_helper_renders_what_it_is_sent():
    h = _helper()
    h.configure("pdf")
    assert h.result(TINY) == ("pdf of 标题".encode(), ["a warning from the helper"])
    import time

    for _ in range(100):  # an answered helper exits by itself and is reaped on the next call
        prefork._reap()
        if h.pid not in prefork._FINISHING:
            break
        time.sleep(0.01)
    assert h.pid not in prefork._FINISHING
    with pytest.raises(ChildProcessError):
        os.waitpid(h.pid, 0)


def test_an_error_of_the_render_is_raised_here():
    def bad(state, summary, warn):
        raise FontError("2 characters in no font", path="x.txt")

    h = _helper(render=bad)
    with pytest.raises(FontError, match="2 characters in no font"):
        h.result(TINY)


def test_a_failed_preparation_is_a_preflight_error():
    def prepare(payload):
        raise FontError("cannot use font", path="fonts/x.ttf")

    h = _helper(prepare=prepare)
    with pytest.raises(prefork.PreflightFailed) as e:
        h.result(TINY)
    assert isinstance(e.value.error, FontError) and e.value.error.path == "fonts/x.ttf"


def test_a_helper_that_dies_answers_none():
    def dies(state, summary, warn):
        os._exit(3)

    h = _helper(render=dies)
    assert h.result(TINY) is None
    with pytest.raises(ChildProcessError):
        os.waitpid(h.pid, 0)  # killed and reaped


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
        def dies(state, summary, warn):
            os._exit(3)

        return _helper(render=dies)

    monkeypatch.setattr(api, "_pdf_helper", dying_helper)
    res = api.build_batch([EXAMPLE], output_dir=tmp_path, formats=("pdf",), workers=1)
    assert res.exit_code == 0
    assert (tmp_path / (EXAMPLE.stem + ".pdf")).read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("argv, wanted", [
    (["build", "a.txt"], True),
    (["build", "a.txt", "--format", "pdf,docx"], True),
    (["build", "a.txt", "--format=docx"], False),
    (["build", "a.txt", "--format", "json"], False),
    (["build", "--help"], False),
    (["extract", "a.txt"], False),
    (["--version"], False),
    ([], False),
])
def test_the_command_line_forks_early_only_for_a_build_that_may_write_a_pdf(argv, wanted):
    assert prefork._wants_pdf_build(argv) is wanted


@pytest.mark.parametrize("argv, value", [
    (["build", "a.txt", "-t", "gbt9704"], "gbt9704"),
    (["build", "a.txt", "--template=my.toml"], "my.toml"),
    (["build", "-t", "a", "a.txt", "--template", "b"], "b"),
    (["build", "a.txt"], None),
    (["build", "a.txt", "-t"], None),
])
def test_the_early_helper_reads_the_template_option_as_click_would(argv, value):
    assert prefork._option(argv, "-t", "--template") == value


@pytest.mark.parametrize("template", ["standard", "gbt9704"])
def test_the_command_line_builds_with_its_early_helper(tmp_path, template):
    import subprocess
    import sys

    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "briefing", "build", str(EXAMPLE), "-o", str(out), "-q",
                          "-t", template],
                         capture_output=True, text=True, env={**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "c")})
    assert run.returncode == 0, run.stderr
    alone = api.build_batch([EXAMPLE], output_dir=tmp_path / "alone", formats=("pdf",), workers=1,
                            template=template)
    assert alone.exit_code == 0
    name = EXAMPLE.stem + ".pdf"
    assert (out / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()


def test_an_early_helper_a_batch_does_not_use_is_stopped(tmp_path, monkeypatch):
    early = prefork.Helper(_nothing, lambda payload: payload, _render)
    monkeypatch.setattr(prefork, "_EARLY", early)
    other = tmp_path / "other.txt"
    other.write_bytes(EXAMPLE.read_bytes())
    res = api.build_batch([EXAMPLE, other], output_dir=tmp_path / "out", formats=("pdf",), workers=1)
    assert res.exit_code == 0 and prefork._EARLY is None
    with pytest.raises(ChildProcessError):
        os.waitpid(early.pid, 0)  # stopped and reaped


def test_the_helpers_warnings_and_strict_errors_reach_the_command_line(tmp_path):
    """A character in no font, through the command line's early helper: a warning without
    --strict (and the PDF is written), a failed input with it (and no PDF)."""
    import subprocess
    import sys

    report = tmp_path / "odd.txt"
    report.write_text("标题\n\n正文里有一个罕见字𠀾，其余都很常见。\n", encoding="utf-8")
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "c")}

    def build(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "briefing", "build", str(report), "-o", str(tmp_path / "out"),
                               "--format", "pdf", "--force", *extra], capture_output=True, text=True, env=env)

    loose = build()
    assert loose.returncode == 0, loose.stderr
    assert "𠀾" in loose.stdout + loose.stderr
    assert (tmp_path / "out" / "odd.pdf").exists()
    (tmp_path / "out" / "odd.pdf").unlink()
    strict = build("--strict")
    assert strict.returncode == 6
    assert "𠀾" in strict.stdout + strict.stderr and "Traceback" not in strict.stderr
    assert not (tmp_path / "out" / "odd.pdf").exists()


def _processes_with(marker: str) -> list[int]:
    from pathlib import Path as P

    pids = []
    for d in P("/proc").iterdir():
        if d.name.isdigit():
            try:
                if marker in (d / "cmdline").read_bytes().decode("utf-8", "replace"):
                    pids.append(int(d.name))
            except OSError:
                pass
    return pids


@pytest.mark.parametrize("signame, whole_group", [("SIGKILL", False), ("SIGINT", True)])
def test_no_helper_outlives_a_killed_or_interrupted_command_line(tmp_path, signame, whole_group):
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out-marker-for-this-test"
    p = subprocess.Popen([sys.executable, "-m", "briefing", "build", str(EXAMPLE), "-o", str(out), "-q"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env={**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "c")}, start_new_session=True)
    time.sleep(0.15)  # forked, importing
    if whole_group:  # as a terminal's Ctrl-C reaches the whole group
        os.killpg(p.pid, getattr(signal, signame))
    else:  # the parent alone: its helper must notice and go
        os.kill(p.pid, getattr(signal, signame))
    p.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _processes_with(str(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(str(out)) == []
