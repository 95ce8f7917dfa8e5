"""The ASGI application of the copy desk: the page, its static files and the API under
/api/v1/ (described in `checker.serve.openapi`).

Safe to run on a newsroom server: with a token every API call needs
`Authorization: Bearer TOKEN`; request bodies are capped (413 past the limit, counted as
they arrive, whatever Content-Length says); each check runs under a time limit (503 past
it), the checks of one process taking turns in arrival order; static files are served
from memory by name, so no request path reaches the file system; uploads are held in
memory or in temporary files that are closed (and so removed) when the request ends.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from checker import __version__
from checker.bundled import display_path
from checker.errors import TermcheckError
from checker.serve.deadline import CheckTimeout, can_interrupt, run_with_deadline
from checker.serve.desk import Desk, Options, Story, safe_name
from checker.serve.openapi import DOCX, openapi_document
from checker.serve.page import Page
from checker.serve.problems import PROBLEM_JSON, Problem, from_error, problem

API = "/api/v1"
DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024
DEFAULT_CHECK_SECONDS = 10.0

_MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".xml": "application/xml",
    ".nitf": "application/xml",
    ".docx": DOCX,
}


@dataclass(frozen=True)
class Limits:
    """How much one request may send, and how long one check may take."""

    max_upload: int = DEFAULT_MAX_UPLOAD
    check_seconds: float = DEFAULT_CHECK_SECONDS


class _Json(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _problem_response(error: Problem, instance: str | None = None) -> Response:
    return _Json(
        error.body(instance),
        status_code=error.status,
        media_type=PROBLEM_JSON,
        headers=dict(error.headers),
    )


class _Guard:
    """ASGI middleware: the token on every API call, and the cap on request bodies."""

    def __init__(self, app: ASGIApp, token: str | None, max_upload: int) -> None:
        self.app = app
        self.token = token.encode("utf-8") if token else None
        self.max_upload = max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        headers = {k.decode("latin-1").lower(): v for k, v in scope.get("headers", [])}
        if self.token is not None and path.startswith(API + "/") and not self._authorized(headers):
            await _send_problem(
                scope,
                send,
                problem(
                    "unauthorized",
                    "this desk needs a token: send 'Authorization: Bearer TOKEN'",
                    (("WWW-Authenticate", 'Bearer realm="termcheck"'),),
                ),
            )
            return
        declared = headers.get("content-length", b"")
        if declared.isdigit() and int(declared) > self.max_upload:
            await _send_problem(scope, send, self._too_large())
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_upload:
                    raise self._too_large()  # answered by the handler reading the body
            return message

        await self.app(scope, counted, send)

    def _authorized(self, headers: dict[str, bytes]) -> bool:
        assert self.token is not None
        scheme, _, given = headers.get("authorization", b"").partition(b" ")
        return scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), self.token)

    def _too_large(self) -> Problem:
        limit = self.max_upload
        shown = f"{limit // (1024 * 1024)} MB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"
        return problem("too-large", f"the upload is larger than the limit of {shown}")


async def _send_problem(scope: Scope, send: Send, error: Problem) -> None:
    response = _problem_response(error, str(scope.get("path", "")))

    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    await response(scope, nothing, send)


@dataclass
class _Input:
    """What a check, fix or annotate request sent: the story, the options and the
    accepted finding ids."""

    story: Story
    options: Options
    accept: tuple[str, ...]
    include_text: bool
    uploaded: bool


class DeskApp:
    """The routes, around one shared `Desk`."""

    def __init__(self, desk: Desk, token: str | None, limits: Limits) -> None:
        self.desk = desk
        self.limits = limits
        self.page = Page(desk, token_required=token is not None, max_upload=limits.max_upload)
        self.openapi = openapi_document(__version__)
        self._one_at_a_time = asyncio.Lock()

    def routes(self) -> list[Route]:
        handlers: list[tuple[str, Callable[[Request], Awaitable[Response]], list[str]]] = [
            ("/", self.index, ["GET"]),
            ("/static/{name}", self.static, ["GET"]),
            (f"{API}/health", self.health, ["GET"]),
            (f"{API}/rules", self.rules, ["GET"]),
            (f"{API}/glossary/lookup", self.glossary_lookup, ["GET"]),
            (f"{API}/check", self.check, ["POST"]),
            (f"{API}/fix", self.fix, ["POST"]),
            (f"{API}/annotate", self.annotate, ["POST"]),
            (f"{API}/headlines", self.headlines, ["POST"]),
            (f"{API}/openapi.json", self.openapi_json, ["GET"]),
        ]
        return [
            Route(path, _guarded(handler), methods=methods) for path, handler, methods in handlers
        ]

    # -- page ---------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return HTMLResponse(self.page.html)

    async def static(self, request: Request) -> Response:
        found = self.page.static.get(str(request.path_params["name"]))
        if found is None:
            raise problem("not-found", f"no static file {request.path_params['name']!r}")
        media_type, data = found
        return Response(data, media_type=media_type, headers={"Cache-Control": "no-cache"})

    # -- API ----------------------------------------------------------------------------

    async def health(self, request: Request) -> Response:
        glossary = self.desk.glossary
        return _Json(
            {
                "status": "ok",
                "version": __version__,
                "glossary": {
                    "entries": len(glossary.entries),
                    "files": [display_path(n) for n in glossary.names],
                    "knowledge_dates": [d.isoformat() for d in glossary.knowledge_dates],
                },
                "styles": list(self.desk.styles),
                "default_style": self.desk.default_style,
                "formats": self.desk.formats(),
                "limits": {
                    "max_upload": self.limits.max_upload,
                    "check_seconds": self.limits.check_seconds,
                },
            }
        )

    async def rules(self, request: Request) -> Response:
        return _Json({"rules": self.desk.rules()})

    async def glossary_lookup(self, request: Request) -> Response:
        query = request.query_params.get("q")
        if query is None:
            raise problem("usage", "lookup: give the form to look up as ?q=")
        options = Options.parse(date=request.query_params.get("date"))
        return _Json(await self._timed(self.desk.lookup, query, options.date))

    async def check(self, request: Request) -> Response:
        given = await self._input(request)
        checked = await self._timed(self.desk.check, given.story, given.options)
        report = dict(checked.report)
        if given.include_text:
            report["story"] = checked.view()
        return _Json(report)

    async def fix(self, request: Request) -> Response:
        given = await self._input(request)
        fixed = await self._timed(self.desk.fix, given.story, given.options, given.accept)
        if given.uploaded:
            return _download(
                fixed.data,
                given.story.name,
                {
                    "X-Termcheck-Applied": ",".join(fixed.applied),
                    "X-Termcheck-Skipped": ",".join(fixed.skipped),
                },
            )
        return _Json(
            {
                "text": fixed.text,
                "applied": list(fixed.applied),
                "skipped": list(fixed.skipped),
                "report": fixed.after.report,
            }
        )

    async def annotate(self, request: Request) -> Response:
        given = await self._input(request)
        data = await self._timed(self.desk.annotate, given.story, given.options)
        name = given.story.name
        stem = name[: -len(".docx")] if name.lower().endswith(".docx") else name
        return _download(data, f"{stem}.termcheck.docx", {})

    async def headlines(self, request: Request) -> Response:
        body = await _json_body(request)
        source = _string(body, "source", required=True)
        translation = _string(body, "translation", required=True)
        reference = _string(body, "reference")
        options = Options.parse(date=_string(body, "date"), style=_string(body, "style"))
        self.desk.style(options.style)
        report = await self._timed(
            self.desk.headlines,
            source,
            translation,
            [reference] if reference else [],
            options.date,
            options.style,
        )
        return _Json(report)

    async def openapi_json(self, request: Request) -> Response:
        return _Json(self.openapi)

    # -- helpers ------------------------------------------------------------------------

    async def _timed(self, work: Callable[..., Any], *args: Any) -> Any:
        """The work under the time limit from its start, one at a time in the order the
        requests came: in this thread where a timer can stop it (`checker.serve.deadline`),
        else in a thread of its own, left to finish there once its answer is a 503 while
        the next one starts."""
        async with self._one_at_a_time:
            try:
                if can_interrupt():
                    return run_with_deadline(work, args, self.limits.check_seconds)
                return await asyncio.wait_for(
                    asyncio.to_thread(work, *args), self.limits.check_seconds
                )
            except (TimeoutError, CheckTimeout):
                raise problem(
                    "timeout", f"the check took longer than {self.limits.check_seconds:g} s"
                ) from None

    async def _input(self, request: Request) -> _Input:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/json":
            body = await _json_body(request)
            text = _string(body, "text", required=True)
            assert text is not None
            return _Input(
                Story.pasted(text, _string(body, "name")),
                self._options(body),
                _ids(body.get("accept")),
                bool(body.get("include_text", False)),
                uploaded=False,
            )
        if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            async with request.form(max_files=1, max_fields=64) as form:
                return await self._form_input(form)
        raise problem(
            "unsupported-media-type",
            "send application/json, multipart/form-data or a form, "
            f"not {content_type or 'nothing'!r}",
        )

    async def _form_input(self, form: FormData) -> _Input:
        upload = form.get("file")
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        if isinstance(upload, UploadFile):
            story = Story(safe_name(upload.filename, "upload"), await upload.read())
            uploaded = True
        elif "text" in fields:
            story = Story.pasted(fields["text"], fields.get("name"))
            uploaded = False
        else:
            raise problem("usage", "no story: send a 'file' part or a 'text' field")
        accepted = [v for k, v in form.multi_items() if k == "accept" and isinstance(v, str)]
        return _Input(
            story,
            self._options(fields),
            _ids(accepted),
            fields.get("include_text", "").lower() in ("1", "true", "yes", "on"),
            uploaded,
        )

    def _options(self, given: dict[str, Any]) -> Options:
        options = Options.parse(
            date=_string(given, "date"),
            style=_string(given, "style"),
            select=_list(given, "select"),
            ignore=_list(given, "ignore"),
        )
        self.desk.style(options.style)  # an unknown profile is a usage error, said at once
        return options


def _guarded(
    handler: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    """Every handler's errors as problem details with the CLI's one-line message."""

    async def guarded(request: Request) -> Response:
        try:
            return await handler(request)
        except Problem as error:
            return _problem_response(error, request.url.path)
        except TermcheckError as error:
            return _problem_response(from_error(error), request.url.path)

    return guarded


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise problem("bad-request", f"the request body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise problem("bad-request", "the request body must be a JSON object")
    return body


def _string(body: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = body.get(key)
    if value is None or value == "":
        if required:
            raise problem("usage", f"'{key}' is required")
        return None
    if not isinstance(value, str):
        raise problem("usage", f"'{key}' must be a string")
    return value


def _list(body: dict[str, Any], key: str) -> list[str] | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise problem("usage", f"'{key}' must be a string or a list of strings")


def _ids(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in items):
        raise problem("usage", "'accept' must be a list of finding ids")
    return tuple(i.strip() for v in items for i in v.split(",") if i.strip())


def _download(data: bytes, name: str, headers: dict[str, str]) -> Response:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        data,
        media_type=_MEDIA_TYPES.get(suffix, "application/octet-stream"),
        headers={"Content-Disposition": disposition, **headers},
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        error = problem(
            "method-not-allowed", f"{request.method} is not allowed on {request.url.path}"
        )
    elif status == 404:
        error = problem("not-found", f"nothing at {request.url.path}")
    else:
        error = problem("bad-request", str(getattr(exc, "detail", exc)))
    return _problem_response(error, request.url.path)


async def _internal(request: Request, exc: Exception) -> Response:
    detail = f"internal error: {type(exc).__name__}: {exc}"
    return _problem_response(problem("internal", detail), request.url.path)


def create_app(desk: Desk, token: str | None = None, limits: Limits | None = None) -> ASGIApp:
    """The desk as an ASGI application."""
    limits = limits or Limits()
    routes = DeskApp(desk, token, limits).routes()
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _internal},
    )
    return _Guard(app, token, limits.max_upload)
