"""The daemon's timer: one APScheduler ``AsyncIOScheduler`` on the event loop."""
from __future__ import annotations

from datetime import timedelta, timezone
from typing import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import utcnow


class Jobs:
    """Timed work on one ``AsyncIOScheduler`` running on the daemon's event loop.

    The same path with and without Telegram: every job is a coroutine function, so
    APScheduler's asyncio executor awaits it on the loop (a plain callable returning a
    coroutine would be run in a thread and never awaited). python-telegram-bot's own
    JobQueue only carries the outbox sender, and starts when Telegram is reachable.
    """

    def __init__(self):
        self.scheduler = AsyncIOScheduler(timezone=timezone.utc)

    @property
    def running(self) -> bool:
        return bool(self.scheduler.running)

    @staticmethod
    def _job(fn: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            await fn()
        return job

    def once(self, name: str, delay: float, fn: Callable[[], Awaitable[None]]) -> None:
        self.scheduler.add_job(self._job(fn), "date", run_date=utcnow() + timedelta(seconds=max(0.0, delay)),
                               id=name, replace_existing=True, max_instances=1, coalesce=True,
                               misfire_grace_time=None)

    def every(self, name: str, seconds: float, fn: Callable[[], Awaitable[None]]) -> None:
        self.scheduler.add_job(self._job(fn), "interval", seconds=seconds, id=name, replace_existing=True,
                               max_instances=1, coalesce=True)

    def start(self) -> None:
        if not self.scheduler.running:
            self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
