"""The 7-day chart as the bot sends it: rows from the store, PNG bytes off the event loop, a caption.

Reading the incidents is quick and touches the store, so it happens on the caller's (event
loop) thread, where the store's connection lives. Drawing takes about 100 ms of CPU in
matplotlib, so :meth:`WeekChart.render` is awaited through :func:`asyncio.to_thread`.

:class:`ChartCache` lets many daily digests that fall due together share one drawing (and,
once Telegram has it, one uploaded file id) instead of drawing it once per chat.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from typing import TYPE_CHECKING

from bot.incidents import IncidentState
from bot.clock import as_utc, iso
from ..store import Store

if TYPE_CHECKING:   # bot.telegram.weekchart_draw imports matplotlib: loaded on first use, not when the bot package is
    from bot.telegram.weekchart_draw import ChartRow

__all__ = ["WeekChart", "week_chart", "chart_source", "ChartCache", "CHART_DAYS"]

CHART_DAYS = 7


@dataclass(frozen=True)
class WeekChart:
    """The rows of one chart, and the moment it is drawn for."""

    rows: tuple["ChartRow", ...]
    now: datetime
    days: int = CHART_DAYS

    def _inside(self) -> list["ChartRow"]:
        now = as_utc(self.now)
        start = now - timedelta(days=self.days)
        return [r for r in self.rows if start <= as_utc(r.at) <= now]

    @property
    def caption(self) -> str:
        """Plain text (no parse mode), well under Telegram's 1,024-character caption limit."""
        rows = self._inside()
        deaths = sum(r.killed or 0 for r in rows)
        n = len(rows)
        return (f"📊 Last {self.days} days: {n} incident{'s' * (n != 1)}, {deaths:,} death{'s' * (deaths != 1)}"
                f" — per group and per region")

    def render(self) -> bytes:
        """PNG bytes (CPU-bound: call through ``asyncio.to_thread``)."""
        from bot.telegram.weekchart_draw import render_chart

        return render_chart(self.rows, self.now, days=self.days)

    async def render_async(self) -> bytes:
        return await asyncio.to_thread(self.render)


def week_chart(store: Store, now: datetime, *, book=None, days: int = CHART_DAYS) -> WeekChart:
    """The chart of the ``days`` before ``now`` from the store's incidents.

    ``book`` is the current :class:`bot.rulebook.book.Rulebook`: its region catalogue labels regions
    (Sahel, East Africa, ...) and its group catalogue names groups. Without one, countries are
    labelled by ISO code and groups by id.
    """
    from bot.telegram.weekchart_draw import region_labeller, rows_from_incidents

    states = store.incidents_since(iso(now - timedelta(days=days)), IncidentState.from_json)
    ruleset = getattr(book, "ruleset", None)
    if ruleset is not None:
        rows = rows_from_incidents(states, region_of=region_labeller(ruleset.regions),
                                   group_name=ruleset.groups.name)
    else:
        rows = rows_from_incidents(states)
    return WeekChart(tuple(rows), now, days)


def chart_source(store: Store, rules_provider) -> Callable[[datetime], WeekChart]:
    """``now -> WeekChart`` over ``store``, labelled with the rule book the provider holds right now
    (:class:`~bot.telegram.rulesource.RulebookRules` has ``.book``; a provider without one gets codes)."""
    def source(now: datetime) -> WeekChart:
        return week_chart(store, now, book=getattr(rules_provider, "book", None))
    return source


class ChartCache:
    """One drawing shared by the digests that fall due within ``ttl`` seconds of each other.

    Reused only while the rows are the same (a new incident or a higher toll draws afresh).
    The first sender of a drawing uploads the bytes (it holds the *lease*); senders that come
    while that upload is in flight wait for it and then pass Telegram's file id instead of the
    bytes. Hand-written because it is a few lines tied to this one use.
    """

    def __init__(self, ttl: float = 600.0, *, monotonic: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self._monotonic = monotonic
        self._lock = asyncio.Lock()
        self._key: tuple | None = None
        self._at = 0.0
        self._upload: asyncio.Event | None = None
        self.png: bytes | None = None
        self.file_id: str | None = None
        self.caption = ""
        self.renders = 0

    async def get(self, chart: WeekChart) -> tuple[bytes, str | None, str, bool]:
        """``(png, file_id or None, caption, lease)`` for ``chart``, drawing it unless a fresh copy is
        kept. With ``lease`` the caller uploads the bytes and must call :meth:`uploaded` afterwards,
        whatever happened."""
        key = (chart.rows, chart.days)
        async with self._lock:   # chats drained together wait for one drawing, not draw one each
            if self.png is None or key != self._key or self._monotonic() - self._at > self.ttl:
                self.png = await chart.render_async()
                self.caption = chart.caption
                self.file_id = None
                self._key, self._at = key, self._monotonic()
                self.renders += 1
            png, caption = self.png, self.caption
            if self.file_id is not None:
                return png, self.file_id, caption, False
            if self._upload is None:
                self._upload = asyncio.Event()
                return png, None, caption, True
            upload = self._upload
        await upload.wait()
        return png, (self.file_id if png is self.png else None), caption, False

    def uploaded(self, png: bytes, file_id: str | None) -> None:
        """The leaseholder's upload ended: with Telegram's ``file_id``, or None when it failed."""
        if file_id and png is self.png:
            self.file_id = file_id
        if self._upload is not None:
            self._upload.set()
            self._upload = None

    def forget_file_id(self) -> None:
        self.file_id = None
