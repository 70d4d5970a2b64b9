"""``briefing serve``: the web page on a local port, served by uvicorn until Ctrl+C."""

from __future__ import annotations

import socket
import sys
from typing import Any

from ..errors import UsageError

LOCALHOST = "127.0.0.1"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, bound before the server starts so its address can be printed (port 0:
    any free port)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise UsageError(f"--host: cannot resolve {host!r}: {e.strerror}") from None
    family, _, _, _, addr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as e:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {e.strerror}", hint="pick another --port") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(host: str | None, port: int, *, max_upload: int, echo: Any = None) -> None:
    """Run the server until interrupted. Without ``host`` only this machine can connect."""
    import click
    import uvicorn

    from .app import create_app

    echo = echo or click.echo
    sock = bind(host or LOCALHOST, port)
    app = create_app(max_upload=max_upload, allowed_hosts=None if host is None else ["*"])
    echo(f"briefing: serving on {url_of(sock)} (Ctrl+C to stop)")
    if host is not None:
        echo(f"briefing: warning: listening on {host}: other machines that reach it can use the page", err=True)
    sys.stdout.flush()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
