"""/healthz and /metrics over real HTTP on loopback, with a real SQLite store and a clock we control."""
import asyncio
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import aiohttp
import pytest

from bot.app.health import HealthChecks, HealthServer, probe
from bot.metrics import Metrics
from bot.store import Store

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, t: datetime):
        self.t = t

    def __call__(self) -> datetime:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "state" / "newsbot.db")
    yield s
    try:
        s.close()
    except Exception:
        pass


async def get(url: str) -> tuple[int, str, dict | str]:
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as resp:
            ctype = resp.headers.get("Content-Type", "")
            body = await resp.json() if "json" in ctype else await resp.text()
            return resp.status, ctype, body


def make_checks(store, metrics, clock, *, alive=lambda: True, max_age=300):
    return HealthChecks(scheduler_alive=alive, db_writable=store.writable,
                        last_success=lambda: metrics.last_success_at, max_poll_age=max_age,
                        now=clock, started_at=clock())


async def test_healthy_when_polls_succeed(store):
    clock, metrics = Clock(T0), Metrics()
    metrics.observe_poll("not_modified", at=clock())
    clock.advance(30)
    async with HealthServer(make_checks(store, metrics, clock), metrics, host="127.0.0.1", port=0) as srv:
        status, ctype, body = await get(srv.url + "/healthz")
    assert status == 200 and "application/json" in ctype
    assert body["status"] == "ok"
    assert body["checks"] == {"scheduler_alive": True, "db_writable": True, "polling": True}
    assert body["last_successful_poll_age"] == 30.0


async def test_unhealthy_when_polling_stalls(store):
    clock, metrics = Clock(T0), Metrics()
    metrics.observe_poll("ok", new_items=2, at=clock())
    async with HealthServer(make_checks(store, metrics, clock, max_age=300), metrics, port=0) as srv:
        assert (await get(srv.url + "/healthz"))[0] == 200
        clock.advance(200)
        metrics.observe_poll("error", error_kind="timeout", at=clock())   # failures do not count
        clock.advance(200)
        status, _, body = await get(srv.url + "/healthz")
        assert status == 503
        assert body["status"] == "unhealthy" and body["checks"]["polling"] is False
        assert body["problems"] == ["last successful poll 400 s ago (limit 300 s)"]
        metrics.observe_poll("not_modified", at=clock())                   # polling resumes
        assert (await get(srv.url + "/healthz"))[0] == 200


async def test_no_poll_since_start_up_is_given_max_poll_age(store):
    clock, metrics = Clock(T0), Metrics()
    async with HealthServer(make_checks(store, metrics, clock, max_age=300), metrics, port=0) as srv:
        status, _, body = await get(srv.url + "/healthz")
        assert status == 200 and body["last_successful_poll"] is None
        clock.advance(301)
        status, _, body = await get(srv.url + "/healthz")
    assert status == 503
    assert body["problems"] == ["no successful poll in the 301 s since start-up (limit 300 s)"]


async def test_dead_scheduler_is_unhealthy(store):
    clock, metrics = Clock(T0), Metrics()
    metrics.observe_poll("ok", at=clock())
    alive = {"v": True}
    checks = make_checks(store, metrics, clock, alive=lambda: alive["v"])
    async with HealthServer(checks, metrics, port=0) as srv:
        alive["v"] = False
        status, _, body = await get(srv.url + "/healthz")
    assert status == 503 and body["problems"] == ["scheduler is not running"]


async def test_unwritable_database_is_unhealthy(store):
    clock, metrics = Clock(T0), Metrics()
    metrics.observe_poll("ok", at=clock())
    async with HealthServer(make_checks(store, metrics, clock), metrics, port=0) as srv:
        assert (await get(srv.url + "/healthz"))[0] == 200
        store.db.conn.close()            # the database goes away under the running daemon
        status, _, body = await get(srv.url + "/healthz")
    assert status == 503 and body["checks"]["db_writable"] is False
    assert body["problems"] == ["state database is not writable"]


async def test_a_check_that_raises_is_reported_not_crashed(store):
    clock, metrics = Clock(T0), Metrics()

    def boom() -> bool:
        raise RuntimeError("job queue gone")

    async def async_ok() -> bool:
        return True

    checks = HealthChecks(scheduler_alive=boom, db_writable=async_ok, now=clock, started_at=clock())
    async with HealthServer(checks, metrics, port=0) as srv:
        status, _, body = await get(srv.url + "/healthz")
    assert status == 503
    assert body["problems"] == ["scheduler is not running (RuntimeError: job queue gone)"]


