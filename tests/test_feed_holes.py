"""Issue 10's holes, each reproduced over loopback: a real feed server, the real HTTP client, real SQLite.

The public internet cannot run here, so it is simulated at the outermost edge only:
``internet.dns`` answers name lookups, and the one public address ``PUBLIC`` is routed
to the loopback feed server at the socket. Everything above the socket (the address
policy, redirects, the poll cycle, the store) is the real code.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import tracemalloc
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from types import SimpleNamespace

import aiohappyeyeballs
import pytest

import bot.pipeline.cycle
from bot.config import Config, FeedConfig
from bot.notify.console import CONSOLE_CHAT, subscribe_console
from bot.pipeline.cycle import Runtime, poll_cycle
from bot.feeds.admin import add_feed_from_chat, describe_feed, feed_configs
from bot.feeds.fetch import FetchSettings, Fetcher, MiB
from bot.rulebook.book import Rulebook
from bot.store import Store
from catalogues import copy_catalogues

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 6, 8, 12, tzinfo=timezone.utc)
PUBLIC = "93.184.216.34"          # a public address; the simulated internet routes it to loopback
AT = "2024-01-01T00:00:00+00:00"


def rss(*items: tuple, raw_tail: str = "") -> bytes:
    """items: (guid, title, text) or (guid, title, text, link) or (guid, title, text, link, published)."""
    body = ""
    for it in items:
        g, t, x = it[:3]
        link = it[3] if len(it) > 3 and it[3] else f"https://news.example/{g}"
        when = it[4] if len(it) > 4 else NOW
        body += (f"<item><guid>{g}</guid><title>{t}</title><link>{link}</link>"
                 f"<pubDate>{format_datetime(when)}</pubDate><description>{x}</description></item>")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}'
            + (raw_tail or "</channel></rss>")).encode()


@pytest.fixture
def internet(monkeypatch):
    dns: dict[str, list[str]] = {}

    async def resolve(host: str, port: int) -> list[str]:
        if host not in dns:
            raise OSError(f"no such host {host}")
        return list(dns[host])

    real = aiohappyeyeballs.start_connection

    async def routed(addr_infos, *args, **kwargs):   # the socket edge: PUBLIC's packets reach loopback
        addr_infos = [(f, t, p, c, ("127.0.0.1", *sa[1:]) if sa[0] == PUBLIC else sa)
                      for f, t, p, c, sa in addr_infos]
        return await real(addr_infos, *args, **kwargs)

    monkeypatch.setattr(aiohappyeyeballs, "start_connection", routed)
    return SimpleNamespace(dns=dns, resolve=resolve)


@pytest.fixture
def rules_dir(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    copy_catalogues(d)
    (d / "test.yaml").write_text("rules:\n  - id: ambush\n    title: Ambushes\n    keywords_any: [ambush]\n")
    return d


@pytest.fixture
async def make_rt(tmp_path, rules_dir, internet):
    made = []

    async def make(feeds=(), **settings):
        config = Config(feeds=list(feeds), rules_dir=rules_dir, state_dir=tmp_path / "state",
                        alert_backlog=True, console=True, **settings)
        store = Store(config.db_path)
        subscribe_console(store, ["ambush"], at=AT)
        fetcher = Fetcher(FetchSettings(connect_timeout=2, total_timeout=5), resolve=internet.resolve)
        rt = Runtime(config=config, store=store, book=Rulebook.load(rules_dir), fetcher=fetcher, now=lambda: NOW)
        made.append(rt)
        return rt

    yield make
    for rt in made:
        await rt.fetcher.aclose()
        rt.store.close()


def payloads(store):
    return [r.payload for r in store.next_pending(CONSOLE_CHAT, limit=10_000)]


AMBUSH = ("1", "Ambush on a convoy", "Gunmen staged an ambush on a convoy.")


# --- hole 2: redirects and DNS rebinding ----------------------------------------------------

async def test_a_chat_feed_on_a_public_host_is_fetched_and_alerted(feed_server, internet, make_rt):
    # the control: the simulated internet works, so the refusals below are the policy's
    internet.dns["news.example"] = [PUBLIC]
    feed_server.set("/pub.xml", rss(AMBUSH))
    rt = await make_rt()
    await add_feed_from_chat(rt.store, f"http://news.example:{feed_server.port}/pub.xml", resolve=internet.resolve)
    report = await poll_cycle(rt, feed_configs(rt.config, rt.store))
    assert report.feeds[0].status == "ok" and report.alerts == 1


async def test_a_chat_feed_redirecting_to_loopback_is_refused_and_never_alerted(feed_server, internet, make_rt):
    internet.dns["news.example"] = [PUBLIC]
    feed_server.set("/internal.xml", rss(AMBUSH))
    feed_server.redirect("/feed.xml", feed_server.url("/internal.xml"))        # 302 → http://127.0.0.1:<port>/
    rt = await make_rt()
    await add_feed_from_chat(rt.store, f"http://news.example:{feed_server.port}/feed.xml", resolve=internet.resolve)
    report = await poll_cycle(rt, feed_configs(rt.config, rt.store))
    assert feed_server.requests_for("/feed.xml")                  # the public hop was made
    assert feed_server.requests_for("/internal.xml") == []        # the loopback hop never was
    out = report.feeds[0]
    assert out.status == "error" and out.error_kind == "blocked"
    assert "127.0.0.1 is a loopback address" in out.error
    assert report.alerts == 0 and payloads(rt.store) == []


async def test_dns_rebinding_after_the_chat_check_is_refused_at_connect(feed_server, internet, make_rt):
    internet.dns["rebind.example"] = [PUBLIC]                     # what the /feeds add check sees
    feed_server.set("/r.xml", rss(AMBUSH))
    rt = await make_rt()
    await add_feed_from_chat(rt.store, f"http://rebind.example:{feed_server.port}/r.xml", resolve=internet.resolve)
    internet.dns["rebind.example"] = ["127.0.0.1"]                # what the fetch would connect to
    report = await poll_cycle(rt, feed_configs(rt.config, rt.store))
    assert feed_server.requests_for("/r.xml") == []
    assert report.feeds[0].error_kind == "blocked" and "rebind.example resolves to 127.0.0.1" in report.feeds[0].error
    assert payloads(rt.store) == []


async def test_config_feeds_reach_private_addresses_only_with_allow_private(feed_server, make_rt):
    feed_server.set("/lan.xml", rss(AMBUSH))
    closed = await make_rt([FeedConfig(url=feed_server.url("/lan.xml"), name="LAN")])
    report = await poll_cycle(closed)
    assert report.feeds[0].error_kind == "blocked" and feed_server.requests_for("/lan.xml") == []
    feed_server.reset()
    feed_server.set("/lan.xml", rss(AMBUSH))
    opened = await make_rt([FeedConfig(url=feed_server.url("/lan.xml"), name="LAN2", allow_private=True)])
    report = await poll_cycle(opened)
    assert report.feeds[0].status == "ok" and report.alerts == 1


# --- hole 3: full text reads local files and loopback pages ---------------------------------

async def test_full_text_never_reads_file_links_nor_fetches_loopback_articles(feed_server, make_rt, tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text("<html><body><article><p>" + "Ambush SECRET-MARK on a convoy. " * 20
                      + "</p></article></body></html>")
    feed_server.set("/article.html", secret.read_bytes(), content_type="text/html")
    feed = tmp_path / "feed.xml"                                   # a file: feed, allowed from the config
    feed.write_bytes(rss(("1", "Weather report", "Sunny.", "file://localhost" + str(secret)),
                         ("2", "Markets today", "Flat.", feed_server.url("/article.html"))))
    rt = await make_rt([FeedConfig(url=feed.as_uri(), name="F", full_text=True)])
    report = await poll_cycle(rt)
    assert report.feeds[0].status == "ok" and report.new_items == 2
    assert feed_server.requests_for("/article.html") == []
    assert report.alerts == 0 and payloads(rt.store) == []
    stored = rt.store.db.execute("SELECT facts FROM items").fetchall()
    assert stored and not any("SECRET" in (row[0] or "") for row in stored)


async def test_file_feeds_are_never_read_for_a_chat(make_rt, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss(AMBUSH))
    rt = await make_rt()
    rt.store.ensure_feed(feed.as_uri(), "sneaky", origin="telegram", at=AT)   # e.g. a row from an old version
    report = await poll_cycle(rt, feed_configs(rt.config, rt.store))
    assert report.feeds[0].error_kind == "blocked" and payloads(rt.store) == []


# --- hole 4: stacked Content-Encoding -------------------------------------------------------

@pytest.mark.parametrize("header", ["gzip, gzip", "identity, gzip", "gzip, identity", "x-gzip , GZIP"])
async def test_every_encoding_list_is_decoded_within_the_cap(feed_server, header):
    feed_server.stacked_bomb("/stack", header, expanded=64 * MiB)
    async with Fetcher(FetchSettings(max_bytes=MiB, allow_private=True)) as f:
        tracemalloc.start()
        try:
            res = await f.fetch(feed_server.url("/stack"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert res.error_kind == "too_large" and res.content is None
    assert peak < 8 * MiB                     # before: the whole 64 MiB inflated in memory at once


@pytest.mark.parametrize("header", ["br", "gzip, br", "compress", "gzip, gzip, gzip, gzip"])
async def test_encodings_without_a_bounded_decoder_are_refused(feed_server, header):
    feed_server.set("/enc", b"\x00" * 64, headers={"Content-Encoding": header})
    async with Fetcher(FetchSettings(allow_private=True)) as f:
        res = await f.fetch(feed_server.url("/enc"))
    assert res.error_kind == "decoding" and res.content is None
    assert "Content-Encoding" in res.error


async def test_a_stacked_encoding_within_the_cap_decodes(feed_server):
    import gzip
    feed_server.set("/ok", gzip.compress(gzip.compress(rss(AMBUSH))), headers={"Content-Encoding": "gzip, gzip"})
    async with Fetcher(FetchSettings(allow_private=True)) as f:
        res = await f.fetch(feed_server.url("/ok"))
    assert res.ok and res.content == rss(AMBUSH)


# --- hole 5: item cap, parsing off the event loop; oldest first -------------------------------

async def test_max_items_keeps_the_newest_and_says_how_many_were_skipped(feed_server, make_rt, monkeypatch):
    items = [(f"g{n}", f"Report {n}", f"Text {n}.", None, NOW - timedelta(minutes=n)) for n in range(30)]
    feed_server.set("/many.xml", rss(*items))
    threads = []
    real = bot.pipeline.cycle.parse_feed

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(bot.pipeline.cycle, "parse_feed", spy)
    rt = await make_rt([FeedConfig(url=feed_server.url("/many.xml"), name="M", allow_private=True)],
                       fetch={"max_items": 10})
    report = await poll_cycle(rt)
    out = report.feeds[0]
    assert out.new_items == 10 and out.skipped_items == 20
    assert any("20 of 30 entries skipped: over fetch.max_items (10)" in w for w in out.warnings)
    keys = {r[0] for r in rt.store.db.execute("SELECT title FROM items")}
    assert keys == {f"Report {n}" for n in range(10)}             # the newest ten
    assert threads and all(t is not threading.main_thread() for t in threads)   # parsed in a worker thread
    assert rt.store.feed(out.url).skipped_items == 20


async def test_items_of_one_poll_are_queued_oldest_first(feed_server, make_rt):
    feed_server.set("/order.xml", rss(*[(f"o{n}", f"Ambush number {n}", "An ambush.", None,
                                         NOW - timedelta(hours=n)) for n in range(4)]))   # newest first
    rt = await make_rt([FeedConfig(url=feed_server.url("/order.xml"), name="O", allow_private=True)],
                       incidents={"enabled": False})
    await poll_cycle(rt)
    titles = [p["title"] for p in payloads(rt.store)]
    assert titles == [f"Ambush number {n}" for n in (3, 2, 1, 0)]


# --- holes 8 and 9: parse warnings and old items are kept, shown and logged once ------------------

async def test_parse_warnings_and_old_items_are_stored_shown_and_logged_once(feed_server, make_rt, caplog):
    old = datetime(1970, 1, 1, tzinfo=timezone.utc)
    body = rss(AMBUSH, ("2", "Old", "Old text.", None, old), raw_tail="<item><title>cut")   # truncated XML
    feed_server.set("/warn.xml", body, etag=False, last_modified=False)
    rt = await make_rt([FeedConfig(url=feed_server.url("/warn.xml"), name="W", allow_private=True)])
    with caplog.at_level(logging.WARNING, logger="newsbot.cycle"):
        first = await poll_cycle(rt)
        await poll_cycle(rt)
    assert first.feeds[0].warnings and first.feeds[0].old_items == 1
    state = rt.store.feed(feed_server.url("/warn.xml"))
    assert state.warning_count >= 1 and state.old_items == 1
    assert state.parse_warnings[0].startswith("feed is malformed but was read")
    line = describe_feed(state)
    assert "parse warning" in line and "1 item dated before the retention window" in line
    logged = [r for r in caplog.records if "feed parsed with problems" in r.getMessage()]
    assert len(logged) == 1                                       # once while the problem persists
    feed_server.set("/warn.xml", rss(AMBUSH), etag=False, last_modified=False)
    await poll_cycle(rt)
    assert not rt.store.feed(feed_server.url("/warn.xml")).needs_attention


async def test_parse_problems_show_in_healthz_metrics_and_the_feeds_command(feed_server, make_rt):
    import aiohttp

    from bot.feeds.admin import feed_details
    from bot.app.health import HealthChecks, HealthServer
    from bot.metrics import Metrics
    from bot.telegram.commands import Caller, Commands, StaticRules

    old = datetime(1900, 1, 1, tzinfo=timezone.utc)
    feed_server.set("/w.xml", rss(AMBUSH, ("2", "Old", "Old text.", None, old), raw_tail="<item><title>cut"))
    rt = await make_rt([FeedConfig(url=feed_server.url("/w.xml"), name="Wobbly", allow_private=True)])
    metrics = Metrics()
    metrics.observe_cycle(await poll_cycle(rt), at=NOW)
    metrics.feeds_with_warnings.set(rt.store.parse_report_totals()["feeds_with_warnings"])
    checks = HealthChecks(now=lambda: NOW, feed_details=lambda: feed_details(rt.store))
    async with HealthServer(checks, metrics, port=0) as srv, aiohttp.ClientSession() as http:
        async with http.get(srv.url + "/healthz") as resp:
            body = await resp.json()
        async with http.get(srv.url + "/metrics") as resp:
            text = await resp.text()
    assert resp.status == 200 and body["status"] == "ok"              # informative, not unhealthy
    [detail] = body["feeds"]
    assert detail["name"] == "Wobbly" and detail["old_items"] == 1 and detail["warning_count"] >= 1
    assert detail["parse_warnings"][0].startswith("feed is malformed but was read")
    lines = set(text.splitlines())
    assert "newsbot_old_items_total 1.0" in lines and "newsbot_feeds_with_warnings 1.0" in lines
    assert any(ln.startswith("newsbot_parse_warnings_total ") and not ln.endswith(" 0.0") for ln in lines)
    reply = Commands(rt.store, StaticRules([]), admin_ids=[7]).cmd_feeds(Caller(chat_id=7, user_id=7, is_bot_admin=True),
                                                                          [], "/feeds")
    assert "Wobbly" in reply.text and "1 item dated before the retention window" in reply.text


async def test_a_large_body_is_parsed_in_a_worker_process(feed_server, make_rt, monkeypatch):
    import os

    monkeypatch.setattr(bot.pipeline.cycle, "PROCESS_PARSE_BYTES", 1)          # every body counts as large here
    feed_server.set("/big.xml", rss(AMBUSH))
    rt = await make_rt([FeedConfig(url=feed_server.url("/big.xml"), name="Big", allow_private=True)])
    report = await poll_cycle(rt)
    assert report.feeds[0].status == "ok" and report.alerts == 1      # parsed, hashed and read as usual
    assert bot.pipeline.cycle._pool is not None                                # by the worker process
    assert await asyncio.get_running_loop().run_in_executor(bot.pipeline.cycle._pool, os.getpid) != os.getpid()


async def test_between_two_write_batches_the_loop_runs_every_step_of_what_waits(feed_server, make_rt, monkeypatch):
    # a request (/healthz, a Telegram update) is several steps on the loop (accept, read, its handler,
    # write); a cycle that yields one loop pass per batch moves it one step per batch
    monkeypatch.setattr(bot.pipeline.cycle, "BATCH_SECONDS", 0)                # every item is a batch of its own
    feed_server.set("/many.xml", rss(*[(f"m{n}", f"Ambush {n} near town {n}", f"Gunmen staged ambush {n}.")
                                       for n in range(40)]))
    rt = await make_rt([FeedConfig(url=feed_server.url("/many.xml"), name="Many", allow_private=True)])
    stored = lambda: rt.store.item_count()                                  # noqa: E731
    spans: list[int] = []

    async def steps() -> None:                                        # a request-like task: 8 loop steps
        while stored() == 0:
            await asyncio.sleep(0.001)
        while stored() < 30:
            before = stored()
            for _ in range(8):
                await asyncio.sleep(0)
            spans.append(stored() - before)                            # batches committed meanwhile

    task = asyncio.create_task(steps())
    report = await poll_cycle(rt)
    await task
    assert report.new_items == 40 and spans
    assert max(spans) <= 2                                             # one sleep(0) per batch: 8


async def test_the_body_cap_is_the_fetch_max_bytes_setting(feed_server, tmp_path, rules_dir):
    from bot.config import parse_config
    from bot.app.runtime import run_once

    feed_server.set("/capped.xml", rss(*[(f"c{n}", f"Ambush {n}", "x" * 200) for n in range(20)]))
    cfg = parse_config(f"rules_dir: {rules_dir}\nstate_dir: {tmp_path / 's'}\nfetch:\n  max_bytes: 2048\n"
                       f"feeds:\n  - {{name: C, url: '{feed_server.url('/capped.xml')}', allow_private: true}}\n",
                       env={})
    report = await run_once(cfg)
    assert report.feeds[0].error_kind == "too_large" and "over the 2048 bytes cap" in report.feeds[0].error
