"""The web page's preview refresh, over real HTTP: `python bench/web.py [--repeat 15]`.

A uvicorn server in a thread of this process serves the app; the example is pasted once, then
each measured refresh is what the page does after an edit: POST the edit (the server applies it
and renders the PDF) and GET the preview pages in view, here the first two (the server
rasterizes them then). Edits cycle through renaming the first section (a new name each time),
deleting a target and undoing that.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "zhengzhou-gaoxin-2021.txt"


def start_server() -> tuple[str, int]:
    import uvicorn

    from briefing.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return "127.0.0.1", sock.getsockname()[1]


class Page:
    """What the browser does, over one keep-alive connection."""

    def __init__(self, host: str, port: int, in_view: int = 2) -> None:
        self.conn = http.client.HTTPConnection(host, port)
        self.in_view = in_view

    def call(self, method: str, path: str, body: object = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        self.conn.request(method, path, body=data, headers={"X-Briefing": "1", "Content-Type": "application/json"})
        r = self.conn.getresponse()
        out = json.loads(r.read())
        assert r.status == 200, out
        return out

    def refresh(self, doc: dict) -> int:
        for name in doc["pages"][:self.in_view]:
            self.conn.request("GET", f"/api/docs/{doc['id']}/page/{name}.png")
            r = self.conn.getresponse()
            assert r.status == 200 and r.read().startswith(b"\x89PNG")
        return len(doc["pages"])


def preview_refresh(repeat: int = 15) -> tuple[float, float]:
    """(median seconds of an edit with its preview refresh, pages of the PDF)."""
    page = Page(*start_server())
    doc = page.call("POST", "/api/docs", {"text": EXAMPLE.read_text(encoding="utf-8"), "settings": {}})
    page.refresh(doc)
    times, pages = [], 0
    for n in range(repeat):
        # A new name each time: the first page is always new to the browser's cache.
        op = [{"op": "rename_section", "section": [0], "name": f"第一部分第{n}次改名"},
              {"op": "delete_target", "target": 0}, None][n % 3]
        t = time.perf_counter()
        doc = page.call("POST", f"/api/docs/{doc['id']}/undo") if op is None else \
            page.call("POST", f"/api/docs/{doc['id']}/edit", op)
        pages = page.refresh(doc)
        times.append(time.perf_counter() - t)
    return statistics.median(times), pages


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    t, pages = preview_refresh(ap.parse_args().repeat)
    print(f"preview refresh after an edit (HTTP, example, {pages} pages, 2 in view): median {t * 1000:.0f} ms")
