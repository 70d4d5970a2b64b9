from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`briefing serve --port 0` in its own process: (base URL, process)."""
    home = tmp_path_factory.mktemp("serve")
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--port", "0", "--max-size", "2MB"],
                            cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if "serving on" not in line:
            proc.kill()
            pytest.fail(f"briefing serve did not start: {line}{proc.stderr.read() if proc.stderr else ''}")
        url = line.split("serving on ", 1)[1].split()[0]
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
