"""The web page's HTTP layer (Starlette): static files and a small JSON API over
:class:`briefing.web.docs.Store`.

    GET  /                         the page (static/index.html, app.js, app.css)
    GET  /api/templates            template names and masthead defaults, the upload limit
    POST /api/docs                 {"text", "settings"} → a new document (extracted)
    POST /api/upload?name=&settings=   raw file bytes → a new document (.json: a summary)
    POST /api/docs/ID/edit         an edit operation (briefing.edits) → the document
    POST /api/docs/ID/undo         the edit before → the document
    POST /api/docs/ID/settings     template and masthead fields → the document
    POST /api/docs/ID/article      {"article": N}: another article of the uploaded newspaper page
    GET  /api/docs/ID/page/N-VERSION.png   a preview page (rasterized when first asked for)
    GET  /api/docs/ID/download/pdf|docx|json

Every answer to a failed request is ``{"error": "…"}`` with a 4xx/5xx status, in Chinese, with
``"detail"``: the core's English line when there is one (:mod:`briefing.web.messages`, which says
the warnings of a document in Chinese too); the server goes on.
POSTs must carry ``X-Briefing: 1``, which a page of another site cannot send without a CORS
preflight this server never grants; the Host header must name this machine unless ``--host``.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import BriefingError
from ..reader import DEFAULT_MAX_SIZE, RICH_FACTOR, human_size, size_limit
from . import messages
from .docs import Store, templates

STATIC = Path(__file__).parent / "static"
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
log = logging.getLogger("briefing.web")

_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' blob: data:; object-src 'none'; "
                                 b"base-uri 'none'; frame-ancestors 'none'; form-action 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    """A content policy that runs no inline script, on every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in _HEADERS if h[0] not in have)]
            await send(message)

        await self.app(scope, receive, send_with)


class TooLarge(messages.PageError):
    exit_code = 3


def too_large(what: str, size: int, limit: int, *, files: bool = False) -> TooLarge:
    return TooLarge(messages.too_large(what, size, limit, files=files))


Refuse = Callable[[int], TooLarge]


def error(status: int, message: str | dict[str, str]) -> JSONResponse:
    """``{"error": "…"}`` (Chinese), with ``"detail"``: the core's English line, when there is one."""
    return JSONResponse(message if isinstance(message, dict) else {"error": message}, status_code=status)


Handler = Callable[[Request], Awaitable[Response]]


def api(fn: Handler) -> Handler:
    """An API endpoint: POSTs need the ``X-Briefing`` header; a BriefingError becomes a 400 (413
    for a size) with its one line, any other failure a 500 with a line, logged with its traceback."""

    async def endpoint(request: Request) -> Response:
        if request.method == "POST" and request.headers.get("x-briefing") != "1":
            return error(403, "请求缺少 X-Briefing 头（只接受本页面发出的请求）")
        try:
            return await fn(request)
        except TooLarge as e:
            return error(413, e.message)
        except BriefingError as e:
            return error(413 if e.code == "too_large" else 400, messages.error_message(e))
        except Exception as e:  # a bug: the page says so, the server keeps going
            log.exception("internal error in %s", request.url.path)
            return error(500, f"服务器内部错误：{type(e).__name__}: {e}")

    return endpoint


async def read_body(request: Request, limit: int, refuse: Refuse | None = None) -> bytes:
    """The request body, refused past ``limit`` bytes with ``refuse(size)`` (read on to the end,
    so the browser gets the answer rather than a broken connection)."""
    refuse = refuse or (lambda n: too_large("文件太大", n, limit))
    size = int(request.headers.get("content-length") or 0)
    if size > 20 * limit:
        raise refuse(size)
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total <= limit:
            chunks.append(chunk)
    if total > limit:
        raise refuse(total)
    return b"".join(chunks)


async def read_json(request: Request, limit: int, refuse: Refuse | None = None) -> Any:
    try:
        return json.loads(await read_body(request, limit, refuse or (lambda n: too_large("请求太大", n, limit))))
    except (ValueError, RecursionError):
        raise messages.PageError("请求不是有效的 JSON") from None


