"""The real python-telegram-bot Application against the loopback Bot API test server.

Every command is driven as a user would: a message goes into getUpdates, the
bot's reply is read back from what the server received.
"""
from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta, timezone

import pytest

from bot.store import Store, iso
from bot.telegram import StaticRules, build_application, get_sender
from bot.telegram.commands import parse_duration
from bot.telegram.sender import SenderConfig
from catalogues import copy_catalogues

TOKEN = "123456:TEST-SECRET-TOKEN-VALUE-abcdefghijkl"
ADMIN = 900
USER = 100
RULES = [
    ("isil-10-killed", "ISIL or affiliates, 10 or more killed", "Any ISIL affiliate, ten dead or more.\nMore."),
    ("sahel-attacks", "Sahel attacks, 5 or more killed", "Burkina Faso, Mali, Niger."),
]


def _test_text(text: str) -> str:
    # Stands in for extraction + matching: what matters here is that /test shows it, escaped.
    hit = "isil-10-killed" if "ISIL" in text else None
    return f"facts: {text[:30]}\n" + (f"✓ {hit}: ISIL named" if hit else "no rule matched")


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@contextlib.asynccontextmanager
async def running_bot(botapi, store, **kw):
    botapi.limits.enabled = False     # flood limits are the delivery tests' subject
    rules = kw.pop("rules", None) or StaticRules(RULES, _test_text)
    app = build_application(TOKEN, base_url=botapi.base_url, store=store, rules_provider=rules,
                            admin_ids=kw.pop("admin_ids", [ADMIN]), drain_interval=0.05,
                            sender_config=SenderConfig(per_chat_interval=0), **kw)
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1, drop_pending_updates=False)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "state" / "newsbot.db")
    yield s
    s.close()


class User:
    """A Telegram user typing into a chat; ``say`` returns the bot's reply."""

    def __init__(self, botapi, chat_id, *, user_id=None, chat_type=None):
        self.botapi, self.chat_id, self.user_id, self.chat_type = botapi, chat_id, user_id, chat_type

    async def say(self, text: str) -> dict:
        before = len(self.botapi.sent(self.chat_id))
        self.botapi.message(self.chat_id, text, user_id=self.user_id, chat_type=self.chat_type)
        return (await self.botapi.wait_sent(self.chat_id, before + 1))[-1]


async def test_private_user_journey(botapi, store):
    async with running_bot(botapi, store):
        u = User(botapi, USER)
        start = await u.say("/start")
        assert "subscribe" in start["text"] and start["parse_mode"] == "HTML"
        assert [c["command"] for c in botapi.my_commands()][:3] == ["start", "help", "rules"]

        help_ = (await u.say("/help"))["text"]
        for name in ("rules", "subscribe", "unsubscribe", "list", "mute", "unmute", "digest", "status", "test"):
            assert f"/{name}" in help_
        assert "/reload" not in help_            # admin commands only shown to admins
        assert "digest" in (await u.say("/help digest"))["text"]

        rules = await u.say("/rules")
        assert "isil-10-killed" in rules["text"] and "Sahel attacks" in rules["text"]
        buttons = [b["callback_data"] for row in rules["reply_markup"]["inline_keyboard"] for b in row]
        assert buttons == ["sub:isil-10-killed", "sub:sahel-attacks"]

        assert "Usage" in (await u.say("/subscribe"))["text"]
        wrong = (await u.say("/subscribe isil-10-kiled"))["text"]
        assert "no rule" in wrong and "isil-10-killed" in wrong          # suggests the close id
        assert "Subscribed" in (await u.say("/subscribe isil-10-killed"))["text"]
        assert "already" in (await u.say("/subscribe isil-10-killed"))["text"]
        assert [s["rule_id"] for s in store.subscriptions(USER)] == ["isil-10-killed"]

        listing = (await u.say("/list"))["text"]
        assert "isil-10-killed" in listing and "Not muted" in listing and "Digest: off" in listing

        assert "not a duration" in (await u.say("/mute soon"))["text"]
        assert "For how long" in (await u.say("/mute isil-10-killed"))["text"]
        assert "Muted for 2h" in (await u.say("/mute 2h"))["text"]
        assert store.chat(USER).muted_until is not None
        assert "muted for 1d" in (await u.say("/mute isil-10-killed 1d"))["text"]
        assert "muted until" in (await u.say("/list"))["text"]
        assert "<code>isil-10-killed</code> unmuted" in (await u.say("/unmute isil-10-killed"))["text"]
        assert store.rule_mutes(USER) == {}
        assert "not subscribed" in (await u.say("/unmute sahel-attacks"))["text"]
        await u.say("/mute isil-10-killed 1d")
        assert "Unmuted" in (await u.say("/unmute"))["text"]
        assert store.chat(USER).muted_until is None and store.rule_mutes(USER) == {}

        assert "Usage" in (await u.say("/digest weekly"))["text"]
        assert "Digest hourly" in (await u.say("/digest hourly"))["text"]
        assert store.chat(USER).digest == "hourly"
        assert "Digest off" in (await u.say("/digest off"))["text"]

        status = (await u.say("/status"))["text"]
        assert "Feeds: 0 healthy, 0 broken" in status and "Outbox: 0 waiting" in status

        assert "Usage" in (await u.say("/test"))["text"]
        tested = (await u.say("/test <b>ISIL</b> fighters killed 12 & more"))["text"]
        assert "✓ isil-10-killed" in tested and "&lt;b&gt;ISIL" in tested      # escaped, reached the server

        assert "Usage" in (await u.say("/unsubscribe"))["text"]
        assert "was not subscribed" in (await u.say("/unsubscribe sahel-attacks"))["text"]
        assert "Unsubscribed from <code>isil-10-killed" in (await u.say("/unsubscribe isil-10-killed"))["text"]
        await u.say("/subscribe isil-10-killed")
        await u.say("/subscribe sahel-attacks")
        assert "all 2 rules" in (await u.say("/unsubscribe all"))["text"]
        assert "don't know" in (await u.say("/frobnicate"))["text"]


