"""Cost per item of the whole pipeline against feedparser's parse alone, in one run.

    python bench/pipeline.py [--items 300] [--rules 1000] [--repeat 3]

A synthetic feed of full-text articles is made from the bundled seed articles: each
item has a seed's title and lead followed by paragraphs drawn at random from all seeds,
so dedupe and the near-duplicate index keep every item.
``--rules`` rules are generated over the shipped group and region catalogues, shaped
like rules people write (a group or region narrowed by kind, threshold or phrases).
Reported: CPU seconds per item (best of ``--repeat``) for

* feedparser.parse alone on the feed bytes;
* the whole pipeline: one ``poll_cycle`` on a file:// URL — fetch, parse, normalise,
  dedupe, extract, match every rule, store, all in one transaction on a real SQLite file;
* and the stages on their own (our parse, extract, match) for orientation.

Goal (issue 2): whole pipeline ≤ 2x feedparser alone.
"""
from __future__ import annotations

import argparse
import asyncio
import html
import json
import random
import shutil
import sys
import tempfile
import time
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402
import yaml  # noqa: E402

from bot.config import Config, FeedConfig  # noqa: E402
from bot.cycle import Runtime, poll_cycle  # noqa: E402
from bot.extract import extract  # noqa: E402
from bot.fetch import Fetcher  # noqa: E402
from bot.parse import parse_feed  # noqa: E402
from bot.process import Rulebook  # noqa: E402
from bot.sample import CORPUS  # noqa: E402
from bot.store import Store  # noqa: E402


def make_feed(n: int) -> bytes:
    seeds = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    start = datetime.now(timezone.utc) - timedelta(days=2)   # recent: older items count as seen
    pool = [p for s in seeds for p in s["text"].split("\n\n")[1:] if len(p.split()) > 15]
    rnd = random.Random(1)
    items = []
    for i in range(n):
        # A seed's title and lead (what extraction reads first), then paragraphs drawn from all
        # seeds: copies of one seed must not be near-duplicates of each other.
        s = seeds[i % len(seeds)]
        lead = [p for p in s["text"].split("\n\n") if p.strip()][:2]
        paras = lead + rnd.sample(pool, 24) + [f"Report {i} of the synthetic feed."]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        items.append(
            f"<item><title>{html.escape(s['title'])} ({i})</title>"
            f"<link>https://example.org/bench/{i}?utm_source=rss</link><guid>bench-{i}</guid>"
            f"<pubDate>{format_datetime(start + timedelta(minutes=i))}</pubDate>"
            f"<description>{html.escape(paras[0])}</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>bench</title>'
            + "".join(items) + "</channel></rss>").encode("utf-8")


def make_rules(dir_: Path, n: int, seed: int = 7) -> None:
    """n rules mixing groups, regions, kinds, thresholds and keywords over the shipped catalogues."""
    for name in ("groups.yaml", "regions.yaml"):
        shutil.copy(ROOT / "rules" / name, dir_ / name)
    groups = [g["id"] for g in yaml.safe_load((ROOT / "rules" / "groups.yaml").read_text())["groups"]]
    regions = ["africa", "asia", "europe", "CD", "MZ", "RU", "AF", "IQ", "TR", "NG", "SO", "ML", "PK", "SY"]
    words = ["suicide bombing", "gunmen", "ambush", "explosion", "kidnapped", "raid", "ceasefire",
             "convoy", "checkpoint", "drone strike", "ISIS", "machetes", "hostage", "militants"]
    rnd = random.Random(seed)
    rules = []
    for i in range(n):
        # Shaped like rules people write: a group or a region to watch, narrowed by kind,
        # threshold or phrases, so an item matches a handful of rules, not hundreds.
        r: dict = {"id": f"gen-{i}", "title": f"Generated rule {i}"}
        if i % 2 == 0:
            r["groups"] = rnd.sample(groups, k=rnd.randint(1, 2))
            if rnd.random() < 0.5:
                r["regions"] = rnd.sample(regions, k=rnd.randint(1, 2))
        else:
            r["regions"] = rnd.sample(regions, k=rnd.randint(1, 2))
            r["keywords_any"] = rnd.sample(words, k=rnd.randint(1, 2))
        r["kinds"] = [rnd.choice(["attack", "arrest", "diplomacy"])]
        if rnd.random() < 0.3:
            r["min_killed"] = rnd.choice([1, 3, 10, 50])
        rules.append(r)
    (dir_ / "generated.yaml").write_text(yaml.safe_dump({"rules": rules}, sort_keys=False))


def cpu(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=300)
    ap.add_argument("--rules", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as tmp:
        tmp = Path(tmp)
        feed_path = tmp / "feed.xml"
        feed_path.write_bytes(make_feed(args.items))
        rules_dir = tmp / "rules"
        rules_dir.mkdir()
        make_rules(rules_dir, args.rules)
        t = time.perf_counter()
        book = Rulebook.load(rules_dir)
        load_s = time.perf_counter() - t
        raw = feed_path.read_bytes()
        n = args.items
        now = datetime.now(timezone.utc)

        extract("warm-up", "ISIL fighters killed 3 people in Kandahar.")   # build caches once
        fp = cpu(lambda: feedparser.parse(raw), args.repeat) / n
        parsed = parse_feed(raw, feed_name="bench", url=feed_path.as_uri(), headers={}, now=now)
        ours = cpu(lambda: parse_feed(raw, feed_name="bench", url=feed_path.as_uri(), headers={}, now=now),
                   args.repeat) / n
        items = parsed.items
        facts = []
        ex = cpu(lambda: facts.__setitem__(slice(None), [extract(i.title, i.text, i.published) for i in items]),
                 args.repeat) / n
        matched = [0]
        mt = cpu(lambda: matched.__setitem__(0, sum(len(book.matcher.match(i.title, i.text, f))
                                                     for i, f in zip(items, facts))), args.repeat) / n

        async def whole(run: int) -> float:
            """CPU seconds of one poll_cycle on a fresh state file (opening it and the HTTP client not counted)."""
            config = Config(feeds=[FeedConfig(url=feed_path.as_uri(), name="bench")], rules_dir=rules_dir,
                            state_dir=tmp / f"state{run}", alert_backlog=True)
            store = Store(config.db_path)
            async with Fetcher() as fetcher:
                rt = Runtime(config=config, store=store, book=book, fetcher=fetcher)
                rt.load_neardup()
                t = time.process_time()
                report = await poll_cycle(rt)
                spent = time.process_time() - t
            store.close()
            assert report.new_items == n, report.new_items
            return spent

        total = min(asyncio.run(whole(run)) for run in range(args.repeat)) / n

    ms = lambda s: f"{s * 1000:.3f} ms"  # noqa: E731
    print(f"items: {n} full-text articles ({len(raw) / n / 1024:.1f} KiB each), rules: {args.rules} "
          f"(loaded and compiled in {load_s:.2f} s), matches per item: {matched[0] / n:.2f}")
    print(f"feedparser.parse alone     {ms(fp)} per item")
    print(f"  parse_feed (ours)        {ms(ours)} per item  ({ours / fp:.2f}x feedparser)")
    print(f"  extract                  {ms(ex)} per item  ({ex / fp:.2f}x feedparser)")
    print(f"  match {args.rules} rules       {ms(mt)} per item  ({mt / fp:.2f}x feedparser)")
    print(f"whole pipeline (poll_cycle) {ms(total)} per item  ({total / fp:.2f}x feedparser; goal <= 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
