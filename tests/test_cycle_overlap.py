"""The poll cycle's wall time (issue 14): a feed's items are read while other fetches still wait on the
network, the feeds' rows are read in one statement and written only when something changed, and the
fetch outcomes of a cycle are written together. Real loopback feed server and SQLite file; no timing is
asserted (a hanging feed shows the order of the steps).
"""
from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timezone

import pytest

import bot.pipeline.process as process
from bot.config import Config, FeedConfig
from bot.feeds.fetch import Fetcher, FetchSettings
from bot.pipeline.cycle import Runtime, poll_cycle
from bot.pipeline.process import read_item
from bot.rulebook.book import Rulebook
from bot.store import Store
from catalogues import copy_catalogues
from rss import rss_feed

NOW = datetime(2024, 6, 8, 12, tzinfo=timezone.utc)


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    return rss_feed(items, NOW)


@pytest.fixture
def rules(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    copy_catalogues(d)
    (d / "r.yaml").write_text("rules:\n  - id: ambush\n    title: Ambushes\n    keywords_any: [ambush]\n")
    return d


def _config(tmp_path, rules, feeds, **kw) -> Config:
    return Config(feeds=[FeedConfig(url=u, name=n, allow_private=True) for n, u in feeds], rules_dir=rules,
                  state_dir=tmp_path / "state", alert_backlog=True, **kw)


async def test_a_feed_is_read_while_another_feed_still_hangs(tmp_path, rules, feed_server, monkeypatch):
    feed_server.set("/fast.xml", _rss([("f1", "Ambush on a convoy", "Gunmen staged an ambush near Beni.")]))
    feed_server.hang("/slow.xml", seconds=5)
    config = _config(tmp_path, rules, [("Fast", feed_server.url("/fast.xml")), ("Slow", feed_server.url("/slow.xml"))])
    read = threading.Event()

    def spy(item, book):
        if item.key:
            read.set()
        return read_item(item, book)

    monkeypatch.setattr(process, "read_item", spy)
    store = Store(config.db_path)
    async with Fetcher(FetchSettings(total_timeout=20)) as fetcher:
        rt = Runtime(config=config, store=store, book=Rulebook.load(rules), fetcher=fetcher, now=lambda: NOW)
        task = asyncio.create_task(poll_cycle(rt))
        # the fast feed's item is read although the slow feed's answer is seconds away
        assert await asyncio.to_thread(read.wait, 4.0)
        assert not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    store.close()


async def test_items_read_while_fetching_carry_the_facts_read_later(tmp_path, rules, feed_server):
    text = "Gunmen staged an ambush on a convoy near Beni, killing 4 soldiers, the army said."
    # feed A lists one key twice (the first entry wins) and an item feed B carries too, under another key
    feed_server.set("/a.xml", _rss([("a1", "Ambush near Beni", text), ("a1", "Ambush near Goma", "Other words."),
                                    ("a2", "Ambush in Kabul", "Gunmen staged an ambush in Kabul, killing 2.")]))
    feed_server.set("/b.xml", _rss([("b1", "Ambush near Beni", text),
                                    ("b2", "Ambush in Mogadishu", "Al-Shabaab gunmen staged an ambush.")]))
    config = _config(tmp_path, rules, [("A", feed_server.url("/a.xml")), ("B", feed_server.url("/b.xml"))])
    store = Store(config.db_path)
    book = Rulebook.load(rules)
    async with Fetcher() as fetcher:
        rt = Runtime(config=config, store=store, book=book, fetcher=fetcher, now=lambda: NOW)
        report = await poll_cycle(rt)
    store.close()
    keys = {p.item.key: p for p in report.processed}
    assert sorted(keys) == ["a1", "a2", "b2"] and report.new_items == 3    # b1 is a1 again: dropped
    assert keys["a1"].item.text == text
    for p in report.processed:
        assert p.facts == read_item(p.item, book)


async def test_an_unchanged_feed_costs_no_per_feed_row_reads_or_writes(tmp_path, rules, feed_server):
    urls = [feed_server.url(f"/s{i}.xml") for i in range(3)]
    for i in range(3):
        feed_server.set(f"/s{i}.xml", _rss([(f"s{i}", f"Ambush {i}", "Gunmen staged an ambush.")]))
    config = _config(tmp_path, rules, [(f"S{i}", u) for i, u in enumerate(urls)])
    store = Store(config.db_path)
    async with Fetcher() as fetcher:
        rt = Runtime(config=config, store=store, book=Rulebook.load(rules), fetcher=fetcher, now=lambda: NOW)
        await poll_cycle(rt)
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        report = await poll_cycle(rt)        # all 304
        store.db.conn.set_trace_callback(None)
        assert [o.status for o in report.feeds] == ["not_modified"] * 3
        feed_rows = [s for s in statements if " feeds" in s]
        assert sum(s.startswith("SELECT") for s in feed_rows) == 1       # one read of the three rows
        assert not [s for s in feed_rows if s.startswith("INSERT")]       # nothing new: no upsert
        assert sum(s.startswith("UPDATE feeds SET last_status") for s in feed_rows) == 3
        assert all(f.last_status == 304 and f.polled_once for f in store.feeds())
        # a renamed feed is still written
        rt.config = _config(tmp_path, rules, [("Renamed", urls[0])])
        await poll_cycle(rt)
        assert store.feed(urls[0]).name == "Renamed"
    store.close()