async def test_buttons_subscribe_and_mute(botapi, store):
    async with running_bot(botapi, store):
        u = User(botapi, USER)
        rules = await u.say("/rules")
        botapi.press(USER, rules["message_id"], "sub:sahel-attacks")
        answers = await botapi.wait_answers(1)
        assert "Subscribed to sahel-attacks" in answers[0]["text"]
        assert store.subscribers("sahel-attacks") == [USER]

        # An alert carries "Mute this rule"; pressing it mutes that rule for this chat.
        alert = {"type": "alert", "rule": "sahel-attacks", "rule_title": "Sahel attacks", "title": "Attack",
                 "item_url": "https://example.org/a"}
        store.fan_out(alert_id=1, rule_id="sahel-attacks", payload=alert, at=iso(datetime.now(timezone.utc)))
        msgs = await botapi.wait_sent(USER, 2)
        kb = msgs[-1]["reply_markup"]["inline_keyboard"]
        assert kb[0][0]["text"].endswith("Mute this rule") and kb[0][0]["callback_data"] == "mute:sahel-attacks"
        botapi.press(USER, msgs[-1]["message_id"], "mute:sahel-attacks")
        answers = await botapi.wait_answers(2)
        assert "Muted sahel-attacks for 1d" in answers[1]["text"]
        assert "sahel-attacks" in store.rule_mutes(USER)
        botapi.press(USER, msgs[-1]["message_id"], "garbage")
        assert "expired" in (await botapi.wait_answers(3))[2]["text"]


async def test_admin_commands_and_polite_refusal(botapi, store):
    rules = StaticRules(RULES, _test_text)
    store.ensure_feed("https://example.org/rss", "Example", at="2026-01-01T00:00:00+00:00")
    store.record_fetch_error("https://example.org/rss", at="2026-01-01T00:00:00+00:00", status=500,
                             error="HTTP 500 <oops>", kind="http", broken_after=1)
    store.ensure_chat(555, at="2026-01-01T00:00:00+00:00")
    store.deactivate_chat(555, "forbidden: bot was blocked by the user")
    async with running_bot(botapi, store, rules=rules):
        user, admin = User(botapi, USER), User(botapi, ADMIN)
        for cmd in ("/reload", "/feeds", "/stats"):
            assert "administrators" in (await user.say(cmd))["text"]
        assert rules.reloads == 0 and botapi.calls("sendPhoto") == []     # no chart for a refusal
        assert "Reloaded 2 rules" in (await admin.say("/reload"))["text"] and rules.reloads == 1
        feeds = (await admin.say("/feeds"))["text"]
        assert "broken" in feeds and "HTTP 500 &lt;oops&gt;" in feeds
        assert "555" in feeds and "blocked" in feeds        # chats that blocked the bot are shown to admins
        stats = (await admin.say("/stats"))["text"]
        assert "Chats:" in stats and "Subscriptions: 0" in stats
        chart = (await botapi.wait_sent(ADMIN, len(botapi.sent(ADMIN)) + 1))[-1]    # then the 7-day chart
        assert chart["method"] == "sendPhoto" and chart["photo"]["size"] > 1000
        assert chart["caption"].startswith("📊 Last 7 days: 0 incidents")
        assert "/reload" in (await admin.say("/help"))["text"]
        assert "1 broken" in (await user.say("/status"))["text"]
        # feeds from Telegram: public http(s) only (no SSRF), admins only
        assert "administrators" in (await user.say("/feeds add https://93.184.216.34/rss"))["text"]
        for bad in ("http://127.0.0.1:8080/healthz", "file:///etc/passwd", "http://10.0.0.5/rss",
                    "http://169.254.169.254/latest"):
            assert "Not added" in (await admin.say(f"/feeds add {bad}"))["text"], bad
            assert store.feed(bad) is None
        assert "Added" in (await admin.say("/feeds add https://93.184.216.34/rss"))["text"]
        assert store.feed("https://93.184.216.34/rss").origin == "telegram"
        assert "Removed" in (await admin.say("/feeds remove https://93.184.216.34/rss"))["text"]
        assert store.feed("https://93.184.216.34/rss") is None
        assert "Give one URL" in (await admin.say("/feeds add"))["text"]


