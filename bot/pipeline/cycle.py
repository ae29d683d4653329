"""One poll cycle, wired together: fetch → parse → dedupe → full text → read → file → store.

:func:`poll_cycle` is the only function that joins the edges (fetch, store)
to the pure core (parse, extract, match, incidents: an item is filed into its
incident by :func:`bot.pipeline.filing.file_item`). Writes land in transactions of at most
``BATCH_SECONDS`` of work each: an item, its matches, alerts and outbox rows always
together, and the feeds' validators with the last batch (a crash mid-cycle means a
re-fetch whose dedupe skips what was stored).

The CPU-heavy pure parts run off the event loop: reading items in a worker thread,
parsing a feed with its content hashes in a thread, or for a large body
(``PROCESS_PARSE_BYTES``) in a worker process, so a 10 MB feed does not stall
``/healthz`` or the Telegram handlers; at most ``fetch.max_items`` entries are
taken per feed and poll. New items are queued oldest first.

Address policy (:mod:`bot.feeds.netguard`): a feed reaches private addresses only when
it comes from the config with ``allow_private: true``; file:// feeds are read only
when they come from the config or the CLI, never from a chat. Article pages
(``full_text``) follow their feed's address policy and are never file://.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Callable

from bot.clock import utcnow
from bot.config import Config, FeedConfig
from bot.feeds.fetch import Fetcher, FetchResult
from bot.feeds.fulltext import fetch_full_text
from bot.models import Facts, FeedErrorKind, FeedStatus, Item
from bot.feeds.parse import ParseResult, parse_feed
from bot.notify.payload import IncidentPayloads
from bot.incidents.neardup import MAX_WORDS as NEARDUP_WORDS, NearDupIndex
from bot.fold import prepare
from bot.feeds.dedupe import hash_new_items
from bot.rulebook.book import Rulebook
from .filing import file_item
from .process import Processed, match_item, read_item, read_new
from .proximity import NearCache, alert_near, located_once
from .records import record_fetches
from bot.store import Store, iso
from bot.feeds.urls import host_of

log = logging.getLogger("newsbot.cycle")

# Longest stretch of store writes between two chances for the event loop to run other tasks
# (25 ms, not 50: the same worst /healthz, half its p99 during a 10 MB feed; a commit is ~1 ms).
BATCH_SECONDS = 0.025
# How long the loop then runs the others. Not sleep(0): that is one pass of the loop, and a
# request (/healthz, a Telegram update) takes several (accept, read, its handler task, write),
# so it would advance one step per batch: 150-450 ms for a /healthz during a large feed.
BREATHE_SECONDS = 0.002


async def _breathe() -> None:
    """Let the event loop run what waits (every step of it, not one) before the next batch."""
    await asyncio.sleep(BREATHE_SECONDS)


@dataclass
class Runtime:
    """What a running newsbot holds: validated config, state, rules, one HTTP client."""

    config: Config
    store: Store
    book: Rulebook
    fetcher: Fetcher
    now: Callable[[], datetime] = utcnow
    neardup: NearDupIndex | None = None
    near: NearCache = field(default_factory=NearCache)   # the chats' /near circles, indexed
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
    status: FeedStatus
    new_items: int = 0
    error: str | None = None
    error_kind: FeedErrorKind | None = None
    retry_after: float | None = None
    ttl: int | None = None          # the feed's own <ttl>, in seconds
    warnings: list[str] = field(default_factory=list)
    old_items: int = 0              # dated before the retention window: not stored, counted
    skipped_items: int = 0          # over fetch.max_items: not read, counted


@dataclass
class CycleReport:
    feeds: list[FeedOutcome]
    processed: list[Processed]
    alerts: int
    queued: int

    @property
    def new_items(self) -> int:
        return sum(f.new_items for f in self.feeds)


def _allow_private(feed: FeedConfig, origin: str) -> bool:
    """Only the operator's config may open a feed (and its article pages) to private addresses."""
    return feed.allow_private and origin == "config"


async def _fetch(rt: Runtime, feed: FeedConfig, state) -> FetchResult:
    origin = state.origin if state else "config"
    async with rt.overall_limit(), rt.host_limit(feed.url):
        return await rt.fetcher.fetch(feed.url, etag=state.etag if state else None,
                                      last_modified=state.last_modified if state else None,
                                      allow_private=_allow_private(feed, origin),
                                      allow_file=origin != "telegram")   # file:// never for a chat's feed


async def _with_full_text(rt: Runtime, feed: FeedConfig, item: Item) -> Item:
    if not item.url:
        return item
    async with rt.overall_limit(), rt.host_limit(item.url):
        state = rt.store.feed(feed.url)
        allow = _allow_private(feed, state.origin if state else "config")
        text = await fetch_full_text(rt.fetcher, item.url, allow_private=allow)
    if text and len(text) > len(item.text):
        return Item(item.key, item.feed, item.url, item.title, text, item.published, item.source)
    return item


