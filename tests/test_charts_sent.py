"""The 7-day chart reaches Telegram: ``/stats`` for admins, and after each daily digest.

The real ``Application`` (commands, handlers, the outbox sender) against the loopback Bot API
test server, real SQLite files, the repository's real rule book and catalogues, and incidents
filed through the store's own incident code. The server here also keeps the bytes of every
uploaded file, so a test can check that what arrived is a PNG.
"""
from __future__ import annotations

import contextlib
import struct
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from aiohttp import web

from botapi_server import BotAPIServer
from bot.incidents import incident_facts
from bot.notify.payload import incident_payload
from bot.metrics import Metrics
from bot.models import Facts, GroupMention, Item
from bot.pipeline import filing
from bot.store import Store, iso
from bot.telegram import build_application, get_sender
from bot.telegram.rulesource import RulebookRules
from bot.telegram.sender import SenderConfig

TOKEN = "123456:TEST-SECRET-TOKEN-VALUE-abcdefghijkl"
RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
PNG = b"\x89PNG\r\n\x1a\n"
NOW = datetime(2024, 3, 26, 12, 0, tzinfo=timezone.utc)
ADMIN, USER = 900, 100
RULE = "isil-10-killed"


class UploadServer(BotAPIServer):
    """The Bot API test server, also keeping each uploaded file's bytes: ``uploads[(method, chat_id)]``."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.uploads: list[tuple[str, int, bytes]] = []

    async def _params(self, request: web.Request):
        params = await super()._params(request)
        if request.content_type.startswith("multipart/"):
            form = await request.post()        # aiohttp keeps the form the parent parsed
            for v in form.values():
                if isinstance(v, web.FileField):
                    v.file.seek(0)
                    self.uploads.append((request.match_info["method"], params.get("chat_id"), v.file.read()))
        return params

    def photos(self, chat_id: int) -> list[dict]:
        return [m for m in self.sent(chat_id) if m["method"] == "sendPhoto"]


@pytest.fixture
def botapi():
    server = UploadServer().start()
    server.limits.enabled = False        # flood limits are test_delivery's subject
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "state" / "newsbot.db")
    yield s
    s.close()


@pytest.fixture(scope="module")
def rules():
    return RulebookRules(RULES_DIR)


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def png_size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


# ---------------------------------------------------------------- incidents, as the poll cycle files them

ISIL = GroupMention("isil", "Islamic State", "perpetrator")
ADF = GroupMention("adf", "Allied Democratic Forces", "perpetrator")
ISWAP = GroupMention("iswap", "Islamic State West Africa Province", "perpetrator")


def file_item(store: Store, book, key: str, title: str, facts: Facts, published: datetime) -> list[dict]:
    """One article through the store's incident code and the real matcher (what the cycle does);
    returns the payloads queued."""
    item = Item(key=key, feed="wire", url=f"https://news.example/{key}", title=title, text=title,
                published=published, source="Wire")

    def match(state):
        return book.matcher.match(item.title, item.text, incident_facts(state))

    out = []
    with store.transaction():
        filed = filing.file_item(store, item, facts, at=published, catalog=book.ruleset.groups, match=match,
                                         active_rules=[r.id for r in book.ruleset.rules])
        for n in filed.notifications:
            rule = book.rule(n.rule_id)
            payload = incident_payload(n, filed.incident, item, rule_title=rule.title, severity=str(rule.severity),
                                       catalog=book.ruleset.groups, reasons=filed.match_reasons.get(n.rule_id, ()))
            store.deliver_notification(n, payload, item_key=item.key, at=iso(published))
            out.append(payload)
    return out


def a_week_of_news(store: Store, book) -> None:
    """Moscow (60 killed, then 137 in a follow-up), Beni (38), Borno (12, the newest), all in the last week."""
    moscow = dict(kind="attack", groups=(ISIL,), country="RU", province="Moscow Oblast", province_code="RU-MOS",
                  place="Krasnogorsk")
    first = file_item(store, book, "moscow-1", "Gunmen attack Crocus City Hall concert near Moscow",
                      Facts(**moscow, killed=60), NOW - timedelta(days=3))
    assert [p["type"] for p in first if p["rule"] == RULE] == ["alert"]
    file_item(store, book, "beni-1", "ADF rebels kill 38 in eastern DR Congo",
              Facts(kind="attack", groups=(ADF,), country="CD", province="North Kivu", province_code="CD-NK",
                    place="Beni", killed=38), NOW - timedelta(days=2))
    later = file_item(store, book, "moscow-2", "Crocus City Hall concert attack near Moscow: toll rises to 137",
                      Facts(**moscow, killed=137), NOW - timedelta(days=1))
    assert [p["type"] for p in later if p["rule"] == RULE] == ["update"]          # the same incident
    assert later[0]["incident"] == first[0]["incident"]
    file_item(store, book, "borno-1", "ISWAP fighters kill 12 in Borno",
              Facts(kind="attack", groups=(ISWAP,), country="NG", province="Borno", province_code="NG-BO",
                    place="Maiduguri", killed=12), NOW - timedelta(hours=6))


def subscribe(store: Store, chat: int, digest: str) -> None:
    """A chat in digest mode since well before the week's news."""
    store.ensure_chat(chat, at=iso(NOW - timedelta(days=8)))
    store.subscribe(chat, RULE, at=iso(NOW - timedelta(days=8)))
    store.set_digest(chat, digest)
    store.set_last_digest(chat, iso(NOW - timedelta(days=4)))


