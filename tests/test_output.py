"""Output names and atomic writes (briefing/output.py)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import time
from pathlib import Path

import pytest
from clitools import mount_tmpfs

from briefing import output
from briefing.errors import OutputError
from briefing.output import (
    inside,
    prepare_dir,
    safe_stem,
    sweep_stale,
    unique_stems,
    write_atomic,
    write_files,
)


# -- names -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, want",
    [
        ("report", "report"),
        ("a/b\\c", "a_b_c"),
        ("../../etc/passwd", "etc_passwd"),
        ("..", "briefing"),
        ("a..b", "a_b"),
        ("tab\there\x00nul\x1besc", "tab_here_nul_esc"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Lpt1", "_Lpt1"),
        ("aux ", "_aux"),
        ("  .hidden. ", "hidden"),
        ("", "briefing"),
        ("what?<>:\"|*", "what"),
        ("evil\u202egpj.exe", "evil_gpj.exe"),  # right-to-left override would disguise the name
        ("2026年 北京市 政府工作报告", "2026年 北京市 政府工作报告"),
    ],
)
def test_safe_stem_removes_what_is_unsafe_on_any_system(raw: str, want: str) -> None:
    assert safe_stem(raw) == want


def test_safe_stem_fits_255_bytes_with_suffix_without_splitting_a_character() -> None:
    stem = safe_stem("报" * 200)  # 600 bytes in UTF-8
    encoded = (stem + "-999.docx").encode("utf-8")
    assert len(encoded) <= 255
    assert stem == "报" * len(stem)  # cut on a character boundary
    assert len(stem) >= 70


def test_unique_stems_are_deterministic_and_case_insensitive() -> None:
    names = ["report", "Report", "report", "other", "report-2"]
    assert unique_stems(names) == ["report", "Report-2", "report-3", "other", "report-2-2"]
    assert unique_stems(names) == unique_stems(list(names))


def test_unique_stems_avoid_taken_names() -> None:
    assert unique_stems(["a", "a"], taken=["A"]) == ["a-2", "a-3"]


@pytest.mark.parametrize("name", ["../x.pdf", "sub/x.pdf", "/abs.pdf"])
def test_inside_refuses_names_that_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError):
        inside(tmp_path, name)
    assert inside(tmp_path, "x.pdf") == tmp_path / "x.pdf"


# -- atomic writes -----------------------------------------------------------------------------
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(output.TEMP_SUFFIX))


def test_write_atomic_writes_and_leaves_no_temp(tmp_path: Path) -> None:
    p = write_atomic(tmp_path / "a.pdf", b"%PDF-1.4 data")
    assert p.read_bytes() == b"%PDF-1.4 data"
    assert _leftovers(tmp_path) == []


def test_write_atomic_without_force_does_not_replace(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"mine")
    with pytest.raises(OutputError, match="exists already"):
        write_atomic(tmp_path / "a.pdf", b"new", force=False)
    assert (tmp_path / "a.pdf").read_bytes() == b"mine"
    assert _leftovers(tmp_path) == []


def test_disk_full_while_staging_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "b.docx").write_bytes(b"old docx")
    real_write = os.write
    calls = {"n": 0}

    def write(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 2:  # the second file
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(output.os, "write", write)
    with pytest.raises(OutputError, match="disk full") as e:
        write_files({tmp_path / "a.pdf": b"pdf", tmp_path / "b.docx": b"new docx"})
    assert "free some space" in str(e.value)
    assert not (tmp_path / "a.pdf").exists()  # the first file was staged but never named
    assert (tmp_path / "b.docx").read_bytes() == b"old docx"
    assert _leftovers(tmp_path) == []


def test_real_full_disk_is_one_clear_error_and_no_temp(tmp_path: Path) -> None:
    small = tmp_path / "small"
    if not mount_tmpfs(small, "64k"):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        with pytest.raises(OutputError, match="disk full"):
            write_atomic(small / "big.pdf", b"x" * 200_000)
        assert list(small.iterdir()) == []
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_prepare_dir_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        prepare_dir(tmp_path / "out")
    with pytest.raises(OutputError, match="is a file"):
        prepare_dir(tmp_path / "out" / "sub")


def test_prepare_dir_refuses_a_folder_it_cannot_write(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    mounted = mount_tmpfs(ro, "64k", ro=True)
    if not mounted:
        ro.mkdir()
        ro.chmod(0o555)
        if os.access(ro, os.W_OK) and os.geteuid() == 0:
            pytest.skip("root ignores permissions and cannot mount")
    try:
        with pytest.raises(OutputError, match="not writable|read-only|permission denied"):
            prepare_dir(ro)
    finally:
        if mounted:
            subprocess.run(["umount", str(ro)], check=False)
        else:
            ro.chmod(0o755)


def test_sweep_removes_this_runs_and_old_temps_only(tmp_path: Path) -> None:
    mine = tmp_path / f".a.pdf.{output.RUN_TAG}abcd.part"
    old = tmp_path / ".b.pdf.zzzzzzzzabcd.part"
    young = tmp_path / ".c.pdf.yyyyyyyyabcd.part"
    keep = tmp_path / "d.pdf"
    for p in (mine, old, young, keep):
        p.write_bytes(b"x")
    past = time.time() - 7200
    os.utime(old, (past, past))
    removed = sweep_stale(tmp_path, tag=output.RUN_TAG)
    assert sorted(p.name for p in removed) == sorted([mine.name, old.name])
    assert young.exists() and keep.exists()


def test_write_atomic_never_renames_over_a_device_a_pipe_or_a_folder(tmp_path: Path) -> None:
    # `extract -o /dev/null --force` as root once renamed its temp file over /dev/null.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder, Path(os.devnull)):
        with pytest.raises(OutputError, match="not a regular file"):
            write_atomic(target, b"data", force=True)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and folder.is_dir() and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
