"""The parsed-face cache: used when present, rebuilt when corrupt, invisible in the output."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import fontcache
from briefing.renderers.pdf_cidfont import subset
from briefing.resources import fonts_dir

FONT = fonts_dir() / "NotoSansSC-Bold.ttf"


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch):
    """Each test reads the cache folder as a new process would (nothing read before)."""
    monkeypatch.setattr(fontcache, "_READ", {})


def test_a_parsed_face_is_cached_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    first = fontcache.load_face(FONT)
    entries = list(tmp_path.glob("face-*.marshal"))
    assert len(entries) == 1
    fontcache._READ.clear()
    second = fontcache.load_face(FONT)
    assert type(second) is not type(first)  # really read back, not parsed again
    for attr in ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "table", "name", "bbox",
                 "ascent", "descent", "defaultWidth"):
        assert getattr(second, attr) == getattr(first, attr), attr
    assert second._ttf_data[:] == first._ttf_data  # mapped, not read
    assert second.get_table("glyf") == first.get_table("glyf")
    text = " 中国经济增长27.8%，（“两会”）"
    glyphs = [0] + [first.charToGlyph[ord(c)] for c in text]
    assert subset(second, glyphs) == subset(first, glyphs)  # the PDF's font program
    assert {g: sorted(c) for g, c in second.glyphToChar.items()} == {g: sorted(c) for g, c in first.glyphToChar.items()}
    assert second._pdfScale(1000) == first._pdfScale(1000)


def test_a_corrupt_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    fontcache.load_face(FONT)
    (entry,) = tmp_path.glob("face-*.marshal")
    entry.write_bytes(b"not a pickle")
    fontcache._READ.clear()
    face = fontcache.load_face(FONT)
    assert ord("中") in face.charToGlyph
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "sub"))
    assert ord("中") in fontcache.load_face(FONT).charToGlyph


def test_pdf_is_the_same_with_and_without_the_cache(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    outs = []
    for env_extra in ({"BRIEFING_NO_CACHE": "1"}, {"BRIEFING_CACHE_DIR": str(tmp_path / "c")}, {"BRIEFING_CACHE_DIR": str(tmp_path / "c")}):
        import os

        out = tmp_path / f"o{len(outs)}"
        subprocess.run([sys.executable, "-m", "briefing", "build", str(root / "examples" / "zhengzhou-gaoxin-2021.txt"),
                        "-o", str(out), "--format", "pdf", "-q"], check=True, env={**os.environ, **env_extra}, cwd=root)
        outs.append((out / "zhengzhou-gaoxin-2021.pdf").read_bytes())
    assert outs[0] == outs[1] == outs[2]


def test_the_cache_keeps_only_the_newest_entries(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    for i in range(fontcache.KEEP + 5):
        stale = tmp_path / f"face-stale{i:02d}.marshal"
        stale.write_bytes(b"x")
        os.utime(stale, (1000 + i, 1000 + i))
    fontcache.load_face(FONT)
    entries = list(tmp_path.glob("face-*.marshal"))
    assert len(entries) == fontcache.KEEP
    assert any(not e.name.startswith("face-stale") for e in entries)


def test_metrics_from_the_cache_do_not_import_reportlab(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path)}
    code = ("import sys; from briefing import fontcache; from briefing.resources import fonts_dir; "
            "m = fontcache.metrics(fonts_dir() / 'NotoSansSC-Bold.ttf'); "
            "print(m.cmap[ord('中')] > 0, m.widths[ord('中')], 'reportlab.pdfbase' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split()[:2] == again.stdout.split()[:2] == ["True", "1000"]
    assert first.stdout.split()[2] == "True"  # parsed by ReportLab once
    assert again.stdout.split()[2] == "False"  # then read without it
