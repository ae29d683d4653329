"""Reading one item: extract facts, match rules, build alert payloads.

This is the single code path shared by the daemon, ``newsbot demo``, ``newsbot rules test`` and
the bot's ``/test``: whatever reads an item goes through :func:`process_item`. Pure given a loaded
:class:`~bot.rulebook.book.Rulebook` (loading it reads the rules directory).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Collection, Sequence

from bot.extraction import extract
from bot.models import Facts, Item
from bot.notify.payload import AlertPayload, build_alert
from bot.rulebook.book import Rulebook
from bot.rulebook.matcher import Match

log = logging.getLogger("newsbot.cycle")


@dataclass(frozen=True)
class Processed:
    item: Item
    facts: Facts
    matches: tuple[Match, ...]
    alerts: tuple[AlertPayload, ...]  # one payload per match


def read_item(item: Item, book: Rulebook) -> Facts:
    """Extraction with the rule set's group catalogue.

    The poll cycle reads items in a worker thread, one after another. Each item first gives up the GIL
    (``time.sleep(0)``): without it the reading thread won the GIL back again and again from the event
    loop's thread, and /healthz waited 61-447 ms behind a 1,000-item feed; with it 28-43 ms, as before the
    reading moved (25-52 ms; ``python bench/loop_latency.py --items 40000 --rounds 1 --modes now``)."""
    time.sleep(0)
    try:
        return extract(item.title, item.text, item.published, catalog=book.groups)
    except Exception as exc:   # a reader bug on one hostile text must not stop every later cycle at this item
        log.error("extraction failed item=%s feed=%s: %s: %s (kept with no facts: only rules on its words can match it)",
                  item.key, item.feed, type(exc).__name__, exc, exc_info=True)
        return Facts(evidence=(f"extraction failed: {type(exc).__name__}",))


def read_new(items: Sequence[Item], hashes: Sequence[tuple[str, str] | None],
             stored: tuple[Collection[str], Collection[str]], book: Rulebook, too_old: datetime) -> list[Facts | None]:
    """Per item, its facts when dedupe may keep it (hashed: key not stored; URL and content hash not stored;
    dated within retention), else ``None``. Read while other feeds' fetches still wait on the network; an
    item the cycle then drops (a duplicate within the cycle) was read for nothing."""
    urls, hashed = stored
    return [None if (h is None or h[0] in hashed or (item.url and item.url in urls)
                     or (item.published is not None and item.published < too_old)) else read_item(item, book)
            for item, h in zip(items, hashes)]


def match_item(item: Item, facts: Facts, book: Rulebook) -> Processed:
    """One alert payload per rule the item's own facts match (the per-article path)."""
    matches = tuple(book.matcher.match(item.title, item.text, facts))
    groups = book.groups
    names = {g.id: groups.name(g.id) for g in facts.groups}
    alerts = []
    for m in matches:
        rule = book.rule(m.rule_id)
        alerts.append(build_alert(
            rule_id=m.rule_id, rule_title=rule.title, severity=str(rule.severity), item=item,
            facts=facts, reasons=m.reasons, group_names=names,
        ))
    return Processed(item, facts, matches, tuple(alerts))


def process_item(item: Item, book: Rulebook) -> Processed:
    return match_item(item, read_item(item, book), book)
