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
* a real SQLite file pre-filled with ``--db-items`` items (executemany, realistic row sizes), by a
  child process so that the fill's memory is not counted as the poller's;
* the shipped rules, and one chat subscribed to all of them (so alerts fan out to the outbox).

Cycles, each a real :func:`bot.pipeline.cycle.poll_cycle` over every feed:

1. warm-up: every feed answers 200 with a backlog (recorded without alerting);
2. **measured**: ``--changed`` (10%) of the feeds carry ``--new-items`` new items, the rest answer 304;
3. all feeds answer 304.

Reported: wall time of cycle 2 (goal ≤ 8 s, issue 14); CPU per 304 poll = CPU of cycle 3 / feeds (goal ≤ 1 ms);
CPU per new item = (CPU of cycle 2 − feeds × CPU per 304) / new items; peak RSS of this process
(goal ≤ 200 MB with 2,000 feeds and 1,000,000 items); database size per stored item.

Lag mode (``--lag``): the lag from a new item to its alert at the Bot API, with a 60 s interval.

    python bench/poll.py --lag                        # 100 feeds, 200 items, about 5 minutes
    python bench/poll.py --lag --feeds 300 --items 300 --minutes 6

The real daemon (``python -m bot.cli run``) runs as a subprocess against a loopback feed server
(``tests/feedserver.py``) and the loopback Bot API test server (``tests/botapi_server.py``, flood
limits on), both in this process. First polls are spread over one interval (``start_spread``), so
feeds poll at uniformly spread phases, as they do in a daemon that has run for a while (with first
polls bunched together, a publication window that is not a whole number of intervals biases the
wait). Feeds start empty; once every feed has had its first poll, items
are published at uniformly random times over the publication window, each with a unique token in
its title. Each item goes to one of ``--chats`` chats (its own keyword rule, one subscriber), chosen
so that a chat gets at most one item per 70 s: the lag measured is the daemon's, not Telegram's
1 msg/s per-chat limit. Lag = time the Bot API accepted the sendMessage carrying the token − time the
item became visible on the feed (one monotonic clock); it is split, with the feed server's request
log, into the wait for the feed's next poll and the rest (fetch, parse, extract, match, store, outbox,
send). The floor of polling: an item waits for the
next poll of its feed, uniform over one interval (60 s minus up to 10% jitter), so median ≈ 28.5 s
and p99 ≈ 56 s before any processing or delivery cost. The run stops by itself after ``--minutes``.
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
# Recent dates: the cycle skips items older than the retention window (90 days by default).
START = (datetime.now(timezone.utc) - timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
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

    from bot.extraction import extract

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


def _fill_child(db_path: Path, n: int, q) -> None:
    q.put(fill_items(db_path, n))


def fill_items_elsewhere(ctx, db_path: Path, n: int) -> float:
    """:func:`fill_items` in a child process: a daemon never writes a million rows at once, and the
    fill's own memory (about 36 MB of RSS that stays with the process) must not count in its peak."""
    q = ctx.Queue()
    child = ctx.Process(target=_fill_child, args=(db_path, n, q))
    child.start()
    try:
        return q.get(timeout=3600)
    finally:
        child.join(60)


# ----------------------------------------------------------------------------------- the bench
def rss_mb() -> tuple[float, float]:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB on Linux
    cur = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            cur = int(line.split()[1]) / 1024
    return peak, cur


async def timed_cycle(rt, feeds):
    from bot.pipeline.cycle import poll_cycle

    c0, w0 = time.process_time(), time.perf_counter()
    report = await poll_cycle(rt, feeds)
    return report, time.perf_counter() - w0, time.process_time() - c0


async def run(args) -> dict:
    import httpx

    from bot.app.arenas import limit_malloc_arenas
    from bot.config import Config, FeedConfig
    from bot.pipeline.cycle import Runtime
    from bot.feeds.fetch import Fetcher
    from bot.rulebook.book import Rulebook
    from bot.app.runtime import fetch_settings
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
        limit_malloc_arenas()                                    # as the daemon and runtime() do first
        Store(db_path).close()                                   # create + migrate
        out["db_fill_s"] = round(fill_items_elsewhere(ctx, db_path, args.db_items), 1) if args.db_items else 0.0

        feeds = [FeedConfig(url=u, name=f"Desk {i}", interval=60, allow_private=True) for i, u in enumerate(urls)]
        config = Config(feeds=feeds, rules_dir=args.rules, state_dir=db_path.parent,
                        fetch={"concurrency": args.concurrency, "per_host": args.per_host})
        book = Rulebook.load(config.rules_dir)
        from bot.extraction import extract
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
        out["lag"] = "measured separately: python bench/poll.py --lag"
        return out
    finally:
        server.kill()
        server.join(5)
        if not args.keep_tmp:
            shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------------------- lag mode
LAG_SYLLABLES = ["zo", "qua", "vex", "lir", "mup", "tev", "quo", "zan", "rix", "pel", "dro", "fum", "kez", "wib"]
LAG_CHAT0 = 10_000          # chat ids LAG_CHAT0 + k (private chats)
LAG_MIN_GAP = 70.0          # seconds between two items for one chat (> interval: never two per poll)


def _lag_words(rng: random.Random, n: int) -> str:
    """Pronounceable nonsense words: distinct titles and texts (no near-duplicate or incident folding)."""
    return " ".join("".join(rng.choice(LAG_SYLLABLES) for _ in range(3)) for _ in range(n))


def _lag_rss(items: list[tuple[int, str, str]]) -> bytes:
    now = format_datetime(datetime.now(timezone.utc))
    body = "".join(f"<item><guid isPermaLink=\"false\">lag-{n}</guid><title>{html.escape(t)}</title>"
                   f"<link>https://lag.example.org/news/{n}</link><pubDate>{now}</pubDate>"
                   f"<description>{html.escape(x)}</description></item>" for n, t, x in items[::-1])
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Lag</title>'
            f"<link>https://lag.example.org/</link><description>bench</description>{body}</channel></rss>").encode()