@contextlib.asynccontextmanager
async def application(botapi, store, rules, clock, **kw):
    app = build_application(TOKEN, base_url=botapi.base_url, store=store, rules_provider=rules,
                            admin_ids=[ADMIN], clock=clock, drain_interval=3600,
                            sender_config=SenderConfig(per_chat_interval=0), **kw)
    async with app:
        yield app


def lines_of(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.startswith("• ")]


# ---------------------------------------------------------------- /stats

async def test_stats_as_admin_gets_the_chart_and_a_user_is_refused_without_one(botapi, store, rules):
    a_week_of_news(store, rules.book)
    app = build_application(TOKEN, base_url=botapi.base_url, store=store, rules_provider=rules,
                            admin_ids=[ADMIN], clock=Clock(NOW), drain_interval=3600)
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            botapi.message(USER, "/stats")
            [refusal] = await botapi.wait_sent(USER, 1)
            botapi.message(ADMIN, "/stats")
            text, photo = await botapi.wait_sent(ADMIN, 2)
        finally:
            await app.updater.stop()
            await app.stop()
    assert "administrators" in refusal["text"]
    assert botapi.photos(USER) == [] and all(chat == ADMIN for _, chat, _ in botapi.uploads)
    assert text["method"] == "sendMessage" and "<b>Stats</b>" in text["text"]
    assert photo["method"] == "sendPhoto"
    assert photo["caption"] == "📊 Last 7 days: 3 incidents, 187 deaths — per group and per region"
    [(method, chat, png)] = botapi.uploads
    assert (method, chat) == ("sendPhoto", ADMIN)
    assert png.startswith(PNG) and photo["photo"]["size"] == len(png)
    w, h = png_size(png)
    assert w >= 600 and h >= 300


def test_chart_labels_come_from_the_rule_books_catalogues(store, rules):
    from bot.telegram.weekchart import week_chart

    a_week_of_news(store, rules.book)
    chart = week_chart(store, NOW, book=rules.book)
    name = rules.book.ruleset.regions.name
    by_killed = {r.killed: r for r in chart.rows}
    assert set(by_killed) == {137, 38, 12}                     # Moscow counted once, at its fused toll
    assert by_killed[38].groups == ("Allied Democratic Forces",)
    assert by_killed[38].region == name("central-africa") and by_killed[12].region == name("west-africa")
    assert by_killed[137].region in {name(c) for c in rules.book.ruleset.regions.continents}   # no broad region
    # without a rule book (a bare provider) countries and ids still label the bars
    bare = week_chart(store, NOW)
    assert {r.region for r in bare.rows} == {"RU", "CD", "NG"}
    assert chart.caption == bare.caption


async def test_drawing_happens_off_the_event_loop_thread(store, rules, monkeypatch):
    import bot.telegram.weekchart_draw
    from bot.telegram.weekchart import week_chart

    drew_on = []
    real = bot.telegram.weekchart_draw.render_chart

    def spy(*a, **kw):
        drew_on.append(threading.get_ident())
        return real(*a, **kw)

    monkeypatch.setattr(bot.telegram.weekchart_draw, "render_chart", spy)
    png = await week_chart(store, NOW, book=rules.book).render_async()
    assert png.startswith(PNG) and drew_on and drew_on[0] != threading.get_ident()


# ---------------------------------------------------------------- digests

