"""Items whose key is stored already are skipped before their text is hashed.

A changed feed mostly lists items the store holds: their key says they are seen, so neither
their content hash (a fold and tokenisation of the whole article) nor a dedupe query per item
is spent on them. Real loopback feed server and SQLite file; no timing is asserted.
"""
from __future__ import annotations

from datetime import datetime, timezone

from bot.config import Config, FeedConfig
from bot.feeds.dedupe import content_hash, hash_new_items, opening_words
from bot.feeds.fetch import Fetcher
from bot.fold import prepare
from bot.models import Item
from bot.pipeline.cycle import Runtime, poll_cycle
from bot.rulebook.book import Rulebook
from bot.store import Store
from catalogues import copy_catalogues
from rss import rss_feed

NOW = datetime(2024, 6, 8, 12, tzinfo=timezone.utc)


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    return rss_feed(items, NOW)


def test_hash_new_items_skips_known_keys_and_shares_one_tokenisation():
    items = [Item("a", "f", None, "Ambush", "Gunmen ambushed a convoy.", NOW, "F"),
             Item("b", "f", None, "Blast in Kabul", "A blast hit a market in Kabul. " * 50, NOW, "F")]
    out = hash_new_items(items, {"a"}, 20)
    assert out[0] is None
    p = prepare(items[1].title, items[1].text)
    h, opening = out[1]
    assert h == content_hash(items[1].title, items[1].text)
    assert isinstance(opening, str)    # one string per waiting item, not a tuple of word objects
    assert opening_words(opening) == p.tokens[:20]


def test_opening_words_give_back_the_tokens_including_none():
    for title, text in [("", ""), ("Ünïcode — dash", "naïve café, 12 killed"), ("a", "b " * 400)]:
        p = prepare(title, text)
        (h, opening), = hash_new_items([Item("k", "f", None, title, text, NOW, "F")], set(), 300)
        assert opening_words(opening) == p.tokens[:300]


async def test_a_changed_feed_queries_and_hashes_only_its_new_items(tmp_path, feed_server):
    d = tmp_path / "rules"
    d.mkdir()
    copy_catalogues(d)
    (d / "r.yaml").write_text("rules:\n  - id: ambush\n    title: Ambushes\n    keywords_any: [ambush]\n")
    old = [(str(i), f"Ambush number {i} on a convoy", f"Gunmen staged ambush {i} near the town.") for i in range(5)]
    feed_server.set("/a.xml", _rss(old))
    config = Config(feeds=[FeedConfig(url=feed_server.url("/a.xml"), name="A", allow_private=True)], rules_dir=d,
                    state_dir=tmp_path / "state", alert_backlog=True)
    store = Store(config.db_path)
    async with Fetcher() as fetcher:
        rt = Runtime(config=config, store=store, book=Rulebook.load(d), fetcher=fetcher, now=lambda: NOW)
        assert (await poll_cycle(rt)).new_items == 5
        # the feed changes: one new item, and an old one edited (same key: still seen)
        edited = [(g, t, x + " Updated.") if g == "2" else (g, t, x) for g, t, x in old]
        feed_server.set("/a.xml", _rss([("9", "Ambush on a bus", "Gunmen staged an ambush on a bus.")] + edited))
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        report = await poll_cycle(rt)
        store.db.conn.set_trace_callback(None)
    assert report.new_items == 1 and [p.item.key for p in report.processed] == ["9"]
    # one lookup of the feed's keys, then the dedupe lookups (URL, content hash) for the new item only
    assert sum("FROM items WHERE key IN" in s for s in statements) == 1
    by_url = [s for s in statements if "SELECT url FROM items WHERE url IN" in s]
    by_hash = [s for s in statements if "SELECT content_hash FROM items WHERE content_hash IN" in s]
    assert len(by_url) == len(by_hash) == 1 and "/9" in by_url[0] and "/2" not in by_url[0]
    assert by_hash[0].count('"') == 2             # one hash: the new item's
    assert store.db.execute("SELECT count(*) FROM items").fetchone()[0] == 6
    store.close()