async def poll_cycle(rt: Runtime, feeds: list[FeedConfig] | None = None) -> CycleReport:
    feeds = rt.config.feeds if feeds is None else feeds
    now = rt.now()
    at = iso(now)
    states = rt.store.feeds_by_url([f.url for f in feeds])    # one read; a write only for a new or renamed feed
    for f in feeds:
        if f.url not in states or states[f.url].name != f.name:
            states[f.url] = rt.store.ensure_feed(f.url, f.name, at=at)
    book = rt.book   # one rule set for the whole cycle, even if a reload lands meanwhile
    too_old = now - timedelta(days=rt.config.retention.items_days)
    # each feed is parsed, hashed and read as soon as its body arrives, while other fetches still wait (one
    # feed read at a time: the reading's memory and GIL share stay those of one thread)
    one = asyncio.Lock()
    fetched = await asyncio.gather(*(_fetch_and_parse(rt, f, now, states.get(f.url), (book, too_old, one))
                                     for f in feeds))
    results = [res for res, _ in fetched]

    outcomes: list[FeedOutcome] = []
    fresh: list[tuple[FeedConfig, Item, str, bool]] = []   # (feed, item, hash, alerting)
    seen_keys: set[str] = set()
    seen_urls: set[str] = set()
    seen_hashes: set[str] = set()
    openings: dict[str, str] = {}   # item key -> its opening words, joined (for items filed into incidents)
    pre: dict[str, Facts] = {}        # item key -> its facts, read while fetching
    keep_words = rt.config.incidents.enabled
    for feed, (res, parse) in zip(feeds, fetched):
        if res.error:
            outcomes.append(FeedOutcome(feed.url, feed.name, "error", error=res.error,
                                        error_kind=res.error_kind, retry_after=res.retry_after))
            continue
        if res.not_modified:
            outcomes.append(FeedOutcome(feed.url, feed.name, "not_modified"))
            continue
        parsed, hashes, (stored_urls, stored_hashes), read = parse
        if parsed.error:
            outcomes.append(FeedOutcome(feed.url, feed.name, "error", error=parsed.error, error_kind="parse"))
            continue
        state = rt.store.feed(feed.url)
        alerting = rt.config.alert_backlog or bool(state and state.polled_once)
        out = FeedOutcome(feed.url, feed.name, "ok" if alerting else "backlog", ttl=parsed.ttl,
                          warnings=parsed.warnings, skipped_items=parsed.skipped)
        accepted: list[tuple[FeedConfig, Item, str, bool]] = []
        deadline = time.perf_counter() + BATCH_SECONDS
        for item, hashed, fact in zip(parsed.items, hashes, read or [None] * len(hashes)):
            if time.perf_counter() >= deadline:     # a long feed: let the loop breathe
                await _breathe()
                deadline = time.perf_counter() + BATCH_SECONDS
            if item.published is not None and item.published < too_old:
                out.old_items += 1   # older than retention: it may have been pruned, so "not stored" is not "new"
                continue
            if hashed is None:    # its key is stored: seen (not hashed)
                continue
            h, opening = hashed
            if (item.key in seen_keys or (item.url and item.url in seen_urls) or h in seen_hashes
                    or item.url in stored_urls or h in stored_hashes):     # stored already (any feed)
                continue
            seen_keys.add(item.key)
            if fact is not None:
                pre[item.key] = fact
            if alerting and keep_words:
                # the words found with the content hash (in a thread): what the near-duplicate signature reads
                openings[item.key] = opening
            seen_hashes.add(h)
            if item.url:
                seen_urls.add(item.url)
            accepted.append((feed, item, h, alerting))
            out.new_items += 1
        fresh.extend(reversed(accepted))    # feeds list newest first: reversed, undated items run oldest first
        if (out.warnings or out.old_items) and not (state and state.needs_attention):
            log.warning("feed parsed with problems feed=%s warnings=%d old_items=%d skipped=%d first=%s",
                        feed.name, len(out.warnings), out.old_items, out.skipped_items,
                        (out.warnings or [""])[0][:300])
        outcomes.append(out)
    # queued oldest first, so a chat reads a story in the order it happened (stable: ties keep feed order)
    fresh.sort(key=lambda t: t[1].published or now)
    full = [item for _, item, _, _ in fresh]    # with the article pages of full_text feeds (a task each)
    pages = [k for k, (feed, _, _, alerting) in enumerate(fresh) if feed.full_text and alerting]
    for k, item in zip(pages, await asyncio.gather(*(_with_full_text(rt, *fresh[k][:2]) for k in pages))):
        full[k] = item
    # reading (extraction): in a worker thread, while fetching (_fetch_and_parse) but for article pages
    facts = [pre.get(o.key) if alerting and item is o else None for item, (_, o, _, alerting) in zip(full, fresh)]
    late = [k for k, f in enumerate(facts) if f is None and fresh[k][3]]
    if late:
        for k, f in zip(late, await asyncio.to_thread(lambda: [read_item(full[k], book) for k in late])):
            facts[k] = f
    incidents = rt.config.incidents.enabled
    if incidents and rt.neardup is None:
        rt.load_neardup()

    processed: list[Processed] = []
    alerts = queued = 0
    work = list(zip(fresh, full, facts))
    done = 0
    try:
        while True:
            # one transaction per batch of at most BATCH_SECONDS of work, then the loop is free again
            # (/healthz, Telegram handlers); an item's row, matches, alerts and outbox rows always
            # share a transaction, and the feeds' validators go with the last batch, so a crash
            # mid-cycle means a full re-fetch whose dedupe skips what was stored
            deadline = time.perf_counter() + BATCH_SECONDS
            with rt.store.transaction():
                while done < len(work):
                    (feed, orig, h, alerting), item, f = work[done]
                    done += 1
                    rt.store.add_item(key=item.key, feed=feed.name, url=item.url, title=item.title,
                                      published=iso(item.published), first_seen=at, content_hash=h,
                                      facts=f.to_dict() if f else {}, alerted=alerting)
                    if f is not None:
                        if incidents:
                            opening = openings.get(item.key) if item is orig else None   # full text: anew
                            p, a, q = _file_in_incident(rt, book, item, f, now, opening)
                        else:
                            p, a, q = _alert_per_item(rt, book, item, f, at)
                        if p is not None:
                            processed.append(p)
                        alerts += a
                        queued += q
                    if time.perf_counter() >= deadline:
                        break
                last = done >= len(work)
                if last:
                    record_fetches(rt.store, outcomes, results, now, broken_after=rt.config.fetch.broken_after)
            if queued and rt.on_commit is not None:
                rt.on_commit()      # send what this batch queued now, not on the sender's timer
            if last:
                break
            await _breathe()
    except BaseException:
        if incidents:
            rt.load_neardup()   # signatures added in memory for the rolled-back items are gone
            rt.store.forget_cached_incidents()
        raise
    if incidents and rt.neardup is not None:
        rt.neardup.prune(now)
    for o in outcomes:
        if o.status in ("ok", "backlog"):
            log.info("polled feed=%s status=%s new=%d", o.name, o.status, o.new_items)
            if o.skipped_items:
                log.warning("feed over max_items feed=%s skipped=%d kept=%d", o.name, o.skipped_items,
                            rt.config.fetch.max_items)
    return CycleReport(outcomes, processed, alerts, queued)


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
    queued += alert_near(rt.store, rt.near, event=f"item:{item.key}", item=item, facts=facts,
                         group_names=lambda: {g.id: book.ruleset.groups.name(g.id) for g in facts.groups},
                         at=at, alert_ids=lambda: rt.store.item_alert_ids(item.key))
    return p, alerts, queued


