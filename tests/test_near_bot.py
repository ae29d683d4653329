"""/near, shared locations, /list, /unsubscribe and /map through the real bot and the loopback Bot API."""
from __future__ import annotations

from bot.models import Facts, Item
from bot.pipeline.proximity import NearCache, alert_near
from bot.store import Store
from tests.test_telegram_bot import ADMIN, USER, User, running_bot
from catalogues import copy_catalogues

GROUP = -1001
MEMBER = 301


async def test_near_and_shared_location_survive_a_restart(botapi, tmp_path):
    path = tmp_path / "state" / "newsbot.db"
    store = Store(path)
    async with running_bot(botapi, store):
        u = User(botapi, USER)
        assert "Usage" in (await u.say("/near"))["text"]
        assert "How far" in (await u.say("/near Beni"))["text"]
        ok = (await u.say("/near Beni 50 5"))["text"]
        assert "within 50 km of <b>Beni, CD</b>" in ok and "5 or more killed" in ok and "/unsubscribe near:1" in ok
        amb = (await u.say("/near Tripoli 20"))["text"]
        assert "Tripoli, LY (Libya)" in amb and "Tripoli, LB (Lebanon)" in amb
        assert "send <code>/near Tripoli, LY 20</code>" in amb
        assert "between 1 and 500" in (await u.say("/near Beni 5000"))["text"]
        assert "unknown place" in (await u.say("/near Xqzvbnm 10"))["text"]

        before = len(botapi.sent(USER))
        botapi.location(USER, -11.35, 40.35)
        asked = (await botapi.wait_sent(USER, before + 1))[-1]["text"]
        assert "How far around it" in asked
        assert store.pending_location(USER) is not None
        assert len(botapi.sent(USER)) == before + 1
        done = (await u.say("30 km"))["text"]
        assert "within 30 km of <b>shared location</b>" in done and "(-11.350, 40.350)" in done
        assert store.pending_location(USER) is None
        assert [(s.name, s.km, s.min_killed) for s in store.near_subscriptions(USER)] == \
            [("Beni", 50, 5), ("shared location", 30, None)]
    store.close()

    store = Store(path)            # a restart: the circles are still there
    async with running_bot(botapi, store):
        u = User(botapi, USER)
        listing = (await u.say("/list"))["text"]
        assert "<code>near:1</code> — within 50 km of Beni" in listing and "5+ killed" in listing
        assert "<code>near:2</code> — within 30 km of shared location" in listing
        assert "Removed <code>near:1</code>" in (await u.say("/unsubscribe near:1"))["text"]
        assert "no place <code>near:1</code>" in (await u.say("/unsubscribe near:1"))["text"]
        assert "1 place" in (await u.say("/unsubscribe all"))["text"]
        assert store.near_subscriptions(USER) == []
    store.close()


async def test_in_groups_only_admins_add_places(botapi, tmp_path):
    store = Store(tmp_path / "s.db")
    botapi.set_admins(GROUP, [ADMIN])
    async with running_bot(botapi, store):
        member = User(botapi, GROUP, user_id=MEMBER, chat_type="supergroup")
        admin = User(botapi, GROUP, user_id=ADMIN, chat_type="supergroup")
        assert "Only this group's admins" in (await member.say("/near Beni 50"))["text"]
        before = len(botapi.sent(GROUP))
        botapi.location(GROUP, 0.5, 29.5, user_id=MEMBER, chat_type="supergroup")
        assert "Only this group's admins" in (await botapi.wait_sent(GROUP, before + 1))[-1]["text"]
        assert store.near_subscriptions(GROUP) == [] and store.pending_location(GROUP) is None
        assert "Subscribed" in (await admin.say("/near Beni 50"))["text"]
        assert len(store.near_subscriptions(GROUP)) == 1
    store.close()


