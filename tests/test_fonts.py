"""Font discovery by family name, per-character fallback and characters in no font."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import fonts
from briefing.errors import FontError
from briefing.fonts import FontChain, Installed, bundled, find, parse_fc_list, report_missing, resolve
from briefing.fontscan import read_faces
from briefing.resources import fonts_dir

SERIF = fonts_dir() / "NotoSerifSC-Regular.ttf"
KAI = fonts_dir() / "LXGWWenKai-Regular.ttf"


@pytest.fixture
def machine(monkeypatch):
    """Pretend these faces are installed (instead of whatever this machine has)."""
    faces: list[Installed] = []
    monkeypatch.setattr(fonts, "installed_fonts", lambda: tuple(faces))
    return faces


def test_bundled_family_resolves_to_the_bundled_file_and_bold_to_its_bold_face():
    assert bundled("Noto Serif SC").path == SERIF
    assert bundled("noto serif sc", bold=True).path.name == "NotoSerifSC-Bold.ttf"
    assert bundled("LXGW WenKai", bold=True).path == KAI  # no bold face: regular, never faked
    assert bundled("SimSun") is None


def test_installed_truetype_family_is_found_by_any_of_its_names(machine):
    machine.append(Installed(("KaiTi", "楷体"), KAI, 0, 80, True))
    assert find("楷体").path == KAI
    assert find("KAITI").path == KAI


def test_installed_font_with_cff_outlines_is_skipped_with_a_note(machine):
    machine.append(Installed(("FangSong", "仿宋"), Path("/fonts/fangsong.otf"), 0, 80, False))
    notes: list[str] = []
    assert find("仿宋", note=notes.append) is None
    assert "CFF" in notes[0] and "仿宋" in notes[0]


def test_nearest_weight_upright_face_wins(machine):
    machine.extend([
        Installed(("Demo",), Path("/f/Demo-Italic.ttf"), 0, 80, True, italic=True),
        Installed(("Demo",), Path("/f/Demo-Regular.ttf"), 0, 80, True),
        Installed(("Demo",), Path("/f/Demo-Bold.ttf"), 0, 200, True),
        Installed(("Demo",), Path("/f/Demo-Light.ttf"), 0, 50, True),
    ])
    assert find("Demo").path.name == "Demo-Regular.ttf"
    hit = find("Demo", bold=True)
    assert hit.path.name == "Demo-Bold.ttf" and hit.bold


def test_role_fallback_list_keeps_order_and_never_comes_back_empty(machine):
    files = resolve(["方正小标宋简体", "LXGW WenKai", "Noto Serif SC"])
    fallback = fonts_dir() / fonts.FALLBACK_FILE
    assert [f.path for f in files] == [KAI, SERIF, fallback]  # the fallback face last, in every role
    assert [f.path for f in resolve(["No Such Font"])] == [SERIF, fallback]


def test_fc_list_output_is_parsed_with_all_family_names_weight_slant_and_format():
    text = (
        "LXGW WenKai,霞鹜文楷\t80\t0\tTrueType\t0\t/usr/share/fonts/LXGWWenKai-Regular.ttf\n"
        "Noto Serif CJK SC\t200\t0\tCFF\t2\t/usr/share/fonts/NotoSerifCJK-Bold.ttc\n"
        "Liberation Serif\t80\t100\tTrueType\t0\t/usr/share/fonts/LiberationSerif-Italic.ttf\n"
        "Variable\t[50 200]\t0\tTrueType\t0\t/usr/share/fonts/Var.ttf\n"
        "broken line\n"
    )
    faces = parse_fc_list(text)
    assert len(faces) == 4
    assert faces[0].families == ("LXGW WenKai", "霞鹜文楷") and faces[0].truetype
    assert faces[1].index == 2 and faces[1].weight == 200 and not faces[1].truetype
    assert faces[2].italic
    assert faces[3].weight == 50


def test_font_folder_scan_reads_names_weight_and_outline_format_from_the_file():
    [face] = read_faces(fonts_dir() / "NotoSerifSC-Bold.ttf")
    assert "Noto Serif SC" in face.families
    assert face.weight == 200 and face.truetype and not face.italic
    assert read_faces(Path(__file__)) == []  # not a font: nothing, no exception


def test_each_character_is_set_in_the_first_face_that_has_it():
    chain = FontChain([bundled("LXGW WenKai"), bundled("Noto Serif SC")])
    kai, serif = chain.face(0), chain.face(1)
    only_serif = next(chr(c) for c in sorted(serif.cmap) if c > 0x4E00 and c not in kai.cmap)
    assert chain.face_for("中") is kai
    assert chain.face_for(only_serif) is serif
    assert chain.face_for("\U0002A6A5") is None  # an extension-B ideograph no bundled face has


def test_latin_face_takes_letters_and_digits_but_not_chinese_quotes():
    chain = FontChain([bundled("Noto Serif SC")], latin=bundled("LXGW WenKai"))
    assert chain.face_for("A").file.path == KAI
    assert chain.face_for("“").file.path == SERIF
    assert chain.face_for("中").file.path == SERIF


def test_missing_characters_warn_and_strict_makes_them_an_error():
    warnings: list[str] = []
    report_missing(["𠀾", "𠀾", "\U0002A6A5"], strict=False, warn=warnings.append)
    assert warnings and warnings[0].startswith("2 characters in no font: 𠀾")
    with pytest.raises(FontError, match="1 character in no font"):
        report_missing(["𠀾"], strict=True, warn=warnings.append)
    report_missing([], strict=True, warn=warnings.append)  # nothing missing: nothing said
    assert len(warnings) == 1
