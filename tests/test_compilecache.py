"""The compile cache of the command line: the same patterns as ``re`` and the same dataclasses,
stored and read back; a damaged cache is only slower."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from briefing import compilecache

PATTERNS = [
    (r"[\u4e00-\u9fff]+(?P<unit>亿元|万元|%)", 0),
    (r"(\d+(?:\.\d+)?)\s*([a-z]+)", re.IGNORECASE),
    (r"^[一二三四五六七八九十]+、", re.MULTILINE),
    (rb"[\x00-\x08]+", 0),
    (r"(?x) a  b # verbose", 0),
]
TEXTS = ["全年增长27.8%，实现236.7亿元", "5G and 12 KB", "一、总体要求\n二、主要目标", "abc"]


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    compilecache.uninstall()
    _forget()
    assert compilecache.install()
    re.purge()
    yield tmp_path
    compilecache.uninstall()
    _forget()
    re.purge()


def _forget() -> None:
    """What a new process knows: nothing before install()."""
    for store in (compilecache._known, compilecache._used, compilecache._codes, compilecache._codes_used):
        store.clear()


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for t in TEXTS:
        if isinstance(a.pattern, bytes):
            t = t.encode()  # type: ignore[assignment]
        assert [m.groups() + (m.span(),) for m in a.finditer(t)] == [m.groups() + (m.span(),) for m in b.finditer(t)]


def test_patterns_from_the_cache_match_like_plain_re(cached):
    first = [re.compile(p, f) for p, f in PATTERNS]
    compilecache.save()
    (stored,) = cached.glob("compiled-*.marshal")
    # A new process's view: the entries come from the file.
    compilecache.uninstall()
    compilecache._known.clear()
    re.purge()
    assert compilecache.install() and len(compilecache._known) >= len(PATTERNS)
    again = [re.compile(p, f) for p, f in PATTERNS]
    compilecache.uninstall()
    re.purge()
    plain = [re.compile(p, f) for p, f in PATTERNS]
    for a, b, c in zip(first, again, plain):
        _same(a, c)
        _same(b, c)
    assert stored.stat().st_size > 0


def test_a_damaged_entry_is_compiled_again(cached):
    key = (r"(\d+)亿元", 0)
    compilecache._known[key] = (0, [1, 2, 3], 0, {}, ())  # not a valid program
    assert re.compile(*key).findall("236亿元") == ["236"]


def test_a_damaged_cache_file_is_ignored(cached):
    compilecache.uninstall()
    (cached / compilecache._file("cli").name).write_bytes(b"\x00garbage")  # type: ignore[union-attr]
    assert compilecache.install()
    assert re.compile(r"(\d+)万").findall("12万") == ["12"]


def test_no_cache_folder_means_plain_re(monkeypatch):
    monkeypatch.setenv("BRIEFING_NO_CACHE", "1")
    compilecache.uninstall()
    assert compilecache.install() is False
    assert re._compiler.compile is not compilecache._compile  # type: ignore[attr-defined]


def test_importing_the_library_leaves_re_alone(tmp_path):
    code = "import re, briefing, briefing.api; import re._compiler as c; print(c.compile.__module__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"BRIEFING_CACHE_DIR": str(tmp_path), "PATH": ""})
    assert out.stdout.strip() == "re._compiler"


def test_the_command_line_stores_its_patterns(tmp_path):
    import os

    subprocess.run([sys.executable, "-m", "briefing", "--version"], check=True, capture_output=True,
                   env={**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path)})
    assert list(tmp_path.glob("compiled-*.marshal"))


def test_a_run_keeps_only_the_patterns_it_used(cached):
    re.compile(r"(\d+)万元")
    compilecache.save()
    (stored,) = cached.glob("compiled-cli-*.marshal")
    compilecache.uninstall()
    compilecache._known.clear()
    compilecache._used.clear()
    re.purge()
    assert compilecache.install()
    re.compile(r"(\d+)亿元")  # another run, another pattern
    compilecache.save()
    import marshal

    kept = marshal.loads(stored.read_bytes())["re"]
    assert (r"(\d+)亿元", 0) in kept and (r"(\d+)万元", 0) not in kept


def _point_class():
    from dataclasses import dataclass, field

    @dataclass(frozen=True)
    class Point:
        """A point."""

        x: int
        y: int = 0
        tags: tuple[str, ...] = field(default_factory=tuple)

    return Point


def test_dataclasses_from_the_cache_behave_like_compiled_ones(cached):
    import dataclasses

    first = _point_class()
    assert compilecache._codes_used and compilecache._new
    compilecache.save()
    compilecache.uninstall()
    _forget()
    assert compilecache.install() and compilecache._codes  # read back from the file
    compilecache._new = False
    again = _point_class()
    assert not compilecache._new  # every method came from the cache
    compilecache.uninstall()
    plain = _point_class()
    for cls in (first, again, plain):
        p = cls(1, tags=("a",))
        assert (p, repr(p), hash(p) == hash(cls(1, 0, ("a",)))) == (cls(1, 0, ("a",)), "_point_class.<locals>.Point(x=1, y=0, tags=('a',))", True)
        try:
            p.x = 2  # type: ignore[misc]
        except dataclasses.FrozenInstanceError:
            pass
        else:
            raise AssertionError("not frozen")


@pytest.mark.parametrize("argv0, program", [
    ("/usr/local/bin/briefing", True),
    ("/venv/lib/python3.11/site-packages/briefing/__main__.py", True),
    ("C:\\venv\\Scripts\\briefing.exe", True),
    ("/venv/bin/pytest", False),
    ("/venv/lib/python3.11/site-packages/pytest/__main__.py", False),
    ("", False),
])
def test_only_the_program_itself_installs_the_cache(monkeypatch, argv0, program):
    """Tests and programs that import the command line keep the standard ``re``."""
    from briefing import cli

    monkeypatch.setattr("sys.argv", [argv0])
    assert cli._as_program() is program


def test_a_cache_file_mostly_unused_is_rewritten_smaller(cached):
    for i in range(80):
        compilecache._known[(f"stale{i}", 0)] = (0, [], 0, {}, ())
    re.compile(r"(\d+)个")
    compilecache._new = False  # nothing new compiled, but 80 entries read and not used
    compilecache.save()
    import marshal

    (stored,) = cached.glob("compiled-cli-*.marshal")
    assert len(marshal.loads(stored.read_bytes())["re"]) == 1
