"""Cost per item of the whole pipeline against feedparser's parse alone, in one run.

    python bench/pipeline.py [--items 300] [--rules 10 1000 10000] [--repeat 3]

A synthetic feed of full-text articles is made from the bundled seed articles: each
item has a seed's title and lead followed by paragraphs drawn at random from all seeds,
so dedupe and the near-duplicate index keep every item.
``--rules`` rules are generated over the shipped group and region catalogues, shaped
like rules people write (a group or region narrowed by kind, threshold or phrases).
Reported: CPU seconds per item (``time.process_time``, best of ``--repeat`` rounds; every
round runs every measurement once, interleaved, so drift on a shared machine falls on all alike):

* two baselines, both named in the output:
  - **feedparser default**: ``feedparser.parse(bytes)`` with its defaults (HTML sanitiser and
    relative-URI rewriting on), what a plain feed bot runs;
  - **feedparser as newsbot calls it**: sanitiser and URI rewriting off, on a stream, with
    feedparser's windows-1252 table given as a string (``bot.feeds.parse._feedparse``), a lower
    baseline;
* the stages on their own: our parse (``parse_feed``), extract, match at each rule count;
* the whole pipeline at each ``--rules`` count: one ``poll_cycle`` on a file:// URL — fetch,
  parse, normalise, dedupe, extract, near-duplicates, incidents, match every rule, store, all in
  one transaction on a real SQLite file; "rest" is the whole minus parse, extract and match.

Each figure is printed with its ratio to both baselines. Goals (issue 14): whole pipeline at 1,000
rules <= 2x feedparser default; at 10,000 rules <= 1.5x the 1,000-rule figure.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
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
from typing import AsyncIterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402
import yaml  # noqa: E402

from bot.config import Config, FeedConfig  # noqa: E402
from bot.pipeline import cycle as _cycle  # noqa: E402
from bot.pipeline.cycle import Runtime, poll_cycle  # noqa: E402

# The daemon parses bodies over 512 KiB in a worker process, whose CPU time.process_time never
# sees: the whole-cycle figure would leave the parse out. Parse in this process here, so every
# stage's CPU is counted.
_cycle.PROCESS_PARSE_BYTES = float("inf")
from bot.extraction import extract, warm_up  # noqa: E402
from bot.feeds.fetch import Fetcher  # noqa: E402
from bot.feeds.parse import parse_feed  # noqa: E402
from bot.rulebook.book import Rulebook  # noqa: E402
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
    # 1,000 rules a file: newsbot refuses YAML files over 1 MiB (issue 10), as a user splits them
    for n in range(0, len(rules), 1000):
        (dir_ / f"generated-{n // 1000:03d}.yaml").write_text(
            yaml.safe_dump({"rules": rules[n:n + 1000]}, sort_keys=False))


@contextlib.asynccontextmanager
async def open_runtime(feed: Path, rules_dir: Path, book: Rulebook, state_dir: Path) -> AsyncIterator[Runtime]:
    """The poll cycle's runtime over one ``feed`` (a file), as the daemon holds it: the rules, a fresh
    state directory, the fetcher and the near-duplicate index; the store closed afterwards."""
    config = Config(feeds=[FeedConfig(url=feed.as_uri(), name="bench")], rules_dir=rules_dir,
                    state_dir=state_dir, alert_backlog=True)
    store = Store(config.db_path)
    try:
        async with Fetcher() as fetcher:
            rt = Runtime(config=config, store=store, book=book, fetcher=fetcher)
            rt.load_neardup()
            yield rt
    finally:
        store.close()


def best(times: list[float]) -> float:
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=300)
    ap.add_argument("--rules", type=int, nargs="+", default=[10, 1000, 10000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from bot.feeds.parse import _feedparse

    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as tmp:
        tmp = Path(tmp)
        feed_path = tmp / "feed.xml"
        feed_path.write_bytes(make_feed(args.items))
        raw = feed_path.read_bytes()
        n = args.items
        now = datetime.now(timezone.utc)
        books, load_s = {}, {}
        for count in args.rules:
            rules_dir = tmp / f"rules{count}"
            rules_dir.mkdir()
            make_rules(rules_dir, count)
            t = time.perf_counter()
            books[count] = (rules_dir, Rulebook.load(rules_dir))
            load_s[count] = time.perf_counter() - t

        # as the daemon starts: its rulebook loaded, then extraction's warm_up (caches built, the
        # start-up heap frozen out of the cyclic collector: at 10,000 rules, collections that walk
        # the rules cost ~0.5 ms per item, which the daemon does not pay)
        warm_up()
        extract("warm-up", "ISIL fighters killed 3 people in Kandahar.")   # build caches once
        parsed = parse_feed(raw, feed_name="bench", url=feed_path.as_uri(), headers={}, now=now)
        items = parsed.items
        facts = [extract(i.title, i.text, i.published) for i in items]
        matched: dict[int, int] = {}
        runs = [0]

        def whole(count: int) -> None:
            rules_dir, book = books[count]

            async def go() -> float:
                runs[0] += 1
                state_dir = tmp / f"state{runs[0]}"
                async with open_runtime(feed_path, rules_dir, book, state_dir) as rt:
                    t = time.process_time()
                    report = await poll_cycle(rt)
                    spent = time.process_time() - t
                shutil.rmtree(state_dir, ignore_errors=True)
                assert report.new_items == n, report.new_items
                return spent
            return asyncio.run(go())

        def timed(fn) -> float:
            t = time.process_time()
            fn()
            return time.process_time() - t

        def match_all(count: int) -> None:
            m = books[count][1].matcher
            matched[count] = sum(len(m.match(i.title, i.text, f)) for i, f in zip(items, facts))

        stages: dict[str, list[float]] = {}
        for _ in range(args.repeat):       # one round: every measurement once, interleaved
            rnd = [
                ("fp_default", lambda: feedparser.parse(raw)),
                ("fp_newsbot", lambda: _feedparse(raw, {})),
                ("parse", lambda: parse_feed(raw, feed_name="bench", url=feed_path.as_uri(), headers={}, now=now)),
                ("extract", lambda: [extract(i.title, i.text, i.published) for i in items]),
            ]
            for count in args.rules:
                rnd.append((f"match{count}", lambda c=count: match_all(c)))
                rnd.append(("fp_default", lambda: feedparser.parse(raw)))
                rnd.append(("fp_newsbot", lambda: _feedparse(raw, {})))
            for name, fn in rnd:
                stages.setdefault(name, []).append(timed(fn) / n)
            for count in args.rules:
                stages.setdefault(f"whole{count}", []).append(whole(count) / n)

    fp_d, fp_n = best(stages["fp_default"]), best(stages["fp_newsbot"])
    ms = lambda s: f"{s * 1000:7.3f} ms"  # noqa: E731

    def line(label: str, v: float, extra: str = "") -> None:
        print(f"{label:<34}{ms(v)}  {v / fp_d:5.2f}x default  {v / fp_n:5.2f}x newsbot's{extra}")

    print(f"items: {n} full-text articles ({len(raw) / n / 1024:.1f} KiB each); CPU per item, best of "
          f"{args.repeat} interleaved rounds")
    print("rules: " + ", ".join(f"{c} (loaded in {load_s[c]:.2f} s, {matched[c] / n:.2f} matches per item)"
                                for c in args.rules))
    print(f"baseline 'default':  feedparser.parse(bytes), sanitiser on   {ms(fp_d)}")
    print(f"baseline 'newsbot's': feedparser as newsbot calls it (sanitize_html=False, "
          f"resolve_relative_uris=False, cp1252 table as a string) {ms(fp_n)}")
    parse, ex = best(stages["parse"]), best(stages["extract"])
    line("  parse_feed (ours)", parse)
    line("  extract", ex)
    wholes = {}
    for count in args.rules:
        mt, w = best(stages[f"match{count}"]), best(stages[f"whole{count}"])
        wholes[count] = w
        line(f"  match {count} rules", mt)
        line(f"  rest of the cycle, {count} rules", max(0.0, w - parse - ex - mt),
             "  (dedupe, near-dup, incidents, SQLite)")
        line(f"whole pipeline, {count} rules", w)
    if 1000 in wholes:
        print(f"goal: whole pipeline at 1,000 rules <= 2x feedparser default: {wholes[1000] / fp_d:.2f}x "
              f"({'met' if wholes[1000] / fp_d <= 2 else 'NOT met'}); against newsbot's own parse "
              f"{wholes[1000] / fp_n:.2f}x")
    if 1000 in wholes and 10000 in wholes:
        r = wholes[10000] / wholes[1000]
        print(f"goal: 10,000 rules <= 1.5x the 1,000-rule figure: {r:.2f}x ({'met' if r <= 1.5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
