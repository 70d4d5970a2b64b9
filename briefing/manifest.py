"""``manifest.json`` in the output folder: one entry per input ever built there.

Each entry says which input (absolute path and sha256), which files it produced (names inside
the output folder), the status of the last run (``ok``, ``updated``, ``skipped``, ``failed``), the
error if any, the seconds it took, and the template and version used. A later run uses it to
skip inputs whose outputs are up to date, to keep each input's output names stable, and to know
which existing files it may replace (its own) and which it may not (anyone else's).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .output import write_atomic

NAME = "manifest.json"
FORMAT = "briefing.manifest/1"


@dataclass
class Entry:
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


def owned(entries: dict[str, Entry]) -> dict[str, str]:
    """Output file name (case-folded) → the input that owns it."""
    out = {}
    for key, e in entries.items():
        for name in e.outputs.values():
            out[name.casefold()] = key
    return out


def merge(previous: dict[str, Entry], current: dict[str, Entry], folder: Path) -> dict[str, Entry]:
    """This run's entries, plus earlier ones whose files are still in the folder."""
    out = {k: e for k, e in previous.items() if k not in current and any((folder / n).exists() for n in e.outputs.values())}
    out.update(current)
    return dict(sorted(out.items()))


def write(folder: Path, entries: dict[str, Entry]) -> Path:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "briefing": __version__,
        "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "files": [asdict(e) for e in entries.values()],
    }
    blob = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return write_atomic(folder / NAME, blob)
