"""Delivery that loses nothing: the outbox sender against the loopback Bot API test server.

Real SQLite files, the real python-telegram-bot ``ExtBot`` (with AIORateLimiter) built by
``build_application``, real HTTP. Only the wall clock and the waiting are controlled, so a
ten-minute outage runs in milliseconds.
"""
from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta, timezone

import pytest

from bot.store import Store, iso
from bot.telegram import StaticRules, build_application
from bot.telegram.sender import Sender, SenderConfig

TOKEN = "123456:TEST-SECRET-TOKEN-VALUE-abcdefghijkl"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
RULE = "isil-10-killed"


class Clock:
    def __init__(self, start: datetime = T0):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Sleeper:
    """Records every wait the sender asks for and returns at once."""

    def __init__(self):
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "state" / "newsbot.db")
    yield s
    s.close()


@contextlib.asynccontextmanager
async def sender_for(botapi, store, *, clock=None, sleep=None, read_timeout=None, metrics=None, **config):
    """The application's bot (rate limiter included), initialised but not polling, and a Sender over it."""
    app = build_application(TOKEN, base_url=botapi.base_url, store=store, rules_provider=StaticRules([]),
                            read_timeout=read_timeout)
    config.setdefault("per_chat_interval", 0)
    if not config["per_chat_interval"]:
        # Without the sender's real-time pacing the server's 1/s per chat would only cost wall time.
        botapi.limits.per_chat_per_second = 0
    async with app:
        yield Sender(app.bot, store, clock=clock or Clock(), sleep=sleep or Sleeper(),
                     config=SenderConfig(**config), metrics=metrics)


def alert(n: int, rule: str = RULE, **extra) -> dict:
    return {"type": "alert", "rule": rule, "rule_title": "ISIL or affiliates, 10 or more killed",
            "title": f"alert {n}", "item_url": f"https://example.org/{n}", "killed": 10 + n,
            "published": iso(T0 + timedelta(minutes=n)), **extra}


def subscribe(store: Store, *chats: int, rule: str = RULE, at: datetime = T0) -> None:
    for c in chats:
        store.ensure_chat(c, at=iso(at), type="private" if c > 0 else "supergroup")
        store.subscribe(c, rule, at=iso(at))


def publish(store: Store, n: int, *, rule: str = RULE, at: datetime = T0, **extra) -> None:
    """What the pipeline does for one matched item: the alert and its outbox rows, one transaction."""
    payload = alert(n, rule, **extra)
    with store.transaction():
        alert_id = store.add_alert(rule_id=rule, item_key=f"item-{n}", at=iso(at), payload=payload)
        store.fan_out(alert_id=alert_id, rule_id=rule, payload=payload, at=iso(at))


def titles(botapi, chat_id: int) -> list[str]:
    return [t.split("\n")[1] for t in botapi.texts(chat_id)]


def _row_status(store: Store) -> dict[int, str]:
    return {r["id"]: r["status"] for r in store.db.query("SELECT id, status FROM outbox")}


# ---------------------------------------------------------------- order and acceptance

async def test_drain_delivers_each_chat_in_order_and_marks_sent(botapi, store):
    subscribe(store, 1, 2, -1003)
    for n in range(5):
        publish(store, n)
    async with sender_for(botapi, store) as sender:
        stats = await sender.drain()
    for chat in (1, 2, -1003):
        assert [f'<a href="https://example.org/{n}">alert {n}</a>' for n in range(5)] == titles(botapi, chat)
    assert stats.sent == 15 and set(_row_status(store).values()) == {"sent"}
    rows = list(store.db.query("SELECT message_id FROM outbox WHERE chat_id = 1 ORDER BY id"))
    assert [r["message_id"] for r in rows] == [m["message_id"] for m in botapi.sent(1)]
    assert botapi.sent(1)[0]["parse_mode"] == "HTML"


async def test_per_chat_pacing_keeps_under_the_servers_limit(botapi, store):
    subscribe(store, 7)
    publish(store, 1)
    publish(store, 2)
    async with sender_for(botapi, store, sleep=None, per_chat_interval=1.0) as sender:
        sender.sleep = __import__("asyncio").sleep      # real waiting here: the server's clock is real
        await sender.drain()
    assert titles(botapi, 7)[1].endswith("alert 2</a>")
    assert botapi.stats["rejected_429"] == 0


