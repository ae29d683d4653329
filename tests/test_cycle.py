"""The poll cycle end to end on real parts: loopback feeds, real SQLite, real rules."""
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest

from bot.config import Config, FeedConfig
from bot.notify.console import CONSOLE_CHAT, subscribe_console
from bot.pipeline.cycle import Runtime, poll_cycle
from bot.feeds.fetch import Fetcher
from bot.rulebook.book import Rulebook
from bot.store import Store
from catalogues import copy_catalogues

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 6, 8, 12, tzinfo=timezone.utc)


def rss(*items: tuple[str, str, str]) -> bytes:
    """items: (guid, title, text)."""
    body = "".join(
        f"<item><guid>{g}</guid><title>{t}</title><link>https://news.example/{g}?utm_source=rss</link>"
        f"<pubDate>{format_datetime(NOW)}</pubDate><description>{x}</description></item>"
        for g, t, x in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'.encode()


@pytest.fixture
def rules_dir(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    copy_catalogues(d)
    (d / "test.yaml").write_text(
        "rules:\n"
        "  - id: ambush\n    title: Ambushes\n    keywords_any: [ambush]\n"
        "  - id: convoy\n    title: Convoys\n    keywords_any: [convoy]\n")
    return d


@pytest.fixture
async def make_rt(tmp_path, rules_dir):
    made = []

    async def make(feeds, *, alert_backlog=True, allow_private=True, **settings):
        # the test feed server is on loopback: config feeds say allow_private, as an operator's would
        feeds = [f.model_copy(update={"allow_private": allow_private}) for f in feeds]
        config = Config(feeds=feeds, rules_dir=rules_dir, state_dir=tmp_path / "state",
                        alert_backlog=alert_backlog, console=True, **settings)
        store = Store(config.db_path)
        book = Rulebook.load(rules_dir)
        subscribe_console(store, [r.id for r in book.ruleset.rules], at="2024-01-01T00:00:00+00:00")
        fetcher = Fetcher()
        await fetcher.__aenter__()
        rt = Runtime(config=config, store=store, book=book, fetcher=fetcher, now=lambda: NOW)
        made.append(rt)
        return rt

    yield make
    for rt in made:
        await rt.fetcher.aclose()
        rt.store.close()


def console_payloads(store):
    return [r.payload for r in store.next_pending(CONSOLE_CHAT, limit=1000)]


async def test_new_items_alert_once_and_304_costs_no_parsing(feed_server, make_rt):
    feed_server.set("/a.xml", rss(("1", "Ambush on a convoy", "Gunmen staged an ambush on a convoy."),
                                  ("2", "Weather", "Sunny.")))
    rt = await make_rt([FeedConfig(url=feed_server.url("/a.xml"), name="A")])
    first = await poll_cycle(rt)
    assert first.new_items == 2 and first.alerts == 2
    payloads = console_payloads(rt.store)
    assert sorted(p["rule"] for p in payloads) == ["ambush", "convoy"]
    assert payloads[0]["item_url"] == "https://news.example/1"           # tracking parameters gone
    second = await poll_cycle(rt)
    assert second.feeds[0].status == "not_modified" and second.new_items == 0
    sent = feed_server.requests_for("/a.xml")[-1].headers
    assert "if-none-match" in sent or "if-modified-since" in sent
    assert len(console_payloads(rt.store)) == 2                          # nothing queued twice


async def test_changed_feed_only_new_items_are_read(feed_server, make_rt):
    feed_server.set("/a.xml", rss(("1", "Ambush", "An ambush.")))
    rt = await make_rt([FeedConfig(url=feed_server.url("/a.xml"), name="A")])
    await poll_cycle(rt)
    feed_server.set("/a.xml", rss(("1", "Ambush", "An ambush."), ("2", "Convoy hit", "A convoy was hit.")))
    report = await poll_cycle(rt)
    assert report.new_items == 1 and [p.item.key for p in report.processed] == ["2"]


async def test_same_story_on_two_feeds_is_read_once(feed_server, make_rt):
    story = ("x", "Ambush near Beni", "An ambush near Beni.")
    feed_server.set("/a.xml", rss(story))
    feed_server.set("/b.xml", rss(("other-guid", story[1], story[2])))   # same text, other guid and link
    rt = await make_rt([FeedConfig(url=feed_server.url("/a.xml"), name="A"),
                        FeedConfig(url=feed_server.url("/b.xml"), name="B")])
    report = await poll_cycle(rt)
    assert report.new_items == 1 and report.alerts == 1
    assert rt.store.item_count() == 1


async def test_first_poll_records_backlog_without_alerting(feed_server, make_rt):
    feed_server.set("/a.xml", rss(("1", "Ambush", "An old ambush.")))
    rt = await make_rt([FeedConfig(url=feed_server.url("/a.xml"), name="A")], alert_backlog=False)
    first = await poll_cycle(rt)
    assert first.feeds[0].status == "backlog" and first.alerts == 0 and rt.store.item_count() == 1
    feed_server.set("/a.xml", rss(("1", "Ambush", "An old ambush."), ("2", "Ambush again", "A new ambush.")))
    second = await poll_cycle(rt)
    assert second.alerts == 1 and console_payloads(rt.store)[0]["item_key"] == "2"


async def test_a_failing_feed_does_not_stop_the_others(feed_server, make_rt):
    feed_server.set("/bad.xml", b"<html><body>Not a feed</body></html>", content_type="text/html")
    feed_server.set("/down.xml", b"oops", status=500)
    feed_server.set("/ok.xml", rss(("1", "Ambush", "An ambush.")))
    rt = await make_rt([FeedConfig(url=feed_server.url(p), name=p) for p in ("/bad.xml", "/down.xml", "/ok.xml")])
    report = await poll_cycle(rt)
    status = {f.name: f.status for f in report.feeds}
    assert status == {"/bad.xml": "error", "/down.xml": "error", "/ok.xml": "ok"}
    assert report.alerts == 1
    down = rt.store.feed(feed_server.url("/down.xml"))
    assert down.consecutive_failures == 1 and down.last_status == 500 and "500" in down.last_error
    assert "feed" in rt.store.feed(feed_server.url("/bad.xml")).last_error.lower()


async def test_retry_after_sets_the_next_poll(feed_server, make_rt):
    feed_server.set("/busy.xml", b"slow down", status=429, headers={"Retry-After": "120"})
    rt = await make_rt([FeedConfig(url=feed_server.url("/busy.xml"), name="busy")])
    report = await poll_cycle(rt)
    assert report.feeds[0].retry_after == 120
    assert rt.store.feed(feed_server.url("/busy.xml")).next_poll_at == "2024-06-08T12:02:00+00:00"


async def test_sample_file_feed_through_the_cycle(make_rt):
    from bot.sample import FEED
    rt = await make_rt([FeedConfig(url=FEED.as_uri(), name="sample")], retention={"items_days": 3650})
    report = await poll_cycle(rt)
    assert report.new_items == 11


async def test_a_rising_toll_is_one_update_replying_to_the_alert(feed_server, make_rt, rules_dir):
    (rules_dir / "toll.yaml").write_text("rules:\n  - id: ten-killed\n    title: Ten or more killed\n"
                                         "    min_killed: 10\n    kinds: [attack]\n")
    first = ("a1", "Gunmen kill 12 in attack on Beni village",
             "Gunmen killed 12 people in an overnight attack on a village in Beni, North Kivu, DR Congo.")
    feed_server.set("/a.xml", rss(first))
    rt = await make_rt([FeedConfig(url=feed_server.url("/a.xml"), name="A")])
    report = await poll_cycle(rt)
    assert [p["type"] for p in console_payloads(rt.store) if p["rule"] == "ten-killed"] == ["alert"]
    later = ("a2", "Death toll from Beni attack rises to 20",
             "The death toll from the attack on a village in Beni, North Kivu, rose to 20, officials said.")
    feed_server.set("/a.xml", rss(first, later))
    await poll_cycle(rt)
    rows = [r for r in rt.store.next_pending(CONSOLE_CHAT, limit=100) if r.rule_id == "ten-killed"]
    assert [(r.kind, r.payload["killed"]) for r in rows] == [("alert", 12), ("update", 20)]
    assert rows[1].reply_to == rows[0].id and rows[1].payload["incident"] == rows[0].payload["incident"]
    assert report.processed[0].facts.killed == 12


async def test_items_older_than_retention_are_not_new(feed_server, make_rt):
    old = NOW.replace(year=NOW.year - 2)
    body = rss(("1", "Ambush", "An ambush.")).replace(format_datetime(NOW).encode(), format_datetime(old).encode())
    feed_server.set("/a.xml", body)
    rt = await make_rt([FeedConfig(url=feed_server.url("/a.xml"), name="A")])
    report = await poll_cycle(rt)
    assert report.new_items == 0 and report.alerts == 0


async def test_feed_ttl_is_reported_in_seconds(feed_server, make_rt):
    feed_server.set("/a.xml", rss(("1", "Ambush", "An ambush.")).replace(b"<title>T</title>", b"<title>T</title><ttl>30</ttl>"))
    rt = await make_rt([FeedConfig(url=feed_server.url("/a.xml"), name="A")])
    report = await poll_cycle(rt)
    assert report.feeds[0].ttl == 1800