def create_app(*, max_upload: int = DEFAULT_MAX_SIZE, allowed_hosts: list[str] | None = None,
               store: Store | None = None) -> Starlette:
    """The ASGI app. ``allowed_hosts`` None: this machine's names only (see ``--host``)."""
    docs = store or Store()

    def state(doc: Any) -> JSONResponse:
        return JSONResponse(doc.state())

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html")

    @api
    async def list_templates(request: Request) -> Response:
        return JSONResponse({"templates": await run_in_threadpool(templates), "max_upload": max_upload,
                             "max_upload_text": human_size(max_upload), "max_file": max_upload * RICH_FACTOR,
                             "max_file_text": human_size(max_upload * RICH_FACTOR)})

    @api
    async def paste(request: Request) -> Response:
        # JSON escapes make text longer: the body may be twice the limit, the text not
        body = await read_json(request, max_upload * 2, lambda n: too_large("文本太长", n, max_upload))
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise messages.PageError("请求里没有文本")
        data = body["text"].encode("utf-8")
        if len(data) > max_upload:
            raise too_large("文本太长", len(data), max_upload)
        if not body["text"].strip():
            raise messages.PageError("请先粘贴报告的文本")
        return state(await run_in_threadpool(docs.open, data, "粘贴的文本", body.get("settings"), max_size=max_upload))

    @api
    async def upload(request: Request) -> Response:
        def over(n: int) -> TooLarge:
            return too_large("文件太大", n, max_upload, files=True)

        data = await read_body(request, max_upload * RICH_FACTOR, over)  # a PDF or Word file: mostly pictures
        if len(data) > size_limit(data[:8], max_upload):
            raise over(len(data))
        name = Path(request.query_params.get("name", "上传的文件").replace("\\", "/")).name[:120] or "上传的文件"
        try:
            settings = json.loads(request.query_params.get("settings") or "{}")
        except ValueError:
            raise messages.PageError("settings 不是有效的 JSON") from None
        is_json = name.lower().endswith(".json")
        return state(await run_in_threadpool(docs.open, data, name, settings, summary_json=is_json,
                                             max_size=max_upload))

    @api
    async def edit(request: Request) -> Response:
        op = await read_json(request, max_upload)
        return state(await run_in_threadpool(docs.edit, request.path_params["doc"], op))

    @api
    async def undo(request: Request) -> Response:
        return state(await run_in_threadpool(docs.undo, request.path_params["doc"]))

    @api
    async def settings(request: Request) -> Response:
        body = await read_json(request, 64 * 1024)
        return state(await run_in_threadpool(docs.configure, request.path_params["doc"], body))

    @api
    async def article(request: Request) -> Response:
        body = await read_json(request, 64 * 1024)
        if not isinstance(body, dict):
            raise messages.PageError("请求里没有文章编号")
        return state(await run_in_threadpool(docs.choose, request.path_params["doc"], body.get("article")))

    @api
    async def page(request: Request) -> Response:
        png = await run_in_threadpool(docs.image, request.path_params["doc"], request.path_params["name"])
        return Response(png, media_type="image/png", headers={"cache-control": "private, max-age=600"})

    @api
    async def download(request: Request) -> Response:
        name, data = await run_in_threadpool(docs.download, request.path_params["doc"], request.path_params["fmt"])
        media = {"pdf": "application/pdf", "json": "application/json",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ascii_name = "briefing" + name[name.index("."):]
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
        return Response(data, media_type=media[request.path_params["fmt"]],
                        headers={"content-disposition": disposition})

    routes = [
        Route("/", index),
        Route("/api/templates", list_templates),
        Route("/api/docs", paste, methods=["POST"]),
        Route("/api/upload", upload, methods=["POST"]),
        Route("/api/docs/{doc}/edit", edit, methods=["POST"]),
        Route("/api/docs/{doc}/undo", undo, methods=["POST"]),
        Route("/api/docs/{doc}/settings", settings, methods=["POST"]),
        Route("/api/docs/{doc}/article", article, methods=["POST"]),
        Route("/api/docs/{doc}/page/{name:str}.png", page),
        Route("/api/docs/{doc}/download/{fmt}", download),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    hosts = LOCAL_HOSTS if allowed_hosts is None else allowed_hosts
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=hosts)]
    if not logging.getLogger().handlers and not log.handlers:
        log.addHandler(logging.StreamHandler(sys.stderr))
    return Starlette(routes=routes, middleware=middleware)