def _percentile(xs: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ys = sorted(xs)
    return ys[min(len(ys) - 1, max(0, int(-(-q * len(ys) // 100)) - 1))]


def _lag_plan(args, window: float, rng: random.Random) -> tuple[list[tuple[float, int, int]], int]:
    """(offset s, feed, chat) per item, sorted by offset, and the number of chats used.

    Items go to the chat idle longest, so one chat never gets two items within LAG_MIN_GAP."""
    offsets = sorted(rng.uniform(0, window) for _ in range(args.items))
    chats = args.chats or max(1, int(LAG_MIN_GAP * args.items / max(window, 1.0) * 1.5) + 1)
    last = [-1e9] * chats
    plan = []
    for off in offsets:
        k = min(range(chats), key=lambda c: last[c])
        if off - last[k] < LAG_MIN_GAP:
            raise SystemExit(f"--chats {chats} is too few for {args.items} items in {window:.0f} s "
                             f"(a chat would get two items within {LAG_MIN_GAP:.0f} s)")
        last[k] = off
        plan.append((off, rng.randrange(args.feeds), k))
    return plan, chats


def _proc_mem_mb(pid: int) -> tuple[float | None, float | None]:
    """(VmHWM, VmRSS) of a process in MB: its peak and current resident memory."""
    vals = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                k, v = line.split(":", 1)
                vals[k] = int(v.split()[0]) / 1024
    except OSError:
        pass
    return vals.get("VmHWM"), vals.get("VmRSS")


def run_lag(args) -> dict:
    import re
    import signal
    import sqlite3
    import subprocess

    sys.path.insert(0, str(ROOT / "tests"))
    from botapi_server import BotAPIServer          # tests/botapi_server.py
    from feedserver import FeedServer               # tests/feedserver.py

    from bot.store import Store

    interval = args.interval
    total = args.minutes * 60.0
    startup_budget = args.start_spread + 40.0        # daemon start-up plus every feed's first poll (at most)
    drain = interval + 20.0                          # after the last item: its poll, processing and delivery
    window = total - (args.start_spread + 15.0) - drain   # publication window, for a typical start-up
    if window < 20:
        raise SystemExit(f"--minutes {args.minutes} leaves no publication window; use at least "
                         f"{(args.start_spread + 15 + drain + 20) / 60:.1f}")
    rng = random.Random(args.seed)
    plan, chats = _lag_plan(args, window, rng)

    tmp = Path(tempfile.mkdtemp(prefix="newsbot-bench-lag-"))
    out: dict = {"mode": "lag", "feeds": args.feeds, "interval_s": interval, "items_planned": len(plan),
                 "chats": chats, "publication_window_s": round(window, 1), "start_spread_s": args.start_spread}
    botapi = BotAPIServer().start()
    feeds = FeedServer().start()          # its request log gives each item's poll time
    proc = None
    try:
        out["botapi_limits"] = botapi.limits.describe()
        paths = [f"/lag/{i}.xml" for i in range(args.feeds)]
        for p in paths:
            feeds.set(p, _lag_rss([]))
        rules = tmp / "rules"
        rules.mkdir()
        for name in ("groups.yaml", "regions.yaml"):
            shutil.copy(ROOT / "rules" / name, rules / name)
        (rules / "lag.yaml").write_text("rules:\n" + "".join(
            f"  - id: lag-{k}\n    title: Lag bench chat {k}\n    keywords_any: [lagchat{k}]\n" for k in range(chats)))
        lines = ["rules_dir: rules", "state_dir: state",
                 f"schedule:\n  start_spread: {args.start_spread}", "health:\n  port: 0",
                 "log:\n  level: INFO", "feeds:"]
        lines += [f"  - name: Lag {i}\n    url: {feeds.url(p)}\n    interval: {interval}" for i, p in enumerate(paths)]
        (tmp / "newsbot.yaml").write_text("\n".join(lines) + "\n")
        db_path = tmp / "state" / "newsbot.db"
        store = Store(db_path)
        for k in range(chats):
            store.ensure_chat(LAG_CHAT0 + k, at="2024-01-01T00:00:00+00:00")
            store.subscribe(LAG_CHAT0 + k, f"lag-{k}", at="2024-01-01T00:00:00+00:00")
        store.close()

        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp),
               "TELEGRAM_BOT_TOKEN": botapi.token, "TELEGRAM_API_URL": botapi.base_url,
               "PYTHONPATH": str(ROOT)}
        log_path = tmp / "daemon.log"
        log_file = open(log_path, "w")
        t_start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--config", "newsbot.yaml"],
                                cwd=tmp, env=env, stdout=log_file, stderr=subprocess.STDOUT)

        def fail(why: str) -> None:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise SystemExit(f"lag bench: {why}\n--- daemon log (tail) ---\n{tail}")

        def wait(pred, until: float, what: str):
            while time.monotonic() < until:
                if proc.poll() is not None:
                    fail(f"the daemon exited with {proc.returncode} while waiting for {what}")
                v = pred()
                if v:
                    return v
                time.sleep(0.2)
            fail(f"timed out waiting for {what}")

        wait(lambda: "newsbot running" in log_path.read_text(errors="replace"), t_start + 40, "start-up")
        out["startup_s"] = round(time.monotonic() - t_start, 1)

        def first_polls_done() -> bool:
            try:
                with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as c:
                    n = c.execute("SELECT COUNT(*) FROM feeds WHERE last_polled_at IS NOT NULL").fetchone()[0]
            except sqlite3.Error:
                return False
            return n >= args.feeds

        wait(first_polls_done, t_start + startup_budget, "every feed's first poll (its backlog, not alerted)")
        out["first_polls_s"] = round(time.monotonic() - t_start, 1)

        # -- publish: each item becomes visible at a planned random time
        published: dict[int, float] = {}
        published_wall: dict[int, tuple[int, float]] = {}   # item -> (feed, wall time it was visible)
        items: list[list[tuple[int, str, str]]] = [[] for _ in range(args.feeds)]
        t_pub0 = time.monotonic()
        for n, (off, feed, chat) in enumerate(plan):
            delay = t_pub0 + off - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if proc.poll() is not None:
                fail(f"the daemon exited with {proc.returncode} during publication")
            title = f"lagitem{n:05d} {_lag_words(rng, 5)} lagchat{chat}"
            text = f"{_lag_words(rng, 40)}. Filed as lagitem{n:05d} for lagchat{chat}."
            items[feed] = (items[feed] + [(n, title, text)])[-args.keep:]
            feeds.set(paths[feed], _lag_rss(items[feed]))
            published[n] = time.monotonic()
            published_wall[n] = (feed, time.time())
        out["publication_late_s"] = round(time.monotonic() - t_pub0 - (plan[-1][0] if plan else 0), 2)

        # -- wait for the alerts (bounded by --minutes)
        token = re.compile(r"lagitem(\d{5})")

        def received() -> dict[int, list[float]]:
            got: dict[int, list[float]] = {}
            for m in botapi.sent():
                hit = token.search(m.get("text") or "")
                if hit:
                    got.setdefault(int(hit.group(1)), []).append(m["t"])
            return got

        deadline = time.monotonic() + drain          # the run stops by itself
        while time.monotonic() < deadline and len(received()) < len(published) and proc.poll() is None:
            time.sleep(0.5)
        got = received()
        out["daemon_mem_mb"] = {k: round(v, 1) if v else v for k, v in zip(("peak", "now"), _proc_mem_mb(proc.pid))}
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                out["daemon_exit"] = proc.wait(40)
            except subprocess.TimeoutExpired:
                proc.kill()
                out["daemon_exit"] = "killed after 40 s"
        else:
            out["daemon_exit"] = proc.returncode
        lags = [min(ts) - published[n] for n, ts in got.items() if n in published]
        # split each lag: the wait for the feed's next poll (the feed server's request log, wall
        # clock) and the rest, from that request to the Bot API accepting the alert
        polls: dict[str, list[float]] = {}
        for r in feeds.requests:
            polls.setdefault(r.path, []).append(r.time)
        waits, after = [], []
        for n, ts in got.items():
            feed, t_wall = published_wall[n]
            nxt = [t for t in polls.get(paths[feed], []) if t >= t_wall]
            if nxt:
                waits.append(min(nxt) - t_wall)
                after.append(min(ts) - published[n] - waits[-1])
        out["items_published"] = len(published)
        out["alerts_received"] = len(lags)
        out["missing"] = len(published) - len(lags)
        out["duplicates"] = sum(len(ts) - 1 for ts in got.values())
        out["botapi_stats"] = dict(botapi.stats)
        out["wall_s"] = round(time.monotonic() - t_start, 1)
        if lags:
            out["lag_s"] = {"median": round(_percentile(lags, 50), 2), "p90": round(_percentile(lags, 90), 2),
                            "p99": round(_percentile(lags, 99), 2), "min": round(min(lags), 2),
                            "max": round(max(lags), 2), "mean": round(sum(lags) / len(lags), 2)}
        # the observed time between two polls of one feed (the schedule promises <= interval)
        gaps = [b - a for ts in polls.values() for a, b in zip(sorted(ts), sorted(ts)[1:])]
        for key, xs in (("poll_wait_s", waits), ("poll_to_botapi_s", after), ("poll_interval_s", gaps)):
            if xs:
                out[key] = {"median": round(_percentile(xs, 50), 2), "p99": round(_percentile(xs, 99), 2),
                            "max": round(max(xs), 2), "mean": round(sum(xs) / len(xs), 2)}
        # what polling alone costs: the wait for the next poll, uniform over one interval
        # (60 s shortened by up to `jitter` = 10%, so the mean interval is 57 s)
        out["floor_s"] = {"median": round(0.95 * interval / 2, 1), "p99": round(0.95 * interval * 0.99, 1)}
        return out
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        feeds.stop()
        botapi.stop()
        if not args.keep_tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}", file=sys.stderr)


def print_lag(out: dict) -> None:
    print(f"lag bench: {out['feeds']} feeds at {out['interval_s']} s interval, first polls spread over "
          f"{out['start_spread_s']} s; {out['items_published']} items published at random times over "
          f"{out['publication_window_s']} s to {out['chats']} chats (one keyword rule each)")
    print(f"Bot API test server: {out['botapi_limits']}; stats {out['botapi_stats']}")
    print(f"daemon start-up {out['startup_s']} s, all first polls by {out['first_polls_s']} s, "
          f"run {out['wall_s']} s, exit {out['daemon_exit']}, daemon RSS peak {out['daemon_mem_mb']['peak']} MB")
    print(f"alerts received {out['alerts_received']}/{out['items_published']} "
          f"(missing {out['missing']}, duplicates {out['duplicates']})")
    lag = out.get("lag_s")
    if lag:
        print(f"lag new item -> Bot API: median {lag['median']} s, p90 {lag['p90']} s, p99 {lag['p99']} s "
              f"(min {lag['min']}, max {lag['max']}, mean {lag['mean']})")
    for key, what in (("poll_wait_s", "of which the wait for the next poll"),
                      ("poll_to_botapi_s", "and from that poll's request to the Bot API accepting the alert"),
                      ("poll_interval_s", "observed time between two polls of one feed")):
        x = out.get(key)
        if x:
            print(f"  {what}: median {x['median']} s, p99 {x['p99']} s, max {x['max']} s, mean {x['mean']} s")
    print(f"floor from polling alone (wait for the next poll, {out['interval_s']} s interval shortened by up to "
          f"10% jitter): "
          f"median ~{out['floor_s']['median']} s, p99 ~{out['floor_s']['p99']} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=None, help="feeds served (default 2000; 100 with --lag)")
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
    lag = ap.add_argument_group("lag mode")
    lag.add_argument("--lag", action="store_true", help="measure the lag from a new item to its alert (the real "
                     "daemon as a subprocess; --feeds defaults to 100 here)")
    lag.add_argument("--minutes", type=float, default=5.0, help="lag mode: total run time (about)")
    lag.add_argument("--items", type=int, default=200, help="lag mode: items published")
    lag.add_argument("--interval", type=int, default=60, help="lag mode: feed interval, seconds")
    lag.add_argument("--start-spread", type=float, default=None, help="lag mode: schedule.start_spread, seconds "
                     "(default: the interval, so feeds poll at uniformly spread phases as in a long-running daemon)")
    lag.add_argument("--chats", type=int, default=None, help="lag mode: chats (default: enough for one item "
                     "per chat per 70 s)")
    args = ap.parse_args()
    if args.feeds is not None and args.feeds < 1:
        ap.error("--feeds must be at least 1")
    if args.lag:
        args.feeds = args.feeds or 100
        args.start_spread = args.interval if args.start_spread is None else args.start_spread
        out = run_lag(args)
        print(json.dumps(out, indent=2)) if args.json else print_lag(out)
        return
    args.feeds = args.feeds or 2000
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
    print(f"measured cycle: {c['wall_s']} s wall (goal <= 8 s), {c['cpu_s']} s CPU; "
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