async def test_html_title_arrives_as_text(botapi, store):
    subscribe(store, 5)
    publish(store, 1, title="<b>x</b> & <script>")
    async with sender_for(botapi, store) as sender:
        stats = await sender.drain()
    # The server parses HTML like Telegram: unescaped feed text would have been refused.
    assert stats.sent == 1 and stats.plain_fallbacks == 0
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;" in botapi.texts(5)[0]


async def test_subscribing_never_sends_old_alerts(botapi, store):
    subscribe(store, 1)
    publish(store, 1)                     # before chat 2 subscribed
    subscribe(store, 2, at=T0 + timedelta(minutes=5))
    publish(store, 2, at=T0 + timedelta(minutes=6))
    async with sender_for(botapi, store) as sender:
        await sender.drain()
    assert titles(botapi, 2) == ['<a href="https://example.org/2">alert 2</a>']
    assert len(botapi.texts(1)) == 2


# ---------------------------------------------------------------- errors

async def test_retry_after_is_waited_then_sent_once(botapi, store):
    subscribe(store, 1)
    publish(store, 1)
    botapi.fail("sendMessage", retry_after=3)
    sleeper = Sleeper()
    async with sender_for(botapi, store, sleep=sleeper) as sender:
        stats = await sender.drain()
    assert 3 in sleeper.waits and stats.retry_after == 1
    assert len(botapi.sent(1)) == 1 and set(_row_status(store).values()) == {"sent"}


async def test_long_retry_after_defers_the_row(botapi, store):
    subscribe(store, 1)
    publish(store, 1)
    publish(store, 2)
    botapi.fail("sendMessage", retry_after=120)
    clock = Clock()
    async with sender_for(botapi, store, clock=clock) as sender:
        await sender.drain()
        assert botapi.sent(1) == []
        head = store.next_pending(1)[0]
        assert head.not_before == iso(T0 + timedelta(seconds=120))
        clock.advance(119)
        await sender.drain()
        assert botapi.sent(1) == []
        clock.advance(1)
        await sender.drain()
    assert titles(botapi, 1) == ['<a href="https://example.org/1">alert 1</a>',
                                 '<a href="https://example.org/2">alert 2</a>']


async def test_server_errors_back_off_keep_the_row_and_hold_the_line(botapi, store):
    subscribe(store, 1, 2)
    publish(store, 1)
    publish(store, 2)
    botapi.fail("sendMessage", status=502, chat_id=1, times=2)
    clock = Clock()
    async with sender_for(botapi, store, clock=clock, backoff_base=2, backoff_cap=60) as sender:
        await sender.drain()
        assert botapi.sent(1) == [] and len(botapi.sent(2)) == 2       # one chat's trouble is not another's
        head = store.next_pending(1)[0]
        assert head.not_before == iso(T0 + timedelta(seconds=2)) and "Bad Gateway" in head.last_error
        clock.advance(2)
        await sender.drain()
        assert store.next_pending(1)[0].not_before == iso(T0 + timedelta(seconds=2 + 4))
        clock.advance(4)
        await sender.drain()
    assert [t[-11:] for t in titles(botapi, 1)] == ["alert 1</a>", "alert 2</a>"]


async def test_timeout_is_a_network_error_and_retried(botapi, store):
    subscribe(store, 1)
    publish(store, 1)
    botapi.fail("sendMessage", hang=1.5)
    clock = Clock()
    async with sender_for(botapi, store, clock=clock, read_timeout=0.3) as sender:
        stats = await sender.drain()
        assert stats.deferred == 1 and botapi.sent(1) == []
        clock.advance(60)
        await sender.drain()
    assert len(botapi.sent(1)) == 1


async def test_accepted_but_unanswered_is_resent_at_least_once(botapi, store):
    # Telegram took the message but the answer never came back: the row is not marked sent,
    # so it goes again. One duplicate, never a loss (at-least-once).
    subscribe(store, 1)
    publish(store, 1)
    botapi.fail("sendMessage", hang=1.0, record=True)
    clock = Clock()
    async with sender_for(botapi, store, clock=clock, read_timeout=0.3) as sender:
        await sender.drain()
        clock.advance(60)
        await sender.drain()
        await botapi.wait_sent(1, 2)                 # the hung request lands too, late
    assert len(botapi.sent(1)) == 2 and store.outbox_counts() == {"sent": 1}


