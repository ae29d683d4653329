"""Fan-out benchmark: one alert to N subscribed chats through the loopback Bot API test server.

The server enforces Telegram's flood limits (about 30 messages/s overall, 1/s per chat,
20/min per group) and answers 429 with retry_after when they are exceeded. The bot is the
real one: ``build_application`` (python-telegram-bot with AIORateLimiter) and the outbox
``Sender`` over a real SQLite file.

Reports the sustained rate (goal >= 27 msg/s, 90% of 30/s), lost and duplicated messages
(goal 0), and 429s left unhandled (goal 0). 5,000 chats at 30/s take about 170 s; use
``--chats 500`` for a quick run.

    python bench/fanout.py [--chats 5000] [--groups 0]
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from botapi_server import BotAPIServer, Limits  # noqa: E402

from bot.store import Store, iso  # noqa: E402
from bot.telegram import StaticRules, build_application, get_sender  # noqa: E402

TOKEN = "123456:BENCH-TOKEN"
RULE = "isil-10-killed"


def seed(store: Store, chats: list[int]) -> None:
    now = iso(datetime.now(timezone.utc))
    with store.transaction():
        for c in chats:
            store.ensure_chat(c, at=now, type="private" if c > 0 else "supergroup")
            store.subscribe(c, RULE, at=now)
        payload = {"type": "alert", "rule": RULE, "rule_title": "ISIL or affiliates, 10 or more killed",
                   "severity": "high", "title": "Militants kill at least 38 in Beni, eastern DR Congo",
                   "item_url": "https://example.org/news/beni", "groups": ["adf"], "perpetrators": ["adf"],
                   "group_names": {"adf": "Allied Democratic Forces"}, "country": "CD", "province": "North Kivu",
                   "place": "Beni", "killed": 38, "killed_qualifier": "at least", "source": "Example News",
                   "published": now}
        alert_id = store.add_alert(rule_id=RULE, item_key="bench-1", at=now, payload=payload)
        store.fan_out(alert_id=alert_id, rule_id=RULE, payload=payload, at=now)


async def run(n_chats: int, n_groups: int) -> dict:
    server = BotAPIServer(TOKEN, limits=Limits()).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.db")
            chats = list(range(1, n_chats - n_groups + 1)) + [-1000000000 - i for i in range(n_groups)]
            seed(store, chats)
            app = build_application(TOKEN, base_url=server.base_url, store=store, rules_provider=StaticRules([]))
            async with app:
                sender = get_sender(app)
                t0 = time.monotonic()
                stats = await sender.drain()
                wall = time.monotonic() - t0
            counts = store.outbox_counts()
            store.close()
    finally:
        server.stop()
    sent = server.sent()
    per_chat = Counter(m["chat_id"] for m in sent)
    times = sorted(m["t"] for m in sent)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    return {
        "chats": n_chats, "groups": n_groups, "wall_s": wall,
        "sustained_rate": (len(times) - 1) / span if span else float("nan"),
        "accepted": len(sent),
        "lost": sum(1 for c in chats if per_chat[c] == 0),
        "duplicated": sum(n - 1 for n in per_chat.values() if n > 1),
        "server_429": server.stats["rejected_429"],
        "server_429_by_scope": {k[len("rejected_429_"):]: v for k, v in server.stats.items()
                                if k.startswith("rejected_429_") and v},
        "sender_429_handled": stats.retry_after,
        "unhandled_429": server.stats["rejected_429"] - stats.retry_after,
        "rows_not_sent": sum(v for k, v in counts.items() if k != "sent"),
        "limits": server.limits.describe(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chats", type=int, default=5000)
    ap.add_argument("--groups", type=int, default=0, help="how many of the chats are groups (20/min each)")
    args = ap.parse_args()
    r = asyncio.run(run(args.chats, args.groups))
    print(f"server limits: {r['limits']}")
    print(f"chats: {r['chats']} ({r['groups']} groups), wall {r['wall_s']:.1f} s")
    print(f"sustained rate: {r['sustained_rate']:.2f} msg/s (goal >= 27)")
    print(f"accepted: {r['accepted']}, lost: {r['lost']}, duplicated: {r['duplicated']} (goal 0, 0)")
    print(f"429 from server: {r['server_429']} {r['server_429_by_scope'] or ''}, handled by the sender: "
          f"{r['sender_429_handled']}, unhandled: {r['unhandled_429']} (goal 0); rows not sent: {r['rows_not_sent']}")
    # exit status speaks of correctness only (nothing lost or repeated); the rate goal is a figure
    # to read, never a pass/fail that a loaded machine could flip
    ok = r["lost"] == 0 and r["duplicated"] == 0 and r["unhandled_429"] == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
