"""One poll cycle, wired together: fetch → parse → dedupe → full text → read → store.

:func:`poll_cycle` is the only function that joins the edges (fetch, store)
to the pure core (parse, extract, match). All of a cycle's writes land in one
transaction: items, matches, alerts and their outbox rows appear together.
"""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from .config import Config, FeedConfig
from .fetch import Fetcher, FetchResult
from .fulltext import fetch_full_text
from .models import Item
from .parse import parse_feed
from .incidents import IncidentPayloads, incident_facts
from .neardup import MAX_WORDS as NEARDUP_WORDS, NearDupIndex
from .fold import Prepared, prepare
from .process import Processed, Rulebook, content_hash, match_item, read_item
from .store import Store, iso
from .urls import host_of

log = logging.getLogger("newsbot.cycle")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Runtime:
    """What a running newsbot holds: validated config, state, rules, one HTTP client."""

    config: Config
    store: Store
    book: Rulebook
    fetcher: Fetcher
    now: Callable[[], datetime] = utcnow
    neardup: NearDupIndex | None = None
    on_commit: Callable[[], None] | None = None   # after a cycle's transaction queued outbox rows (wakes the sender)
    _host_limits: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _overall: asyncio.Semaphore | None = None

    def host_limit(self, url: str) -> asyncio.Semaphore:
        host = host_of(url) or ""
        if host not in self._host_limits:
            self._host_limits[host] = asyncio.Semaphore(self.config.fetch.per_host)
        return self._host_limits[host]

    def load_neardup(self) -> NearDupIndex:
        """(Re)build the near-duplicate index from the signatures stored within its retention."""
        inc = self.config.incidents
        ix = NearDupIndex(threshold=inc.neardup_threshold, retention=timedelta(days=inc.neardup_retention_days))
        ix.load(self.store.signatures_since(iso(self.now() - timedelta(days=inc.neardup_retention_days))))
        self.neardup = ix
        return ix

    def overall_limit(self) -> asyncio.Semaphore:
        if self._overall is None:
            self._overall = asyncio.Semaphore(self.config.fetch.concurrency)
        return self._overall


@dataclass
class FeedOutcome:
    url: str
    name: str
    status: str                    # ok | not_modified | error | backlog
    new_items: int = 0
    error: str | None = None
    error_kind: str | None = None
    retry_after: float | None = None
    ttl: int | None = None          # the feed's own <ttl>, in seconds
    warnings: list[str] = field(default_factory=list)


@dataclass
class CycleReport:
    feeds: list[FeedOutcome]
    processed: list[Processed]
    alerts: int
    queued: int

    @property
    def new_items(self) -> int:
        return sum(f.new_items for f in self.feeds)


async def _fetch(rt: Runtime, feed: FeedConfig) -> FetchResult:
    state = rt.store.feed(feed.url)
    async with rt.overall_limit(), rt.host_limit(feed.url):
        return await rt.fetcher.fetch(feed.url, etag=state.etag if state else None,
                                      last_modified=state.last_modified if state else None)


async def _with_full_text(rt: Runtime, item: Item) -> Item:
    if not item.url:
        return item
    async with rt.overall_limit(), rt.host_limit(item.url):
        text = await fetch_full_text(rt.fetcher, item.url)
    if text and len(text) > len(item.text):
        return Item(item.key, item.feed, item.url, item.title, text, item.published, item.source)
    return item