async def test_allow_list_refuses_other_chats(botapi, store):
    async with running_bot(botapi, store, allowed_chats=[USER]):
        assert "subscribe" in (await User(botapi, USER).say("/start"))["text"]
        stranger = User(botapi, 777)
        assert "private newsbot deployment" in (await stranger.say("/subscribe isil-10-killed"))["text"]
        assert store.subscriptions(777) == [] and store.chat(777) is None
        botapi.press(777, 1, "sub:isil-10-killed")
        assert "private newsbot deployment" in (await botapi.wait_answers(1))[0]["text"]
        assert store.subscribers("isil-10-killed") == []


async def test_group_only_admins_change_subscriptions(botapi, store):
    group = -1001234
    botapi.set_admins(group, [ADMIN])
    async with running_bot(botapi, store):
        member = User(botapi, group, user_id=USER, chat_type="supergroup")
        admin = User(botapi, group, user_id=ADMIN, chat_type="supergroup")
        assert "Only this group's admins" in (await member.say("/subscribe isil-10-killed"))["text"]
        assert store.subscriptions(group) == []
        assert "Subscribed" in (await admin.say("/subscribe isil-10-killed"))["text"]
        assert store.subscribers("isil-10-killed") == [group]
        assert "Only this group's admins" in (await member.say("/digest daily"))["text"]
        assert "isil-10-killed" in (await member.say("/list"))["text"]      # reading is fine
        rules = await admin.say("/rules")
        botapi.press(group, rules["message_id"], "sub:sahel-attacks", user_id=USER, chat_type="supergroup")
        assert "Only this group's admins" in (await botapi.wait_answers(1))[0]["text"]
        assert store.subscribers("sahel-attacks") == []
        # a channel's posts come from its admins
        channel = User(botapi, -100777, chat_type="channel")
        assert "Subscribed" in (await channel.say("/subscribe sahel-attacks"))["text"]


async def test_error_handler_logs_first(botapi, store, caplog):
    def broken(text: str) -> str:
        raise RuntimeError("matcher exploded")

    async with running_bot(botapi, store, rules=StaticRules(RULES, broken)):
        reply = await User(botapi, USER).say("/test anything")
    assert "something went wrong" in reply["text"]
    assert any("error while handling an update" in r.getMessage() for r in caplog.records)


async def test_unblocking_user_gets_alerts_again(botapi, store):
    store.ensure_chat(USER, at="2026-01-01T00:00:00+00:00")
    store.subscribe(USER, "isil-10-killed", at="2026-01-01T00:00:00+00:00")
    store.deactivate_chat(USER, "forbidden: bot was blocked by the user")
    async with running_bot(botapi, store):
        listing = (await User(botapi, USER).say("/list"))["text"]
    assert "Delivery to this chat is paused" not in listing and "isil-10-killed" in listing
    assert store.chat(USER).active and store.subscribers("isil-10-killed") == [USER]


def test_parse_duration():
    assert parse_duration("2h") == timedelta(hours=2)
    assert parse_duration("1d") == timedelta(days=1)
    assert parse_duration("1h30m") == timedelta(minutes=90)
    assert parse_duration("1w") == timedelta(weeks=1)
    for bad in ("", "soon", "2", "0h", "-1h", "2x"):
        assert parse_duration(bad) is None


def _rules_dir(tmp_path, body: str):
    d = copy_catalogues(tmp_path / "rules")
    (d / "mine.yaml").write_text(body, encoding="utf-8")
    return d


RULE_YAML = """rules:
  - id: port-strikes
    title: Port strikes
    description: Dockers walk out.
    keywords_any: [dockers]
"""


async def test_rules_from_a_directory_test_and_reload(botapi, store, tmp_path):
    from bot.telegram.rulesource import RulebookRules

    d = _rules_dir(tmp_path, RULE_YAML)
    rules = RulebookRules(d)
    async with running_bot(botapi, store, rules=rules):
        admin = User(botapi, ADMIN)
        assert "port-strikes" in (await admin.say("/rules"))["text"]
        tested = (await admin.say("/test Dockers strike at the port"))["text"]
        assert "Facts:" in tested and "port-strikes: Port strikes" in tested and "why:" in tested
        assert "No rule matched" in (await admin.say("/test Quiet day at sea"))["text"]
        assert "unchanged" in (await admin.say("/reload"))["text"]
        (d / "mine.yaml").write_text(RULE_YAML + "    bogus_key: 1\n", encoding="utf-8")
        bad = (await admin.say("/reload"))["text"]
        assert "not reloaded" in bad and "mine.yaml:" in bad          # file:line problems for the admin
        assert "Subscribed" in (await admin.say("/subscribe port-strikes"))["text"]   # old set still live
        (d / "mine.yaml").write_text(RULE_YAML.replace("port-strikes", "dock-strikes"), encoding="utf-8")
        assert "Reloaded 1 rules" in (await admin.say("/reload"))["text"]
        assert "dock-strikes" in (await admin.say("/rules"))["text"]
