"""CPU of polling a changed feed again: most of its items are stored, a few are new.

    python bench/repoll.py [--items 50] [--new 1] [--rules 1000] [--repeat 5]

The common case of a daemon: a feed's ETag changed because one story was added, and the other
items are ones newsbot already stored. A feed of ``--items`` full-text articles (made as
``bench/pipeline.py`` makes them) is polled once into a fresh SQLite file, then ``--new`` more items
are prepended and it is polled again; only that second ``poll_cycle`` is timed
(``time.process_time``, CPU of every thread), best and spread of ``--repeat`` rounds. What it shows:
the cost per stored item of a changed feed (parse, the key lookup; no content hash or dedupe
query for an item whose key is stored).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pipeline import make_feed, make_rules, open_runtime  # noqa: E402

from bot.extraction import extract, warm_up  # noqa: E402
from bot.pipeline.cycle import poll_cycle  # noqa: E402
from bot.rulebook.book import Rulebook  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--new", type=int, default=1)
    ap.add_argument("--rules", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsbot-repoll-") as tmp:
        tmp = Path(tmp)
        whole = make_feed(args.items + args.new).decode()
        head, *rest = whole.split("<item>")
        items = ["<item>" + r.split("</item>")[0] + "</item>" for r in rest]
        tail = "</channel></rss>"
        feed = tmp / "feed.xml"
        rules = tmp / "rules"
        rules.mkdir()
        make_rules(rules, args.rules)
        book = Rulebook.load(rules)
        warm_up()   # as the daemon starts (see bench/pipeline.py)
        extract("warm-up", "ISIL fighters killed 3 people in Kandahar.")

        async def once(n: int) -> float:
            feed.write_text(head + "".join(items[args.new:]) + tail)     # the older items
            async with open_runtime(feed, rules, book, tmp / f"state{n}") as rt:
                await poll_cycle(rt)
                feed.write_text(head + "".join(items) + tail)             # ... and the new ones first
                st = feed.stat()
                os.utime(feed, (st.st_atime + 60, st.st_mtime + 60))     # a new Last-Modified
                t = time.process_time()
                report = await poll_cycle(rt)
                spent = time.process_time() - t
            assert report.new_items == args.new, report.new_items
            return spent

        times = [asyncio.run(once(n)) * 1000 for n in range(args.repeat)]
    print(f"re-poll of a changed feed: {args.items} stored items + {args.new} new, {args.rules} rules: "
          f"CPU best {min(times):.2f} ms, spread {min(times):.2f}-{max(times):.2f} ms over {args.repeat} rounds; "
          f"{min(times) / (args.items + args.new):.3f} ms per listed item")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
