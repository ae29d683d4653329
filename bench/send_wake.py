"""Delay from a cycle's commit to the alert reaching the Bot API: woken sender against the timer.

    python bench/send_wake.py [--alerts 30] [--interval 1.0]

In one process: the loopback Bot API test server (``tests/botapi_server.py``, its own thread),
a real SQLite file, and the application ``build_application`` makes (python-telegram-bot, the
rate limiter, the outbox job every ``--interval`` seconds, as the daemon runs it). Each alert is
written the way a poll cycle writes it (alert row and outbox rows in one transaction); the delay
is measured from the commit to the server accepting the message (wall clock, polled every ms).

Two modes, interleaved alert by alert (A B A B ...):

* ``timer``: nothing but the outbox job's timer drains the outbox (the behaviour before the
  wake): alerts are committed at random phases of the timer, so the median is about half of it;
* ``wake``: ``Sender.wake()`` is called after the commit, as ``poll_cycle`` does through
  ``Runtime.on_commit``.

Each alert goes to its own chat, so the per-chat pacing never delays it. Goal (issue 14): median
commit-to-send < 50 ms.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from botapi_server import BotAPIServer  # noqa: E402  (tests/botapi_server.py)

from bot.store import Store, iso, utcnow  # noqa: E402
from bot.telegram import StaticRules, build_application, get_sender  # noqa: E402

TOKEN = "123456:BENCH-TOKEN-VALUE-abcdefghijklmnopq"
RULE = "bench"


def payload(n: int) -> dict:
    return {"type": "alert", "rule": RULE, "rule_title": "Bench", "title": f"alert {n}",
            "item_url": f"https://example.org/{n}", "published": iso(utcnow())}


async def run(alerts: int, interval: float, seed: int) -> dict[str, list[float]]:
    server = BotAPIServer(TOKEN).start()
    server.limits.per_chat_per_second = 0
    rng = random.Random(seed)
    out: dict[str, list[float]] = {"timer": [], "wake": []}
    try:
        with tempfile.TemporaryDirectory(prefix="newsbot-wake-") as tmp:
            store = Store(Path(tmp) / "newsbot.db")
            at = iso(utcnow())
            for chat in range(1, 2 * alerts + 1):
                store.ensure_chat(chat, at=at, type="private")
            app = build_application(TOKEN, base_url=server.base_url, store=store, rules_provider=StaticRules([]),
                                    drain_interval=interval)
            async with app:
                await app.start()
                sender = get_sender(app)
                for n in range(2 * alerts):
                    mode = ("timer", "wake")[n % 2]
                    chat = n + 1
                    store.subscribe(chat, f"{RULE}-{chat}", at=iso(utcnow()))
                    await asyncio.sleep(rng.uniform(0, interval))      # a random phase of the timer
                    before = len(server.sent(chat))
                    with store.transaction():
                        alert_id = store.add_alert(rule_id=f"{RULE}-{chat}", item_key=f"item-{n}",
                                                   at=iso(utcnow()), payload=payload(n))
                        store.fan_out(alert_id=alert_id, rule_id=f"{RULE}-{chat}", payload=payload(n),
                                      at=iso(utcnow()))
                    t = time.perf_counter()
                    if mode == "wake":
                        sender.wake()
                    while len(server.sent(chat)) == before:
                        if time.perf_counter() - t > 10 * interval + 10:
                            raise RuntimeError(f"alert {n} ({mode}) not sent")
                        await asyncio.sleep(0.001)
                    out[mode].append(time.perf_counter() - t)
                await sender.stop()
                await app.stop()
            store.close()
    finally:
        server.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--alerts", type=int, default=30, help="alerts per mode")
    ap.add_argument("--interval", type=float, default=1.0, help="the outbox job's timer, seconds")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)
    out = asyncio.run(run(args.alerts, args.interval, args.seed))
    print(f"{args.alerts} alerts per mode, interleaved; outbox timer {args.interval:g} s; "
          "delay from commit to the Bot API accepting the message (wall clock)")
    for mode, xs in out.items():
        xs = sorted(xs)
        p90 = xs[int(0.9 * (len(xs) - 1))]
        print(f"{mode:<6} median {statistics.median(xs) * 1000:8.1f} ms  p90 {p90 * 1000:8.1f} ms"
              f"  max {xs[-1] * 1000:8.1f} ms")
    med = statistics.median(out["wake"]) * 1000
    print(f"goal: median commit-to-send < 50 ms with the wake: {med:.1f} ms ({'met' if med < 50 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
