"""The poll cycle's reading thread gives up the GIL before each item (bot/pipeline/process.py), so the
event loop's thread (/healthz, Telegram) is not starved behind a long feed. What is checked is the
yield itself, at the edge where it happens: ``time.sleep(0)``, once per item read."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from bot.models import Item
from bot.pipeline import process
from bot.rulebook.book import Rulebook

RULES = Path(__file__).resolve().parent.parent / "rules"
NOW = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)


def test_each_item_read_first_yields_the_gil(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(process.time, "sleep", slept.append)
    book = Rulebook.load(RULES)
    items = [Item(key=f"k{i}", feed="Desk", url=f"https://news.example/{i}", title=f"Gunmen kill {i + 2} in Beni",
                  text="", published=NOW) for i in range(3)]
    hashes = [(f"h{i}", "") for i in range(3)]
    facts = process.read_new(items, hashes, (set(), set()), book, NOW.replace(year=2020))
    assert [f.killed for f in facts] == [2, 3, 4]
    assert slept == [0, 0, 0]
