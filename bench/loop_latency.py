"""Event-loop latency while one large feed is processed (issue 10, hole 5).

A real :func:`bot.pipeline.cycle.poll_cycle` reads one ``--items``-entry feed (60,000 entries is
about 10 MB) from the loopback feed server (tests/feedserver.py), with the shipped
rules and one console subscriber, while a thread asks ``/healthz`` of a real
:class:`bot.app.health.HealthServer` on the same event loop every 20 ms. /healthz can only
answer when the loop is free, so its answer time is what a Telegram handler waits too.
This is a latency bench: the figure is wall time, by design.

Modes, interleaved (A B A B ...):

* ``now``: the cycle as shipped: ``fetch.max_items`` (1,000), the parse of a large body in a
  worker process, reading in a worker thread, store writes in batches of at most 25 ms with
  2 ms for the loop between two, the start-up heap frozen out of the collector (``warm_up``);
* ``before``: what the issue measured: no item cap, parse/read on the event loop
  (``asyncio.to_thread`` replaced by a direct call, ``max_items`` set to the feed's size)
  and one transaction for the whole cycle.

The gazetteer is built first, as the daemon does at start-up.

    python bench/loop_latency.py [--items 60000] [--rounds 2]
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import subprocess
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import bot.pipeline.cycle  # noqa: E402
from bot.config import Config, FeedConfig  # noqa: E402
from bot.notify.console import subscribe_console  # noqa: E402
from bot.pipeline.cycle import Runtime, poll_cycle  # noqa: E402
from bot.extraction import warm_up  # noqa: E402
from bot.feeds.fetch import Fetcher  # noqa: E402
from bot.app.health import HealthChecks, HealthServer  # noqa: E402
from bot.rulebook.book import Rulebook  # noqa: E402
from bot.app.runtime import fetch_settings  # noqa: E402
from bot.store import Store  # noqa: E402
from feedserver import FeedServer  # noqa: E402

MAX_ITEMS = 1000
NOW = datetime.now(timezone.utc).replace(microsecond=0)
PLACES = ["Maiduguri", "Mogadishu", "Kabul", "Goma", "Bamako", "Mosul", "Idlib", "Quetta"]


def big_feed(n: int) -> bytes:
    parts = ['<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>']
    for i in range(n):
        when = format_datetime(NOW - timedelta(seconds=i))
        place = PLACES[i % len(PLACES)]
        parts.append(f"<item><guid>b{i}</guid><title>Gunmen kill {i % 40 + 2} in {place} ambush, report {i}"
                     f"</title><link>https://news.example/b/{i}</link><pubDate>{when}</pubDate>"
                     f"<description>Attackers ambushed a convoy near {place}.</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


# The prober is a child process: a thread here would wait for this process's GIL and
# measure that, not the event loop.
PROBER = r"""
import sys, time, urllib.request
url = sys.argv[1]
while True:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as resp:
        resp.read()
    print(time.perf_counter() - t, flush=True)
    time.sleep(0.02)
"""


async def one(mode: str, server: FeedServer, url: str, items: int, workdir: Path) -> dict:
    state = workdir / mode
    shutil.rmtree(state, ignore_errors=True)
    overrides = {"max_items": MAX_ITEMS} if mode == "now" else {"max_items": items + 1}
    config = Config(feeds=[FeedConfig(url=url, name="Big", allow_private=True)], rules_dir=ROOT / "rules",
                    state_dir=state, alert_backlog=True, console=True, fetch=overrides)
    store = Store(config.db_path)
    book = Rulebook.load(config.rules_dir)
    warm_up(book.ruleset.groups)                     # as the daemon does at start-up
    subscribe_console(store, [r.id for r in book.ruleset.rules], at=NOW.isoformat())
    real_to_thread, real_batch, real_bytes = asyncio.to_thread, bot.pipeline.cycle.BATCH_SECONDS, bot.pipeline.cycle.PROCESS_PARSE_BYTES
    if mode == "before":
        async def inline(fn, *args, **kwargs):
            return fn(*args, **kwargs)
        bot.pipeline.cycle.asyncio.to_thread = inline
        bot.pipeline.cycle.BATCH_SECONDS = float("inf")        # one transaction for the whole cycle
        bot.pipeline.cycle.PROCESS_PARSE_BYTES = float("inf")  # no worker process
    try:
        async with Fetcher(fetch_settings(config)) as fetcher, \
                HealthServer(HealthChecks(db_writable=store.writable), port=0) as health:
            rt = Runtime(config=config, store=store, book=book, fetcher=fetcher)
            prober = subprocess.Popen([sys.executable, "-c", PROBER, health.url + "/healthz"],
                                      stdout=subprocess.PIPE, text=True)
            await asyncio.sleep(0.5)
            t = time.perf_counter()
            report = await poll_cycle(rt)
            cycle = time.perf_counter() - t
            await asyncio.sleep(0.3)
            prober.terminate()
            out, _ = await asyncio.to_thread(prober.communicate)
            times = [float(x) for x in out.split()]
    finally:
        bot.pipeline.cycle.asyncio.to_thread = real_to_thread
        bot.pipeline.cycle.BATCH_SECONDS = real_batch
        bot.pipeline.cycle.PROCESS_PARSE_BYTES = real_bytes
        store.close()
    return {"mode": mode, "cycle_s": cycle, "new": report.new_items, "max_ms": max(times) * 1000,
            "p50_ms": statistics.median(times) * 1000, "p99_ms": _p99(times) * 1000, "probes": len(times)}


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=60_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--max-items", type=int, default=1000, help="fetch.max_items in mode now")
    ap.add_argument("--modes", default="now,before", help="comma-separated: now, before")
    args = ap.parse_args(argv)
    modes = args.modes.split(",")
    global MAX_ITEMS
    MAX_ITEMS = args.max_items
    body = big_feed(args.items)
    rows = []
    with FeedServer() as server, tempfile.TemporaryDirectory() as tmp:
        server.set("/big.xml", body)
        url = server.url("/big.xml")
        for _ in range(args.rounds):
            for mode in modes:
                rows.append(asyncio.run(one(mode, server, url, args.items, Path(tmp))))
    print(f"feed: {args.items} entries, {len(body) / 1e6:.1f} MB; /healthz asked every 20 ms during one cycle")
    for mode in modes:
        rs = [r for r in rows if r["mode"] == mode]
        worst, p99 = [r["max_ms"] for r in rs], [r["p99_ms"] for r in rs]
        print(f"  {mode:6} new items {rs[0]['new']:6}  /healthz worst {min(worst):7.0f}-{max(worst):7.0f} ms  "
              f"p99 {min(p99):5.0f}-{max(p99):5.0f} ms  "
              f"median {statistics.median(r['p50_ms'] for r in rs):5.1f} ms  "
              f"cycle {min(r['cycle_s'] for r in rs):5.1f}-{max(r['cycle_s'] for r in rs):5.1f} s  "
              f"(worst per round: {', '.join(f'{w:.0f}' for w in worst)} ms; probes {sum(r['probes'] for r in rs)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
