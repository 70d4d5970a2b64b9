"""The bundled faces cover the hanzi of GB 18030 levels 1 and 2 and the 通用规范汉字表: the main
faces the common ones, the fallback face (the last of every role) the rest."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from clitools import cli

from briefing.fonts import FALLBACK_FILE, chain
from briefing.resources import fonts_dir
from briefing.template import load

TGH = Path(__file__).resolve().parent / "fixtures" / "tongyong-guifan-8105.txt"


def tongyong_guifan() -> str:
    lines = TGH.read_text(encoding="utf-8").splitlines()
    return "".join(ln for ln in lines if not ln.startswith("#"))


def gb18030_hanzi() -> str:
    """Levels 1 and 2 as far as hanzi go: the CJK Unified Ideographs of GBK (U+4E00–9FA5) and
    of Extension A (U+3400–4DB5), and the 通用规范汉字表."""
    cps = [*range(0x4E00, 0x9FA6), *range(0x3400, 0x4DB6)]
    return "".join(map(chr, cps)) + tongyong_guifan()


def test_the_list_is_the_whole_table():
    chars = tongyong_guifan()
    assert len(chars) == len(set(chars)) == 8105
    assert sum(ord(c) > 0xFFFF for c in chars) == 196  # Extensions B–F


@pytest.mark.parametrize("name", ["standard", "gbt9704"])
def test_every_role_of_a_template_has_a_face_for_every_required_character(name):
    t = load(name)
    required = gb18030_hanzi()
    for role_name, role in t.roles.items():
        c = chain(tuple(role.fonts), role.latin, role.bold)
        missing = [ch for ch in required if c.face_for(ch) is None]
        assert not missing, f"{role_name}: {len(missing)} missing, e.g. {''.join(missing[:20])}"


def test_the_main_faces_cover_the_table_and_the_fallback_only_what_they_lack():
    from fontTools.ttLib import TTFont

    main = TTFont(str(fonts_dir() / "NotoSerifSC-Regular.ttf"), lazy=True).getBestCmap()
    fallback = TTFont(str(fonts_dir() / FALLBACK_FILE), lazy=True).getBestCmap()
    assert all(ord(ch) in main for ch in tongyong_guifan())
    assert not set(main) & set(fallback)
    assert 0x6FDB in fallback  # 濛, as in 濛溪河: GBK, but neither GB 2312 nor the table


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_a_rare_place_name_prints_and_strict_accepts_it(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("政府工作报告\n\n推进濛溪河遗址保护利用，建设考古遗址公园。\n", encoding="utf-8")
    run = cli("build", report, "-o", tmp_path / "out", "--strict", "--format", "pdf")
    assert run.code == 0, run.output  # was: 濛 in no font, an error under --strict (a box without)
    text = subprocess.run(["pdftotext", str(tmp_path / "out" / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "濛溪河" in text
