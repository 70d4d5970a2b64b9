"""``manifest.json`` in the output folder: one entry per input ever built there.

Each entry says which input (absolute path and sha256), which files it produced (names inside
the output folder, with their sha256 as written), the status of the last run (``ok``,
``updated``, ``skipped``, ``failed``, or ``pending`` while a run is on it), the error if any, the
seconds it took, and the template and version used. A later run uses it to skip inputs whose
outputs are up to date, to keep each input's output names stable, and to know which existing
files it may replace: its own, unchanged since they were written. A file someone else made, or
edited after it was built, is only replaced with ``--force``.

A run writes the manifest first with every planned output as ``pending`` (so if the run is
killed, a file it was writing is still known as its own), then as each input finishes (so a
rerun after a kill skips it), then at the end.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .output import write_atomic

NAME = "manifest.json"
FORMAT = "briefing.manifest/1"


@dataclass
class Entry:
    """One input's record in ``manifest.json``: what was built from which bytes, and how it went."""

    input: str
    sha256: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    status: str = "ok"
    error: str | None = None
    seconds: float = 0.0
    template: str = ""
    template_sha256: str = ""
    version: str = __version__
    warnings: list[str] = field(default_factory=list)
    output_sha256: dict[str, str] = field(default_factory=dict)  # file name → sha256 as written
    stale: dict[str, str] = field(default_factory=dict)  # format → file built from an older input
    pending: dict[str, str] = field(default_factory=dict)  # format → file a running build may write

    @property
    def stem(self) -> str | None:
        for name in self.outputs.values():
            return Path(name).stem
        return None


def load(folder: Path) -> tuple[dict[str, Entry], str | None]:
    """The entries of ``folder/manifest.json`` by input, and a warning if it was unreadable."""
    path = folder / NAME
    if not path.exists():
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = {}
        for item in data["files"]:
            e = Entry(**{k: v for k, v in item.items() if k in Entry.__dataclass_fields__})
            if not isinstance(e.outputs, dict) or not isinstance(e.input, str):
                raise ValueError("bad entry")
            entries[e.input] = e
        return entries, None
    except (OSError, ValueError, KeyError, TypeError) as e:
        return {}, f"{path}: unreadable ({type(e).__name__}), starting a new one"


def up_to_date(prev: Entry | None, sha256: str, template_sha256: str, formats: tuple[str, ...], folder: Path) -> bool:
    """True when ``prev`` built this very input with this template and version into files that
    are all still there."""
    if prev is None or prev.status == "failed":
        return False
    if (prev.sha256, prev.template_sha256, prev.version) != (sha256, template_sha256, __version__):
        return False
    return all(fmt in prev.outputs and (folder / prev.outputs[fmt]).is_file() for fmt in formats)


def names(e: Entry) -> list[str]:
    """Every file name the entry's input owns in the folder."""
    return [*e.outputs.values(), *e.stale.values(), *e.pending.values()]


def owns(prev: Entry | None, target: Path) -> bool | None:
    """Whether ``target`` may be replaced for this input: True when an earlier build of it wrote
    the file and nobody changed it since, None when it wrote it but it was changed since, False
    when the file is not its own."""
    if prev is None or target.name.casefold() not in {n.casefold() for n in names(prev)}:
        return False
    want = prev.output_sha256.get(target.name)
    if want is None:
        return True  # planned by a run that was stopped before it could record the file
    return True if file_sha256(target) == want else None


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""
    return h.hexdigest()


def merge(previous: dict[str, Entry], current: dict[str, Entry], folder: Path) -> dict[str, Entry]:
    """This run's entries, plus earlier ones whose files are still in the folder."""
    out = {k: e for k, e in previous.items() if k not in current and any((folder / n).exists() for n in names(e))}
    out.update(current)
    return dict(sorted(out.items()))


def write(folder: Path, entries: dict[str, Entry], *, durable: bool = True) -> Path:
    """Write the manifest atomically, one input per line (readable, greppable, and fast: the C
    JSON encoder does each line)."""
    head = {"format": FORMAT, "briefing": __version__, "written": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    lines = [json.dumps(vars(e), ensure_ascii=False) for e in entries.values()]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "files": [\n' + ",\n".join(lines) + "\n]}\n"
    return write_atomic(folder / NAME, text.encode("utf-8"), durable=durable)