async def poll_cycle(rt: Runtime, feeds: list[FeedConfig] | None = None) -> CycleReport:
    feeds = rt.config.feeds if feeds is None else feeds
    now = rt.now()
    at = iso(now)
    for f in feeds:
        rt.store.ensure_feed(f.url, f.name, at=at)
    results = await asyncio.gather(*(_fetch(rt, f) for f in feeds))
    too_old = now - timedelta(days=rt.config.retention.items_days)

    outcomes: list[FeedOutcome] = []
    fresh: list[tuple[FeedConfig, Item, str, bool]] = []   # (feed, item, hash, alerting)
    seen_keys: set[str] = set()
    seen_urls: set[str] = set()
    seen_hashes: set[str] = set()
    preps: dict[str, Prepared] = {}   # item key -> its opening words (for items filed into incidents)
    keep_words = rt.config.incidents.enabled
    for feed, res in zip(feeds, results):
        if res.error:
            outcomes.append(FeedOutcome(feed.url, feed.name, "error", error=res.error,
                                        error_kind=res.error_kind, retry_after=res.retry_after))
            continue
        if res.not_modified:
            outcomes.append(FeedOutcome(feed.url, feed.name, "not_modified"))
            continue
        parsed = parse_feed(res.content or b"", feed_name=feed.name, url=feed.url,
                            headers=res.headers, now=now)
        if parsed.error:
            outcomes.append(FeedOutcome(feed.url, feed.name, "error", error=parsed.error, error_kind="parse"))
            continue
        state = rt.store.feed(feed.url)
        alerting = rt.config.alert_backlog or bool(state and state.polled_once)
        out = FeedOutcome(feed.url, feed.name, "ok" if alerting else "backlog", ttl=parsed.ttl,
                          warnings=parsed.warnings)
        for item in parsed.items:
            if item.published is not None and item.published < too_old:
                continue    # older than retention: it may have been pruned, so "not stored" is not "new"
            prep = prepare(item.title, item.text)
            h = content_hash(item.title, item.text, prep)
            if (item.key in seen_keys or (item.url and item.url in seen_urls) or h in seen_hashes
                    or rt.store.seen(key=item.key, url=item.url, content_hash=h)):
                continue
            seen_keys.add(item.key)
            if alerting and keep_words:
                # only what the near-duplicate signature reads, not every word of every item of the cycle
                preps[item.key] = Prepared(prep.doc, prep.tokens[:NEARDUP_WORDS])
            seen_hashes.add(h)
            if item.url:
                seen_urls.add(item.url)
            fresh.append((feed, item, h, alerting))
            out.new_items += 1
        outcomes.append(out)

    full = await asyncio.gather(*(
        _with_full_text(rt, item) if feed.full_text and alerting else _noop(item)
        for feed, item, _, alerting in fresh))
    book = rt.book   # one rule set for the whole cycle, even if a reload lands meanwhile
    facts = [read_item(item, book) if alerting else None for item, (_, _, _, alerting) in zip(full, fresh)]
    incidents = rt.config.incidents.enabled
    if incidents and rt.neardup is None:
        rt.load_neardup()

    processed: list[Processed] = []
    alerts = queued = 0
    try:
        with rt.store.transaction():
            _record_fetches(rt, outcomes, results, now)
            for (feed, orig, h, alerting), item, f in zip(fresh, full, facts):
                rt.store.add_item(key=item.key, feed=feed.name, url=item.url, title=item.title,
                                  published=iso(item.published), first_seen=at, content_hash=h,
                                  facts=f.to_dict() if f else {}, alerted=alerting)
                if f is None:
                    continue
                if incidents:
                    prep = preps.get(item.key) if item is orig else None   # full text: prepared anew
                    p, a, q = _file_in_incident(rt, book, item, f, now, prep)
                else:
                    p, a, q = _alert_per_item(rt, book, item, f, at)
                if p is not None:
                    processed.append(p)
                alerts += a
                queued += q
    except BaseException:
        if incidents:
            rt.load_neardup()   # signatures added in memory for the rolled-back items are gone
            rt.store.forget_cached_incidents()
        raise
    if queued and rt.on_commit is not None:
        rt.on_commit()
    if incidents and rt.neardup is not None:
        rt.neardup.prune(now)
    for o in outcomes:
        if o.status in ("ok", "backlog"):
            log.info("polled feed=%s status=%s new=%d", o.name, o.status, o.new_items)
    return CycleReport(outcomes, processed, alerts, queued)