def _file_in_incident(rt: Runtime, book: Rulebook, item: Item, facts, now: datetime,
                      opening: str | None = None) -> tuple[Processed | None, int, int]:
    """Incidents on: drop near-duplicates, fold the item into its incident, alert or update per rule.

    ``opening``: the item's first words joined by single spaces, as the content hash found them
    (``hash_new_items``): what the near-duplicate signature reads."""
    at = iso(now)
    doc = f"{item.title}\n{item.text}"
    words = opening if opening is not None else prepare(item.title, item.text).tokens
    dup = rt.neardup.query_detail(doc, exclude=item.key, words=words)
    if dup is not None:
        rt.store.record_duplicate(item, of=dup.key, at=at, similarity=dup.similarity)
        log.info("near-duplicate item=%s of=%s similarity=%.2f", item.key, dup.key, dup.similarity)
        return None, 0, 0
    sig = rt.neardup.add(item.key, doc, at=now, words=words)
    if sig is not None:
        rt.store.add_signature(item.key, sig, at=at)
    catalog = book.ruleset.groups
    where_of = located_once(facts)    # the fused incident's facts: asked by the match, then the payloads

    def match(state):
        return book.matcher.match(item.title, item.text, where_of(state))

    filed = file_item(rt.store, item, facts, at=now, catalog=catalog, settings=rt.config.incidents,
                      match=match, active_rules=book.rule_ids)
    matches, inc = filed.matches, filed.incident
    payloads, alerts, queued = [], 0, 0
    where = where_of(inc)   # incident state keeps no coordinates
    if filed.notifications:
        # per item, not per alert: shared payload parts, the reasons, and the writes (a few statements)
        shared = IncidentPayloads(inc, item, catalog=catalog)
        reasons = filed.match_reasons
        by_rule: dict[str, list] = {}
        for m in matches:
            by_rule.setdefault(m.rule_id, []).append(m)
        batch, blobs, coords = [], [], {"lat": where.lat, "lon": where.lon, "precision": where.precision}
        for n in filed.notifications:
            rule = book.rule(n.rule_id)
            payload, blob = shared.encoded(n, rule_title=rule.title, severity=str(rule.severity),
                                           reasons=reasons.get(n.rule_id, ()), extra=coords)
            batch.append((n, payload))
            blobs.append(blob)
        rt.store.add_matches(item_key=item.key, at=at, matches=[
            (m.rule_id, list(m.reasons)) for n in filed.notifications for m in by_rule.get(n.rule_id, ())])
        sent = rt.store.deliver_notifications(batch, item_key=item.key, at=at, blobs=blobs)
        payloads = [payload for (_, payload), (alert_id, _) in zip(batch, sent) if alert_id is not None]
        alerts, queued = len(payloads), sum(q for _, q in sent)
    queued += alert_near(rt.store, rt.near, event=f"incident:{inc.id}", item=item, facts=where, at=at,
                         incident=inc.id,
                         group_names=lambda: {g.id: catalog.name(g.id) for g in inc.groups} if catalog else {},
                         alert_ids=lambda: rt.store.incident_alert_ids(inc.id))
    return Processed(item, facts, tuple(matches), tuple(payloads)), alerts, queued


