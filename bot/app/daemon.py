"""``newsbot run``: one asyncio process you can leave running for months.

What runs, all on one APScheduler ``AsyncIOScheduler`` (with or without a bot token;
python-telegram-bot's JobQueue carries only the outbox sender):

* one job per feed, rescheduled after each poll by :func:`bot.feeds.schedule.plan_next`
  (interval with jitter, exponential backoff, Retry-After, the feed's TTL);
  ``max_instances=1`` and ``coalesce=True``; fetch concurrency is capped overall and
  per host by :class:`bot.pipeline.cycle.Runtime`;
* the outbox sender (registered by :func:`bot.telegram.build_application`);
* a console drain when ``console: true``; retention pruning; a feed-list sync that
  picks up feeds added with ``newsbot feeds add``.

Rules reload on edits in ``rules_dir`` (watchfiles), on SIGHUP and on ``/reload``;
an invalid set is reported to admins and the last good set keeps running.
SIGTERM/SIGINT finish the polls in flight, give the outbox up to 10 s, close the
database and return.
"""
from __future__ import annotations

import asyncio
import gc
import logging
import random
import signal
import sys
import time
from datetime import datetime, timedelta
from typing import Callable

from telegram.error import InvalidToken

from bot.clock import iso, parse_iso, utcnow
from bot.config import Config, FeedConfig
from bot.errors import ConfigError
from bot.app.arenas import limit_malloc_arenas
from bot.extraction import warm_up_in_background
from bot.feeds.admin import feed_configs, feed_details
from bot.feeds.schedule import FeedEvent, SchedulePolicy, first_delay, plan_next
from bot.metrics import Metrics
from bot.notify.console import CONSOLE_CHAT, drain_console, subscribe_console
from bot.pipeline.cycle import CycleReport, Runtime, poll_cycle
from bot.rulebook.book import Rulebook
from bot.rulebook.reload import ReloadResult, RuleReloader, rule_ids
from bot.store import Store
from bot.telegram import build_application, get_sender
from bot.telegram.rulesource import RulebookRules
from .health import HealthChecks, HealthServer
from .jobs import Jobs
from .runtime import runtime

log = logging.getLogger("newsbot.daemon")

SHUTDOWN_OUTBOX_SECONDS = 10.0
SHUTDOWN_POLL_SECONDS = 30.0
FEED_SYNC_SECONDS = 60.0