def _record_fetches(rt: Runtime, outcomes: list[FeedOutcome], results: list[FetchResult], now: datetime) -> None:
    at = iso(now)
    for o, res in zip(outcomes, results):
        if o.status == "error":
            state = rt.store.record_fetch_error(o.url, at=at, status=res.status, error=o.error,
                                                kind=o.error_kind, broken_after=rt.config.fetch.broken_after)
            if o.retry_after:
                rt.store.set_next_poll(o.url, iso(now + timedelta(seconds=o.retry_after)))
            log.warning("fetch failed feed=%s kind=%s failures=%d error=%s",
                        o.name, o.error_kind, state.consecutive_failures if state else 0, o.error)
        else:
            rt.store.record_fetch_ok(o.url, at=at, status=res.status, etag=res.etag,
                                     last_modified=res.last_modified, not_modified=o.status == "not_modified")


def _alert_per_item(rt: Runtime, book: Rulebook, item: Item, facts, at: str) -> tuple[Processed, int, int]:
    """Incidents off: one alert per (rule, item)."""
    p = match_item(item, facts, book)
    alerts = queued = 0
    for m, payload in zip(p.matches, p.alerts):
        rt.store.add_match(rule_id=m.rule_id, item_key=item.key, at=at, reasons=list(m.reasons))
        alert_id = rt.store.add_alert(rule_id=m.rule_id, item_key=item.key, at=at, payload=payload)
        if alert_id is not None:
            alerts += 1
            queued += rt.store.fan_out(alert_id=alert_id, rule_id=m.rule_id, payload=payload, at=at)
    return p, alerts, queued


def _file_in_incident(rt: Runtime, book: Rulebook, item: Item, facts, now: datetime,
                      prep: Prepared | None = None) -> tuple[Processed | None, int, int]:
    """Incidents on: drop near-duplicates, fold the item into its incident, alert or update per rule.

    ``prep``: the item's text as :func:`bot.fold.prepare` gave it for the content hash (its words
    feed the near-duplicate signature)."""
    at = iso(now)
    prep = prep or prepare(item.title, item.text)
    doc = prep.doc
    dup = rt.neardup.query_detail(doc, exclude=item.key, words=prep.tokens)
    if dup is not None:
        rt.store.record_duplicate(item, of=dup.key, at=at, similarity=dup.similarity)
        log.info("near-duplicate item=%s of=%s similarity=%.2f", item.key, dup.key, dup.similarity)
        return None, 0, 0
    sig = rt.neardup.add(item.key, doc, at=now, words=prep.tokens)
    if sig is not None:
        rt.store.add_signature(item.key, sig, at=at)
    catalog = book.ruleset.groups
    matches: list = []

    def match(state):
        matches[:] = book.matcher.match(item.title, item.text, incident_facts(state))
        return matches

    filed = rt.store.file_incident_item(item, facts, at=now, catalog=catalog, settings=rt.config.incidents,
                                        match=match, active_rules=book.rule_ids)
    payloads = []
    alerts = queued = 0
    shared = IncidentPayloads(filed.incident, item, catalog=catalog) if filed.notifications else None
    by_rule: dict[str, list] = {}
    for m in matches:
        by_rule.setdefault(m.rule_id, []).append(m)
    for n in filed.notifications:
        rule = book.rule(n.rule_id)
        payload = shared.payload(n, rule_title=rule.title, severity=str(rule.severity),
                                 reasons=filed.match_reasons.get(n.rule_id, ()))
        for m in by_rule.get(n.rule_id, ()):
            rt.store.add_match(rule_id=m.rule_id, item_key=item.key, at=at, reasons=list(m.reasons))
        alert_id, q = rt.store.deliver_notification(n, payload, item_key=item.key, at=at)
        if alert_id is not None:
            alerts += 1
            queued += q
            payloads.append(payload)
    return Processed(item, facts, tuple(matches), tuple(payloads)), alerts, queued


async def _noop(item: Item) -> Item:
    return item