async def test_ten_minute_outage_then_everything_in_order(botapi, store):
    botapi.limits.per_chat_per_second = 0
    chats = [1, 2]     # private chats: a group's 20/min (and more chats at 30/s) would only cost wall time
    subscribe(store, *chats)
    clock = Clock()
    botapi.down(502)
    async with sender_for(botapi, store, clock=clock, backoff_base=2, backoff_cap=60) as sender:
        n = 0
        while clock.now < T0 + timedelta(minutes=10):       # alerts keep coming during the outage
            if n < 10:
                publish(store, n, at=clock.now)
                n += 1
            await sender.drain()
            for row in store.db.query("SELECT not_before FROM outbox WHERE status = 'pending'"):
                if row["not_before"]:
                    assert row["not_before"] <= iso(clock.now + timedelta(seconds=60))   # capped backoff
            clock.advance(7)
            botapi.down(503 if n % 2 else 502)
        assert all(botapi.sent(c) == [] for c in chats)
        assert store.outbox_counts() == {"pending": 10 * len(chats)}
        botapi.down(None)
        clock.advance(60)
        stats = await sender.drain()
    for c in chats:
        assert titles(botapi, c) == [f'<a href="https://example.org/{i}">alert {i}</a>' for i in range(10)]
    assert stats.sent == 10 * len(chats) and store.outbox_counts() == {"sent": 10 * len(chats)}


