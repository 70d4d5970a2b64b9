"""A per-user cache of compiled regular expressions, for the command line's cold start.

Python compiles a character class range by range, one code point at a time: ``[\\u4e00-\\u9fff]``
costs about a millisecond, and a case-insensitive ``[\\xa1-\\uffff]`` (ReportLab's URL pattern)
ten. The extractor's CJK classes and ReportLab's module-level patterns took about 150 ms of a
0.6 s ``briefing build``. The compiled program of each pattern (a list of integers, the input of
``_sre.compile``) is stored with ``marshal`` in the cache folder of :mod:`briefing.fontcache`,
keyed by the Python build and the SRE engine version, and handed straight to ``_sre.compile`` on
the next run.

Only the command line installs it (:func:`install`, before its imports); a program that imports
``briefing`` keeps the standard ``re``. The engine validates every program it is given, so a stale
or damaged entry raises instead of misbehaving, and is then compiled the normal way.
"""

from __future__ import annotations

import atexit
import marshal
import sys
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons just compile
    _compiler = None

FORMAT = 1

_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_known: dict[tuple[Any, int], _Entry] = {}
_used: set[tuple[Any, int]] = set()
_new = False
_original: Any = None
_path: Path | None = None


def _file(profile: str) -> Path | None:
    from .fontcache import cache_dir

    folder = cache_dir()
    if folder is None or _compiler is None:
        return None
    tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{FORMAT}"
    return folder / f"re-{profile}-{tag}.marshal"


def _compile(p: Any, flags: int = 0) -> Any:
    global _new
    flags = int(flags)  # a RegexFlag, which marshal does not take
    key = (p, flags)
    if not isinstance(p, (str, bytes)) or flags & _compiler.SRE_FLAG_DEBUG:
        return _original(p, flags)
    hit = _known.get(key)
    if hit is not None:
        try:
            pattern = _sre.compile(p, *hit)
            _used.add(key)
            return pattern
        except (RuntimeError, TypeError, ValueError):
            del _known[key]
    # What re._compiler.compile does, keeping the program.
    parsed = _parser.parse(p, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    entry: _Entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    pattern = _sre.compile(p, *entry)
    _known[key] = entry
    _used.add(key)
    _new = True
    return pattern


def install(profile: str = "cli") -> bool:
    """Serve ``re`` compilations from the cache for the rest of the process; saved at exit.
    Each kind of process (``profile``: the command line, its PDF helper) has its own file, of
    the patterns it used on its last run. Returns False (and changes nothing) when there is no
    cache folder or no known engine."""
    global _original, _path
    if _original is not None:
        return True
    path = _file(profile)
    if path is None or getattr(_compiler, "compile", None) is None:
        return False
    try:
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict):
            _known.update(data)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    _path = path
    _original = _compiler.compile
    _compiler.compile = _compile
    atexit.register(save)
    return True


def uninstall() -> None:
    global _original
    if _original is not None:
        _compiler.compile = _original
        _original = None
        atexit.unregister(save)


def save() -> None:
    """Write the patterns this run used, if it compiled any that were not stored (atomically;
    never fails). Only what was used is kept: some libraries build patterns from sets, whose
    order changes with every process, so the file would otherwise only grow."""
    global _new
    if not _new or _path is None:
        return
    try:
        from .output import prune_oldest, write_atomic

        _path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_path, marshal.dumps({k: _known[k] for k in _used if k in _known}), durable=False)
        _new = False
        prune_oldest(_path.parent, "re-*.marshal", 4)  # two profiles, and another Python's files
    except Exception:  # noqa: BLE001 - no cache is fine
        pass
