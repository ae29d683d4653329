"""Polling at scale: one full cycle over 2,000 loopback feeds, against a database of 1,000,000 items.

    python bench/poll.py                       # the issue's figures (takes a few minutes: the DB fill)
    python bench/poll.py --feeds 200 --db-items 20000       # a quick run
    python bench/poll.py --json                # machine-readable

Set-up:

* one aiohttp server **in a separate process** (so its CPU is not counted), listening on
  ``--hosts`` loopback addresses (127.0.1.1, 127.0.1.2, ...: Linux routes all of 127/8 to
  ``lo``), so feeds are spread over many hosts as in real life and the per-host fetch cap
  applies as it would; every answer waits ``--latency`` (50 ms);
* feeds answer conditional GETs: ETag per feed version, 304 when unchanged;
* a real SQLite file pre-filled with ``--db-items`` items (executemany, realistic row sizes);
* the shipped rules, and one chat subscribed to all of them (so alerts fan out to the outbox).

Cycles, each a real :func:`bot.cycle.poll_cycle` over every feed:

1. warm-up: every feed answers 200 with a backlog (recorded without alerting);
2. **measured**: ``--changed`` (10%) of the feeds carry ``--new-items`` new items, the rest answer 304;
3. all feeds answer 304.

Reported: wall time of cycle 2 (goal ≤ 15 s); CPU per 304 poll = CPU of cycle 3 / feeds (goal ≤ 1 ms);
CPU per new item = (CPU of cycle 2 − feeds × CPU per 304) / new items; peak RSS of this process
(goal ≤ 200 MB with 2,000 feeds and 1,000,000 items); database size per stored item.

TODO(lag, needs the Telegram sender of issue 4 wired into the daemon): the lag from a new item to its
alert at the Bot API, median and p99, with a 60 s interval. Plan: run ``newsbot run`` as a subprocess
with ``TELEGRAM_API_URL`` pointing at ``tests/botapi_server.py``, let this server publish items at
random times, and compare each item's publication time with the time the Bot API server received the
``sendMessage`` carrying its link. Not measured here yet; the report says so.
"""
from __future__ import annotations

import argparse
import asyncio
import html
import json
import multiprocessing as mp
import os
import random
import resource
import shutil
import socket
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEEDS = [json.loads(line) for line in (ROOT / "bot" / "sample" / "seeds.jsonl").read_text("utf-8").splitlines()
         if line.strip()]
START = datetime(2026, 1, 1, tzinfo=timezone.utc)
SENTENCES = [x.strip() + "." for seed in SEEDS for x in seed["text"].replace("\n", " ").split(". ") if len(x.split()) >= 6]


# ----------------------------------------------------------------------------------- feed server
def host_ip(h: int) -> str:
    return f"127.0.{1 + h // 250}.{1 + h % 250}"


class FeedFarm:
    """Feeds 0..n-1: each a list of items and a version; the body is rebuilt only when the version moves."""

    def __init__(self, n: int, backlog: int, keep: int, seed: int):
        self.n, self.keep = n, keep
        self.rng = random.Random(seed)
        self.items: list[list[int]] = [list(range(backlog)) for _ in range(n)]
        self.version = [1] * n
        self.cache: dict[int, tuple[int, bytes]] = {}

    def etag(self, i: int) -> str:
        return f'"{i}.{self.version[i]}"'

    def body(self, i: int) -> bytes:
        hit = self.cache.get(i)
        if hit and hit[0] == self.version[i]:
            return hit[1]
        entries = []
        for j in self.items[i][-self.keep:][::-1]:
            s = SEEDS[(i * 7 + j) % len(SEEDS)]
            # Distinct articles (so near-duplicate folding does not skip them) made of real news sentences.
            rng = random.Random(i * 100_003 + j)
            picked = rng.sample(SENTENCES, 8) + [f"Dispatch {j} of desk {i}."]
            paras = [" ".join(picked[k:k + 3]) for k in range(0, len(picked), 3)]
            desc = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
            entries.append(
                f"<item><title>{html.escape(s['title'])} (desk {i}, report {j})</title>"
                f"<link>https://desk{i}.example.org/news/{j}</link><guid isPermaLink=\"false\">d{i}-r{j}</guid>"
                f"<pubDate>{format_datetime(START + timedelta(minutes=j))}</pubDate>"
                f"<description>{html.escape(desc)}</description></item>")
        doc = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
               f"<title>Desk {i}</title><link>https://desk{i}.example.org/</link><description>bench</description>"
               + "".join(entries) + "</channel></rss>").encode()
        self.cache[i] = (self.version[i], doc)
        return doc

    def bump(self, fraction: float, new_items: int) -> list[int]:
        changed = sorted(self.rng.sample(range(self.n), max(1, round(self.n * fraction))))
        for i in changed:
            last = self.items[i][-1] if self.items[i] else -1
            self.items[i].extend(range(last + 1, last + 1 + new_items))
            self.version[i] += 1
        return changed


