"""Start-up: turn a validated :class:`Config` into a running newsbot.

``run_once`` does one poll cycle of every feed and delivers what it can; the
daemon (``run_forever``) repeats that on each feed's interval.
"""
from __future__ import annotations

import logging
import sys
from contextlib import asynccontextmanager
from typing import AsyncIterator, TextIO

from . import __version__
from .config import Config
from .console import CONSOLE_CHAT, drain_console, subscribe_console
from .cycle import CycleReport, Runtime, poll_cycle, utcnow
from .fetch import Fetcher, FetchSettings
from .process import Rulebook
from .store import Store, iso

log = logging.getLogger("newsbot")


def fetch_settings(config: Config) -> FetchSettings:
    f = config.fetch
    kw = dict(connect_timeout=f.connect_timeout, total_timeout=f.timeout, max_bytes=f.max_bytes,
              max_redirects=f.max_redirects)
    if f.user_agent:
        kw["user_agent"] = f.user_agent
    return FetchSettings(**kw)


@asynccontextmanager
async def runtime(config: Config, *, book: Rulebook | None = None) -> AsyncIterator[Runtime]:
    """Open state, load rules (raising RuleError with file:line), open the HTTP client."""
    book = book or Rulebook.load(config.rules_dir)
    store = Store(config.db_path)
    try:
        if config.console:
            subscribe_console(store, [r.id for r in book.ruleset.rules if r.enabled], at=iso(utcnow()))
        async with Fetcher(fetch_settings(config)) as fetcher:
            yield Runtime(config=config, store=store, book=book, fetcher=fetcher)
    finally:
        store.close()


async def run_once(config: Config, *, out: TextIO | None = None, as_json: bool = False,
                   book: Rulebook | None = None) -> CycleReport:
    async with runtime(config, book=book) as rt:
        report = await poll_cycle(rt)
        if config.console:
            drain_console(rt.store, out or sys.stdout, at=iso(rt.now()), as_json=as_json)
        return report


async def run_forever(config: Config) -> None:
    """The daemon: see :mod:`bot.daemon`."""
    from .daemon import run_daemon
    await run_daemon(config)