async def test_daily_digest_is_one_line_per_incident_newest_toll_first_then_the_chart(botapi, store, rules):
    subscribe(store, USER, "daily")
    a_week_of_news(store, rules.book)
    assert len(store.held_rows(USER)) == 4                    # 3 alerts and 1 update, kept for the digest
    async with application(botapi, store, rules, Clock(NOW)) as app:
        stats = await get_sender(app).drain()
    digest, photo = botapi.sent(USER)
    assert digest["method"] == "sendMessage" and photo["method"] == "sendPhoto"
    assert digest["text"].startswith("🗞 <b>Daily digest: 3 incidents</b>")
    lines = lines_of(digest["text"])
    assert len(lines) == 3                                    # the alert and its update fold into one line
    assert "137 killed" in lines[0] and "toll rises to 137" in lines[0] and "60 killed" not in digest["text"]
    assert "38 killed" in lines[1] and "Beni" in lines[1]
    assert "12 killed" in lines[2] and "Borno" in lines[2]   # the newest incident, but the lowest toll
    [(_, chat, png)] = botapi.uploads
    assert chat == USER and png.startswith(PNG)
    assert photo["caption"].startswith("📊 Last 7 days: 3 incidents")
    assert stats.sent == 1 and stats.charts == 1 and stats.summaries == 1
    assert store.outbox_counts() == {"sent": 1, "summarised": 4}


async def test_hourly_digest_is_text_only(botapi, store, rules):
    subscribe(store, USER, "hourly")
    a_week_of_news(store, rules.book)
    async with application(botapi, store, rules, Clock(NOW)) as app:
        await get_sender(app).drain()
    [digest] = botapi.sent(USER)
    assert digest["text"].startswith("🗞 <b>Hourly digest: 3 incidents</b>") and len(lines_of(digest["text"])) == 3
    assert botapi.uploads == [] and botapi.calls("sendPhoto") == []


async def test_chart_refused_by_a_server_error_is_retried_alone(botapi, store, rules):
    # The text went; the photo hit a 502. The row stays pending with the text's message id, so the
    # retry sends only the chart: never a second digest text.
    subscribe(store, USER, "daily")
    a_week_of_news(store, rules.book)
    botapi.fail("sendPhoto", status=502)
    clock = Clock(NOW)
    async with application(botapi, store, rules, clock) as app:
        sender = get_sender(app)
        first = await sender.drain()
        assert [m["method"] for m in botapi.sent(USER)] == ["sendMessage"]
        assert first.deferred == 1 and store.outbox_counts()["pending"] == 1
        clock.now += timedelta(minutes=5)
        again = await sender.drain()
    assert [m["method"] for m in botapi.sent(USER)] == ["sendMessage", "sendPhoto"]
    assert again.charts == 1 and store.outbox_counts() == {"sent": 1, "summarised": 4}
    row = next(iter(store.db.query("SELECT message_id FROM outbox WHERE status = 'sent'")))
    assert row["message_id"] == botapi.sent(USER)[0]["message_id"]      # the digest text's message


async def test_chart_that_telegram_refuses_does_not_hold_the_queue(botapi, store, rules):
    subscribe(store, USER, "daily")
    a_week_of_news(store, rules.book)
    botapi.fail("sendPhoto", status=400, description="Bad Request: PHOTO_INVALID_DIMENSIONS")
    async with application(botapi, store, rules, Clock(NOW)) as app:
        stats = await get_sender(app).drain()
    assert [m["method"] for m in botapi.sent(USER)] == ["sendMessage"]
    assert stats.chart_failures == 1 and store.outbox_counts() == {"sent": 1, "summarised": 4}


async def test_digests_due_together_share_one_drawing_and_one_upload(botapi, store, rules):
    for chat in (USER, USER + 1, USER + 2):
        subscribe(store, chat, "daily")
    a_week_of_news(store, rules.book)
    async with application(botapi, store, rules, Clock(NOW)) as app:
        sender = get_sender(app)
        await sender.drain()
    assert sender._charts.renders == 1
    assert len(botapi.uploads) == 1                           # then Telegram's file id, not the bytes again
    photos = [botapi.photos(c)[0]["photo"] for c in (USER, USER + 1, USER + 2)]
    assert sum(isinstance(p, str) and p.startswith("photo") for p in photos) == 2


async def test_send_metrics_from_the_application(botapi, store, rules):
    metrics = Metrics()
    subscribe(store, USER, "daily")
    a_week_of_news(store, rules.book)
    botapi.fail("sendPhoto", status=502)
    clock = Clock(NOW)
    async with application(botapi, store, rules, clock, metrics=metrics) as app:
        sender = get_sender(app)
        await sender.drain()
        clock.now += timedelta(minutes=5)
        await sender.drain()
    assert metrics.value("newsbot_sends_total", {"result": "sent"}) == 2       # the digest text, the chart
    assert metrics.value("newsbot_sends_total", {"result": "retry"}) == 1      # the chart's 502
    assert metrics.value("newsbot_send_latency_seconds_count") == 3
    assert metrics.value("newsbot_alert_lag_seconds_count") in (None, 0)       # a digest is not an alert
