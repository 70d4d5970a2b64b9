"""`briefing serve` as a real process: it listens on 127.0.0.1 only, says where, and survives
bad uploads (binary, 50 MB, broken JSON) with a message each."""

from __future__ import annotations

import http.client
import json
import random
from urllib.parse import urlsplit

import pytest

pytest.importorskip("uvicorn")


def post(url: str, path: str, body: bytes) -> tuple[int, dict]:
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    conn.request("POST", path, body=body, headers={"X-Briefing": "1", "Content-Type": "application/octet-stream"})
    r = conn.getresponse()
    data = json.loads(r.read())
    conn.close()
    return r.status, data


def alive(url: str) -> None:
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    conn.request("GET", "/api/templates")
    assert conn.getresponse().status == 200
    conn.close()


def test_it_listens_on_localhost_and_prints_the_address(server):
    url, proc = server
    assert url.startswith("http://127.0.0.1:")
    alive(url)


@pytest.mark.parametrize("name, body, status, words", [
    ("huge.txt", b"x" * (50 * 1024 * 1024), 413, ["文件太大", "50 MB", "上限 2 MB"]),
    ("program.bin", random.Random(1).randbytes(100_000), 400, ["program.bin", "binary data"]),
    ("broken.json", b'{"schema": "briefing.summary/1", "sections": [', 400, ["broken.json", "not valid JSON"]),
])
def test_bad_uploads_get_a_message_and_the_server_goes_on(server, name, body, status, words):
    url, proc = server
    code, data = post(url, f"/api/upload?name={name}", body)
    assert code == status
    said = data["error"] + " " + data.get("detail", "")  # in Chinese, the core's English line as detail
    for w in words:
        assert w in said
    alive(url)
    assert proc.poll() is None


def test_a_taken_port_is_one_line_and_exit_code_2():
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "briefing", "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"briefing: error: cannot listen on 127.0.0.1:{port}: Address already in use (pick another --port)"]
