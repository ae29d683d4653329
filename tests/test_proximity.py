"""Proximity subscriptions in the pipeline: real SQLite, real rules, the cycle's own filing functions.

Extraction in this branch does not set coordinates yet, so items are filed with hand-built
Facts through the same functions :func:`bot.pipeline.cycle.poll_cycle` calls per item.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.config import Config
from bot.pipeline.cycle import Runtime, _alert_per_item, _file_in_incident
from bot.feeds.fetch import Fetcher
from bot.models import Facts, GroupMention, Item
from bot.rulebook.book import Rulebook
from bot.pipeline.proximity import NearBook, near_hits
from bot.telegram.html import mute_keyboard, render_alert_html
from bot.store import NearSubscription, Store, iso
from catalogues import copy_catalogues

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 6, 8, 12, tzinfo=timezone.utc)
AT = iso(NOW)
BENI = (0.49113, 29.47306)
OICHA = (BENI[0] + 27 / 111.195, BENI[1])


@pytest.fixture
def rt(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    copy_catalogues(d)
    (d / "test.yaml").write_text(
        "rules:\n"
        "  - id: attacks\n    title: Attacks\n    kinds: [attack]\n"
        "  - id: killed-10\n    title: Ten killed\n    min_killed: 10\n")
    config = Config(feeds=[], rules_dir=d, state_dir=tmp_path / "state")
    store = Store(config.db_path)
    r = Runtime(config=config, store=store, book=Rulebook.load(d), fetcher=Fetcher(), now=lambda: NOW)
    yield r
    store.close()


def item(key: str, title: str) -> Item:
    return Item(key, "F", f"https://news.example/{key}", title, title + ".", NOW, "Example")


def oicha(killed: int, **kw) -> Facts:
    return Facts(kind="attack", groups=(GroupMention("adf", "ADF", "perpetrator"),), country="CD",
                 province="North Kivu", province_code="CD-NK", place="Oicha", lat=OICHA[0], lon=OICHA[1],
                 precision="place", killed=killed, **kw)


def alerts_of(store: Store, chat: int) -> list[dict]:
    return [r.payload for r in store.next_pending(chat, limit=100)]


def chat(store: Store, chat_id: int, *, rules=(), near_km=None, min_killed=None):
    store.ensure_chat(chat_id, at=AT)
    for r in rules:
        store.subscribe(chat_id, r, at=AT)
    if near_km:
        store.add_near(chat_id, name="Beni", lat=BENI[0], lon=BENI[1], km=near_km, min_killed=min_killed, at=AT)


def file(rt, it: Item, facts: Facts) -> None:
    with rt.store.transaction():
        _file_in_incident(rt, rt.book, it, facts, NOW)


def test_one_alert_per_incident_per_chat_whichever_subscription_matched(rt):
    if rt.neardup is None:
        rt.load_neardup()
    s = rt.store
    chat(s, 1, rules=["attacks"], near_km=50)       # rule and circle both match: one alert (the rule's)
    chat(s, 2, near_km=50)                          # circle only: a proximity alert
    chat(s, 3, near_km=10)                          # 27 km away: nothing
    chat(s, 4, rules=["killed-10"], near_km=50)     # circle now, the rule later: still one alert
    file(rt, item("a1", "ADF rebels kill five in attack near Oicha"), oicha(5))
    assert [p["rule"] for p in alerts_of(s, 1)] == ["attacks"]
    assert (alerts_of(s, 1)[0]["lat"], alerts_of(s, 1)[0]["lon"]) == OICHA   # a rule alert can carry a map too
    (p2,) = alerts_of(s, 2)
    assert p2["rule"].startswith("near:") and p2["near"]["text"] == "27 km N of Beni"
    assert p2["rule_title"] == "Within 50 km of Beni" and p2["reasons"] == ["Oicha is 27 km N of Beni (≤ 50 km)"]
    assert (p2["lat"], p2["lon"], p2["precision"]) == (OICHA[0], OICHA[1], "place")
    assert p2["perpetrators"] == ["adf"] and "Allied Democratic Forces" in p2["group_names"]["adf"]
    assert alerts_of(s, 3) == []
    (p4,) = alerts_of(s, 4)
    assert p4["rule"].startswith("near:")
    # a later report of the same attack: the toll rises past 10, killed-10 now matches
    file(rt, item("a2", "ADF rebels kill twelve in attack near Oicha, toll rises"), oicha(12))
    inc = {p.get("incident") for p in alerts_of(s, 2) + alerts_of(s, 4)}
    assert len(inc) == 1
    assert [p["type"] for p in alerts_of(s, 4)] == ["alert"]                 # no second alert from killed-10
    assert [p["type"] for p in alerts_of(s, 2)] == ["alert"]
    assert [p["type"] for p in alerts_of(s, 1) if p["type"] == "alert"] == ["alert"]


def test_per_item_path_alerts_once_per_chat(rt):
    s = rt.store
    chat(s, 1, rules=["attacks"], near_km=50)
    chat(s, 2, near_km=50, min_killed=10)            # below its own threshold
    chat(s, 5, near_km=50, min_killed=3)
    with s.transaction():
        _alert_per_item(rt, rt.book, item("b1", "Attack near Oicha"), oicha(5), AT)
    assert [p["rule"] for p in alerts_of(s, 1)] == ["attacks"]
    assert alerts_of(s, 2) == []
    assert [p["near"]["text"] for p in alerts_of(s, 5)] == ["27 km N of Beni"]


def test_coarse_or_unlocated_facts_never_alert_a_circle(rt):
    s = rt.store
    chat(s, 2, near_km=50)
    with s.transaction():
        _alert_per_item(rt, rt.book, item("c1", "Attack in North Kivu"),
                        Facts(kind="attack", country="CD", province="North Kivu", lat=BENI[0], lon=BENI[1],
                              precision="province"), AT)
        _alert_per_item(rt, rt.book, item("c2", "Attack in Oicha"),
                        Facts(kind="attack", country="CD", place="Oicha"), AT)     # no coordinates: not located
    assert alerts_of(s, 2) == []


def test_subscriptions_survive_a_restart_and_deactivated_chats_drop_out(tmp_path):
    path = tmp_path / "s.db"
    s = Store(path)
    chat(s, 7, near_km=40)
    s.close()
    s = Store(path)
    (sub,) = s.near_subscriptions(7)
    assert (sub.name, sub.km) == ("Beni", 40)
    assert near_hits(NearBook(s.near_subscriptions()), oicha(1))[0][0].chat_id == 7
    s.deactivate_chat(7, "forbidden: blocked")
    assert s.near_subscriptions() == []
    assert s.remove_near(7) == 1
    s.close()


def test_near_alert_renders_the_relative_position_without_a_mute_button():
    sub = NearSubscription(3, 1, "Beni", BENI[0], BENI[1], 50, None, AT)
    from bot.pipeline.proximity import near_payload

    p = near_payload(sub, 27.0, oicha(5), item("r1", "Attack <near> Oicha"), group_names={"adf": "ADF"})
    html = render_alert_html(p)
    assert "27 km N of Beni" in html and "Attack &lt;near&gt; Oicha" in html
    assert mute_keyboard(p) == []
    from typing import get_type_hints

    from bot.notify.payload import AlertPayload, NearInfo
    assert set(p) <= set(get_type_hints(AlertPayload)) and set(p["near"]) == set(get_type_hints(NearInfo))


def test_the_index_is_rebuilt_when_circles_change(tmp_path):
    from bot.pipeline.proximity import NearCache

    s = Store(tmp_path / "c.db")
    t = [0.0]
    cache = NearCache(recheck=1.0, clock=lambda: t[0])
    chat(s, 1, near_km=50)
    assert len(cache.get(s)) == 1
    chat(s, 2, near_km=60)
    assert len(cache.get(s)) == 1            # not asked again within a second
    t[0] += 1.5
    assert len(cache.get(s)) == 2
    s.remove_near(1)
    t[0] += 1.5
    assert len(cache.get(s)) == 1
    s.close()
