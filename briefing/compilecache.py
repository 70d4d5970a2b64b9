"""A per-user cache of what Python compiles anew at every start, for the command line's cold start.

Two kinds of compiling took a third of a cold ``briefing build`` (0.6 s then):

* Regular expressions. Python compiles a character class range by range, one code point at a
  time: ``[\\u4e00-\\u9fff]`` costs about a millisecond, and a case-insensitive ``[\\xa1-\\uffff]``
  (ReportLab's URL pattern) ten; the extractor's CJK classes and ReportLab's module-level patterns
  took about 150 ms. The compiled program of each pattern (a list of integers, the input of
  ``_sre.compile``) is stored and handed straight to ``_sre.compile`` on the next run. The engine
  validates every program it is given, so a stale entry raises and is compiled the normal way.
* Dataclasses. ``@dataclass`` writes the source of ``__init__``, ``__eq__``, ``__repr__`` … and
  ``exec``\\ s it: about 1 ms a class, 50 ms for the fifty classes of a build. The code objects
  are stored, keyed by their source text, and ``exec`` runs them instead of compiling.

Both are stored with ``marshal`` in the cache folder of :mod:`briefing.fontcache`, in a file per
kind of process (``profile``: the command line, its PDF helper) and per Python build (bytecode
and regex engine versions), holding what that process used on its last run. Only the command
line installs it (:func:`install`, before its imports); a program that imports ``briefing`` keeps
the standard ``re`` and ``dataclasses``.
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import sys
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons just compile
    _compiler = None

FORMAT = 2

_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_known: dict[tuple[Any, int], _Entry] = {}  # regex (pattern, flags) → program
_used: set[tuple[Any, int]] = set()
_codes: dict[str, Any] = {}  # dataclass method source → code object
_codes_used: set[str] = set()
_new = False
_original: Any = None
_path: Path | None = None


def _file(profile: str) -> Path | None:
    from .fontcache import cache_dir

    folder = cache_dir()
    if folder is None or _compiler is None:
        return None
    import hashlib
    from importlib.util import MAGIC_NUMBER

    build = f"{sys.version}|{MAGIC_NUMBER.hex()}|{_sre.MAGIC}|{_sre.CODESIZE}|{FORMAT}"
    tag = hashlib.sha256(build.encode()).hexdigest()[:12]
    return folder / f"compiled-{profile}-{sys.implementation.cache_tag}-{tag}.marshal"


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


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` for the dataclasses module: a source text runs as its stored code object."""
    global _new
    if isinstance(source, str):
        code = _codes.get(source)
        if code is None:
            code = _codes[source] = compile(source, "<string>", "exec")
            _new = True
        _codes_used.add(source)
        source = code
    builtins.exec(source, globals, locals)


def install(profile: str = "cli") -> bool:
    """Serve ``re`` and ``dataclasses`` compilations from the cache for the rest of the process;
    saved at exit. Returns False (and changes nothing) when there is no cache folder or no known
    regex engine."""
    global _original, _path
    if _original is not None:
        return True
    path = _file(profile)
    if path is None or getattr(_compiler, "compile", None) is None:
        return False
    try:
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict):
            _known.update(data.get("re", {}))
            _codes.update(data.get("dataclasses", {}))
    except (OSError, EOFError, ValueError, TypeError, AttributeError):
        pass
    _path = path
    _original = _compiler.compile
    _compiler.compile = _compile
    import dataclasses

    # A module global shadows the builtin for that module's code only.
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    atexit.register(save)
    return True


def uninstall() -> None:
    global _original
    if _original is not None:
        _compiler.compile = _original
        _original = None
        import dataclasses

        vars(dataclasses).pop("exec", None)
        atexit.unregister(save)


def save() -> None:
    """Write what this run used, if it compiled anything that was not stored or used much less
    than the file held (atomically; never fails). Only what was used is kept: some libraries
    build patterns from sets, whose order changes with every process, so the file would
    otherwise only grow."""
    global _new
    stale = len(_known) + len(_codes) > 2 * (len(_used) + len(_codes_used)) + 50  # read, not used
    if not (_new or stale) or _path is None:
        return
    try:
        from .output import prune_oldest, write_atomic

        data = {"re": {k: _known[k] for k in _used if k in _known},
                "dataclasses": {k: _codes[k] for k in _codes_used if k in _codes}}
        _path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_path, marshal.dumps(data), durable=False)
        _new = False
        prune_oldest(_path.parent, "compiled-*.marshal", 4)  # two profiles, and another Python's
    except Exception:  # noqa: BLE001 - no cache is fine
        pass