def serve(n: int, hosts: int, latency: float, backlog: int, keep: int, seed: int, q) -> None:
    from aiohttp import web

    farm = FeedFarm(n, backlog, keep, seed)

    async def feed(request: web.Request) -> web.Response:
        i = int(request.match_info["i"])
        await asyncio.sleep(latency)
        etag = farm.etag(i)
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=farm.body(i), headers={"ETag": etag, "Content-Type": "application/rss+xml"})

    async def bump(request: web.Request) -> web.Response:
        changed = farm.bump(float(request.query["fraction"]), int(request.query["new"]))
        return web.json_response({"changed": changed})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{i}", feed)
        app.router.add_post("/bump", bump)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        ports = []
        for h in range(hosts):
            sock = socket.create_server((host_ip(h), 0), backlog=1024)   # bound here to learn the port
            ports.append(sock.getsockname()[1])
            await web.SockSite(runner, sock).start()
        q.put(ports)
        await asyncio.Event().wait()

    asyncio.run(main())


# ----------------------------------------------------------------------------------- database fill
def fill_items(db_path: Path, n: int) -> float:
    """Insert ``n`` realistic items with executemany; return seconds taken."""
    import sqlite3

    from bot.extract import extract

    facts = [json.dumps(extract(s["title"], s["text"]).to_dict(), ensure_ascii=False) for s in SEEDS]
    t0 = time.perf_counter()
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    base = START - timedelta(days=60)

    def rows():
        for k in range(n):
            s = SEEDS[k % len(SEEDS)]
            seen = (base + timedelta(seconds=5 * k)).isoformat(timespec="seconds")
            yield (f"old-{k:08d}", f"Archive {k % 2000}", f"https://archive{k % 2000}.example.org/news/{k}",
                   f"{s['title']} ({k})", seen, seen, os.urandom(32).hex(), facts[k % len(facts)], 1)

    conn.execute("BEGIN")
    conn.executemany("INSERT INTO items(key, feed, url, title, published, first_seen, content_hash, facts, alerted) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - t0


# ----------------------------------------------------------------------------------- the bench
def rss_mb() -> tuple[float, float]:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB on Linux
    cur = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            cur = int(line.split()[1]) / 1024
    return peak, cur


async def timed_cycle(rt, feeds):
    from bot.cycle import poll_cycle

    c0, w0 = time.process_time(), time.perf_counter()
    report = await poll_cycle(rt, feeds)
    return report, time.perf_counter() - w0, time.process_time() - c0


async def run(args) -> dict:
    import httpx

    from bot.config import Config, FeedConfig
    from bot.cycle import Runtime
    from bot.fetch import Fetcher
    from bot.process import Rulebook
    from bot.runner import fetch_settings
    from bot.store import Store, iso

    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    server = ctx.Process(target=serve, args=(args.feeds, args.hosts, args.latency, args.backlog, args.keep,
                                             args.seed, q), daemon=True)
    server.start()
    tmp = Path(tempfile.mkdtemp(prefix="newsbot-bench-poll-"))
    out: dict = {"feeds": args.feeds, "hosts": args.hosts, "latency_s": args.latency,
                 "concurrency": args.concurrency, "per_host": args.per_host}
    try:
        ports = q.get(timeout=60)
        urls = [f"http://{host_ip(i % args.hosts)}:{ports[i % args.hosts]}/feed/{i}" for i in range(args.feeds)]
        db_path = tmp / "state" / "newsbot.db"
        Store(db_path).close()                                   # create + migrate
        out["db_fill_s"] = round(fill_items(db_path, args.db_items), 1) if args.db_items else 0.0

        feeds = [FeedConfig(url=u, name=f"Desk {i}", interval=60) for i, u in enumerate(urls)]
        config = Config(feeds=feeds, rules_dir=args.rules, state_dir=db_path.parent,
                        fetch={"concurrency": args.concurrency, "per_host": args.per_host})
        book = Rulebook.load(config.rules_dir)
        from bot.extract import extract
        extract(SEEDS[0]["title"], SEEDS[0]["text"])              # load the gazetteer before measuring
        out["rss_mb_after_setup"] = round(rss_mb()[1], 1)
        store = Store(db_path)
        at = iso(datetime.now(timezone.utc))
        store.ensure_chat(1, at=at)
        for r in book.ruleset.rules:
            if r.enabled:
                store.subscribe(1, r.id, at=at)
        try:
            async with Fetcher(fetch_settings(config)) as fetcher:
                rt = Runtime(config=config, store=store, book=book, fetcher=fetcher)
                r1, w1, c1 = await timed_cycle(rt, feeds)
                out["rss_mb_after_warmup"] = round(rss_mb()[1], 1)
                errors = [f for f in r1.feeds if f.status == "error"]
                if errors:
                    raise SystemExit(f"warm-up: {len(errors)} feeds failed, e.g. {errors[0].error}")
                out["warmup"] = {"wall_s": round(w1, 2), "cpu_s": round(c1, 2),
                                 "backlog_items": sum(f.new_items for f in r1.feeds)}

                async with httpx.AsyncClient() as http:
                    resp = await http.post(f"http://{host_ip(0)}:{ports[0]}/bump",
                                           params={"fraction": args.changed, "new": args.new_items})
                    changed = len(resp.json()["changed"])
                r2, w2, c2 = await timed_cycle(rt, feeds)
                r3, w3, c3 = await timed_cycle(rt, feeds)
        finally:
            store.close()

        statuses = {s: sum(1 for f in r2.feeds if f.status == s) for s in ("ok", "not_modified", "error")}
        n3 = sum(1 for f in r3.feeds if f.status == "not_modified")
        cpu_304 = c3 / max(1, n3)
        new_items = r2.new_items
        out["cycle"] = {"wall_s": round(w2, 2), "cpu_s": round(c2, 2), "changed_feeds": changed,
                        "statuses": statuses, "new_items": new_items, "processed": len(r2.processed),
                        "alerts": r2.alerts, "queued": r2.queued}
        out["all_304_cycle"] = {"wall_s": round(w3, 2), "cpu_s": round(c3, 2), "not_modified": n3}
        out["cpu_per_304_ms"] = round(cpu_304 * 1000, 3)
        out["cpu_per_new_item_ms"] = (round((c2 - args.feeds * cpu_304) / new_items * 1000, 2)
                                      if new_items else None)
        peak, cur = rss_mb()
        out["rss_peak_mb"], out["rss_now_mb"] = round(peak, 1), round(cur, 1)
        size = db_path.stat().st_size
        total = args.db_items + out["warmup"]["backlog_items"] + new_items
        out["db_items"] = total
        out["db_bytes"] = size
        out["db_bytes_per_item"] = round(size / max(1, total))
        out["lag"] = "TODO: needs the Telegram sender wired into `newsbot run` (issue 4); not measured"
        return out
    finally:
        server.kill()
        server.join(5)
        if not args.keep_tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=250, help="loopback addresses the feeds are spread over")
    ap.add_argument("--latency", type=float, default=0.05, help="seconds each answer waits")
    ap.add_argument("--changed", type=float, default=0.10, help="fraction of feeds with new items")
    ap.add_argument("--new-items", type=int, default=2, help="new items per changed feed")
    ap.add_argument("--backlog", type=int, default=3, help="items per feed on the warm-up poll")
    ap.add_argument("--keep", type=int, default=10, help="items a feed document lists")
    ap.add_argument("--db-items", type=int, default=1_000_000, help="items stored before the cycles")
    ap.add_argument("--concurrency", type=int, default=None, help="overall fetch cap (default: config default)")
    ap.add_argument("--per-host", type=int, default=None, help="per-host fetch cap (default: config default)")
    ap.add_argument("--rules", type=Path, default=ROOT / "rules")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--keep-tmp", action="store_true", help="keep the temp state dir")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from bot.config import FetchConfig

    defaults = FetchConfig()
    args.concurrency = args.concurrency or defaults.concurrency
    args.per_host = args.per_host or defaults.per_host
    if args.hosts > 250 * 254:
        ap.error("--hosts too large")

    out = asyncio.run(run(args))
    if args.json:
        print(json.dumps(out, indent=2))
        return
    c = out["cycle"]
    print(f"feeds {out['feeds']} over {out['hosts']} loopback hosts, {out['latency_s'] * 1000:.0f} ms latency, "
          f"fetch concurrency {out['concurrency']} (per host {out['per_host']})")
    print(f"database: {out['db_items']:,} items, {out['db_bytes'] / 1e6:.1f} MB, "
          f"{out['db_bytes_per_item']} bytes/item (fill {out['db_fill_s']} s)")
    print(f"warm-up cycle (backlog of {out['warmup']['backlog_items']} items): {out['warmup']['wall_s']} s")
    print(f"measured cycle: {c['wall_s']} s wall (goal <= 15 s), {c['cpu_s']} s CPU; "
          f"{c['statuses']}; {c['new_items']} new items ({c['processed']} read, the rest folded as near-duplicates), "
          f"{c['alerts']} alerts, {c['queued']} outbox rows")
    print(f"all-304 cycle: {out['all_304_cycle']['wall_s']} s wall, {out['all_304_cycle']['cpu_s']} s CPU")
    print(f"CPU per 304 poll: {out['cpu_per_304_ms']} ms (goal <= 1 ms)")
    print(f"CPU per new item: {out['cpu_per_new_item_ms']} ms")
    print(f"peak RSS: {out['rss_peak_mb']} MB (goal <= 200 MB); now {out['rss_now_mb']} MB; "
          f"after imports, rules and gazetteer {out['rss_mb_after_setup']} MB, "
          f"after the warm-up cycle {out['rss_mb_after_warmup']} MB")
    print(f"lag new item -> Bot API: {out['lag']}")


if __name__ == "__main__":
    main()
