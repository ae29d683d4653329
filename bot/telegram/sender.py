"""The outbox drain: deliver queued notifications to Telegram, losing nothing.

Per chat, rows go out one at a time in id order, and a row is marked ``sent``
only after Telegram accepted it (at-least-once: a crash between the accept and
the mark repeats one message, never loses one). Chats are drained concurrently;
:class:`telegram.ext.AIORateLimiter` on the bot keeps the overall rate (30/s) and
the per-group rate (20/min), and the sender spaces messages to one chat by
``per_chat_interval`` (Telegram asks for about one per second).

When Telegram refuses a send, :mod:`bot.telegram.retry` decides what happens to the row
(wait and retry, defer with backoff, move a migrated chat, deactivate a chat that is gone,
resend as plain text, park as failed); no error drops a row.

Held rows (muted chats and rules, digest mode) are turned into one summary by
:func:`bot.telegram.digests.summarise_held`: when a mute ends, or when the chat's hourly or
daily digest is due. A daily digest is followed by the 7-day chart (a photo);
its row is marked ``sent`` only once both are accepted. The text's message id is
recorded as soon as Telegram accepts it, so a retry sends only the chart: at
worst the chart is repeated, never the digest text.

With ``metrics``, every send attempt is recorded (latency; result ``sent``,
``retry`` for a row kept for another try, ``failed`` for a parked row).

The wall clock (``clock``) and the waiting (``sleep``) are injectable, so tests
can simulate a ten-minute outage in milliseconds.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Iterable

from telegram import Bot, LinkPreviewOptions, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter, TelegramError

from bot.clock import iso, parse_iso, utcnow
from ..store import OutboxRow, Store
from .weekchart import ChartCache, WeekChart
from .digests import summarise_held
from .html import keyboard_markup, mute_keyboard, render_message
from .pictures import PictureSends
from .retry import Action, backoff_seconds, decide, is_format_error

if TYPE_CHECKING:
    from ..metrics import Metrics

__all__ = ["Sender", "SenderConfig", "SendStats"]

log = logging.getLogger("newsbot.sender")


@dataclass
class SenderConfig:
    per_chat_interval: float = 1.0     # seconds between two messages to one chat
    backoff_base: float = 2.0          # first retry after a network error or 5xx
    backoff_cap: float = 60.0          # never wait longer than this between retries
    max_inline_wait: float = 30.0      # RetryAfter up to this is waited in place; longer defers the row
    max_inline_retries: int = 5        # after this many 429s in a row, the row is deferred instead
    concurrency: int = 100             # chats drained at once (the rate limiter sets the pace)
    batch: int = 20                    # rows read per chat per query
    summary_every: float = 30.0        # seconds between checks for due digests and ended mutes
    chart_cache_seconds: float = 600.0  # daily digests due within this share one drawing of the chart


@dataclass
class SendStats:
    sent: int = 0
    retry_after: int = 0       # 429s waited out and retried
    deferred: int = 0          # network errors / 5xx / long 429s: row kept with not_before
    plain_fallbacks: int = 0
    failed: int = 0            # parked rows (bad request even as plain text)
    deactivated: int = 0       # chats that blocked or removed the bot
    migrated: int = 0
    summaries: int = 0
    charts: int = 0            # 7-day charts sent after daily digests
    chart_failures: int = 0    # digests sent without their chart (could not draw it, or refused)
    maps: int = 0              # locator maps sent under alerts (/map on)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class Sender(PictureSends):
    """Drains the outbox through ``bot``. Use :meth:`job` as a JobQueue callback, :meth:`drain` to finish."""

    def __init__(self, bot: Bot, store: Store, *, clock: Callable[[], datetime] = utcnow,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                 config: SenderConfig | None = None, admin_ids: Iterable[int] = (),
                 metrics: "Metrics | None" = None, chart: Callable[[datetime], WeekChart] | None = None):
        """``metrics``: a :class:`bot.metrics.Metrics` that records every send attempt (latency and
        result). ``chart``: ``now -> WeekChart`` (see :func:`bot.telegram.weekchart.chart_source`); with
        it, each daily digest is followed by the 7-day chart."""
        self.bot = bot
        self.store = store
        self.clock = clock
        self.sleep = sleep
        self.config = config or SenderConfig()
        self.admin_ids = frozenset(admin_ids)
        self.metrics = metrics
        self.chart = chart
        self._charts = ChartCache(self.config.chart_cache_seconds) if chart is not None else None
        self.stats = SendStats()
        self._tasks: dict[int, asyncio.Task] = {}
        self._last_send: dict[int, float] = {}
        self._sem: asyncio.Semaphore | None = None
        self._last_summary: datetime | None = None
        self._wake: asyncio.Event | None = None
        self._waker: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # ------------------------------------------------------------ scheduling
    def wake(self) -> None:
        """New rows were committed to the outbox: start draining now, not at the next timer tick.

        Call it after the transaction that queued them commits (the poll cycle's ``on_commit``).
        Safe from any thread; a no-op before the sender has run inside an event loop."""
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not None and (self._loop is None or self._loop is running or not self._loop.is_running()):
            if self._loop is not running:          # first wake, or the sender moved to a new loop
                self._loop, self._wake, self._waker = running, None, None
            if self._wake is None:
                self._wake = asyncio.Event()
            if self._waker is None or self._waker.done():
                self._waker = running.create_task(self._wake_loop(self._wake), name="outbox-wake")
            self._wake.set()
        elif self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.wake)

    async def _wake_loop(self, event: asyncio.Event) -> None:
        while True:
            await event.wait()
            event.clear()
            try:
                self._spawn_due()
            except Exception:  # noqa: BLE001 - the timer job retries; a wake must not kill the waker
                log.exception("outbox wake failed")

    async def job(self, context: Any = None) -> None:
        """JobQueue callback: summarise what is due, start a drain task for each due chat, return."""
        now = self.clock()
        if self._last_summary is None or (now - self._last_summary).total_seconds() >= self.config.summary_every:
            self._last_summary = now
            self.summarise_held()
        self._spawn_due()

    def _spawn_due(self) -> list[asyncio.Task]:
        if self._sem is None:
            self._sem = asyncio.Semaphore(self.config.concurrency)
        started = []
        for chat_id in self.store.due_chats(iso(self.clock())):
            if chat_id in self._tasks:
                continue
            task = asyncio.create_task(self._drain_chat(chat_id), name=f"outbox-chat-{chat_id}")
            self._tasks[chat_id] = task
            task.add_done_callback(lambda t, c=chat_id: self._tasks.pop(c, None) if self._tasks.get(c) is t else None)
            started.append(task)
        return started

    async def drain(self, *, summarise: bool = True, max_rounds: int = 1000) -> SendStats:
        """Deliver everything that is due now (and what becomes due meanwhile); return this call's figures.

        ``self.stats`` keeps the running totals.
        """
        before = SendStats(**self.stats.as_dict())
        if summarise:
            self.summarise_held()
        for _ in range(max_rounds):
            self._spawn_due()
            if not self._tasks:
                break
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)
        return SendStats(**{k: v - getattr(before, k) for k, v in self.stats.as_dict().items()})

    async def flush(self, timeout: float) -> bool:
        """Give the outbox up to ``timeout`` seconds (shutdown); True when nothing due is left."""
        try:
            await asyncio.wait_for(self.drain(summarise=False), timeout)
        except asyncio.TimeoutError:
            await self.stop()
            return False
        return True

    async def stop(self) -> None:
        if self._waker is not None:
            self._waker.cancel()
            await asyncio.gather(self._waker, return_exceptions=True)
            self._waker = None
        tasks = list(self._tasks.values())
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()

    # ------------------------------------------------------------ one chat
    async def _drain_chat(self, chat_id: int) -> None:
        assert self._sem is not None
        async with self._sem:
            while True:
                rows = self.store.next_pending(chat_id, self.config.batch)
                if not rows:
                    return
                for row in rows:
                    if row.not_before and row.not_before > iso(self.clock()):
                        return          # head-of-line: later rows wait for this one
                    try:
                        go_on = await self._deliver(row)
                    except asyncio.CancelledError:
                        raise
                    except Exception:   # noqa: BLE001 - a bug must not kill the drain; keep the row
                        log.exception("unexpected error sending outbox row %s to chat %s", row.id, chat_id)
                        self._defer(row, "internal error")
                        return
                    if not go_on:
                        return

    async def _pace(self, chat_id: int) -> None:
        gap = self.config.per_chat_interval
        if gap <= 0:
            return
        loop = asyncio.get_running_loop()
        last = self._last_send.get(chat_id)
        if last is not None:
            wait = last + gap - loop.time()
            if wait > 0:
                await self.sleep(wait)

    def _mark_pace(self, chat_id: int) -> None:
        if self.config.per_chat_interval > 0:
            now = asyncio.get_running_loop().time()
            self._last_send[chat_id] = now
            if len(self._last_send) > 10000:
                horizon = now - self.config.per_chat_interval
                self._last_send = {c: t for c, t in self._last_send.items() if t > horizon}

    def _defer(self, row: OutboxRow, error: str) -> None:
        delay = backoff_seconds(row.attempts, base=self.config.backoff_base, cap=self.config.backoff_cap)
        self.store.defer(row.id, until=iso(self.clock() + timedelta(seconds=delay)), error=error[:500])
        self.stats.deferred += 1
        log.warning("chat=%s row=%s delivery failed (%s); retry in %.0fs", row.chat_id, row.id, error, delay)

    # ------------------------------------------------------------ metrics
    def _observe(self, seconds: float, result: str, row: OutboxRow | None = None) -> None:
        """One send attempt: sent, retry (the row is kept and tried again) or failed (parked)."""
        if self.metrics is None:
            return
        first_seen = None
        if result == "sent" and row is not None and row.payload.get("type", "alert") in ("alert", "update"):
            # The row is written in the poll cycle's transaction, at the moment the item was first seen.
            first_seen = parse_iso(row.created_at)
        self.metrics.observe_send(seconds, result=result, first_seen=first_seen, at=self.clock())

    # ------------------------------------------------------------ one send, with the retry policy
    async def _send(self, row: OutboxRow, send: Callable[[], Awaitable[Any]],
                    refused: Callable[[BadRequest], bool | None], *, sent_row: OutboxRow | None = None
                    ) -> tuple[Any, bool | None]:
        """Send to ``row``'s chat until Telegram accepts it or :func:`bot.telegram.retry.decide` says stop.

        Returns ``(message, None)`` once accepted, else ``(None, go_on)``: go_on is True when the
        chat's next row may follow, False to stop this chat for now (row deferred, chat migrated or
        gone). ``refused`` handles a bad request about the message itself: None to send again
        (``send`` reads the state it changed), else go_on. ``sent_row`` is timed from first seen.
        """
        chat_id = row.chat_id
        flood_retries = 0
        while True:
            await self._pace(chat_id)
            t0 = time.perf_counter()
            try:
                msg = await send()
            except TelegramError as exc:
                took = time.perf_counter() - t0
                flood_retries += isinstance(exc, RetryAfter)
                d = decide(exc, flood_retries, max_inline_wait=self.config.max_inline_wait,
                           max_inline_retries=self.config.max_inline_retries)
                if d.action is Action.BAD_REQUEST:
                    verdict = refused(exc)
                    self._observe(took, "retry" if verdict is None else "failed")
                    if verdict is None:
                        continue
                    return None, verdict
                self._observe(took, d.metric)
                if d.action is Action.WAIT or d.action is Action.DEFER:
                    self._mark_pace(chat_id)
                    self.stats.retry_after += 1
                    if d.action is Action.WAIT:
                        log.info("chat=%s flood control: waiting %.0fs as Telegram asked", chat_id, d.seconds)
                        await self.sleep(d.seconds)
                        continue
                    self.store.defer(row.id, until=iso(self.clock() + timedelta(seconds=d.seconds)), error=d.reason)
                    self.stats.deferred += 1
                elif d.action is Action.MIGRATE:
                    self.store.migrate_chat(chat_id, d.new_chat_id, at=iso(self.clock()))
                    self.stats.migrated += 1
                    log.warning("chat=%s became supergroup %s; subscriptions and queue moved", chat_id, d.new_chat_id)
                elif d.action is Action.GONE:
                    self._gone(chat_id, d.reason)
                else:   # BACKOFF: network errors, TimedOut, 5xx and anything unexpected: keep the row
                    self._mark_pace(chat_id)
                    self._defer(row, d.reason)
                return None, False
            self._observe(time.perf_counter() - t0, "sent", sent_row)
            self._mark_pace(chat_id)
            return msg, None

    # ------------------------------------------------------------ one row
    async def _deliver(self, row: OutboxRow) -> bool:
        """Send one row; True to go on with the chat's next row, False to stop this chat for now."""
        chat_id = row.chat_id
        chart = self._wants_chart(row)
        if chart and row.message_id is not None:
            # The digest text was accepted on an earlier try; only its chart is missing.
            return await self._send_chart(row, row.message_id)
        html_text, plain_text = render_message(row.payload)
        markup = keyboard_markup(mute_keyboard(row.payload))
        reply = None
        if row.reply_to:
            first = self.store.outbox_row(row.reply_to)
            if first and first.message_id and first.chat_id == chat_id:
                reply = ReplyParameters(message_id=first.message_id, allow_sending_without_reply=True)
        preview = LinkPreviewOptions(is_disabled=row.payload.get("type") in ("digest", "notice"))
        plain = False

        def send():
            return self.bot.send_message(
                chat_id=chat_id, text=plain_text if plain else html_text,
                parse_mode=None if plain else ParseMode.HTML, reply_markup=markup,
                reply_parameters=reply, link_preview_options=preview)

        def refused(exc: BadRequest) -> bool | None:
            nonlocal plain
            reason = exc.message
            if not plain and is_format_error(reason):
                plain = True
                self.stats.plain_fallbacks += 1
                log.warning("chat=%s row=%s rejected as HTML (%s); resending as plain text", chat_id, row.id, reason)
                return None
            why = f"bad request{' (also as plain text)' if plain else ''}: {reason}"
            self.store.mark_failed(row.id, reason=why[:500])
            self.stats.failed += 1
            log.error("chat=%s row=%s parked as failed: %s", chat_id, row.id, why)
            return True

        msg, go_on = await self._send(row, send, refused, sent_row=row)
        if msg is None:
            return bool(go_on)
        if chart:
            # Not done until the chart is accepted too; remember the text went, so a retry
            # sends only the chart (no second digest text).
            self.store.note_message_id(row.id, msg.message_id)
            return await self._send_chart(row, msg.message_id)
        self.store.mark_sent(row.id, at=iso(self.clock()), message_id=msg.message_id)
        self.stats.sent += 1
        await self._send_map(row, msg.message_id)
        return True

    def _gone(self, chat_id: int, reason: str) -> None:
        with self.store.transaction():
            self.store.deactivate_chat(chat_id, reason[:300])
            parked = self.store.fail_pending(chat_id, reason=reason[:500])
        self.stats.deactivated += 1
        log.warning("chat=%s deactivated (%s): subscriptions paused, %d queued message(s) parked; "
                    "admins see it in /feeds", chat_id, reason, parked)

    # ------------------------------------------------------------ held rows: mutes and digests
    def summarise_held(self) -> int:
        """Turn held rows whose mute ended, or whose digest is due, into pending messages; return how many."""
        made = summarise_held(self.store, self.clock())
        self.stats.summaries += made.summaries
        return made.messages