async def test_blocked_chat_is_deactivated_and_others_continue(botapi, store, caplog):
    subscribe(store, 1, 2)
    publish(store, 1)
    publish(store, 2)
    botapi.block(1)
    async with sender_for(botapi, store) as sender:
        stats = await sender.drain()
    assert stats.deactivated == 1 and len(botapi.sent(2)) == 2
    chat = store.chat(1)
    assert not chat.active and "blocked" in chat.deactivated_reason
    assert [c.chat_id for c in store.deactivated_chats()] == [1]
    assert store.subscribers(RULE) == [2]
    failed = list(store.db.query("SELECT last_error FROM outbox WHERE chat_id = 1 AND status = 'failed'"))
    assert len(failed) == 2 and "blocked" in failed[0]["last_error"]
    assert len(botapi.calls("sendMessage")) == 3                 # one attempt for chat 1, no loop
    assert any("chat=1 deactivated" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    store.subscribe(1, RULE, at=iso(T0))                          # coming back re-activates the chat
    assert store.chat(1).active


async def test_group_migrated_to_supergroup(botapi, store):
    botapi.limits.per_chat_per_second = 0
    subscribe(store, -100)
    publish(store, 1)
    publish(store, 2)
    botapi.migrate(-100, -1009999)
    async with sender_for(botapi, store) as sender:
        stats = await sender.drain()
    assert stats.migrated == 1
    assert store.subscribers(RULE) == [-1009999]
    assert [t[-11:] for t in titles(botapi, -1009999)] == ["alert 1</a>", "alert 2</a>"]
    assert botapi.sent(-100) == []


async def test_bad_request_on_formatting_resends_as_plain_text(botapi, store):
    subscribe(store, 1)
    publish(store, 1)
    publish(store, 2)
    botapi.fail("sendMessage", status=400, description="Bad Request: can't parse entities: odd", times=1)
    async with sender_for(botapi, store) as sender:
        stats = await sender.drain()
    sent = botapi.sent(1)
    assert stats.plain_fallbacks == 1 and stats.sent == 2
    assert sent[0]["parse_mode"] is None and sent[0]["text"].startswith("🚨 ISIL") and "alert 1" in sent[0]["text"]
    assert "https://example.org/1" in sent[0]["text"]
    assert sent[1]["parse_mode"] == "HTML"


async def test_bad_request_twice_parks_the_row_and_the_chat_goes_on(botapi, store):
    subscribe(store, 1)
    publish(store, 1)
    publish(store, 2)
    botapi.fail("sendMessage", status=400, description="Bad Request: can't parse entities: odd", times=2)
    async with sender_for(botapi, store) as sender:
        stats = await sender.drain()
        again = await sender.drain()
    assert stats.plain_fallbacks == 1 and stats.failed == 1
    assert len(botapi.calls("sendMessage")) == 3            # HTML, plain, then the next row: no loop
    assert titles(botapi, 1) == ['<a href="https://example.org/2">alert 2</a>']
    row = next(iter(store.db.query("SELECT status, last_error FROM outbox ORDER BY id LIMIT 1")))
    assert row["status"] == "failed" and "also as plain text" in row["last_error"] and "parse entities" in row["last_error"]
    assert again.sent == again.failed == 0          # nothing left to try: parked means parked


# ---------------------------------------------------------------- held: mutes and digests

async def test_muted_chat_gets_one_summary_when_the_mute_ends(botapi, store):
    subscribe(store, 1, 2)
    store.set_chat_mute(1, iso(T0 + timedelta(hours=2)))
    for n in range(3):
        publish(store, n)
    clock = Clock()
    async with sender_for(botapi, store, clock=clock) as sender:
        await sender.drain()
        assert botapi.sent(1) == [] and len(botapi.sent(2)) == 3
        assert len(store.held_rows(1)) == 3
        clock.advance(2 * 3600 + 1)
        await sender.drain()
    [summary] = botapi.texts(1)
    assert summary.startswith("🗞 <b>While you were muted: 3 alerts</b>")
    assert summary.index("alert 2") < summary.index("alert 1") < summary.index("alert 0")   # newest first
    assert store.held_rows(1) == [] and store.outbox_counts()["summarised"] == 3


async def test_rule_mute_single_held_alert_is_sent_as_is(botapi, store):
    subscribe(store, 1)
    store.set_rule_mute(1, RULE, iso(T0 + timedelta(hours=1)))
    publish(store, 1)
    clock = Clock()
    async with sender_for(botapi, store, clock=clock) as sender:
        await sender.drain()
        assert botapi.sent(1) == []
        clock.advance(3601)
        await sender.drain()
    assert titles(botapi, 1) == ['<a href="https://example.org/1">alert 1</a>']


async def test_hourly_digest(botapi, store):
    subscribe(store, 1)
    store.set_digest(1, "hourly")
    store.set_last_digest(1, iso(T0))
    for n in range(4):
        publish(store, n, at=T0 + timedelta(minutes=n))
    clock = Clock(T0 + timedelta(minutes=30))
    async with sender_for(botapi, store, clock=clock) as sender:
        await sender.drain()
        assert botapi.sent(1) == []
        clock.advance(31 * 60)
        await sender.drain()
        publish(store, 9, at=clock.now)
        await sender.drain()
    [digest] = botapi.texts(1)
    assert digest.startswith("🗞 <b>Hourly digest: 4 alerts</b>") and digest.count("\n• ") == 4
    assert "13 killed" in digest
    assert len(store.held_rows(1)) == 1        # the next hour's alert waits for the next digest


# ---------------------------------------------------------------- secrets

async def test_token_never_in_logs(botapi, store, caplog):
    caplog.set_level(logging.DEBUG)
    subscribe(store, 1, 2)
    publish(store, 1)
    botapi.fail("sendMessage", status=502, chat_id=1)
    botapi.block(2)
    async with sender_for(botapi, store) as sender:
        caplog.set_level(logging.DEBUG, logger="httpx")    # even if someone turns httpx up...
        await sender.drain()
        await sender.bot.get_me()
    text = caplog.text + "".join(r.getMessage() + str(r.exc_text) for r in caplog.records)
    assert any(r.name.startswith("httpx") for r in caplog.records)    # httpx did log requests...
    assert "TEST-SECRET-TOKEN" not in text and "TEST-SECRET" not in text.replace("[REDACTED]", "")
    assert "[REDACTED]" in text                                        # ...with the token redacted


def test_build_application_keeps_httpx_quiet(store):
    logging.getLogger("httpx").setLevel(logging.NOTSET)
    build_application(TOKEN, store=store, rules_provider=StaticRules([]), base_url="http://127.0.0.1:9/bot")
    assert logging.getLogger("httpx").level == logging.WARNING


# ---------------------------------------------------------------- updates, groups, the server itself

async def test_update_is_sent_as_reply_to_the_first_alert(botapi, store):
    subscribe(store, 1)
    publish(store, 1)
    first = store.next_pending(1)[0]
    async with sender_for(botapi, store) as sender:
        await sender.drain()
        update = {**alert(1), "type": "update", "incident": 3, "killed": 137,
                  "changes": [{"field": "killed", "old": 133, "new": 137}]}
        store.enqueue(chat_id=1, payload=update, at=iso(T0), kind="update", rule_id=RULE, reply_to=first.id)
        await sender.drain()
    alert_msg, update_msg = botapi.sent(1)
    assert update_msg["reply_to_message_id"] == alert_msg["message_id"]
    assert update_msg["text"].startswith("🔁 <b>Update: Toll now 137 killed (was 133)</b>")


async def test_group_flood_limit_defers_without_loss(botapi, store):
    botapi.limits.per_group_per_minute = 2
    subscribe(store, -1005)
    for n in range(3):
        publish(store, n)
    sleeper = Sleeper()
    async with sender_for(botapi, store, sleep=sleeper, max_inline_retries=2) as sender:
        stats = await sender.drain()
    assert len(botapi.sent(-1005)) == 2 and botapi.stats["rejected_429_group"] >= 1
    assert stats.retry_after >= 1 and all(w >= 1 for w in sleeper.waits)
    [waiting] = store.next_pending(-1005)
    assert waiting.not_before is not None and "RetryAfter" in waiting.last_error     # kept, not lost


def test_server_enforces_flood_limits(botapi):
    import httpx

    url = f"{botapi.base_url}{TOKEN}/sendMessage"
    with httpx.Client() as client:
        botapi.limits.overall_per_second = 3     # the default is 30/s; 3/s shows the same bucket quickly
        codes = [client.post(url, json={"chat_id": 1000 + i, "text": "x"}).status_code for i in range(10)]
        assert codes.count(200) >= 3 and 429 in codes
        botapi.limits.overall_per_second = 0
        assert client.post(url, json={"chat_id": 5, "text": "a"}).status_code == 200
        r = client.post(url, json={"chat_id": 5, "text": "b"})               # 1/s per chat
        assert r.status_code == 429 and r.json()["parameters"]["retry_after"] >= 1
        assert client.post(url, json={"chat_id": 6, "text": "<b>bad", "parse_mode": "HTML"}).status_code == 400
        assert client.post(f"{botapi.base_url}123:WRONG/getMe").status_code == 401


async def test_server_methods_photo_edit_and_callbacks(botapi, store):
    async with sender_for(botapi, store) as sender:
        bot = sender.bot
        png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
        msg = await bot.send_photo(chat_id=1, photo=png, caption="incidents, last 7 days")
        assert msg.photo and botapi.sent(1)[0]["photo"]["size"] == len(png)
        text = await bot.send_message(chat_id=1, text="first")
        edited = await bot.edit_message_text(chat_id=1, message_id=text.message_id, text="second")
        assert edited.text == "second" and botapi.texts(1)[1] == "second"
        assert await bot.answer_callback_query("cb1", text="ok")
        assert await bot.delete_webhook()
        assert (await bot.get_me()).username == "newsbot_test_bot"


async def test_turning_digest_off_sends_what_was_kept(botapi, store):
    subscribe(store, 1)
    store.set_digest(1, "daily")
    store.set_last_digest(1, iso(T0))
    publish(store, 1)
    publish(store, 2)
    async with sender_for(botapi, store) as sender:
        await sender.drain()
        assert botapi.sent(1) == []
        store.set_digest(1, "off")
        await sender.drain()
        publish(store, 3)
        await sender.drain()
    kept, live = botapi.texts(1)
    assert kept.startswith("🗞 <b>Kept for you meanwhile: 2 alerts</b>")
    assert "alert 3" in live and store.held_rows(1) == []


# ---------------------------------------------------------------- metrics

async def test_every_send_attempt_is_measured(botapi, store):
    from bot.metrics import Metrics

    metrics = Metrics()
    subscribe(store, 1, 2, 3)
    publish(store, 1)                                  # queued at T0, when the item was first seen
    botapi.fail("sendMessage", status=502, chat_id=2)
    botapi.block(3)
    clock = Clock()
    async with sender_for(botapi, store, clock=clock, metrics=metrics) as sender:
        await sender.drain()
        clock.advance(60)
        await sender.drain()
    sends = {r: metrics.value("newsbot_sends_total", {"result": r}) for r in ("sent", "retry", "failed")}
    assert sends == {"sent": 2, "retry": 1, "failed": 1}
    assert metrics.value("newsbot_send_latency_seconds_count") == 4      # one per attempt
    assert metrics.value("newsbot_alert_lag_seconds_count") == 2         # alerts accepted: T0 and T0 + 60 s
    assert metrics.value("newsbot_alert_lag_seconds_sum") == 60
