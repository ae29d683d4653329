"""After a poll: each feed's outcome into its row (validators, health counters, parse report).

The feeds fetched fine (304s, mostly) are written with one statement per run of them, not one each.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Sequence

from bot.feeds.fetch import FetchResult
from bot.store import Store, iso

log = logging.getLogger("newsbot.cycle")


def record_fetches(store: Store, outcomes: Sequence, results: Sequence[FetchResult], now: datetime, *,
                   broken_after: int) -> None:
    """``outcomes``: the cycle's :class:`bot.pipeline.cycle.FeedOutcome` per feed, ``results`` its fetches."""
    at = iso(now)
    ok: list[tuple[str, int, str | None, str | None, bool]] = []
    for o, res in zip(outcomes, results):
        if o.status != "error":
            ok.append((o.url, res.status, res.etag, res.last_modified, o.status == "not_modified"))
            if o.status != "not_modified":
                store.record_parse_report(o.url, warnings=o.warnings, old_items=o.old_items,
                                          skipped_items=o.skipped_items)
            continue
        store.record_fetches_ok(ok, at=at)    # in feed order (a URL listed twice)
        ok = []
        state = store.record_fetch_error(o.url, at=at, status=res.status, error=o.error,
                                         kind=o.error_kind, broken_after=broken_after)
        if o.retry_after:
            store.set_next_poll(o.url, iso(now + timedelta(seconds=o.retry_after)))
        log.warning("fetch failed feed=%s kind=%s failures=%d error=%s",
                    o.name, o.error_kind, state.consecutive_failures if state else 0, o.error)
    store.record_fetches_ok(ok, at=at)
