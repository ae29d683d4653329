"""False alarms and misses of the shipped rules on a world-news feed.

    python bench/world_news.py [--misses] [--feed FEED.xml --labels LABELS.yaml] [--rules DIR]

Every item of the feed (default: tests/fixtures/world_news_feed.xml, made-up items written the way
BBC, Guardian, Reuters and CNN world pages read) goes through the daemon's path: ``parse_feed``, then
``bot.pipeline.process.process_item`` with the rule set in ``rules/``. Its labels (by guid) say which
rule ids should fire, and the analyst's kind, killed and country.

* false alarm: a rule fired on an item whose labels do not list it (counted per rule and item);
* miss: a labelled rule that did not fire;
* kind / killed / country: share of items read as labelled (killed: null and 0 are equal).

``--misses`` lists each false alarm and miss with what was read.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.feeds.parse import parse_feed  # noqa: E402
from bot.pipeline.process import process_item  # noqa: E402
from bot.rulebook.book import Rulebook  # noqa: E402

FEED = ROOT / "tests" / "fixtures" / "world_news_feed.xml"
LABELS = ROOT / "tests" / "fixtures" / "world_news_labels.yaml"
NOW = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


@dataclass
class Score:
    items: int = 0
    expected: int = 0                       # rule firings the labels ask for
    false_alarms: list[tuple[str, str]] = field(default_factory=list)   # (item id, rule id)
    misses: list[tuple[str, str]] = field(default_factory=list)
    right: dict[str, int] = field(default_factory=lambda: {"kind": 0, "killed": 0, "country": 0})
    wrong: dict[str, list[str]] = field(default_factory=lambda: {"kind": [], "killed": [], "country": []})
    read: dict[str, str] = field(default_factory=dict)   # item id -> what was read, for --misses


def score(feed: Path = FEED, labels: Path = LABELS, rules: Path = ROOT / "rules") -> Score:
    res = parse_feed(feed.read_bytes(), feed_name="world", url="https://news.example/world", now=NOW)
    if res.error is not None:
        raise SystemExit(f"{feed}: {res.error}")
    want = {x["id"]: x for x in yaml.safe_load(labels.read_text(encoding="utf-8"))["items"]}
    book = Rulebook.load(rules)
    s = Score()
    seen = set()
    for item in res.items:
        key = item.key
        if key not in want:
            raise SystemExit(f"{feed}: item {key!r} has no label in {labels}")
        seen.add(key)
        lab = want[key]
        p = process_item(item, book)
        got = {m.rule_id for m in p.matches}
        exp = set(lab["rules"] or ())
        s.items += 1
        s.expected += len(exp)
        s.false_alarms += [(key, r) for r in sorted(got - exp)]
        s.misses += [(key, r) for r in sorted(exp - got)]
        f = p.facts
        for name, ok in (("kind", f.kind == lab["kind"]), ("killed", (f.killed or 0) == (lab["killed"] or 0)),
                         ("country", f.country == lab["country"])):
            if ok:
                s.right[name] += 1
            else:
                s.wrong[name].append(key)
        groups = ",".join(g.id for g in f.groups) or "-"
        s.read[key] = (f"{item.title!r}: kind={f.kind} killed={f.killed} country={f.country} groups={groups} "
                       f"fired={sorted(got)} (labels: kind={lab['kind']} killed={lab['killed']} "
                       f"country={lab['country']} rules={sorted(exp)})")
    absent = sorted(set(want) - seen)
    if absent:
        raise SystemExit(f"{labels}: labelled items not in the feed: {absent}")
    return s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feed", type=Path, default=FEED)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--rules", type=Path, default=ROOT / "rules")
    ap.add_argument("--misses", action="store_true", help="list each false alarm, miss and misread field")
    a = ap.parse_args(argv)
    s = score(a.feed, a.labels, a.rules)
    fired_ok = s.expected - len(s.misses)
    print(f"world news: {s.items} items, {s.expected} rule firings expected")
    print(f"false alarms: {len(s.false_alarms)} (on {len({k for k, _ in s.false_alarms})} items)")
    print(f"misses: {len(s.misses)} of {s.expected} ({fired_ok}/{s.expected} fired = "
          f"{100 * fired_ok / max(s.expected, 1):.1f}%)")
    for name in ("kind", "killed", "country"):
        print(f"{name} right: {100 * s.right[name] / max(s.items, 1):.1f}% ({s.right[name]}/{s.items})")
    if a.misses:
        for title, rows in (("FALSE ALARMS", s.false_alarms), ("MISSES", s.misses)):
            print(f"\n{title}")
            for key, rule in rows:
                print(f"  {key} {rule}: {s.read[key]}")
        for name in ("kind", "killed", "country"):
            print(f"\n{name.upper()} WRONG")
            for key in s.wrong[name]:
                print(f"  {key}: {s.read[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