async def test_metrics_text_exposition(store):
    metrics = Metrics()
    at = datetime.now(timezone.utc)
    report = SimpleNamespace(
        feeds=[SimpleNamespace(status="ok", error_kind=None, new_items=2),
               SimpleNamespace(status="not_modified", error_kind=None, new_items=0),
               SimpleNamespace(status="error", error_kind="http", new_items=0)],
        processed=[SimpleNamespace(item=SimpleNamespace(published=at - timedelta(seconds=90)))],
        alerts=1, queued=3)
    metrics.observe_cycle(report, at=at)
    with metrics.time_send():
        pass
    store.ensure_chat(5, at="2026-01-01T00:00:00+00:00")
    for _ in range(3):
        store.enqueue(chat_id=5, payload={"x": 1}, at="2026-01-01T00:00:00+00:00")
    refreshed = []

    def refresh():
        metrics.set_outbox(store.outbox_counts())
        refreshed.append(1)

    checks = HealthChecks(now=lambda: at)
    async with HealthServer(checks, metrics, port=0, refresh=refresh) as srv:
        status, ctype, text = await get(srv.url + "/metrics")
    assert status == 200 and ctype.startswith("text/plain") and refreshed
    lines = set(text.splitlines())
    assert 'newsbot_polls_total{status="ok"} 1.0' in lines
    assert 'newsbot_polls_total{status="not_modified"} 1.0' in lines
    assert 'newsbot_fetch_errors_total{kind="http"} 1.0' in lines
    assert "newsbot_items_total 2.0" in lines
    assert "newsbot_alerts_total 1.0" in lines
    assert 'newsbot_outbox_depth{status="pending"} 3.0' in lines
    assert 'newsbot_sends_total{result="sent"} 1.0' in lines
    assert "newsbot_send_latency_seconds_count 1.0" in lines
    assert 'newsbot_feed_lag_seconds_bucket{le="120.0"} 1.0' in lines
    assert 'newsbot_feed_lag_seconds_bucket{le="60.0"} 0.0' in lines


def test_each_metrics_object_has_its_own_registry():
    a, b = Metrics(), Metrics()
    a.observe_poll("ok")
    assert a.value("newsbot_polls_total", {"status": "ok"}) == 1.0
    assert b.value("newsbot_polls_total", {"status": "ok"}) is None


def test_send_timer_counts_an_exception_as_retry():
    m = Metrics()
    with pytest.raises(ConnectionError):
        with m.time_send():
            raise ConnectionError("down")
    with m.time_send() as t:
        t.result = "failed"
    assert m.value("newsbot_sends_total", {"result": "retry"}) == 1.0
    assert m.value("newsbot_sends_total", {"result": "failed"}) == 1.0


async def test_probe_reports_status_for_container_healthchecks(store):
    clock, metrics = Clock(T0), Metrics()
    async with HealthServer(make_checks(store, metrics, clock, max_age=10), metrics, port=0) as srv:
        code, body = await asyncio.to_thread(probe, srv.url + "/healthz")
        assert code == 200 and '"ok"' in body
        clock.advance(11)
        code, body = await asyncio.to_thread(probe, srv.url + "/healthz")
        assert code == 503 and "no successful poll" in body
        url = srv.url
    code, _ = await asyncio.to_thread(probe, url + "/healthz", 2.0)
    assert code == 0


async def test_port_in_use_is_a_clear_error(store):
    async with HealthServer(HealthChecks(), port=0) as first:
        with pytest.raises(OSError):
            await HealthServer(HealthChecks(), port=first.port).start()


async def test_last_success_may_come_from_the_store_after_a_restart(tmp_path):
    s = Store(tmp_path / "newsbot.db")
    try:
        s.ensure_feed("https://a.example/rss", "A", at="2026-03-01T07:00:00+00:00")
        s.record_fetch_ok("https://a.example/rss", at="2026-03-01T07:58:00+00:00", status=304, etag=None,
                          last_modified=None, not_modified=True)
        clock = Clock(T0)
        checks = HealthChecks(db_writable=s.writable, last_success=s.last_successful_poll, max_poll_age=300,
                              now=clock, started_at=clock())
        async with HealthServer(checks, port=0) as srv:
            status, _, body = await get(srv.url + "/healthz")
            assert status == 200 and body["last_successful_poll_age"] == 120.0
            clock.advance(600)
            assert (await get(srv.url + "/healthz"))[0] == 503
    finally:
        s.close()
