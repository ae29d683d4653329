"""A reader bug on one item's text does not stop the poll cycle (hostile feed text): the item is kept
with no facts and an error line naming it, the other items are read and alert, and the next cycle does
not meet it again. Real loopback feed server and SQLite file; the reader's bug is simulated at its call."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

import bot.pipeline.process as process
from bot.config import Config, FeedConfig
from bot.feeds.fetch import Fetcher
from bot.models import Facts
from bot.pipeline.cycle import Runtime, poll_cycle
from bot.rulebook.book import Rulebook
from bot.store import Store
from catalogues import copy_catalogues
from rss import rss_feed

NOW = datetime(2024, 6, 8, 12, tzinfo=timezone.utc)


def _failing_on(word: str):
    real = process.extract

    def extract(title, text, *a, **k):
        if word in title:
            raise IndexError("list index out of range")
        return real(title, text, *a, **k)
    return extract


async def test_an_item_the_reader_fails_on_is_kept_with_no_facts_and_the_cycle_goes_on(
        tmp_path, feed_server, monkeypatch, caplog):
    rules = tmp_path / "rules"
    rules.mkdir()
    copy_catalogues(rules)
    (rules / "r.yaml").write_text("rules:\n  - id: ambush\n    title: Ambushes\n    keywords_any: [ambush]\n")
    feed_server.set("/f.xml", rss_feed([("p1", "Poison ambush title", "Gunmen staged an ambush near Beni."),
                                        ("ok1", "Ambush near Goma", "Gunmen staged an ambush near Goma.")], NOW))
    config = Config(feeds=[FeedConfig(url=feed_server.url("/f.xml"), name="F", allow_private=True)], rules_dir=rules,
                    state_dir=tmp_path / "state", alert_backlog=True)
    monkeypatch.setattr(process, "extract", _failing_on("Poison"))
    store = Store(config.db_path)
    caplog.set_level(logging.ERROR, logger="newsbot.cycle")
    async with Fetcher() as fetcher:
        rt = Runtime(config=config, store=store, book=Rulebook.load(rules), fetcher=fetcher, now=lambda: NOW)
        report = await poll_cycle(rt)
        again = await poll_cycle(rt)
    facts = {p.item.key: p.facts for p in report.processed}
    assert report.new_items == 2 and set(facts) == {"p1", "ok1"}
    assert facts["p1"] == Facts(evidence=("extraction failed: IndexError",))
    # a rule on words alone still matches the item: nothing the text says is lost
    assert sorted(p.item.key for p in report.processed if p.alerts) == ["ok1", "p1"]
    assert any("extraction failed item=p1 feed=F: IndexError" in r.getMessage() for r in caplog.records)
    assert again.new_items == 0          # stored: the next cycle does not read it again
    assert store.db.execute("SELECT count(*) FROM items").fetchone()[0] == 2
    store.close()
