"""A loopback HTTP feed server for tests and benches (pytest plugin module).

The server is aiohttp's, running on 127.0.0.1 with an ephemeral port in a thread
with its own event loop, so it serves async tests, sync tests and subprocesses
(``newsbot run`` pointed at ``server.url(...)``) alike.

    def test_x(feed_server):
        feed_server.set("/feed.xml", b"<rss>...</rss>")
        url = feed_server.url("/feed.xml")
        ...
        assert feed_server.requests_for("/feed.xml")[-1].headers.get("if-none-match")

Each path answers as configured by ``set`` (status, body, validators, delay, gzip)
or by one of the fault helpers: ``redirect``/``redirect_loop``, ``oversize``,
``gzip_bomb``, ``stacked_bomb``, ``hang``, ``trickle``. ETag / Last-Modified are honoured with 304.
Every request is logged in ``requests`` (path, method, headers with lowercased
names). Outside pytest: ``with FeedServer() as server: ...``.
"""
from __future__ import annotations

import asyncio
import email.utils
import gzip as _gzip
import hashlib
import threading
import time
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import pytest
from aiohttp import web

__all__ = ["FeedServer", "LoggedRequest", "Route", "feed_server"]

RSS = "application/rss+xml; charset=utf-8"
MiB = 1024 * 1024


@dataclass
class Route:
    body: bytes = b""
    content_type: str = RSS
    status: int = 200
    etag: str | None = None              # value sent as ETag (quoted), None for none
    last_modified: str | None = None     # HTTP date sent as Last-Modified, None for none
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0                   # seconds before the response starts
    gzip: bool = False
    mode: str = "plain"                  # plain | redirect | stream | trickle
    location: str | None = None          # for redirects
    stream_bytes: int = 0                # for stream: total size sent
    content_length: bool = True          # for stream: declare Content-Length
    trickle_interval: float = 0.0


@dataclass(frozen=True)
class LoggedRequest:
    path: str
    method: str
    headers: dict[str, str]
    query: str
    time: float