async def _fetch_and_parse(rt: Runtime, feed: FeedConfig, now: datetime, state,
                           reading: tuple[Rulebook, datetime, asyncio.Lock]) -> tuple[FetchResult, tuple | None]:
    """One feed's fetch, then its parse and the content hashes of items whose key is not stored, off the event
    loop, which of their URLs and hashes are stored (Store.stored_among), and the facts of the rest when the feed
    alerts (read_new: per item, facts or None; article pages are read later). The body is dropped once parsed."""
    res = await _fetch(rt, feed, state)
    if res.error or res.not_modified:
        return res, None
    parsed = await _parse_off_loop(res.content or b"", feed, res.headers, now, rt.config.fetch.max_items)
    known = rt.store.known_keys([i.key for i in parsed.items])    # unchanged items: no hash (~140 us each)
    hashes = await asyncio.to_thread(hash_new_items, parsed.items, known, NEARDUP_WORDS) if parsed.items else []
    stored = rt.store.stored_among([i.url for i, h in zip(parsed.items, hashes) if h], [h[0] for h in hashes if h])
    alerting = rt.config.alert_backlog or bool(state and state.polled_once)
    read = None
    if alerting and not feed.full_text and any(hashes):
        book, too_old, one = reading
        async with one:
            read = await asyncio.to_thread(read_new, parsed.items, hashes, stored, book, too_old)
    return replace(res, content=None), (parsed, hashes, stored, read)


def _parse(content: bytes, name: str, url: str, headers: dict, now: datetime, max_items: int
           ) -> ParseResult:
    """Parse a feed body (pure; runs in a worker thread or process)."""
    return parse_feed(content, feed_name=name, url=url, headers=headers, now=now, max_items=max_items)


# Bodies from this size on are parsed in a worker process: feedparser holds the GIL for long
# stretches on a large document, which a thread would not hide from the event loop (a 10 MB
# feed in a thread still delayed /healthz by 0.7 s). Smaller bodies use a thread: no IPC cost.
PROCESS_PARSE_BYTES = 512 * 1024
_pool: ProcessPoolExecutor | None = None


def _parse_pool() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # spawn, not fork: the daemon has threads (executor, SQLite), which fork does not copy safely
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return _pool


async def _parse_off_loop(content: bytes, feed: FeedConfig, headers: dict, now: datetime, max_items: int
                          ) -> ParseResult:
    global _pool
    args = (content, feed.name, feed.url, dict(headers or {}), now, max_items)
    if len(content) >= PROCESS_PARSE_BYTES:
        try:
            return await asyncio.get_running_loop().run_in_executor(_parse_pool(), _parse, *args)
        except (BrokenProcessPool, OSError) as exc:   # the worker died (OOM kill ...): use a thread
            log.warning("parse worker process failed feed=%s error=%s; parsing in a thread", feed.name, exc)
            _pool = None
    return await asyncio.to_thread(_parse, *args)