class Daemon:
    def __init__(self, config: Config, *, now: Callable[[], datetime] = utcnow,
                 rng: random.Random | None = None):
        self.config = config
        self.now = now
        self.rng = rng or random.Random()
        self.policy = SchedulePolicy.from_config(config)
        self.metrics = Metrics()
        self.stop_event = asyncio.Event()
        self.stopping = False
        self.feeds: dict[str, FeedConfig] = {}
        self._inflight: set[asyncio.Task] = set()
        self.app = None
        self.sender = None
        self.rt: Runtime | None = None
        self.jobs: Jobs | None = None
        self.fatal: Exception | None = None
        self.telegram_down_since: datetime | None = None
        self._telegram_task: asyncio.Task | None = None

    # ------------------------------------------------------------------ admin and chat notices
    def notice(self, chat_id: int, text: str) -> None:
        store = self.rt.store
        store.ensure_chat(chat_id, at=iso(self.now()))
        store.enqueue(chat_id=chat_id, payload={"type": "notice", "text": text}, at=iso(self.now()), kind="notice")

    def tell_admins(self, text: str) -> None:
        log.warning("admin notice: %s", text.replace("\n", " | "))
        if self.config.telegram_token is None:
            return
        for admin in self.config.telegram.admin_ids:
            self.notice(admin, text)

    # ------------------------------------------------------------------ rules
    def _apply_rules(self, book: Rulebook):
        self.rt.book = book
        changes = self.rt.store.sync_rule_subscriptions(rule_ids(book))
        for chat_id, rule_id in changes.suspended:
            if chat_id != CONSOLE_CHAT:
                self.notice(chat_id, f"The rule '{rule_id}' was removed. Your subscription is paused "
                                     "and resumes if the rule comes back.")
        for chat_id, rule_id in changes.resumed:
            if chat_id != CONSOLE_CHAT:
                self.notice(chat_id, f"The rule '{rule_id}' is back; your subscription is active again.")
        if self.config.console:
            subscribe_console(self.rt.store, [r.id for r in book.ruleset.rules if r.enabled], at=iso(self.now()))
        return changes

    def _on_reload(self, book: Rulebook, result: ReloadResult) -> None:
        changes = self._apply_rules(book)
        text = result.summary()
        paused = removed_with_subscribers(changes.suspended)
        if paused:
            text += "\n" + paused
        self.tell_admins(text)
        freeze_heap("rules reload")

    def _on_result(self, result: ReloadResult) -> None:
        self.metrics.observe_reload(result.status, rules=len(self.rt.book.ruleset.rules))

    # ------------------------------------------------------------------ polling
    def _schedule(self, feed: FeedConfig, delay: float) -> None:
        self.jobs.once(f"feed:{feed.url}", delay, lambda: self.poll(feed.url))

    async def poll(self, url: str) -> CycleReport | None:
        feed = self.feeds.get(url)
        if feed is None or self.stopping:
            return None
        task = asyncio.current_task()
        self._inflight.add(task)
        store = self.rt.store
        delay = float(feed.interval)
        report = None
        try:
            state = store.feed(url)
            was_broken = bool(state and state.broken)
            now = self.now()
            try:
                report = await poll_cycle(self.rt, [feed])
            except Exception:  # noqa: BLE001 - a bug in one feed's cycle must not stop the daemon
                log.exception("poll cycle failed feed=%s", feed.name)
            outcome = report.feeds[0] if report and report.feeds else None
            state = store.feed(url)
            ok = outcome is not None and outcome.status != "error"
            failures = state.consecutive_failures if state else 0
            plan = plan_next(self.policy, now=now, interval=feed.interval, ok=ok,
                             failures=failures if (ok or outcome is not None) else failures + 1,
                             was_broken=was_broken, rng=self.rng,
                             ttl=outcome.ttl if outcome else None,
                             retry_after=outcome.retry_after if outcome else None)
            store.set_next_poll(url, iso(plan.next_poll))
            delay = plan.delay
            if report is not None:
                self.metrics.observe_cycle(report, at=now)
            if plan.event is FeedEvent.BROKEN:
                self.tell_admins(f"Feed '{feed.name}' is broken after {failures} failures: "
                                 f"{state.last_error if state else 'unknown error'}")
            elif plan.event is FeedEvent.RECOVERED:
                self.tell_admins(f"Feed '{feed.name}' has recovered.")
            if self.config.console:
                drain_console(store, sys.stdout, at=iso(self.now()))
            return report
        finally:
            self._inflight.discard(task)
            if not self.stopping and url in self.feeds:
                self._schedule(feed, delay)

    async def sync_feeds(self) -> None:
        """Follow the feed list (config plus ``newsbot feeds add``): schedule new feeds, drop removed ones."""
        current = {f.url: f for f in feed_configs(self.config, self.rt.store)}
        now = self.now()
        for url, feed in current.items():
            if url not in self.feeds:
                self.feeds[url] = feed
                state = self.rt.store.ensure_feed(url, feed.name, at=iso(now))
                next_poll = parse_iso(state.next_poll_at) if state.next_poll_at else None
                self._schedule(feed, first_delay(self.policy, feed.interval, rng=self.rng,
                                                 next_poll=next_poll, now=now))
        for url in list(self.feeds):
            if url not in current:
                del self.feeds[url]

    async def prune(self) -> None:
        now = self.now()
        items_before, outbox_before = self.config.retention.cutoffs(now)
        store = self.rt.store
        report = store.prune(items_before=items_before, outbox_before=outbox_before,
                             batch=self.config.retention.batch)
        inc = self.config.incidents
        store.prune_signatures(iso(now - timedelta(days=inc.neardup_retention_days)))
        store.prune_incidents(iso(now - timedelta(days=inc.retention_days)))
        log.info("pruned %s", report)

    async def drain_console(self) -> None:
        drain_console(self.rt.store, sys.stdout, at=iso(self.now()))

    # ------------------------------------------------------------------ start and stop
    async def _start_bot(self, store: Store) -> None:
        """Build the bot and ask getMe once.

        A rejected token (401/404) raises :class:`ConfigError` at once. An unreachable
        Bot API does not hold start-up back: feeds are polled, alerts wait in the outbox,
        and :meth:`_connect_bot` keeps trying in the background.
        """
        token = self.config.telegram_token.get_secret_value()
        rules = RulebookRules(get_book=lambda: self.rt.book,
                              reloader=lambda: self.reloader.reload("command").summary())
        self.app = build_application(
            token, store=store, rules_provider=rules, base_url=self.config.telegram_api_url,
            admin_ids=self.config.telegram.admin_ids, allowed_chats=self.config.telegram.allowed_chats or None,
            drain_interval=self.config.telegram.send_interval, metrics=self.metrics)
        self.sender = get_sender(self.app)
        self.rt.on_commit = self.sender.wake      # send what a cycle queued as soon as it commits
        if not await self._try_initialize():
            self._telegram_task = asyncio.create_task(self._connect_bot())

    async def _try_initialize(self) -> bool:
        try:
            await self.app.initialize()
        except InvalidToken:
            raise ConfigError("TELEGRAM_BOT_TOKEN was rejected by the Bot API (getMe answered 401/404): "
                              "check the token with @BotFather and TELEGRAM_API_URL") from None
        except Exception as exc:  # noqa: BLE001 - unreachable: poll anyway, alerts wait in the outbox
            if self.telegram_down_since is None:
                self.telegram_down_since = self.now()
            self.metrics.set_telegram_reachable(False)
            log.error("cannot reach the Telegram Bot API since %s; feeds are still polled and alerts wait "
                      "in the outbox: %s: %s", iso(self.telegram_down_since), type(exc).__name__, exc)
            return False
        self.telegram_down_since = None
        self.metrics.set_telegram_reachable(True)
        await self.app.start()
        await self.app.updater.start_polling(drop_pending_updates=False)
        log.info("telegram connected")
        return True

    async def _connect_bot(self) -> None:
        """Retry getMe with backoff until Telegram answers, then start the bot."""
        delay = 2.0
        while not self.stop_event.is_set():
            try:
                await asyncio.wait_for(self.stop_event.wait(), delay)
                return
            except asyncio.TimeoutError:
                pass
            try:
                if await self._try_initialize():
                    return
            except ConfigError as exc:   # the token was revoked while we waited: stop, say why
                log.error("%s", exc)
                self.fatal = exc
                self.stop_event.set()
                return
            except Exception as exc:  # noqa: BLE001 - getMe answered but starting failed: try again
                log.error("cannot start the Telegram bot, retrying: %s: %s", type(exc).__name__, exc)
            delay = min(delay * 2, 60.0)

    def _degraded(self) -> list[str]:
        if self.telegram_down_since is None:
            return []
        return [f"telegram: unreachable since {iso(self.telegram_down_since)}"]

    async def _stop_bot(self) -> None:
        if self._telegram_task is not None:
            self._telegram_task.cancel()
            await asyncio.gather(self._telegram_task, return_exceptions=True)
        if self.app is None or not self.app.running:
            return
        await self.sender.flush(SHUTDOWN_OUTBOX_SECONDS)
        if self.app.updater and self.app.updater.running:
            await self.app.updater.stop()
        await self.app.stop()
        await self.app.shutdown()

    def _install_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(sig, self.stop_event.set)
            except (NotImplementedError, RuntimeError):  # not the main thread (tests)
                pass

    async def run(self) -> None:
        config = self.config
        self._install_signals()                          # before the slow start-up: SIGTERM then exits cleanly
        book = Rulebook.load(config.rules_dir)          # RuleError: do not start on broken rules
        limit_malloc_arenas()                            # before the warm-up thread allocates (bot/app/arenas.py)
        warm_up_in_background(book.ruleset.groups)       # the gazetteer loads beside start-up
        async with runtime(config, book=book, now=self.now) as rt:   # names the state folder on errors
            self.rt = rt
            store = rt.store
            try:
                self.reloader = RuleReloader(config.rules_dir, Rulebook.load, current=book,
                                             on_reload=self._on_reload,
                                             on_invalid=lambda r: self.tell_admins(r.summary()),
                                             on_result=self._on_result)
                if config.telegram_token is not None:
                    await self._start_bot(store)
                self._apply_rules(book)
                if self.stop_event.is_set():
                    return
                self.jobs = Jobs()
                await self.sync_feeds()
                self.jobs.every("feeds-sync", FEED_SYNC_SECONDS, self.sync_feeds)
                self.jobs.every("retention", config.retention.every, self.prune)
                if config.console:
                    self.jobs.every("console", 1.0, self.drain_console)
                self.jobs.start()
                try:
                    self.reloader.install_signal_handler()
                except (NotImplementedError, RuntimeError, ValueError):
                    pass
                watcher = (asyncio.create_task(self.reloader.watch(
                    stop_event=self.stop_event, debounce_ms=config.reload.debounce_ms,
                    force_polling=config.reload.force_polling)) if config.reload.watch else None)
                health = None
                if config.health.enabled:
                    health = HealthServer(
                        HealthChecks(scheduler_alive=lambda: self.jobs.running and not self.stopping,
                                     db_writable=store.writable,
                                     last_success=lambda: self.metrics.last_success_at or store.last_successful_poll(),
                                     max_poll_age=config.health.poll_age_limit(f.interval for f in self.feeds.values()),
                                     now=self.now, degraded=self._degraded,
                                     feed_details=lambda: feed_details(store)),
                        self.metrics, host=config.health.host, port=config.health.port,
                        refresh=self._refresh_metrics)
                    await health.start()
                    log.info("health endpoint url=%s", health.url)
                telegram = ("off" if self.app is None else
                            "on" if self.telegram_down_since is None else "unreachable")
                log.info("newsbot running feeds=%d rules=%d telegram=%s", len(self.feeds),
                         len(book.ruleset.rules), telegram)
                await self.stop_event.wait()
                await self._shutdown(watcher, health)
                if self.fatal is not None:
                    raise self.fatal
            finally:
                log.info("newsbot stopped")

    def _refresh_metrics(self) -> None:
        store = self.rt.store
        self.metrics.set_outbox(store.outbox_counts())
        self.metrics.set_feeds_broken(store.broken_feed_count())
        self.metrics.feeds_with_warnings.set(store.parse_report_totals()["feeds_with_warnings"])

    async def _shutdown(self, watcher, health) -> None:
        log.info("shutting down: finishing polls in flight")
        self.stopping = True
        if self._inflight:
            await asyncio.wait(list(self._inflight), timeout=SHUTDOWN_POLL_SECONDS)
        if self.config.console:
            drain_console(self.rt.store, sys.stdout, at=iso(self.now()))
        await self._stop_bot()
        self.jobs.shutdown()
        if watcher is not None:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)
        if health is not None:
            await health.stop()