@lru_cache(maxsize=4)
def _bomb(expanded: int) -> bytes:
    """A gzip body of ``expanded`` zero bytes; about 1/1000 of that on the wire."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MiB)
    parts = [comp.compress(zeros) for _ in range(expanded // MiB)]
    parts.append(comp.compress(bytes(expanded % MiB)))
    parts.append(comp.flush())
    return b"".join(parts)


class FeedServer:
    """Loopback feed server; see the module docstring."""

    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self.port: int | None = None
        self.routes: dict[str, Route] = {}
        self.requests: list[LoggedRequest] = []
        self.log_requests = True             # benches serving thousands of polls may turn it off
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None

    # --- configuration --------------------------------------------------------------------

    def url(self, path: str = "/") -> str:
        if not path.startswith("/"):
            path = "/" + path
        return f"http://{self.host}:{self.port}{path}"

    def set(self, path: str, body: bytes = b"", content_type: str = RSS, etag: bool | str = True,
            last_modified: bool | str = True, status: int = 200, headers: dict | None = None,
            delay: float = 0, gzip: bool = False) -> Route:
        """Serve ``body`` at ``path``. ``etag``/``last_modified``: True derives them, a str is
        sent as is, False sends none. ``headers`` are added (e.g. ``{"Retry-After": "120"}``)."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        if etag is True:
            etag = hashlib.sha1(body).hexdigest()[:16]
        if last_modified is True:
            last_modified = email.utils.formatdate(time.time() - 60, usegmt=True)
        route = Route(body=body, content_type=content_type, status=status,
                      etag=etag or None, last_modified=last_modified or None,
                      headers=dict(headers or {}), delay=delay, gzip=gzip)
        with self._lock:
            self.routes[path] = route
        return route

    def redirect(self, path: str, to: str, status: int = 302) -> Route:
        route = Route(status=status, mode="redirect", location=to, etag=None, last_modified=None)
        with self._lock:
            self.routes[path] = route
        return route

    def redirect_loop(self, a: str, b: str) -> None:
        """``a`` redirects to ``b`` and ``b`` back to ``a``."""
        self.redirect(a, b)
        self.redirect(b, a)

    def redirect_chain(self, path: str, hops: int, final: str) -> None:
        """``path`` → ``path/1`` → ... → ``path/hops-1`` → ``final`` (``hops`` redirects)."""
        names = [path] + [f"{path}/{i}" for i in range(1, hops)]
        for here, there in zip(names, names[1:] + [final]):
            self.redirect(here, there)

    def oversize(self, path: str, nbytes: int, content_length: bool = True) -> Route:
        """A plain body of ``nbytes`` streamed in chunks, with or without Content-Length."""
        route = Route(mode="stream", stream_bytes=nbytes, content_length=content_length,
                      etag=None, last_modified=None)
        with self._lock:
            self.routes[path] = route
        return route

    def gzip_bomb(self, path: str, expanded: int = 64 * MiB) -> Route:
        """A small gzip body (Content-Encoding: gzip) that inflates to ``expanded`` bytes."""
        route = Route(body=_bomb(expanded), headers={"Content-Encoding": "gzip"},
                      etag=None, last_modified=None)
        with self._lock:
            self.routes[path] = route
        return route

    def stacked_bomb(self, path: str, header: str, expanded: int = 64 * MiB) -> Route:
        """``expanded`` zero bytes gzipped once per gzip/x-gzip/deflate name in ``header``
        (``"gzip, gzip"``: a gzip of a gzip, a few KB on the wire), sent with that header."""
        body = b""
        for coding in [c.strip().lower() for c in header.split(",")]:
            if coding in ("gzip", "x-gzip"):
                body = _bomb(expanded) if not body else _gzip.compress(body, 9)
            elif coding == "deflate":
                body = zlib.compress(body or bytes(expanded), 9)
        route = Route(body=body, headers={"Content-Encoding": header}, etag=None, last_modified=None)
        with self._lock:
            self.routes[path] = route
        return route

    def hang(self, path: str, seconds: float = 30.0) -> Route:
        """Accept the request and send nothing for ``seconds``."""
        return self.set(path, b"<rss/>", delay=seconds)

    def trickle(self, path: str, interval: float = 0.05, seconds: float = 30.0) -> Route:
        """Send headers at once, then one byte every ``interval`` for ``seconds``: no single
        read times out, only a total deadline stops it."""
        route = Route(mode="trickle", trickle_interval=interval,
                      stream_bytes=int(seconds / interval), etag=None, last_modified=None)
        with self._lock:
            self.routes[path] = route
        return route

    def requests_for(self, path: str) -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def reset(self) -> None:
        with self._lock:
            self.routes.clear()
            self.requests.clear()

    # --- serving --------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        with self._lock:
            if self.log_requests:
                self.requests.append(LoggedRequest(
                    path=request.path, method=request.method,
                    headers={k.lower(): v for k, v in request.headers.items()},
                    query=request.query_string, time=time.time()))
            route = self.routes.get(request.path)
        if route is None:
            return web.Response(status=404, text=f"no route for {request.path}\n")
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.mode == "redirect":
            return web.Response(status=route.status, headers={"Location": route.location})
        if route.mode in ("stream", "trickle"):
            return await self._stream(request, route)

        validators = {}
        if route.etag:
            validators["ETag"] = f'"{route.etag}"'
        if route.last_modified:
            validators["Last-Modified"] = route.last_modified
        if route.status == 200 and self._not_modified(request, route):
            return web.Response(status=304, headers=validators)
        body = route.body
        headers = {**validators, **route.headers}
        if route.gzip:
            body = _gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Type"] = route.content_type
        return web.Response(status=route.status, body=body, headers=headers)

    @staticmethod
    def _not_modified(request: web.Request, route: Route) -> bool:
        inm = request.headers.get("If-None-Match")
        if inm is not None:
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return bool(route.etag) and (f'"{route.etag}"' in tags or "*" in tags)
        ims = request.headers.get("If-Modified-Since")
        if ims and route.last_modified:
            try:
                since = email.utils.parsedate_to_datetime(ims)
                last = email.utils.parsedate_to_datetime(route.last_modified)
            except (TypeError, ValueError):
                return False
            return last <= since
        return False

    async def _stream(self, request: web.Request, route: Route) -> web.StreamResponse:
        resp = web.StreamResponse(status=200, headers={"Content-Type": RSS})
        if route.mode == "stream" and route.content_length:
            resp.content_length = route.stream_bytes
        try:
            await resp.prepare(request)
            if route.mode == "trickle":
                for _ in range(route.stream_bytes):
                    await resp.write(b" ")
                    await asyncio.sleep(route.trickle_interval)
            else:
                chunk = b"x" * (64 * 1024)
                left = route.stream_bytes
                while left > 0:
                    await resp.write(chunk[:left])
                    left -= len(chunk)
            await resp.write_eof()
        except (ConnectionError, asyncio.CancelledError, RuntimeError):
            pass                                  # the client stopped reading: that is the test
        return resp

    def start(self) -> "FeedServer":
        self._thread = threading.Thread(target=self._run, name="feedserver", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._error is not None:
            raise RuntimeError(f"feed server failed to start: {self._error}") from self._error
        return self

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        except BaseException as exc:  # reported to start() or ignored at shutdown
            self._error = exc
            self._ready.set()
        finally:
            loop.close()

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # handler_cancellation: a hanging handler ends when its client gives up
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5,
                                     handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._stop = asyncio.Event()
        self._ready.set()
        await self._stop.wait()
        await self._runner.cleanup()

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> "FeedServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@pytest.fixture(scope="session")
def _feed_server_session():
    with FeedServer() as server:
        yield server


@pytest.fixture
def feed_server(_feed_server_session: FeedServer) -> FeedServer:
    """The session's loopback feed server, with no routes and an empty request log."""
    _feed_server_session.reset()
    yield _feed_server_session
    _feed_server_session.reset()
