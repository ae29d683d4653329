"""Issue 12, world-news precision: the shipped rules on a made-up world feed
(tests/fixtures/world_news_feed.xml, labels in world_news_labels.yaml), and the reading
patterns behind its false alarms and misses."""
from __future__ import annotations

import importlib.util
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.extract import extract

ROOT = Path(__file__).resolve().parent.parent
PUB = datetime(2026, 12, 6, tzinfo=timezone.utc)


def _bench():
    spec = importlib.util.spec_from_file_location("bench_world_news", ROOT / "bench" / "world_news.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --- a force word naming the place attacked is not the killer ------------------------------

@pytest.mark.parametrize("title, killed", [
    ("Militants storm army post in Niger, killing 12 soldiers", 12),
    ("Gunmen attack police checkpoint in Dagestan, killing 4", 4),
    ("ISWAP attacks army base in Borno, kills 7 soldiers", 7),
])
def test_an_attacked_army_post_does_not_make_the_dead_combatants(title, killed):
    assert extract(title, "", PUB).killed == killed


def test_troops_that_kill_are_still_the_killers():
    f = extract("Troops kill 12 in raid on hideout in Borno", "", PUB)
    assert f.killed is None and [c.perpetrators for c in f.casualties] == [True]