def removed_with_subscribers(suspended) -> str:
    """Admins' line for a reload that removed subscribed rules: which rules, how many chats each."""
    chats: dict[str, set[int]] = {}
    for chat_id, rule_id in suspended:
        if chat_id != CONSOLE_CHAT:
            chats.setdefault(rule_id, set()).add(chat_id)
    if not chats:
        return ""
    every = set().union(*chats.values())
    parts = ", ".join(f"{rid} ({len(c)} chat{'s' if len(c) != 1 else ''})" for rid, c in sorted(chats.items()))
    return (f"Removed rules had subscribers: {parts}; {len(every)} chat{'s' if len(every) != 1 else ''} "
            "affected. Their subscriptions are paused and resume if the rules come back.")


async def run_daemon(config: Config) -> None:
    await Daemon(config).run()


def freeze_heap(why: str) -> int:
    """Collect once, then move the heap out of the cyclic collector's passes (:func:`gc.freeze`).

    Start-up freezes its heap after warm-up (:func:`bot.extraction.warm_up`); a reload builds a new
    rulebook (about 170,000 objects at 10,000 rules) that every full collection would walk again,
    in the middle of poll cycles (the whole pipeline at 10,000 rules after a reload: 6.37 ms per item
    unfrozen, 6.08 frozen, as after start-up). Freezing it after a successful reload puts it with the
    start-up heap. What else is frozen then: every object made
    since the last freeze, i.e. long-lived state (caches, indexes) and whatever the loop holds at
    that moment; the collection first frees cyclic garbage, which freezing would otherwise keep
    for good. The old rulebook needs no :func:`gc.unfreeze`: frozen objects are still freed by
    reference counting, and a rulebook has no reference cycles (tests/test_reload_freeze.py), so
    it goes when the last cycle using it ends. The collection walks only the objects made since
    the last freeze (70-100 ms CPU on the loop at 10,000 rules, once per reload). Returns the
    frozen count."""
    t = time.process_time()
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.info("heap frozen after %s: %d objects, %.0f ms CPU", why, frozen, (time.process_time() - t) * 1000)
    return frozen
