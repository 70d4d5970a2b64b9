"""Which inputs a batch builds and under which names.

Paths on the command line become input files (folders searched recursively for reports — ``*.txt``,
``*.pdf``, ``*.docx``, ``*.html`` — and ``*.json`` summaries, glob patterns expanded, each file once, the output folder and earlier outputs never
taken as inputs); each input gets a stable, safe and unique output stem.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from . import manifest
from .batch_worker import Job, real_path
from .manifest import Entry
from .output import unique_stems

INPUT_SUFFIXES = (".txt", ".json", ".pdf", ".docx", ".html", ".htm", ".mhtml", ".mht")
_GLOB_CHARS = set("*?[")


def collect(paths: Iterable[str | Path], output_dir: Path, skip: Iterable[Path] = ()) -> tuple[list[Path], list[str]]:
    """Files, folders (searched recursively for the INPUT_SUFFIXES) and glob patterns →
    input files in a stable order (each once), and one message per path that gave nothing.
    The output folder and the files in ``skip`` (earlier outputs, the manifest) are never inputs."""
    out_real = real_path(output_dir)
    skip_real = {real_path(p) for p in skip} | {real_path(output_dir / manifest.NAME)}
    found: list[Path] = []
    seen: set[Path] = set()
    problems: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.exists():
            candidates = [p]
        elif _GLOB_CHARS & set(str(raw)):
            candidates = [Path(x) for x in sorted(glob.glob(str(raw), recursive=True))]
            if not candidates:
                problems.append(f"{raw}: no file matches this pattern (check the pattern)")
                continue
        else:
            problems.append(f"{raw}: no such file or folder (check the path)")
            continue
        for c in candidates:
            if c.is_dir():
                files = _walk(c, out_real, skip_real)
                if not files and len(candidates) == 1:
                    problems.append(f"{c}: no .txt, .pdf, .docx, .html or .json inputs in this folder (searched recursively)")
            else:
                files = [c] if real_path(c) not in skip_real else []
            for f in files:
                r = real_path(f)
                if r not in seen:
                    seen.add(r)
                    found.append(f)
    return found, problems


def _walk(folder: Path, out_real: Path, skip_real: set[Path]) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and real_path(Path(root, d)) != out_real)
        for n in sorted(names):
            if n.startswith(".") or not n.lower().endswith(INPUT_SUFFIXES):
                continue
            p = Path(root, n)
            if real_path(p) not in skip_real:
                files.append(p)
    return files


# -- planning ----------------------------------------------------------------------------------
def plan(inputs: list[Path], previous: dict[str, Entry]) -> list[Job]:
    """One job per input with its output stem: an input built here before keeps its name; a new
    one gets its own file name, sanitised and made unique (``-2``, ``-3``) against this run and
    against the names other inputs own in the manifest."""
    keys = [str(real_path(p)) for p in inputs]
    current = set(keys)
    used = {e.stem.casefold() for k, e in previous.items() if k not in current and e.stem}
    stems: dict[int, str] = {}
    for i, k in enumerate(keys):
        prev = previous.get(k)
        if prev and prev.stem and prev.stem.casefold() not in used:
            stems[i] = prev.stem
            used.add(prev.stem.casefold())
    rest = [i for i in range(len(inputs)) if i not in stems]
    for i, s in zip(rest, unique_stems([_wanted_stem(inputs[i]) for i in rest], taken=used)):
        stems[i] = s
    jobs = []
    for i, (p, k) in enumerate(zip(inputs, keys)):
        try:
            size = p.stat().st_size
        except OSError:
            size = 0
        jobs.append(Job(i, str(p), k, stems[i], size, previous.get(k)))
    return jobs


def _wanted_stem(p: Path) -> str:
    stem = p.stem
    if p.suffix.lower() == ".json" and stem.lower().endswith(".summary"):
        stem = stem[: -len(".summary")]
    return stem


# -- the work of one job (in a worker) ---------------------------------------------------------


def planned_entries(jobs: list[Job], formats: tuple[str, ...], folder: Path) -> dict[str, Entry]:
    """The entries a run starts with: every job's earlier entry (or a new one), with the files it
    is about to write as ``pending``, so a killed run still knows them as its own. A file that
    exists and is someone else's is not claimed."""
    out = {}
    for j in jobs:
        e = replace(j.previous) if j.previous else Entry(input=j.key, status="pending")
        own = {n.casefold() for n in manifest.names(e)}
        e.pending = {}
        for fmt in formats:
            name = f"{j.stem}.{fmt}"
            if name.casefold() not in own and not os.path.lexists(folder / name):
                e.pending[fmt] = name
        out[j.key] = e
    return out


# -- running -----------------------------------------------------------------------------------
