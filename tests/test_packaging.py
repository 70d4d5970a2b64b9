"""Templates and fonts ship inside the wheel: an installed (non-editable) briefing builds the
example from another working directory, with no checkout on its path."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (whl,) = out.glob("briefing-*.whl")
    return whl


@pytest.mark.slow
def test_wheel_holds_templates_and_fonts(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefing/_data/templates/standard.toml" in names
    assert "briefing/_data/templates/gbt9704.toml" in names
    assert "briefing/_data/fonts/NotoSerifSC-Regular.ttf" in names
    for name in ("index.html", "app.js", "app.css"):  # the page of `briefing serve`
        assert f"briefing/web/static/{name}" in names


@pytest.mark.slow
def test_installed_wheel_builds_the_example_elsewhere(wheel, tmp_path):
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    work = tmp_path / "elsewhere"
    work.mkdir()
    example = ROOT / "examples" / "zhengzhou-gaoxin-2021.txt"
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = "import briefing, sys; assert briefing.__file__.startswith(sys.argv[1]), briefing.__file__; " \
           "from briefing.cli import main; sys.argv = ['briefing', 'build', sys.argv[2], '--template', 'gbt9704']; main()"
    proc = subprocess.run([sys.executable, "-c", code, str(target), str(example)], cwd=work, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for ext in ("pdf", "docx"):
        out = work / "output" / f"zhengzhou-gaoxin-2021.{ext}"
        assert out.is_file() and out.stat().st_size > 10_000