async def test_map_on_sends_a_locator_map_under_the_alert(botapi, tmp_path):
    store = Store(tmp_path / "s.db")
    async with running_bot(botapi, store):
        u = User(botapi, USER)
        assert "Maps are off" in (await u.say("/map"))["text"]
        await u.say("/near Beni 50")
        assert "locator map" in (await u.say("/map on"))["text"]
        assert store.map_on(USER)
        facts = Facts(kind="attack", country="CD", place="Oicha", lat=0.734, lon=29.47, precision="place", killed=4)
        item = Item("k1", "F", "https://news.example/k1", "Attack near Oicha", "Attack.", None, "Example")
        before = len(botapi.sent(USER))
        with store.transaction():
            n = alert_near(store, NearCache(), event="item:k1", item=item, facts=facts, group_names={},
                           at="2024-06-08T12:00:00+00:00")
        assert n == 1
        sent = await botapi.wait_sent(USER, before + 2)
        alert, photo = sent[-2], sent[-1]
        assert alert["method"] == "sendMessage" and "27 km N of Beni" in alert["text"]
        assert photo["method"] == "sendPhoto" and photo["photo"]["size"] > 1000
        assert photo["caption"] == "27 km N of Beni" and photo["reply_to_message_id"] == alert["message_id"]
        assert "without a map" in (await u.say("/map off"))["text"]
    store.close()


async def test_stats_shows_the_weeks_incidents_on_a_map(botapi, tmp_path):
    from datetime import datetime, timezone

    from tests.test_telegram_bot import Clock

    store = Store(tmp_path / "s.db")
    at = "2024-06-08T10:00:00+00:00"
    for n, (lat, lon) in enumerate([(0.73, 29.47), (-1.67, 29.23), (0.73, 29.47)]):
        store.add_alert(rule_id="r", item_key=f"k{n}", at=at,
                        payload={"incident": 1 if n != 1 else 2, "item_key": f"k{n}", "lat": lat, "lon": lon})
    store.add_alert(rule_id="r", item_key="old", at="2024-05-01T00:00:00+00:00",
                    payload={"incident": 3, "lat": 10.0, "lon": 10.0})
    store.add_alert(rule_id="r", item_key="nowhere", at=at, payload={"incident": 4, "lat": None, "lon": None})
    assert store.located_events("2024-06-01T12:00:00+00:00") == [(0.73, 29.47), (-1.67, 29.23)]
    async with running_bot(botapi, store, clock=Clock(datetime(2024, 6, 8, 12, tzinfo=timezone.utc))):
        before = len(botapi.sent(ADMIN))
        botapi.message(ADMIN, "/stats")
        sent = await botapi.wait_sent(ADMIN, before + 3)
        photos = [m for m in sent[before:] if m["method"] == "sendPhoto"]
        assert len(photos) == 2 and photos[-1]["caption"] == "Incidents alerted in the last 7 days: 2 located"
    store.close()


def test_slash_test_explains_the_chats_places(tmp_path):
    from bot.models import Facts
    from bot.telegram.commands import Caller, Commands, StaticRules

    class Rules(StaticRules):
        def __init__(self, facts):
            super().__init__([])
            self.facts = facts

        def facts_of(self, text):
            return self.facts

    store = Store(tmp_path / "s.db")
    store.ensure_chat(5, at="2024-06-08T12:00:00+00:00")
    store.add_near(5, name="Beni", lat=0.49113, lon=29.47306, km=50, at="2024-06-08T12:00:00+00:00")
    store.add_near(5, name="Beni", lat=0.49113, lon=29.47306, km=50, min_killed=10, at="2024-06-08T12:00:00+00:00")
    oicha = Facts(kind="attack", country="CD", place="Oicha", lat=0.734, lon=29.47, precision="place", killed=4)
    out = Commands(store, Rules(oicha)).run("test", Caller(5), ["x"], raw="Attack <near> Oicha").text
    assert "✓ near:1 (50 km of Beni): Oicha is 27 km N of Beni (≤ 50 km)" in out
    assert "✗ near:2 (50 km of Beni): killed 4, needs &gt;= 10" in out
    unplaced = Facts(kind="attack", country="CD", place="Oicha")
    out = Commands(store, Rules(unplaced)).run("test", Caller(5), ["x"], raw="Attack near Oicha").text
    assert "✗ near:1 (50 km of Beni): place not located (Oicha)" in out
    assert "near:" not in Commands(store, Rules(oicha)).run("test", Caller(6), ["x"], raw="x").text
    store.close()


def test_rulebook_rules_read_facts_for_slash_test(tmp_path):
    from bot.telegram.rulesource import RulebookRules

    d = copy_catalogues(tmp_path / "rules")
    (d / "r.yaml").write_text("rules:\n  - id: a\n    title: A\n    kinds: [attack]\n")
    f = RulebookRules(d).facts_of("ADF rebels kill 12 in attack on Beni\nThe attack in Beni, DR Congo, killed 12.")
    assert f.country == "CD" and f.killed == 12
