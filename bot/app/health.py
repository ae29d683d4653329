"""The health and metrics HTTP endpoint: ``/healthz`` and ``/metrics`` (aiohttp).

``/healthz`` answers 200 with a JSON body when every check passes, and 503
with the same body plus a ``problems`` list when one does not. The checks are
plain callables (sync or async) handed in by the daemon, so tests can stall
polling or break the database without patching anything:

* ``scheduler_alive() -> bool`` (e.g. ``lambda: app.job_queue.scheduler.running``);
* ``db_writable() -> bool`` (``store.writable``);
* ``degraded() -> list[str]``: impairments that leave newsbot working (Telegram
  unreachable while feeds are still polled): status "degraded", still 200;
* ``last_success() -> datetime | str | None`` (``lambda: metrics.last_success_at``, or
  ``store.last_successful_poll`` which returns an ISO string):
  unhealthy once the newest successful poll of any feed is older than
  ``max_poll_age``; before the first success the age counts from start-up.

``/metrics`` serves :meth:`bot.metrics.Metrics.exposition`; an optional
``refresh()`` callable runs first, to update gauges read from the store
(outbox depth, broken feeds).

:func:`probe` is a dependency-free client for container health checks.
"""
from __future__ import annotations

import inspect
import json
import logging
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Awaitable, Callable

from aiohttp import web

from bot.metrics import CONTENT_TYPE, Metrics
from bot.clock import as_utc, parse_iso, utcnow

__all__ = ["HealthChecks", "HealthServer", "evaluate", "probe"]

log = logging.getLogger("newsbot.health")


async def _call(fn: Callable[[], Any]) -> Any:
    value = fn()
    if inspect.isawaitable(value):
        value = await value
    return value


@dataclass
class HealthChecks:
    scheduler_alive: Callable[[], bool | Awaitable[bool]] | None = None
    db_writable: Callable[[], bool | Awaitable[bool]] | None = None
    last_success: Callable[[], datetime | str | None | Awaitable[datetime | str | None]] | None = None
    max_poll_age: float = 900.0
    now: Callable[[], datetime] = utcnow
    # per-feed detail: feeds failing or read with parse warnings / old items (informative, never unhealthy)
    feed_details: Callable[[], list[dict] | Awaitable[list[dict]]] | None = None
    started_at: datetime = field(default_factory=utcnow)
    #: ``degraded() -> list[str]``: working but impaired (e.g. ``telegram: unreachable since …``);
    #: reported in the body with status "degraded", still answered with 200
    degraded: Callable[[], list[str] | Awaitable[list[str]]] | None = None


async def evaluate(checks: HealthChecks) -> tuple[bool, dict]:
    """Run every check; return (healthy, JSON-ready body). A check that raises counts as failed."""
    body: dict[str, Any] = {"checks": {}}
    problems: list[str] = []

    async def flag(name: str, fn, bad: str) -> None:
        if fn is None:
            return
        try:
            ok = bool(await _call(fn))
        except Exception as exc:  # a broken check is itself a health problem; say which and why
            ok, bad = False, f"{bad} ({type(exc).__name__}: {exc})"
        body["checks"][name] = ok
        if not ok:
            problems.append(bad)

    await flag("scheduler_alive", checks.scheduler_alive, "scheduler is not running")
    await flag("db_writable", checks.db_writable, "state database is not writable")

    if checks.last_success is not None:
        now = checks.now()
        try:
            last = await _call(checks.last_success)
        except Exception as exc:
            last, err = None, f"{type(exc).__name__}: {exc}"
        else:
            err = None
        if isinstance(last, str):   # an ISO timestamp straight from the store
            last = parse_iso(last)
        if last is not None:
            last = as_utc(last)
        since = last or checks.started_at
        age = max(0.0, (now - since).total_seconds())
        body["last_successful_poll"] = last.isoformat(timespec="seconds") if last else None
        body["last_successful_poll_age"] = round(age, 1) if last else None
        ok = err is None and age <= checks.max_poll_age
        body["checks"]["polling"] = ok
        if err is not None:
            problems.append(f"cannot read the last successful poll ({err})")
        elif not ok:
            what = (f"last successful poll {age:.0f} s ago" if last
                    else f"no successful poll in the {age:.0f} s since start-up")
            problems.append(f"{what} (limit {checks.max_poll_age:.0f} s)")

    if checks.feed_details is not None:
        try:
            body["feeds"] = await _call(checks.feed_details)
        except Exception as exc:
            body["feeds_error"] = f"{type(exc).__name__}: {exc}"

    notes: list[str] = []
    if checks.degraded is not None:
        try:
            notes = list(await _call(checks.degraded) or [])
        except Exception as exc:
            notes = [f"cannot evaluate degraded checks ({type(exc).__name__}: {exc})"]
    healthy = not problems
    body["status"] = ("degraded" if notes else "ok") if healthy else "unhealthy"
    if notes:
        body["degraded"] = notes
    if problems:
        body["problems"] = problems
    return healthy, body


class HealthServer:
    """``async with HealthServer(checks, metrics, host=..., port=...) as srv: srv.url``."""

    def __init__(self, checks: HealthChecks, metrics: Metrics | None = None, *, host: str = "127.0.0.1",
                 port: int = 8080, refresh: Callable[[], Any] | None = None):
        self.checks = checks
        self.metrics = metrics
        self.host = host
        self.port = port
        self.refresh = refresh
        self._runner: web.AppRunner | None = None
        self._last_healthy: bool | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        return app

    async def _healthz(self, request: web.Request) -> web.Response:
        healthy, body = await evaluate(self.checks)
        if healthy != self._last_healthy:   # log transitions, not every probe
            if healthy:
                log.info("health ok")
            else:
                log.warning("health failing problems=%s", json.dumps(body.get("problems", [])))
            self._last_healthy = healthy
        return web.json_response(body, status=200 if healthy else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        if self.metrics is None:
            return web.Response(status=404, text="metrics are not enabled\n")
        if self.refresh is not None:
            try:
                await _call(self.refresh)
            except Exception:
                log.exception("metrics refresh failed")
        resp = web.Response(body=self.metrics.exposition())
        resp.headers["Content-Type"] = CONTENT_TYPE
        return resp

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        # Bind the socket ourselves so port 0 (tests) reports the port the OS picked.
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        try:
            sock = socket.create_server((self.host, self.port), family=family)
        except OSError:
            await self._runner.cleanup()
            self._runner = None
            raise
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        log.info("health endpoint listening host=%s port=%d", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def __aenter__(self) -> "HealthServer":
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()


def probe(url: str = "http://127.0.0.1:8080/healthz", timeout: float = 5.0) -> tuple[int, str]:
    """GET ``url``; (status, body). Status 0 when nothing answers. For ``newsbot healthcheck``/Docker."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - loopback URL from config
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as exc:
        return 0, str(getattr(exc, "reason", exc))
